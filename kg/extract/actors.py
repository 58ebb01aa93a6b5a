"""Actors: from spaCy entities to canonical actors, one identity per real actor.

A pure function of the parsed ``Doc``, the article and the gazetteer. The rules
are general (no rule names an article's wording):

* a span the gazetteer knows keeps the gazetteer's type and canonical name
  (the entity ruler marks it with the gazetteer key), so a platform is never
  a country and "Trump" is never an organisation;
* possessives, leading articles and leading titles are stripped
  ("North Korea's" -> North Korea, "President Xi" -> Xi);
* a surname (or any single name token) after the full name is that person
  ("Kim" -> Kim Jong Un); failing that, a surname the gazetteer holds for one
  person only;
* a capital is its state when it acts ("Beijing said", "Moscow's oil
  exports", "criticised Washington"), and only a place otherwise;
* a demonym is its state when it acts or qualifies a person or institution
  ("the Chinese president", "the Armenian Foreign Ministry");
* ministries are recognised by pattern ("China's foreign ministry");
* cities, dates, numbers and headline fragments are not actors.

Titles before a name, and appositions after it, give ``represents``
(person -> the state or organisation they hold an office in).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg.extract import sentence_of
from kg.gazetteer import GazEntry, Gazetteer, Office
from kg.models import Actor, Article, Mention, Relation
from kg.text import norm, slug

DATA = Path(__file__).resolve().parent.parent / "data"

#: Entity labels that can name an actor.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}

#: Prepositions after which a capital is a place, not its government.
PLACE_PREPS = {"in", "at", "to", "from", "into", "near", "across", "via", "outside", "inside",
               "through", "around", "toward", "towards", "over", "between", "of", "for", "on", "during"}
#: Prepositions after which a capital acts for its state.
AGENT_PREPS = {"by", "against", "with", "on", "towards", "toward"}
#: Verbs whose object is a place ("visited Beijing").
PLACE_VERBS = {"visit", "leave", "reach", "tour", "enter", "arrive", "travel", "fly", "return", "host",
               "hold", "move", "relocate", "head"}


@dataclass(frozen=True)
class Title:
    """A title or office word from ``data/titles.tsv``."""

    words: tuple[str, ...]
    role: str
    gender: str | None
    kind: str  # office | honorific | modifier
    envoy: bool = False  # a diplomatic posting: represents the sending state


@lru_cache(maxsize=1)
def titles() -> tuple[Title, ...]:
    """Titles, longest first (so "prime minister" wins over "minister")."""
    out = []
    with open(DATA / "titles.tsv", encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            row += [""] * (5 - len(row))
            out.append(Title(tuple(row[0].lower().split()), row[1], row[2] or None, row[3] or "office",
                             row[4] == "envoy"))
    return tuple(sorted(out, key=lambda t: -len(t.words)))


@lru_cache(maxsize=1)
def org_words() -> frozenset[str]:
    """Head nouns of organisation names (``data/org_words.txt``)."""
    with open(DATA / "org_words.txt", encoding="utf-8") as fh:
        return frozenset(ln.strip().lower() for ln in fh if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def non_actor_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first words, last words) of names that name a place, event, operation or ship, not an
    actor (``data/non_actor_names.tsv``): "Scarborough Shoal", "Operation Rising Sun"."""
    first: set[str] = set()
    last: set[str] = set()
    with open(DATA / "non_actor_names.tsv", encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            (first if row[0] == "first" else last).add(row[1].lower())
    return frozenset(first), frozenset(last)


def _names_no_actor(span: Span) -> bool:
    """Whether a name the gazetteer does not know is a place, event, operation or ship."""
    first, last = non_actor_names()
    words = [t.lower_ for t in span if not t.is_punct]
    return bool(words) and (words[0] in first or words[-1] in last)


@lru_cache(maxsize=1)
def institutions() -> dict[str, tuple[str, str]]:
    """Ministry words: ``foreign`` -> (label template, domain)."""
    out = {}
    with open(DATA / "institutions.tsv", encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            out[row[0].lower()] = (row[1], row[2])
    return out


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, tuple[Title, ...]]:
    out: dict[str, list[Title]] = {}
    for t in titles():  # longest first
        out.setdefault(t.words[0], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def match_title(words: Sequence[str], i: int) -> Title | None:
    """The longest title of ``data/titles.tsv`` starting at ``words[i]`` (case-insensitive;
    a short abbreviation may carry its full stop: "Mr." / "Mr")."""
    def low(w: str) -> str:
        return w.lower().rstrip(".") if w.endswith(".") and len(w) <= 4 else w.lower()

    if i >= len(words):
        return None
    index = _titles_by_first_word()
    for t in index.get(low(words[i]), ()) + index.get(words[i].lower(), ()):
        n = len(t.words)
        seg = words[i:i + n]
        if len(seg) == n and (tuple(low(w) for w in seg) == t.words or tuple(w.lower() for w in seg) == t.words):
            return t
    return None


@dataclass(frozen=True)
class ActorIndex:
    """The actors of one article and where they are mentioned.

    Attributes:
        actors: canonical actors by key.
        mentions: every mention, sorted by start offset.
        token_actor: token index -> actor key, for every token inside a mention.
        represents: ``represents`` relations read from titles and appositions.
        dominant_country: the country mentioned most often (used when an
            article says "the foreign ministry" without saying whose).
    """

    actors: dict[str, Actor]
    mentions: tuple[Mention, ...]
    token_actor: dict[int, str]
    represents: tuple[Relation, ...] = ()
    dominant_country: str | None = None
    _starts: tuple[int, ...] = field(default=(), repr=False)

    def actor_of_token(self, i: int) -> str | None:
        """The actor a token is part of a mention of, if any."""
        return self.token_actor.get(i)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside the character range [start, end)."""
        starts = self._starts or tuple(m.start for m in self.mentions)
        lo, hi = bisect_left(starts, start), bisect_right(starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def last_before(self, pos: int, types: tuple[str, ...] = ("Person",),
                    gender: str | None = None, exclude: set[str] | None = None) -> str | None:
        """The actor of the nearest mention ending before ``pos`` that fits the filters."""
        starts = self._starts or tuple(m.start for m in self.mentions)
        for m in reversed(self.mentions[:bisect_left(starts, pos)]):
            a = self.actors.get(m.actor)
            if a is None or a.type not in types or (exclude and m.actor in exclude):
                continue
            if gender and a.gender and a.gender != gender:
                continue
            return m.actor
        return None

    def country_of(self, person: str) -> str | None:
        """The state a person holds office in or belongs to, among the article's actors: the
        state they represent, else their gazetteer country, else the country of a body they
        represent."""
        for r in self.represents:
            if r.subject == person and self.actors.get(r.object) is not None \
                    and self.actors[r.object].type == "Country":
                return r.object
        a = self.actors.get(person)
        if a is not None and a.country and a.country in self.actors:
            return a.country
        for r in self.represents:
            if r.subject == person and self.actors.get(r.object) is not None:
                c = self.actors[r.object].country
                if c and c in self.actors:
                    return c
        return None


# ---------------------------------------------------------------- span clean-up

_POSSESSIVE = {"'s", "’s", "'", "’"}


def _trim(span: Span, strip_titles: bool = True) -> Span | None:
    """Strip articles, possessives, punctuation and (for people) leading titles from an entity span."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    words = [t.text for t in doc[start:end]]
    i = 0
    while strip_titles and i < len(words) - 1:
        t = match_title(words, i)
        if t is None:
            break
        i += len(t.words)
    start += i
    if start >= end:
        return None
    return doc[start:end]


def _looks_like_name(span: Span) -> bool:
    """Reject headline fragments, dates, numbers and clauses the NER took for names."""
    text = span.text
    if not re.search(r"[A-Za-z]", text) or len(span) > 8 or len(text) > 80 or "/" in text:
        return False
    if span[0].like_num or re.match(r"^\d", text):
        return False
    if any(t.pos_ in {"VERB", "AUX"} and t.lower_ not in {"united"} for t in span):
        return False
    if span[0].is_lower and not span[0].is_upper:
        return False
    if any(t.lower_ in {"and", "or", "with", "not", "to", "as", "in", "at"} for t in span[1:-1]):
        return False
    return True


def _governing(tok: Token) -> Token:
    """Climb conjunctions and compounds to the token whose role in the clause counts."""
    while tok.dep_ in {"conj", "compound", "appos", "flat"} and tok.head is not tok:
        tok = tok.head
    return tok


def _acts(span: Span) -> bool:
    """Whether a place name is used as an agent (its government) rather than a place."""
    tok = _governing(span.root)
    if tok.dep_ in {"nsubj", "nsubjpass", "poss", "csubj", "agent"}:
        return True
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        return prep in AGENT_PREPS and prep not in PLACE_PREPS - AGENT_PREPS
    if tok.dep_ in {"dobj", "dative"}:
        return tok.head.lemma_.lower() not in PLACE_VERBS
    return False


def _qualifies_person_or_office(span: Span) -> bool:
    """A demonym or country name in front of a title, a person or an institution."""
    tok = span.root
    head = tok.head
    if tok.dep_ in {"amod", "compound", "poss", "nmod"}:
        words = [head.lower_]
        if head.ent_type_ in {"PERSON", "ORG"}:
            return True
        if match_title(words, 0) is not None or head.lower_ in {
            "government", "ministry", "officials", "official", "side", "delegation", "army", "military",
            "forces", "authorities", "leadership", "embassy", "diplomats", "counterpart", "regime", "junta",
            "parliament", "foreign", "people", "troops", "navy", "presidency", "administration", "state"}:
            return True
    return tok.dep_ in {"nsubj", "nsubjpass"}


_GENERIC_MINISTRY = re.compile(r"^(the\s+)?(ministry\s+of\s+\w+(\s+affairs)?|\w+\s+ministry)$", re.IGNORECASE)


def _is_dateline(span: Span) -> bool:
    """An all-capitals place at the head of a paragraph followed by "(", a dash or a colon."""
    doc = span.doc
    if not span.text.isupper() or len(span.text) < 3:
        return False
    at_start = span.start == 0 or doc[span.start - 1].is_space or doc[span.start].is_sent_start
    nxt = doc[span.end].text if span.end < len(doc) else ""
    return bool(at_start and nxt in {"(", "—", "–", "-", ":", ","})


def _acts_as_organisation(span: Span) -> bool:
    """A one-word organisation name used as a participant, not as a modifier of a title."""
    tok = span.root
    if match_title([tok.head.text], 0) is not None and tok.head is not tok:
        return False  # "Treasury Secretary", "Secretary of State"
    if tok.dep_ == "pobj" and match_title([tok.head.head.text], 0) is not None:
        return False
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in {"nsubj", "nsubjpass", "dobj", "agent"} or (
        tok.dep_ == "pobj" and tok.head.lower_ in {"by", "against", "with", "on", "from"})


def _untagged_names(doc: Doc, b: _Builder, by_part: dict[str, set[str]]) -> None:
    """Surnames the NER left untagged ("...," Kallas said) of people the article names in full.

    A capitalised proper noun outside every entity whose normal form is the
    first or last name of exactly one person of the article is that person.
    """
    for tok in doc:
        if tok.i in b.token_actor or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        keys = by_part.get(norm(tok.text), set())
        if len(keys) == 1 and len(tok.text) > 2:
            b.mention(doc[tok.i:tok.i + 1], next(iter(keys)), tok.text)


def _titled_names(doc: Doc, b: _Builder) -> None:
    """A name the statistical NER missed, after a title: "Prime Minister of Laos Ana Bela".

    After an office title (and an optional "of <state>") come two to four
    capitalised proper nouns that are not part of any entity: that is a person.
    """
    words = [t.text for t in doc]
    i = 0
    while i < len(doc):
        t = match_title(words, i)
        if t is None or t.kind != "office" or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + len(t.words)
        if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].ent_type_ in {"GPE", "ORG"}:
            j += 2
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
        k = j
        while k < len(doc) and k - j < 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                and doc[k].ent_type_ in {"", "PERSON"} and k not in b.token_actor and doc[k].is_alpha:
            k += 1
        if k - j >= 2 and not any(doc[x].ent_type_ == "PERSON" for x in range(j, k)) \
                and not any(doc[x].lower_ in org_words() for x in range(j, k)):
            span = doc[j:k]
            b.mention(span, b.add_new(span.text, "Person"), span.text)
        i = max(i + 1, k)


# ---------------------------------------------------------------- the extractor


class _Builder:
    """Accumulates actors and mentions for one article."""

    def __init__(self, doc: Doc, article: Article, gaz: Gazetteer) -> None:
        self.doc, self.article, self.gaz = doc, article, gaz
        self.actors: dict[str, Actor] = {}
        self.surfaces: dict[str, list[str]] = {}
        self.mentions: list[Mention] = []
        self.token_actor: dict[int, str] = {}

    def add_entry(self, entry: GazEntry) -> str:
        if entry.key not in self.actors:
            self.actors[entry.key] = Actor(
                key=entry.key, label=entry.label, type=entry.type, qid=entry.qid, kind=entry.kind,
                country=entry.country, gender=entry.gender)
        return entry.key

    def add_new(self, name: str, type_: str, gender: str | None = None) -> str:
        key = slug(norm(name))
        if key not in self.actors:
            self.actors[key] = Actor(key=key, label=name, type=type_, gender=gender)
        elif gender and not self.actors[key].gender:
            a = self.actors[key]
            self.actors[key] = Actor(a.key, a.label, a.type, a.qid, a.aliases, a.kind, a.country, gender)
        return key

    def mention(self, span: Span, key: str, surface: str | None = None) -> None:
        if any(i in self.token_actor for i in range(span.start, span.end)):
            return
        self.mentions.append(Mention(span.start_char, span.end_char, span.text, key))
        for i in range(span.start, span.end):
            self.token_actor[i] = key
        self.surfaces.setdefault(key, []).append(surface or span.text)


def _country_ref(gaz: Gazetteer, text: str) -> GazEntry | None:
    """A state named by its name, demonym or capital."""
    for finder in (gaz.lookup, gaz.by_demonym, gaz.by_capital):
        e = finder(text)
        if e is not None and e.type == "Country":
            return e
    return None


def _ministries(doc: Doc, b: _Builder, gaz: Gazetteer, fallback_country: str | None) -> None:
    """Recognise "<country>'s foreign ministry", "the Russian Defence Ministry", "Foreign Ministry"."""
    inst = institutions()
    for tok in doc:
        if tok.lower_ not in {"ministry", "ministries"} or tok.i in b.token_actor:
            continue
        start = tok.i
        domain_word = None
        if tok.i > 0 and doc[tok.i - 1].lower_ in inst:
            domain_word = doc[tok.i - 1].lower_
            start = tok.i - 1
        elif tok.i + 3 < len(doc) and doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].lower_ in inst:
            domain_word = doc[tok.i + 2].lower_
        if domain_word is None:
            continue
        country: GazEntry | None = None
        j = start - 1
        while j >= 0 and doc[j].text in _POSSESSIVE:
            j -= 1
        if j >= 0:
            # the country word(s) just before: "China's", "Russian", "North Korean", "Beijing's"
            for k in range(max(0, j - 2), j + 1):
                cand = _country_ref(gaz, doc[k:j + 1].text)
                if cand is not None:
                    country, start = cand, k
                    break
        if country is None:
            m = re.match(r"\s*(?:affairs\s+)?of\s+(?:the\s+)?([A-Z][\w' -]+)", doc[tok.i + 1:tok.i + 8].text[3:]) \
                if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" else None
            if m:
                country = _country_ref(gaz, m.group(1).strip())
        if country is None:
            # whose ministry the article last spoke of: the nearest state mentioned before it
            before = [m for m in b.mentions if m.end <= tok.idx and b.actors[m.actor].type == "Country"]
            nearest = max(before, key=lambda m: m.end).actor if before else fallback_country
            country = gaz.get(nearest) if nearest else None
        if country is None:
            continue
        template, domain = inst[domain_word]
        entry = _find_ministry(gaz, country.key, domain)
        if entry is not None:
            key = b.add_entry(entry)
        else:
            key = b.add_new(template.format(country=country.label), "Organization")
            a = b.actors[key]
            b.actors[key] = Actor(a.key, a.label, a.type, None, (), "ministry", country.key)
        span = doc[start:tok.i + 1]
        b.mention(span, key)


@lru_cache(maxsize=4096)
def _find_ministry_cached(gaz_id: int, country: str, domain: str, gaz: Gazetteer) -> GazEntry | None:
    words = {"foreign": ("foreign", "external", "state department"), "defence": ("defence", "defense", "pentagon")}
    keys = words.get(domain, (domain,))
    for e in gaz.entries.values():
        if e.kind == "ministry" and e.country == country:
            label = e.label.lower()
            if any(k in label for k in keys):
                return e
    return None


def _find_ministry(gaz: Gazetteer, country: str, domain: str) -> GazEntry | None:
    return _find_ministry_cached(id(gaz), country, domain, gaz)


def extract_actors(doc: Doc, article: Article, gaz: Gazetteer) -> ActorIndex:
    """Find the article's actors and their mentions, canonicalised.

    Args:
        doc: the article parsed by :func:`kg.nlp.load_pipeline`.
        article: the article (its date chooses the offices in force).
        gaz: the actor gazetteer.
    """
    b = _Builder(doc, article, gaz)
    single: list[Span] = []  # one-token person names, resolved after the full names
    pending_demonyms: list[tuple[Span, GazEntry]] = []

    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        span = _trim(ent, strip_titles=ent.label_ == "PERSON")
        if span is None:
            continue
        if ent.label_ != "PERSON":
            # "President Trump" tagged ORG: the title goes only if a known person remains
            bare = _trim(ent)
            if bare is not None and bare.text != span.text:
                known = gaz.lookup(bare.text)
                if known is not None and known.type == "Person":
                    span = bare
        text = span.text
        capital_of = gaz.by_capital(text)
        if capital_of is not None and capital_of.type == "Country":
            # a capital is its state (or the organisation seated there that the gazetteer
            # names by it, "Brussels" -> EU) only when it acts; the NER label does not matter
            if _acts(span):
                named = gaz.lookup(text)
                b.mention(span, b.add_entry(named if named is not None and named.type != "Person"
                                            else capital_of), text)
            continue
        entry: GazEntry | None = None
        if ent.ent_id_ and span.start == ent.start and span.end == ent.end:
            entry = gaz.get(ent.ent_id_)
        if entry is None:
            entry = gaz.lookup(text)
        if entry is not None:
            b.mention(span, b.add_entry(entry), text)
            continue
        demonym_of = gaz.by_demonym(text)
        if demonym_of is not None and (ent.label_ == "NORP" or ent.label_ != "ORG"):
            pending_demonyms.append((span, demonym_of))
            continue
        if len(span) == 1:
            # one word, whatever the label: a surname of someone named in full, maybe
            single.append(span)
            continue
        if ent.label_ in {"GPE", "LOC", "FAC", "NORP"}:
            continue  # a place the gazetteer does not know as a state: not an actor
        if "/" in text or _is_dateline(span):
            continue  # a photo credit ("Name/AGENCY") or a dateline ("JOHANNESBURG (AP) —")
        if ent.label_ == "ORG" and _GENERIC_MINISTRY.match(text):
            continue  # "the Ministry of Foreign Affairs": whose it is is read by _ministries
        if not _looks_like_name(span) or _names_no_actor(span):
            continue
        if ent.label_ == "PERSON":
            b.mention(span, b.add_new(text, "Person"), text)
        elif ent.label_ == "ORG":
            b.mention(span, b.add_new(text, "Organization"), text)

    _titled_names(doc, b)

    # surname chains: a single name token is the person of the article with that name part,
    # else the one gazetteer person with that surname
    persons = [a for a in b.actors.values() if a.type == "Person"]
    by_part: dict[str, set[str]] = {}
    for a in persons:
        parts = norm(a.label).split()
        for p in {parts[0], parts[-1]} if len(parts) > 1 else set():
            by_part.setdefault(p, set()).add(a.key)
    for e_key, names in ((a.key, b.surfaces.get(a.key, [])) for a in persons):
        for s in names:
            parts = norm(s).split()
            for p in {parts[0], parts[-1]} if len(parts) > 1 else set():
                by_part.setdefault(p, set()).add(e_key)
    surname_index = gaz.persons_by_surname()
    for span in single:
        n = norm(span.text)
        keys = by_part.get(n, set())
        if len(keys) == 1:
            b.mention(span, next(iter(keys)), span.text)
            continue
        cands = [e for e in surname_index.get(n, []) if e.type == "Person"]
        if len(cands) == 1:
            b.mention(span, b.add_entry(cands[0]), span.text)
            continue
        # an unknown single capitalised word is too often a place, a common noun or part of
        # a title ("Treasury Secretary", "Secretary of State"); an organisation is kept only
        # when it is an acronym or when it acts in the clause
        if span.root.ent_type_ == "ORG" and _looks_like_name(span) and not keys and not _is_dateline(span) \
                and (span.text.isupper() and len(span.text) >= 2 or _acts_as_organisation(span)):
            b.mention(span, b.add_new(span.text, "Organization"), span.text)

    _untagged_names(doc, b, by_part)

    # demonyms that act or qualify a person / institution
    for span, country in pending_demonyms:
        if _qualifies_person_or_office(span):
            b.mention(span, b.add_entry(country), span.text)

    countries = Counter(m.actor for m in b.mentions if b.actors[m.actor].type == "Country")
    dominant = countries.most_common(1)[0][0] if countries else None
    _ministries(doc, b, gaz, dominant)

    represents = _represents(doc, b, gaz, article)
    actors = {}
    for key, a in b.actors.items():
        seen = []
        for s in b.surfaces.get(key, []):
            if s not in seen and s != a.label:
                seen.append(s)
        actors[key] = Actor(a.key, a.label, a.type, a.qid, tuple(seen), a.kind, a.country, a.gender)
    mentions = tuple(sorted(b.mentions, key=lambda m: (m.start, m.end)))
    return ActorIndex(actors=actors, mentions=mentions, token_actor=dict(b.token_actor),
                      represents=represents, dominant_country=dominant,
                      _starts=tuple(m.start for m in mentions))


# ---------------------------------------------------------------- represents


def _office_target(b: _Builder, tokens: list[Token], gaz: Gazetteer) -> tuple[str | None, str | None]:
    """The office title and the organisation / state named among ``tokens``."""
    words = [t.text for t in tokens]
    office = None
    envoy = False
    i = 0
    while i < len(words):
        t = match_title(words, i)
        if t is not None:
            if t.kind == "office":
                office = t.role if office is None else office
                envoy = envoy or t.envoy
            i += len(t.words)
        else:
            i += 1
    # an envoy represents the state that sends them, not the body they are posted to;
    # any other office holder, the organisation (a ministry) rather than the state qualifying it
    preferred = "Country" if envoy else "Organization"
    target = None
    for tok in tokens:
        key = b.token_actor.get(tok.i)
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-":
            continue  # part of a hyphenated adjective ("Russia-friendly")
        if key and b.actors[key].type in {"Organization", "Country"}:
            # prefer an organisation (a ministry) over the state that qualifies it
            if target is None or (b.actors[target].type != preferred and b.actors[key].type == preferred):
                target = key
        elif key is None and tok.ent_type_ == "NORP":
            c = gaz.by_demonym(tok.text)
            if c is not None and target is None:
                target = b.add_entry(c)
    return office, target


def _is_envoy_word(tok: Token) -> bool:
    """Whether a token ends a diplomatic posting title ("ambassador", "permanent representative")."""
    return any(t.envoy and t.words[-1] == tok.lower_ for t in titles())


def _held_offices(gaz: Gazetteer, person: str, on: str | None) -> list[Office]:
    """The offices a gazetteer person held on a date, of bodies the gazetteer knows."""
    return [o for o in gaz.current_offices(person, on) if gaz.get(o.of) is not None]


def _represents(doc: Doc, b: _Builder, gaz: Gazetteer, article: Article) -> tuple[Relation, ...]:
    out: dict[tuple[str, str], Relation] = {}
    for m in list(b.mentions):
        a = b.actors.get(m.actor)
        if a is None or a.type != "Person":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        sent = sentence_of(span)
        # left context: contiguous title / qualifier words before the name
        left: list[Token] = []
        j = span.start - 1
        while j >= sent.start:
            tok = doc[j]
            if tok.is_punct and tok.text not in {"-", "'s", "’s"} or tok.pos_ in {"VERB", "AUX", "ADP", "DET", "CCONJ", "PRON", "SCONJ"} \
                    and tok.text not in _POSSESSIVE and tok.lower_ != "of":
                if tok.text == ")" and not left:
                    # "(Russian President) Vladimir Putin": the bracketed title is still the name's
                    opening = next((k for k in range(j - 1, max(sent.start, j - 6) - 1, -1) if doc[k].text == "("), None)
                    if opening is not None:
                        left = list(doc[opening + 1:j])
                        j = opening - 1
                        break
                # "Peru's ambassador to the UN Ana Torres": the posting names where an envoy
                # serves, not whom they represent; skip it and read on from the title
                k = j - 1 if tok.lower_ == "the" else j
                if k - 1 >= sent.start and doc[k].lower_ in {"to", "at"} and _is_envoy_word(doc[k - 1]):
                    left = []
                    j = k - 1
                    continue
                break
            if tok.i in b.token_actor and b.actors[b.token_actor[tok.i]].type == "Person":
                break
            left.insert(0, tok)
            j -= 1
        office, target = _office_target(b, left, gaz)
        possessive_only = target is not None and office is None and any(t.text in _POSSESSIVE for t in left)
        if target is None and office is not None:
            # "President Emmanuel Macron of France": the state or body after the name
            for child in span.root.children:
                if child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    key = b.token_actor.get(obj.i) if obj is not None else None
                    if key and b.actors[key].type in {"Organization", "Country"}:
                        target = key
                        break
        # apposition: "X, the leader of Y" / "Y's leader, X"
        if target is None:
            root = span.root
            for child in root.children:
                if child.dep_ == "appos":
                    o2, t2 = _office_target(b, list(child.subtree), gaz)
                    if o2 and t2:
                        office, target = o2, t2
                        break
            if target is None and root.dep_ == "appos" and match_title([root.head.text], 0):
                o2, t2 = _office_target(b, [t for t in root.head.subtree if t.i < span.start or t.i >= span.end], gaz)
                if o2 and t2:
                    office, target = o2, t2
        if target is None and office is not None and m.actor in gaz.entries:
            # the title is in the text but not whose office it is: the gazetteer knows; a
            # spokesperson speaks for an organisation, other offices are held in a state
            offices = _held_offices(gaz, m.actor, article.date)
            offices.sort(key=lambda o: (gaz.get(o.of).type == "Country") == ("spokes" in office.lower()))  # type: ignore[union-attr]
            if offices:
                target = b.add_entry(gaz.get(offices[0].of))  # type: ignore[arg-type]
        if target is None or target == m.actor or (office is None and not possessive_only):
            continue
        key = (m.actor, target)
        if key not in out:
            out[key] = Relation(subject=m.actor, predicate="represents", object=target,
                                sentence=sent.text, start=sent.start_char, end=sent.end_char,
                                cue=office or "possessive", office=office)
    # A known office holder the article names without any title ("Trump said ..."): the
    # gazetteer knows what they held on the article's date; the state of their main office.
    done = {subject for subject, _ in out}  # people with a represents, or none to find
    for m in b.mentions:
        a = b.actors.get(m.actor)
        if a is None or a.type != "Person" or m.actor in done or m.actor not in gaz.entries:
            continue
        # only a state or body the article itself names (a president who is also a co-prince
        # elsewhere represents the one the article is about)
        held = [o for o in _held_offices(gaz, m.actor, article.date) if o.of in b.actors and o.of != m.actor]
        if not held:
            done.add(m.actor)  # the same answer at every mention
            continue
        held.sort(key=lambda o: gaz.get(o.of).type != "Country")  # type: ignore[union-attr]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        sent = sentence_of(span)
        done.add(m.actor)
        out[(m.actor, held[0].of)] = Relation(subject=m.actor, predicate="represents", object=held[0].of,
                                              sentence=sent.text, start=sent.start_char, end=sent.end_char,
                                              cue="gazetteer", office=held[0].role)
    return tuple(out.values())
