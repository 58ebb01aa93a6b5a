"""From files, directories, JSON Lines, HTML or standard input to :class:`Article`.

Reading never raises for one bad file: :func:`iter_articles` yields an
:class:`~kg.errors.IngestError` in its place so the caller can report it in one
line (file and cause) and go on with the batch.

Text normalisation is deliberately small and general: Unicode NFC, newlines
unified, control and zero-width characters removed, one paragraph a line
group, exact repeats of a paragraph dropped (a headline printed twice is one
headline), and boilerplate removed by general rules (lists of other stories
after an "Explore" / "Related" / "Read also" heading, reading-time lines,
credits, share prompts), never by rules about one site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.models import Article

#: File endings read from directories (other files are passed over silently).
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

#: Files larger than this are refused (a dump, not an article).
MAX_BYTES = 20 * 1024 * 1024

#: Articles longer than this (characters, after cleaning) are refused: it is the
#: spaCy parser's ``max_length``, and a longer text is a dump, not an article
#: (parsing one takes about 30 s per million characters).
MAX_CHARS = 1_000_000

_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)

# Headings that introduce lists of other stories.
_LIST_HEADING = re.compile(
    r"^(explore|related|related (articles|stories|news|content|posts|topics)|read (also|more)|also read|"
    r"recommended|recommended (for you|stories|articles)|more (stories|news|from [\w .'-]+)|"
    r"most (read|popular|viewed)|trending( now)?|you (may|might) also like|see also|latest( news| stories)?|"
    r"top stories|popular( stories)?|editor'?s picks|further reading|more on this( story| topic)?)\s*:?\s*$",
    re.IGNORECASE,
)
# A heading glued to the first item of its list ("RelatedTRT World - ...", "Read Also: ...").
_LIST_PREFIX = re.compile(
    r"^(related(?=[A-Z:])|read also\b|also read\b|read more\b|recommended\b|see also\b|more from\b)",
    re.IGNORECASE,
)
# Short lines that are page furniture, not article text.
_FURNITURE = re.compile(
    r"^(\d+\s*min(ute)?s?\s*read|source\s*:.*|sources?\s*:\s*\w+.*|photo( credit)?s?\s*:.*|image\s*:.*|"
    r"(file )?(photo|image|picture)\s*(:|/).*|\(?updated\s*:.*\)?|show (more|less)|share( this( article| story)?)?|"
    r"share on \w+.*|follow us( on \w+)?.*|subscribe( now)?.*|sign up.*|advertisement|comments?|"
    r"click here.*|tags?\s*:.*|copyright.*|©.*|all rights reserved.*|print|email|news feed|listen( to this article)?.*|"
    r"by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}|[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3},?\s+(news )?editor|"
    r"\(with information from \w+\))\s*$",
    re.IGNORECASE,
)
# A lone all-capitals word is a section label ("WORLD", "POLITICS"), and a line that is only
# a date is a dateline; neither is article text.
_SECTION_LABEL = re.compile(
    r"^((?-i:[A-Z][A-Z&-]{1,20})|(\w+day,?\s+)?(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(\d{1,2},?\s+)?\d{4}|\d{4}-\d{2}-\d{2})$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:\"”’')\]]\s*$")
# C0/C1 controls, zero-width and direction marks, BOMs, and lone surrogates (from JSON "\ud800"
# escapes or undecodable file names), which cannot be encoded as UTF-8 at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064"
                      r"\ufeff\ufffe\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def content_hash(text: str) -> str:
    """The article id: sha256 hex digest of the normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes, source: str) -> str:
    """Decode bytes of unknown encoding, refusing binary data.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly;
    anything else goes through charset-normalizer.

    Raises:
        IngestError: for empty, binary or undecodable input.
    """
    if not data.strip():
        raise IngestError(source, "empty file (no text)")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                     (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"broken {enc} text: {exc.reason}") from None
            if not text.strip("\ufeff \t\r\n"):
                raise IngestError(source, "empty file (no text)")  # a byte-order mark and nothing else
            return text
    if data.startswith(b"\x89PNG") or data.startswith(b"%PDF") or data.startswith(b"\xff\xd8\xff") \
            or data.startswith(b"GIF8") or data.startswith(b"PK\x03\x04"):
        raise IngestError(source, "binary file (image, PDF or archive), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 100 + 1:
        raise IngestError(source, "binary data (NUL bytes), not text")
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(source, "could not detect the text encoding")
    return str(best)


# What a Western text in Windows-1252 (the legacy code page of English news; ISO-8859-1
# is read as it, as browsers do) has beyond ASCII: Latin letters, typographic punctuation.
_WESTERN_EXTRA = re.compile(r"[\u00a0-\u024f\u2013\u2014\u2018-\u201e\u2020-\u2026\u2030\u2039\u203a"
                            r"\u20ac\u2122]")


def _western(data: bytes) -> str | None:
    """``data`` as Windows-1252 when it reads as mostly-ASCII Western text, else None.

    charset-normalizer misreads short English texts with a few accents as
    cp775 or cp1257 ("Sßnchez"), so this common case is settled first: every
    byte defined, every non-ASCII character a Latin letter or typographic
    punctuation, and few of the letters non-ASCII (Cyrillic or Greek in their
    own code pages would be all non-ASCII letters here).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined
        return None
    extra = [ch for ch in text if ord(ch) > 127]
    if not extra or len(_WESTERN_EXTRA.findall(text)) != len(extra):
        return None
    letters = sum(ch.isalpha() for ch in text)
    return text if sum(ch.isalpha() for ch in extra) <= 0.25 * letters else None


_BULLET = re.compile(r"^[\u2022\u25aa\u25cf\u00b7\u2023\u2043\u25e6*>]+\s+")


def _clean_line(line: str) -> str:
    """One line normalised: NFC, no control or zero-width characters, one space between
    words, and no leading list bullet (a bullet in front of "X said" breaks the parse)."""
    line = unicodedata.normalize("NFC", line)
    line = _CONTROL.sub("", line)
    return _BULLET.sub("", _SPACES.sub(" ", line).strip())


def _is_list_item(line: str) -> bool:
    """A line that looks like a headline in a list of stories, not body prose."""
    words = len(line.split())
    return words <= 30 and not (words >= 12 and line.endswith("."))


def clean_paragraphs(lines: Iterable[str]) -> list[str]:
    """Drop boilerplate and repeated paragraphs; keep the article's own text in order."""
    out: list[str] = []
    seen: set[str] = set()
    in_list = False
    for raw in lines:
        line = _clean_line(raw)
        if not line:
            continue
        if _LIST_HEADING.match(line):
            in_list = True
            continue
        if in_list:
            if _is_list_item(line):
                continue
            in_list = False
        if _LIST_PREFIX.match(line) or _FURNITURE.match(line):
            continue
        if _SECTION_LABEL.match(line):
            continue
        key = line.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(line)
    return out


def make_article(raw_text: str, doc: str, *, title: str | None = None, date: str | None = None,
                 url: str | None = None, publisher: str | None = None, path: str | None = None) -> Article:
    """Normalise raw text into an :class:`Article` (metadata line read, boilerplate removed).

    Raises:
        IngestError: when nothing of the article is left.
    """
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    head = text.lstrip("\ufeff \t\n")
    m = _DATE_LINE.match(head)
    if m:
        date = date or m.group(1)
        text = head[m.end():]
    if date is None:
        date = dateline_date(text)
    paragraphs = clean_paragraphs(text.split("\n"))
    if title:
        title = _clean_line(title)
        if title and (not paragraphs or paragraphs[0].casefold() != title.casefold()):
            paragraphs = [p for p in paragraphs if p.casefold() != title.casefold()]
            paragraphs.insert(0, title)
    if not paragraphs:
        raise IngestError(doc, "no article text left (empty, whitespace or boilerplate only)")
    if title is None and len(paragraphs) > 1 and not _SENTENCE_END.search(paragraphs[0]) \
            and len(paragraphs[0].split()) <= 25:
        title = paragraphs[0]
    body = "\n\n".join(paragraphs)
    if len(body) > MAX_CHARS:
        raise IngestError(doc, f"article too long ({len(body):,} characters; the limit is {MAX_CHARS:,}, "
                               "the parser's maximum): split it into separate articles")
    if date and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date):
        date = _parse_date(date)
    if date and not _is_calendar_date(date):
        date = None  # "2025-13-45" would be an ill-typed xsd:date in the graph
    return Article(id=content_hash(body), doc=_encodable(doc), text=body, title=title, date=date,
                   url=url and _clean_line(url) or None, publisher=publisher and _clean_line(publisher) or None,
                   path=path)


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}}))\b",
    re.IGNORECASE)


def dateline_date(text: str, lines: int = 6, span: int = 40) -> str | None:
    """The publication date of a dateline or date line near the top ("Geneva, May 12, 2025 —",
    "September 4, 2025", "Updated 3 March 2025"), as ISO; None when there is none.

    Only the first characters of the first few lines are read, so a date the
    story talks about further down is never taken for the publication date.
    """
    seen = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        seen += 1
        if seen > lines:
            break
        m = _FULL_DATE.search(line[:span + 20])
        if m and m.start() > span:
            m = None
        if m:
            month = m.group(1) or m.group(5)
            day, year = (m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(6))
            iso = f"{int(year):04d}-{_MONTHS[month[:3].lower()]:02d}-{int(day):02d}"
            if _is_calendar_date(iso):
                return iso
    return None


def _encodable(value: str) -> str:
    """``value`` with lone surrogates (undecodable file-name bytes, JSON escapes) replaced by U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", value)


def _is_calendar_date(value: str) -> bool:
    """Whether an ISO ``YYYY-MM-DD`` or ``YYYY-MM`` string names a real day or month."""
    import datetime

    try:
        datetime.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


def _parse_date(value: str) -> str | None:
    """Read a date in any common form as ISO ``YYYY-MM-DD``; None when it is not a date."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if m:
        return m.group(1)
    try:
        import dateparser

        parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None


def read_html(html: str, doc: str, path: str | None = None) -> Article:
    """Extract the article of an HTML page with trafilatura (main text, title, date, url)."""
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True)
    if result is None:
        raise IngestError(doc, "no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise IngestError(doc, "no article text found in the HTML page")
    return make_article(text, doc, title=data.get("title"), date=data.get("date"),
                        url=data.get("url"), publisher=data.get("sitename"), path=path)


def read_jsonl(data: str, source: str, path: str | None = None) -> Iterator[Article | IngestError]:
    """One article per JSON line with ``text`` (and optional title, date, url, publisher, doc)."""
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield IngestError(where, "JSON line has no 'text' field with article text")
            continue
        doc = next((_clean_line(" ".join(str(obj[k]).split())) for k in ("doc", "id", "name", "file")
                    if obj.get(k)), "") or where
        meta = {k: (str(obj[k]) if obj.get(k) is not None else None)
                for k in ("title", "date", "url", "publisher")}
        try:
            yield make_article(obj["text"], doc, path=path, **meta)
        except IngestError as exc:
            yield IngestError(where, exc.cause)
        except Exception as exc:  # one odd line must not end the file
            yield IngestError(where, _unexpected(exc))


def read_file(path: Path) -> Iterator[Article | IngestError]:
    """Read one file into articles (several for JSONL), or one IngestError naming it."""
    source = str(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            yield IngestError(source, "not a regular file (a named pipe, socket or device): not read")
            return
        size = st.st_size
        if size > MAX_BYTES:
            yield IngestError(source, f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode(data, source)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            empty = True
            for item in read_jsonl(text, path.name, path=source):
                empty = False
                yield item
            if empty:
                yield IngestError(source, "no JSON lines in the file")
        elif suffix in (".html", ".htm"):
            yield read_html(text, path.name, path=source)
        else:
            yield make_article(text, path.name, path=source)
    except IngestError as exc:
        yield IngestError(source, exc.cause)
    except Exception as exc:  # a parser bug must not stop the batch
        yield IngestError(source, _unexpected(exc))


def _unexpected(exc: Exception) -> str:
    """The cause of an error nobody planned for, on one line."""
    return " ".join(f"unexpected {type(exc).__name__}: {exc}".split())


def _walk(root: Path) -> Iterator[Path | IngestError]:
    """Article files below ``root``, sorted, following no symlinked directories twice."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True,
                                                onerror=lambda e: None):
        try:
            st = os.stat(dirpath)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            yield IngestError(dirpath, "directory loop (symbolic link back to a parent); skipped")
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def iter_articles(paths: Iterable[str | Path], stdin_name: str = "stdin") -> Iterator[Article | IngestError]:
    """Yield an Article for every readable input, an IngestError for every bad one.

    Args:
        paths: files, directories (read recursively) or ``-`` for standard input.
        stdin_name: the document name given to standard input.
    """
    for item in paths:
        if str(item) == "-":
            data = sys.stdin.buffer.read()
            try:
                text = decode(data, stdin_name)
                if text.lstrip().startswith("{"):
                    yield from read_jsonl(text, stdin_name)
                elif text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
                    yield read_html(text, stdin_name)
                else:
                    yield make_article(text, stdin_name)
            except IngestError as exc:
                yield exc
            except Exception as exc:  # a parser bug must not stop the batch
                yield IngestError(stdin_name, _unexpected(exc))
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for entry in _walk(path):
                if isinstance(entry, IngestError):
                    yield entry
                    continue
                found = True
                yield from read_file(entry)
            if not found:
                yield IngestError(str(path), f"no article files ({', '.join(SUFFIXES)}) in this directory")
        elif path.exists() or path.is_symlink():
            yield from read_file(path)
        else:
            yield IngestError(str(path), "no such file or directory")
