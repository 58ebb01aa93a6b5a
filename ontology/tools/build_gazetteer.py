#!/usr/bin/env python3
"""Build ``ontology/actors.ttl`` from the curated tables in ``ontology/sources/``.

The actor gazetteer is reference data: states, international organisations,
state institutions, ministries, armed forces, parties, armed groups, media,
platforms and office-holders. People curate it as four TSV tables (see
``ontology/sources/README.md``); this script validates them, completes them
from pycountry (ISO codes, official and ISO names of states), and writes the
Turtle file the ``kg`` package loads (:mod:`kg.gazetteer`).

Why a generator rather than hand-written Turtle: the tables stay short and
readable, references between them are checked (an office must point at a
known state or organisation, a QID may be used once), and the output is
deterministic (sorted, no timestamps), so a diff of ``actors.ttl`` shows
exactly what changed.

Run by hand from the repository root::

    /tmp/kgvenv/bin/python ontology/tools/build_gazetteer.py

Options: ``--sources DIR`` and ``--out FILE`` to work elsewhere, ``--no-check``
to skip parsing the result back with rdflib.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = ROOT / "ontology" / "sources"
DEFAULT_OUT = ROOT / "ontology" / "actors.ttl"

ORG_KINDS = frozenset({
    "igo", "un_body", "eu_institution", "state_institution", "ministry", "armed_force",
    "party", "armed_group", "media", "platform", "ngo", "company",
})
STATE_STATUS = frozenset({"member", "observer", "other", "territory"})
GENDERS = frozenset({"male", "female"})
PORTFOLIOS = frozenset({"", "foreign", "defence", "other"})

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")

PREFIXES = (
    ("geo", "https://w3id.org/kg-geo/ontology#"),
    ("gaz", "https://w3id.org/kg-geo/gazetteer/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
)


class SourceError(ValueError):
    """A source table breaks a rule (bad id, unknown reference, duplicate QID...)."""


# --------------------------------------------------------------------------- records


@dataclass
class Office:
    """One term in an office, with the holder's office resolved to an output key."""

    role: str
    of: str  # output key of the state or organisation
    start: str
    end: str


@dataclass
class Record:
    """One actor as it will be written: type, key and the values of each predicate."""

    type: str  # Country | Organization | Person
    id: str
    qid: str
    label: str
    alt: list[str] = field(default_factory=list)
    official: str = ""
    acronyms: list[str] = field(default_factory=list)
    kind: str = ""
    country: str = ""  # output key
    capital: str = ""
    demonyms: list[str] = field(default_factory=list)
    iso2: str = ""
    iso3: str = ""
    gender: str = ""
    offices: list[Office] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The local name after ``gaz:``: the QID when known, else the slug."""
        return self.qid or self.id


# --------------------------------------------------------------------------- reading


def read_table(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    """Read a UTF-8 TSV with a header row into stripped string dicts.

    Args:
        path: the table.
        required: columns that must be present in the header.

    Returns:
        One dict per data row (blank lines skipped), values stripped.

    Raises:
        SourceError: a required column is missing or a row has the wrong width.
    """
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        missing = [c for c in required if c not in header]
        if missing:
            raise SourceError(f"{path.name}: missing columns {missing}")
        rows = []
        for lineno, raw in enumerate(reader, start=2):
            if not any(c.strip() for c in raw):
                continue
            if len(raw) != len(header):
                raise SourceError(f"{path.name}:{lineno}: {len(raw)} cells, header has {len(header)}")
            rows.append({h: c.strip() for h, c in zip(header, raw)})
    return rows


def split(cell: str) -> list[str]:
    """Split a pipe-separated cell into its non-empty values, in order."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def dedupe(values: Iterable[str], *, exclude: Iterable[str] = ()) -> list[str]:
    """Drop empty values, exact duplicates and the excluded ones; keep first-seen order."""
    seen = set(exclude)
    out = []
    for v in values:
        v = " ".join(v.split())
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def check_id(table: str, value: str) -> None:
    """Raise unless ``value`` is a lowercase ASCII slug."""
    if not _SLUG.match(value):
        raise SourceError(f"{table}: id {value!r} is not a lowercase ascii slug")


def check_qid(table: str, ident: str, value: str) -> None:
    """Raise unless ``value`` is empty or a syntactically valid Wikidata QID."""
    if value and not _QID.match(value):
        raise SourceError(f"{table}: {ident}: {value!r} is not a Wikidata QID")


def check_date(table: str, ident: str, value: str) -> None:
    """Raise unless ``value`` is empty or an ISO calendar date."""
    if value:
        try:
            _dt.date.fromisoformat(value)
        except ValueError as exc:
            raise SourceError(f"{table}: {ident}: bad date {value!r}") from exc


# --------------------------------------------------------------------------- pycountry


def iso_names(country: object) -> list[str]:
    """The English names pycountry knows for a country, made readable.

    ISO writes some names inverted ("Korea, Republic of"); news never does, so
    the part after the comma is moved to the front ("Republic of Korea").
    Parentheses are split off ("Holy See (Vatican City State)" gives both).
    "Province of China" is not a name of Taiwan in any news usage and is
    dropped.
    """
    names = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        m = re.match(r"^(.*?)\s*\((.*)\)$", value)
        parts = [m.group(1), m.group(2)] if m else [value]
        for part in parts:
            if "," in part:
                head, tail = (s.strip() for s in part.split(",", 1))
                part = f"{tail} {head}"
            part = re.sub(r"^the\s+", "", part.strip(), flags=re.IGNORECASE)
            if "Province of China" in part:
                continue
            names.append(part)
    return names


def state_from_pycountry(iso3: str) -> object | None:
    """The pycountry record for an ISO alpha-3 code, or None (Kosovo, unlisted)."""
    return pycountry.countries.get(alpha_3=iso3) if iso3 else None


# --------------------------------------------------------------------------- ministry aliases


def ministry_aliases(portfolio: str, short: str, demonyms: Sequence[str]) -> list[str]:
    """The generic ways news names a state's foreign or defence ministry.

    Both capitalisations are produced because the spaCy entity ruler matches
    case-sensitively ("Chinese Foreign Ministry" and "Chinese foreign
    ministry" both occur).

    Args:
        portfolio: "foreign" or "defence" (anything else yields nothing).
        short: the state's short name ("China").
        demonyms: the state's adjectives ("Chinese").

    Returns:
        Aliases such as "Chinese foreign ministry", "China's Foreign Ministry",
        "Foreign Ministry of China", "Ministry of Foreign Affairs of China".
    """
    if portfolio == "foreign":
        heads = ["foreign ministry", "Ministry of Foreign Affairs"]
        of_forms = ["Foreign Ministry of {s}", "Ministry of Foreign Affairs of {s}"]
    elif portfolio == "defence":
        heads = ["defence ministry", "defense ministry", "Ministry of Defence", "Ministry of Defense"]
        of_forms = ["Defence Ministry of {s}", "Defense Ministry of {s}",
                    "Ministry of Defence of {s}", "Ministry of Defense of {s}"]
    else:
        return []
    out: list[str] = []
    owners = [d for d in demonyms if d != "U.S."] + [f"{short}'s", short]
    for owner in owners:
        for head in heads:
            if head[0].islower():
                out.append(f"{owner} {head}")
                out.append(f"{owner} {head.title()}")
            else:
                out.append(f"{owner} {head}")
    out.extend(f.format(s=short) for f in of_forms)
    return out


# --------------------------------------------------------------------------- building


def build_records(sources: Path) -> list[Record]:
    """Read, validate and complete the four source tables.

    Args:
        sources: the directory holding ``states.tsv``, ``organizations.tsv``,
            ``people.tsv`` and ``offices.tsv``.

    Returns:
        Every actor as a :class:`Record`, unsorted.

    Raises:
        SourceError: any rule of ``ontology/sources/README.md`` is broken.
    """
    states = read_table(sources / "states.tsv", (
        "id", "qid", "short_name", "official_name", "iso2", "iso3", "capital", "demonyms", "aliases", "status"))
    orgs = read_table(sources / "organizations.tsv", (
        "id", "qid", "name", "kind", "acronyms", "aliases", "country", "portfolio"))
    people = read_table(sources / "people.tsv", ("id", "qid", "name", "aliases", "gender"))
    offices = read_table(sources / "offices.tsv", ("person", "role", "of", "start", "end"))

    records: dict[str, Record] = {}
    qid_owner: dict[str, str] = {}

    def register(table: str, rec: Record) -> None:
        check_id(table, rec.id)
        check_qid(table, rec.id, rec.qid)
        if rec.id in records:
            raise SourceError(f"{table}: id {rec.id!r} used twice")
        if rec.qid:
            if rec.qid in qid_owner:
                raise SourceError(f"{table}: {rec.qid} given to both {qid_owner[rec.qid]!r} and {rec.id!r}")
            qid_owner[rec.qid] = rec.id
        if not rec.label:
            raise SourceError(f"{table}: {rec.id}: empty name")
        records[rec.id] = rec

    state_rows: dict[str, dict[str, str]] = {}
    for row in states:
        if row["status"] not in STATE_STATUS:
            raise SourceError(f"states.tsv: {row['id']}: status {row['status']!r}")
        pc = state_from_pycountry(row["iso3"])
        if row["iso3"] and pc is None and not row["iso2"]:
            raise SourceError(f"states.tsv: {row['id']}: iso3 {row['iso3']} unknown to pycountry and no iso2")
        iso2 = row["iso2"] or (pc.alpha_2 if pc else "")
        if pc is not None and row["iso2"] and row["iso2"] != pc.alpha_2:
            raise SourceError(f"states.tsv: {row['id']}: iso2 {row['iso2']} but pycountry says {pc.alpha_2}")
        official = row["official_name"] or (getattr(pc, "official_name", "") if pc else "")
        label = row["short_name"]
        demonyms = dedupe(split(row["demonyms"]))
        alt = dedupe([*split(row["aliases"]), official, *(iso_names(pc) if pc else [])], exclude=[label])
        register("states.tsv", Record(
            type="Country", id=row["id"], qid=row["qid"], label=label, alt=alt, official=official,
            kind="state", capital=row["capital"], demonyms=demonyms, iso2=iso2, iso3=row["iso3"]))
        state_rows[row["id"]] = row

    for row in orgs:
        if row["kind"] not in ORG_KINDS:
            raise SourceError(f"organizations.tsv: {row['id']}: kind {row['kind']!r}")
        if row["portfolio"] not in PORTFOLIOS:
            raise SourceError(f"organizations.tsv: {row['id']}: portfolio {row['portfolio']!r}")
        country_key = ""
        extra: list[str] = []
        if row["country"]:
            srow = state_rows.get(row["country"])
            if srow is None:
                raise SourceError(f"organizations.tsv: {row['id']}: unknown country {row['country']!r}")
            country_key = records[row["country"]].key
            if row["kind"] == "ministry":
                extra = ministry_aliases(row["portfolio"], srow["short_name"], split(srow["demonyms"]))
        elif row["portfolio"] in {"foreign", "defence"}:
            raise SourceError(f"organizations.tsv: {row['id']}: a ministry needs a country")
        label = row["name"]
        acronyms = dedupe(split(row["acronyms"]))
        alt = dedupe([*split(row["aliases"]), *extra], exclude=[label])
        register("organizations.tsv", Record(
            type="Organization", id=row["id"], qid=row["qid"], label=label, alt=alt,
            acronyms=acronyms, kind=row["kind"], country=country_key))

    for row in people:
        if row["gender"] not in GENDERS:
            raise SourceError(f"people.tsv: {row['id']}: gender {row['gender']!r}")
        label = row["name"]
        register("people.tsv", Record(
            type="Person", id=row["id"], qid=row["qid"], label=label,
            alt=dedupe(split(row["aliases"]), exclude=[label]), gender=row["gender"]))

    for row in offices:
        ident = f"{row['person']} / {row['role']}"
        person = records.get(row["person"])
        if person is None or person.type != "Person":
            raise SourceError(f"offices.tsv: unknown person {row['person']!r}")
        target = records.get(row["of"])
        if target is None or target.type == "Person":
            raise SourceError(f"offices.tsv: {ident}: unknown state or organisation {row['of']!r}")
        if not row["role"]:
            raise SourceError(f"offices.tsv: {ident}: empty role")
        check_date("offices.tsv", ident, row["start"])
        check_date("offices.tsv", ident, row["end"])
        if row["start"] and row["end"] and row["end"] < row["start"]:
            raise SourceError(f"offices.tsv: {ident}: ends before it starts")
        person.offices.append(Office(row["role"], target.key, row["start"], row["end"]))

    missing = [r.id for r in records.values() if r.type == "Person" and not r.offices]
    if missing:
        raise SourceError(f"people.tsv: people without any office: {missing}")
    return list(records.values())


# --------------------------------------------------------------------------- writing


def lit(value: str, lang: str | None = "en") -> str:
    """A Turtle string literal (escaped), with a language tag unless ``lang`` is None."""
    esc = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


def date_lit(value: str) -> str:
    """A Turtle ``xsd:date`` literal."""
    return f'"{value}"^^xsd:date'


def _natural(key: str) -> tuple[int, int, str]:
    """Sort key: QIDs first in numeric order, then slugs alphabetically."""
    if _QID.match(key):
        return (0, int(key[1:]), key)
    return (1, 0, key)


TYPE_ORDER = {"Country": 0, "Organization": 1, "Person": 2}


def office_sort_key(o: Office) -> tuple:
    """Offices newest first (open terms before closed ones), then by role and holder."""
    return (-(int(o.start.replace("-", "")) if o.start else 0), o.end == "", o.end, o.role, o.of)


def render_record(r: Record) -> str:
    """Render one actor as a Turtle block (predicates in a fixed order)."""
    lines = [f"gaz:{r.key} a geo:{r.type}"]

    def add(pred: str, objs: Sequence[str]) -> None:
        if objs:
            lines.append(f"{pred} " + ", ".join(objs))

    add("skos:prefLabel", [lit(r.label)])
    if r.official:
        add("geo:officialName", [lit(r.official)])
    add("skos:altLabel", [lit(a) for a in sorted(r.alt)])
    add("geo:acronym", [lit(a, None) for a in sorted(r.acronyms)])
    if r.type == "Organization":
        add("geo:orgKind", [lit(r.kind, None)])
    if r.country:
        add("geo:country", [f"gaz:{r.country}"])
    if r.capital:
        add("geo:capital", [lit(r.capital)])
    add("geo:demonym", [lit(d) for d in sorted(r.demonyms)])
    if r.iso2:
        add("geo:isoAlpha2", [lit(r.iso2, None)])
    if r.iso3:
        add("geo:isoAlpha3", [lit(r.iso3, None)])
    if r.gender:
        add("geo:gender", [lit(r.gender, None)])
    if r.qid:
        add("geo:wikidata", [lit(r.qid, None)])
        add("owl:sameAs", [f"wd:{r.qid}"])
    if r.offices:
        terms = []
        for o in sorted(r.offices, key=office_sort_key):
            parts = ["a geo:OfficeTerm", f"geo:role {lit(o.role, None)}", f"geo:officeOf gaz:{o.of}"]
            if o.start:
                parts.append(f"geo:start {date_lit(o.start)}")
            if o.end:
                parts.append(f"geo:end {date_lit(o.end)}")
            terms.append("[ " + " ; ".join(parts) + " ]")
        lines.append("geo:holds " + " ,\n        ".join(terms))
    return lines[0] + " ;\n    " + " ;\n    ".join(lines[1:]) + " .\n"


def render(records: Sequence[Record]) -> str:
    """Render the whole gazetteer: header comment, prefixes, sorted actor blocks."""
    counts = {t: sum(1 for r in records if r.type == t) for t in TYPE_ORDER}
    header = [
        "# GENERATED FILE - do not edit by hand.",
        "# Actor gazetteer of the kg package (states, organisations, office-holders).",
        "# Generated by ontology/tools/build_gazetteer.py from ontology/sources/",
        "# (states.tsv, organizations.tsv, people.tsv, offices.tsv) and pycountry "
        f"{getattr(pycountry, '__version__', '')}".rstrip() + ".",
        "# Edit the source tables and run: python ontology/tools/build_gazetteer.py",
        f"# {counts['Country']} countries, {counts['Organization']} organisations, "
        f"{counts['Person']} people, {sum(len(r.offices) for r in records)} office terms, "
        f"{sum(1 for r in records if r.qid)} with a Wikidata id.",
        "",
    ]
    width = max(len(p) for p, _ in PREFIXES)
    header += [f"@prefix {(p + ':').ljust(width + 1)} <{iri}> ." for p, iri in PREFIXES]
    blocks = [render_record(r) for r in sorted(records, key=lambda r: (TYPE_ORDER[r.type], _natural(r.key)))]
    return "\n".join(header) + "\n\n" + "\n".join(blocks)


def check_turtle(text: str, records: Sequence[Record]) -> None:
    """Parse the output back with rdflib and compare subject counts (cheap sanity check)."""
    import rdflib

    g = rdflib.Graph()
    g.parse(data=text, format="turtle")
    geo = rdflib.Namespace(dict(PREFIXES)["geo"])
    for t in TYPE_ORDER:
        n = len(set(g.subjects(rdflib.RDF.type, geo[t])))
        expected = sum(1 for r in records if r.type == t)
        if n != expected:
            raise SourceError(f"round trip: {n} geo:{t} subjects, expected {expected}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="directory of the source tables")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Turtle file to write")
    ap.add_argument("--no-check", action="store_true", help="skip parsing the output back with rdflib")
    args = ap.parse_args(argv)
    try:
        records = build_records(args.sources)
        text = render(records)
        if not args.no_check:
            check_turtle(text, records)
    except SourceError as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(text, encoding="utf-8")
    counts = {t: sum(1 for r in records if r.type == t) for t in TYPE_ORDER}
    print(f"wrote {args.out}: {counts}, {sum(1 for r in records if r.qid)} with QIDs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
