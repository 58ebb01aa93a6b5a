"""Generate the hostile-input corpus of issue #8: bad files ``kg build`` must survive.

Every case is written by :func:`make_corpus` into a directory (a pytest
``tmp_path`` in the tests), so nothing large or binary is committed. Each
:class:`Case` says what the builder must do with it: read it as an article,
or report it in one line naming the file and the cause (``cause`` is a
substring of that cause), or skip it as a duplicate of another file.

Run it by hand to look at the files::

    python tests/hostile/make_corpus.py /tmp/hostile
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: An ordinary article that every well-behaved case borrows its prose from.
GOOD_TEXT = (
    "Leaders meet in Geneva to discuss the ceasefire\n\n"
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Geneva on Monday.\n\n"
    '"We will not accept any attack on our allies," Scholz told reporters after the talks.\n\n'
    "Macron said France supported Ukraine and criticized Russia for the strikes.\n"
)

#: A second ordinary article, built into the store before the hostile batch.
FIRST_TEXT = (
    "Kallas criticises Beijing over the parade\n\n"
    "European Union foreign policy chief Kaja Kallas criticized China on Tuesday.\n\n"
    '"This is a direct challenge to the international order," Kallas said in Brussels.\n\n'
    "China's foreign ministry spokesman Guo Jiakun rejected the remarks as biased.\n"
)



def good(tag: str) -> str:
    """GOOD_TEXT made unique by ``tag``, so no two cases are duplicates of each other."""
    return GOOD_TEXT.replace("on Monday", f"on Monday ({tag})")


_WORDS = ("the minister said talks with officials in the capital would continue after a summit on trade "
          "and security where leaders discussed sanctions ceasefire aid borders elections troops "
          "parliament delegation agreement envoy council treaty alliance").split()

PROCESSED, ERROR, DUPLICATE, EITHER = "processed", "error", "duplicate", "processed or error"


@dataclass(frozen=True)
class Case:
    """One hostile input and what the builder must do with it.

    Attributes:
        name: path relative to the corpus root (a file, a link or a directory).
        what: what is hostile about it (for the outcome table).
        outcome: PROCESSED, ERROR, DUPLICATE or EITHER (EITHER: read or
            reported, e.g. chmod 000 when running as root).
        cause: a substring of the reported cause, for ERROR cases.
        articles: articles it yields when read (JSON Lines may hold several).
        errors: error lines it yields (JSON Lines may hold several).
        own_arg: passed to ``kg build`` as its own argument (an empty
            directory is only reported when it is named on the command line).
        contains: a string the stored article text must contain (round trip).
    """

    name: str
    what: str
    outcome: str
    cause: str = ""
    articles: int = 0
    errors: int = 0
    own_arg: bool = False
    contains: str = ""


def _prose(n_chars: int, seed: int, newline_every: int | None = 60) -> str:
    """Distinct sentences of article-like prose (no two paragraphs equal, so none is dropped)."""
    rnd = random.Random(seed)
    parts: list[str] = []
    size = 0
    i = 0
    while size < n_chars:
        words = [rnd.choice(_WORDS) for _ in range(12)]
        sentence = f"In report {i} " + " ".join(words) + "."
        i += 1
        parts.append(sentence)
        size += len(sentence) + 1
        if newline_every and i % (newline_every // 12 + 1) == 0:
            parts.append("\n\n")
    return " ".join(parts)[:n_chars]


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_corpus(root: Path, *, big: bool = True) -> list[Case]:
    """Write every hostile case under ``root`` and return the cases.

    Args:
        root: an empty (or new) directory.
        big: also write the 10 MB article (skip it for quick ingest-only runs).
    """
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(case: Case, write: Callable[[Path], None]) -> None:
        p = root / case.name
        p.parent.mkdir(parents=True, exist_ok=True)
        write(p)
        cases.append(case)

    def text(s: str, encoding: str = "utf-8", newline: str | None = None) -> Callable[[Path], None]:
        return lambda p: p.write_bytes((s if newline is None else s.replace("\n", newline)).encode(encoding))

    def raw(b: bytes) -> Callable[[Path], None]:
        return lambda p: p.write_bytes(b)

    add(Case("empty.txt", "empty file (0 bytes)", ERROR, "empty"), raw(b""))
    add(Case("whitespace.txt", "whitespace only (spaces, tabs, newlines, NBSP)", ERROR, "no article text"),
        text(" \t\n\n   \r\n\u00a0\u3000\n"))
    add(Case("picture.txt", "a PNG image named .txt", ERROR, "binary"), raw(_png()))
    add(Case("binary_nul.txt", "binary data full of NUL bytes", ERROR, "binary"),
        raw(bytes(range(256)) * 8 + b"\x00" * 2048))
    add(Case("nul_in_text.txt", "UTF-8 text with NUL bytes inside words", PROCESSED, articles=1,
             contains="Scholz met French President"),
        raw(good("nul").replace("Olaf", "Ol\x00af").replace("Geneva", "Gen\x00\x00eva").encode()))
    add(Case("utf16_bom.txt", "UTF-16 LE with a byte-order mark", PROCESSED, articles=1,
             contains="Erdoğan"),
        raw(b"\xff\xfe" + (good("utf16") + "Turkish President Recep Tayyip Erdoğan welcomed the talks.\n")
            .encode("utf-16-le")))
    add(Case("cp1252.txt", "Windows-1252: curly quotes, euro sign, en dash", PROCESSED, articles=1,
             contains="\u201cWe will not accept"),
        text(good("cp1252").replace('"We', "\u201cWe").replace('allies,"', "allies,\u201d")
             + "The aid package is worth \u20ac50 billion \u2013 the largest so far, officials said.\n"
             + "The Fran\u00e7ois Mitterrand library hosted the caf\u00e9 reception.\n", "cp1252"))
    add(Case("latin1.txt", "ISO-8859-1 accented names", PROCESSED, articles=1, contains="Sánchez"),
        text("Spanish Prime Minister Pedro Sánchez met Portuguese Prime Minister Luís Montenegro "
             "in Málaga on Friday.\n\nSánchez said Spain supported the accord signed in Zürich and "
             "praised Portugal for its rôle. Señor Sánchez añadió que la reunión fue útil.\n", "latin-1"))
    add(Case("mixed_newlines.txt", "CRLF, CR and LF newlines mixed", PROCESSED, articles=1,
             contains="Macron said France"),
        raw(good("newlines").replace("\n\n", "\r\n\r\n", 1).replace("\n\n", "\r\r", 1).encode()))
    if big:
        add(Case("huge_10mb.txt", "a 10 MB article of distinct sentences", ERROR, "too long"),
            text(_prose(10 * 1024 * 1024, seed=10)))
    add(Case("one_line_1mb.txt", "a 1 MiB single line (no newline)", ERROR, "too long"),
        text(_prose(1024 * 1024, seed=1, newline_every=None)))
    add(Case("long_line_20k.txt", "a 20 kB single line of sentences (parsed)", PROCESSED, articles=1),
        text(_prose(20_000, seed=5, newline_every=None)))
    add(Case("unbalanced_quotes.txt", "quote marks that never close", PROCESSED, articles=1),
        text('Putin said "the West will regret this.\n\nMacron replied \u201cnever, and the talks\n\n'
             "Scholz told reporters 'we are ready' and \u00abnothing more.\n"))
    add(Case("nested_quotes.txt", "quotes nested three deep", PROCESSED, articles=1),
        text('"Scholz told me \'Macron said \u201cwe will \u2018never\u2019 accept it\u201d\' '
             'yesterday," Lavrov said.\n\n"\'\u201c\u2018deep\u2019\u201d\'" he added.\n'))
    add(Case("only_quotes.txt", "nothing but quote marks", PROCESSED, articles=1),
        text("\"\"\"''' \u201c\u201d\u2018\u2019 \u00ab\u00bb \u201e\u201c\n\"\n'\n"))
    add(Case("script_iframe.html", "HTML with <script>, <iframe> and <style> around the article", PROCESSED,
             articles=1, contains="Scholz met French President"),
        text("<!doctype html><html><head><title>Leaders meet in Geneva</title>"
             "<script>document.write('INJECTED SCRIPT TEXT')</script><style>p{color:red}</style></head>"
             "<body><iframe src=\"https://evil.example/\">IFRAME TEXT</iframe><article><h1>Leaders meet in Geneva"
             "</h1>" + "".join(f"<p>{p}</p>" for p in good("iframe").split("\n\n")[1:])
             + "<script>alert('x')</script></article></body></html>"))
    add(Case("malformed.html", "unclosed tags, stray </div>, bad entities, no <body>", EITHER,
             "no article text"),
        text("<html><p>German Chancellor Olaf Scholz met <b>French President <i>Emmanuel Macron</b> in "
             "Geneva &bogus; &#xFFFFFFFF; on Monday.</div></div><p>He said the talks were useful and "
             "that more meetings would follow next month in Paris and Berlin.<table><tr><td>x"))
    add(Case("deep_nesting.html", "5,000 nested <div> elements", EITHER, "no article text"),
        text("<html><body>" + "<div>" * 5000 + "<p>" + good("nesting").replace("\n\n", "</p><p>") + "</p>"
             + "</div>" * 5000 + "</body></html>"))
    lines = [
        json.dumps({"text": GOOD_TEXT.replace("Monday", "Tuesday"), "title": "Leaders meet again",
                    "date": "2025-01-02"}),
        '{"text": "broken json, no closing brace',
        json.dumps({"title": "a line with no text field"}),
        json.dumps({"text": "   "}),
        json.dumps(["an", "array", "not", "an", "object"]),
        json.dumps({"text": 42}),
        "",
        json.dumps({"text": "Surrogate \ud800 half. " + GOOD_TEXT.replace("Monday", "Friday")}),
        json.dumps({"text": GOOD_TEXT.replace("Monday", "Sunday"), "date": "2025-02-30",
                    "title": ["a", "list"], "doc": "weird\ndoc [/b] \ud800name.txt", "url": "\x00\ud800"}),
    ]
    add(Case("broken.jsonl", "JSON Lines: broken JSON, no text, blank text, array, number, lone surrogate, "
             "odd metadata", ERROR, "JSON", articles=3, errors=5),
        text("\n".join(lines) + "\n"))
    add(Case("loop/back", "a directory symlink looping back to the corpus root", ERROR, "loop"),
        lambda p: p.symlink_to("..", target_is_directory=True))
    add(Case("self_link.txt", "a file symlink pointing at itself", ERROR, "cannot read"),
        lambda p: p.symlink_to(p.name))
    add(Case("broken_link.txt", "a symlink to a file that does not exist", ERROR, "cannot read"),
        lambda p: p.symlink_to("no-such-target.txt"))

    def unreadable(p: Path) -> None:
        p.write_text(good("chmod").replace("Monday", "Wednesday"), encoding="utf-8")
        p.chmod(0)

    readable_anyway = os.geteuid() == 0  # root reads through chmod 000
    add(Case("unreadable.txt", "chmod 000 (root reads it anyway)" if readable_anyway else "chmod 000",
             PROCESSED if readable_anyway else ERROR, "cannot read",
             articles=1 if readable_anyway else 0), unreadable)
    add(Case("fifo.txt", "a named pipe (FIFO) with no writer: reading it would block", ERROR, "regular file"),
        lambda p: os.mkfifo(p))
    add(Case("empty_dir", "a directory with no article files (only a .csv and a .png)", ERROR, "no article files",
             own_arg=True),
        lambda p: (p.mkdir(), (p / "table.csv").write_text("a,b\n"), (p / "image.png").write_bytes(_png())))
    add(Case("non_english.txt", "Chinese, Russian and Arabic text", PROCESSED, articles=1, contains="习近平"),
        text("习近平在北京会见普京。\n\nПутин заявил, что переговоры были полезными.\n\n"
             "قال الرئيس إن المحادثات كانت مفيدة.\n"))
    add(Case("emoji_rtl_zw.txt", "emoji, right-to-left overrides, zero-width joiners and spaces", PROCESSED,
             articles=1, contains="Scholz met French President"),
        text("\u202eLeaders\u202c meet \U0001F91D\u200d\U0001F30D in Geneva\n\n"
             + good("emoji").split("\n\n", 1)[1].replace("Scholz", "Sch\u200bolz\ufeff", 1)
             + "\u05e9\u05dc\u05d5\u05dd \u0633\u0644\u0627\u0645 \U0001F1FA\U0001F1E6\ufe0f\u2060 \U0001F600\n"))
    add(Case("control_chars.txt", "C0 and C1 control characters, DEL, form feed, vertical tab", PROCESSED,
             articles=1, contains="Scholz met French President"),
        text("\x01\x02\x1b[31m" + good("control").replace(" met ", " met\x07\x08 ", 1)
             .replace("\n\n", "\x0c\n\n\x0b", 1) + "\x7f\x85\x9b\x9f end\n"))
    add(Case("name with spaces ünïcödé – 東京.txt", "a file name with spaces, non-ASCII and CJK", PROCESSED,
             articles=1, contains="Thursday"),
        text(good("spaces").replace("Monday", "Thursday")))
    add(Case("dup_a.txt", "the same article as dup_b.txt (first copy)", PROCESSED, articles=1),
        text(good("dup").replace("Monday", "Saturday")))
    add(Case("dup_b [bold].txt", "dup_a.txt again (CRLF line endings, rich markup in the name)", DUPLICATE,
             articles=1),
        text(good("dup").replace("Monday", "Saturday"), newline="\r\n"))
    add(Case("title_script.txt", "a headline that is a <script> tag", PROCESSED, articles=1,
             contains="<script>alert(\"kg\")</script>"),
        text('<script>alert("kg")</script> Leaders meet in <b>Geneva</b>\n\n'
             + good("script").split("\n\n", 1)[1].replace("Monday", "the weekend")))
    add(Case("title_script.html", "an HTML <title> holding an escaped <script> tag", PROCESSED, articles=1),
        text("<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Summit in Geneva</title></head><body>"
             "<article><h1>&lt;script&gt;alert(1)&lt;/script&gt; Summit in Geneva</h1>"
             + "".join(f"<p>{p}</p>" for p in good("htmltitle").replace("Monday", "midnight").split("\n\n")[1:])
             + "</article></body></html>"))
    add(Case("sparql_injection.txt", 'text holding "} ; DROP ALL ; # and a DELETE WHERE', PROCESSED, articles=1,
             contains='"} ; DROP ALL ; #'),
        text('Hackers "} ; DROP ALL ; # met officials\n\n'
             'Scholz said "} ; DROP ALL ; # was not a threat. > } DELETE WHERE { ?s ?p ?o } # '
             "was written on the wall, officials said.\n\n" + good("injection").split("\n\n", 2)[2]))
    add(Case("bad_date.txt", "a date line with an impossible date (2025-13-45)", PROCESSED, articles=1),
        text("date 2025-13-45\n\n" + good("date").replace("Monday", "an impossible day")))
    add(Case("boilerplate_only.md", "nothing but page furniture (share, related list, copyright)", ERROR,
             "no article text"),
        text("Share this article\n\nRelated\n\nOther story one\n\nOther story two\n\n"
             "© 2025 Example News. All rights reserved.\n\nSubscribe now\n"))
    add(Case("bom_only.txt", "a UTF-8 byte-order mark and newlines only", ERROR, "empty"),
        raw(b"\xef\xbb\xbf\n\n\r\n"))
    add(Case("bom_only.jsonl", "a UTF-16 byte-order mark and nothing else (was silently passed over)", ERROR,
             "empty"), raw(b"\xfe\xff"))
    add(Case("nbsp_lines.jsonl", "JSON Lines of no-break and ideographic spaces only (was silently passed over)",
             ERROR, "no JSON lines"), text("\u00a0\n\u3000\n \u2003\n"))
    add(Case("notes [/b] [red].txt", "an empty file whose path reads as rich markup (dir 'notes [', file "
             "'b] [red].txt')", ERROR, "empty"),
        raw(b""))
    add(Case("new\nline.txt", "a newline in the name of a failing file", ERROR, "empty"), raw(b""))
    add(Case(os.fsdecode(b"bad-\xff\xfe-bytes.txt"), "a file name that is not valid UTF-8", PROCESSED,
             articles=1, contains="Scholz met French President"),
        text(good("badname").replace("Monday", "a bad-name day")))
    add(Case("broken_utf16.txt", "a UTF-16 BOM followed by an odd number of bytes", ERROR, "utf-16"),
        raw(b"\xff\xfe" + "Leaders meet".encode("utf-16-le") + b"\x00\xd8"))
    return cases


def main(argv: list[str]) -> int:
    """``make_corpus.py OUTDIR``: write the corpus and print its cases."""
    if len(argv) != 1:
        print("usage: make_corpus.py OUTDIR", file=sys.stderr)
        return 2
    for case in make_corpus(Path(argv[0])):
        print(f"{case.name}\t{case.outcome}\t{case.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
