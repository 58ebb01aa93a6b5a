"""Statements: who said what, about whom, from direct quotes and reported speech.

A pure function of the parsed ``Doc``, the article, its actors and the
gazetteer. The constructions it reads are the general ones of news writing;
no rule names an article's wording, and every speech verb comes from
``data/cues.tsv`` (the frames each verb takes) so that the lexicon can grow
without code:

* **direct quotes** in straight, curly, single (as quotes, not apostrophes)
  and angle quote marks, attributed by a cue after the quote (``"...," he
  said``, ``"...," said X``), before it (``X said: "..."``), on both sides of
  a quote broken by its cue (two statements), by a dash (``"..." -- X``) or by
  the clause before a colon (``X threatens Y: "..."``); a quote that runs over
  paragraphs is one statement, and a sentence that is only a quote continues
  the last speaker;
* **reported speech** from the dependency parse: ``X said (that) ...``,
  ``..., X said``, ``X told Y that ...``, ``X described Y as ...``,
  ``X called Y "..."``, ``X accused Y of ...``, ``X vowed to ...``,
  ``X called on Y to ...``, ``X stressed the need for ...``, passives with an
  agent, participles that share their clause's subject (``..., adding that``),
  and ``according to X, ...``;
* **headlines** of the form ``...: X`` and ``X: ...``.

Speakers are canonical actors of the actors stage: the named subject; a
pronoun resolved to the most salient compatible actor (main-clause subjects
and earlier speakers first, gender where known); a relative pronoun to the
noun it qualifies; a title to the person holding that office ("the US
president"); an anonymous spokesperson, official or statement to the
organisation or state that qualifies it. A statement whose speaker cannot be
resolved is dropped.

``about`` holds the actors the content names (a state or organisation that
only qualifies a person is left out: "Chile's Boric" gives Boric), the
third-person pronouns of the content resolved, and the addressee.

Nothing here raises on odd input: unbalanced quote marks leave a quote open
to the end of its paragraph, and a failure on one construction skips it.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.extract import sentence_of
from kg.extract.actors import ActorIndex, Title, match_title
from kg.gazetteer import Gazetteer
from kg.models import Article, Statement
from kg.text import norm

DATA = Path(__file__).resolve().parent.parent / "data"

#: Attribute an unqualified "officials said" to the article's dominant country.
OFFICIALS_TO_DOMINANT_COUNTRY = True

# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Cue:
    """A speech verb and the constructions (frames) in which it reports speech.

    Attributes:
        lemma: the verb's lemma ("say"); two words for a particle verb ("point out").
        frames: the frame names of ``data/cues.tsv`` (quote, that, final, obj, ...).
        heads: for the ``obj`` frame, object head lemmas that make the verb a
            speech act; empty means any object.
    """

    lemma: str
    frames: frozenset[str]
    heads: frozenset[str] = frozenset()


def _rows(path: Path) -> Iterable[list[str]]:
    """Rows of a tab-separated data file, without comments and blank lines."""
    with open(path, encoding="utf-8") as fh:
        yield from csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t")


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, Cue]:
    """The speech cues of ``data/cues.tsv`` by lemma (read once per process)."""
    out: dict[str, Cue] = {}
    for row in _rows(DATA / "cues.tsv"):
        row += [""] * (3 - len(row))
        lemma = row[0].strip().lower()
        frames = frozenset(f.strip() for f in row[1].split(",") if f.strip())
        heads = frozenset(h.strip().lower() for h in row[2].split(",") if h.strip())
        if lemma and frames:
            out[lemma] = Cue(lemma, frames, heads)
    return out


@lru_cache(maxsize=1)
def speech_roles() -> dict[str, str]:
    """Nouns that stand for an unnamed speaker (``data/speech_roles.tsv``): word -> kind."""
    return {row[0].strip().lower(): row[1].strip() for row in _rows(DATA / "speech_roles.tsv") if len(row) >= 2}


# ---------------------------------------------------------------- quotes


@dataclass(frozen=True)
class Quote:
    """A stretch of quoted text.

    Attributes:
        open: offset of the opening mark.
        close: offset just after the closing mark (the paragraph's end when unclosed).
        start: start of the content (after the mark).
        end: end of the content (before the mark).
        closed: whether a closing mark was found.
    """

    open: int
    close: int
    start: int
    end: int
    closed: bool = True


_D_OPEN = {"“", "„", "«", "‟"}
_D_CLOSE = {"”", "»"}
_S_OPEN = {"‘", "‹", "‚"}
_S_CLOSE = {"’", "›"}
_QUOTE_CHARS = _D_OPEN | _D_CLOSE | _S_OPEN | _S_CLOSE | {'"', "'"}
_BEFORE_OPEN = set(" \t\n([{—–-:;/") | _D_OPEN | _S_OPEN | {'"'}
_ELISION = re.compile(r"(\d\d?s\b|em\b|til\b|n\b|cause\b)", re.IGNORECASE)
_PARA = re.compile(r"[^\n]+")
#: A dateline opening a paragraph: a place in capitals or with a date, an agency, then a dash
#: or a colon ("KYIV (Reuters) -", "NEW DELHI:").
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z .'’-]{2,30}|[A-Z][\w .'’-]{1,30},\s*(?:[A-Z][\w.]*\s*){1,3}[\d, ]*)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^()\n]{2,40}\))?\s*\.?\s*(?:[-–—]{1,2}|:)\s+")
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(_QUOTE_CHARS))) + "]")


def _kind(ch: str) -> str:
    """"d" for a double quote mark, "s" for a single one."""
    return "d" if ch in _D_OPEN or ch in _D_CLOSE or ch == '"' else "s"


def _classify(ch: str, prev: str, nxt: str, text: str, i: int, has_open: dict[str, bool]) -> str | None:
    """Whether a quote character opens ("o"), closes ("c") or is no quote (None) here."""
    opening = (prev in _BEFORE_OPEN or prev == "") and nxt != "" and not nxt.isspace()
    closing = prev != "" and not prev.isspace() and (nxt == "" or nxt.isspace() or not nxt.isalnum())
    if ch == '"':
        if has_open["d"] and closing:
            return "c"
        if opening:
            return "o"
        if has_open["d"]:
            return "c"
        return "o" if not nxt.isspace() and nxt != "" else None
    if ch in {"“", "„", "‟"}:
        if ch == "“" and has_open["d"] and closing and not opening:
            return "c"  # „...“ and misused “...“
        return "o"
    if ch in {"”", "»"}:
        if has_open["d"]:
            return "c"
        return "o" if opening else None
    if ch == "«":
        return "c" if has_open["d"] and closing and not opening else "o"
    if ch == "'":
        if prev.isalnum() and nxt.isalnum():
            return None  # don't, Xi'an
        if has_open["s"] and closing:
            return "c"
        if opening and (nxt.isalnum() or nxt in '"“') and not _ELISION.match(text, i + 1):
            return "o"
        return None
    if ch in _S_OPEN:
        return "o" if opening or ch != "‘" else None
    if ch in _S_CLOSE:
        if prev.isalnum() and nxt.isalnum():
            return None
        return "c" if has_open["s"] and closing else None
    return None


def _quotes_in_paragraph(text: str, ps: int, pe: int) -> list[Quote]:
    """Outermost quotes of the paragraph ``text[ps:pe]``: marks are matched on a stack by kind;
    an apostrophe never opens; a double quote left open runs to the paragraph's end."""
    stack: list[tuple[str, int]] = []
    spans: list[Quote] = []
    count = {"d": 0, "s": 0}
    for mq in _QUOTE_RE.finditer(text, ps, pe):
        i = mq.start()
        ch = text[i]
        prev = text[i - 1] if i > ps else ""
        nxt = text[i + 1] if i + 1 < pe else ""
        role = _classify(ch, prev, nxt, text, i, {"d": count["d"] > 0, "s": count["s"] > 0})
        kind = _kind(ch)
        if role == "o":
            if len(stack) >= 64:  # runaway apostrophes: forget the oldest open mark
                count[stack.pop(0)[0]] -= 1
            stack.append((kind, i))
            count[kind] += 1
        elif role == "c" and count[kind]:
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == kind:
                    o = stack[j][1]
                    for k, _ in stack[j:]:
                        count[k] -= 1
                    del stack[j:]
                    spans.append(Quote(o, i + 1, o + 1, i))
                    break
    # an unclosed double quote runs to the end of its paragraph
    for kind, o in stack:
        if kind == "d":
            end = pe
            while end > o + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(Quote(o, pe, o + 1, end, closed=False))
            break
    out = []
    for q in spans:
        start, end = q.start, q.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if re.search(r"\w", text[start:end]):
            out.append(Quote(q.open, q.close, start, end, q.closed))
    out.sort(key=lambda q: (q.open, -q.close))
    top: list[Quote] = []
    for q in out:  # keep the outermost quotes only
        if top and q.open < top[-1].close:
            continue
        top.append(q)
    return top


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotes of a text, in order; a quote left open at a paragraph's end
    that the next paragraph reopens runs on into it (news style for long quotes).

    >>> [text[q.start:q.end] for text in ['He said "yes" and \\'no\\'.'] for q in find_quotes(text)]
    ['yes', 'no']
    """
    quotes: list[Quote] = []
    for m in _PARA.finditer(text):
        quotes.extend(_quotes_in_paragraph(text, m.start(), m.end()))
    merged: list[Quote] = []
    for q in quotes:
        if merged and not merged[-1].closed and text[merged[-1].close:q.open].strip() == "" \
                and "\n" in text[merged[-1].close:q.open]:
            last = merged.pop()
            q = Quote(last.open, q.close, last.start, q.end, q.closed)
        merged.append(q)
    return merged


# ---------------------------------------------------------------- the extractor

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_SENT_END = {".", "!", "?"}
_DASHES = {"-", "--", "—", "–", "―"}
_PRON_TYPES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "he": (("Person",), "male"), "him": (("Person",), "male"), "his": (("Person",), "male"),
    "she": (("Person",), "female"), "her": (("Person",), "female"),
    "it": (("Organization", "Country"), None), "its": (("Organization", "Country"), None),
    "they": (("Organization", "Country"), None), "them": (("Organization", "Country"), None),
    "their": (("Organization", "Country"), None),
}
_RELATIVE = {"who", "which", "that", "whom"}
# nouns for the people of a state: a demonym on them stands for the state ("the Chinese people")
_PEOPLE_NOUNS = {"people", "peoples", "citizens", "citizen", "nationals", "public", "population", "nation"}
# relations between parties: a state that qualifies one is a party to it ("U.S.-China relations")
_PARTY_NOUNS = {"relation", "relations", "tie", "ties", "talk", "talks", "negotiation", "negotiations", "dialogue",
                "cooperation", "partnership", "relationship", "deal", "agreement", "accord", "treaty", "war",
                "conflict", "dispute", "rivalry", "alliance", "summit", "meeting"}
# nouns for a person: a state that qualifies them only qualifies a person ("his US counterpart")
_PERSON_NOUNS = {"counterpart", "counterparts"}
# places and craft: a name that is (or is apposed to, or named as) one of these is no actor
_THING_NOUNS = {"sea", "ocean", "shoal", "reef", "island", "islands", "isle", "atoll", "strait", "gulf", "bay",
                "river", "lake", "mountain", "mountains", "peninsula", "canal", "channel", "vessel", "ship",
                "warship", "boat", "tanker", "frigate", "destroyer", "carrier", "aircraft", "plane", "jet", "drone",
                "operation"}


@dataclass
class _Cand:
    """A statement found, before its speaker is resolved."""

    start: int
    end: int
    direct: bool
    cue: str
    anchor: int  # where the speaker is referred to (resolution happens in this order)
    cue_tok: Token | None = None
    subj: Token | None = None
    speaker: str | None = None
    addressee: str | None = None
    continuation: bool = False
    extra_about: list[str] = field(default_factory=list)


class _Extractor:
    """Finds the statements of one article (one instance per call)."""

    def __init__(self, doc: Doc, article: Article, actors: ActorIndex, gaz: Gazetteer) -> None:
        """Index the article once: quotes, tokens, paragraphs, sentences, demonym entities."""
        self.doc, self.article, self.actors, self.gaz = doc, article, actors, gaz
        self.text = doc.text
        self.lex = cue_lexicon()
        self.roles = speech_roles()
        self.quotes = find_quotes(self.text)
        self.q_open = [q.open for q in self.quotes]
        self.tok_idx = [t.idx for t in doc]
        self.paras = [m.start() for m in _PARA.finditer(self.text)]
        self.sents = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
        self.sent_starts = [s.start_char for s in self.sents]
        self.direct_cues: dict[int, list[Quote]] = {}
        self._salience: list[tuple[int, str, int]] | None = None
        self._spoken: list[tuple[int, str]] = []
        self._names: dict[str, str] | None = None
        self._plural: dict[int, list[str]] = {}
        self._datelines: dict[int, int] = {}
        self._anonymous: dict[str, str] = {}
        self._by_sent: dict[int, list[tuple[int, str, int]]] | None = None
        self._norp = [e for e in doc.ents if e.label_ == "NORP"]
        self._norp_starts = [e.start_char for e in self._norp]

    # ------------------------------------------------------------ positions

    def quote_at(self, pos: int) -> Quote | None:
        """The quote whose marks enclose ``pos``, if any."""
        i = bisect_right(self.q_open, pos) - 1
        if i >= 0 and self.quotes[i].open <= pos < self.quotes[i].close:
            return self.quotes[i]
        return None

    def in_quote(self, tok: Token) -> bool:
        """Whether a token lies inside quote marks (the opening mark itself does not)."""
        q = self.quote_at(tok.idx)
        return q is not None and q.open < tok.idx

    def para_of(self, pos: int) -> int:
        """Index of the paragraph holding a character offset."""
        return bisect_right(self.paras, pos) - 1

    def sent_of(self, pos: int) -> int:
        """Index of the sentence holding a character offset."""
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens starting inside [start, end)."""
        lo, hi = bisect_left(self.tok_idx, start), bisect_left(self.tok_idx, end)
        return [self.doc[i] for i in range(lo, hi)]

    def span_of(self, toks: Iterable[Token]) -> tuple[int, int]:
        """Character span covering some tokens."""
        toks = list(toks)
        return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)

    # ------------------------------------------------------------ actors

    def actor_of(self, tok: Token) -> str | None:
        """The actor a token is part of a mention of; failing that, the actor of the article whose
        name or surname the token (with the capitalised words before it) is."""
        key = self.actors.actor_of_token(tok.i)
        if key in self.actors.actors:
            return key
        if not tok.text[:1].isupper() or tok.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            return None
        j = tok.i
        while j > 0 and tok.i - j < 3 and self.doc[j - 1].text[:1].isupper() and not self.doc[j - 1].is_sent_start \
                and self.actors.actor_of_token(j - 1) is None:
            j -= 1
        for a in range(j, tok.i + 1):
            k = self.names.get(norm(self.doc[a:tok.i + 1].text))
            if k:
                return k
        return None

    @property
    def names(self) -> dict[str, str]:
        """Names and surnames of the article's actors (normal form -> key), unambiguous ones only."""
        if self._names is None:
            seen: dict[str, set[str]] = {}
            for key, a in self.actors.actors.items():
                forms = {a.label, *a.aliases}
                if a.type == "Person":
                    forms |= {f.split()[-1] for f in list(forms) if len(f.split()) > 1}
                for f in forms:
                    n = norm(f)
                    if len(n) >= 2:
                        seen.setdefault(n, set()).add(key)
            self._names = {n: next(iter(ks)) for n, ks in seen.items() if len(ks) == 1}
        return self._names

    def atype(self, key: str | None) -> str | None:
        """The type (Person, Organization, Country) of an actor key."""
        a = self.actors.actors.get(key) if key else None
        return a.type if a else None

    @property
    def salience(self) -> list[tuple[int, str, int]]:
        """Mentions outside quotes as (offset, actor, rank): 2 main-clause subject, 1 subject, 0 other."""
        if self._salience is None:
            out = []
            for m in self.actors.mentions:
                if m.actor not in self.actors.actors or self.quote_at(m.start):
                    continue
                toks = self.tokens(m.start, m.end)
                if not toks or self.in_dateline(toks[0]):
                    continue
                root = next((t for t in toks if t.head.i == t.i or not (m.start <= t.head.idx < m.end)), toks[0])
                while root.dep_ in {"compound", "flat", "appos", "conj"} and root.head.i != root.i:
                    root = root.head  # "Putin and Kim joined": Kim shares Putin's role
                rank = 0
                if root.dep_ in _SUBJ:
                    rank = 2 if root.head.dep_ == "ROOT" else 1
                elif root.dep_ == "pobj" and root.head.dep_ == "agent":
                    rank = 1
                out.append((m.start, m.actor, rank))
            self._salience = out
        return self._salience

    def _compatible(self, key: str, types: tuple[str, ...], gender: str | None, exclude: set[str]) -> bool:
        """Whether an actor can be what a pronoun or description stands for."""
        a = self.actors.actors.get(key)
        if a is None or a.type not in types or key in exclude:
            return False
        return not (gender and a.gender and a.gender != gender)

    def resolve_pronoun(self, tok: Token, exclude: set[str] | None = None, window: int = 5) -> str | None:
        """The actor a third-person pronoun most likely stands for.

        Salience first: earlier speakers and subjects in the same sentence, then the
        main-clause subject of the nearest earlier sentence that has a compatible one,
        then any compatible mention nearby.
        """
        spec = _PRON_TYPES.get(tok.lower_)
        if spec is None:
            return None
        types, gender = spec
        found = self.salient(tok.idx, types, gender, exclude, window)
        if found or tok.lower_ in {"they", "them", "their"}:
            return found
        return self.actors.last_before(tok.idx, types, gender, exclude or set())

    def salient(self, pos: int, types: tuple[str, ...], gender: str | None = None,
                exclude: set[str] | None = None, window: int = 5) -> str | None:
        """The most salient compatible actor before ``pos``: a subject or speaker earlier in the same
        sentence, else the highest-ranked (main subject, subject, other) in the nearest earlier
        sentence that has one, within ``window`` sentences."""
        exclude = exclude or set()
        si = self.sent_of(pos)
        if self._by_sent is None:
            self._by_sent = {}
            for e in self.salience:
                self._by_sent.setdefault(self.sent_of(e[0]), []).append(e)
        spoken: dict[int, list[tuple[int, str, int]]] = {}
        for p, k in self._spoken:
            if p < pos and self.sent_of(p) >= si - window:
                spoken.setdefault(self.sent_of(p), []).append((p, k, 2))
        fallback = None
        for s in range(si, max(-1, si - window - 1), -1):
            cands = [e for e in self._by_sent.get(s, []) if e[0] < pos] + spoken.get(s, [])
            ents = [e for e in cands if self._compatible(e[1], types, gender, exclude)]
            if s == si:
                ents = [e for e in ents if e[2] >= 1]
            if not ents:
                continue
            best = max(ents, key=lambda e: (e[2], e[0]))
            if best[2] >= 1:
                return best[1]
            if fallback is None:
                fallback = best[1]
        return fallback

    def _qualifier(self, tok: Token, skip: set[int], envoy: bool = False) -> str | None:
        """The state or organisation that qualifies a role noun ("Chinese", "the ministry's", "of Ghana").

        An organisation is preferred to the state qualifying it ("the Chinese foreign ministry's
        spokesman"), except for an ``envoy`` (ambassador, representative), who speaks for the
        sending state: "a Peruvian UN ambassador", "the Chilean ambassador to the UN" (the body
        they are posted to, after "to" or "at", is not whom they represent).
        """
        found: list[str] = []
        near = [t for t in tok.subtree if t.i < tok.i]
        posted = {"to", "at"} if envoy else set()
        for ch in tok.children:  # "President of Ghana", "spokesman for the ministry", "officials in Tokyo"
            if ch.dep_ == "prep" and ch.i > tok.i and ch.lower_ in {"of", "for", "at", "to", "from", "in"} - posted:
                for t in ch.subtree:
                    near.append(t)
                    if t.dep_ == "pobj" and self.actor_of(t) is None and ch.lower_ in {"in", "from"}:
                        e = self.gaz.by_capital(t.text)
                        if e is not None and e.key in self.actors.actors:
                            found.append(e.key)
        for t in near:
            if t.i in skip or t.i == tok.i:
                continue
            key = self.actor_of(t)
            if key and self.atype(key) in {"Organization", "Country"}:
                found.append(key)
            elif key is None and t.ent_type_ == "NORP":
                e = self.gaz.by_demonym(t.text) if hasattr(self.gaz, "by_demonym") else None
                if e is not None and e.key in self.actors.actors:
                    found.append(e.key)
        if envoy:
            states = [k for k in found if self.atype(k) == "Country"]
            if states:
                return states[0]
        orgs = [k for k in found if self.atype(k) == "Organization"]
        return orgs[0] if orgs else (found[0] if found else None)

    def _title_ending_at(self, tok: Token) -> tuple[Title | None, int | None]:
        """The office title of a noun phrase whose head is ``tok`` ("the US president",
        "the Secretary of State"), with the index of its first token."""
        left = tok.left_edge.i
        right = tok.i
        for ch in tok.children:  # "Secretary of State", "Minister of Economy"
            if ch.dep_ == "prep" and ch.i == right + 1 and ch.lower_ == "of":
                right = ch.right_edge.i
        words = [self.doc[j].text for j in range(left, right + 1)]
        for i in range(len(words)):
            if left + i > tok.i:
                break
            t = match_title(words, i)
            if t is not None and left + i + len(t.words) - 1 >= tok.i:
                return t, left + i
        return None, None

    def _thing_in_focus(self, tok: Token) -> Token | None:
        """The subject "it" most likely takes up when that is a thing, not an actor: the main
        subject of the pronoun's own sentence (before it) or of the sentence before, when it is a
        common noun that names no actor ("the declaration", "the report")."""
        si = self.sent_of(tok.idx)
        for s in (si, si - 1):
            if s < 0:
                break
            root = self.sents[s].root
            subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i), None)
            if subj is None or (s == si and subj.i > tok.i):
                continue
            if subj.pos_ == "NOUN" and not self.actor_of(subj) and self.roles.get(subj.lower_, "document") == "document" \
                    and self._title_ending_at(subj)[0] is None and not self.in_quote(subj):
                return subj
            return None
        return None

    def office_holder(self, role: str, qual: str | None, pos: int, speaker: bool = False) -> str | None:
        """The person of the article who holds ``role`` (of ``qual`` when given): by the titles the
        article gives, and by the gazetteer's offices on the article's date; the one mentioned last
        before ``pos`` when several fit ("the president" after two presidents). For a ``speaker``,
        names inside quotes do not count as mentions: a quote names others more than its speaker
        (""X's refusal endangers us," claimed the US leader": not X)."""
        role_n = _role_norm(role)

        def fits(office: str | None, of: str | None) -> bool:  # the office matches, and its body
            o = _role_norm(office or "")
            if not (o == role_n or (role_n == "spokesperson" and o.endswith("spokesperson"))
                    or (role_n == "leader" and o in _LEADERS)):
                return False
            if qual is None or of == qual:
                return True
            a = self.actors.actors.get(of) if of else None
            return a is not None and a.country == qual

        cands: set[str] = set()
        for r in self.actors.represents:
            if r.subject in self.actors.actors and fits(r.office, r.object):
                cands.add(r.subject)
        for key, a in self.actors.actors.items():
            if a.type != "Person":
                continue
            try:
                held = self.gaz.current_offices(key, self.article.date)
            except Exception:  # an entry the gazetteer does not know, or no gazetteer
                continue
            for off in held or ():
                if fits(getattr(off, "role", ""), getattr(off, "of", None)):
                    cands.add(key)
        if not cands:
            return None
        if len(cands) == 1:
            return next(iter(cands))
        last: dict[str, int] = {}
        for m in self.actors.mentions:
            if m.actor in cands and m.start < pos and not (speaker and self.quote_at(m.start) is not None):
                last[m.actor] = m.start
        for p, k in self._spoken:
            if k in cands and p < pos:
                last[k] = max(last.get(k, -1), p)
        return max(last, key=lambda k: last[k]) if last else None

    def unique_org_word(self, word: str) -> str | None:
        """The one organisation of the article whose name has ``word`` in it ("commission")."""
        hits = {k for k, a in self.actors.actors.items()
                if a.type == "Organization" and word in a.label.lower().split()}
        return next(iter(hits)) if len(hits) == 1 else None

    def recent_body(self, word: str, pos: int) -> str | None:
        """"the ministry", "the embassy": the organisation of that kind named last before ``pos``."""
        word = word.lower()
        best = None
        for m in self.actors.mentions:
            if m.start >= pos:
                break
            a = self.actors.actors.get(m.actor)
            if a is not None and a.type == "Organization" and word in a.label.lower().split():
                best = m.actor
        return best

    def document_issuer(self, tok: Token, window: int = 4) -> str | None:
        """"the statement said", "the text goes on": the actor that issued the document last
        mentioned before ``tok`` within ``window`` sentences: its qualifier ("the ministry's
        statement", "a statement from X"), the subject of the verb it serves ("X said in a
        statement", "X issued a statement") or, when it speaks itself, that speaker."""
        si = self.sent_of(tok.idx)
        lo = self.sents[max(0, si - window)].start
        for j in range(tok.i - 1, lo - 1, -1):
            d = self.doc[j]
            if self.roles.get(d.lower_) != "document" or d.pos_ != "NOUN" or self.in_quote(d):
                continue
            poss = next((ch for ch in d.children if ch.dep_ == "poss"), None)
            if poss is not None:
                k = self.np_actor(poss, speaker=True) if poss.pos_ == "PRON" else (
                    self.actor_of(poss) or self.np_actor(poss))
                if k:
                    return k
            k = self._qualifier(d, set())
            if k:
                return k
            head = d.head.head if d.dep_ == "pobj" and d.head.dep_ == "prep" else (d.head if d.dep_ == "dobj" else None)
            if d.dep_ in _SUBJ and d.head.pos_ in {"VERB", "AUX"}:
                head = None
            for _ in range(4):  # up to the clause that has a subject ("X accused Y of doing Z in a statement")
                if head is None or head.pos_ not in {"VERB", "AUX"}:
                    break
                subj, _ = self.subject(head)
                if subj is not None:
                    k = self.np_actor(subj, speaker=True) if self.roles.get(subj.lower_) != "document" else None
                    if k:
                        return k
                    break
                head = head.head.head if head.dep_ == "pcomp" else head.head
            start = self.sents[self.sent_of(d.idx)].start_char
            for p, k in reversed(self._spoken):  # the document spoke before: its speaker
                if start <= p < tok.idx:
                    return k
        return None

    def _org_by_common_name(self, tok: Token) -> str | None:
        """"Peru's border police", "the Chilean navy": an organisation of the article whose name ends in
        the phrase's common-noun words, of the state that qualifies the phrase (or the only one)."""
        if tok.pos_ not in {"NOUN", "PROPN"} or not tok.is_lower:
            return None
        words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.is_lower] + [tok]
        if len(words) < 2 and tok.lower_ in self.roles:
            return None
        phrase = " ".join(w.lower_ for w in sorted(words, key=lambda w: w.i))
        qual = self._qualifier(tok, set())
        hits = [k for k, a in self.actors.actors.items() if a.type == "Organization"
                and a.label.lower().endswith(" " + phrase)
                and (qual is None or a.country == qual or k == qual)]
        return hits[0] if len(hits) == 1 else None

    def np_actor(self, tok: Token, exclude: set[str] | None = None, speaker: bool = False) -> str | None:
        """The actor a noun phrase (given by its head) stands for as a speaker (``speaker``: epithets
        such as "the veteran leader" count) or as an addressee or target."""
        if tok.lower_ in _RELATIVE and tok.dep_ in _SUBJ | {"dobj"} and tok.head.dep_ == "relcl":
            return self.np_actor(tok.head.head, exclude, speaker)
        if speaker and (tok.lower_ == "they" or tok.tag_ == "NNS" and self.roles.get(tok.lemma_.lower()) in {"state", "group"}
                        and not any(ch.dep_ == "poss" or self.actor_of(ch) for ch in tok.subtree if ch.i != tok.i)):
            # "they said", "the two states said": joint speakers; the first named speaks for them
            group = self.resolve_plural(tok, exclude or set())
            if tok.lower_ != "they":  # "the countries" are states, "the allies" organisations or states
                types = {"Country"} if self.roles.get(tok.lemma_.lower()) == "state" else {"Country", "Organization"}
                group = [k for k in group if self.atype(k) in types]
            if group:
                return group[0]
        if tok.pos_ == "PRON":
            if speaker and tok.lower_ == "it":
                thing = self._thing_in_focus(tok)
                if thing is not None:  # "the declaration raised concerns, which it said ...": not an actor
                    k = next((self.np_actor(p, exclude) for p in thing.children if p.dep_ == "poss"), None)
                    if k is None and self.roles.get(thing.lower_) == "document" and thing.i < tok.i:
                        k = self.np_actor(thing, exclude, speaker=True)  # "X's statement said ... It said": X
                    return k
            return self.resolve_pronoun(tok, exclude)
        key = self.actor_of(tok)
        if key:
            return key
        key = self._org_by_common_name(tok)
        if key:
            return key
        # a name beside the head: "spokeswoman Ruiz", "the minister, X,"
        for ch in tok.children:
            if ch.dep_ in {"appos", "compound", "flat", "nmod"}:
                k = self.actor_of(ch)
                if k and self.atype(k) == "Person":
                    return k
        # a capitalised institution named after its body: "the ECOWAS Commission", "the NATO Council"
        if tok.text[:1].isupper() and tok.lower_ not in self.roles and not self._title_ending_at(tok)[0]:
            for ch in tok.children:
                k = self.actor_of(ch) if ch.dep_ == "compound" else None
                if k and self.atype(k) == "Organization":
                    return k
        low = tok.lower_
        role_kind = self.roles.get(low) or self.roles.get(tok.lemma_.lower())
        poss = next((ch for ch in tok.children if ch.dep_ == "poss" and ch.tag_ == "PRP$"), None)
        if poss is not None:
            # "his spokesman", "its statement": the one the possessive stands for speaks
            if poss.lower_ == "their" and self.resolve_plural(poss, exclude or set()):
                return None  # "their offices said": several speakers at once
            owner = self.resolve_pronoun(poss, exclude)
            if role_kind in {"spokes", "document", "body"} and owner is not None:
                return owner
            return None
        title, tstart = self._title_ending_at(tok)
        skip = set(range(tstart, tstart + len(title.words))) if title is not None and tstart is not None else set()
        qual = self._qualifier(tok, skip, envoy=title is not None and title.envoy)
        if role_kind in {"body", "document"}:
            if qual:
                return qual
            for ch in tok.children:
                k = self.actor_of(ch) or (self.np_actor(ch, exclude) if ch.dep_ == "poss" else None)
                if k:
                    return k  # "the bloc's communique": the bloc
            if role_kind == "document" and speaker and any(ch.lower_ in {"the", "this", "that"} for ch in tok.children):
                return self.document_issuer(tok)  # "the statement said": whoever issued it earlier
            if role_kind == "body" and any(ch.lower_ == "the" for ch in tok.children):
                k = self.recent_body(low, tok.idx)
                if k is None and low in {"government", "authorities", "administration"}:
                    # the state in focus (the subject of the sentences before), else the article's main one
                    k = self.salient(tok.idx, ("Country",), window=2)
                    if k is None and self.actors.dominant_country in self.actors.actors:
                        k = self.actors.dominant_country
                return k
            return None
        if title is not None and title.kind == "office":
            person = self.office_holder(title.role, qual, tok.idx, speaker=speaker)
            if person:
                return person
            if role_kind == "spokes" and qual:
                return qual
            if speaker and qual is None and tok.tag_ == "NN" \
                    and any(ch.lower_ == "the" and ch.dep_ == "det" for ch in tok.children):
                return self.salient(tok.idx, ("Person",), window=2)  # "the veteran leader", "the diplomat"
            return None
        definite = any(ch.lower_ == "the" and ch.dep_ == "det" for ch in tok.children)
        if role_kind == "group":  # "the bloc said": the organisation named last
            return qual or (self.salient(tok.idx, ("Organization",), window=3) if definite else None)
        if role_kind == "state":  # "the country said"
            return qual or (self.salient(tok.idx, ("Country",), window=3) if definite else None)
        if speaker and role_kind is None and title is None and definite and tok.pos_ == "NOUN" and tok.is_lower \
                and qual is None and not any(self.actors.actor_of_token(t.i) for t in tok.subtree):
            # an epithet ("the veteran leader said"): the person in focus
            return self.salient(tok.idx, ("Person",), window=2)
        if speaker and role_kind is None and title is None and definite and tok.pos_ == "NOUN" and tok.is_lower \
                and qual is not None and self.atype(qual) == "Country":
            # an epithet with a nationality ("the Bolivian economist said"): the person in focus of that state
            others = {k for k, a in self.actors.actors.items()
                      if a.type == "Person" and self.actors.country_of(k) != qual}
            k = self.salient(tok.idx, ("Person",), exclude=others, window=2)
            if k:
                return k
        if role_kind == "spokes":
            if qual:
                self._anonymous[tok.lemma_.lower()] = qual
                return qual
            if definite and tok.lemma_.lower() in self._anonymous:
                return self._anonymous[tok.lemma_.lower()]  # "a NATO official said ... The official added"
            if speaker and definite and tok.tag_ == "NN":
                return self.salient(tok.idx, ("Person",), window=2)  # "Peskov said ... The diplomat noted"
            if OFFICIALS_TO_DOMINANT_COUNTRY and low in {"officials"} \
                    and self.actors.dominant_country in self.actors.actors:
                return self.actors.dominant_country
        return None

    # ------------------------------------------------------------ cue verbs

    def cue_of(self, tok: Token) -> Cue | None:
        """The cue a verb token is, with its particle when the lexicon has that particle verb."""
        if tok.pos_ not in {"VERB"} and not (tok.pos_ == "AUX" and tok.lemma_ == "say"):
            return None
        lemma = tok.lemma_.lower()
        for ch in tok.children:
            if ch.dep_ == "prt":
                c = self.lex.get(f"{lemma} {ch.lower_}")
                if c is not None:
                    return c
        return self.lex.get(lemma)

    def naming(self, tok: Token) -> bool:
        """"what he called X", "the so-called": the verb names something rather than reports speech."""
        return any(c.lower_ == "what" and c.dep_ in {"dobj", "nsubjpass", "oprd"} for c in tok.children)

    def negated(self, tok: Token) -> bool:
        """"did not say": a negated cue reports no statement."""
        return any(ch.dep_ == "neg" for ch in tok.children)

    def in_dateline(self, tok: Token) -> bool:
        """Whether a token is part of a dateline ("KYIV, March 3 (Reuters) -") opening its paragraph."""
        p = self.para_of(tok.idx)
        if p < 0:
            return False
        if p not in self._datelines:
            ps = self.paras[p]
            m = _DATELINE.match(self.text, ps, min(len(self.text), ps + 90))
            self._datelines[p] = m.end() if m and not (p == 0 and self.article.title) else ps
        return tok.idx < self._datelines[p]

    def _nsubj(self, verb: Token) -> Token | None:
        """A verb's own subject, passing over a dateline the parser took for one (its apposition is
        then the subject: "LONDON (Reuters) - Prime Minister X said")."""
        subs = [ch for ch in verb.children if ch.dep_ == "nsubj"]
        # before the verb, nearest first; then after it ("..., said the minister")
        for ch in sorted(subs, key=lambda c: (c.i > verb.i, abs(c.i - verb.i))):
            if not self.in_dateline(ch):
                return ch
            for a in ch.subtree:
                if a.dep_ == "appos" and not self.in_dateline(a):
                    return a
        return None

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The subject of a cue verb (its own, its agent when passive, or its governing clause's)."""
        passive = any(ch.dep_ in {"auxpass", "nsubjpass"} for ch in verb.children)
        if passive:
            for ch in verb.children:
                if ch.dep_ == "agent":
                    for p in ch.children:
                        if p.dep_ == "pobj":
                            return p, True
            return None, True
        own = self._nsubj(verb)
        if own is not None and verb.tag_ == "VBG" and verb.dep_ in {"ccomp", "advcl", "xcomp"} \
                and own.right_edge.i == verb.i - 1 and own.i > verb.head.i and verb.head.pos_ == "VERB" \
                and not any(c.dep_ == "dobj" for c in verb.head.children):
            # "X warned Y saying ...": Y is the object of the verb before, the participle shares X
            head_subj = self._nsubj(verb.head)
            if head_subj is not None and head_subj.i < verb.head.i:
                return head_subj, False
        if own is not None:
            return own, False
        # a participle or conjunct shares the subject of its clause ("..., adding that", "and wrote:");
        # through a misparsed chain, the nearest speech verb's subject is the likelier one
        if not (verb.dep_ in {"conj", "xcomp"} or verb.tag_ in {"VBG", "VBN"}):
            return None, False
        first: Token | None = None
        v = verb
        for _ in range(4):
            if v.head.i == v.i or v.dep_ not in {"conj", "xcomp", "advcl", "acl", "csubj", "ccomp", "parataxis"}:
                break
            if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
                break
            v = v.head
            subj = self._nsubj(v)
            if subj is not None and subj.i in {t.i for t in verb.subtree}:
                subj = None
            if subj is None:
                continue
            if self.cue_of(v) is not None:
                return subj, False
            if first is None:
                first = subj
        return first, False

    def addressee(self, verb: Token, cue: Cue) -> str | None:
        """The actor a cue verb addresses ("told X", "wrote to X", "urged X"), never a news outlet."""
        key = self._addressee(verb, cue)
        a = self.actors.actors.get(key) if key else None
        return key if a is not None and a.kind not in {"media", "platform"} else None

    def _addressee(self, verb: Token, cue: Cue) -> str | None:
        """The dative, object or "to" phrase of a verb that takes an addressee."""
        if "addr" not in cue.frames and cue.lemma not in {"say", "write", "tell"}:
            return None
        for ch in verb.children:
            if ch.dep_ in {"dative", "dobj"} and "addr" in cue.frames:
                k = self.np_actor(ch)
                if k:
                    return k
            if ch.dep_ in {"prep", "dative"} and ch.lower_ == "to":
                for p in ch.children:
                    if p.dep_ == "pobj":
                        k = self.np_actor(p)
                        if k:
                            return k
        return None

    # ------------------------------------------------------------ content spans

    def _trim(self, toks: list[Token]) -> tuple[int, int] | None:
        """Character span of a token run without leading complementisers and edge punctuation."""
        toks = sorted((t for t in toks if not self.in_dateline(t)), key=lambda t: t.i)
        while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in {"that", "whether", "if"}
                        or toks[0].is_punct and toks[0].text not in _QUOTE_CHARS or toks[0].is_space):
            toks = toks[1:]
        while toks and (toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS | {"."}
                        or toks[-1].is_space or toks[-1].dep_ == "cc"
                        or toks[-1].text == "." and self.quote_at(toks[-1].idx) is None):
            toks = toks[:-1]
        if not toks:
            return None
        s, e = self.span_of(toks)
        q = self.quote_at(e - 1)
        if q is not None and q.start < e <= q.close and q.close - e <= 3 and q.open >= s - 1:
            e = q.close  # a quote the content ends in ends with its own mark (the parse hangs it elsewhere)
        return s, e

    def _clause_tokens(self, comp: Token, verb: Token) -> list[Token]:
        """A complement clause's tokens, cut before a participial cue of its own (", adding ...")."""
        toks = sorted(comp.subtree, key=lambda t: t.i)
        # a concessive clause after a comma is the writer's, not the speaker's ("..., even though X")
        for ch in comp.children:
            if ch.dep_ == "advcl" and ch.i > comp.i and any(
                    m.dep_ == "mark" and m.lower_ in {"although", "though", "whereas"} for m in ch.children):
                lo = ch.left_edge.i
                if lo > 0 and self.doc[lo - 1].text == "," or lo > 1 and self.doc[lo - 1].lower_ == "even" \
                        and self.doc[lo - 2].text == ",":
                    cut = lo - 1 if self.doc[lo - 1].text == "," else lo - 2
                    toks = [t for t in toks if t.i < cut or t.i > ch.right_edge.i]
        for t in toks:
            if t.i != comp.i and t.tag_ == "VBG" and t.i > comp.i and self.cue_of(t) is not None \
                    and t.i > 0 and self.doc[t.i - 1].text in {",", ";"} and t.dep_ in {"advcl", "conj", "xcomp", "ccomp"}:
                return [x for x in toks if x.i < t.i - 1]
        return toks

    def _complements(self, verb: Token, cue: Cue) -> list[list[Token]]:
        """The reported clauses of a ``that`` cue, with repairs for common misparses."""
        kids = list(verb.children)
        comps = [c for c in kids if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}
                 and (c.tag_ != "VBG" or any(a.dep_ in {"aux", "auxpass"} for a in c.children))]
        after = [c for c in comps if c.i > verb.i]
        before = [c for c in comps if c.i < verb.i]
        out: list[list[Token]] = []
        if after:
            for c in after:
                toks = self._clause_tokens(c, verb)
                has_subj = any(ch.dep_ in _SUBJ | {"expl"} for ch in c.children)
                # "added Chile and Peru must ...", "said any state that ... would":
                # the clause's subject parsed as the verb's object or second subject
                obj = next((o for o in kids if (o.dep_ == "dobj" or o.dep_ == "nsubj" and o.i > verb.i)
                            and o.i < c.i), None)
                if not has_subj and obj is not None and "addr" not in cue.frames:
                    toks = sorted(list(obj.subtree) + toks, key=lambda t: t.i)
                out.append(toks)
        elif before and ("final" in cue.frames or "quote" in cue.frames):
            out.append(self._clause_tokens(before[-1], verb))
        if not out:
            # "told reporters he would ...": the clause parsed as a relative clause of the addressee
            for o in kids:
                if o.dep_ in {"dobj", "dative"}:
                    for r in o.children:
                        if r.dep_ == "relcl" and r.i > o.i and not any(
                                ch.dep_ in _SUBJ and ch.lower_ in _RELATIVE for ch in r.children) and any(
                                ch.dep_ in _SUBJ for ch in r.children):
                            out.append(sorted(r.subtree, key=lambda t: t.i))
        if not out:
            # "said in a statement that ...", "said in its reply on Monday that ...": the clause hung on
            # the noun of the prepositional phrase; a finite clause opened by "that", not a relative one
            for pp in kids:
                if pp.dep_ != "prep" or pp.i < verb.i:
                    continue
                for n in pp.subtree:
                    for r in n.children:
                        # "that" as a mark, or taken for a relative object while the clause has a subject
                        # of its own and says enough to be a report ("... on that day that X had sunk")
                        that = next((m for m in r.children if m.lower_ == "that" and m.i < r.i and (
                            m.dep_ == "mark" or m.dep_ == "dobj" and not any(o.dep_ == "dobj" and o.i != m.i for o in r.children))),
                            None)
                        if r.dep_ in {"acl", "relcl", "ccomp"} and r.pos_ in {"VERB", "AUX"} and r.i > n.i \
                                and that is not None and any(ch.dep_ in _SUBJ | {"expl"} and ch.lower_ not in _RELATIVE
                                                             for ch in r.children):
                            toks = [t for t in r.subtree if t.i >= that.i + (that.dep_ != "mark")]
                            if that.dep_ == "mark" or len(_content_words(toks)) >= 4:
                                out.append(toks)
                                break
                    if out:
                        break
                if out:
                    break
        if not out and "addr" not in cue.frames and "obj" not in cue.frames:
            # "said the commemoration aimed to ...": the clause parsed as an object with a participle
            for o in kids:
                if o.dep_ == "dobj" and o.i > verb.i and any(
                        ch.dep_ in {"acl", "relcl"} and ch.pos_ == "VERB" and ch.tag_ in {"VBN", "VBD", "VBZ", "VBP"}
                        and not any(g.lower_ in _RELATIVE for g in ch.children) for ch in o.children):
                    toks = sorted(o.subtree, key=lambda t: t.i)
                    if len(_content_words(toks)) >= 4:
                        out.append(toks)
        if not out and verb.dep_ == "parataxis" and ("final" in cue.frames or "quote" in cue.frames):
            # "China, he said, would ...": the cue interrupts the clause it reports
            inner = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in inner]
            if not any(t.dep_ in {"ccomp", "dobj"} for t in verb.children):
                out.append(toks)
        if not out and verb.dep_ == "csubj" and verb.tag_ == "VBG":
            # "..., adding the new sanctions were unprecedented": the clause parsed around the participle
            out.append([t for t in verb.head.subtree if t.i > verb.i])
        return out

    def content(self, verb: Token, cue: Cue, passive: bool) -> list[tuple[tuple[int, int] | None, str | None, str]]:
        """The content spans of a cue verb by its frames, each with the actor it names as
        addressee or target, and the frame used."""
        kids = list(verb.children)
        if self.naming(verb):
            return []
        dobj = next((c for c in kids if c.dep_ in {"dobj"}), None)
        if dobj is not None and dobj.lower_ in _RELATIVE:
            # "launches, which Seoul described as X": the as-phrase is the content, the antecedent its target
            as_p = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as"), None)
            if "as" in cue.frames and as_p is not None and verb.dep_ == "relcl":
                ante = verb.head
                inner = {t.i for t in verb.subtree}
                target = next((self.actor_of(t) for t in ante.subtree if t.i not in inner and self.actor_of(t)), None)
                return [(self._trim(list(as_p.subtree)), target, "as")]
            return []
        if "that" in cue.frames:
            spans = []
            for toks in self._complements(verb, cue):
                if len(_content_words(toks)) >= 2 or any(t.text in _QUOTE_CHARS for t in toks):
                    spans.append((self._trim(toks), None, "that"))
            if spans:
                return spans
        preps = {c.lower_: c for c in kids if c.dep_ in {"prep", "dative"}}
        prt = {c.lower_ for c in kids if c.dep_ == "prt"}
        if "on" in cue.frames and ("on" in preps or ("on" in prt and dobj is not None)):
            pobj = dobj if "on" not in preps else next((c for c in preps["on"].children if c.dep_ == "pobj"), None)
            x = next((c for c in kids if c.dep_ in {"xcomp", "ccomp", "advcl"} and pobj is not None and c.i > pobj.i), None)
            if pobj is not None:
                toks = list(pobj.subtree) + (list(x.subtree) if x is not None else [])
                if x is not None or len(_content_words(toks)) >= 3:
                    return [(self._trim(toks), self.np_actor(pobj), "on")]
        if "as" in cue.frames and dobj is not None:
            as_p = preps.get("as") or next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            oprd = next((c for c in kids if c.dep_ in {"oprd"} or (c.dep_ in {"xcomp", "ccomp"} and c.i > dobj.i)), None)
            tail = as_p or oprd
            if tail is not None and as_p is None and tail.pos_ == "PROPN" and self.quote_at(tail.idx) is None:
                return []  # "which calls the shoal Bajo de Masinloc": a name given, not words said
            if tail is not None:
                toks = list(dobj.subtree) + list(tail.subtree)
                return [(self._trim(toks), self._target(dobj), "as")]
            # "called Y "Z"": a quote right after the object
            nxt = dobj.right_edge.i + 1
            if nxt < len(self.doc):
                q = self.quote_at(self.doc[nxt].idx)
                if q is not None and q.open == self.doc[nxt].idx:
                    s0, _ = self.span_of(dobj.subtree)
                    return [((s0, q.close), self._target(dobj), "as")]
        if "as" in cue.frames and dobj is None and verb.lemma_ == "call":
            oprd = next((c for c in kids if c.dep_ == "oprd"), None)
            if oprd is not None and oprd.pos_ == "PROPN" and self.quote_at(oprd.idx) is None:
                return []  # "which calls the island Isla Grande": a name given, not words said
            if oprd is not None:
                return [(self._trim(list(oprd.subtree)), None, "as")]
        if "of" in cue.frames and dobj is not None:
            of_p = preps.get("of") or next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of_p is not None:
                return [(self._trim(list(dobj.subtree) + list(of_p.subtree)), self.np_actor(dobj), "of")]
        if "to" in cue.frames:
            x = next((c for c in kids if c.dep_ in {"xcomp", "ccomp"} and any(
                a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
            if x is not None:
                toks = list(x.subtree)
                if dobj is not None and dobj.i < x.i:
                    toks = list(dobj.subtree) + toks
                return [(self._trim(toks), self.np_actor(dobj) if dobj is not None else None, "to")]
        if "for" in cue.frames and "for" in preps and dobj is None:
            f = preps["for"]
            toks = [t for t in f.subtree if t.i != f.i]
            if toks and len(_content_words(toks)) >= 1:
                return [(self._trim(toks), None, "for")]
        if "obj" in cue.frames and dobj is not None and not passive:
            if cue.heads and dobj.lemma_.lower() not in cue.heads:
                return []
            if self.actor_of(dobj) or dobj.pos_ in {"PROPN", "PRON"} or self._title_ending_at(dobj)[0] is not None \
                    or match_title([dobj.lemma_], 0) is not None or dobj.lemma_.lower() in self.roles:
                return []  # "welcomed the leaders": a person received, not words
            toks = list(dobj.subtree)
            # a trailing "about ..." phrase of the verb belongs to the content
            for c in kids:
                if c.dep_ == "prep" and c.i > dobj.i and c.lower_ in {"about", "over", "on", "as"}:
                    toks += list(c.subtree)
            if len(_content_words(toks)) >= (1 if cue.heads else 3):
                return [(self._trim(toks), None, "obj")]
        if passive and "passive" in cue.frames:
            for c in kids:
                if c.dep_ == "ccomp":
                    return [(self._trim(list(c.subtree)), None, "that")]
        return []

    def final_content(self, verb: Token, subj: Token | None) -> tuple[int, int] | None:
        """``..., X said.``: the part of the sentence before the comma that precedes the cue clause."""
        sent = sentence_of(verb)
        after = [t for t in sent if t.i > verb.i]
        for t in after:
            if t.is_punct or t.is_space:
                continue
            if t.pos_ in {"VERB", "AUX", "SCONJ"} or t.lower_ == "that":
                return None
        first = verb.i
        if subj is not None:
            first = min(first, subj.left_edge.i)
        j = first - 1
        while j >= sent.start and self.doc[j].pos_ in {"PROPN", "NOUN", "ADJ", "DET", "PUNCT", "NUM", "PART"} \
                and self.doc[j].text not in {",", ";", ":"} and self.doc[j].text not in _QUOTE_CHARS:
            j -= 1
        if j < sent.start or self.doc[j].text != ",":
            return None
        start = sent.start
        toks = [self.doc[i] for i in range(start, j)]
        if len(_content_words(toks)) < 3:
            return None
        return self._trim(toks)

    # ------------------------------------------------------------ direct quotes

    def _region_tokens(self, start: int, end: int) -> list[Token]:
        """Non-space tokens starting inside [start, end)."""
        return [t for t in self.tokens(start, end) if not t.is_space]

    def _quote_cue_after(self, q: Quote, nxt_open: int) -> Token | None:
        """``"...," he said`` / ``"...," said X``: a speech verb in the short clause right after a
        quote, before any other verb; after a quote that closes a sentence only a bare "he said."."""
        para_end = self._para_end(q.close)
        limit = min(nxt_open, para_end)
        toks = self._region_tokens(q.close, limit)
        ends_sentence = self.text[q.start:q.end].rstrip()[-1:] in {"."} if q.end > q.start else False
        seen_words = 0
        for n, t in enumerate(toks):
            if t.text in _SENT_END or n > 12:
                return None
            cue = self.cue_of(t)
            if cue is not None and "quote" in cue.frames and not self.naming(t):
                # the cue's subject before the quote: the quote is a phrase of its clause (X "firmly" denied)
                own = self._nsubj(t)
                if own is not None and own.idx < q.open:
                    return None
                # an object of its own ("criticized X") makes the verb no attribution, unless an addressee
                if "addr" not in cue.frames and any(c.dep_ == "dobj" and c.idx >= q.close and not self.in_quote(c)
                                                    for c in t.children):
                    return None
                if ends_sentence and seen_words > 0:
                    # a new sentence after a closed quote: only a short "He said." attributes it
                    rest = []
                    for x in toks[n + 1:]:
                        if x.text in _SENT_END:
                            break
                        rest.append(x)
                    if any(x.text in {":"} | _QUOTE_CHARS for x in rest) or \
                            len([x for x in rest if not x.is_punct]) > 4:
                        return None
                if any(c.dep_ == "ccomp" and c.idx >= q.close and c.idx < limit and
                       c.pos_ in {"VERB", "AUX"} and not self.in_quote(c) for c in t.children):
                    return None
                return t
            if t.pos_ in {"VERB", "AUX"} or t.lower_ == "that" or t.dep_ == "mark":
                return None
            if not t.is_punct:
                seen_words += 1
        return None

    def _quote_cue_before(self, q: Quote, prev_close: int) -> Token | None:
        """``X said: "..."``: a speech verb close before a quote with no other clause between, whose
        complement is the quote (not a clause the quote is embedded in, nor a phrase inside a noun
        phrase: condemned the "...")."""
        ps = self.paras[self.para_of(q.open)] if self.paras else 0
        toks = self._region_tokens(max(prev_close, ps), q.open)
        if toks and toks[-1].pos_ in {"DET", "ADJ", "NUM"} and toks[-1].text not in _QUOTE_CHARS:
            return None
        for n, t in enumerate(reversed(toks)):
            if n > 10 or t.text in _SENT_END:
                return None
            cue = self.cue_of(t)
            if cue is not None and "quote" in cue.frames and not self.naming(t):
                # embedded: the verb's complement starts before the quote or runs on after it
                for c in t.children:
                    if c.dep_ in {"ccomp", "xcomp", "dobj"} and not self.in_quote(c):
                        lo, hi = self.span_of(c.subtree)
                        if lo < q.open and (c.dep_ != "dobj" or hi > q.open) or hi > q.close + 2:
                            return None
                return t
            if t.pos_ in {"VERB", "AUX"} or t.dep_ == "mark" or t.lower_ == "that":
                return None
        return None

    def _colon_clause(self, q: Quote, prev_close: int) -> tuple[Token | None, Token | None]:
        """``X threatens Y: "..."``: the verb and subject of the clause before a colon."""
        ps = self.paras[self.para_of(q.open)] if self.paras else 0
        toks = self._region_tokens(max(prev_close, ps), q.open)
        if not toks or toks[-1].text not in {":"} | _DASHES:
            return None, None
        for t in reversed(toks[:-1]):
            if t.text in _SENT_END:
                break
            if t.pos_ in {"VERB", "AUX"} and not self.negated(t):
                subj, _ = self.subject(t)
                if subj is not None:
                    return t, subj
                if t.dep_ in {"ROOT"}:
                    break
        return None, None

    def _name_colon(self, q: Quote, prev_close: int) -> str | None:
        """``X: "..."`` opening a paragraph (transcripts, live pages): the named actor speaks."""
        ps = self.paras[self.para_of(q.open)] if self.paras else 0
        if prev_close > ps:
            return None
        toks = [t for t in self._region_tokens(ps, q.open) if not t.is_space]
        if len(toks) < 2 or toks[-1].text != ":" or len(toks) > 7:
            return None
        words = [t for t in toks[:-1] if not t.is_punct]
        keys = {self.actor_of(t) for t in words} - {None}
        loose = [t for t in words if self.actor_of(t) is None]
        if len(keys) == 1 and len(loose) <= 2 and not any(t.pos_ in {"VERB", "AUX"} for t in words):
            return next(iter(keys))
        return None

    def _dash_speaker(self, q: Quote, nxt_open: int) -> str | None:
        """``"..." -- X``: a quote followed by a dash and a name."""
        toks = self._region_tokens(q.close, min(nxt_open, self._para_end(q.close)))
        if not toks or toks[0].text not in _DASHES:
            return None
        keys = {self.actor_of(t) for t in toks[1:] if not t.is_punct}
        if len(keys) == 1 and None not in keys:
            return next(iter(keys))
        return None

    def _para_end(self, pos: int) -> int:
        """Offset where the paragraph holding ``pos`` ends."""
        i = self.para_of(pos)
        return self.paras[i + 1] if i + 1 < len(self.paras) else len(self.text)

    def _sentence_only_quote(self, q: Quote, prev_close: int, nxt_open: int) -> bool:
        """Whether the quote is a sentence of its own (nothing but punctuation around it)."""
        ps = self.paras[self.para_of(q.open)] if self.paras else 0
        before = self.text[max(ps, prev_close):q.open]
        if before.strip() and not re.search(r"[.!?…]\W*$", before.strip()):
            return False
        after = self.text[q.close:min(nxt_open, self._para_end(q.close))]
        m = re.match(r"[\s.,!?…)\]]*", after)
        rest = after[m.end():] if m else after
        return rest.strip() == "" or bool(re.match(r"\s*[.!?…]", after)) or \
            (bool(re.search(r"[.!?…][\s\"”’']*$", self.text[q.start:q.end])) and rest[:1].isupper())

    def direct_candidates(self) -> list[_Cand]:
        """One candidate per quote that some construction attributes."""
        out: list[_Cand] = []
        for n, q in enumerate(self.quotes):
            prev_close = self.quotes[n - 1].close if n else 0
            nxt_open = self.quotes[n + 1].open if n + 1 < len(self.quotes) else len(self.text)
            try:
                cand = self._attribute(q, prev_close, nxt_open)
            except Exception:  # one odd quote must not stop the article
                cand = None
            if cand is not None:
                out.append(cand)
        return out

    def _attribute(self, q: Quote, prev_close: int, nxt_open: int) -> _Cand | None:
        """Attribute one quote: cue after, cue before, dash, name and colon, clause and colon, or
        continuation of the last speaker when the quote is a sentence of its own."""
        if len(_content_words_text(self.text[q.start:q.end])) < 1:
            return None
        after = self._quote_cue_after(q, nxt_open)
        before = self._quote_cue_before(q, prev_close) if after is None else None
        cue_tok = after or before
        if cue_tok is not None:
            cue = self.cue_of(cue_tok)
            subj, passive = self.subject(cue_tok)
            cand = _Cand(q.start, q.end, True, cue_tok.text, cue_tok.idx, cue_tok, subj)
            if subj is None:
                cand.speaker = self._near_speaker(cue_tok, q)
            if cue is not None:
                cand.addressee = self.addressee(cue_tok, cue)
            self.direct_cues.setdefault(cue_tok.i, []).append(q)
            return cand
        key = self._dash_speaker(q, nxt_open)
        if key:
            return _Cand(q.start, q.end, True, "dash", q.close, speaker=key)
        key = self._name_colon(q, prev_close)
        if key:
            return _Cand(q.start, q.end, True, "colon", q.open, speaker=key)
        verb, subj = self._colon_clause(q, prev_close)
        if verb is not None:
            return _Cand(q.start, q.end, True, verb.text, verb.idx, verb, subj)
        if self._sentence_only_quote(q, prev_close, nxt_open) and len(_content_words_text(self.text[q.start:q.end])) >= 3:
            return _Cand(q.start, q.end, True, "", q.open, continuation=True)
        return None

    def _near_speaker(self, cue_tok: Token, q: Quote) -> str | None:
        """A speaker next to a cue the parser left without a subject (``"...," he said``)."""
        sent = sentence_of(cue_tok)
        for t in sorted((t for t in sent if not self.in_quote(t) and abs(t.i - cue_tok.i) <= 6 and t.i != cue_tok.i),
                        key=lambda t: abs(t.i - cue_tok.i)):
            if t.pos_ == "PRON" and t.lower_ in _PRON_TYPES:
                return self.resolve_pronoun(t)
            k = self.actor_of(t)
            if k:
                return k
        return None

    # ------------------------------------------------------------ reported speech

    def reported_candidates(self) -> list[_Cand]:
        """Reported speech: one or more candidates per speech verb outside quotes."""
        out: list[_Cand] = []
        for tok in self.doc:
            try:
                out.extend(self._reported(tok))
            except Exception:  # one odd parse must not stop the article
                continue
        return out

    def _reported(self, tok: Token) -> list[_Cand]:
        """The statements a speech verb reports, by its frames (none when negated or subjectless)."""
        cue = self.cue_of(tok)
        if cue is None or self.in_quote(tok) or self.negated(tok):
            return []
        subj, passive = self.subject(tok)
        if subj is None:
            return []
        if passive and "passive" not in cue.frames:
            return []
        found = self.content(tok, cue, passive)
        if not found and "final" in cue.frames and tok.i not in self.direct_cues:
            span = self.final_content(tok, subj)
            if span is not None:
                found = [(span, None, "final")]
        out = []
        addressee = self.addressee(tok, cue)
        if passive and addressee is None and "addr" in cue.frames:  # "X was warned by Y that ..."
            pas = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            addressee = self.np_actor(pas) if pas is not None and pas.lower_ != "it" else None
        for span, target, _frame in found:
            if span is None or span[1] - span[0] < 2:
                continue
            s, e = span
            # the content is an attributed direct quote: already a statement
            if any(_overlap(s, e, q.start, q.end) > 0.5 * (e - s) for q in self.direct_cues.get(tok.i, [])):
                continue
            direct = False
            q = self.quote_at(s)
            if q is not None and q.open <= s <= q.start + 1 and q.end - 1 <= e <= q.close + 1:
                s, e, direct = q.start, q.end, True
            cand = _Cand(s, e, direct, tok.text, tok.idx, tok, subj)
            cand.addressee = addressee
            if target:
                cand.extra_about.append(target)
            out.append(cand)
        return out

    def according_candidates(self) -> list[_Cand]:
        """``According to X, ...`` and ``..., according to X``."""
        out = []
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            if self.in_quote(tok):
                continue
            to = self.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or \
                next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
            sent = sentence_of(tok)
            toks = [t for t in sent if t.i not in phrase]
            span = self._trim(toks)
            if span is None or len(_content_words(toks)) < 3:
                continue
            cand = _Cand(span[0], span[1], False, "according to", tok.idx, None, pobj)
            cand.subj = pobj
            out.append(cand)
        return out

    def noun_candidates(self) -> list[_Cand]:
        """``X's claim that ...``, ``the warning by X that ...``: a speech noun (``n:`` rows of the
        cue lexicon) whose owner is named, with a that-clause for content."""
        out = []
        for tok in self.doc:
            cue = self.lex.get("n:" + tok.lemma_.lower())
            if cue is None or tok.pos_ != "NOUN" or self.in_quote(tok):
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None:
                by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None)
                owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if owner is None or owner.pos_ == "PRON":
                continue
            clause = next((c for c in tok.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > tok.i and any(
                m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
            if clause is None:
                continue
            span = self._trim(list(clause.subtree))
            if span is None or len(_content_words(list(clause.subtree))) < 3:
                continue
            cand = _Cand(span[0], span[1], False, tok.lemma_.lower(), owner.idx, tok, owner)
            out.append(cand)
        return out

    # ------------------------------------------------------------ headline

    def headline_candidates(self) -> list[_Cand]:
        """``Content: X`` and ``X: content`` in the headline."""
        title = self.article.title
        if not title or not self.text.startswith(title):
            return []
        end = len(title)
        out = []
        m = re.search(r"\s*(?::|\s[-–—|]\s)\s*([^:–—|]+?)\s*(?:says|said)?\s*$", title)
        if m and m.start() > 0:
            toks = [t for t in self._region_tokens(m.start(1), m.end(1)) if not t.is_punct]
            keys = {self.actor_of(t) for t in toks} - {None}
            loose = [t for t in toks if self.actor_of(t) is None]
            if len(keys) == 1 and len(loose) <= 1 and len(toks) <= 5:
                key = next(iter(keys))
                a = self.actors.actors.get(key)
                if a is not None and (":" in m.group(0) or a.kind not in {"media", "platform"}):
                    out.append(_Cand(0, m.start(), True, "headline", 0, speaker=key))
                    return out
        m = re.match(r"\s*([^:]{2,60}?):\s+(\S.*)$", title)
        if m and not re.match(r"\s*[\"“‘'«]", m.group(2)):
            toks = [t for t in self._region_tokens(m.start(1), m.end(1)) if not t.is_punct]
            keys = {self.actor_of(t) for t in toks} - {None}
            loose = [t for t in toks if self.actor_of(t) is None]
            if len(keys) == 1 and len(loose) <= 2 and not any(t.pos_ in {"VERB", "AUX"} for t in toks):
                key = next(iter(keys))
                if self.atype(key) in {"Person", "Organization", "Country"}:
                    out.append(_Cand(m.start(2), end, False, "headline", 0, speaker=key))
        return out

    # ------------------------------------------------------------ about

    def own(self, speaker: str) -> set[str]:
        """The speaker and what it speaks for: its state and the bodies it represents."""
        out = {speaker}
        a = self.actors.actors.get(speaker)
        if a is not None and a.country:
            out.add(a.country)
        for r in self.actors.represents:
            if r.subject == speaker:
                out.add(r.object)
                o = self.actors.actors.get(r.object)
                if o is not None and o.country:
                    out.add(o.country)
        return out

    def own_country(self, speaker: str) -> str | None:
        """The state a speaker belongs to or speaks for, when the article tells it."""
        a = self.actors.actors.get(speaker)
        if a is None:
            return None
        if a.type == "Country":
            return speaker
        if a.country and a.country in self.actors.actors:
            return a.country
        for r in self.actors.represents:
            if r.subject == speaker and self.atype(r.object) == "Country":
                return r.object
        for r in self.actors.represents:
            o = self.actors.actors.get(r.object)
            if r.subject == speaker and o is not None and o.country in self.actors.actors:
                return o.country
        return None

    def resolve_plural(self, tok: Token, exclude: set[str]) -> list[str]:
        """"they": the actors of the nearest coordinated subject ("X and Y met ... they agreed")."""
        pos = tok.idx
        si = self.sent_of(pos)
        for s in range(si, max(-1, si - 4), -1):
            sent = self.sents[s]
            for t in reversed(list(sent)):
                if t.idx >= pos or t.dep_ not in _SUBJ or self.in_quote(t):
                    continue
                if t.i in self._plural:  # an earlier "they" already resolved: the chain goes on
                    self._plural[tok.i] = self._plural[t.i]
                    return self._plural[t.i]
                group = [t] + [c for c in t.subtree if c.dep_ == "conj" and c.head.i in {t.i} | {x.i for x in t.subtree}]
                keys = []
                for g in group:
                    k = self.actor_of(g)
                    if k and k not in keys and k not in exclude:
                        keys.append(k)
                if len(keys) >= 2:
                    self._plural[tok.i] = keys
                    return keys
        return []

    def _qualifies_person(self, tok_ids: list[int]) -> bool:
        """Whether a mention (its tokens) only qualifies a person: "Chile's Boric", "Peruvian President X"."""
        toks = [self.doc[i] for i in tok_ids]
        root = next((t for t in toks if t.head.i not in tok_ids or t.head.i == t.i), toks[0])
        t = root
        for _ in range(4):
            if t.dep_ not in {"poss", "compound", "amod", "nmod", "npadvmod"} or t.head.i == t.i:
                return False
            h = t.head
            k = self.actor_of(h)
            if k and self.atype(k) == "Person" or h.lower_ in _PERSON_NOUNS:
                return True
            title, _ = self._title_ending_at(h)
            if title is not None and title.kind == "office" and h.lower_ not in {"head", "chief"}:
                return True
            if self.roles.get(h.lower_) == "spokes":
                return True  # "an unnamed NATO diplomat"
            if k is not None:
                return False
            t = h
        return False

    def _demonym_state(self, t: Token) -> str | None:
        """The state of the article a capitalised demonym names ("Azerbaijani"), not one glued to a
        prefix ("Anti-Chilean")."""
        if not t.text[:1].isupper() or t.pos_ not in {"ADJ", "PROPN", "NOUN"} or len(t.text) < 4:
            return None
        if t.i > 1 and self.doc[t.i - 1].text in {"-", "‐"} and not self.doc[t.i - 1].whitespace_:
            # glued to a prefix: a state only when the prefix is a demonym too ("Armenian-Azerbaijani")
            pe = self.gaz.by_demonym(self.doc[t.i - 2].text)
            if pe is None or pe.type != "Country":
                return None
        elif t.i > 0 and self.doc[t.i - 1].text in {"-", "‐"} and not self.doc[t.i - 1].whitespace_:
            return None
        e = self.gaz.by_demonym(t.text)
        return e.key if e is not None and e.key in self.actors.actors and e.type == "Country" else None

    def _target(self, obj: Token) -> str | None:
        """The actor the object of "described X as" stands for; "it" there is the act or thing
        described ("called it a reminder"), not an actor."""
        return None if obj.lower_ == "it" else self.np_actor(obj)

    @staticmethod
    def _mention_root(toks: list[Token]) -> Token:
        ids = {t.i for t in toks}
        return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])

    def _headline_case(self, tok: Token) -> bool:
        """Whether a token's sentence is in title case (a headline), where capitals tell nothing."""
        words = [t for t in tok.sent if t.is_alpha and len(t.text) > 3]
        return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)

    def _in_name(self, root: Token) -> bool:
        """Whether a state or organisation is only part of the name of something else ("the UN
        Charter", "the South China Sea"): it modifies a capitalised noun that is no actor, office or role."""
        h = root.head
        if root.dep_ not in {"compound", "nmod"} or h.i == root.i or h.pos_ != "PROPN" or not h.text[:1].isupper():
            return False
        if self.actors.actor_of_token(h.i) or h.lower_ in self.roles or self._title_ending_at(h)[0] is not None:
            return False
        return not self._headline_case(root)

    def _thing(self, key: str, root: Token) -> bool:
        """Whether an actor the gazetteer does not know is a place or a craft: its name ends in a noun of
        ``_THING_NOUNS`` (or starts with "Operation"), or it is apposed to one or named as one
        ("a fisheries vessel, the X", "calls the shoal X")."""
        a = self.actors.actors.get(key)
        if a is None or a.qid or a.kind:
            return False
        words = a.label.lower().split()
        if words and (words[-1] in _THING_NOUNS or words[0] == "operation"):
            return True
        t = root
        for _ in range(4):  # up through the rest of a longer name ("the BRP X Y")
            if t.dep_ not in {"compound", "flat"} or t.head.pos_ != "PROPN" or t.head.i == t.i:
                break
            t = t.head
        if t.dep_ == "oprd":
            return any(ch.i != t.i and ch.lemma_.lower() in _THING_NOUNS for ch in t.head.children)
        return t.dep_ == "appos" and t.head.lemma_.lower() in _THING_NOUNS

    def _own_qualifier(self, key: str, root: Token, own_states: set[str], toks: list[Token] | None = None) -> bool:
        """Whether a mention is the speaker's own state, or a body of it, only qualifying a thing ("the
        U.S. trade deficit" from a US official, "Filipino fishermen" from the Philippine coast guard).
        The state's people ("the Chinese people"), its government ("the Chinese side") and a possessive
        ("Japan's security") still count."""
        a = self.actors.actors.get(key)
        if a is None or not (key in own_states or (a.type == "Organization" and a.country in own_states
                                                   and any(t.is_lower for t in toks or [root]))):
            return False  # a body of its state by a common noun ("US military aircraft"), not by its name
        h = root.head
        if root.dep_ not in {"amod", "compound", "nmod"} or h.i == root.i or h.pos_ not in {"NOUN", "PROPN"}:
            return False
        if self.actors.actor_of_token(h.i):
            return False
        low = h.lemma_.lower()
        return low not in _PEOPLE_NOUNS and h.lower_ not in _PEOPLE_NOUNS and low not in _PARTY_NOUNS \
            and self.roles.get(low) not in {"body", "state", "group", "spokes"}

    @staticmethod
    def _language(t: Token) -> bool:
        """A demonym standing alone after "in" is a language ("is called X in Chinese"), not a state."""
        return t.dep_ == "pobj" and t.head.lower_ == "in" and not any(ch.dep_ in {"det", "amod"} for ch in t.children)

    def _co_speakers(self, c: _Cand, speaker: str) -> set[str]:
        """Those a joint speaker speaks with ("X and Y said", "they said", "the three states said"):
        speakers of the statement, not what it is about."""
        subj = c.subj
        if subj is None:
            return set()
        group = set(self._plural.get(subj.i, []))
        if subj.pos_ != "PRON":
            for t in subj.subtree:
                h = t
                while h.i != subj.i and h.dep_ in {"conj", "appos"}:
                    h = h.head
                k = self.actor_of(t) if h.i == subj.i else None
                if k:
                    group.add(k)
        return group - {speaker} if speaker in group else set()

    def _plural_subject(self, c: _Cand) -> bool:
        """Whether a reported statement's speaker is plural ("they said", "the states said", "X and Y said")."""
        subj = c.subj
        return subj is not None and (subj.lower_ == "they" or subj.tag_ in {"NNS", "NNPS"}
                                     or any(ch.dep_ == "conj" for ch in subj.children))

    def about(self, c: _Cand, speaker: str) -> tuple[str, ...]:
        """The actors a statement is about: named in its content (less the speaker and states that
        only qualify a person), its third-person pronouns resolved, and its addressee."""
        out: list[str] = []
        own = self.own(speaker)
        own_states = {k for k in own if self.atype(k) == "Country"}
        co = self._co_speakers(c, speaker)

        def add(k: str | None) -> None:  # once each, never the speaker nor those speaking with it
            if k and k != speaker and k not in co and k in self.actors.actors and k not in out:
                out.append(k)

        if c.addressee:
            add(c.addressee)
        for k in c.extra_about:
            add(k)
        # a nominal content is its speaker's act: "the state's condemnation of X" is not about the state
        ctoks = self.tokens(c.start, c.end)
        cids = {t.i for t in ctoks}
        croots = [t for t in ctoks if t.head.i not in cids or t.head.i == t.i]
        agent = {ch.i for r in croots[:1] if len(croots) == 1 and r.pos_ == "NOUN"
                 for ch in r.children if ch.dep_ == "poss" and self.actors.actor_of_token(ch.i) in own}
        inside = []
        for m in self.actors.mentions_between(c.start, c.end):
            toks = self.tokens(m.start, m.end)
            a = self.actors.actors.get(m.actor)
            if a is None or not toks:
                continue
            if a.type in {"Country", "Organization"} and self._qualifies_person([t.i for t in toks]):
                continue
            root = self._mention_root(toks)
            if root.i in agent or self._thing(m.actor, root) or self._own_qualifier(m.actor, root, own_states, toks):
                continue
            if a.type in {"Country", "Organization"} and self._in_name(root):
                continue
            if a.type == "Person" and root.dep_ in {"compound", "poss"} \
                    and self.roles.get(root.head.lemma_.lower()) == "body":
                k = self.own_country(m.actor)  # "the X administration", "X's government": X's state
                if k:
                    inside.append((m.start, k))
                    add(k)
                    continue
            inside.append((m.start, m.actor))
            add(m.actor)
        # a relative clause ("..., which it says holds claims"): its antecedent is what it is about
        first = next((t for t in self.tokens(c.start, c.end) if not t.is_punct), None)
        rel = first.head if first is not None else None
        while rel is not None and rel.dep_ == "ccomp" and rel.head.i != rel.i:
            rel = rel.head  # "which it says holds": the relative clause is the cue's
        if first is not None and rel is not None and first.lower_ in {"which", "that", "who"} \
                and first.dep_ in _SUBJ and rel.dep_ == "relcl":
            ante, inner = rel.head, {t.i for t in rel.subtree}
            for t in ante.subtree:
                if t.i in inner:
                    continue
                k = self.actors.actor_of_token(t.i) or self._demonym_state(t)
                if k and not self._qualifies_person([t.i]):
                    add(k)
        # people named by their office ("the Russian leader", "the US president")
        for t in self.tokens(c.start, c.end):
            if t.pos_ != "NOUN" or self.actors.actor_of_token(t.i) or t.dep_ == "compound":
                continue
            title, tstart = self._title_ending_at(t)
            if title is None or title.kind != "office":
                continue
            skip = set(range(tstart, tstart + len(title.words)))
            qual = self._qualifier(t, skip)
            if qual is not None and not any(ch.dep_ in {"appos"} for ch in t.children):
                k = self.office_holder(title.role, qual, t.idx)
                if k:
                    inside.append((t.idx, k))
                    add(k)
        # definite descriptions: "the country" (the state in focus), "the bloc" (the organisation in
        # focus), "the commission" (the one organisation of the article with that word in its name)
        for t in self.tokens(c.start, c.end):
            if t.pos_ != "NOUN" or t.tag_ != "NN" or self.actors.actor_of_token(t.i) \
                    or not any(ch.lower_ == "the" and ch.dep_ == "det" for ch in t.children):
                continue
            kind = self.roles.get(t.lower_)
            k = None
            if kind == "state":  # a state speaking of "the country" speaks of itself
                k = self.salient(c.start, ("Country",), None, set(), window=3)
            elif kind == "group":
                k = self.salient(c.start, ("Organization",), None, {speaker}, window=3)
            elif kind in {None, "body"}:
                k = self.unique_org_word(t.lower_)
                o = self.actors.actors.get(k) if k else None
                e = self.gaz.by_demonym(o.label.split()[0]) if o is not None and o.label else None
                oc = (o.country or (e.key if e is not None and e.type == "Country" else None)) if o is not None else None
                if oc and own_states and oc not in own_states:
                    k = None  # "the army" in a state's words is its own, not another state's
                if k and self._thing(k, t):
                    k = None  # "the shoal": a place
            if k:
                inside.append((t.idx, k))
                add(k)
        # states named by a demonym ("Peruvian claims", "Chilean copper")
        for ent in self._norp[bisect_left(self._norp_starts, c.start):bisect_left(self._norp_starts, c.end)]:
            if ent.end_char > c.end:
                continue
            if any(self.actors.actor_of_token(t.i) for t in ent) or self._language(ent.root):
                continue
            e = self.gaz.by_demonym(ent.text)
            if e is not None and e.key in self.actors.actors and not self._qualifies_person([t.i for t in ent]) \
                    and not self._own_qualifier(e.key, ent.root, own_states):
                inside.append((ent.start_char, e.key))
                add(e.key)
        for t in self.tokens(c.start, c.end):  # demonyms the NER left untagged ("Peruvian claims")
            if t.ent_type_ != "NORP" and not self.actors.actor_of_token(t.i) and not self._language(t):
                k = self._demonym_state(t)
                if k and not self._qualifies_person([t.i]) and not self._own_qualifier(k, t, own_states):
                    inside.append((t.idx, k))
                    add(k)
        inside.sort()
        spk = self.actors.actors.get(speaker)
        frame_start = self.sents[self.sent_of(c.start)].start_char
        for t in self.tokens(c.start, c.end):
            low = t.lower_
            if t.tag_ not in {"PRP", "PRP$"}:
                continue
            if low in {"you", "your"}:
                add(c.addressee)
                continue
            if low in {"his", "her", "its", "their", "my", "our"} and t.head.lemma_.lower() in {"country", "nation"} \
                    and t.dep_ == "poss":
                if low in {"my", "our"} or (spk is not None and spk.type == "Person" and low in {"his", "her"}):
                    add(self.own_country(speaker))
                    continue
            spec = _PRON_TYPES.get(low)
            if spec is None:
                continue
            types, gender = spec
            plural = low in {"they", "them", "their"}
            if plural and not c.direct and self._plural_subject(c):
                continue  # "the states said they ...": the speakers themselves
            if not plural and spk is not None and spk.type in types and (
                    not gender or not spk.gender or spk.gender == gender):
                if not c.direct or spk.type != "Person":
                    continue  # reported speech: "he", "its" is the speaker
            if low == "it":
                continue  # "it is ...", "make it up": mostly no one; a state is "its" owner or "they"
            k = next((key for p, key in reversed(inside) if p < t.idx
                      and self._compatible(key, types, gender, {speaker})), None)
            if k is None:  # the frame before the content: "praised Spain: "its people ...""
                k = next((m.actor for m in reversed(self.actors.mentions_between(frame_start, c.start))
                          if not self.quote_at(m.start) and self._compatible(m.actor, types, gender, own)), None)
            if k is None and plural:
                group = self.resolve_plural(t, own)
                if group:
                    for g in group:
                        add(g)
                    continue
            add(k or self.resolve_pronoun(t, exclude=own))
        return tuple(out)

    # ------------------------------------------------------------ assembly

    def sentence_span(self, s: int, e: int) -> tuple[int, int]:
        """Character span of the sentence(s) a statement lies in."""
        a = self.sents[self.sent_of(s)]
        b = self.sents[self.sent_of(max(s, e - 1))]
        return a.start_char, b.end_char

    def run(self) -> list[Statement]:
        """Find candidates by every construction, resolve speakers in text order, keep one
        statement per content, and compute what each is about."""
        cands: list[_Cand] = []
        for fn in (self.headline_candidates, self.direct_candidates, self.reported_candidates,
                   self.according_candidates, self.noun_candidates):
            try:
                cands.extend(fn())
            except Exception:  # a failure in one construction leaves the others
                continue
        # "according to X" yields only where no speech verb already attributes the sentence
        cued = [c for c in cands if c.cue != "according to"]
        cands = cued + [a for a in cands if a.cue == "according to" and not any(
            _overlap(a.start, a.end, c.start, c.end) > 0 for c in cued)]
        # speakers in the order the text refers to them: pronouns and "he added" lean on earlier ones
        cands.sort(key=lambda c: (c.anchor if not c.continuation else c.start, c.start))
        resolved: list[tuple[_Cand, str]] = []
        last: tuple[str, int] | None = None  # (speaker, paragraph)
        for c in cands:
            try:
                speaker = self._speaker(c, last)
            except Exception:  # an odd parse: this candidate only
                speaker = None
            if speaker is None or speaker not in self.actors.actors:
                continue
            self._spoken.append((c.anchor, speaker))
            resolved.append((c, speaker))
            last = (speaker, self.para_of(c.end))
        resolved = self._drop_relays(resolved)
        out: list[Statement] = []
        for c, speaker in self._dedupe(resolved):
            ss, se = self.sentence_span(c.start, c.end)
            try:
                about = self.about(c, speaker)
            except Exception:  # an odd parse: no targets rather than no statement
                about = ()
            out.append(Statement(speaker=speaker, text=self.text[c.start:c.end], start=c.start, end=c.end,
                                 direct=c.direct, cue=c.cue, about=about,
                                 addressee=c.addressee if c.addressee != speaker else None,
                                 sentence=self.text[ss:se], sentence_start=ss))
        out.sort(key=lambda s: (s.start, s.end))
        return out

    def _speaker(self, c: _Cand, last: tuple[str, int] | None) -> str | None:
        """The speaker of a candidate: given, continued from the last speaker, or its subject's actor."""
        if c.speaker:
            return c.speaker
        if c.continuation:
            if last is not None and self.para_of(c.start) - last[1] <= 2:
                return last[0]
            return None
        if c.subj is not None:
            exclude: set[str] = set()
            if c.subj.pos_ == "PRON":  # "it warned Y ...": a pronoun is not the object of its own verb
                objs = [ch for ch in c.subj.head.children if ch.dep_ in {"dobj", "dative"}]
                if c.cue_tok is not None and c.cue_tok.head.i == c.subj.head.i:  # the object misread as the participle's subject
                    objs += [ch for ch in c.cue_tok.children if ch.dep_ == "nsubj" and ch.i < c.cue_tok.i]
                exclude = {k for ch in objs for k in [self.actor_of(ch)] if k}
            return self.np_actor(c.subj, exclude or None, speaker=True)
        return None

    def _drop_relays(self, cands: list[tuple[_Cand, str]]) -> list[tuple[_Cand, str]]:
        """A news outlet that only relays another actor's words ("X said ..., the agency reported";
        "according to the agency, X said ...") is no speaker: its candidate goes when a statement of
        another speaker is cued inside its content or its own sentence."""
        out = []
        for c, spk in cands:
            a = self.actors.actors.get(spk)
            if a is not None and a.kind in {"media", "platform"}:
                ss, se = self.sentence_span(c.start, c.end)
                lo, hi = min(c.start, ss), max(c.end, se)
                if any(k is not c and s2 != spk and lo <= k.anchor < hi for k, s2 in cands):
                    continue
            out.append((c, spk))
        return out

    def _dedupe(self, cands: list[tuple[_Cand, str]]) -> list[tuple[_Cand, str]]:
        """Drop a statement whose content lies inside another's (a scare quote inside reported
        speech, a clause found by two constructions); a quote broken by its cue stays two."""
        cands = sorted(cands, key=lambda cs: (-(cs[0].end - cs[0].start), cs[0].start))
        kept: list[tuple[_Cand, str]] = []
        for c, spk in cands:
            dup = False
            for k, _ in kept:
                ov = _overlap(c.start, c.end, k.start, k.end)
                if ov >= 0.6 * (c.end - c.start):
                    if c.direct and not c.continuation and k.cue_tok is not None and c.cue_tok is not None \
                            and c.cue_tok.i != k.cue_tok.i and ov < 0.9 * (c.end - c.start):
                        continue
                    dup = True
                    break
            if not dup:
                kept.append((c, spk))
        return kept


#: Offices that "the leader" of a state may stand for.
_LEADERS = {"president", "prime minister", "chancellor", "premier", "supreme leader", "king", "emir", "leader",
            "head of state", "head of government", "junta leader", "sultan", "crown prince"}


def _role_norm(role: str) -> str:
    """An office name in a comparable form ("Kremlin Spokesman" -> "kremlin spokesperson")."""
    r = role.lower().replace("spokesman", "spokesperson").replace("spokeswoman", "spokesperson")
    return re.sub(r"\s+", " ", r).strip()


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Length of the overlap of two character ranges."""
    return max(0, min(a1, b1) - max(a0, b0))


def _content_words(toks: Iterable[Token]) -> list[Token]:
    """Alphabetic non-stop-word tokens: how much a content says."""
    return [t for t in toks if t.is_alpha and not t.is_stop]


_STOP = {"the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "are", "was", "were", "be", "it"}


def _content_words_text(text: str) -> list[str]:
    """Words of a text less the commonest function words."""
    return [w for w in re.findall(r"[A-Za-z0-9]+", text.lower()) if w not in _STOP]


def extract_statements(doc: Doc, article: Article, actors: ActorIndex, gaz: Gazetteer) -> Sequence[Statement]:
    """Find the statements of one article: direct quotes, reported speech and headlines.

    Args:
        doc: the article parsed by :func:`kg.nlp.load_pipeline` (``article.text``).
        article: the article (its title gives the headline forms).
        actors: the article's actors and mentions from :func:`kg.extract.actors.extract_actors`.
        gaz: the gazetteer (office holders, demonyms).

    Returns:
        Statements in text order. Never raises: an article that cannot be read
        yields what could be read, possibly nothing.
    """
    if doc is None or len(doc) == 0:
        return []
    try:
        return _Extractor(doc, article, actors, gaz).run()
    except Exception:  # never let one article's oddity stop a batch
        return []
