"""Plain data passed between the stages of the extraction chain.

Every stage is a pure function from one of these to the next; nothing here
knows about spaCy or RDF, so the types can cross process boundaries (spaCy
``n_process`` workers, dask) and be compared in tests.

Offsets are character offsets into :attr:`Article.text`, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The three actor types of the evaluation contract (../shared/eval/SPEC.md).
ACTOR_TYPES: tuple[str, ...] = ("Person", "Organization", "Country")

#: The closed predicate set of the evaluation contract.
PREDICATES: tuple[str, ...] = (
    "attended", "hosted", "met", "accused", "criticized", "rejected", "invited",
    "supported", "praised", "threatened", "attacked", "sanctioned", "represents",
)


@dataclass(frozen=True)
class Article:
    """One ingested article: normalised text plus the metadata we could find.

    Attributes:
        id: sha256 hex digest of the normalised text (the article's identity).
        doc: the document name used in exports: the file's base name, or
            ``file:line`` / a JSONL field for JSON Lines input.
        text: normalised text; headline first, paragraphs separated by blank lines.
        title: the headline, when one could be told apart.
        date: ISO date (``YYYY-MM-DD``) of publication, when known.
        url, publisher, path: provenance, when known.
    """

    id: str
    doc: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names (or stands for) an actor."""

    start: int
    end: int
    text: str
    actor: str  # Actor.key


@dataclass(frozen=True)
class Actor:
    """A canonical actor as one article refers to it.

    ``key`` is the cross-article identity: the Wikidata QID when the gazetteer
    knows one, else a slug of the normalised full name (see :mod:`kg.iri`).
    """

    key: str
    label: str
    type: str  # one of ACTOR_TYPES
    qid: str | None = None
    aliases: tuple[str, ...] = ()  # surface forms seen in this article
    kind: str | None = None  # gazetteer kind (igo, ministry, media, platform, ...)
    country: str | None = None  # key of the actor's country, when known
    gender: str | None = None


@dataclass(frozen=True)
class Statement:
    """A speech act: who said what, about whom, traceable to its sentence."""

    speaker: str  # Actor.key
    text: str
    start: int
    end: int
    direct: bool
    cue: str
    about: tuple[str, ...] = ()  # Actor.keys
    addressee: str | None = None
    sentence: str = ""
    sentence_start: int = 0


@dataclass(frozen=True)
class Event:
    """Something that happened at a time, which actors took part in."""

    key: str  # article-local key; kg.resolve maps it to a corpus-wide identity
    type: str  # event type from the event lexicon (Summit, Parade, Meeting, ...)
    name: str
    aliases: tuple[str, ...] = ()
    date: str | None = None  # ISO YYYY-MM-DD or YYYY-MM
    place: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Relation:
    """One coded fact (subject, predicate, object) with its evidence.

    ``object`` is an Actor.key, or an Event.key when ``object_is_event``.
    """

    subject: str
    predicate: str  # one of PREDICATES
    object: str
    sentence: str
    start: int  # offsets of the evidence sentence
    end: int
    object_is_event: bool = False
    cue: str = ""
    cameo: str | None = None
    plover: str | None = None
    office: str | None = None  # for represents: the office named ("President", "spokesman")


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    errors: tuple[str, ...] = field(default=())
