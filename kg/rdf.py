"""From extracted facts to RDF quads, one named graph per article.

The model has two layers, as Wikidata has:

* truthy triples for easy querying (``actor geo:accused actor``,
  ``actor geo:attended event``, ``speaker geo:saidAbout actor``), in the named
  graph of the article that asserts them, so the number of graphs holding a
  triple is the number of sources supporting it;
* evidence nodes: a ``geo:Statement`` (a schema:Quotation) per speech act and
  a ``geo:Assertion`` per coded relation, with the sentence, offsets, cue,
  CAMEO / PLOVER codes, extractor version and ``prov:wasDerivedFrom`` the
  article.

Labels are plain ``xsd:string`` literals (no language tag) so that a name
given by a user binds to them directly in SPARQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.iri import DEFAULT_BASE, mint, wikidata
from kg.models import ArticleFacts
from kg.namespace import GEO

SCHEMA = "https://schema.org/"
SDO_NEWS = URIRef(SCHEMA + "NewsArticle")
SDO_QUOTATION = URIRef(SCHEMA + "Quotation")
SDO_EVENT = URIRef(SCHEMA + "Event")
SDO_PERSON = URIRef(SCHEMA + "Person")
SDO_ORG = URIRef(SCHEMA + "Organization")
SDO_COUNTRY = URIRef(SCHEMA + "Country")
SDO_URL = URIRef(SCHEMA + "url")
SDO_START = URIRef(SCHEMA + "startDate")
SDO_LOCATION = URIRef(SCHEMA + "location")
SDO_ORGANIZER = URIRef(SCHEMA + "organizer")
SDO_ATTENDEE = URIRef(SCHEMA + "attendee")
SDO_ABOUT = URIRef(SCHEMA + "about")

ACTOR_CLASSES = {
    "Person": (GEO.Person, SDO_PERSON),
    "Organization": (GEO.Organization, SDO_ORG),
    "Country": (GEO.Country, SDO_COUNTRY),
}

class Quad(NamedTuple):
    """One RDF statement in a named graph, in rdflib terms."""

    s: URIRef | BNode
    p: URIRef
    o: URIRef | BNode | Literal
    g: URIRef


def article_iri(article_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an article, which is also the name of its graph."""
    return URIRef(mint("article", article_id, base=base))


def gazetteer_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph that holds the gazetteer's reference data."""
    return URIRef(mint("graph", "gazetteer", base=base))


def actor_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(mint("actor", key, base=base))


def event_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(mint("event", key, base=base))


def _date(value: str) -> Literal:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value)


def _actor_quads(node: URIRef, actor_type: str, label: str, aliases: Iterable[str], qid: str | None,
                 g: URIRef) -> Iterator[Quad]:
    """An actor's identity in graph ``g``: its classes, labels and Wikidata link, the same
    whether an article mentions it or the gazetteer lists it."""
    for cls in (GEO.Actor, *ACTOR_CLASSES[actor_type]):
        yield Quad(node, RDF.type, cls, g)
    yield Quad(node, SKOS.prefLabel, Literal(label), g)
    yield Quad(node, RDFS.label, Literal(label), g)
    for alias in aliases:
        yield Quad(node, SKOS.altLabel, Literal(alias), g)
    if qid:
        yield Quad(node, GEO.wikidata, Literal(qid), g)
        yield Quad(node, OWL.sameAs, URIRef(wikidata(qid)), g)


def facts_to_quads(facts: ArticleFacts, event_keys: dict[str, str] | None = None,
                   base: str = DEFAULT_BASE, version: str = "") -> Iterator[Quad]:
    """Every quad of one article's named graph.

    Args:
        facts: what was extracted from the article.
        event_keys: article-local event key -> corpus-wide key (from kg.resolve);
            identity when absent.
        base: instance base IRI.
        version: extractor version written on every evidence node.
    """
    art = facts.article
    g = article_iri(art.id, base)
    event_keys = event_keys or {}

    def q(s, p, o) -> Quad:
        return Quad(s, p, o, g)

    yield q(g, RDF.type, GEO.Article)
    yield q(g, RDF.type, SDO_NEWS)
    yield q(g, GEO.docName, Literal(art.doc))
    yield q(g, GEO.contentHash, Literal(art.id))
    if art.title:
        yield q(g, DCTERMS.title, Literal(art.title))
    if art.date:
        yield q(g, DCTERMS.date, _date(art.date))
    if art.url:
        yield q(g, SDO_URL, Literal(art.url))
    if art.publisher:
        yield q(g, DCTERMS.publisher, Literal(art.publisher))
    if version:
        yield q(g, GEO.extractorVersion, Literal(version))

    for a in facts.actors:
        node = actor_iri(a.key, base)
        yield from _actor_quads(node, a.type, a.label, a.aliases, a.qid, g)
        yield q(g, GEO.mentions, node)

    for ev in facts.events:
        node = event_iri(event_keys.get(ev.key, ev.key), base)
        yield q(node, RDF.type, GEO.Event)
        yield q(node, RDF.type, SDO_EVENT)
        cls = getattr(GEO, ev.type, None) if ev.type in GEO.__annotations__ else None
        if cls is not None and cls != GEO.Event:
            yield q(node, RDF.type, cls)
        yield q(node, GEO.eventType, Literal(ev.type))
        yield q(node, SKOS.prefLabel, Literal(ev.name))
        yield q(node, RDFS.label, Literal(ev.name))
        for alias in ev.aliases:
            yield q(node, SKOS.altLabel, Literal(alias))
        if ev.date:
            yield q(node, SDO_START, _date(ev.date))
        if ev.place:
            yield q(node, SDO_LOCATION, Literal(ev.place))
            yield q(node, GEO.place, Literal(ev.place))
        yield q(g, GEO.mentions, node)

    for st in facts.statements:
        node = URIRef(mint("statement", art.id, st.start, st.end, st.speaker, base=base))
        speaker = actor_iri(st.speaker, base)
        yield q(node, RDF.type, GEO.Statement)
        yield q(node, RDF.type, SDO_QUOTATION)
        yield q(node, GEO.speaker, speaker)
        yield q(node, GEO.text, Literal(st.text))
        yield q(node, GEO.direct, Literal(st.direct))
        if st.cue:
            yield q(node, GEO.cue, Literal(st.cue))
        for target in st.about:
            t = actor_iri(target, base)
            yield q(node, GEO.about, t)
            yield q(node, SDO_ABOUT, t)
            yield q(speaker, GEO.saidAbout, t)
        if st.addressee:
            yield q(node, GEO.addressee, actor_iri(st.addressee, base))
        if st.sentence:
            yield q(node, GEO.sentence, Literal(st.sentence.strip()))
        yield q(node, GEO.startOffset, Literal(st.start))
        yield q(node, GEO.endOffset, Literal(st.end))
        yield q(node, GEO.sourceArticle, g)
        yield q(node, PROV.wasDerivedFrom, g)

    for rel in facts.relations:
        subj = actor_iri(rel.subject, base)
        if rel.object_is_event:
            obj = event_iri(event_keys.get(rel.object, rel.object), base)
        else:
            obj = actor_iri(rel.object, base)
        pred = getattr(GEO, rel.predicate)
        yield q(subj, pred, obj)
        if rel.object_is_event and rel.predicate == "attended":
            yield q(obj, SDO_ATTENDEE, subj)
        elif rel.object_is_event and rel.predicate == "hosted":
            yield q(obj, SDO_ORGANIZER, subj)
        node = URIRef(mint("assertion", art.id, rel.subject, rel.predicate, rel.object, rel.start, base=base))
        yield q(node, RDF.type, GEO.Assertion)
        yield q(node, RDF.subject, subj)
        yield q(node, RDF.predicate, pred)
        yield q(node, RDF.object, obj)
        yield q(node, GEO.evidence, Literal(rel.sentence.strip()))
        yield q(node, GEO.startOffset, Literal(rel.start))
        yield q(node, GEO.endOffset, Literal(rel.end))
        if rel.cue:
            yield q(node, GEO.cue, Literal(rel.cue))
        if rel.cameo:
            yield q(node, GEO.cameo, Literal(rel.cameo))
        if rel.plover:
            yield q(node, GEO.plover, Literal(rel.plover))
        if rel.office:
            yield q(node, GEO.office, Literal(rel.office))
        if version:
            yield q(node, GEO.extractorVersion, Literal(version))
        yield q(node, GEO.sourceArticle, g)
        yield q(node, PROV.wasDerivedFrom, g)


def gazetteer_quads(gaz, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    """The gazetteer as reference data in its own named graph (labels, ids, offices held)."""
    g = gazetteer_graph_iri(base)
    for e in gaz.entries.values():
        node = actor_iri(e.key, base)
        yield from _actor_quads(node, e.type, e.label, e.aliases, e.qid, g)
        if e.kind:
            yield Quad(node, GEO.orgKind, Literal(e.kind), g)
        if e.country:
            yield Quad(node, GEO.country, actor_iri(e.country, base), g)
        if e.capital:
            yield Quad(node, GEO.capital, Literal(e.capital), g)
        for d in e.demonyms:
            yield Quad(node, GEO.demonym, Literal(d), g)
        if e.gender:
            yield Quad(node, GEO.gender, Literal(e.gender), g)
        for off in e.offices:
            term = URIRef(mint("office", e.key, off.role, off.of, off.start or "", base=base))
            yield Quad(node, GEO.holds, term, g)
            yield Quad(term, RDF.type, GEO.OfficeTerm, g)
            yield Quad(term, GEO.role, Literal(off.role), g)
            yield Quad(term, GEO.officeOf, actor_iri(off.of, base), g)
            if off.start:
                yield Quad(term, GEO.start, _date(off.start), g)
            if off.end:
                yield Quad(term, GEO.end, _date(off.end), g)


def count_by_graph(quads: Iterable[Quad]) -> dict[URIRef, int]:
    """How many quads each graph holds (for summaries)."""
    out: dict[URIRef, int] = {}
    for quad in quads:
        out[quad.g] = out.get(quad.g, 0) + 1
    return out
