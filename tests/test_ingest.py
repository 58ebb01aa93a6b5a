"""Unit tests of :mod:`kg.ingest`: encodings, JSON Lines, HTML, the date line,
boilerplate lists, and the rule that one bad file never stops a batch.

No spaCy model is needed: everything here stops at :class:`~kg.models.Article`.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import (
    MAX_BYTES,
    MAX_CHARS,
    clean_paragraphs,
    content_hash,
    decode,
    iter_articles,
    make_article,
    read_file,
    read_html,
    read_jsonl,
)
from kg.models import Article

BODY = ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Geneva on Monday.\n\n"
        '"We will not accept any attack on our allies," Scholz told reporters.\n')
ACCENTED = "Pedro Sánchez praised the café owners of Zürich, François said: \u201cça va\u201d \u2013 \u20ac5."


def _articles(items: list[Article | IngestError]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def _errors(items: list[Article | IngestError]) -> list[IngestError]:
    return [x for x in items if isinstance(x, IngestError)]


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("utf-32-be", b"\x00\x00\xfe\xff"),
])
def test_decode_reads_unicode_encodings_with_and_without_bom(encoding: str, bom: bytes) -> None:
    text = decode(bom + ACCENTED.encode(encoding), "a.txt")
    assert text.lstrip("\ufeff") == ACCENTED


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_decode_detects_single_byte_western_encodings(encoding: str) -> None:
    sample = ACCENTED if encoding == "cp1252" else ACCENTED.replace("\u201c", '"').replace(
        "\u201d", '"').replace("\u2013", "-").replace("\u20ac", "EUR ")
    data = ((sample + " ") * 20).encode(encoding)
    text = decode(data, "a.txt")
    assert "Sánchez" in text and "Zürich" in text and "François" in text


@pytest.mark.parametrize("data, cause", [
    (b"", "empty"),
    (b"  \n\t \r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
    (b"PK\x03\x04\x14\x00\x00\x00", "binary"),
    (bytes(range(256)) * 4 + b"\x00" * 512, "binary"),
    (b"\xff\xfe" + "odd".encode("utf-16-le") + b"\x00", "utf-16"),
])
def test_decode_refuses_empty_binary_and_broken_input_with_a_cause(data: bytes, cause: str) -> None:
    with pytest.raises(IngestError) as info:
        decode(data, "bad.txt")
    assert info.value.source == "bad.txt"
    assert cause in info.value.cause


def test_decode_keeps_nul_bytes_of_valid_utf8_for_the_cleaner_to_drop() -> None:
    text = decode(b"Sch\x00olz met Macron.", "a.txt")
    assert make_article(text, "a.txt").text == "Scholz met Macron."


# ---------------------------------------------------------------- normalisation


def test_make_article_unifies_crlf_cr_and_unicode_line_separators() -> None:
    raw = "Headline here\r\n\r\nFirst paragraph.\r\rSecond paragraph.\u2029Third paragraph.\u2028Fourth."
    art = make_article(raw, "a.txt")
    assert art.text.split("\n\n") == ["Headline here", "First paragraph.", "Second paragraph.",
                                      "Third paragraph.", "Fourth."]
    assert "\r" not in art.text


def test_make_article_removes_control_zero_width_and_direction_characters() -> None:
    raw = "\x01Sch\u200bolz\ufeff met \u202eMacron\u202c\x7f in Gen\x85eva\x1b.\x0c"
    assert make_article(raw, "a.txt").text == "Scholz met Macron in Geneva."


def test_make_article_removes_lone_surrogates_so_the_text_can_be_encoded() -> None:
    art = make_article("Scholz \ud800met\udfff Macron.", "a\udcff.txt", title="T\udc80itle", url="http://x/\ud800")
    for value in (art.text, art.doc, art.title or "", art.url or ""):
        value.encode("utf-8")  # would raise on a surrogate
    assert art.text.endswith("Scholz met Macron.")
    assert art.id == content_hash(art.text)


def test_make_article_keeps_emoji_non_latin_scripts_and_zero_width_joiners() -> None:
    raw = "Xi 习近平 met Путин 🤝\u200d🌍 and said שלום سلام."
    assert make_article(raw, "a.txt").text == raw


def test_make_article_applies_unicode_nfc() -> None:
    assert make_article("Zu\u0308rich talks.", "a.txt").text == "Z\u00fcrich talks."


def test_content_hash_is_the_article_id_and_ignores_line_ending_style() -> None:
    a = make_article("Headline\n\nBody text here.", "a.txt")
    b = make_article("Headline\r\n\r\nBody text here.\r\n", "b.txt")
    assert a.id == b.id == content_hash(a.text)
    assert len(a.id) == 64


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t", "\u200b\ufeff", "Share this article\n\nAdvertisement"])
def test_make_article_refuses_text_with_nothing_left(raw: str) -> None:
    with pytest.raises(IngestError, match="no article text left"):
        make_article(raw, "a.txt")


def test_make_article_refuses_text_longer_than_the_parser_limit_quickly() -> None:
    import time

    paragraph = "The minister said talks would continue after the summit on trade number {}."
    raw = "\n\n".join(paragraph.format(i) for i in range(MAX_CHARS // len(paragraph) + 10))
    started = time.perf_counter()
    with pytest.raises(IngestError, match="too long") as info:
        make_article(raw, "big.txt")
    assert time.perf_counter() - started < 5
    assert f"{MAX_CHARS:,}" in info.value.cause


def test_make_article_accepts_text_just_under_the_limit() -> None:
    raw = ("word " * (MAX_CHARS // 5))[: MAX_CHARS - 10]
    assert len(make_article(raw, "a.txt").text) <= MAX_CHARS


def test_a_headline_printed_twice_is_kept_once() -> None:
    raw = "Leaders meet in Geneva\n\nLeaders meet in Geneva\n\nScholz met Macron on Monday in Geneva."
    art = make_article(raw, "a.txt")
    assert art.text.count("Leaders meet in Geneva") == 1
    assert art.title == "Leaders meet in Geneva"


def test_an_explicit_title_comes_first_and_is_not_repeated() -> None:
    art = make_article("Body sentence one.\n\nMy Title\n\nBody sentence two.", "a.txt", title="My Title")
    assert art.text.split("\n\n") == ["My Title", "Body sentence one.", "Body sentence two."]


# ---------------------------------------------------------------- the date line


@pytest.mark.parametrize("line, date", [
    ("date 2025-09-04 WORLD", "2025-09-04"),
    ("Date: 2025-09-04", "2025-09-04"),
    ("  DATE=2024-02-29", "2024-02-29"),
    ("\ufeffdate 2025-01-31", "2025-01-31"),
])
def test_the_date_line_gives_the_date_and_is_not_article_text(line: str, date: str) -> None:
    art = make_article(f"{line}\nHeadline of the story\n\nScholz met Macron in Geneva.", "a.txt")
    assert art.date == date
    assert "date" not in art.text.lower().split()[0]
    assert date not in art.text


def test_a_date_argument_wins_over_the_date_line() -> None:
    art = make_article("date 2025-09-04\nScholz met Macron.", "a.txt", date="2024-01-01")
    assert art.date == "2024-01-01"


@pytest.mark.parametrize("date", ["2025-13-45", "2025-02-30", "2025-00-10"])
def test_an_impossible_date_line_is_dropped_not_stored_ill_typed(date: str) -> None:
    art = make_article(f"date {date}\nScholz met Macron.", "a.txt")
    assert art.date is None and art.text == "Scholz met Macron."


@pytest.mark.parametrize("date", ["2025-13-45", "2025-02-30", "2025-13", "2025-00"])
def test_an_impossible_date_argument_is_dropped(date: str) -> None:
    assert make_article("Scholz met Macron.", "a.txt", date=date).date is None


@pytest.mark.parametrize("given, iso", [("2025-09", "2025-09"), ("4 September 2025", "2025-09-04"),
                                         ("2025-09-04T10:00:00Z", "2025-09-04")])
def test_dates_in_other_forms_are_read_as_iso(given: str, iso: str) -> None:
    assert make_article("Scholz met Macron.", "a.txt", date=given).date == iso


def test_a_date_that_is_not_a_date_is_dropped() -> None:
    assert make_article("Scholz met Macron.", "a.txt", date="not a date at all").date is None


def test_date_in_the_middle_of_the_text_is_not_a_date_line() -> None:
    art = make_article("Scholz met Macron.\n\ndate 2025-09-04 was mentioned.", "a.txt")
    assert art.date is None


# ---------------------------------------------------------------- boilerplate


@pytest.mark.parametrize("heading", ["Explore", "Related", "Related Articles:", "Read also", "Read more",
                                     "Recommended for you", "Most read", "More from Reuters", "See also",
                                     "Trending now", "You may also like", "Further reading"])
def test_a_list_of_other_stories_after_a_heading_is_dropped(heading: str) -> None:
    lines = ["Scholz met Macron in Geneva on Monday to discuss the ceasefire.", heading,
             "China unveils new weapons at parade", "Five things to know about the summit",
             "Opinion: what the talks mean"]
    assert clean_paragraphs(lines) == [lines[0]]


def test_the_list_ends_at_the_first_line_of_prose() -> None:
    prose = ("Macron said France would keep supporting Ukraine for as long as it takes, and he criticized "
             "Russia for the strikes on civilian targets.")
    out = clean_paragraphs(["Intro sentence.", "Related", "Headline one", prose])
    assert out == ["Intro sentence.", prose]


@pytest.mark.parametrize("line", ["2 min read", "Share this article", "Advertisement", "Photo: AP",
                                  "Source: Reuters", "By John Smith", "© 2025 Example News",
                                  "All rights reserved.", "Subscribe now for more", "WORLD",
                                  "September 4, 2025", "Read Also: China Unveils New War Technology",
                                  "RelatedTRT World - Parade in Beijing"])
def test_page_furniture_lines_are_dropped(line: str) -> None:
    assert clean_paragraphs(["Scholz met Macron.", line]) == ["Scholz met Macron."]


def test_article_prose_that_mentions_boilerplate_words_is_kept() -> None:
    lines = ["Macron said the related talks would be shared with allies.",
             "By the end of the day, the ministers had signed the deal."]
    assert clean_paragraphs(lines) == lines


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_gives_one_article_per_line_with_metadata() -> None:
    data = "\n".join([
        json.dumps({"text": "Scholz met Macron.", "title": "Talks", "date": "2025-09-04",
                    "url": "https://example.org/a", "publisher": "Example", "doc": "a.txt"}),
        json.dumps({"text": "Putin met Xi."}),
    ])
    out = list(read_jsonl(data, "feed.jsonl"))
    assert [type(x) for x in out] == [Article, Article]
    a, b = out
    assert (a.doc, a.title, a.date, a.url, a.publisher) == ("a.txt", "Talks", "2025-09-04",
                                                            "https://example.org/a", "Example")
    assert b.doc == "feed.jsonl:2"


def test_jsonl_bad_lines_are_reported_by_line_and_the_rest_is_read() -> None:
    data = "\n".join([
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        json.dumps({"text": "  "}),
        json.dumps([1, 2]),
        json.dumps({"text": 7}),
        "",
        json.dumps({"text": "lone \ud800 surrogate, Scholz met Macron."}),
        json.dumps({"text": "Putin met Xi.", "doc": "odd\ndoc\ud800.txt", "title": ["a"], "date": {"x": 1}}),
    ])
    out = list(read_jsonl(data, "feed.jsonl"))
    errors = _errors(out)
    assert [e.source for e in errors] == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4",
                                          "feed.jsonl:5"]
    assert "not JSON" in errors[0].cause
    arts = _articles(out)
    assert len(arts) == 2
    assert arts[0].text == "lone surrogate, Scholz met Macron."
    assert "\n" not in arts[1].doc and arts[1].date is None
    arts[1].doc.encode("utf-8")


@pytest.mark.parametrize("data, cause", [(b"\xfe\xff", "empty file"), (b"\xff\xfe \x00\n\x00", "empty file"),
                                         ("\u00a0\n\u3000\n".encode(), "no JSON lines")])
def test_a_jsonl_file_with_no_lines_is_one_error_not_silence(tmp_path: Path, data: bytes, cause: str) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_bytes(data)
    (err,) = list(iter_articles([p]))
    assert isinstance(err, IngestError) and cause in err.cause and err.source == str(p)


def test_jsonl_from_a_file_keeps_the_file_path_as_provenance(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps({"text": "Scholz met Macron."}) + "\n", encoding="utf-8")
    (art,) = list(read_file(p))
    assert isinstance(art, Article) and art.path == str(p) and art.doc == "feed.jsonl:1"


# ---------------------------------------------------------------- HTML


HTML = ("<!doctype html><html><head><title>Leaders meet in Geneva</title>"
        "<script>var injected = 'SCRIPT TEXT';</script><style>p { color: red }</style></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        "<iframe src='https://ads.example/'>IFRAME TEXT</iframe>"
        "<article><h1>Leaders meet in Geneva</h1>"
        "<p>German Chancellor Olaf Scholz met French President Emmanuel Macron in Geneva on Monday to discuss "
        "the ceasefire and the reconstruction of Ukraine.</p>"
        "<p>\"We will not accept any attack on our allies,\" Scholz told reporters after the talks, which "
        "lasted more than three hours.</p>"
        "<p>Macron said France supported Ukraine and criticized Russia for the strikes on the power grid.</p>"
        "<script>alert('x')</script></article><footer>© 2025 Example News</footer></body></html>")


def test_html_gives_the_article_text_without_script_style_or_iframe() -> None:
    pytest.importorskip("trafilatura")
    art = read_html(HTML, "page.html")
    assert "Scholz met French President" in art.text or "Olaf Scholz met" in art.text
    for junk in ("SCRIPT TEXT", "IFRAME TEXT", "alert(", "color: red"):
        assert junk not in art.text
    assert art.title == "Leaders meet in Geneva"
    assert art.text.startswith("Leaders meet in Geneva")


def test_html_with_no_article_is_an_ingest_error() -> None:
    with pytest.raises(IngestError, match="no article text"):
        read_html("<html><head><script>x()</script><style>p{}</style></head><body><div> </div></body></html>",
                  "p.html")


def test_html_files_are_read_by_suffix(tmp_path: Path) -> None:
    p = tmp_path / "Page.HTM"
    p.write_text(HTML, encoding="utf-8")
    (art,) = list(iter_articles([p]))
    assert isinstance(art, Article), art
    assert art.doc == "Page.HTM"


# ---------------------------------------------------------------- files and directories


def test_a_directory_is_read_recursively_in_sorted_order_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Putin met Xi.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Scholz met Macron.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden text.", encoding="utf-8")
    out = list(iter_articles([tmp_path]))
    assert [a.doc for a in _articles(out)] == ["a.md", "z.txt"]
    assert not _errors(out)


def test_a_directory_with_no_article_files_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    (err,) = list(iter_articles([tmp_path]))
    assert isinstance(err, IngestError) and "no article files" in err.cause and err.source == str(tmp_path)


def test_a_missing_path_is_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Scholz met Macron.", encoding="utf-8")
    out = list(iter_articles([tmp_path / "missing.txt", good]))
    assert isinstance(out[0], IngestError) and "no such file" in out[0].cause
    assert isinstance(out[1], Article)


def test_a_symlink_loop_is_reported_once_and_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Scholz met Macron.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    out = list(iter_articles([tmp_path]))
    assert len(_articles(out)) == 1
    (err,) = _errors(out)
    assert "loop" in err.cause and err.source.endswith("up")


@pytest.mark.parametrize("make", ["self", "dangling"])
def test_a_broken_symlink_is_reported_as_unreadable(tmp_path: Path, make: str) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(link.name if make == "self" else "nowhere.txt")
    (err,) = list(iter_articles([tmp_path]))
    assert isinstance(err, IngestError) and "cannot read" in err.cause and err.source == str(link)


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (err,) = list(iter_articles([tmp_path]))  # reading a FIFO with no writer would block forever
    assert isinstance(err, IngestError) and "regular file" in err.cause


def test_a_device_named_on_the_command_line_is_refused() -> None:
    (err,) = list(iter_articles(["/dev/zero"]))  # reading it would never end
    assert isinstance(err, IngestError) and "regular file" in err.cause


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    p = tmp_path / "dump.txt"
    with open(p, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no disk used
    (err,) = list(iter_articles([p]))
    assert isinstance(err, IngestError) and "too large" in err.cause


def test_an_unreadable_file_is_read_or_reported(tmp_path: Path) -> None:
    p = tmp_path / "locked.txt"
    p.write_text("Scholz met Macron.", encoding="utf-8")
    p.chmod(0)
    try:
        (item,) = list(iter_articles([p]))
    finally:
        p.chmod(0o644)
    if os.geteuid() == 0:  # root reads through chmod 000
        assert isinstance(item, Article)
    else:
        assert isinstance(item, IngestError) and "cannot read" in item.cause


def test_a_file_name_with_undecodable_bytes_gives_an_encodable_doc_name(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad-\xff-name.txt")
    (tmp_path / name).write_text("Scholz met Macron.", encoding="utf-8")
    (art,) = list(iter_articles([tmp_path]))
    assert isinstance(art, Article)
    art.doc.encode("utf-8")
    assert art.doc.startswith("bad-") and art.doc.endswith("-name.txt")


def test_an_unexpected_error_is_reported_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.ingest

    def boom(*args: object, **kwargs: object) -> Article:
        raise RuntimeError("first line\nsecond line")

    monkeypatch.setattr(kg.ingest, "make_article", boom)
    p = tmp_path / "a.txt"
    p.write_text("text", encoding="utf-8")
    (err,) = list(iter_articles([p]))
    assert isinstance(err, IngestError) and "\n" not in err.cause and "RuntimeError" in err.cause


# ---------------------------------------------------------------- standard input


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("data, n", [
    (b"Scholz met Macron in Geneva.", 1),
    (b'{"text": "Scholz met Macron."}\n{"text": "Putin met Xi."}\n', 2),
    (b"<!doctype html><html><body><article><p>" + HTML.split("<article>")[1].encode(), 1),
])
def test_standard_input_is_read_as_text_jsonl_or_html(monkeypatch: pytest.MonkeyPatch, data: bytes,
                                                      n: int) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    out = list(iter_articles(["-"], stdin_name="in.txt"))
    assert len(_articles(out)) == n, out


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\nxxxx", b'{"text": "a \\ud800 b"}\n{"text": "c"}\n'])
def test_bad_standard_input_never_raises(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    out = list(iter_articles(["-"]))
    assert out and all(isinstance(x, (Article, IngestError)) for x in out)
