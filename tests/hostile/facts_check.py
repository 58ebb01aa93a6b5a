"""Check facts JSONL (``kg export --format facts``) against ../shared/eval/SPEC.md.

Shared by the hostile, injection and property tests: whatever went into the
store, what comes out must be valid lines of the evaluation contract.
"""

from __future__ import annotations

import json

from kg.models import ACTOR_TYPES, PREDICATES

#: Fields every line of a kind must carry (beyond ``kind`` and ``doc``).
REQUIRED = {
    "actor": ("name", "type"),
    "event": ("name",),
    "statement": ("speaker", "text"),
    "relation": ("subject", "predicate", "object"),
}


def facts_problems(data: bytes | str) -> list[str]:
    """Every way ``data`` breaks the facts contract; empty when it is valid.

    Each line must be one JSON object with a known ``kind``, a non-empty
    ``doc``, the fields of its kind as non-empty strings, an actor ``type``
    among the three actor types and a relation ``predicate`` in the closed set.
    """
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    problems: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc.msg}): {line[:80]!r}")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {n}: not an object")
            continue
        kind = obj.get("kind")
        if kind not in REQUIRED:
            problems.append(f"line {n}: unknown kind {kind!r}")
            continue
        if not isinstance(obj.get("doc"), str) or not obj["doc"]:
            problems.append(f"line {n}: no doc")
        for key in REQUIRED[kind]:
            if not isinstance(obj.get(key), str) or not obj[key]:
                problems.append(f"line {n}: {kind} without a {key}")
        if kind == "actor" and obj.get("type") not in ACTOR_TYPES:
            problems.append(f"line {n}: actor type {obj.get('type')!r} not in {ACTOR_TYPES}")
        if kind == "relation" and obj.get("predicate") not in PREDICATES:
            problems.append(f"line {n}: predicate {obj.get('predicate')!r} not in the closed set")
        if kind == "statement" and not isinstance(obj.get("about", []), list):
            problems.append(f"line {n}: statement 'about' is not a list")
    return problems
