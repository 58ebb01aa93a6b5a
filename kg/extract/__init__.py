"""Extraction: pure functions from a parsed article to plain facts.

The chain for one article is ``actors -> statements, events -> relations``;
each stage is a module of its own and none touches the store.
"""

from __future__ import annotations

from spacy.tokens import Doc

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
