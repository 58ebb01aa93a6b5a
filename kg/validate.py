"""Check a graph against the SHACL shapes of the ontology (``ontology/shapes.ttl``).

Three kinds of checks, reported together:

* SHACL Core (pyshacl) over the union of all named graphs: what every Actor,
  Event, Statement, Assertion, Article and OfficeTerm must carry;
* the shapes' SHACL-SPARQL constraints (``sh:sparql``: every truthy relation
  triple is backed by its evidence node, an assertion's object fits its
  predicate...), run by kg itself as *one* query per constraint over the
  store. pyshacl would run each once per focus node through rdflib, which
  takes 20 ms a node: minutes for the gazetteer's thousand actors;
* store checks that need the named graphs themselves, which SHACL over a
  union cannot see: every statement and assertion sits in the graph of the
  article it names as its source.

Violations make the graph non-conforming; warnings (an actor typed Person in
one article and Organization in another) are reported but do not.

>>> from kg.graph import KnowledgeGraph
>>> with KnowledgeGraph("memory") as kg:
...     validate(kg)[0]
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from kg.graph import KnowledgeGraph

#: Where geo.ttl and shapes.ttl live (the repository's ``ontology/``).
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

#: Default shapes file.
SHAPES = ONTOLOGY_DIR / "shapes.ttl"

#: The ontology (used as the ontology graph when ``inference`` is asked for).
ONTOLOGY_FILE = ONTOLOGY_DIR / "geo.ttl"

_PREFIXES = {
    "https://w3id.org/kg-geo/ontology#": "geo:",
    "https://w3id.org/kg-geo/shapes#": "geosh:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/ns/shacl#": "sh:",
}


class ValidationError(KGError):
    """The shapes or the ontology could not be read or applied, so nothing was validated."""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in the graph.

    Attributes:
        severity: ``Violation``, ``Warning`` or ``Info``.
        message: what is wrong, in words.
        focus: the node the problem is about.
        path: the property concerned, when there is one.
        value: the offending value, when there is one.
        shape: the shape (or store check) that found it.
    """

    severity: str
    message: str
    focus: str
    path: str = ""
    value: str = ""
    shape: str = ""


def _short(term: object, base: str = "") -> str:
    """A term as a reader wants it: prefixed names for vocabularies, base-relative for data."""
    if term is None:
        return ""
    text = str(term)
    if base and text.startswith(base):
        return text[len(base):]
    for ns, prefix in _PREFIXES.items():
        if text.startswith(ns):
            return prefix + text[len(ns):]
    if len(text) > 80:
        text = text[:77] + "..."
    return text


def load_shapes(shapes: str | Path | None = None) -> Graph:
    """Parse the shapes graph (Turtle).

    Raises:
        ValidationError: the file is missing or is not valid Turtle.
    """
    from rdflib import Graph

    path = Path(shapes) if shapes is not None else SHAPES
    if not path.is_file():
        raise ValidationError(f"{path}: no such shapes file (the default is {SHAPES}; pass --shapes FILE.ttl)")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises parser-specific exceptions
        raise ValidationError(f"{path}: not valid Turtle ({type(exc).__name__}: {exc}); fix the file "
                              "or pass another with --shapes") from None


def data_graph(kg: KnowledgeGraph) -> Graph:
    """The union of every named graph of the store, as one rdflib Graph.

    Read through the store's N-Triples dump, so it works for every backend
    and a triple held by several articles appears once.
    """
    from rdflib import Graph

    g = Graph()
    g.parse(data=kg.store.dump("ntriples"), format="nt")
    return g


# ---------------------------------------------------------------- SHACL Core through pyshacl


def shacl_findings(data: Graph, shapes: Graph, *, ontology: Graph | None = None,
                   inference: str | None = None, base: str = "") -> list[Finding]:
    """Run pyshacl and turn its report graph into :class:`Finding` rows.

    Raises:
        ValidationError: pyshacl refused the shapes.
    """
    import pyshacl
    from rdflib import BNode
    from rdflib.namespace import SH

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference=inference or "none",
        allow_warnings=True, allow_infos=True, advanced=False, meta_shacl=False, debug=False)
    if not hasattr(report, "subjects"):  # pyshacl's ValidationFailure: the shapes themselves are wrong
        raise ValidationError(f"the shapes cannot be applied: {report}; fix the shapes file")
    out = []
    for res in report.subjects(SH.resultSeverity, None):
        msgs = sorted(str(m) for m in report.objects(res, SH.resultMessage))
        shape = report.value(res, SH.sourceShape)
        out.append(Finding(
            severity=_short(report.value(res, SH.resultSeverity)).removeprefix("sh:"),
            message=msgs[0] if msgs else "",
            focus=_short(report.value(res, SH.focusNode), base),
            path=_short(report.value(res, SH.resultPath), base),
            value=_short(report.value(res, SH.value), base),
            shape="" if isinstance(shape, BNode) else _short(shape, base)))
    return out


# ---------------------------------------------------------------- SHACL-SPARQL, one query per constraint


@dataclass(frozen=True)
class SparqlConstraint:
    """A ``sh:sparql`` constraint of a node shape, as one query over the whole store.

    Attributes:
        shape: the node shape's IRI.
        query: ``SELECT ?this ?value ?path`` over every focus node at once.
        message: the ``sh:message`` template (``{?value}``, ``{$this}``, ``{?path}``).
        severity: ``Violation``, ``Warning`` or ``Info``.
    """

    shape: str
    query: str
    message: str
    severity: str


def _targets(shapes: Graph, shape: Node) -> list[str]:
    """SPARQL patterns binding ?this to the focus nodes of a shape (one per target).

    The shapes file is configuration, like the SPARQL of its constraints; its
    IRIs are still written with ``n3()``, which refuses an IRI that could
    break out of the pattern.
    """
    from rdflib import URIRef
    from rdflib.namespace import RDF, SH

    def iri(term: Node) -> str:
        if not isinstance(term, URIRef):
            raise ValidationError(f"{_short(shape)}: a target must be an IRI, not {term!r}; fix the shapes file")
        try:
            return term.n3()
        except Exception as exc:  # rdflib refuses IRIs with <>" {}|^` and spaces
            raise ValidationError(f"{_short(shape)}: {exc}; fix the shapes file") from None

    pats = []
    for cls in shapes.objects(shape, SH.targetClass):
        pats.append(f"?this {RDF.type.n3()} {iri(cls)} .")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        pats.append(f"?this {iri(p)} ?targetObject .")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        pats.append(f"?targetSubject {iri(p)} ?this .")
    for node in shapes.objects(shape, SH.targetNode):
        pats.append(f"VALUES ?this {{ {iri(node)} }}")
    return pats


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
    """Every ``sh:sparql`` constraint of the node shapes, rewritten to check all focus nodes at once.

    The constraint's SELECT keeps its meaning: it is joined with the shape's
    targets instead of being run once per focus node with ``$this`` pre-bound.

    Raises:
        ValidationError: a constraint has no ``sh:select``, or its shape no target.
    """
    from rdflib import URIRef
    from rdflib.namespace import SH

    out = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if str(shapes.value(constraint, SH.deactivated) or "").lower() == "true":
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise ValidationError(f"{_short(shape)}: a sh:sparql constraint without sh:select; fix the shapes file")
        targets = _targets(shapes, shape)
        if not targets:
            raise ValidationError(f"{_short(shape)}: sh:sparql on a shape with no target; fix the shapes file")
        prefixes = []
        for decl_holder in shapes.objects(constraint, SH.prefixes):
            for decl in shapes.objects(decl_holder, SH.declare):
                name, ns = str(shapes.value(decl, SH.prefix)), URIRef(str(shapes.value(decl, SH.namespace)))
                if not re.fullmatch(r"[A-Za-z][\w.-]*|", name):
                    raise ValidationError(f"{_short(shape)}: {name!r} is not a prefix name; fix the shapes file")
                prefixes.append(f"PREFIX {name}: {ns.n3()}")
        body = re.sub(r"\$(this|value|path)\b", r"?\1", str(select))
        focus = " UNION ".join("{ " + t + " }" for t in targets)
        query = "\n".join(prefixes) + (
            f"\nSELECT DISTINCT ?this ?value ?path WHERE {{\n"
            f"  {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }}\n"
            f"  {{ {body.strip()} }}\n}}")
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        messages = sorted(str(m) for m in shapes.objects(constraint, SH.message))
        out.append(SparqlConstraint(str(shape), query, messages[0] if messages else "",
                                    _short(severity).removeprefix("sh:")))
    return out


def without_sparql(shapes: Graph) -> Graph:
    """A copy of the shapes graph without its ``sh:sparql`` constraints (for pyshacl)."""
    from rdflib import Graph
    from rdflib.namespace import SH

    g = Graph()
    for t in shapes:
        g.add(t)
    for s, o in list(g.subject_objects(SH.sparql)):
        g.remove((s, SH.sparql, o))
    return g


def sparql_findings(kg: KnowledgeGraph, constraints: Iterable[SparqlConstraint]) -> list[Finding]:
    """Run each SHACL-SPARQL constraint once over the store."""
    from kg.errors import QueryError

    out = []
    for c in constraints:
        try:
            rows = kg.query(c.query)
        except QueryError as exc:
            raise ValidationError(f"{_short(c.shape)}: its sh:sparql constraint is not valid SPARQL ({exc}); "
                                  "fix the shapes file") from None
        for r in rows:
            value, path = r.get("value"), r.get("path")
            msg = c.message
            for name, term in (("value", value), ("path", path), ("this", r.get("this"))):
                msg = re.sub(r"\{[?$]" + name + r"\}", _short(term, kg.base), msg)
            out.append(Finding(c.severity, msg, _short(r.get("this"), kg.base), _short(path, kg.base),
                               _short(value, kg.base), _short(c.shape)))
    return out


# ---------------------------------------------------------------- checks on named graphs

_MISPLACED = """
SELECT ?node ?graph ?source WHERE {
  GRAPH ?graph { ?node geo:sourceArticle ?source }
  FILTER(?graph != ?source)
}
"""


def store_findings(kg: KnowledgeGraph) -> list[Finding]:
    """Checks on the named graphs themselves (SHACL over the union cannot see graphs)."""
    out = []
    for r in kg.query(_MISPLACED):
        out.append(Finding("Violation", f"stored in graph {_short(r['graph'], kg.base)}, not in the graph of its "
                           "geo:sourceArticle", _short(r["node"], kg.base), "geo:sourceArticle",
                           _short(r["source"], kg.base), "store:graph-of-source"))
    return out


# ---------------------------------------------------------------- report


def format_report(findings: Iterable[Finding], *, triples: int, shapes: str | Path,
                  limit: int = 200) -> tuple[bool, str]:
    """The findings as text: a summary line, then one line per finding, violations first."""
    rows = sorted(set(findings), key=lambda f: ({"Violation": 0, "Warning": 1}.get(f.severity, 2), f.message,
                                                f.focus, f.path, f.value))
    n_viol = sum(f.severity == "Violation" for f in rows)
    n_warn = sum(f.severity == "Warning" for f in rows)
    conforms = n_viol == 0
    lines = [f"{'conforms' if conforms else 'DOES NOT CONFORM'}: {n_viol} violation(s), {n_warn} warning(s), "
             f"{len(rows) - n_viol - n_warn} info; {triples:,} triples checked against {shapes}"]
    for f in rows[:limit]:
        where = f" {f.path}" if f.path else ""
        value = f" = {f.value}" if f.value else ""
        lines.append(f"{f.severity:<9} {f.focus}{where}{value} -- {f.message}")
    if len(rows) > limit:
        lines.append(f"... and {len(rows) - limit} more")
    return conforms, "\n".join(lines)


def findings(kg: KnowledgeGraph, shapes: str | Path | None = None, *,
             inference: str | None = None) -> tuple[list[Finding], int]:
    """Every finding of the three checks, and the number of triples checked."""
    from rdflib import Graph

    shapes_graph = load_shapes(shapes)
    constraints = sparql_constraints(shapes_graph)
    ontology = None
    if inference:
        try:
            ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
        except Exception as exc:  # OSError or an rdflib parser error
            raise ValidationError(f"{ONTOLOGY_FILE}: cannot read the ontology for inference: {exc}") from None
    data = data_graph(kg)
    found = shacl_findings(data, without_sparql(shapes_graph), ontology=ontology, inference=inference,
                           base=kg.base)
    found += sparql_findings(kg, constraints)
    found += store_findings(kg)
    return found, len(data)


def validate(kg: KnowledgeGraph, shapes: str | Path | None = None, *, inference: str | None = None,
             limit: int = 200) -> tuple[bool, str]:
    """Validate a graph against the SHACL shapes; return (conforms, report text).

    Args:
        kg: the graph (any store backend).
        shapes: a SHACL shapes file (Turtle); default ``ontology/shapes.ttl``.
        inference: ``None`` (default: check the data as written), or ``rdfs`` /
            ``owlrl`` to expand the data with ``ontology/geo.ttl`` first for the
            SHACL Core checks (slow on big graphs; mostly useful with shapes of
            your own written against the schema.org or PROV terms).
        limit: most findings listed in the text (all are counted).

    Returns:
        ``conforms`` is False when there is at least one violation;
        warnings are listed but do not fail.

    Raises:
        ValidationError: the shapes or the ontology file cannot be read or applied.
    """
    shapes_path = Path(shapes) if shapes is not None else SHAPES
    found, triples = findings(kg, shapes_path, inference=inference)
    return format_report(found, triples=triples, shapes=shapes_path, limit=limit)
