"""kg: a knowledge graph of geopolitical actors built from news articles.

Who said what about whom, and who attended, hosted, met, accused,
criticised, rejected, supported, attacked or sanctioned whom; every fact
traceable to its sentence and article, stored as RDF and queried with SPARQL.

>>> import kg
>>> graph = kg.build(["seeds/"], store="memory")          # doctest: +SKIP
>>> graph.query("SELECT ?name WHERE { ?a a geo:Person ; skos:prefLabel ?name }")  # doctest: +SKIP

Nothing heavy is imported here: spaCy and the stores load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "build", "__version__"]

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph, build


def __getattr__(name: str) -> Any:
    if name in ("KnowledgeGraph", "build"):
        from kg import graph

        return getattr(graph, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
