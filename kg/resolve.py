"""Cross-article identity of events: which article-local events are one real event.

Actors need no look-up (their keys are the gazetteer's QIDs or slugs of
normalised names, see :mod:`kg.iri`); events do, since two articles name the
same parade differently. The rule, in order:

1. **A deterministic key first.** Each local event gets the key two articles
   about the same event compute alike: ``<family>-<YYYY-MM>-<place>``
   (``summit-2025-05-jakarta``), the month left out when the event is undated
   and the place replaced by its main participant when it has none
   (``tour-2025-03-q123``), or by the first proper name of its name when it
   has neither (``sanctionspackage-2025-07-russia``). The family merges types that outlets use for one
   another: a meeting is also called talks, a strike an attack, an invasion an
   operation. With that key alone a full build and an incremental one agree
   whenever the articles agree on month and place.
2. **Known events merge near misses.** When an event already in the store
   (``known``) is of the same family, its date lies within
   :data:`WINDOW_DAYS` days of this one's (the same month when either is
   known only to the month; any date when either is undated), does not name
   a different place, and has the same place (one name the start of the
   other: "Sao Paulo" / "Sao Paulo city") or shares a participant (two when either
   side is undated) or, both being dated, shares a name or an ordinal in its
   names ("18th", "Russia": sanctions packages have no place and no
   attendees), the local event takes its key. Among several, the best (place and participants both
   agreeing, then the most shared participants, then the nearest date, then
   the smallest key) wins, so the
   choice does not depend on the order ``known`` is given in.
3. Two local events of one article never share a key (the extractor already
   decided they differ); a clash gets ``-2``, ``-3``... appended.

Keys are safe slugs (``[a-z0-9-]``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
import re
from datetime import date

from kg.models import Event
from kg.text import norm, slug

#: Two dated mentions of one event lie at most this many days apart.
WINDOW_DAYS = 3

#: Event types that outlets use for one another: they share a family (and a key prefix).
FAMILY: dict[str, str] = {
    "Meeting": "talks", "Talks": "talks",
    "Strike": "attack", "Attack": "attack",
    "Invasion": "invasion", "Operation": "invasion",
    "Parade": "parade", "Commemoration": "parade",
    "Election": "election", "Vote": "vote",
}


def family(event_type: str) -> str:
    """The family of an event type ("Meeting" and "Talks" are both "talks")."""
    return FAMILY.get(event_type, event_type.lower())


@dataclass(frozen=True)
class KnownEvent:
    """An event already in the store, as :func:`resolve_events` compares it.

    Attributes:
        key: its corpus-wide key.
        type: event type (ontology class name).
        date: ISO date (``YYYY-MM-DD`` or ``YYYY-MM``), if known.
        place: place name, if known.
        participants: keys of the actors that attended or hosted it.
        names: its name and aliases.
    """

    key: str
    type: str
    date: str | None = None
    place: str | None = None
    participants: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()


def event_key(event: Event, participants: set[str] | frozenset[str] = frozenset()) -> str:
    """The deterministic corpus key of an event: family, month, and place or main participant.

    >>> event_key(Event(key="x", type="Summit", name="ASEAN summit", date="2025-05-26", place="Jakarta"))
    'summit-2025-05-jakarta'
    """
    parts = [family(event.type)]
    if event.date and len(event.date) >= 7:
        parts.append(event.date[:7])
    proper = _proper_words((event.name,))
    if event.place:
        parts.append(norm(event.place))
    elif participants:
        parts.append(sorted(participants)[0])
    elif proper:
        parts.append(proper[0])  # "package of sanctions on Russia" -> ...-russia
    else:
        words = [w for w in norm(event.name).split() if w not in {"the", "a", "an", "of", "in", "on", "with"}]
        parts.append(" ".join(words[:4]) or "event")
    return slug("-".join(parts), max_len=90)


_PROPER = re.compile(r"\b(?:[A-Z][\w'’.-]*[\w]|\d+(?:st|nd|rd|th))\b")


def _proper_words(names: Sequence[str]) -> list[str]:
    """Names and ordinals in event names, in order ("18th", "russia"): what tells two packages apart."""
    out: list[str] = []
    for name in names:
        for w in _PROPER.findall(name):
            n = norm(w)
            if n and n not in out:
                out.append(n)
    return out


def _same_place(a: str | None, b: str | None) -> bool | None:
    """True / False when both places are known, None when either is missing."""
    if not a or not b:
        return None
    x, y = norm(a), norm(b)
    return x == y or x.startswith(y + " ") or y.startswith(x + " ")


def _date_distance(a: str | None, b: str | None) -> int | None:
    """Days between two dates; 0 for an undated side; None when they are too far apart."""
    if not a or not b:
        return 0
    if len(a) < 10 or len(b) < 10:
        return 0 if a[:7] == b[:7] else None
    try:
        d = abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0 if a == b else None
    return d if d <= WINDOW_DAYS else None


def _match(event: Event, parts: set[str] | frozenset[str], known: KnownEvent) -> tuple[int, int, int, str] | None:
    """A sort key for a known event that is this event (lower is better), or None."""
    if family(known.type) != family(event.type):
        return None
    dist = _date_distance(event.date, known.date)
    if dist is None:
        return None
    place = _same_place(event.place, known.place)
    if place is False:
        return None
    overlap = len(set(parts) & set(known.participants))
    undated = not event.date or not known.date
    shared = overlap >= (2 if undated else 1)  # one big actor in common is little to go on without a date
    named = not undated and bool(set(_proper_words((event.name, *event.aliases))) & set(_proper_words(known.names)))
    if not place and not shared and not named:
        return None
    agreement = (0 if place else 1) + (0 if shared else 1)
    return agreement, -overlap, dist, known.key


def resolve_events(events: Sequence[Event], participants: Mapping[str, set[str]],
                   known: Sequence[KnownEvent]) -> dict[str, str]:
    """Map each article-local event key to a corpus-wide event key (see the module docstring).

    Args:
        events: the article's events.
        participants: local event key -> keys of the actors that attended or hosted it here.
        known: events already in the store.

    Returns:
        local key -> corpus key, for every event given.
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    known_keys = {k.key for k in known}
    for ev in sorted(events, key=lambda e: (e.start, e.key)):
        parts = set(participants.get(ev.key, set()))
        cand = event_key(ev, parts)
        chosen = None
        if cand in known_keys and cand not in used:
            chosen = cand
        else:
            scored = [(m, k.key) for k in known if (m := _match(ev, parts, k)) is not None and k.key not in used]
            if scored:
                chosen = min(scored)[1]
        if chosen is None:
            chosen = cand
            n = 2
            while chosen in used:
                chosen = f"{cand}-{n}"
                n += 1
        used.add(chosen)
        out[ev.key] = chosen
    return out
