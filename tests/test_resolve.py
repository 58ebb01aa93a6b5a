"""Cross-article event identity (kg.resolve): two outlets on one event share a key, in either order.

The articles here are invented: an 11th Andean Forum summit in a made-up month, a council
session, two raids, two protocols. The first tests feed :func:`resolve_events` the events an
extractor would give, and keep the ``known`` list the way ``KnowledgeGraph._resolve_events`` does
(a new key joins it, a merged one does not); the last ones build a store from hand-written text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import Event
from kg.resolve import KnownEvent, event_key, resolve_events

Article = tuple[list[Event], dict[str, set[str]]]


def _build(articles: Sequence[Article]) -> list[dict[str, str]]:
    """Resolve articles one after the other as a build does; the local -> corpus key map of each."""
    known: list[KnownEvent] = []
    out = []
    for events, parts in articles:
        mapping = resolve_events(events, parts, known)
        have = {k.key for k in known}
        for ev in events:
            if mapping[ev.key] not in have:
                known.append(KnownEvent(mapping[ev.key], ev.type, ev.date, ev.place,
                                        frozenset(parts.get(ev.key, set())), (ev.name, *ev.aliases)))
                have.add(mapping[ev.key])
        out.append(mapping)
    return out


def _both_orders(a: Article, b: Article) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    ab = _build([a, b])
    ba = _build([b, a])
    return ab, ba[::-1]


# One summit: an undated outlet naming its attendees, a dated one naming only the summit.
SUMMIT_A: Article = ([Event(key="a1", type="Summit", name="11th Andean Forum summit",
                            aliases=("summit",))],
                     {"a1": {"Q1001", "Q1002", "Q1003"}})
SUMMIT_B: Article = ([Event(key="b1", type="Summit", name="two-day 11th Andean Forum Summit",
                            date="2031-04-09")], {})


def test_numbered_summit_gets_one_key_in_both_orders():
    ab, ba = _both_orders(SUMMIT_A, SUMMIT_B)
    assert ab[0]["a1"] == ab[1]["b1"] == ba[0]["a1"] == ba[1]["b1"]
    # the ordinal is the key, so either outlet computes it alone
    assert event_key(SUMMIT_A[0][0], SUMMIT_A[1]["a1"]) == event_key(SUMMIT_B[0][0]) == ab[0]["a1"]


def test_another_numbered_summit_stays_apart():
    other: Article = ([Event(key="c1", type="Summit", name="12th Andean Forum summit", date="2031-04-09")], {})
    out = _build([SUMMIT_A, SUMMIT_B, other])
    assert out[2]["c1"] != out[0]["a1"]


# One council session: a dated outlet places it, an undated one names a member attending.
SESSION_A: Article = ([Event(key="a1", type="Meeting", name="emergency Harbour Council meeting in Valmora",
                             date="2031-02-03", place="Valmora")], {"a1": {"Q2001"}})
SESSION_B: Article = ([Event(key="b1", type="Session", name="closed session of the Harbour Council",
                             aliases=("session",))], {"b1": {"Q2001", "Q2002"}})


def test_session_and_meeting_of_one_body_merge_when_one_outlet_is_undated():
    ab, ba = _both_orders(SESSION_A, SESSION_B)
    assert ab[0]["a1"] == ab[1]["b1"]
    assert ba[0]["a1"] == ba[1]["b1"]


def test_a_meeting_of_another_body_stays_apart():
    other: Article = ([Event(key="c1", type="Meeting", name="meeting of the Grain Board")], {"c1": {"Q2001"}})
    out = _build([SESSION_A, other])
    assert out[1]["c1"] != out[0]["a1"]


# Two raids in one dated article; the undated outlet reports only the first one.
RAIDS_A: Article = ([Event(key="a1", type="Strike", name="Ostria's raid on Belmark", date="2031-06-02"),
                     Event(key="a2", type="Attack", name="Belmark's retaliation against Ostria",
                           date="2031-06-03")], {})
RAIDS_B: Article = ([Event(key="b1", type="Attack", name="Ostria's strikes on Belmark",
                           aliases=("raid",))], {})


def test_undated_report_joins_the_raid_with_the_same_agent_in_both_orders():
    ab, ba = _both_orders(RAIDS_A, RAIDS_B)
    assert ab[1]["b1"] == ab[0]["a1"] != ab[0]["a2"]
    assert ba[1]["b1"] == ba[0]["a1"] != ba[0]["a2"]


def test_undated_events_need_two_shared_names_or_a_shared_member():
    dated: Article = ([Event(key="a1", type="Attack", name="Ostrian raid on Belmark", date="2031-06-02")], {})
    vague: Article = ([Event(key="b1", type="Attack", name="raid on Belmark")], {})
    out = _build([dated, vague])
    assert out[1]["b1"] != out[0]["a1"]


def test_protocol_named_by_both_signatories_merges_despite_a_place_on_one_side():
    a: Article = ([Event(key="a1", type="Deal", name="Ostria-Belmark protocol in Valmora", place="Valmora")], {})
    b: Article = ([Event(key="b1", type="Deal", name="Belmark-Ostria Border Protocol", date="2031-06-20")], {})
    ab, ba = _both_orders(a, b)
    assert ab[0]["a1"] == ab[1]["b1"]
    assert ba[0]["a1"] == ba[1]["b1"]


def test_different_ordinals_never_merge_even_with_the_same_names():
    a: Article = ([Event(key="a1", type="SanctionsPackage", name="7th package of sanctions on Ostria")], {})
    b: Article = ([Event(key="b1", type="SanctionsPackage", name="Ostria sanctions, the 8th package")], {})
    out = _build([a, b])
    assert out[0]["a1"] != out[1]["b1"]


# ------------------------------------------------------------ end to end (spaCy pipeline)

ARTICLE_DATED = """Andean leaders gather for Forum summit
date 2031-04-09
LIMA (Reuters) - The 11th Andean Forum Summit opened in Lima on Wednesday, with Peru hosting.
Colombia and Ecuador attended the summit, which focused on river shipping.
"""

ARTICLE_UNDATED = """River shipping tops agenda as forum meets
Leaders of Peru, Colombia and Ecuador met at the 11th Andean Forum Summit to discuss river shipping.
Ecuador said the summit should agree on common tolls.
"""


def _event_ids(store: Path) -> dict[str, set[str]]:
    from kg.graph import KnowledgeGraph

    kg = KnowledgeGraph(store, read_only=True)
    try:
        rows = kg.query("SELECT DISTINCT ?doc ?ev ?name WHERE { GRAPH ?g { ?g geo:docName ?doc . "
                        "?ev a geo:Event ; skos:prefLabel ?name } }")
    finally:
        kg.close()
    out: dict[str, set[str]] = {}
    for r in rows:
        if "summit" in str(r["name"]).lower():
            out.setdefault(str(r["doc"]), set()).add(str(r["ev"]))
    return out


@pytest.mark.parametrize("order", [("a.txt", "b.txt"), ("b.txt", "a.txt")])
def test_two_invented_articles_give_one_summit_iri_built_one_by_one(tmp_path: Path, order):
    from kg.graph import build

    (tmp_path / "a.txt").write_text(ARTICLE_DATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_UNDATED, encoding="utf-8")
    store = tmp_path / "kg"
    for name in order:
        build([tmp_path / name], store=str(store)).close()
    ids = _event_ids(store)
    assert set(ids) == {"a.txt", "b.txt"}, ids
    assert ids["a.txt"] == ids["b.txt"] and len(ids["a.txt"]) == 1, ids


# ---------------------------------------------------------------- the known-events index

_DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(2024, 12, 20), max_value=date(2025, 2, 10)).map(lambda d: d.isoformat()),
    st.sampled_from(["2024-12", "2025-01", "2025-02"]),
)
_TYPES = st.sampled_from(["Summit", "Meeting", "Talks", "Attack", "Strike", "Parade"])


@settings(max_examples=300, deadline=None)
@given(etype=_TYPES, edate=_DATES, known=st.lists(st.tuples(_TYPES, _DATES), max_size=12))
def test_the_known_events_index_offers_every_event_the_date_window_allows(etype, edate, known) -> None:
    """Matching scans only the index's candidates, so they must include every known event of the
    family whose date is within the window (month boundaries, month-only and missing dates)."""
    from kg.resolve import KnownEvents, _date_distance, family

    event = Event(key="x-e1", type=etype, name="the talks", date=edate)
    entries = [KnownEvent(f"k{i}", t, d) for i, (t, d) in enumerate(known)]
    offered = {k.key for k in KnownEvents(entries).candidates(event)}
    allowed = {k.key for k in entries
               if family(k.type) == family(etype) and _date_distance(edate, k.date) is not None}
    assert allowed <= offered
    assert all(family(k.type) == family(etype) for k in entries if k.key in offered)


def test_a_key_known_twice_is_a_candidate_twice_and_answers_with_its_last_entry() -> None:
    """A stored event two articles dated differently comes back as two entries under one key."""
    from kg.resolve import KnownEvents

    early = KnownEvent("talks-2025-01-geneva", "Talks", "2025-01-03", "Geneva")
    late = KnownEvent("talks-2025-01-geneva", "Talks", "2025-01-05", "Geneva")
    index = KnownEvents([early, late])
    ev = Event(key="x-e1", type="Meeting", name="talks in Geneva", date="2025-01-04", place="Geneva")
    assert index.candidates(ev) == [early, late]
    assert index["talks-2025-01-geneva"] is late and len(index) == 2
