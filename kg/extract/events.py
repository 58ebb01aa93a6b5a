"""Events: the happenings actors attend, host, launch or impose, one per real event.

A pure function of the parsed ``Doc``, the article and its actors. The rules
are general, driven by two word lists (``data/events.tsv``: event nouns and
verbs with their types; ``data/event_roles.tsv``: how a verb or a role noun
ties an actor to an event) and the dependency parse:

* **Mentions.** A noun of the lexicon heads a mention ("the Independence Day military
  parade", "talks with Brussels"); a few verbs report one when they carry a
  place or a destination ("met with X in Lusaka", "visiting Quito"); a guest
  received somewhere named ("X was hosted by Y at the White House") is on a
  visit. Words that only refer back ("the event", "the discussions") never
  start an event.
* **One event per real event.** Mentions are read in order; a mention joins the
  latest event of its family (a meeting is also called talks, a strike an
  attack) unless something tells them apart: a different place, a date more
  than a day apart, different organisations in the name ("NATO summit" / "EU
  summit"), different launchers or targets of an attack, different
  travellers or destinations of a visit, or a word such as "next" or
  "another". A definite mention with no name of its own may also refer back to
  an event of another type ("the meeting" after a summit; "the event", "the
  gathering": the most talked-about one). A phrase nested in another
  ("package of sanctions") is one event; a meeting "on the sidelines of" a
  summit is two. A meeting or talks of a visit's traveller in the visited
  place, or just after the arrival, is part of the visit.
* **Name, date, place.** The name is the richest mention's noun phrase (with
  its place when the phrase lacks it); aliases are the other mentions. The date
  comes from a date expression attached to the mention or to the clause that
  governs it (not to another event inside it), resolved against the article's
  date (relative dates such as "on Wednesday", "yesterday" or "last week"
  too); a day wins over a month; else the article's date, unless a bare year
  ("its 2022 invasion") says otherwise. When the article has no date, one is
  read from the text (a full date, or a day and month whose weekday fixes the
  year). The place is a location attached by "in" / "at" (a visit's by "to"),
  a city preferred to a country; capitals the NER does not know come from the
  gazetteer.
* **Participation.** ``attended`` / ``hosted`` come from the role frames
  (subject, object, passive agent, relative clauses on the event noun;
  coordination expanded; relative pronouns, personal pronouns, titles and
  appositions resolved), from the noun phrase itself ("his visit", "talks with
  X", "Lula-Boric talks", "NATO's summit"), and from prepositions that place an
  actor's act inside an event ("said at the summit", "during his visit",
  "on the sidelines of", "following talks with"). A person who hosts a
  gathering also attends it. Negated or hypothetical clauses ("did not
  attend", "was expected to attend") give nothing. Attacks and sanctions
  packages get agents (who launched, who imposed) and targets instead.
* **Anchoring.** An event is kept only when something ties it to the world:
  a participant, an agent, a target, a named modifier, a place or a date of
  its own. A bare "welcoming ceremony" on a programme, an agreement still
  under negotiation, sanctions as a policy and "the next round of talks" are
  not events of the graph.

The helpers that resolve a token to actors and test negation and modality are
shared with :mod:`kg.extract.relations`.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg.extract import sentence_of
from kg.extract.actors import ActorIndex, match_title
from kg.models import Article, Event
from kg.resolve import family
from kg.text import norm

DATA = Path(__file__).resolve().parent.parent / "data"

#: Event-type groups used by the role frames.
GROUPS: dict[str, frozenset[str]] = {
    "gathering": frozenset({"Parade", "Summit", "Meeting", "Talks", "Conference", "Ceremony", "Session",
                            "Commemoration", "Election", "Vote"}),
    "travel": frozenset({"Visit", "Tour"}),
    "force": frozenset({"Strike", "Attack", "Operation", "Invasion"}),
    "measure": frozenset({"SanctionsPackage"}),
}
#: Types whose participants meet each other (used for ``met``).
CONSULT_TYPES = frozenset({"Meeting", "Talks"})
#: Types an actor can take part in (attended / hosted); the others have agents and targets.
PARTICIPATION_TYPES = GROUPS["gathering"] | GROUPS["travel"]

# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class EventWord:
    """One row of ``data/events.tsv``."""

    words: tuple[str, ...]  # modifier words then the head lemma
    type: str
    role: str  # event | anaphor | verb
    corefers: frozenset[str]
    condition: str | None


@dataclass(frozen=True)
class RoleFrame:
    """One row of ``data/event_roles.tsv``."""

    lemma: str
    particle: str | None
    noun: bool
    subject: str | None  # attended | hosted | agent
    object: str | None
    slots: frozenset[str]
    types: frozenset[str]


def _rows(name: str) -> Iterable[list[str]]:
    with open(DATA / name, encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            yield [c.strip() for c in row]


@lru_cache(maxsize=1)
def event_words() -> tuple[EventWord, ...]:
    """The event lexicon, in file order."""
    out = []
    for row in _rows("events.tsv"):
        row += [""] * (5 - len(row))
        words = tuple(w for w in re.split(r"[\s-]+", row[0].lower()) if w)
        corefers = frozenset() if row[3] in {"", "-"} else frozenset(x.strip() for x in row[3].split(","))
        out.append(EventWord(words, row[1], row[2] or "event", corefers, row[4] or None))
    return tuple(out)


@lru_cache(maxsize=1)
def _words_by_head() -> dict[str, tuple[EventWord, ...]]:
    by: dict[str, list[EventWord]] = {}
    for w in event_words():
        by.setdefault(w.words[-1], []).append(w)
    return {k: tuple(v) for k, v in by.items()}


def _expand_types(spec: str) -> frozenset[str]:
    out: set[str] = set()
    for part in spec.split(","):
        part = part.strip()
        out |= GROUPS.get(part, frozenset({part}) if part else frozenset())
    return frozenset(out)


@lru_cache(maxsize=1)
def role_frames() -> dict[str, tuple[RoleFrame, ...]]:
    """Role frames by lemma (nouns keyed ``n:lemma``)."""
    by: dict[str, list[RoleFrame]] = {}
    for row in _rows("event_roles.tsv"):
        row += [""] * (5 - len(row))
        noun = row[0].startswith("n:")
        words = row[0][2:].split() if noun else row[0].split()
        frame = RoleFrame(words[0], words[1] if len(words) > 1 else None, noun,
                          None if row[1] in {"", "-"} else row[1], None if row[2] in {"", "-"} else row[2],
                          frozenset(s.strip() for s in row[3].split(",") if s.strip()), _expand_types(row[4]))
        by.setdefault(("n:" if noun else "") + frame.lemma, []).append(frame)
    return {k: tuple(v) for k, v in by.items()}


# ---------------------------------------------------------------- syntax helpers (shared)

NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor"}
MODALS = {"may", "might", "could", "would", "should", "can", "must", "will", "shall", "'ll", "wo", "ca"}
#: Governing verbs after which the clause did not (yet) happen.
NONFACTIVE = {"plan", "want", "hope", "expect", "intend", "aim", "seek", "try", "consider", "propose", "offer",
              "prepare", "wish", "need", "plot", "attempt", "threaten", "vow", "pledge", "promise", "refuse",
              "decline", "fail", "avoid", "urge", "call", "ask", "demand", "agree", "decide", "schedule", "set",
              "due", "likely", "unlikely", "able", "unable", "ready", "willing", "poise", "mull", "weigh", "push",
              "press", "invite", "encourage", "allow", "expected", "scheduled", "supposed"}
#: Governing verbs that deny what they govern.
NEGATIVE_GOVERNORS = {"refuse", "decline", "fail", "avoid", "deny", "skip", "reject", "stop", "cease", "boycott"}
#: Head nouns that stand for the actors among their modifiers ("Russian forces", "leaders of X").
GROUP_NOUNS = {
    "leader", "leaders", "force", "forces", "government", "governments", "official", "officials", "representative",
    "representatives", "country", "countries", "delegation", "delegations", "side", "administration", "troops",
    "army", "military", "authorities", "authority", "diplomat", "diplomats", "minister", "ministers", "ambassador",
    "ambassadors", "state", "states", "regime", "junta", "counterpart", "counterparts", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "envoys", "negotiators", "negotiator", "team", "member", "members", "nation", "nations",
    "people", "head", "heads", "chief", "cabinet", "parliament", "presidency", "navy", "allies", "ally", "partners",
    "partner", "camp", "bloc", "coalition", "executive", "capitals", "declaration", "statement", "communique",
    "communiqué", "readout", "decision", "message", "letter", "post", "report", "media", "agency",
    "missile", "missiles", "drone", "drones", "jets", "warplanes", "aircraft", "artillery", "soldiers", "warships",
    "navy", "police", "security", "intelligence", "diplomacy", "embassy", "mission",
}
#: Definite descriptions that refer back to an actor of a type ("the group", "the country").
DEFINITE_ACTOR_NOUNS = {
    "group": ("Organization",), "bloc": ("Organization",), "alliance": ("Organization",),
    "organisation": ("Organization",), "organization": ("Organization",), "union": ("Organization",),
    "commission": ("Organization",), "council": ("Organization",), "community": ("Organization",),
    "country": ("Country",), "nation": ("Country",), "kingdom": ("Country",), "republic": ("Country",),
}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
RELATIVE_PRONOUNS = {"who", "whom", "whose", "which", "that"}


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it ("Lula, Boric and Petro")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def _relative_antecedent(tok: Token) -> Token | None:
    """For a relative pronoun (or "where"), the noun the relative clause hangs on."""
    t = tok
    while t.dep_ not in {"relcl", "acl"} and t.head.i != t.i:
        t = t.head
        if t.pos_ in {"NOUN", "PROPN"} and t.dep_ != "relcl":
            break
    if t.dep_ in {"relcl", "acl"} and t.head.i != t.i:
        return t.head
    return None


def _plural_antecedent(tok: Token, actors: ActorIndex, exclude: set[str]) -> list[str]:
    """Actors of the nearest earlier noun phrase that names several actors (for they / them)."""
    doc = tok.doc
    sent_start = sentence_of(tok).start
    prev_sent_start = sentence_of(doc[sent_start - 1]).start if sent_start > 0 else sent_start
    for j in range(tok.i - 1, prev_sent_start - 1, -1):
        cand = doc[j]
        if cand.pos_ not in {"NOUN", "PROPN"} or cand.dep_ in {"compound", "conj"}:
            continue
        found: list[str] = []
        for c in conjuncts(cand):
            for key in np_actors(c, actors, depth=1):
                if key not in found and key not in exclude:
                    found.append(key)
        if len(found) >= 2 or (found and (cand.tag_ in {"NNS", "NNPS"} or len(conjuncts(cand)) > 1)):
            return found
    return []


def _name_part(tok: Token, actors: ActorIndex) -> str | None:
    """A surname the NER did not tag ("Modi thanked Macron" at the start of a sentence): the one
    person of the article whose name ends (or starts) with it."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in {"GPE", "LOC", "FAC", "NORP", "ORG", "DATE"} or len(tok.text) < 3:
        return None
    if any(c.dep_ == "compound" for c in tok.children) or tok.dep_ == "compound":
        return None
    n = norm(tok.text)
    found = set()
    for key, a in actors.actors.items():
        if a.type != "Person":
            continue
        for name in (a.label, *a.aliases):
            parts = norm(name).split()
            if len(parts) > 1 and n in {parts[0], parts[-1]}:
                found.add(key)
    return next(iter(found)) if len(found) == 1 else None


def _fits(actors: ActorIndex, key: str, types: tuple[str, ...], gender: str | None, exclude: set[str]) -> bool:
    a = actors.actors.get(key)
    if a is None or a.type not in types or key in exclude:
        return False
    return not (gender and a.gender and a.gender != gender)


def _subjects(v: Token) -> list[Token]:
    return [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _resolve_pronoun(tok: Token, actors: ActorIndex, types: tuple[str, ...], gender: str | None,
                     exclude: set[str], depth: int) -> str | None:
    """The antecedent of a personal pronoun, preferring subjects (the centre of attention).

    First the subjects of the clauses above the pronoun in its own sentence,
    nearest clause first ("Xi met Modi, who made his first trip": his = Modi),
    skipping the pronoun's own clause for an object pronoun; then the subject
    of the previous sentence's main clause; then the nearest earlier mention
    that fits.
    """
    chain: list[Token] = []
    x = tok
    while x.head.i != x.i:
        x = x.head
        chain.append(x)
    # an object pronoun ("met him") is not the subject of its own clause
    own_clause = -1
    if tok.dep_ in {"dobj", "pobj", "dative", "iobj"}:
        v = tok.head
        while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i:
            v = v.head
        own_clause = v.i
    for v in chain:
        if v.i == own_clause:
            continue
        for s in _subjects(v):
            if s.i >= tok.i or any(t.i == tok.i for t in s.subtree):
                continue
            for k in np_actors(s, actors, depth + 1, exclude):
                if _fits(actors, k, types, gender, exclude):
                    return k
    sent = sentence_of(tok)
    if sent.start > 0:
        prev = sentence_of(tok.doc[sent.start - 1])
        roots = [prev.root] + [c for c in prev.root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
        for r in roots:
            for s in _subjects(r):
                for k in np_actors(s, actors, depth + 1, exclude):
                    if _fits(actors, k, types, gender, exclude):
                        return k
    return actors.last_before(tok.idx, types, gender, exclude)


def np_actors(tok: Token, actors: ActorIndex, depth: int = 0, exclude: set[str] | None = None) -> list[str]:
    """The actors a noun phrase headed by ``tok`` stands for (one token, no coordination).

    A name gives its actor; a pronoun its antecedent; a relative pronoun the
    noun its clause hangs on; a group noun ("Russian forces", "leaders of
    Russia", "the Spanish government", "the group's declaration") the actors
    among its modifiers, and "the two leaders" the last two people named;
    "the group" / "the country" the latest actor of that kind; a title ("the
    US president", "the foreign minister, X") the person holding it, else the
    state it is qualified by; "his country" the person's state.
    """
    exclude = exclude or set()
    key = actors.actor_of_token(tok.i) or _name_part(tok, actors)
    if key is not None:
        return [key] if key not in exclude else []
    if depth > 4:
        return []
    low = tok.lower_
    if tok.pos_ == "PRON" or (low in RELATIVE_PRONOUNS and tok.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"}):
        if low in RELATIVE_PRONOUNS:
            ante = _relative_antecedent(tok)
            if ante is not None and ante.i != tok.i:
                out: list[str] = []
                for c in conjuncts(ante):
                    out += np_actors(c, actors, depth + 1, exclude)
                return out
            return []
        if low in {"he", "him", "his", "himself"}:
            k = _resolve_pronoun(tok, actors, ("Person",), "male", exclude, depth)
            return [k] if k else []
        if low in {"she", "her", "hers", "herself"}:
            k = _resolve_pronoun(tok, actors, ("Person",), "female", exclude, depth)
            return [k] if k else []
        if low in {"it", "its", "itself"}:
            k = _resolve_pronoun(tok, actors, ("Country", "Organization"), None, exclude, depth)
            return [k] if k else []
        if low in PLURAL_PRONOUNS:
            return _plural_antecedent(tok, actors, exclude)
        return []
    if tok.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return []
    # an apposition that names the actor: "the head of state, General X"; "his foreign minister Abbas Araghchi"
    actorish = low in GROUP_NOUNS or tok.lemma_.lower() in GROUP_NOUNS or low in DEFINITE_ACTOR_NOUNS \
        or _title_at(tok, actors) is not None
    for c in tok.children:
        if actorish and c.dep_ == "appos" and c.i > tok.i:
            got = [k for k in np_actors(c, actors, depth + 1, exclude)]
            if got:
                return got
    # modifiers that name actors
    mods: list[str] = []
    poss_people: list[str] = []
    for c in tok.children:
        if c.i > tok.i:
            continue
        if c.dep_ == "poss":
            for k in np_actors(c, actors, depth + 1, exclude):
                if actors.actors[k].type == "Person":
                    poss_people.append(k)
                elif k not in mods:
                    mods.append(k)
        elif c.dep_ in {"compound", "amod", "nmod", "npadvmod"}:
            for t in c.subtree:
                k = actors.actor_of_token(t.i) or demonym_actor(t, actors)
                if k and k not in mods and k not in exclude:
                    mods.append(k)
    lemma = tok.lemma_.lower()
    if low in {"government", "administration", "cabinet", "regime"} and not mods:
        for c in tok.children:  # "the government of Pedro Sanchez" is his state
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    k = actors.actor_of_token(p.i) if p.dep_ == "pobj" else None
                    if k and actors.actors[k].type == "Person":
                        poss_people.append(k)
    if low in {"country", "nation", "government", "state", "people", "capital", "administration", "cabinet",
               "regime"} and poss_people and not mods:
        out = []
        for person in poss_people:
            country = actors.country_of(person)
            if country and country not in exclude:
                out.append(country)
        if out:
            return out
    if low in GROUP_NOUNS or lemma in GROUP_NOUNS:
        mods = mods + [k for k in poss_people if k not in mods]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "from", "including", "in"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        for pc in conjuncts(p):
                            for k in np_actors(pc, actors, depth + 1, exclude):
                                if k not in mods:
                                    mods.append(k)
        if mods and lemma in LEADER_NOUNS:
            # "the leaders of Russia and North Korea": the people of the article who lead them
            mods = [_leader_of(k, actors, exclude) or k for k in mods]
        if not mods and tok.dep_ == "appos":
            # "the U.S. or Israel, the two nations that ..."
            mods = [k for c in conjuncts(tok.head) for k in np_actors(c, actors, depth + 1, exclude)]
        if not mods:
            n = _count_of(tok)
            if n:
                types = ("Country",) if lemma in {"country", "nation", "state", "side"} else ("Person",)
                mods = _last_n(tok, actors, n, types, exclude)
        if not mods and tok.dep_ == "pobj" and tok.head.lower_ == "among":
            v = tok.head.head  # "X and Y were among the leaders who arrived": X and Y
            if v.lemma_ == "be" and not is_negated(v):
                mods = [k for s in _subjects(v) for k in expand_actors(s, actors) if k not in exclude]
        if mods or _title_at(tok, actors) is None:
            return mods
    title = _title_at(tok, actors)
    if title is not None:
        person = _title_holder(tok, title.role, mods, actors, exclude) or _apposed_person(tok, actors, exclude)
        if person:
            return [person]
        return mods
    if low in DEFINITE_ACTOR_NOUNS and any(c.lower_ in {"the", "this"} for c in tok.children) and not mods:
        k = actors.last_before(tok.idx, DEFINITE_ACTOR_NOUNS[low], None, exclude)
        return [k] if k else []
    return []


#: Head nouns that stand for a state's or organisation's leader ("the leaders of Russia").
LEADER_NOUNS = {"leader", "head", "president", "ruler"}
#: Offices that lead a state or an organisation.
LEADER_OFFICES = {"president", "leader", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
                  "supreme leader", "head of state", "head of government", "junta leader", "crown prince",
                  "secretary general", "secretary-general"}


def _leader_of(key: str, actors: ActorIndex, exclude: set[str]) -> str | None:
    """The person of the article who leads a state or organisation (by a ``represents`` office)."""
    for r in actors.represents:
        if r.object == key and r.subject not in exclude and (r.office or "").lower() in LEADER_OFFICES:
            return r.subject
    gaz = _capitals()
    if gaz is not None:
        for r in actors.represents:
            if r.object == key and r.subject not in exclude and r.subject in getattr(gaz, "entries", {}):
                if any(o.of == key and o.role.lower() in LEADER_OFFICES
                       for o in gaz.current_offices(r.subject)):  # type: ignore[attr-defined]
                    return r.subject
    return None


def _title_at(tok: Token, actors: ActorIndex):
    """The title a noun heads, its modifiers and "of" phrase included ("Secretary of State", "foreign minister")."""
    doc = tok.doc
    lefts = [c for c in tok.lefts if c.dep_ in {"compound", "amod"} and actors.actor_of_token(c.i) is None
             and c.ent_type_ != "NORP"]
    start = min([c.i for c in lefts], default=tok.i)
    words = [doc[j].text for j in range(start, min(len(doc), tok.i + 4))]
    for i in range(0, tok.i - start + 1):
        t = match_title(words, i)
        if t is not None and i + len(t.words) > tok.i - start:
            return t
    return None


def demonym_actor(tok: Token, actors: ActorIndex) -> str | None:
    """The state a demonym names ("Iranian missiles" -> Iran), when that state is an actor of the article."""
    if tok.ent_type_ != "NORP" and not (tok.pos_ == "ADJ" and tok.text[:1].isupper()):
        return None
    gaz = _capitals()
    if gaz is None:
        return None
    entry = gaz.by_demonym(tok.text)  # type: ignore[attr-defined]
    if entry is not None and entry.key in actors.actors:
        return entry.key
    return None


def thing_owner(tok: Token, actors: ActorIndex, exclude: set[str] | None = None) -> list[str]:
    """The states or organisations a thing is qualified by ("a US base", "Iranian nuclear sites",
    "Israel's right"): possessors, then name and demonym modifiers."""
    exclude = exclude or set()
    out: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            out += [k for k in np_actors(c, actors, exclude=exclude) if k not in out]
    if out:
        return out
    for c in tok.children:
        if c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i:
            for t in c.subtree:
                k = actors.actor_of_token(t.i) or demonym_actor(t, actors)
                if k and k not in out and k not in exclude and actors.actors[k].type != "Person":
                    out.append(k)
    if not out:  # "ships of Russia's fleet", "assets of the Iranian central bank": one level down
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        got = [k for k in np_actors(p, actors, exclude=exclude)
                               if actors.actors[k].type != "Person"] or thing_owner(p, actors, exclude)
                        out += [k for k in got if k not in out and k not in exclude]
    return out


def _apposed_person(tok: Token, actors: ActorIndex, exclude: set[str]) -> str | None:
    """The person named right after a title and a comma ("the Head of State, His Excellency General X"),
    whatever the parser attached the name to."""
    doc = tok.doc
    end = max(t.i for t in tok.subtree)
    if end + 1 >= len(doc) or doc[end + 1].text != ",":
        return None
    for j in range(end + 2, min(len(doc), end + 9)):
        k = actors.actor_of_token(j)
        if k is not None:
            return k if actors.actors[k].type == "Person" and k not in exclude else None
        if not (doc[j].pos_ == "PROPN" or doc[j].tag_ == "PRP$"):
            return None
    return None


_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}


def _count_of(tok: Token) -> int | None:
    for c in tok.children:
        if c.dep_ in {"nummod", "det", "predet", "quantmod"} and c.lower_ in _COUNT_WORDS:
            return _COUNT_WORDS[c.lower_]
    return None


def _last_n(tok: Token, actors: ActorIndex, n: int, types: tuple[str, ...], exclude: set[str]) -> list[str]:
    """The last ``n`` distinct actors of a type mentioned before ``tok`` ("the two leaders"): the latest
    coordination naming exactly ``n`` of them ("X, Y and Z ... the three countries"), else the last ``n``
    named, whatever their side."""
    doc = tok.doc
    first = sentence_of(doc[max(sentence_of(tok).start - 1, 0)]).start
    for j in range(tok.i - 1, max(first - 200, -1), -1):
        cand = doc[j]
        if cand.dep_ == "conj" or not any(c.dep_ == "conj" for c in cand.children):
            continue
        group = [k for k in expand_actors(cand, actors, exclude) if actors.actors[k].type in types]
        if len(group) == n:
            return group
    out: list[str] = []
    for m in reversed(actors.mentions):
        if m.start >= tok.idx:
            continue
        a = actors.actors.get(m.actor)
        if a is None or a.type not in types or m.actor in exclude or m.actor in out:
            continue
        out.append(m.actor)
        if len(out) == n:
            return out
    return []


def _title_holder(tok: Token, role: str, mods: list[str], actors: ActorIndex, exclude: set[str]) -> str | None:
    """The person a bare title refers to ("the president", "the US president"), if one fits."""
    dets = list(tok.children) + (list(tok.head.children) if tok.dep_ == "poss" else [])
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in dets):
        return None
    holders = {}
    for r in actors.represents:
        if r.office and r.office.lower() == role.lower() and (not mods or r.object in mods):
            holders[r.subject] = r.object
    gaz = _capitals()
    if gaz is not None:  # offices the gazetteer knows for the people of the article
        for key, a in actors.actors.items():
            if a.type != "Person" or key in holders or key not in getattr(gaz, "entries", {}):
                continue
            for off in gaz.current_offices(key):  # type: ignore[attr-defined]
                if off.role.lower().replace("-", " ") == role.lower().replace("-", " ") and (
                        not mods or off.of in mods):
                    holders[key] = off.of
    if not holders:
        return None
    for m in reversed(actors.mentions):
        if m.start < tok.idx and m.actor in holders and m.actor not in exclude:
            return m.actor
    for m in actors.mentions:
        if m.actor in holders and m.actor not in exclude:
            return m.actor
    return None


def expand_actors(tok: Token | None, actors: ActorIndex, exclude: set[str] | None = None) -> list[str]:
    """Actors of a token and of everything coordinated with it, in order, without repeats."""
    if tok is None:
        return []
    out: list[str] = []
    heads = conjuncts(tok)
    if tok.dep_ == "nsubj":  # a headline's "Boric, Petro join Lula": subjects side by side, no "and"
        heads += [c for c in tok.head.children if c.dep_ == "nsubj" and c.i != tok.i
                  and actors.actor_of_token(c.i) is not None]
    for c in heads:
        for k in np_actors(c, actors, exclude=exclude):
            if k not in out:
                out.append(k)
    return out


#: Verbs whose "of" / "for" clause is done by their object ("accused X of ramming").
OBJECT_CONTROL = {"accuse", "blame", "suspect", "charge", "condemn", "criticize", "criticise", "thank", "praise",
                  "commend", "punish", "sanction", "fault"}
#: Of those, the verbs that only allege the deed.
ALLEGING_VERBS = {"accuse", "blame", "suspect", "charge"}
#: Nouns whose infinitive complement is a fact, not a plan ("its decision to invite").
FACTIVE_NOUNS = {"decision", "move", "choice"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb: its own, a relative clause's antecedent, or the controller of a
    non-finite clause (climbing "vowed to target", "in accusing", "hosting X is", "its decision to invite")."""
    v = verb
    from_csubj = False
    for _ in range(8):
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        if subjects:  # two subjects (a dateline the parser took for one): the one nearest the verb
            before = [c for c in subjects if c.i < v.i]
            return max(before, key=lambda c: c.i) if before else subjects[0]
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if v.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in v.children):
            return v.head
        if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
            if v.tag_ == "VBG":
                return v.head
            poss = next((c for c in v.head.children if c.dep_ == "poss"), None)
            return poss
        if v.dep_ == "csubj":
            from_csubj = True
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.head.lower_ in {"of", "for"} and v.head.head.lemma_.lower() in OBJECT_CONTROL:
            # "accused X of shooting down ...", "which they blame for ...": the doer is the object
            obj = next((c for c in v.head.head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if obj is not None and obj.lower_ in RELATIVE_PRONOUNS:
                obj = _relative_antecedent(obj) or obj
            return obj
        if v.dep_ in {"xcomp", "advcl", "conj", "pcomp", "acomp", "oprd", "prep"} or (
                v.dep_ == "ccomp" and from_csubj):
            if v.head.i == v.i:
                break
            v = v.head
            if v.pos_ == "ADP" and v.head.i != v.i:
                v = v.head
            continue
        break
    return None


def passive_agent(verb: Token) -> Token | None:
    """The "by X" of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def is_passive(verb: Token) -> bool:
    """Whether the verb is in the passive voice."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl")


def is_negated(verb: Token) -> bool:
    """Whether the clause of ``verb`` is negated ("did not attend", "no officials attended", "never met")."""
    t = verb
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ in {"advmod", "preconj"} and c.lower_ in {"never", "neither", "nor"}):
                return True
            if c.dep_ in {"nsubj", "nsubjpass"} and any(d.dep_ == "det" and d.lower_ in {"no", "neither"}
                                                        for d in c.children):
                return True
            if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"nobody", "none", "noone"}:
                return True
        if t.dep_ in {"xcomp", "ccomp"} and t.head.lemma_.lower() in NEGATIVE_GOVERNORS:
            return True
        if t.dep_ in {"xcomp", "conj", "aux"} and t.head.i != t.i and t.head.pos_ in {"VERB", "AUX"}:
            t = t.head
            continue
        break
    return False


def is_hypothetical(verb: Token, allow_future: bool = False) -> bool:
    """Whether the clause of ``verb`` is not asserted as fact (modal, planned, conditional, a purpose)."""
    t = verb
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in MODALS and not (allow_future and c.lower_ in {"will", "'ll", "shall"}):
                return True
            if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
                return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return True
        if t.dep_ in {"xcomp", "ccomp", "advcl", "acl", "relcl", "acomp"} and t.head.i != t.i:
            head = t.head
            if t.dep_ == "xcomp" and (head.lemma_.lower() in NONFACTIVE or head.lower_ in NONFACTIVE):
                return True
            if t.dep_ in {"advcl", "acl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                    and not (t.dep_ == "acl" and t.head.lemma_.lower() in FACTIVE_NOUNS):
                return True  # purpose: "in order to meet", "efforts to build" (not "its decision to invite")
            if t.dep_ == "xcomp":
                t = head
                continue
        break
    return False


# ---------------------------------------------------------------- dates

_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_DAY_RE = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")
_DURATION = re.compile(r"^(for |over |about |nearly |more than |some |the (past|last|next) )?"
                       r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|\w+-)"
                       r"[\s-]*(day|week|month|year|hour|minute|decade)s?(-long|-old)?$", re.I)
_AGO = re.compile(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month)s?\s+ago", re.I)
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class DateRef:
    """A reference date for relative expressions, and how it was found."""

    day: date
    source: str  # article | text


def _dateish(tok: Token) -> bool:
    """Whether a token belongs to a date expression (the NER often splits "Monday, 28 October")."""
    low = tok.lower_.rstrip(".")
    if tok.ent_type_ == "DATE":
        return True
    if low in _WEEKDAYS:
        return True
    if low in _MONTHS and tok.text[:1].isupper() and (low != "may" or tok.pos_ == "PROPN"):
        return True
    if re.fullmatch(r"[0-3]?\d(st|nd|rd|th)?", low):
        doc = tok.doc
        near = [doc[j] for j in (tok.i - 1, tok.i + 1, tok.i + 2) if 0 <= j < len(doc)]
        return any(n.lower_.rstrip(".") in _MONTHS and n.text[:1].isupper() for n in near)
    return False


def date_spans(span: Span | Doc) -> list[Span]:
    """The date expressions of a sentence: the NER's DATE entities, joined with the day numbers,
    weekdays and month names next to them ("Monday", "28", "October" -> "Monday, 28 October")."""
    doc = span.doc if isinstance(span, Span) else span
    start, end = (span.start, span.end) if isinstance(span, Span) else (0, len(span))
    out: list[Span] = []
    i = start
    while i < end:
        if not _dateish(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < end and (_dateish(doc[j]) or (doc[j].lower_ in {",", "of", "the"} and j + 1 < end
                                                and _dateish(doc[j + 1]))):
            j += 1
        out.append(doc[i:j])
        i = j
    return out


def _weekday_year(month: int, day: int, weekday: int, years: Iterable[int]) -> int | None:
    for y in years:
        try:
            if date(y, month, day).weekday() == weekday:
                return y
        except ValueError:
            continue
    return None


def _text_years(text: str) -> Counter:
    return Counter(int(y) for y in _YEAR_RE.findall(text))


def reference_date(doc: Doc, article: Article) -> DateRef | None:
    """The date relative expressions are read against: the article's, else one read from its text.

    Without a publication date, the first full date of the text (day, month
    and year) is used; failing that a day and month whose weekday is named in
    the same sentence or the next ("Monday, March 10"; a dateline "July 7"
    followed by "on Monday"), the year being the one near the years the text
    mentions (or the present) on which that day is that weekday.
    """
    if article.date:
        try:
            return DateRef(date.fromisoformat(article.date[:10]) if len(article.date) >= 10
                           else date.fromisoformat(article.date[:7] + "-01"), "article")
        except ValueError:
            pass
    spans = date_spans(doc)
    for ent in spans:
        m = _MONTH_RE.search(ent.text)
        y = _YEAR_RE.search(ent.text)
        d = _day_in(ent.text, m)
        if m and y and d:
            try:
                return DateRef(date(int(y.group(1)), _MONTHS[m.group(1).lower()], d), "text")
            except ValueError:
                continue
    years = _text_years(doc.text)
    if years:
        anchor = years.most_common(1)[0][0]
        candidates = [anchor + 1, anchor, anchor - 1]
    else:
        now = datetime.now().year
        candidates = [now, now - 1, now - 2, now - 3]
    for ent in spans:
        m = _MONTH_RE.search(ent.text)
        d = _day_in(ent.text, m)
        if not (m and d):
            continue
        sent = sentence_of(ent)
        nxt = sentence_of(doc[sent.end]).text if sent.end < len(doc) else ""
        # a dateline ("Lima, March 4 (AFP). - The summit ended on Monday") names the weekday next door
        wd = _WEEKDAY_RE.search(ent.text) or _WEEKDAY_RE.search(sent.text) or _WEEKDAY_RE.search(nxt)
        if not wd:
            continue
        y = _weekday_year(_MONTHS[m.group(1).lower()], d, _WEEKDAYS[wd.group(1).lower()], candidates)
        if y is not None:
            return DateRef(date(y, _MONTHS[m.group(1).lower()], d), "text")
    return None


def _day_in(text: str, month: re.Match | None) -> int | None:
    """The day of the month in a date expression (a number of 1-31 next to the month name)."""
    if month is None:
        return None
    for m in _DAY_RE.finditer(text):
        n = int(m.group(1))
        if 1 <= n <= 31 and not _YEAR_RE.fullmatch(m.group(0)):
            # next to the month: within a few characters either side
            if abs(m.start() - month.end()) <= 3 or abs(month.start() - m.end()) <= 4:
                return n
    return None


@lru_cache(maxsize=4096)
def parse_date(text: str, ref: date | None, future: bool = False) -> str | None:
    """An ISO date (``YYYY-MM-DD`` or ``YYYY-MM``) for a date expression, or None.

    Relative expressions ("yesterday", "on Wednesday", "last week", "last
    month") need ``ref``; a weekday is the latest one on or before ``ref``
    (the next one on or after it for a future clause). Durations ("two days",
    "80 years") and bare years give None.
    """
    s = re.sub(r"\s+", " ", text.strip().lower()).strip(" ,.()")
    s = re.sub(r"^(on|in|at|by|since|from|until|till|during|of|as of|starting|beginning)\s+", "", s)
    if not s or _DURATION.match(s):
        return None
    if re.search(r"\b(ago|yesterday|today|tonight|tomorrow|this (morning|afternoon|evening)|last night)\b", s):
        if ref is None:
            return None
        m = _AGO.search(s)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else _NUM_WORDS.get(m.group(1), 1)
            unit = m.group(2)
            if unit == "day":
                return (ref - timedelta(days=n)).isoformat()
            if unit == "week":
                return (ref - timedelta(days=7 * n)).isoformat()[:7]
            return _shift_month(ref, -n)
        if "yesterday" in s or "last night" in s:
            return (ref - timedelta(days=1)).isoformat()
        if "tomorrow" in s:
            return (ref + timedelta(days=1)).isoformat()
        return ref.isoformat()
    month = _MONTH_RE.search(s)
    wd = _WEEKDAY_RE.search(s)
    year = _YEAR_RE.search(s)
    if month:
        mo = _MONTHS[month.group(1).lower()]
        d = _day_in(s, month)
        y = int(year.group(1)) if year else None
        if y is None:
            if ref is None:
                return None
            if d and wd:
                y = _weekday_year(mo, d, _WEEKDAYS[wd.group(1).lower()], [ref.year, ref.year - 1, ref.year + 1])
            if y is None:
                y = ref.year
                if not future and (mo, d or 1) > (ref.month, ref.day) and mo - ref.month > 1:
                    y -= 1  # "in November" read in March is last November
                if future and (mo, d or 28) < (ref.month, ref.day):
                    y += 1
        try:
            return date(y, mo, d).isoformat() if d else f"{y:04d}-{mo:02d}"
        except ValueError:
            return f"{y:04d}-{mo:02d}"
    if re.search(r"\b(last|this|next|past|coming)\s+(week|weekend|month)\b|^the weekend$|^weekend$|^(early|late|mid|"
                 r"earlier|later)[- ](this|last|next) (week|month)$", s):
        if ref is None:
            return None
        if "month" in s:
            return _shift_month(ref, -1 if "last" in s or "past" in s else 1 if "next" in s or "coming" in s else 0)
        if "weekend" in s:  # vague: the month only
            back = (ref.weekday() - 5) % 7 if "next" not in s else -((5 - ref.weekday()) % 7)
            return (ref - timedelta(days=back)).isoformat()[:7]
        delta = -7 if "last" in s or "past" in s else 7 if "next" in s or "coming" in s else 0
        return (ref + timedelta(days=delta)).isoformat()[:7]
    if wd and ref is not None and not year:
        target = _WEEKDAYS[wd.group(1).lower()]
        if re.search(r"\bnext\b", s) or (future and not re.search(r"\blast\b", s)):
            ahead = (target - ref.weekday()) % 7
            if re.search(r"\bnext\b", s) and ahead == 0:
                ahead = 7
            return (ref + timedelta(days=ahead)).isoformat()
        back = (ref.weekday() - target) % 7
        if re.search(r"\blast\b", s) and back == 0:
            back = 7
        return (ref - timedelta(days=back)).isoformat()
    return None


def _shift_month(ref: date, n: int) -> str:
    m = ref.month - 1 + n
    return f"{ref.year + m // 12:04d}-{m % 12 + 1:02d}"


def _future(verb: Token | None) -> bool:
    """Whether a clause speaks of the future ("will begin", "is scheduled to", "is set to")."""
    t = verb
    for _ in range(3):
        if t is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in t.children):
            return True
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in {"schedule", "set", "due", "expect", "plan"}:
            return True
        t = t.head if t.dep_ in {"xcomp", "conj"} else None
    return False


# ---------------------------------------------------------------- mentions

#: Nouns that pass their complement's role on ("a series of meetings", "two days of talks",
#: "in the midst of negotiations", "at the opening of the summit", "the final leg of his tour").
TRANSPARENT = {"series", "number", "couple", "pair", "string", "spate", "wave", "flurry", "round", "rounds",
               "day", "days", "week", "weeks", "hours", "midst", "course", "part", "leg", "opening", "start",
               "end", "close", "eve", "conclusion", "outset", "run-up", "wake", "aftermath", "margins", "margin",
               "sidelines", "sideline", "venue", "site", "kind", "type"}
SIDELINES = {"sidelines", "sideline", "margins", "margin"}
#: Verbs that make an agreement a happening (one under negotiation is not yet an event).
CONCLUDE_VERBS = {"reach", "sign", "strike", "seal", "conclude", "agree", "finalize", "finalise", "clinch", "broker",
                  "announce", "approve", "ink", "secure", "hammer", "adopt", "ratify", "endorse", "unveil",
                  "implement", "violate", "break", "collapse", "hold", "declare", "extend"}
#: Types whose possessor or "by" agent hosts them ("NATO's summit").
HOSTED_TYPES = frozenset({"Summit", "Parade", "Conference", "Commemoration", "Session"})
#: Name words of organisations that sit in sessions (they host their meetings, they do not attend them).
BODY_WORDS = frozenset({"council", "assembly", "committee", "parliament", "congress", "senate", "board",
                        "commission", "duma", "cabinet"})


@dataclass
class _Mention:
    """One event mention while the article is read (mutable, internal)."""

    head: int  # token index of the event word (noun or verb)
    word: EventWord
    type: str
    start: int  # char offsets of the noun phrase
    end: int
    text: str  # noun phrase as written (name candidate)
    definite: bool = False
    is_verb: bool = False
    proper: bool = False  # has a proper-name modifier ("ASEAN summit", "Independence Day parade")
    concluded: bool = False  # for agreements: reached, signed, announced...
    place: str | None = None
    place_is_country: bool = False
    date: str | None = None
    modifiers: frozenset[str] = frozenset()  # actor keys that qualify it ("NATO", "SCO")
    with_: list[str] = field(default_factory=list)  # participants named in the phrase
    agents: list[str] = field(default_factory=list)  # possessor / "by X" / launcher / traveller
    targets: list[str] = field(default_factory=list)  # "on X", "against X", "of Ukraine"
    event: int = -1  # index of the group (event) it belongs to


@dataclass(frozen=True)
class EventMention:
    """Where an event is mentioned: token index of its head word and offsets of its phrase."""

    event: str
    head: int
    start: int
    end: int


@dataclass(frozen=True)
class Participation:
    """An actor's part in an event: attended, hosted, or agent (launcher / imposer).

    ``cue`` is the word that gave it; "with" / "between" mark the other side of
    a meeting ("talks with X"), which :mod:`kg.extract.relations` uses for ``met``.
    """

    actor: str
    role: str
    event: str
    token: int  # the word giving the evidence (verb or noun)
    cue: str


@dataclass(frozen=True)
class EventAnalysis:
    """Everything the events stage finds in one article."""

    events: tuple[Event, ...] = ()
    mentions: tuple[EventMention, ...] = ()
    participations: tuple[Participation, ...] = ()
    targets: tuple[tuple[str, str, int], ...] = ()  # (event key, target actor, token)


def _condition_ok(cond: str | None, tok: Token, plural: bool, np_text: str) -> bool:
    if not cond:
        return True
    if cond == "plural":
        return plural
    if cond == "singular":
        return not plural
    if cond.startswith("!"):
        return not re.search(cond[1:], np_text)
    return bool(re.search(cond, np_text))


def _match_word(tok: Token) -> EventWord | None:
    """The lexicon row a noun (with the words before it) matches, if any."""
    lemma = tok.lemma_.lower()
    rows = _words_by_head().get(lemma) or _words_by_head().get(tok.lower_)
    if not rows:
        return None
    plural = tok.tag_ in {"NNS", "NNPS"} or (tok.lower_ != lemma and tok.lower_.endswith("s"))
    doc = tok.doc
    np_text: str | None = None
    for row in rows:
        if row.role == "verb":
            continue
        if len(row.words) > 1:
            j = tok.i - 1
            ok = True
            for w in reversed(row.words[:-1]):
                while j >= 0 and doc[j].text in {"-", "–"}:
                    j -= 1
                if j < 0 or doc[j].lemma_.lower() != w and doc[j].lower_ != w:
                    ok = False
                    break
                j -= 1
            if not ok:
                continue
        if row.condition and row.condition not in {"plural", "singular"} and np_text is None:
            np_text = _phrase_text(tok, full=True).lower()
        if not _condition_ok(row.condition, tok, plural, np_text or ""):
            continue
        return row
    return None


def _verb_word(tok: Token) -> EventWord | None:
    lemma = tok.lemma_.lower()
    for w in event_words():  # a verb row's first word is the verb, a second one its particle ("shoot down")
        if w.role != "verb" or w.words[0] != lemma:
            continue
        if len(w.words) == 1 or any(c.dep_ in {"prt", "advmod"} and c.lower_ == w.words[1] for c in tok.children):
            return w
    return None


_NAME_PREPS = {"of", "on", "against", "with", "between", "in", "at", "to", "over", "among"}


def _is_date_tok(tok: Token) -> bool:
    return tok.ent_type_ in {"DATE", "TIME"}


def _phrase_tokens(tok: Token, full: bool = False, stop: frozenset[int] = frozenset()) -> list[Token]:
    """The tokens of the noun phrase headed by ``tok``: left modifiers and a few prepositional phrases.

    A prepositional phrase that holds another event (``stop``: their head tokens) is left out:
    "meeting with Modi on the sidelines of the summit" is named "meeting with Modi".
    """
    doc = tok.doc
    left = [c for c in tok.lefts]
    start = tok.i
    if left:
        start = min(t.i for c in left for t in c.subtree)
    while start < tok.i and (doc[start].dep_ in {"det", "predet", "punct", "cc"} or doc[start].tag_ == "PRP$"
                             or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    toks = list(doc[start:tok.i + 1])
    preps = 0
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in _NAME_PREPS and preps < 2:
            sub = list(c.subtree)
            cut = [t for t in sub if t.dep_ in {"relcl", "acl", "advcl", "ccomp"} or t.lower_ in {"where", "which"}]
            if cut:
                sub = [t for t in sub if t.i < min(x.i for x in cut)]
            if sub and all(_is_date_tok(t) or t.dep_ == "prep" for t in sub):
                continue  # "on Monday" is the date, not the name
            if any(t.i in stop for t in sub) or any(t.lower_ in SIDELINES for t in sub):
                continue
            if c.lower_ in {"in", "at"} and any(p.dep_ == "pobj" and p.ent_type_ == "ORG" for p in c.children):
                continue  # "condemned the strikes in the Security Council": the forum, not the name
            if len(sub) > 10 and not full:
                sub = sub[:10]
            toks.extend(sub)
            preps += 1
        elif c.dep_ in {"appos", "amod"} and full:
            toks.extend(c.subtree)
        elif c.dep_ not in {"prep", "punct", "cc", "conj", "appos", "relcl", "acl"} and c.i == toks[-1].i + 1:
            toks.extend(c.subtree)
    toks = sorted(set(toks), key=lambda t: t.i)
    out: list[Token] = []
    for t in toks:
        if out and t.i != out[-1].i + 1 and t.i > tok.i:
            break
        out.append(t)
    while out and (out[-1].is_punct or out[-1].dep_ in {"cc", "prep", "det"}):
        out.pop()
    return out


def _phrase_text(tok: Token, full: bool = False) -> str:
    toks = _phrase_tokens(tok, full)
    if not toks:
        return tok.text
    return tok.doc[toks[0].i:toks[-1].i + 1].text


def _clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—\"'“”‘’")
    text = re.sub(r"^(?:the|a|an|this|that|these|those|its|his|her|their|our)\s+", "", text, flags=re.I)
    # an unbalanced bracket left by a cut phrase: "Organisation (SCO"
    if text.count("(") > text.count(")"):
        text = text[:text.rindex("(")].rstrip() if text.rindex("(") > 0 else text
    return text


def _definite(tok: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and (c.lower_ in {"the", "this", "that", "these", "those"}
                                              or c.tag_ == "PRP$")
               for c in tok.children)


def _place_of(tok: Token, actors: ActorIndex, preps: frozenset[str]) -> tuple[str, bool] | None:
    """A location attached to ``tok`` by one of ``preps``: (name, is a country actor).

    After an ordinal or a superlative, "in" gives a scope, not a venue: "the first summit in Africa",
    "the largest parade in Europe"."""
    if any(c.dep_ in {"amod", "nummod"} and (c.tag_ in {"JJS", "RBS"} or c.ent_type_ == "ORDINAL"
                                              or c.lower_ in {"first", "last", "biggest", "largest"})
           for c in tok.children):
        preps = preps - {"in"}
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                found = _location(p, actors)
                if found:
                    return found
    return None


@lru_cache(maxsize=1)
def _capitals() -> object | None:
    """The packaged gazetteer, for its capitals (a city the small NER model does not know)."""
    try:
        from kg.gazetteer import load_gazetteer

        return load_gazetteer()
    except Exception:  # noqa: BLE001 - places are a nicety; never fail an article for them
        return None


def _capital_span(p: Token) -> Span | None:
    """A proper noun (with its compound parts) that the gazetteer knows as a capital."""
    if p.pos_ != "PROPN":
        return None
    start = p.i
    while start > 0 and p.doc[start - 1].dep_ == "compound" and p.doc[start - 1].head.i == p.i \
            and p.doc[start - 1].pos_ == "PROPN":
        start -= 1
    span = p.doc[start:p.i + 1]
    gaz = _capitals()
    if gaz is not None and getattr(gaz, "by_capital")(span.text) is not None:
        return span
    return None


def _location(p: Token, actors: ActorIndex) -> tuple[str, bool] | None:
    """The place named by a token (a GPE / LOC / FAC entity, a capital, or a state), city preferred."""
    key = actors.actor_of_token(p.i)
    if key is None and p.ent_type_ not in {"GPE", "LOC", "FAC"}:
        cap = _capital_span(p)
        if cap is not None:
            return cap.text, False
    if p.ent_type_ in {"GPE", "LOC", "FAC"} or (key is not None and actors.actors[key].type == "Country"):
        ent = next((e for e in p.doc.ents if e.start <= p.i < e.end), None)
        if ent is None:
            return None
        is_country = key is not None and actors.actors[key].type == "Country"
        if key is not None and actors.actors[key].type != "Country":
            return None  # an organisation or a person is not a place
        text = ent.text
        if not re.match(r"^the hague", text, re.I):
            text = re.sub(r"^the\s+", "", text, flags=re.I)
        if p.ent_type_ == "FAC":
            # "Cairo's Tahrir Square", "the airport in Lusaka": the city, when named
            for c in p.children:
                if c.dep_ == "poss" and c.ent_type_ == "GPE":
                    return _location(c, actors)
            for c in p.children:
                if c.dep_ == "prep" and c.lower_ in {"in", "at"}:
                    for q in c.children:
                        if q.dep_ == "pobj" and q.ent_type_ == "GPE":
                            return _location(q, actors)
        return re.sub(r"['’]s$", "", text.strip(" ,.")), is_country
    return None


def _dateline_place(doc: Doc) -> str | None:
    """The place of a dateline ("VIENNA:", "Vienna, March 2, 2024 —", "LIMA –") that "here" refers to."""
    for ent in doc.ents:
        if ent.start > 2:
            break
        if ent.label_ == "GPE":
            after = doc[ent.end:ent.end + 8].text
            if re.match(r"^\s*(:|–|—|-|,)", after):
                return ent.text
    return None


def _governor(tok: Token) -> tuple[Token | None, str, Token | None]:
    """How an event noun hangs in its clause: (governing word, slot, preposition).

    slot is dobj / subj / prep:<word> / other; the governing word is the verb
    (or the noun, for "host of the summit") whose frame decides the roles.
    Transparent nouns pass their own place on ("held a series of meetings",
    "following two days of negotiations", "at the opening of the summit");
    "on the sidelines of X" gives the slot ``prep:sidelines``.
    """
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    for _ in range(4):
        dep = t.dep_
        if dep in {"dobj", "attr", "oprd"}:
            if t.head.lemma_.lower() == "follow" and t.head.tag_ == "VBG":
                return _as_preposition(t.head, "dobj") + (t.head,)
            return t.head, "dobj", None
        if dep == "nsubj":
            return t.head, "subj", None
        if dep == "nsubjpass":
            return t.head, "dobj", None
        if dep == "pobj" and t.head.lemma_.lower() == "follow" and t.head.tag_ == "VBG":
            return _as_preposition(t.head, "dobj") + (t.head,)
        if dep == "pobj" and t.head.dep_ in {"prep", "agent", "dative", "prt"} or (
                dep == "pobj" and t.head.pos_ == "ADP"):
            prep = t.head
            gov = prep.head
            word = prep.lower_
            if gov.lower_ in TRANSPARENT and word == "of" and gov.pos_ in {"NOUN", "PROPN"}:
                if gov.lower_ in SIDELINES:
                    g2, s2, p2 = _governor(gov)
                    if g2 is not None and s2.startswith("prep:"):
                        return g2, "prep:sidelines", p2
                    return g2, "prep:sidelines", prep
                t = gov
                continue
            return gov, "prep:" + word, prep
        return None, dep, None
    return None, t.dep_, None


def _as_preposition(gov: Token, slot: str) -> tuple[Token, str]:
    """ "following talks" is often parsed as a participle; it is a preposition of the clause above."""
    if gov.lemma_.lower() == "follow" and gov.tag_ == "VBG" and slot == "dobj" and gov.dep_ in {
            "acl", "advcl", "prep", "xcomp"}:
        v = gov.head
        for _ in range(4):
            if v.pos_ in {"VERB", "AUX"} or v.head.i == v.i:
                break
            v = v.head
        return v, "prep:following"
    return gov, slot


def _clause_subjects(verb: Token, actors: ActorIndex) -> list[str]:
    if is_passive(verb):
        return expand_actors(passive_agent(verb), actors)
    return expand_actors(subject_of(verb), actors)


def _frame_for(gov: Token, slot: str, etype: str, noun: bool = False) -> RoleFrame | None:
    frames = role_frames().get(("n:" if noun else "") + gov.lemma_.lower(), ())
    for f in frames:
        if etype not in f.types:
            continue
        s = slot
        if f.particle is not None:
            if not any(c.dep_ in {"prt", "dobj", "advmod", "prep", "compound"} and c.lemma_.lower() == f.particle
                       for c in gov.children):
                continue
            if s == "prep:" + f.particle:
                s = "dobj"
        if s in f.slots:
            return f
    return None


def _date_attached(e: Span, target: Token) -> bool:
    """Whether a date expression hangs on ``target`` through prepositions and date words only."""
    r = e.root
    for _ in range(6):
        if r.i == target.i:
            return True
        if r.head.i == r.i:
            return False
        if not (r.ent_type_ in {"DATE", "TIME"} or r.pos_ in {"ADP", "PUNCT"} or r.i in range(e.start, e.end)):
            return False
        r = r.head
    return r.i == target.i


def _flat_under(tok: Token, top: Token) -> bool:
    """Whether ``tok`` is a name inside the noun phrase of ``top`` itself (compound, apposition,
    prepositional phrase on it), not in a clause or a possessor ("the envoy Jean Roux")."""
    t = tok
    for _ in range(6):
        if t.i == top.i:
            return True
        if t.dep_ not in {"compound", "appos", "flat", "pobj", "prep", "npadvmod", "nmod"}:
            return False
        t = t.head
    return False


def _inside(tok: Token, top: Token) -> bool:
    """Whether ``tok`` lies in the subtree of ``top``."""
    x = tok
    for _ in range(40):
        if x.i == top.i:
            return True
        if x.head.i == x.i:
            return False
        x = x.head
    return False


class _Reader:
    """Reads one article's event mentions, merges them, and ties actors to them."""

    def __init__(self, doc: Doc, article: Article, actors: ActorIndex) -> None:
        self.doc, self.article, self.actors = doc, article, actors
        self.ref = reference_date(doc, article)
        self.dateline = _dateline_place(doc)
        self.mentions: list[_Mention] = []
        self.groups: list[list[_Mention]] = []
        self.parts: list[tuple[str, str, int, int, str]] = []  # (actor, role, group, token, cue)
        self.links: list[tuple[int, int, int]] = []  # (inner mention head, outer group, token)
        self.forced: dict[int, str] = {}  # id(group) -> type, for a visit that absorbed its talks
        self.heads: set[int] = set()

    # -- mention detection --------------------------------------------------

    def find(self) -> None:
        nouns: list[tuple[Token, EventWord]] = []
        for tok in self.doc:
            if self.actors.actor_of_token(tok.i) is not None:
                continue
            if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ not in {"compound", "amod"}:
                row = _match_word(tok)
                if row is not None and not (tok.ent_type_ in {"ORG", "WORK_OF_ART", "LAW", "EVENT"}
                                            and row.type != "Summit"):
                    nouns.append((tok, row))
        self.heads = {tok.i for tok, _ in nouns}
        for tok in self.doc:
            if tok.i in self.heads:
                self.mentions.append(self._noun_mention(tok, next(r for t, r in nouns if t.i == tok.i)))
            elif tok.pos_ == "VERB" and self.actors.actor_of_token(tok.i) is None:
                row = _verb_word(tok)
                if row is not None:
                    self.mentions.extend(self._verb_mentions(tok, row))

    def _noun_mention(self, tok: Token, row: EventWord) -> _Mention:
        toks = _phrase_tokens(tok, stop=frozenset(self.heads - {tok.i}))
        start = toks[0].idx if toks else tok.idx
        end = (toks[-1].idx + len(toks[-1].text)) if toks else tok.idx + len(tok.text)
        etype = row.type
        m = _Mention(head=tok.i, word=row, type=etype, start=start, end=end,
                     text=_clean_name(self.article.text[start:end]), definite=_definite(tok))
        actors = self.actors
        mods: set[str] = set()
        for c in tok.children:
            if c.i > tok.i:
                continue
            if c.dep_ == "poss":
                keys = np_actors(c, actors)
                direct = actors.actor_of_token(c.i) is not None or c.pos_ == "PRON"
                if etype == "Ceremony":
                    continue  # "his inauguration": the one honoured, not the host
                if direct or etype in GROUPS["travel"]:  # "the Ghanaian President's tour": the traveller
                    m.agents += [k for k in keys if k not in m.agents]
                else:  # "the ASEAN leaders' summit": those who gather, not a host
                    m.with_ += [k for k in keys if k not in m.with_] if etype in CONSULT_TYPES else []
                    mods.update(keys)
                if c.pos_ == "PROPN" or keys:
                    m.proper = True
            elif c.dep_ in {"compound", "amod", "nmod", "npadvmod"}:
                keys = list(dict.fromkeys(k for t in c.subtree
                                          if (k := actors.actor_of_token(t.i) or demonym_actor(t, actors))))
                if not keys and m.place is None and c.dep_ in {"compound", "nmod"}:
                    loc = _location(c, actors)  # "the Doha talks"
                    if loc is not None and not loc[1]:
                        m.place, m.place_is_country = loc
                mods.update(keys)
                if etype in CONSULT_TYPES:
                    m.with_ += [k for k in keys if k not in m.with_]
                if etype in GROUPS["force"]:
                    m.agents += [k for k in keys if k not in m.agents]
                if keys or any(t.pos_ == "PROPN" and t.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}
                               for t in c.subtree):
                    m.proper = True
        m.modifiers = frozenset(mods)
        for c in tok.children:
            if c.dep_ != "prep" or c.i < tok.i:
                continue
            word = c.lower_
            objs = [p for p in c.children if p.dep_ == "pobj"]
            keys = [k for p in objs for k in expand_actors(p, actors)]
            if word in {"with", "between", "among"}:
                m.with_ += [k for k in keys if k not in m.with_]
            elif word in {"on", "against", "upon"}:
                if not keys and etype in GROUPS["force"]:  # "an attack on a US base"
                    keys = [k for p in objs for k in thing_owner(p, actors)]
                m.targets += [k for k in keys if k not in m.targets]
            elif word == "by":
                m.agents += [k for k in keys if k not in m.agents]
            elif word == "from" and etype in GROUPS["force"] | GROUPS["measure"]:
                m.agents += [k for k in keys if k not in m.agents]
            elif word == "of" and etype in GROUPS["force"]:
                m.targets += [k for k in keys if k not in m.targets]
            elif word == "of" and etype in GROUPS["measure"]:
                for p in objs:  # "package of sanctions on Russia": one level down
                    for cc in p.children:
                        if cc.dep_ == "prep" and cc.lower_ in {"on", "against"}:
                            for q in cc.children:
                                if q.dep_ == "pobj":
                                    m.targets += [k for k in expand_actors(q, actors) if k not in m.targets]
            elif word == "of" and etype in PARTICIPATION_TYPES:
                m.agents += [k for k in keys if k not in m.agents and actors.actors[k].type == "Person"]
            elif word == "to" and etype in GROUPS["travel"]:
                for p in objs:
                    loc = _location(p, actors)
                    if loc:
                        m.place, m.place_is_country = loc
        if etype in GROUPS["force"] | GROUPS["measure"] and not m.targets:
            # "criticised the strikes on Iran": the parser may hang "on Iran" on the verb;
            # "the sanctions imposed on Russia by the EU": on the participle
            gov, slot, _ = _governor(tok)
            verbs = [gov] if gov is not None and gov.pos_ == "VERB" and slot == "dobj" else []
            verbs += [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            for v in verbs:
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ in {"on", "against"} and c.i > tok.i:
                        for p in c.children:
                            if p.dep_ == "pobj":
                                m.targets += [k for k in expand_actors(p, actors) if k not in m.targets]
                    if c.dep_ == "agent" and v.dep_ == "acl" and etype in GROUPS["measure"]:
                        m.agents += [k for k in expand_actors(passive_agent(v), actors) if k not in m.agents]
        if etype in GROUPS["force"]:
            for c in tok.children:
                if c.dep_ == "acl" and c.lemma_.lower() in {"target", "hit", "strike"}:
                    for d in c.children:
                        if d.dep_ == "dobj":
                            got = expand_actors(d, actors) or [
                                k for t in d.subtree if (k := actors.actor_of_token(t.i))
                                and actors.actors[k].type == "Country"]
                            m.targets += [k for k in got if k not in m.targets]
        if etype in GROUPS["travel"]:
            self._travel_fallbacks(tok, m)
        if etype in {"Deal", "Ceasefire"}:
            m.concluded = self._concluded(tok)
            if m.concluded:
                gov, slot, _ = _governor(tok)
                if gov is not None and gov.pos_ in {"VERB", "AUX"} and slot != "subj":
                    m.agents += [k for k in _clause_subjects(gov, actors) if k not in m.agents]
        # place: in the phrase, in a participle on it ("summit being held in Lisbon"), else in the clause
        if m.place is None:
            loc = _place_of(tok, actors, frozenset({"in", "at"}))
            if loc is None:
                for c in tok.children:
                    if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB":
                        loc = _place_of(c, actors, frozenset({"in", "at"}))
                        if loc:
                            break
            if loc is None:
                gov, slot, _ = _governor(tok)
                if gov is not None and gov.pos_ in {"VERB", "AUX"} and (slot in {"dobj", "subj"} or slot in {
                        "prep:for", "prep:to", "prep:at", "prep:during", "prep:sidelines"}):
                    loc = _clause_place(gov, actors, exclude=tok)
            if loc is not None:
                m.place, m.place_is_country = loc
            elif self._here(tok):
                m.place, m.place_is_country = self.dateline, False
        m.date = self._date_for(tok)
        return m

    def _travel_fallbacks(self, tok: Token, m: _Mention) -> None:
        """When the parse hides them, a visit's traveller is the person the sentence is about, and its
        place the one a motion verb of the sentence names ("X, with a delegation, arrived in Y for a visit")."""
        actors = self.actors
        sent = sentence_of(tok)
        if not m.agents:
            gov, slot, _ = _governor(tok)
            if gov is None or gov.pos_ not in {"VERB", "AUX"}:
                root = sent.root
                cands = [root] + [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
                for c in cands:
                    k = actors.actor_of_token(c.i)
                    if k and actors.actors[k].type == "Person":
                        m.agents.append(k)
                        break
        if m.place is None:
            for t in sent:
                if t.pos_ == "VERB" and t.lemma_.lower() in {"arrive", "land", "travel", "fly"} and not is_negated(t):
                    loc = _place_of(t, actors, frozenset({"in", "at", "to"}))
                    if loc:
                        m.place, m.place_is_country = loc
                        break

    def _noun_type(self, tok: Token) -> str | None:
        row = _match_word(tok)
        return row.type if row is not None else None

    def _concluded(self, tok: Token) -> bool:
        gov, slot, _ = _governor(tok)
        if gov is not None and gov.pos_ in {"VERB", "AUX"} and gov.lemma_.lower() in CONCLUDE_VERBS \
                and slot in {"dobj", "subj", "prep:on", "prep:to"}:
            return True
        return any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in CONCLUDE_VERBS for c in tok.children)

    def _here(self, tok: Token) -> bool:
        if not self.dateline:
            return False
        near = list(tok.subtree)
        for c in tok.children:
            if c.dep_ in {"acl", "relcl"}:
                near += list(c.subtree)
        return any(t.lower_ == "here" for t in near)

    def _verb_mentions(self, tok: Token, row: EventWord) -> list[_Mention]:
        """Meetings and visits reported by a verb, kept when they have a place, a date or a destination."""
        if is_negated(tok) or is_hypothetical(tok):
            return []
        actors = self.actors
        subj = _clause_subjects(tok, actors)
        if row.condition and row.condition.startswith("object"):
            return self._object_verb_mention(tok, row, subj)
        if not subj:
            return []
        if row.type == "Visit":
            lemma = tok.lemma_.lower()
            dests: list[Token] = []
            if lemma == "visit":
                dests = [d for c in tok.children if c.dep_ == "dobj" for d in conjuncts(c)]
            else:
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ({"in", "at"} if lemma == "arrive" else {"to"}):
                        dests += [d for p in c.children if p.dep_ == "pobj" for d in conjuncts(p)]
            if any(p.i in self.heads and self._noun_type(p) not in GROUPS["travel"]
                   for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                   for p in c.children if p.dep_ == "pobj"):
                return []  # "arrived in Kazan for the summit": the trip is the summit's
            out = []
            for d in dests:
                loc = _location(d, actors)
                if not loc:
                    continue
                m = _Mention(head=tok.i, word=row, type="Visit", start=d.idx, end=d.idx + len(d.text),
                             text=f"visit to {loc[0]}", is_verb=True, place=loc[0], place_is_country=loc[1])
                m.agents = [k for k in subj if actors.actors[k].type == "Person"] or list(subj)
                m.date = self._date_for(tok)
                out.append(m)
            return out
        loc = _clause_place(tok, actors)
        if loc is None:
            return []  # "X and Y last met in May": a meeting is an event of the graph where it has a place
        when = self._date_for(tok)
        others: list[str] = []
        for c in tok.children:
            if c.dep_ == "dobj":
                others += expand_actors(c, actors)
            if c.dep_ == "prep" and c.lower_ == "with":
                for p in c.children:
                    if p.dep_ == "pobj":
                        others += expand_actors(p, actors)
        names = [actors.actors[k].label for k in others[:2]]
        m = _Mention(head=tok.i, word=row, type="Meeting", start=tok.idx, end=tok.idx + len(tok.text),
                     text="meeting" + (" with " + " and ".join(names) if names else ""), is_verb=True, date=when)
        if loc:
            m.place, m.place_is_country = loc
        m.agents = list(subj)
        m.with_ = [k for k in others if k not in subj]
        if len(set(m.agents) | set(m.with_)) < 2:
            return []  # "leaders meet in X": a gathering, not a meeting between two sides
        return [m]

    def _object_verb_mention(self, tok: Token, row: EventWord, subj: list[str]) -> list[_Mention]:
        """A verb whose actor object anchors the event by itself ("X summoned Y's ambassador",
        "the envoy was summoned by the ministry"): the subject and the object are its two sides."""
        actors = self.actors
        objs = [c for c in tok.children if c.dep_ == ("nsubjpass" if is_passive(tok) else "dobj")]
        if not objs and is_passive(tok) and tok.dep_ == "acl":
            objs = [tok.head]  # "the envoy, summoned by the ministry, ..."
        noun = row.condition.partition(":")[2] or tok.lemma_.lower()
        if row.type in GROUPS["force"]:  # "shot down a Malian drone": the drone's owner is the target
            objs = [next((p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"  # "one of its drones"
                          for p in c.children if p.dep_ == "pobj"), o) if o.lower_ == "one" else o for o in objs]
            objs = [o for o in objs if o.pos_ in {"NOUN", "PROPN"}]
            if not objs:
                return []
            targets = [k for c in objs for k in (expand_actors(c, actors) or thing_owner(c, actors, set(subj)))
                       if k not in subj]
            obj = objs[0]
            toks = [t for t in obj.subtree if t.dep_ not in {"relcl", "acl"} and t.i >= obj.left_edge.i
                    and t.i <= obj.i]
            text = " ".join(t.text for t in toks if not (t.dep_ == "det" and t.i == toks[0].i))
            m = _Mention(head=tok.i, word=row, type=row.type, start=tok.idx, end=tok.idx + len(tok.text),
                         text=_clean_name(f"{noun} of {text}"), is_verb=True, date=self._date_for(tok))
            alleged = tok.dep_ == "pcomp" and tok.head.head.lemma_.lower() in ALLEGING_VERBS
            m.agents, m.targets = ([] if alleged else list(subj)), targets  # "accused X of downing": alleged
            m.proper = True  # a deed done to a thing named is a particular happening, whoever did it
            return [m]
        others: list[str] = []
        mods: set[str] = set()
        for c in objs:  # "the French ambassador, Jean Roux": the envoy in person, not his country
            people = [k for t in c.subtree if (k := actors.actor_of_token(t.i)) and actors.actors[k].type == "Person"
                      and _flat_under(t, c)]
            got = list(dict.fromkeys(people)) or expand_actors(c, actors)
            others += [k for k in got if k not in subj and k not in others]
            if people:  # the envoy's state ("the Japanese ambassador X"): the same side as the envoy
                mods |= {k for t in c.subtree if t.dep_ in {"amod", "compound", "poss"} and _flat_under(t.head, c)
                         if (k := actors.actor_of_token(t.i) or demonym_actor(t, actors))
                         and actors.actors[k].type == "Country"}
        if not others:
            return []
        names = [actors.actors[k].label for k in others[:2]]
        m = _Mention(head=tok.i, word=row, type=row.type, start=tok.idx, end=tok.idx + len(tok.text),
                     text=f"{noun} of {' and '.join(names)}", is_verb=True, date=self._date_for(tok))
        loc = _clause_place(tok, actors)
        if loc:
            m.place, m.place_is_country = loc
        m.agents = list(subj)
        m.with_ = others
        m.modifiers = frozenset(mods)
        return [m]

    def _date_for(self, tok: Token) -> str | None:
        """A date attached to the mention or to the clause that governs it (not to another event in it)."""
        sent = sentence_of(tok)
        ents = date_spans(sent)
        if not ents:
            return None
        clause: Token | None = tok if tok.pos_ in {"VERB", "AUX"} else None
        if clause is None:
            gov, slot, _ = _governor(tok)
            if gov is not None and gov.pos_ in {"VERB", "AUX"}:
                clause = gov
        own: list[Span] = []
        cands: list[Span] = []
        for e in ents:
            if _inside(e.root, tok) and not any(h != tok.i and _inside(e.root, self.doc[h]) and
                                                _inside(self.doc[h], tok) for h in self.heads):
                if _date_attached(e, tok):
                    own.append(e)
            elif clause is not None and _date_attached(e, clause):
                cands.append(e)
        future = _future(clause)
        ref = self.ref.day if self.ref else None
        for e in own + cands:
            d = parse_date(e.text, ref, future)
            if d:
                return d
            year = _YEAR_RE.fullmatch(re.sub(r"^(in|of|since)\s+", "", e.text.strip().lower()))
            if year and e in own:
                return year.group(1)  # a bare year: only the year is known (see _when)
        if clause is not None and clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.head.pos_ in {"VERB", "AUX"}:
            # "Leaders gathered on 26 October, marking the start of the summit": a participle
            # clause tells of the same moment as the clause it hangs on
            for e in ents:
                if _date_attached(e, clause.head) and not _inside(e.root, tok):
                    d = parse_date(e.text, ref, _future(clause.head))
                    if d:
                        return d
        return None

    # -- grouping -----------------------------------------------------------

    def group(self) -> None:
        for m in self.mentions:
            target = self._antecedent(m)
            if target is None:
                if m.word.role == "anaphor" or m.type == "*":
                    continue
                self.groups.append([m])
                m.event = len(self.groups) - 1
            else:
                self.groups[target].append(m)
                m.event = target

    def _group_type(self, g: list[_Mention]) -> str:
        if g and id(g) in self.forced:
            return self.forced[id(g)]
        counts = Counter(m.type for m in g if m.word.role in {"event", "weak"} and m.type != "*" and not m.is_verb)
        if counts:
            best = max(counts.values())
            for m in g:
                if counts.get(m.type) == best:
                    return m.type
        return next((m.type for m in g if m.type != "*"), g[0].type)

    def _antecedent(self, m: _Mention) -> int | None:
        doc = self.doc
        for gi, g in enumerate(self.groups):  # "package of sanctions", "round of sanctions": one event
            for o in g:
                if o.head != m.head and family(o.type) == family(m.type) and not o.is_verb and not m.is_verb and (
                        _inside(doc[m.head], doc[o.head]) or _inside(doc[o.head], doc[m.head])):
                    return gi
        if m.type != "*":
            for gi in range(len(self.groups) - 1, -1, -1):
                g = self.groups[gi]
                if g and family(self._group_type(g)) == family(m.type) and not self._conflict(m, g):
                    return gi
        generic = not m.proper and not m.modifiers
        if (m.definite or m.word.role == "anaphor") and generic:
            fits = [gi for gi in range(len(self.groups) - 1, -1, -1) if self.groups[gi]
                    and ("*" in m.word.corefers or self._group_type(self.groups[gi]) in m.word.corefers)
                    and not self._conflict(m, self.groups[gi])]
            if fits and m.type == "*":  # "the event", "the gathering": the most talked-about one
                return max(fits, key=lambda gi: (len(self.groups[gi]), gi))
            if fits:
                return fits[0]
        return None

    def _conflict(self, m: _Mention, g: list[_Mention]) -> bool:
        doc = self.doc
        if self._another(m):
            return True  # "the next round of talks", "another summit": not the one already told
        for o in g:
            if (_inside(doc[m.head], doc[o.head]) or _inside(doc[o.head], doc[m.head])) and m.head != o.head \
                    and family(m.type) != family(o.type) and not (m.is_verb or o.is_verb):
                return True  # "a meeting on the sidelines of the summit": two events
            if m.place and o.place and not _same_place(m.place, o.place):
                if not (m.place_is_country or o.place_is_country) or (
                        m.type in GROUPS["travel"] and o.type in GROUPS["travel"] and m.type == o.type):
                    return True
            if m.date and o.date and not _dates_close(m.date, o.date):
                return True
            morgs = {k for k in m.modifiers if self.actors.actors[k].type == "Organization"}
            oorgs = {k for k in o.modifiers if self.actors.actors[k].type == "Organization"}
            if morgs and oorgs and not (morgs & oorgs):
                return True  # "the NATO summit" / "the EU summit"
            if m.type in GROUPS["force"] and m.agents and o.agents and not set(m.agents) & set(o.agents):
                return True
            if m.targets and o.targets and not set(m.targets) & set(o.targets):
                return True
            if m.type in GROUPS["travel"] and m.agents and o.agents and not set(m.agents) & set(o.agents):
                return True
            if m.type in CONSULT_TYPES and o.type in CONSULT_TYPES and m.with_ and o.with_ \
                    and not (self._sides(m.with_ + m.agents) | m.modifiers) & (
                        self._sides(o.with_ + o.agents) | o.modifiers):
                return True
        return False

    def _sides(self, keys: list[str]) -> set[str]:
        """Actors with the states they stand for (an envoy and his country are one side)."""
        return set(keys) | {c for k in keys for c in self._stands_for(k)}

    def _stands_for(self, key: str) -> set[str]:
        a = self.actors.actors[key]
        out = {a.country} if a.country else set()
        return out | {r.object for r in self.actors.represents if r.subject == key}

    def _another(self, m: _Mention) -> bool:
        if m.is_verb:
            return False
        tok = self.doc[m.head]
        words = {c.lower_ for c in tok.children if c.dep_ in {"amod", "det"}}
        if tok.dep_ == "pobj" and tok.head.head.lower_ in TRANSPARENT:  # "the next round of talks"
            words |= {c.lower_ for c in tok.head.head.children if c.dep_ in {"amod", "det"}}
        return bool(words & {"next", "upcoming", "future", "another", "further", "previous", "last", "earlier",
                             "forthcoming", "planned", "proposed"})

    def _fold_visits(self) -> None:
        """A meeting or talks of a visit's traveller in the visited place (or soon after) is part of the visit."""
        doc = self.doc
        for gi, g in enumerate(self.groups):
            if not g or self._group_type(g) not in CONSULT_TYPES:
                continue
            places = {m.place for m in g if m.place and not m.place_is_country}
            people = {k for m in g for k in m.with_ + m.agents}
            people |= {a for a, role, g2, _t, _c in self.parts if g2 == gi and role == "attended"}
            first = min(m.start for m in g)
            order = sorted(range(len(self.groups)), key=lambda i: (
                self._group_type(self.groups[i]) != "Visit" if self.groups[i] else True,
                -max((m.start for m in self.groups[i] if m.start <= first), default=-1)))
            for vi in order:
                v = self.groups[vi]
                if vi == gi or not v or self._group_type(v) not in GROUPS["travel"]:
                    continue
                vplaces = {m.place for m in v if m.place}
                travellers = {k for m in v for k in m.agents}
                travellers |= {a for a, role, g2, _t, _c in self.parts if g2 == vi and role == "attended"}
                if not (people & travellers):
                    continue
                same = any(_same_place(a, b) for a in places for b in vplaces)
                near = False
                if not same and not (places - {p for p in places if _is_facility(doc, p)}):
                    sent_of = doc.char_span(first, first + 1, alignment_mode="expand")
                    if sent_of is not None:
                        s = sentence_of(sent_of)
                        prev = sentence_of(doc[s.start - 1]) if s.start > 0 else s
                        near = any(prev.start_char <= m.start < s.end_char for m in v)
                if same or near:
                    self.forced[id(v)] = self._group_type(v)
                    for m in g:
                        m.event = vi
                    v.extend(g)
                    self.groups[gi] = []
                    self.parts = [(a, role, vi if g2 == gi else g2, t, c) for a, role, g2, t, c in self.parts]
                    self.links = [(h, vi if o == gi else o, t) for h, o, t in self.links]
                    break

    # -- participation ------------------------------------------------------

    def participation(self) -> None:
        for gi, g in enumerate(self.groups):
            if not g:
                continue
            etype = self._group_type(g)
            # "China summoned the Japanese envoy" then "X summoned envoy Y": a state whose envoy is named
            # in person at the same meeting is no side of its own
            named = {c for m in g if m.is_verb for k in m.agents + m.with_
                     if self.actors.actors[k].type == "Person" for c in self._stands_for(k) | m.modifiers}
            for m in g:
                if m.is_verb:
                    if m.type == "Meeting":
                        objective = bool(m.word.condition and m.word.condition.startswith("object"))
                        for k in m.agents:
                            if not (objective and k in named):
                                self._add(k, "attended", gi, m.head, self.doc[m.head].lemma_)
                        for k in m.with_:
                            if not (objective and k in named):
                                self._add(k, "attended", gi, m.head, "with")
                    else:
                        role = "agent" if m.type in GROUPS["force"] else "attended"
                        for k in m.agents:
                            self._add(k, role, gi, m.head, self.doc[m.head].lemma_)
                    continue
                self._phrase_roles(m, gi, etype)
                for gov, slot, prep in self._governors(m):
                    self._frame_roles(m, gi, etype, gov, slot, prep)
        self._pronoun_agents()
        # "talks on the sidelines of the summit": those at the talks were at the summit
        for _ in range(2):
            for inner_head, outer, tok in self.links:
                inner = next((m for m in self.mentions if m.head == inner_head), None)
                if inner is None or inner.event < 0:
                    continue
                for a, role, g2, _t, _c in list(self.parts):
                    if g2 == inner.event and role in {"attended", "hosted"}:
                        self._add(a, "attended", outer, tok, "during")

    def _pronoun_agents(self) -> None:
        """ "... the two nations that carried them out": an agent verb whose object is a pronoun
        standing for an attack or a sanctions package mentioned just before."""
        for tok in self.doc:
            if tok.pos_ != "VERB":
                continue
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in {"it", "them", "this", "these"}),
                       None)
            if obj is None:
                continue
            best = None
            for m in self.mentions:
                if m.event < 0 or m.head >= tok.i or m.is_verb:
                    continue
                if sentence_of(self.doc[m.head]).start < sentence_of(tok).start - 1 and sentence_of(self.doc[m.head]) != sentence_of(tok):
                    prev = sentence_of(self.doc[sentence_of(tok).start - 1]) if sentence_of(tok).start > 0 else sentence_of(tok)
                    if sentence_of(self.doc[m.head]).start < prev.start:
                        continue
                etype = self._group_type(self.groups[m.event])
                if etype not in GROUPS["force"] | GROUPS["measure"]:
                    continue
                plural = self.doc[m.head].tag_ in {"NNS", "NNPS"}
                if (obj.lower_ in {"them", "these"}) != plural:
                    continue
                best = m
            if best is None:
                continue
            etype = self._group_type(self.groups[best.event])
            frame = _frame_for(tok, "dobj", etype)
            if frame is None or frame.subject != "agent" or is_negated(tok) or is_hypothetical(tok):
                continue
            for k in _clause_subjects(tok, self.actors):
                self._add(k, "agent", best.event, tok.i, tok.lemma_)

    def _add(self, actor: str, role: str, gi: int, tok: int, cue: str) -> None:
        if (actor, role, gi, tok, cue) not in self.parts:
            self.parts.append((actor, role, gi, tok, cue))

    def _body(self, key: str) -> bool:
        """An organisation that sits in sessions: a council, an assembly, a committee..."""
        a = self.actors.actors[key]
        words = set(norm(a.label).split())
        return a.type == "Organization" and bool(words & BODY_WORDS)

    def _phrase_roles(self, m: _Mention, gi: int, etype: str) -> None:
        tok = self.doc[m.head]
        gov, slot, _prep = _governor(tok)
        if gov is not None and gov.pos_ in {"VERB", "AUX"} and slot in {"subj", "dobj"} and (
                is_negated(gov) or (is_hypothetical(gov) and gov.lemma_ != "be")):
            return  # "negotiations with X must be conducted ...": not (yet) a fact
        if m.type in {"Meeting", "Session"}:  # "a meeting of the Security Council": the council sits
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        for k in np_actors(p, self.actors) if p.dep_ == "pobj" else []:
                            if self._body(k):
                                self._add(k, "hosted", gi, m.head, "of")
        if etype in PARTICIPATION_TYPES:
            for k in m.with_:
                self._add(k, "attended", gi, m.head, "with")
            for k in m.agents:
                if etype in HOSTED_TYPES:
                    self._add(k, "hosted", gi, m.head, tok.lower_)
                else:
                    self._add(k, "attended", gi, m.head, tok.lower_)
        else:
            for k in m.agents:
                self._add(k, "agent", gi, m.head, tok.lower_)

    def _governors(self, m: _Mention) -> list[tuple[Token, str, Token | None]]:
        """Every clause the mention takes part in: where it hangs, and relative clauses or participles on it."""
        tok = self.doc[m.head]
        out: list[tuple[Token, str, Token | None]] = []
        gov, slot, prep = _governor(tok)
        if gov is not None:
            out.append((gov, slot, prep))
        rels = [c for c in tok.children if c.dep_ in {"relcl", "acl"}]
        for c in tok.children:  # "the talks in Istanbul, which were attended by ...": the parser hangs the
            if c.dep_ == "prep" and c.lower_ in {"in", "at"}:  # clause on the place; a frame verb tells
                for p in c.children:
                    rels += [r for r in p.children if r.dep_ == "relcl" and role_frames().get(r.lemma_.lower())
                             and not any(d.lower_ == "where" for d in r.children)]
        for c in rels:
            if c.dep_ == "relcl":
                kids = list(c.children)
                if any(d.dep_ == "nsubj" and d.lower_ in RELATIVE_PRONOUNS for d in kids):
                    out.append((c, "subj", None))
                elif any(d.dep_ in {"nsubjpass", "dobj"} and d.lower_ in RELATIVE_PRONOUNS for d in kids):
                    out.append((c, "dobj", None))
                elif any(d.lower_ == "where" for d in kids) or any(
                        d.dep_ == "prep" and any(p.lower_ in {"which", "whom"} for p in d.children) for d in kids):
                    out.append((c, "prep:at", None))
            elif c.dep_ == "acl" and c.pos_ == "VERB" and c.head.i == tok.i:
                if c.tag_ == "VBN":
                    out.append((c, "dobj", None))
                elif c.tag_ == "VBG":
                    out.append((c, "subj", None))
        return out

    def _frame_roles(self, m: _Mention, gi: int, etype: str, gov: Token, slot: str, prep: Token | None) -> None:
        tok = self.doc[m.head]
        actors = self.actors
        if gov.pos_ in {"NOUN", "PROPN"}:
            if gov.i in self.heads and slot in {"prep:sidelines", "prep:at", "prep:during"}:
                # "talks with X on the sidelines of / at / during the summit": a link between two events
                if etype in PARTICIPATION_TYPES:
                    self.links.append((gov.i, gi, gov.i))
                return
            if slot.startswith("prep:"):
                frame = _frame_for(gov, slot, etype, noun=True)
                if frame is not None and frame.subject:
                    self._role_noun(frame, gov, gi)
                    return
            # a prepositional phrase the parser hung on the verb's object: "departed the parade for talks"
            if gov.dep_ in {"dobj", "pobj", "nsubjpass"} and slot.startswith("prep:"):
                verb = gov.head if gov.dep_ != "pobj" else gov.head.head
                if verb.pos_ in {"VERB", "AUX"} and _frame_for(verb, slot, etype) is not None:
                    gov = verb
                elif verb.pos_ == "VERB" and gov.dep_ == "dobj" and slot in {"prep:at", "prep:during", "prep:in"}:
                    gov = verb  # "X condemned the strikes at the meeting": an act placed in the event
                else:
                    return
            else:
                return
        if gov.pos_ not in {"VERB", "AUX"}:
            return
        if is_negated(gov) or is_hypothetical(gov):
            return
        frame = _frame_for(gov, slot, etype)
        if frame is not None and slot == "dobj" and any(c.dep_ in {"oprd", "acomp", "xcomp", "ccomp"}
                                                        for c in gov.children):
            return  # "called the meeting a success", "found the talks useful": a judgment, not a role
        if frame is not None:
            if frame.subject:
                for k in _clause_subjects(gov, actors):
                    role = frame.subject
                    if role == "attended" and etype in {"Meeting", "Session"} and self._body(k):
                        role = "hosted"  # "the council held an emergency meeting": its own sitting
                    self._add(k, role, gi, gov.i, gov.lemma_)
            if frame.object:
                objs: list[str] = []
                for c in gov.children:
                    if c.dep_ in {"dobj", "nsubjpass"} and c.i != tok.i and c.i not in self.heads:
                        objs += expand_actors(c, actors)
                    if c.dep_ == "prep" and c.lower_ in {"beside", "alongside", "next", "with"}:
                        for p in c.subtree:  # "stood beside X at the parade", "next to X"
                            if p.dep_ == "pobj" and p.i not in self.heads:
                                objs += [k for k in expand_actors(p, actors) if k not in objs]
                for k in objs:
                    self._add(k, frame.object, gi, gov.i, gov.lemma_)
            return
        # an act placed in an event: "X said at the summit", "during his visit, X stressed",
        # "from the NATO summit, X warned", "X lifted its objection following talks with Y"
        if etype not in PARTICIPATION_TYPES or not slot.startswith("prep:"):
            return
        word = slot[5:]
        ok = word in {"at", "during", "sidelines", "from"} and etype not in {"Election", "Vote"}
        if word in {"following", "after", "in", "through"} and etype in CONSULT_TYPES:
            ok = True
        if word in {"on", "in"} and etype in GROUPS["travel"]:
            ok = True
        if not ok:
            return
        who = _clause_subjects(gov, actors)
        if not who and is_passive(gov):
            for c in gov.children:  # "an agreement was reached with China at the talks"
                if c.dep_ == "prep" and c.lower_ == "with":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            who += expand_actors(p, actors)
        for k in who:
            self._add(k, "attended", gi, gov.i, word)

    def _role_noun(self, frame: RoleFrame, gov: Token, gi: int) -> None:
        """ "Lula, host of the summit"; "the presence of Boric at the parade"; "among the guests at"."""
        actors = self.actors
        who: list[str] = []
        for c in gov.children:
            if c.dep_ == "poss":
                who += expand_actors(c, actors)
            if c.dep_ == "prep" and c.lower_ == "of" and "prep:of" not in frame.slots:
                for p in c.children:
                    if p.dep_ == "pobj":
                        who += expand_actors(p, actors)
        if not who and gov.dep_ == "appos":
            who = expand_actors(gov.head, actors)
        if not who and gov.dep_ in {"attr", "pobj", "npadvmod"}:
            v = gov.head if gov.dep_ != "pobj" else gov.head.head
            if v.pos_ in {"VERB", "AUX"} and not is_negated(v):
                who = expand_actors(subject_of(v), actors)
        for k in who:
            self._add(k, frame.subject or "attended", gi, gov.i, gov.lower_)

    def hosting_without_event(self) -> None:
        """ "X welcomed / received / hosted Y" with no event named: Y's visit, else the article's main event."""
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if lemma not in {"welcome", "receive", "host", "greet"}:
                continue
            if tok.pos_ == "VERB":
                if is_negated(tok) or is_hypothetical(tok):
                    continue
            elif not (tok.pos_ == "NOUN" and lemma == "welcome"):
                continue
            if any(c.i in self.heads or any(p.i in self.heads for p in c.children) for c in tok.children):
                continue  # an event named: the frames handle it
            guests: list[str] = []
            host: list[str] = []
            if tok.pos_ == "NOUN":  # "a warm welcome was reserved for him by X"
                verb = tok.head
                for c in verb.children:
                    if c.dep_ == "prep" and c.lower_ == "for":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                guests += expand_actors(p, self.actors)
                host = expand_actors(passive_agent(verb), self.actors)
            elif is_passive(tok):
                host = expand_actors(passive_agent(tok), self.actors)
                guests = expand_actors(next((c for c in tok.children if c.dep_ == "nsubjpass"), None), self.actors)
            else:
                host = _clause_subjects(tok, self.actors)
                guests = expand_actors(next((c for c in tok.children if c.dep_ == "dobj"), None), self.actors)
                if not guests:  # "hosted a banquet for X"
                    for c in list(tok.children) + [d for c in tok.children if c.dep_ == "dobj" for d in c.children]:
                        if c.dep_ == "prep" and c.lower_ == "for":
                            guests += [k for p in c.children if p.dep_ == "pobj" for k in expand_actors(p, self.actors)]
            people = [g for g in guests if self.actors.actors[g].type == "Person" and g not in host]
            if not host or not people:
                continue
            gi = self._visit_of(people, tok.idx)
            if gi is None:
                gi = self._main_event()
                if gi is None:
                    gi = self._implied_visit(tok, people)  # "X was hosted by Y at the White House"
                if gi is None:
                    continue
                for k in people:
                    self._add(k, "attended", gi, tok.i, lemma)
            for k in host:
                if k not in {a for m in self.groups[gi] for a in m.agents}:
                    self._add(k, "hosted", gi, tok.i, lemma)

    def attendance_lists(self) -> None:
        """ "In attendance were X, Y and Z", "Also present were X", "X was among those present",
        "Among those attending were X": a list of those at a gathering, named in the clause ("present
        at the summit") or else the gathering last mentioned before (else the article's main one)."""
        for tok in self.doc:
            if tok.lemma_.lower() != "be" or tok.pos_ not in {"AUX", "VERB"}:
                continue
            kids = list(tok.children)
            marker = None
            for c in kids:
                if c.dep_ in {"acomp", "attr", "advmod", "csubj", "advcl"} and c.lower_ in {"present", "attending"}:
                    marker = c
                elif c.dep_ == "prep" and c.lower_ in {"in", "among"}:
                    words = {p.lower_ for p in c.subtree}
                    if c.lower_ == "in" and any(p.dep_ == "pobj" and p.lower_ == "attendance" for p in c.children):
                        marker = c
                    elif c.lower_ == "among" and words & {"present", "attendance", "attending", "attendees",
                                                           "participants", "guests"}:
                        marker = c
            if marker is None or is_negated(tok) or is_hypothetical(tok):
                continue
            who: list[str] = []
            for c in kids:  # every noun phrase of the list, however the parser chained it
                if c.dep_ in {"nsubj", "attr"} and c.i != marker.i and c.lower_ not in {"those", "there"}:
                    for p in c.subtree:
                        if p.i == c.i or (p.dep_ in {"conj", "appos"} and p.pos_ in {"PROPN", "NOUN"}):
                            who += [k for k in np_actors(p, self.actors) if k not in who]
            if not who:
                continue
            gi = None
            for p in marker.subtree:  # "present at the summit"
                m = next((m for m in self.mentions if m.head == p.i and m.event >= 0), None)
                if m is not None and self._group_type(self.groups[m.event]) in GROUPS["gathering"]:
                    gi = m.event
                    break
            if gi is None:
                best = -1
                for m in self.mentions:
                    if m.event < 0 or m.start >= tok.idx or m.start <= best:
                        continue
                    if self._group_type(self.groups[m.event]) in GROUPS["gathering"] - CONSULT_TYPES:
                        gi, best = m.event, m.start
            if gi is None:
                gi = self._main_event()
            if gi is None:
                continue
            for k in who:
                self._add(k, "attended", gi, tok.i, "present")

    def _implied_visit(self, tok: Token, people: list[str]) -> int | None:
        """A guest received somewhere named, or on a day named, is on a visit: a new Visit event."""
        verb = tok if tok.pos_ == "VERB" else tok.head
        loc = _clause_place(verb, self.actors)
        when = self._date_for(verb)
        if loc is None and when is None:
            return None
        row = next((w for w in event_words() if w.type == "Visit" and w.role == "verb"), None)
        if row is None:
            return None
        label = self.actors.actors[people[0]].label
        m = _Mention(head=verb.i, word=row, type="Visit", start=tok.idx, end=tok.idx + len(tok.text),
                     text=f"visit of {label}", is_verb=True, date=when)
        if loc:
            m.place, m.place_is_country = loc
        m.agents = list(people)
        self.mentions.append(m)
        self.groups.append([m])
        m.event = len(self.groups) - 1
        return m.event

    def _visit_of(self, people: list[str], pos: int) -> int | None:
        """The latest visit (else tour) of one of ``people`` mentioned before ``pos``."""
        for wanted in ("Visit", "Tour"):
            found = self._travel_of(people, pos, wanted)
            if found is not None:
                return found
        return None

    def _travel_of(self, people: list[str], pos: int, wanted: str) -> int | None:
        best, best_pos = None, -1
        for gi, g in enumerate(self.groups):
            if not g or self._group_type(g) != wanted:
                continue
            travellers = {k for m in g for k in m.agents}
            travellers |= {a for a, role, g2, _t, _c in self.parts if g2 == gi and role == "attended"}
            before = [m.start for m in g if m.start <= pos]
            if set(people) & travellers and before and max(before) > best_pos:
                best, best_pos = gi, max(before)
        return best

    def _main_event(self) -> int | None:
        """The article's most mentioned gathering, when one stands out."""
        counts: Counter = Counter()
        for gi, g in enumerate(self.groups):
            if g and self._group_type(g) in GROUPS["gathering"] - CONSULT_TYPES:
                counts[gi] = len(g)
        if not counts:
            return None
        top = counts.most_common(2)
        if len(top) > 1 and top[0][1] == top[1][1]:
            return None
        return top[0][0]

    # -- output -------------------------------------------------------------

    def build(self) -> EventAnalysis:
        self.find()
        self.group()
        self.participation()
        self._fold_visits()
        self.hosting_without_event()
        self.attendance_lists()
        events: list[Event] = []
        mentions: list[EventMention] = []
        parts: list[Participation] = []
        targets: list[tuple[str, str, int]] = []
        prefix = (self.article.id or "x")[:10]
        fallback = self.article.date or (self.ref.day.isoformat() if self.ref else None)
        n = 0
        for gi, g in enumerate(self.groups):
            if not g:
                continue
            etype = self._group_type(g)
            if etype == "*":
                continue
            if etype in {"Deal", "Ceasefire"} and not any(m.concluded for m in g):
                continue  # an agreement under discussion is not (yet) an event
            gparts = [p for p in self.parts if p[2] == gi]
            gtargets = [k for m in g for k in m.targets]
            anchored = bool(gparts or gtargets or any(m.modifiers or m.proper or m.place or m.with_ or m.agents
                                                        or (m.date and len(m.date) >= 7 and not m.is_verb)
                                                        for m in g))
            if all(m.word.role == "weak" for m in g) and not (gparts or any(m.agents or m.with_ for m in g)):
                anchored = False  # "sanctions on Russia must not be lifted": a policy, not a package
            if all(self._another(m) for m in g) and not gparts:
                anchored = False  # "the next round of talks": planned, and nobody is said to take part
            if not anchored:
                continue
            n += 1
            key = f"{prefix}-e{n}"
            name, aliases = self._names(g, etype)
            place = self._place(g)
            if place and norm(place) not in norm(name):
                name = f"{name} {'to' if etype in GROUPS['travel'] else 'in'} {place}"
            first = min(g, key=lambda m: m.start)
            events.append(Event(key=key, type=etype, name=name, aliases=aliases, date=self._when(g, fallback),
                                place=place, start=first.start, end=first.end))
            for m in sorted(g, key=lambda m: m.start):
                mentions.append(EventMention(key, m.head, m.start, m.end))
            hosts = {a for a, role, *_ in gparts if role == "hosted"}
            seen: set[tuple[str, str]] = set()
            people = self.actors.actors
            for actor, role, _g, tok, cue in gparts:
                if (actor, role) in seen or (role == "attended" and actor in hosts
                                             and people[actor].type != "Person"):
                    continue
                seen.add((actor, role))
                parts.append(Participation(actor, role, key, tok, cue))
            for actor, role, _g, tok, cue in gparts:  # a host in person is there
                if role == "hosted" and people[actor].type == "Person" and (actor, "attended") not in seen \
                        and etype in GROUPS["gathering"]:
                    seen.add((actor, "attended"))
                    parts.append(Participation(actor, "attended", key, tok, cue))
            for m in g:
                for k in m.targets:
                    if all((key, k) != (a, b) for a, b, _ in targets):
                        targets.append((key, k, m.head))
        return EventAnalysis(tuple(events), tuple(mentions), tuple(parts), tuple(targets))

    def _when(self, g: list[_Mention], fallback: str | None) -> str | None:
        """A day named for any mention; else the first mention's month; else the article's date.

        A bare year ("its 2022 invasion") is no date of ours, but it forbids the
        article's date when that falls in another year.
        """
        ordered = sorted(g, key=lambda m: m.start)
        for m in ordered:
            if m.date and len(m.date) == 10:
                return m.date
        if ordered[0].date and len(ordered[0].date) == 7:
            return ordered[0].date
        years = {m.date for m in ordered if m.date and len(m.date) == 4}
        if fallback and (not years or fallback[:4] in years):
            return fallback
        if years:
            return None
        return next((m.date for m in ordered if m.date and len(m.date) >= 7), None)

    def _names(self, g: list[_Mention], etype: str) -> tuple[str, tuple[str, ...]]:
        texts: list[str] = []
        for m in sorted(g, key=lambda m: m.start):
            t = m.text
            if t and t not in texts and len(t) <= 120:
                texts.append(t)
        if not texts:
            return etype, ()

        def richness(t: str) -> tuple[int, int, int]:
            caps = sum(1 for w in t.split() if w[:1].isupper())
            return (caps, -abs(len(t.split()) - 5), -texts.index(t))

        own = [m for m in g if m.type == etype] or g
        nouns = [m.text for m in own if m.word.role in {"event", "weak"} and not m.is_verb and m.text] or \
            [m.text for m in own if m.text] or texts
        name = max(nouns, key=richness)
        return name, tuple(t for t in texts if t != name)[:12]

    def _place(self, g: list[_Mention]) -> str | None:
        cities = Counter(m.place for m in g if m.place and not m.place_is_country)
        if cities:
            return cities.most_common(1)[0][0]
        countries = Counter(m.place for m in g if m.place)
        return countries.most_common(1)[0][0] if countries else None


def _is_facility(doc: Doc, place: str) -> bool:
    return any(e.label_ == "FAC" and e.text.strip() == place for e in doc.ents)


def _clause_place(verb: Token, actors: ActorIndex, exclude: Token | None = None) -> tuple[str, bool] | None:
    """A place attached by in / at to a verb or to its direct object ("joined Xi in Beijing")."""
    found = _place_of(verb, actors, frozenset({"in", "at"}))
    if found:
        return found
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"} and (exclude is None or c.i != exclude.i):
            found = _place_of(c, actors, frozenset({"in", "at"}))
            if found:
                return found
    return None


def _same_place(a: str, b: str) -> bool:
    x, y = norm(a), norm(b)
    return x == y or x.startswith(y + " ") or y.startswith(x + " ")


def _dates_close(a: str, b: str, days: int = 1) -> bool:
    if len(a) < 10 or len(b) < 10:
        return a[:7] == b[:7]
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= days
    except ValueError:
        return a == b


def analyse_events(doc: Doc, article: Article, actors: ActorIndex) -> EventAnalysis:
    """Find the article's events, their mentions, and who took part in them and how.

    Never raises on odd input: an article the rules cannot read gives an empty analysis.
    """
    cached = doc.user_data.get("kg_event_analysis")
    if cached is not None and cached[0] is actors:
        return cached[1]  # events and relations both read the one analysis of this Doc
    try:
        result = _Reader(doc, article, actors).build()
    except Exception:  # noqa: BLE001 - one odd parse must not lose the article
        result = EventAnalysis()
    doc.user_data["kg_event_analysis"] = (actors, result)
    return result


def extract_events(doc: Doc, article: Article, actors: ActorIndex) -> Sequence[Event]:
    """The article's events, one per real event (see the module docstring).

    Args:
        doc: the article parsed by :func:`kg.nlp.load_pipeline`.
        article: the article (its date resolves relative dates).
        actors: the article's actors (participants, places that are states).
    """
    return analyse_events(doc, article, actors).events
