"""The library of named SPARQL queries (``kg/queries/*.rq``).

Each file starts with a comment header::

    # quotes-by-speaker: every statement by a speaker, with its text and source article.
    # param speaker: the speaker's name (preferred or alternative label)
    # columns: speaker, text, direct, cue, doc, sentence

Parameters are bound as RDF terms when the query runs (SPARQL substitution),
never pasted into the text, so any value is safe. A parameter is required
unless its description starts with ``(optional)``.

Writing a query for this library (the embedded Oxigraph plans a query before
the parameters are substituted, so the text must lead it; see
``ontology/README.md``, "Writing fast queries"):

* project every parameter variable in the outer SELECT and in every
  sub-select that uses it (Oxigraph substitutes only projected variables);
* resolve a name once, in a ``SELECT DISTINCT ... LIMIT 100`` sub-select: a
  label is stored once per article that mentions the actor, and the LIMIT
  makes the planner start from it;
* after that anchor, join only triple patterns, ``GRAPH`` blocks, UNIONs of
  them and OPTIONALs; a sub-select or a VALUES block joined later is
  evaluated over the whole graph;
* count sources as ``COUNT(*)`` over ``GRAPH ?g { ... }`` (one row per
  article) and sort big intermediate results on numbers only.

>>> library()["quotes-by-speaker"].required
('speaker',)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.errors import QueryError

if TYPE_CHECKING:
    import pandas as pd

    from kg.graph import KnowledgeGraph

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library, with its documented parameters and columns."""

    name: str
    description: str
    params: dict[str, str]
    columns: tuple[str, ...]
    text: str
    path: Path

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters that must be given (those not documented as ``(optional)``)."""
        return tuple(k for k, v in self.params.items() if not v.lstrip().lower().startswith("(optional)"))


def parse_header(text: str, path: Path) -> NamedQuery:
    """Read the comment header of a .rq file."""
    name, description, params, columns = path.stem, "", {}, ()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        m = re.match(r"param\s+(\w+)\s*:\s*(.*)", body)
        if m:
            params[m.group(1)] = m.group(2)
        elif body.startswith("columns:"):
            columns = tuple(c.strip() for c in body[len("columns:"):].split(",") if c.strip())
        elif not description and ":" in body:
            head, _, rest = body.partition(":")
            if head.strip() == path.stem:
                description = rest.strip()
    return NamedQuery(name, description, params, columns, text, path)


def library() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {p.stem: parse_header(p.read_text(encoding="utf-8"), p) for p in sorted(HERE.glob("*.rq"))}


def resolve_query(spec: str) -> tuple[str, dict[str, str]]:
    """SPARQL text for a query name, a .rq file path, or SPARQL text itself; with its declared params."""
    lib = library()
    if spec in lib:
        q = lib[spec]
        return q.text, q.params
    if spec.endswith(".rq") or (len(spec) < 400 and "\n" not in spec and Path(spec).is_file()):
        p = Path(spec)
        if not p.is_file():
            raise QueryError(f"{spec}: no such query file (named queries: {', '.join(lib)})")
        q = parse_header(p.read_text(encoding="utf-8"), p)
        return q.text, q.params
    if not re.search(r"\b(select|ask|construct|describe)\b", spec, re.IGNORECASE):
        raise QueryError(f"{spec!r} is neither SPARQL, a .rq file, nor a named query "
                         f"(named queries: {', '.join(lib)})")
    return spec, {}


def parse_params(pairs: list[str], declared: dict[str, str] | None = None) -> dict[str, Literal | URIRef]:
    """``NAME=VALUE`` pairs to RDF terms: ``<...>`` is an IRI, anything else a plain literal."""
    out: dict[str, Literal | URIRef] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"parameter {pair!r} must look like NAME=VALUE")
        if declared and name not in declared:
            raise QueryError(f"unknown parameter {name!r}; this query takes: {', '.join(declared) or 'none'}")
        if value.startswith("<") and value.endswith(">") and re.fullmatch(r"<[^<>\"{}|^`\\\s]+>", value):
            out[name] = URIRef(value[1:-1])
        else:
            out[name] = Literal(value)
    check_params(declared or {}, out)
    return out


def check_params(declared: dict[str, str], given: Mapping[str, object]) -> None:
    """Raise QueryError when a required parameter of a named query is missing.

    Without it the parameter's variable would stay free and the query would
    answer for every actor at once, slowly, instead of failing.
    """
    missing = [k for k, v in declared.items() if k not in given and not v.lstrip().lower().startswith("(optional)")]
    if missing:
        flags = " ".join(f"--param {k}=VALUE" for k in missing)
        raise QueryError(f"missing parameter {', '.join(missing)} ({'; '.join(declared[k] for k in missing)}); "
                         f"give it with {flags}")


def run(kg: KnowledgeGraph, name: str, *, df: bool = False, **params: object) -> list[dict] | pd.DataFrame:
    """Run a named query of the library on ``kg``, binding ``params`` as RDF terms.

    Strings become plain literals (names match labels exactly); pass an
    ``rdflib.URIRef`` to name a node by IRI.

    Args:
        kg: the knowledge graph.
        name: a query of :func:`library` (``quotes-by-speaker``...) or a path to a .rq file.
        df: return a pandas DataFrame instead of a list of dicts.
        params: the query's parameters.

    Raises:
        QueryError: an unknown query, an unknown or missing parameter.
    """
    text, declared = resolve_query(name)
    if declared:
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise QueryError(f"unknown parameter {', '.join(unknown)}; {name} takes: {', '.join(declared)}")
    check_params(declared, params)
    return kg.query(text, df=df, **params)
