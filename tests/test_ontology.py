"""The ontology (ontology/geo.ttl), its SHACL shapes (ontology/shapes.ttl) and
``kg validate``: the vocabulary matches the code both ways, relation properties
carry their CAMEO / PLOVER codes, graphs the code writes conform, and broken
graphs do not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.models import PREDICATES, Actor, Article, ArticleFacts, Event, Relation, Statement
from kg.namespace import GEO
from kg.validate import ONTOLOGY_FILE, SHAPES, ValidationError, findings, validate

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "eval" / "SPEC.md"
SDO = Namespace("https://schema.org/")
ID = "https://w3id.org/kg-geo/id/"
A1 = URIRef(ID + "article/" + "a1" * 32)
B2 = URIRef(ID + "article/" + "b2" * 32)
runner = CliRunner()

#: The predicate table of ../shared/eval/SPEC.md: predicate -> (CAMEO codes, PLOVER categories).
CODES = {
    "attended": ((), ()), "hosted": (("043",), ()), "met": (("04",), ("CONSULT",)),
    "accused": (("112",), ("ACCUSE",)), "criticized": (("111",), ("ACCUSE",)),
    "rejected": (("12",), ("REJECT",)), "invited": (("036",), ()),
    "supported": (("05", "07"), ("AID", "COOPERATE")), "praised": (("051",), ()),
    "threatened": (("13",), ("THREATEN",)), "attacked": (("18", "19"), ("ASSAULT",)),
    "sanctioned": (("163",), ("SANCTION",)), "represents": ((), ()),
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def geo_terms(g: Graph) -> set[str]:
    ns = str(GEO._NS)
    return {str(s)[len(ns):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


# ---------------------------------------------------------------- the vocabulary


def test_geo_ttl_defines_every_term_the_code_uses(onto: Graph) -> None:
    assert set(GEO.__annotations__) - geo_terms(onto) == set()


def test_geo_ttl_defines_nothing_the_code_does_not_use(onto: Graph) -> None:
    assert geo_terms(onto) - set(GEO.__annotations__) == set()


def test_every_term_has_an_english_label_and_comment(onto: Graph) -> None:
    for term in GEO.__annotations__:
        node = GEO[term]
        assert any(getattr(lab, "language", None) == "en" for lab in onto.objects(node, RDFS.label)), term
        assert any(getattr(c, "language", None) == "en" for c in onto.objects(node, RDFS.comment)), term


def test_every_term_is_declared_a_class_or_a_property(onto: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for term in GEO.__annotations__:
        assert kinds & set(onto.objects(GEO[term], RDF.type)), term


def test_the_closed_relation_set_is_exactly_the_relation_properties(onto: Graph) -> None:
    declared = {str(s).rsplit("#", 1)[1] for s in onto.subjects(RDF.type, GEO.relationProperty)}
    assert declared == set(PREDICATES) == set(CODES)
    assert (GEO.saidAbout, RDF.type, GEO.relationProperty) not in onto


@pytest.mark.parametrize("predicate", sorted(CODES))
def test_each_relation_property_carries_its_cameo_and_plover_codes(onto: Graph, predicate: str) -> None:
    cameo, plover = CODES[predicate]
    assert sorted(str(c) for c in onto.objects(GEO[predicate], GEO.cameo)) == sorted(cameo)
    assert sorted(str(c) for c in onto.objects(GEO[predicate], GEO.plover)) == sorted(plover)


@pytest.mark.shared
@pytest.mark.skipif(not SPEC.is_file(), reason="../shared/eval/SPEC.md is not beside this clone")
def test_the_codes_table_is_the_one_of_the_evaluation_spec() -> None:
    table = {}
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\w+)\s*\|.*\|\s*([^|]*?)\s*/\s*([^|]*?)\s*\|\s*$", line)
        if m and m.group(1) in CODES:
            split = lambda s: tuple(x.strip() for x in s.split(",") if x.strip() not in ("", "–", "-"))  # noqa: E731
            table[m.group(1)] = (split(m.group(2)), split(m.group(3)))
    assert table == CODES


def test_relation_properties_relate_actors_and_events_as_the_spec_says(onto: Graph) -> None:
    for p in PREDICATES:
        rng = GEO.Event if p in ("attended", "hosted") else GEO.Actor
        assert (GEO[p], RDFS.range, rng) in onto, p
    assert (GEO.represents, RDFS.domain, GEO.Person) in onto
    assert (GEO.met, RDF.type, OWL.SymmetricProperty) in onto


@pytest.mark.parametrize("sub, sup", [
    (GEO.Actor, PROV.Agent), (GEO.Person, SDO.Person), (GEO.Organization, SDO.Organization),
    (GEO.Country, SDO.Country), (GEO.Event, SDO.Event), (GEO.Article, SDO.NewsArticle),
    (GEO.Statement, SDO.Quotation), (GEO.Statement, PROV.Entity), (GEO.Assertion, RDF.Statement),
])
def test_classes_are_aligned_with_schema_org_and_prov(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


@pytest.mark.parametrize("sub, sup", [
    (GEO.speaker, PROV.wasAttributedTo), (GEO.sourceArticle, PROV.wasDerivedFrom), (GEO.about, SDO.about),
    (GEO.mentions, SDO.mentions), (GEO.text, SDO.text), (GEO.acronym, SKOS.altLabel),
])
def test_properties_are_aligned_with_schema_org_prov_and_skos(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in onto


def test_attended_and_hosted_are_the_inverses_of_schema_attendee_and_organizer(onto: Graph) -> None:
    assert (GEO.attended, OWL.inverseOf, SDO.attendee) in onto
    assert (GEO.hosted, OWL.inverseOf, SDO.organizer) in onto


def test_the_event_types_of_the_lexicon_are_event_classes(onto: Graph) -> None:
    types = set()
    for line in (ROOT / "kg" / "data" / "events.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            t = line.split("\t")[1]
            if t != "*":
                types.add(t)
    assert types
    for t in types:
        assert (GEO[t], RDFS.subClassOf, GEO.Event) in onto, t


def test_every_class_of_the_ontology_is_checked_by_a_shape(onto: Graph, shapes: Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    for cls in onto.subjects(RDF.type, OWL.Class):
        if isinstance(cls, BNode) or cls == GEO.relationProperty:
            continue
        supers = set(onto.transitive_objects(cls, RDFS.subClassOf))
        assert supers & targeted, f"{cls} has no shape"


# ---------------------------------------------------------------- graphs that conform


def test_an_empty_graph_conforms(make_kg) -> None:
    assert validate(make_kg(Dataset()))[0]


@pytest.mark.parametrize("backend", ["oxigraph-memory", "memory"])
def test_the_hand_made_fixture_conforms_with_no_warning(make_kg, fixture_trig: Path, backend: str) -> None:
    conforms, report = validate(make_kg(fixture_trig, backend))
    assert conforms, report
    assert "0 violation(s), 0 warning(s)" in report


def test_what_rdf_py_writes_for_hand_built_facts_conforms(make_kg) -> None:
    """The model of kg/rdf.py and the shapes agree, without the NLP pipeline."""
    from kg.graph import KnowledgeGraph

    art = Article(id="d4" * 32, doc="hand.txt", text="...", title="Hand-built", date="2025-09-03",
                  url="https://example.org/a", publisher="Example")
    actors = (Actor("Q7747", "Vladimir Putin", "Person", qid="Q7747", aliases=("Putin",)),
              Actor("Q159", "Russia", "Country", qid="Q159"),
              Actor("Q22686", "Donald Trump", "Person", qid="Q22686"),
              Actor("nato", "NATO", "Organization"))
    events = (Event("ev1", "Summit", "Alaska summit", aliases=("summit",), date="2025-08", place="Anchorage"),)
    statements = (Statement("Q22686", "we had a great meeting", 10, 32, True, "said", about=("Q7747",),
                            addressee="nato", sentence=" Trump said we had a great meeting. "),)
    relations = (Relation("Q7747", "attended", "ev1", "Putin attended the Alaska summit.", 40, 73,
                          object_is_event=True, cue="attended"),
                 Relation("Q22686", "hosted", "ev1", "Trump hosted the summit.", 74, 98, object_is_event=True),
                 Relation("Q7747", "met", "Q22686", "Putin met Trump.", 99, 115, cue="met", cameo="04",
                          plover="CONSULT"),
                 Relation("nato", "criticized", "Q159", "NATO condemned Russia.", 116, 138, cue="condemned",
                          cameo="111", plover="ACCUSE"),
                 Relation("Q7747", "represents", "Q159", "Russian President Putin", 0, 23, office="President"))
    facts = ArticleFacts(article=art, actors=actors, statements=statements, events=events, relations=relations)
    kg = make_kg(Dataset())
    assert isinstance(kg, KnowledgeGraph)
    kg.write(facts, version="test")
    conforms, report = validate(kg)
    assert conforms, report
    assert "0 warning(s)" in report


def test_the_seeds_graph_conforms(seeds_kg) -> None:
    conforms, report = validate(seeds_kg)
    assert conforms, report


@pytest.mark.shared
def test_the_dev_graph_conforms(dev_store: Path) -> None:
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(dev_store, read_only=True) as kg:
        conforms, report = validate(kg)
    assert conforms, report


# ---------------------------------------------------------------- graphs that do not


def _st(name: str) -> URIRef:
    return URIRef(ID + "statement/" + name)


def _as(name: str) -> URIRef:
    return URIRef(ID + "assertion/" + name)


def _actor(key: str) -> URIRef:
    return URIRef(ID + "actor/" + key)


def drop(*triples):
    """An edit removing triples from every graph."""
    def edit(ds: Dataset) -> None:
        for g in ds.graphs():
            for t in triples:
                g.remove(t)
    return edit


def add(graph: URIRef, *triples):
    """An edit adding triples to one graph."""
    def edit(ds: Dataset) -> None:
        for t in triples:
            ds.graph(graph).add(t)
    return edit


def replace(node: URIRef, prop: URIRef, value) -> object:
    """An edit giving ``node`` a new value of ``prop`` wherever it has one."""
    def edit(ds: Dataset) -> None:
        for g in ds.graphs():
            if (node, prop, None) in g:
                g.remove((node, prop, None))
                g.add((node, prop, value))
    return edit


def both(*edits):
    def edit(ds: Dataset) -> None:
        for e in edits:
            e(ds)
    return edit


def assertion(graph: URIRef, name: str, s: URIRef, p: URIRef, o: URIRef):
    """An edit adding a complete assertion and its truthy triple."""
    node = _as(name)
    return add(graph, (s, p, o), (node, RDF.type, GEO.Assertion), (node, RDF.subject, s), (node, RDF.predicate, p),
               (node, RDF.object, o), (node, GEO.evidence, Literal("A sentence.")), (node, GEO.startOffset, Literal(1)),
               (node, GEO.endOffset, Literal(9)), (node, GEO.sourceArticle, graph), (node, PROV.wasDerivedFrom, graph))


def move(node: URIRef, src: URIRef, dst: URIRef):
    """An edit moving a node's triples from one article graph to another."""
    def edit(ds: Dataset) -> None:
        for t in list(ds.graph(src).triples((node, None, None))):
            ds.graph(dst).add(t)
            ds.graph(src).remove(t)
    return edit


PARADE = URIRef(ID + "event/parade-2025")
TALKS = URIRef(ID + "event/brussels-talks-2025-09")

#: case -> (edit of the fixture, words the violation line must contain)
BROKEN = {
    "statement without speaker": (drop((_st("s1"), GEO.speaker, None)), "exactly one geo:speaker"),
    "statement with two speakers": (add(A1, (_st("s1"), GEO.speaker, _actor("Q22686"))), "exactly one geo:speaker"),
    "statement whose speaker is not an actor": (replace(_st("s1"), GEO.speaker, URIRef("urn:x:nobody")),
                                                "geo:speaker"),
    "statement without text": (drop((_st("s2"), GEO.text, None)), "non-empty geo:text"),
    "statement without source article": (drop((_st("s2"), GEO.sourceArticle, None)), "geo:sourceArticle"),
    "statement offsets the wrong way round": (replace(_st("s2"), GEO.endOffset, Literal(10)), "below geo:endOffset"),
    "assertion offset as a string": (replace(_as("p5"), GEO.startOffset, Literal("500")), "geo:startOffset"),
    "assertion without evidence": (drop((_as("p4"), GEO.evidence, None)), "geo:evidence"),
    "assertion with a predicate outside the set": (
        both(replace(_as("p4"), RDF.predicate, GEO.saidAbout),
             add(A1, (_actor("guo-jiakun"), GEO.saidAbout, _actor("kaja-kallas")))), "closed relation set"),
    "assertion whose truthy triple is missing": (drop((_actor("Q22686"), GEO.accused, _actor("Q148"))),
                                                 "truthy triple"),
    "truthy relation without an assertion": (add(A1, (_actor("Q7747"), GEO.threatened, _actor("Q148"))),
                                             "no geo:Assertion"),
    "an actor attended an actor": (assertion(A1, "x1", _actor("Q56226"), GEO.attended, _actor("Q148")),
                                   "wrong kind of object"),
    "a country represents": (assertion(B2, "x2", _actor("Q159"), GEO.represents, _actor("Q159")), "not a person"),
    "saidAbout without a statement": (add(B2, (_actor("Q7747"), GEO.saidAbout, _actor("Q22686"))),
                                      "no geo:Statement"),
    "actor without a type": (drop((_actor("Q423"), RDF.type, GEO.Country)), "geo:Person, geo:Organization"),
    "actor without a label": (drop((_actor("Q212"), SKOS.prefLabel, None)), "skos:prefLabel"),
    "wikidata id and sameAs disagree": (replace(_actor("Q159"), OWL.sameAs,
                                                URIRef("http://www.wikidata.org/entity/Q160")), "disagree"),
    "article without content hash": (drop((A1, GEO.contentHash, None)), "geo:contentHash"),
    "article without document name": (drop((B2, GEO.docName, None)), "geo:docName"),
    "event of an unknown type": (replace(PARADE, GEO.eventType, Literal("Party")), "geo:eventType"),
    "event without label": (drop((TALKS, SKOS.prefLabel, None)), "skos:prefLabel"),
    "office term without role": (drop((URIRef(ID + "office/xi-president"), GEO.role, None)), "geo:role"),
    "office term of nobody": (drop((URIRef(ID + "office/kallas-hr"), GEO.officeOf, None)), "geo:officeOf"),
    "statement stored in another article's graph": (move(_st("s1"), A1, B2),
                                                    "not in the graph of its geo:sourceArticle"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_graph_does_not_conform_and_the_report_says_why(make_kg, fixture_trig: Path, case: str) -> None:
    edit, expected = BROKEN[case]
    ds = Dataset()
    ds.parse(fixture_trig, format="trig")
    edit(ds)
    conforms, report = validate(make_kg(ds))
    assert not conforms, report
    assert "DOES NOT CONFORM" in report.splitlines()[0]
    violations = [line for line in report.splitlines()[1:] if line.startswith("Violation")]
    assert any(expected in line for line in violations), report


def test_a_disagreement_between_articles_is_a_warning_not_a_violation(make_kg, fixture_trig: Path) -> None:
    ds = Dataset()
    ds.parse(fixture_trig, format="trig")
    ds.graph(B2).remove((_actor("Q22686"), SKOS.prefLabel, None))
    ds.graph(B2).add((_actor("Q22686"), SKOS.prefLabel, Literal("Donald J. Trump")))
    found, _ = findings(make_kg(ds))
    assert [(f.severity, f.focus, f.path) for f in found] == [("Warning", "actor/Q22686", "skos:prefLabel")]
    conforms, report = validate(make_kg(ds))
    assert conforms and "1 warning(s)" in report


def test_a_missing_or_broken_shapes_file_is_a_clear_error(make_kg, tmp_path: Path) -> None:
    kg = make_kg(Dataset())
    with pytest.raises(ValidationError, match="no such shapes file"):
        validate(kg, tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid Turtle"):
        validate(kg, bad)


def test_own_shapes_with_rdfs_inference_see_the_schema_org_alignment(make_kg, fixture_trig: Path,
                                                                    tmp_path: Path) -> None:
    own = tmp_path / "own.ttl"
    own.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix prov: <http://www.w3.org/ns/prov#> .
    <urn:s> a sh:NodeShape ; sh:targetClass prov:Entity ; sh:property [ sh:path prov:wasAttributedTo ;
        sh:minCount 1 ; sh:message "an entity needs an attribution" ] .""", encoding="utf-8")
    kg = make_kg(fixture_trig)
    assert validate(kg, own)[0]  # no prov:Entity without inference
    conforms, report = validate(kg, own, inference="rdfs")  # statements are entities, attributed by geo:speaker;
    assert not conforms  # assertions and articles are entities without an attribution
    assert "an entity needs an attribution" in report


# ---------------------------------------------------------------- the command


def test_kg_validate_on_the_seeds_store_exits_0(seeds_store: Path) -> None:
    res = runner.invoke(app, ["validate", "--store", str(seeds_store)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("conforms")


def test_kg_validate_on_a_broken_store_exits_1_and_lists_the_violation(fixture_trig: Path, tmp_path: Path) -> None:
    from conftest import load_dataset

    from kg.graph import KnowledgeGraph

    ds = Dataset()
    ds.parse(fixture_trig, format="trig")
    BROKEN["statement without speaker"][0](ds)
    with KnowledgeGraph(tmp_path / "store") as kg:
        load_dataset(kg, ds)
    res = runner.invoke(app, ["validate", "--store", str(tmp_path / "store")])
    assert res.exit_code == 1, res.output
    assert "Violation statement/s1 geo:speaker -- a statement needs exactly one geo:speaker" in res.stdout


def test_the_example_queries_of_the_ontology_readme_run_and_answer(fixture_kg) -> None:
    text = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sparql\n(.*?)```", text, re.S)
    assert block
    queries = [q.strip() for q in block.group(1).split("\n\n") if q.strip()]
    assert len(queries) >= 4
    for q in queries:
        assert fixture_kg.query(q), q.splitlines()[0]
