"""The actor gazetteer: known states, organisations and office-holders.

The gazetteer is RDF (``ontology/actors.ttl``, generated from the curated
tables in ``ontology/sources/`` by ``ontology/tools/build_gazetteer.py``). This
module loads it into frozen dataclasses with the look-ups the pipeline needs:

* :meth:`Gazetteer.lookup` finds an actor by any of its names, in the package's
  name normal form (:func:`kg.text.norm`: "Kim Jong-un" = "kim jong un",
  "the U.S." = "U.S."); capitals and demonyms are *not* names of a state, so
  "Beijing" and "Chinese" are only found by :meth:`Gazetteer.by_capital` and
  :meth:`Gazetteer.by_demonym` (metonymy and qualification are the caller's
  decision, not the gazetteer's);
* :meth:`Gazetteer.current_offices` says who held what on an article's date;
* :meth:`Gazetteer.persons_by_surname` maps a bare surname ("Kim", "Erdogan")
  to the people who carry it, so a later "Kim said" can be resolved.

Users add or override actors with their own Turtle files in the same format::

    gaz = load_gazetteer(["my_actors.ttl"])   # ontology/actors.ttl + mine
    gaz.lookup("Kim Jong-un").qid             # 'Q56226'

Loading is cached twice: in the process (per set of files) and on disk (one
JSON file per Turtle file, keyed by its path, size and modification time, under
``$KG_CACHE_DIR`` or ``~/.cache/kg``), because parsing the Turtle with rdflib
costs most of a second and this runs at every CLI start. An unwritable or
corrupt cache is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.text import norm

__all__ = [
    "DEFAULT_GAZETTEER",
    "GazEntry",
    "Gazetteer",
    "GazetteerError",
    "Office",
    "load_gazetteer",
    "normalize",
]

#: Bumped whenever the on-disk cache layout or the parsing rules change.
CACHE_VERSION = 1

GEO = "https://w3id.org/kg-geo/ontology#"
GAZ = "https://w3id.org/kg-geo/gazetteer/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_TYPES = {GEO + "Country": "Country", GEO + "Organization": "Organization", GEO + "Person": "Person"}
_TYPE_RANK = {"Country": 0, "Organization": 1, "Person": 2}

#: People whose names English news writes family name first ("Xi Jinping" -> "Xi").
_FAMILY_NAME_FIRST = frozenset({"CN", "TW", "KP", "KR"})
#: Words that are not a surname at the start or end of a name.
_TITLES = frozenset({"king", "queen", "pope", "emperor", "empress", "sultan", "emir", "prince",
                     "princess", "sheikh", "sir", "dame", "lord", "cardinal", "ayatollah"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
                       "xii", "xiii", "xiv", "xv", "xvi"})
#: Particles that belong to the surname ("von der Leyen", "al-Sharaa", "bin Salman").
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das",
                        "du", "la", "le", "al", "el", "bin", "ben", "ibn", "abu", "bint", "ould"})


def _default_path() -> Path:
    """Where the packaged gazetteer lives: ``ontology/`` beside ``kg/``, else ``kg/data/``."""
    here = Path(__file__).resolve().parent
    repo = here.parent / "ontology" / "actors.ttl"
    return repo if repo.exists() else here / "data" / "actors.ttl"


#: The gazetteer shipped with the package.
DEFAULT_GAZETTEER: Path = _default_path()


class GazetteerError(KGError, ValueError):
    """A gazetteer file is missing or is not valid gazetteer Turtle."""


def normalize(surface: str) -> str:
    """The name normal form used for every look-up (see :func:`kg.text.norm`).

    NFKD with diacritics removed, casefolded, curly quotes straightened, a
    trailing possessive ('s) dropped, runs of hyphens, dots and whitespace made
    one space, a leading "the " dropped.

    >>> normalize("The U.S.") == normalize("U.S")
    True
    >>> normalize("Kim Jong-un") == normalize("kim jong un")
    True
    """
    return norm(surface)


@dataclass(frozen=True)
class Office:
    """One term in an office.

    Attributes:
        role: the office as news names it ("President", "Foreign Ministry Spokesperson").
        of: key of the state or organisation the office belongs to.
        start: first day (ISO date), None when unknown.
        end: day the term ended (ISO date, exclusive), None while it runs.
    """

    role: str
    of: str
    start: str | None
    end: str | None


@dataclass(frozen=True)
class GazEntry:
    """One known actor.

    Attributes:
        key: local name after ``gaz:``: the Wikidata QID when known ("Q148"),
            else a slug ("kremlin").
        label: the preferred name (``skos:prefLabel``).
        type: "Person", "Organization" or "Country".
        aliases: every other surface form that names the actor itself
            (alternative labels, official name, acronyms), sorted.
        qid: Wikidata id, None when not known for certain.
        kind: the organisation kind ("igo", "ministry", ...), "state" for
            countries, None for people.
        country: key of the actor's country: an organisation's own, a person's
            from their current main office (failing that, their latest office);
            None for international bodies and countries.
        capital: a country's capital as news names it.
        demonyms: a country's adjectives and demonyms ("Chinese").
        gender: "male" or "female" for people.
        offices: office terms held, newest first.
    """

    key: str
    label: str
    type: str
    aliases: tuple[str, ...]
    qid: str | None
    kind: str | None
    country: str | None
    capital: str | None
    demonyms: tuple[str, ...]
    gender: str | None
    offices: tuple[Office, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The label followed by the aliases."""
        return (self.label, *self.aliases)


def _office_order(o: Office) -> tuple:
    """Newest first; open terms before closed ones that started the same day."""
    return (-int((o.start or "0").replace("-", "")), o.end is not None, o.end or "", o.role, o.of)


class Gazetteer:
    """Known actors with name, capital, demonym, surname and office look-ups.

    Build it with :func:`load_gazetteer`. Instances are read-only after
    construction and hashable by identity (the pipeline memoises on them).

    Attributes:
        entries: every actor by key.
    """

    def __init__(self, entries: Mapping[str, GazEntry], iso2: Mapping[str, str] | None = None) -> None:
        """Index the entries.

        Args:
            entries: actors by key.
            iso2: ISO alpha-2 codes of the countries by key (used to know whose
                names are written family name first).
        """
        self.entries: dict[str, GazEntry] = dict(entries)
        self._iso2: dict[str, str] = dict(iso2 or {})
        self._names: dict[str, list[tuple[int, int, str]]] = {}
        self._capitals: dict[str, list[str]] = {}
        self._demonyms: dict[str, list[str]] = {}
        self._surnames: dict[str, list[GazEntry]] | None = None
        for key in sorted(self.entries):
            e = self.entries[key]
            t = _TYPE_RANK.get(e.type, 3)
            self._add(self._names, e.label, (0, t, key))
            for alias in e.aliases:
                self._add(self._names, alias, (1, t, key))
            if e.type == "Country":
                if e.capital:
                    self._add(self._capitals, e.capital, key)
                for d in e.demonyms:
                    self._add(self._demonyms, d, key)
        for index in (self._names, self._capitals, self._demonyms):
            for v in index.values():
                v.sort()

    @staticmethod
    def _add(index: dict, surface: str, value: object) -> None:
        n = normalize(surface)
        if n:
            bucket = index.setdefault(n, [])
            if value not in bucket:
                bucket.append(value)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self.entries)} actors>"

    def get(self, key: str) -> GazEntry | None:
        """The entry with this key ("Q148", "kremlin"), or None."""
        return self.entries.get(key)

    def lookup(self, surface: str) -> GazEntry | None:
        """The actor a name denotes, or None.

        Matching is on the normal form (:func:`normalize`). When several actors
        share the name, a preferred label beats an alias, then a country beats
        an organisation beats a person, then the smaller key wins; use
        :meth:`lookup_all` to see every candidate.

        Args:
            surface: a name as written ("Kim Jong-un", "the U.S.", "China's").
        """
        hits = self._names.get(normalize(surface))
        return self.entries[hits[0][2]] if hits else None

    def lookup_all(self, surface: str) -> tuple[GazEntry, ...]:
        """Every actor this name denotes, best first (see :meth:`lookup`)."""
        hits = self._names.get(normalize(surface), [])
        seen: dict[str, None] = {}
        for _, _, key in hits:
            seen.setdefault(key, None)
        return tuple(self.entries[k] for k in seen)

    def by_capital(self, city: str) -> GazEntry | None:
        """The country whose capital this is ("Beijing" -> China), or None."""
        hits = self._capitals.get(normalize(city))
        return self.entries[hits[0]] if hits else None

    def by_demonym(self, word: str) -> GazEntry | None:
        """The country of a demonym or adjective, or None.

        "Chinese" and "North Korean" give China and North Korea; a plural
        ("Russians") is tried without its final "s".
        """
        n = normalize(word)
        hits = self._demonyms.get(n)
        if not hits and n.endswith("s"):
            hits = self._demonyms.get(n[:-1])
        return self.entries[hits[0]] if hits else None

    def current_offices(self, key: str, on: str | None = None) -> tuple[Office, ...]:
        """The offices an actor held on a date.

        Args:
            key: the person's key.
            on: an ISO date (a datetime string is cut to its date). None means
                the latest known state: the terms with no end.

        Returns:
            The matching terms, newest first; empty for unknown keys. A term
            counts from its start day (or always, when the start is unknown)
            up to, not including, its end day (the successor's first day).
        """
        e = self.entries.get(key)
        if e is None:
            return ()
        if on is None:
            return tuple(o for o in e.offices if o.end is None)
        day = str(on)[:10]
        return tuple(o for o in e.offices
                     if (o.start is None or o.start <= day) and (o.end is None or day < o.end))

    def persons_by_surname(self) -> dict[str, list[GazEntry]]:
        """People by the normal form of their surname(s); treat the result as read-only.

        The keys come from the preferred name and the aliases: the last token
        ("erdogan"), the surname with its particles ("von der leyen",
        "al sharaa") and, for names of three or more tokens, the last two
        ("lopez obrador"). Titles and regnal numbers are dropped ("King
        Charles III" gives "charles"). Chinese and Korean names, written family
        name first, give their first token instead ("Xi Jinping" -> "xi",
        "Kim Jong Un" -> "kim"). Lists are sorted by key; a surname with more
        than one entry is ambiguous and is for the caller to resolve.
        """
        if self._surnames is None:
            out: dict[str, set[str]] = {}
            for key in sorted(self.entries):
                e = self.entries[key]
                if e.type != "Person":
                    continue
                family_first = self._iso2.get(e.country or "", "") in _FAMILY_NAME_FIRST
                for i, name in enumerate(e.names):
                    if family_first and i > 0:
                        continue
                    for s in _surname_keys(name, family_first=family_first):
                        out.setdefault(s, set()).add(key)
            self._surnames = {s: [self.entries[k] for k in sorted(keys)] for s, keys in sorted(out.items())}
        return self._surnames


def _surname_keys(name: str, *, family_first: bool = False) -> list[str]:
    """The surname keys of one written name (see :meth:`Gazetteer.persons_by_surname`)."""
    tokens = normalize(name).split()
    while tokens and tokens[0] in _TITLES:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    if not tokens:
        return []
    if family_first:
        return [tokens[0]]
    keys = [tokens[-1]]
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1] in _PARTICLES:
        i -= 1
    if i < len(tokens) - 1:
        keys.append(" ".join(tokens[i:]))
    if len(tokens) >= 3:
        keys.append(" ".join(tokens[-2:]))
    return list(dict.fromkeys(keys))


# --------------------------------------------------------------------------- parsing


def _local(iri: str) -> str:
    """The key of a gazetteer IRI (the part after ``gaz:``, or after the last / or #)."""
    if iri.startswith(GAZ):
        return iri[len(GAZ):]
    return re.split(r"[/#]", iri)[-1]


def _parse_turtle(path: Path) -> list[dict]:
    """Parse one gazetteer Turtle file into plain records (JSON-serialisable).

    Raises:
        GazetteerError: the file is missing or is not Turtle.
    """
    import rdflib

    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise GazetteerError(f"gazetteer file not found: {path}") from exc
    except Exception as exc:  # rdflib raises several parser error types
        raise GazetteerError(f"{path}: not valid Turtle ({exc}); fix the file or "
                             "regenerate it with ontology/tools/build_gazetteer.py") from exc
    props: dict[object, dict[str, list]] = {}
    for s, p, o in g:
        props.setdefault(s, {}).setdefault(str(p), []).append(o)

    def texts(node: object, pred: str) -> list[str]:
        return sorted({str(v) for v in props.get(node, {}).get(pred, [])})

    def one(node: object, pred: str) -> str:
        values = texts(node, pred)
        return values[0] if values else ""

    records = []
    for s, pmap in props.items():
        if not isinstance(s, rdflib.URIRef):
            continue
        types = [_TYPES[str(t)] for t in pmap.get(RDF_TYPE, []) if str(t) in _TYPES]
        if not types:
            continue
        offices = []
        for term in pmap.get(GEO + "holds", []):
            of = one(term, GEO + "officeOf")
            role = one(term, GEO + "role")
            if of and role:
                offices.append([role, _local(of), one(term, GEO + "start") or None,
                                one(term, GEO + "end") or None])
        country = one(s, GEO + "country")
        records.append({
            "key": _local(str(s)),
            "type": types[0],
            "label": one(s, SKOS + "prefLabel") or _local(str(s)),
            "alt": texts(s, SKOS + "altLabel"),
            "official": texts(s, GEO + "officialName"),
            "acronyms": texts(s, GEO + "acronym"),
            "kind": one(s, GEO + "orgKind"),
            "country": _local(country) if country else "",
            "capital": one(s, GEO + "capital"),
            "demonyms": texts(s, GEO + "demonym"),
            "gender": one(s, GEO + "gender"),
            "qid": one(s, GEO + "wikidata"),
            "iso2": one(s, GEO + "isoAlpha2"),
            "offices": sorted(offices, key=lambda o: (o[2] or "", o[3] or "", o[0], o[1])),
        })
    records.sort(key=lambda r: r["key"])
    return records


# --------------------------------------------------------------------------- caching


def cache_dir() -> Path:
    """The on-disk cache directory: ``$KG_CACHE_DIR``, else ``~/.cache/kg``."""
    env = os.environ.get("KG_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "kg"


def _stamp(path: Path) -> list:
    st = path.stat()
    return [CACHE_VERSION, str(path), st.st_size, st.st_mtime_ns]


def _read_file(path: Path) -> list[dict]:
    """Records of one Turtle file, through the on-disk cache when it is fresh."""
    try:
        stamp = _stamp(path)
    except FileNotFoundError as exc:
        raise GazetteerError(f"gazetteer file not found: {path}") from exc
    except OSError as exc:
        raise GazetteerError(f"gazetteer file unreadable: {path} ({exc})") from exc
    cfile = cache_dir() / f"gazetteer-{hashlib.sha256(str(path).encode()).hexdigest()[:16]}.json"
    try:
        with cfile.open(encoding="utf-8") as f:
            cached = json.load(f)
        if cached.get("stamp") == stamp:
            return cached["records"]
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        pass
    records = _parse_turtle(path)
    try:
        cfile.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".json", dir=cfile.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"stamp": stamp, "records": records}, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, cfile)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a cache we cannot write only costs time
    return records


def _build(records: Iterable[dict]) -> Gazetteer:
    """Turn merged records (later ones override earlier keys) into a Gazetteer."""
    by_key: dict[str, dict] = {}
    for r in records:
        by_key[r["key"]] = r
    iso2 = {k: r["iso2"] for k, r in by_key.items() if r["type"] == "Country" and r["iso2"]}

    def org_country(key: str) -> str | None:
        r = by_key.get(key)
        if r is None:
            return None
        if r["type"] == "Country":
            return key
        return r["country"] or None

    entries: dict[str, GazEntry] = {}
    for key, r in by_key.items():
        offices = tuple(sorted((Office(*o) for o in r["offices"]), key=_office_order))
        country: str | None = r["country"] or None
        if r["type"] == "Person":
            country = None
            current = [o for o in offices if o.end is None]
            for pool in (current, offices):
                # prefer an office held directly in a state, then one in a national body
                direct = [o for o in pool if by_key.get(o.of, {}).get("type") == "Country"]
                for o in (*direct, *pool):
                    country = org_country(o.of)
                    if country:
                        break
                if country:
                    break
        elif r["type"] == "Country":
            country = None
        label = r["label"]
        aliases = sorted({a for a in (*r["alt"], *r["official"], *r["acronyms"]) if a and a != label},
                         key=lambda a: (a.casefold(), a))
        kind = "state" if r["type"] == "Country" else (r["kind"] or None if r["type"] == "Organization" else None)
        entries[key] = GazEntry(
            key=key, label=label, type=r["type"], aliases=tuple(aliases), qid=r["qid"] or None,
            kind=kind, country=country, capital=r["capital"] or None,
            demonyms=tuple(r["demonyms"]), gender=r["gender"] or None, offices=offices)
    return Gazetteer(entries, iso2)


_lock = threading.Lock()
_loaded: dict[tuple, Gazetteer] = {}


def load_gazetteer(extra: Sequence[str | Path] = ()) -> Gazetteer:
    """Load the packaged gazetteer plus the user's files.

    Args:
        extra: more gazetteer files in the same Turtle format, applied in
            order after :data:`DEFAULT_GAZETTEER`; an entry whose key is
            already known replaces the earlier one whole.

    Returns:
        The gazetteer, shared by every caller that asks for the same files
        (unchanged on disk) in this process.

    Raises:
        GazetteerError: a file is missing or not valid Turtle.
    """
    paths = [DEFAULT_GAZETTEER, *(Path(p).expanduser().resolve() for p in extra)]
    try:
        key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except FileNotFoundError as exc:
        raise GazetteerError(f"gazetteer file not found: {exc.filename}") from exc
    with _lock:
        gaz = _loaded.get(key)
        if gaz is None:
            records: list[dict] = []
            for p in paths:
                records.extend(_read_file(p))
            gaz = _build(records)
            _loaded[key] = gaz
        return gaz
