"""Cross-article identity of events: which article-local events are one real event.

Actors need no look-up (their keys are the gazetteer's QIDs or slugs of
normalised names, see :mod:`kg.iri`); events do, since two articles name the
same parade differently. The rule, in order:

1. **A deterministic key first.** Each local event gets the key two articles
   about the same event compute alike: ``<family>-<YYYY-MM>-<place>``
   (``summit-2025-05-jakarta``), the month left out when the event is undated
   and the place replaced, when it has none, by an ordinal of its names
   (``summit-12th``: a numbered event needs no month either, so an undated
   outlet computes the same key), else by its main participant
   (``tour-2025-03-q123``), else by the first proper name of its name
   (``sanctionspackage-2025-07-russia``). The family merges types that outlets use for one
   another: a meeting is also called talks or a session, a strike an attack, an invasion an
   operation. With that key alone a full build and an incremental one agree
   whenever the articles agree on month and place. A known event holding the
   same key is taken unless the facts clash (another family, a date out of the
   window, another place, another ordinal, or neither a name nor a participant
   in common while both have some).
2. **Known events merge near misses.** When an event already in the store
   (``known``) is of the same family, its date lies within
   :data:`WINDOW_DAYS` days of this one's (the same month when either is
   known only to the month; any date when either is undated), does not name
   a different place or a different ordinal, and has the same place (one name the start of the
   other: "Sao Paulo" / "Sao Paulo city") or shares a participant (two when either
   side is undated) or shares names: both dated, one name or ordinal ("18th",
   "Russia": sanctions packages have no place and no attendees); either undated,
   an ordinal, two names ("Thailand-Cambodia" / "Cambodia-Thailand") or one
   name besides one participant (the body that convened it). Names are the
   capitalised words and ordinals of its name and aliases, months, weekdays and
   titles aside. Among several, the best (place and participants both
   agreeing, then the same key but for the month, then the most shared participants,
   then the most shared names, then the nearest date, then the smallest key) wins, so the
   choice does not depend on the order ``known`` is given in; and all the
   article's events are matched at once, best pair first, so that of two
   local attacks the one that agrees best with a known attack gets it.
   An undated outlet that comes first keeps its undated key, which the dated
   one then takes: the partition does not depend on the order, a key may.
3. Two local events of one article never share a key (the extractor already
   decided they differ); a clash gets ``-2``, ``-3``... appended.

Keys are safe slugs (``[a-z0-9-]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kg.models import Event
from kg.text import norm, slug

#: Two dated mentions of one event lie at most this many days apart.
WINDOW_DAYS = 3

#: Event types that outlets use for one another: they share a family (and a key prefix).
FAMILY: dict[str, str] = {
    "Meeting": "talks", "Talks": "talks", "Session": "talks",
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


class KnownEvents:
    """Known events indexed for :func:`resolve_events`: by key, and by family and month.

    Matching compares an article's events with every known event of their family whose date
    could lie in the window; scanning the whole family made each article's resolution cost
    grow with the corpus (thousands of comparisons per article at 10k articles). The index
    gives a superset of the events :func:`_match` can accept (the undated ones, and the dated
    ones of the months the window touches), and ``_match`` still decides, so results do not
    change; only the work does.
    """

    def __init__(self, events: Iterable[KnownEvent] = ()) -> None:
        self._by_key: dict[str, KnownEvent] = {}
        self._by_family: dict[str, list[KnownEvent]] = {}
        self._undated: dict[str, list[KnownEvent]] = {}
        self._by_month: dict[tuple[str, str], list[KnownEvent]] = {}
        for ev in events:
            self.add(ev)

    def add(self, ev: KnownEvent) -> None:
        """Index one more known event. A key may come more than once (a stored event that two
        articles dated differently): every entry is a candidate, the last one answers its key."""
        fam = family(ev.type)
        self._by_key[ev.key] = ev
        self._by_family.setdefault(fam, []).append(ev)
        if ev.date:
            self._by_month.setdefault((fam, ev.date[:7]), []).append(ev)
        else:
            self._undated.setdefault(fam, []).append(ev)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> KnownEvent:
        return self._by_key[key]

    def __len__(self) -> int:
        """Entries indexed (a key known twice counts twice)."""
        return sum(len(v) for v in self._by_family.values())

    def candidates(self, event: Event) -> list[KnownEvent]:
        """The known events of the event's family that its date does not rule out."""
        fam = family(event.type)
        if not event.date:
            return list(self._by_family.get(fam, ()))
        months = {event.date[:7]}
        if len(event.date) >= 10:
            try:
                day = date.fromisoformat(event.date[:10])
            except ValueError:
                pass
            else:
                window = timedelta(days=WINDOW_DAYS)
                months |= {(day - window).isoformat()[:7], (day + window).isoformat()[:7]}
        out = list(self._undated.get(fam, ()))
        for month in sorted(months):
            out.extend(self._by_month.get((fam, month), ()))
        return out


def event_key(event: Event, participants: set[str] | frozenset[str] = frozenset()) -> str:
    """The deterministic corpus key of an event: family, month, and place, ordinal or main participant.

    >>> event_key(Event(key="x", type="Summit", name="ASEAN summit", date="2025-05-26", place="Jakarta"))
    'summit-2025-05-jakarta'
    >>> event_key(Event(key="x", type="Summit", name="the 12th Andean summit"), {"Q1"})
    'summit-12th'
    """
    parts = [family(event.type)]
    names = (event.name, *event.aliases)
    proper = _proper_words((event.name,))
    ordinals = [w for w in _proper_words(names) if _ORDINAL.fullmatch(w)]
    if event.date and len(event.date) >= 7 and (event.place or not ordinals):
        parts.append(event.date[:7])  # an ordinal dates the event itself, and undated outlets know it too
    if event.place:
        parts.append(norm(event.place))
    elif ordinals:
        parts.append(ordinals[0])  # "the 12th summit": what every outlet calls it, attendees or not
    elif participants:
        parts.append(sorted(participants)[0])
    elif proper:
        parts.append(proper[0])  # "package of sanctions on Russia" -> ...-russia
    else:
        words = [w for w in norm(event.name).split() if w not in {"the", "a", "an", "of", "in", "on", "with"}]
        parts.append(" ".join(words[:4]) or "event")
    return slug("-".join(parts), max_len=90)


def _anchor(key: str) -> str:
    """A key without its month and clash suffix ("attack-2025-06-x-2" -> "attack-x")."""
    return re.sub(r"-\d+$", "", re.sub(r"^([a-z0-9]+)-\d{4}-\d{2}(?=-|$)", r"\1", key))


_PROPER = re.compile(r"\b(?:[A-Z][\w'’.-]*[\w]|\d+(?:st|nd|rd|th))\b")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")

#: Capitalised words that name no body, place or party: months, days, titles.
_GENERIC = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday president prime minister ambassador foreign
    secretary general leader leaders chancellor king queen mr mrs ms dr""".split())


def _proper_words(names: Sequence[str]) -> list[str]:
    """Names and ordinals in event names, in order ("18th", "russia"): what tells two packages apart.

    Hyphenated pairs count as their parts ("Thailand-Cambodia"), possessives as the name.
    """
    out: list[str] = []
    for name in names:
        for w in _PROPER.findall(name):
            for part in re.split(r"[-–]", re.sub(r"['’]s$", "", w)):
                n = norm(part)
                if n and n not in _GENERIC and n not in out and (n[0].isalpha() or _ORDINAL.fullmatch(n)):
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


def _match(event: Event, parts: set[str] | frozenset[str], cand: str,
           known: KnownEvent) -> tuple[int, int, int, int, int, str] | None:
    """A sort key for a known event that is this event (lower is better), or None.

    ``cand`` is the event's own deterministic key: a known event whose key has the same anchor
    (family and place, ordinal or name, the month aside) is preferred among several matches.
    """
    if family(known.type) != family(event.type):
        return None
    dist = _date_distance(event.date, known.date)
    if dist is None:
        return None
    place = _same_place(event.place, known.place)
    if place is False:
        return None
    mine, theirs = set(_proper_words((event.name, *event.aliases))), set(_proper_words(known.names))
    ords_a, ords_b = {w for w in mine if _ORDINAL.fullmatch(w)}, {w for w in theirs if _ORDINAL.fullmatch(w)}
    if ords_a and ords_b and not ords_a & ords_b:
        return None  # the 18th package is not the 19th
    names = mine & theirs
    overlap = len(set(parts) & set(known.participants))
    undated = not event.date or not known.date
    shared = overlap >= (2 if undated else 1)  # one big actor in common is little to go on without a date
    if undated:
        # Without a date the names must say more: a shared ordinal, two shared names ("Thailand",
        # "Cambodia"), or a shared name besides a shared participant (the body that convened it).
        named = bool(ords_a & ords_b) or len(names) >= 2 or (overlap >= 1 and bool(names))
    else:
        named = bool(names)
    if not place and not shared and not named:
        return None
    agreement = (0 if place else 1) + (0 if shared else 1)
    return agreement, int(_anchor(known.key) != _anchor(cand)), -overlap, -len(names), dist, known.key


def _compatible(event: Event, parts: set[str] | frozenset[str], known: KnownEvent) -> bool:
    """Whether a known event with the same deterministic key can be this one (no clash of facts)."""
    if family(known.type) != family(event.type) or _date_distance(event.date, known.date) is None:
        return False
    if _same_place(event.place, known.place) is False:
        return False
    mine, theirs = set(_proper_words((event.name, *event.aliases))), set(_proper_words(known.names))
    ords_a, ords_b = {w for w in mine if _ORDINAL.fullmatch(w)}, {w for w in theirs if _ORDINAL.fullmatch(w)}
    if ords_a and ords_b and not ords_a & ords_b:
        return False
    # Same key, yet other names and no attendee in common: "the 3rd round" of two different pairs.
    others_a, others_b = mine - ords_a, theirs - ords_b
    return not (others_a and others_b and not others_a & others_b
                and parts and known.participants and not set(parts) & set(known.participants))


def resolve_events(events: Sequence[Event], participants: Mapping[str, set[str]],
                   known: Sequence[KnownEvent] | KnownEvents) -> dict[str, str]:
    """Map each article-local event key to a corpus-wide event key (see the module docstring).

    Args:
        events: the article's events.
        participants: local event key -> keys of the actors that attended or hosted it here.
        known: events already in the store (a :class:`KnownEvents` index, kept between
            calls by a build, or any sequence).

    Returns:
        local key -> corpus key, for every event given.
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    by_key = known if isinstance(known, KnownEvents) else KnownEvents(known)
    ordered = sorted(events, key=lambda e: (e.start, e.key))
    cands = {ev.key: event_key(ev, set(participants.get(ev.key, set()))) for ev in ordered}
    # All (local, known) pairs scored at once and taken best first, so that of two local attacks the
    # one that agrees best with a known attack gets it, whichever the article mentions first.
    pairs: list[tuple[tuple, str, str]] = []
    for ev in ordered:
        parts = set(participants.get(ev.key, set()))
        cand = cands[ev.key]
        if cand in by_key and _compatible(ev, parts, by_key[cand]):
            pairs.append(((-1,), ev.key, cand))
        for k in by_key.candidates(ev):
            if (m := _match(ev, parts, cand, k)) is not None:
                pairs.append((m, ev.key, k.key))
    for _, local, key in sorted(pairs):
        if local not in out and key not in used:
            out[local] = key
            used.add(key)
    for ev in ordered:
        if ev.key in out:
            continue
        cand = cands[ev.key]
        parts = set(participants.get(ev.key, set()))
        chosen, n = cand, 2
        while chosen in used or (chosen in by_key and not _compatible(ev, parts, by_key[chosen])):
            chosen = f"{cand}-{n}"
            n += 1
        used.add(chosen)
        out[ev.key] = chosen
    return out
