"""Extraction: pure functions from a parsed article to plain facts.

The chain for one article is ``actors -> statements, events -> relations``;
each stage is a module of its own and none touches the store.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer
from kg.models import Article, ArticleFacts

#: Bumped whenever an extractor's behaviour changes; written on every Assertion.
EXTRACTOR_VERSION = "kg-extract/0.1"


def extract(doc: Doc, article: Article, gaz: Gazetteer) -> ArticleFacts:
    """Run every extraction stage over one parsed article."""
    from kg.extract.actors import extract_actors
    from kg.extract.events import extract_events
    from kg.extract.relations import extract_relations
    from kg.extract.statements import extract_statements

    actors = extract_actors(doc, article, gaz)
    statements = extract_statements(doc, article, actors, gaz)
    events = extract_events(doc, article, actors)
    relations = extract_relations(doc, article, actors, events)
    return ArticleFacts(
        article=article,
        actors=tuple(actors.actors.values()),
        mentions=actors.mentions,
        statements=tuple(statements),
        events=tuple(events),
        relations=tuple(actors.represents) + tuple(relations),
    )


def sentence_of(tok: Token | Span) -> Span:
    """The sentence holding a token (or a span's first token), in constant time.

    spaCy's ``Token.sent`` walks the document to find sentence boundaries on
    every call, which made extraction quadratic in the article's length; the
    sentence index is computed once per ``Doc`` and kept in ``doc.user_data``.
    """
    first = tok if isinstance(tok, Token) else tok[0] if len(tok) else tok.doc[tok.start]
    doc = first.doc
    cache = doc.user_data.get("kg_sentence_index")
    if cache is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, s in enumerate(sents):
            for i in range(s.start, s.end):
                index[i] = n
        cache = (sents, index)
        doc.user_data["kg_sentence_index"] = cache
    return cache[0][cache[1][first.i]]
