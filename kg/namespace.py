"""The ``geo:`` vocabulary as an rdflib namespace that fails on typos.

Terms listed here must exist in ``ontology/geo.ttl``; a test checks both ways.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, URIRef

from kg.iri import ONTOLOGY


class GEO(DefinedNamespace):
    """Classes and properties of the kg geopolitical ontology."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Event: URIRef
    Statement: URIRef
    Assertion: URIRef
    Article: URIRef
    OfficeTerm: URIRef
    # event subclasses (types of the event lexicon)
    Parade: URIRef
    Summit: URIRef
    Meeting: URIRef
    Talks: URIRef
    Visit: URIRef
    Conference: URIRef
    Ceremony: URIRef
    Session: URIRef
    Strike: URIRef
    Attack: URIRef
    Operation: URIRef
    Invasion: URIRef
    Ceasefire: URIRef
    SanctionsPackage: URIRef
    Election: URIRef
    Vote: URIRef
    Deal: URIRef
    Commemoration: URIRef
    Tour: URIRef
    OtherEvent: URIRef

    # the closed relation set
    attended: URIRef
    hosted: URIRef
    met: URIRef
    accused: URIRef
    criticized: URIRef
    rejected: URIRef
    invited: URIRef
    supported: URIRef
    praised: URIRef
    threatened: URIRef
    attacked: URIRef
    sanctioned: URIRef
    represents: URIRef
    saidAbout: URIRef
    relationProperty: URIRef  # class of the 13 coded relation properties

    # annotations of relation properties
    cameo: URIRef
    plover: URIRef

    # statements and assertions
    speaker: URIRef
    text: URIRef
    direct: URIRef
    cue: URIRef
    about: URIRef
    addressee: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sourceArticle: URIRef
    evidence: URIRef
    office: URIRef
    extractorVersion: URIRef

    # articles
    contentHash: URIRef
    docName: URIRef
    mentions: URIRef

    # actors (gazetteer)
    wikidata: URIRef
    officialName: URIRef
    capital: URIRef
    demonym: URIRef
    isoAlpha2: URIRef
    isoAlpha3: URIRef
    acronym: URIRef
    orgKind: URIRef
    country: URIRef
    gender: URIRef
    holds: URIRef
    role: URIRef
    officeOf: URIRef
    start: URIRef
    end: URIRef

    # events
    eventType: URIRef
    place: URIRef
