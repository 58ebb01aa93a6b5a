"""Helpers shared by several test modules (``tests/`` is not a package; pytest puts this
directory on ``sys.path``, so test modules import it as ``support``)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from rdflib import Graph
from rdflib.compare import isomorphic


def hostile(name: str) -> ModuleType:
    """A helper module of tests/hostile/ (the corpus maker, the facts checker), loaded by path."""
    key = f"kg_tests_hostile_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).parent / "hostile" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def facts_of(kg: Any) -> list[str]:
    """The facts export of a KnowledgeGraph as sorted JSON lines, for comparing two builds."""
    from kg.export import facts_lines

    return sorted(json.dumps(line, sort_keys=True) for line in facts_lines(kg))


def same_dataset(a: bytes, b: bytes) -> bool:
    """Whether two N-Quads documents hold the same named graphs, each isomorphic."""
    import pyoxigraph as ox

    from kg.store import from_ox

    graphs: list[dict[str, Graph]] = []
    for data in (a, b):
        by_name: dict[str, Graph] = {}
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            by_name.setdefault(str(q.graph_name), Graph()).add(
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        graphs.append(by_name)
    return graphs[0].keys() == graphs[1].keys() and all(isomorphic(graphs[0][k], graphs[1][k]) for k in graphs[0])
