"""Relations: the closed predicate set, coded from verbs, nouns and events.

A pure function of the parsed ``Doc``, the article, its actors and its events.
Three sources, all general:

* **Participation** (``attended``, ``hosted``) comes from the events stage
  (:func:`kg.extract.events.analyse_events`), as do the actor-to-actor facts
  an event carries: the launcher and the target of an attack give
  ``attacked``, the imposer and the target of a sanctions package give
  ``sanctioned``, the sides of a meeting or of talks and the traveller and the
  host of a visit give ``met``.
* **Verbs** of ``data/relation_verbs.tsv`` (lemma -> predicate, CAMEO code,
  PLOVER category): the subject (or the passive agent, "X was accused by Y")
  and the object (direct object, passive subject, or a prepositional object
  such as "lashed out at X") are resolved to actors, coordination expanded
  ("Lula, Boric and Petro"), pronouns and relative pronouns resolved (never to
  the subject itself: "Minsk ... backing its war effort").
* **Nominalisations** of the same file ("Lula's accusation against Peru",
  "criticism of X from Y", "levies from the Lula government" on the
  subject of "faces", "in a swipe at X, the group's declaration ...").

An object that is a thing stands for its owner when it has one ("backed
Israel's right"), and an event named as an object for those who carried it
out ("Qatar condemned the strike" -> the striker); a thing a harm falls on
stands for the state it belongs to ("struck Iranian nuclear sites").

Negation ("did not attend", "never met", "no officials attended") gives no
fact, nor does modality ("may meet", "plans to visit", "if"), except that a
harm (attack, sanction, threat) that is vowed, promised or threatened is coded
as ``threatened``. ``met`` is symmetric (emitted once per pair). A denial or
rejection of a claim, demand or proposal gives ``rejected`` from the denier to
the one who made it: the claim's owner ("rejected Lula's claims", "the
proposal made by X") or, for "denies this" / "rejected the claim" / "denied
that ...", the nearest earlier claimant who is not on the denier's side.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.extract import sentence_of
from kg.extract.actors import ActorIndex
from kg.extract.events import (
    CONSULT_TYPES,
    GROUPS,
    EventAnalysis,
    analyse_events,
    conjuncts,
    expand_actors,
    is_hypothetical,
    is_negated,
    is_passive,
    np_actors,
    passive_agent,
    subject_of,
    thing_owner,
)
from kg.models import PREDICATES, Article, Event, Relation

DATA = Path(__file__).resolve().parent.parent / "data"

#: CAMEO / PLOVER of the predicates that come from events rather than from the verb lexicon.
EVENT_CODES: dict[str, tuple[str | None, str | None]] = {
    "attended": (None, None), "hosted": ("043", None), "met": ("04", "CONSULT"),
    "attacked": ("19", "ASSAULT"), "sanctioned": ("163", "SANCTION"), "threatened": ("13", "THREATEN"),
}
#: Predicates that, vowed or threatened rather than done, are a threat.
HARMS = {"attacked", "sanctioned", "threatened", "criticized"}
#: Verbs whose clause is a commitment to do harm ("vowed to target Spain").
COMMIT_VERBS = {"vow", "threaten", "pledge", "promise", "warn", "swear", "vow"}
#: Words that name a claim, demand or proposal (whose author a rejection answers).
CLAIM_NOUNS = {
    "claim", "accusation", "allegation", "charge", "remark", "comment", "statement", "assertion", "proposal",
    "demand", "request", "suggestion", "idea", "offer", "plan", "call", "criticism", "word", "argument",
    "narrative", "report", "notion", "threat", "ultimatum", "position", "decision", "policy", "move",
    "initiative", "proposition", "demand", "condition", "precondition", "assessment", "characterization",
    "characterisation", "assertion", "insinuation", "version", "account", "suggestion", "this", "that", "it",
    "these", "those", "invitation", "appeal", "bid", "overture", "entreaty", "ultimatum", "view", "allegations",
}
#: Verbs by which an earlier sentence makes a claim that a later denial answers.
CLAIM_VERBS = {
    "say", "claim", "accuse", "allege", "suggest", "insist", "assert", "charge", "argue", "demand", "want",
    "write", "post", "tweet", "warn", "threaten", "propose", "contend", "maintain", "state", "declare", "call",
    "describe", "blame", "add",
}
#: Verbs whose object with a pronoun possessor is the subject's own ("defended its decision").
SELF_VERBS = {"defend", "justify"}
#: Nouns whose doer must be named, not a pronoun ("its war" is too often read back to the wrong state).
NAMED_DOER_NOUNS = {"war"}
#: Verbs by which two sides do the same thing to each other ("exchanged threats", "traded accusations").
EXCHANGE_VERBS = {"exchange", "trade", "swap"}
#: Verbs of which a sanction-like noun object falls on the subject ("India faces levies from X").
UNDERGO_VERBS = {"face", "suffer", "endure", "incur", "receive", "get"}


@dataclass(frozen=True)
class RelationWord:
    """One row of ``data/relation_verbs.tsv``."""

    lemma: str
    particle: str | None
    noun: bool
    predicate: str
    cameo: str | None
    plover: str | None
    slots: frozenset[str]
    condition: str | None


@lru_cache(maxsize=1)
def relation_words() -> dict[str, tuple[RelationWord, ...]]:
    """The relation lexicon by lemma (nouns keyed ``n:lemma``); unknown predicates are skipped."""
    by: dict[str, list[RelationWord]] = {}
    with open(DATA / "relation_verbs.tsv", encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            row = [c.strip() for c in row] + [""] * (6 - len(row))
            if row[1] not in PREDICATES:
                continue
            noun = row[0].startswith("n:")
            words = (row[0][2:] if noun else row[0]).split()
            w = RelationWord(words[0], words[1] if len(words) > 1 else None, noun, row[1],
                             None if row[2] in {"", "-"} else row[2], None if row[3] in {"", "-"} else row[3],
                             frozenset(s.strip() for s in row[4].split(",") if s.strip()), row[5] or None)
            by.setdefault(("n:" if noun else "") + w.lemma, []).append(w)
    return {k: tuple(v) for k, v in by.items()}


def _has_particle(tok: Token, particle: str) -> bool:
    return any(c.lemma_.lower() == particle and c.dep_ in {"prt", "dobj", "advmod", "prep", "compound"}
               for c in tok.children)


class _Collector:
    """Gathers one article's relations, without repeats."""

    def __init__(self, doc: Doc, actors: ActorIndex, analysis: EventAnalysis | None = None) -> None:
        self.doc, self.actors = doc, actors
        self.out: dict[tuple[str, str, str], Relation] = {}
        # an event named as a verb's object stands for those who carried it out
        # ("Qatar condemned the strike" -> the striker)
        self.event_agents: dict[int, list[str]] = {}
        if analysis is not None:
            agents: dict[str, list[str]] = {}
            for p in analysis.participations:
                if p.role == "agent":
                    agents.setdefault(p.event, []).append(p.actor)
            for m in analysis.mentions:
                if m.event in agents:
                    self.event_agents[m.head] = agents[m.event]

    def add(self, subject: str, predicate: str, obj: str, tok: Token, *, event: bool = False, cue: str = "",
            cameo: str | None = None, plover: str | None = None) -> None:
        if not subject or not obj or subject == obj or predicate not in PREDICATES:
            return
        if not event and (subject not in self.actors.actors or obj not in self.actors.actors):
            return
        if not event and self._same_side(subject, obj):
            return
        if predicate == "met":
            a, b = sorted((subject, obj))
            key = (a, "met", b)
        else:
            key = (subject, predicate, obj)
        if key in self.out:
            return
        sent = sentence_of(tok)
        self.out[key] = Relation(subject=subject, predicate=predicate, object=obj, sentence=sent.text,
                                 start=sent.start_char, end=sent.end_char, object_is_event=event,
                                 cue=cue or tok.text, cameo=cameo, plover=plover)

    def _same_side(self, a: str, b: str) -> bool:
        """Whether one actor stands for the other (a minister and his state)."""
        return same_side(self.actors, a, b)


def same_side(actors: ActorIndex, a: str, b: str) -> bool:
    """Whether one actor is part of or speaks for the other (a minister and his ministry or state)."""
    if a == b:
        return True
    A, B = actors.actors.get(a), actors.actors.get(b)
    if A is None or B is None:
        return False
    if A.country == b or B.country == a:
        return True
    for r in actors.represents:
        if {r.subject, r.object} == {a, b}:
            return True
    return False


# ---------------------------------------------------------------- events


def _event_relations(c: _Collector, analysis: EventAnalysis, events: Sequence[Event]) -> None:
    doc = c.doc
    keys = {e.key for e in events}
    types = {e.key: e.type for e in events}
    by_event: dict[str, list] = {}
    for p in analysis.participations:
        if p.event not in keys:
            continue
        by_event.setdefault(p.event, []).append(p)
        if p.role in {"attended", "hosted"}:
            c.add(p.actor, p.role, p.event, doc[p.token], event=True, cue=p.cue,
                  cameo=EVENT_CODES[p.role][0], plover=EVENT_CODES[p.role][1])
    targets: dict[str, list[tuple[str, int]]] = {}
    for ev, actor, tok in analysis.targets:
        targets.setdefault(ev, []).append((actor, tok))
    for ev, parts in by_event.items():
        etype = types.get(ev)
        agents = [p for p in parts if p.role == "agent"]
        if etype in GROUPS["force"] | GROUPS["measure"]:
            pred = "attacked" if etype in GROUPS["force"] else "sanctioned"
            for a in agents:
                for t, tok in targets.get(ev, []):
                    c.add(a.actor, pred, t, doc[tok], cue=doc[tok].text, cameo=EVENT_CODES[pred][0],
                          plover=EVENT_CODES[pred][1])
        if etype in CONSULT_TYPES or etype in GROUPS["travel"]:
            _met_from_event(c, parts, etype)


def _met_from_event(c: _Collector, parts: list, etype: str) -> None:
    actors = c.actors
    doc = c.doc
    attended = [p for p in parts if p.role == "attended"]
    hosts = [p for p in parts if p.role == "hosted"]
    if etype in GROUPS["travel"]:
        for h in hosts:
            for a in attended:
                c.add(a.actor, "met", h.actor, doc[h.token], cue=h.cue, cameo="04", plover="CONSULT")
        return
    # an organisation hosting a meeting (a council in session) is the forum, not one of the sides
    hosts = [p for p in hosts if actors.actors[p.actor].type != "Organization"]
    people = list(dict.fromkeys(p.actor for p in attended + hosts))
    if len(people) < 2 or len(people) > 6:
        return
    with_side = {p.actor for p in attended if p.cue in {"with", "between", "among"}}
    two_sides = bool(with_side) and len(with_side) < len(people)
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            ta, tb = actors.actors[a].type, actors.actors[b].type
            cross = (a in with_side) != (b in with_side)
            # "X held talks with Y and Z": X met each; Y and Z did not meet each other
            if cross or (not two_sides and (ta == "Person") == (tb == "Person")):
                tok = next(p.token for p in parts if p.actor in {a, b})
                c.add(a, "met", b, doc[tok], cue="meeting", cameo="04", plover="CONSULT")


# ---------------------------------------------------------------- verbs


def _owner(tok: Token, actors: ActorIndex, exclude: set[str] | None = None) -> list[str]:
    """The actor a thing belongs to: "NATO's decision", "the proposal made by X", "claims from X"."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            out += expand_actors(c, actors, exclude)
    if out:
        return out
    for c in tok.children:
        if c.dep_ in {"acl", "relcl"} and c.tag_ == "VBN":
            out += expand_actors(passive_agent(c), actors)
        if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
            for p in c.children:
                if p.dep_ == "pobj":
                    out += expand_actors(p, actors)
        if c.dep_ == "compound" or (c.dep_ == "amod" and c.ent_type_ == "NORP"):
            k = actors.actor_of_token(c.i)
            if k:
                out.append(k)
    return list(dict.fromkeys(out))


def _doers(tok: Token, actors: ActorIndex, participles: bool = True) -> list[str]:
    """Who did a deed named by a noun: its "by" phrase ("the raid by X") or the agent of a participle
    on it ("the strike carried out by X", "the drone downed by X"); never "of" (the victim)."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            for p in c.children:
                if p.dep_ == "pobj":
                    out += expand_actors(p, actors)
        if c.dep_ in {"acl", "relcl"} and c.tag_ == "VBN" and participles:
            out += expand_actors(passive_agent(c), actors)
    return list(dict.fromkeys(out))


def _objects(verb: Token, slots: frozenset[str], actors: ActorIndex,
             exclude: set[str] | None = None) -> tuple[list[str], list[Token]]:
    """Actors in the object slots of a verb, and the object tokens that are not actors.

    ``exclude`` (the subjects) is passed to pronoun resolution: "Minsk ...
    backing its war effort" cannot mean Minsk's own effort.
    """
    found: list[str] = []
    things: list[Token] = []
    heads: list[Token] = []
    if "dobj" in slots or "claim" in slots:
        dep = "nsubjpass" if is_passive(verb) and verb.dep_ != "acl" else "dobj"
        for c in verb.children:
            if c.dep_ == dep:
                heads.extend(conjuncts(c))
        if verb.dep_ == "acl" and is_passive(verb):
            heads.extend(conjuncts(verb.head))
    for s in slots:
        if s.startswith("prep:"):
            word = s[5:]
            for c in verb.children:
                if c.dep_ in {"prep", "agent"} and c.lower_ == word:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            heads.extend(conjuncts(p))
                # "lash out at": the preposition may hang on the particle
                if c.dep_ == "prt":
                    for d in c.children:
                        if d.dep_ == "prep" and d.lower_ == word:
                            for p in d.children:
                                if p.dep_ == "pobj":
                                    heads.extend(conjuncts(p))
    for h in heads:
        keys = np_actors(h, actors, exclude=exclude)
        if keys:
            found += [k for k in keys if k not in found]
        else:
            things.append(h)
    return found, things


def _previous_claimant(tok: Token, denier: list[str], actors: ActorIndex, max_sents: int = 5) -> str | None:
    """The nearest earlier actor who said, claimed or accused something, not on the denier's side."""
    doc = tok.doc
    sent = sentence_of(tok)
    sents = []
    s = sent
    for _ in range(max_sents + 1):
        sents.append(s)
        if s.start == 0:
            break
        s = sentence_of(doc[s.start - 1])
    for k, s in enumerate(sents):
        verbs = [t for t in s if t.pos_ in {"VERB", "AUX"} and (k > 0 or t.i < tok.i)]
        for v in reversed(verbs):
            lemma = v.lemma_.lower()
            if lemma not in CLAIM_VERBS:
                continue
            if is_negated(v):
                continue
            subj = passive_agent(v) if is_passive(v) else subject_of(v)
            for a in expand_actors(subj, actors):
                if any(a == d or same_side(actors, a, d) for d in denier):
                    continue
                return a
        # nouns: "Lula's accusation", "the claims by X"
        for t in reversed([t for t in s if k > 0 or t.i < tok.i]):
            if t.lemma_.lower() in {"accusation", "allegation", "claim", "charge", "demand", "proposal"}:
                for a in _owner(t, actors):
                    if not any(a == d or same_side(actors, a, d) for d in denier):
                        return a
    return None


def _commitment(verb: Token) -> bool:
    """Whether the clause is vowed, promised or threatened ("vowed to target", "will hit")."""
    t = verb
    for _ in range(3):
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in COMMIT_VERBS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "would", "shall"} for c in t.children):
            return True
        if t.dep_ in {"xcomp", "conj"}:
            t = t.head
            continue
        break
    return False


def _condition_holds(verb: Token, condition: str) -> bool:
    """Whether the thing a verb imposes or uses matches a row's condition: its object ("imposed
    tariffs on X"), the noun it qualifies ("the sanctions imposed on X") or its instrument ("hit
    X with sanctions")."""
    things = [d for d in verb.children if d.dep_ in {"dobj", "nsubjpass"}]
    if verb.dep_ == "acl":  # "the sanctions imposed on Russia by the EU"
        things.append(verb.head)
    for head in [verb, *(d for d in verb.children if d.dep_ == "dobj")]:  # the parser hangs "with" on either
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ == "with" and p.i > verb.i:
                things += [d for d in p.children if d.dep_ == "pobj"]
    things += [c for t in things for c in t.children if c.dep_ == "compound"]  # "a sanctions package"
    return any(re.search(condition, t.lower_) or re.search(condition, t.lemma_.lower()) for t in things)


def _verb_relations(c: _Collector, tok: Token) -> None:
    words = relation_words().get(tok.lemma_.lower())
    if not words:
        return
    actors = c.actors
    # a row with a condition on what is used or imposed wins over the verb's plain row when it
    # holds: "targeted X with sanctions" is a sanction, "targeted X" an attack
    conditioned = any(x.condition and not x.particle and _condition_holds(tok, x.condition) for x in words)
    for w in words:
        if w.particle and not _has_particle(tok, w.particle):
            continue
        if not w.particle and any(
                x.particle and _has_particle(tok, x.particle) for x in words if x is not w):
            continue
        if conditioned and not w.condition and not w.particle:
            continue
        if is_negated(tok):
            return
        predicate = w.predicate
        cameo, plover = w.cameo, w.plover
        if is_hypothetical(tok):
            if predicate in HARMS and _commitment(tok):
                predicate, cameo, plover = "threatened", "13", "THREATEN"
            else:
                return
        subj = passive_agent(tok) if is_passive(tok) else subject_of(tok)
        subjects = expand_actors(subj, actors)
        if not subjects and subj is not None and subj.pos_ in {"NOUN", "PROPN"}:
            subjects = _owner(subj, actors)  # "the group's declaration criticized ..."
        if not subjects:
            return
        if tok.lemma_.lower() in SELF_VERBS and any(d.dep_ == "dobj" and any(
                e.dep_ == "poss" and e.pos_ == "PRON" for e in d.children) for d in tok.children):
            return  # "X defended its decision": its own
        objects, things = _objects(tok, w.slots, actors, set(subjects))
        if w.condition and not _condition_holds(tok, w.condition):
            return
        if "claim" in w.slots:
            if predicate == "praised" and objects:
                # "welcomed Boric" is a reception, not praise; "welcomed the decision of X" is praise
                named = {k for d in tok.children if d.dep_ in {"dobj", "nsubjpass"}
                         and (d.pos_ == "PRON" or actors.actor_of_token(d.i)) for k in expand_actors(d, actors)}
                objects = [o for o in objects if o not in named]
            for t in things:
                owner = _owner(t, actors, set(subjects)) or [
                    o for o in c.event_agents.get(t.i, []) if o not in subjects]
                if not owner and (t.lemma_.lower() in CLAIM_NOUNS or t.lower_ in CLAIM_NOUNS) \
                        and predicate == "rejected":
                    prev = _previous_claimant(tok, subjects, actors)
                    owner = [prev] if prev else []
                objects += [o for o in owner if o not in objects]
            if not objects and predicate == "rejected" and not things and (
                    any(d.dep_ == "ccomp" for d in tok.children) or not any(d.dep_ == "dobj" for d in tok.children)):
                prev = _previous_claimant(tok, subjects, actors)
                objects = [prev] if prev else []
        elif not objects and things and predicate not in {"met", "invited"}:
            for t in things:
                if t.i in c.event_agents:  # "condemned the strike": the striker
                    objects += [o for o in c.event_agents[t.i] if o not in objects and o not in subjects]
                    continue
                if any(d.dep_ == "poss" for d in t.children):  # "backed Israel's right", "NATO's decision"
                    objects += [o for o in _owner(t, actors, set(subjects)) if o not in objects]
                    continue
                doers = _doers(t, actors)  # "condemned the reckless act by X", "the raid carried out by X"
                if not doers and t.dep_ == "dobj" and not is_passive(tok):
                    doers = _doers(tok, actors, participles=False)  # the parser hung "by X" on the verb
                if doers:  # the doer named is not among the critics, whatever "they" was taken for
                    subjects = [x for x in subjects if x not in doers]
                    objects += [o for o in doers if o not in objects]
                    continue
                if predicate in {"attacked", "sanctioned", "accused", "threatened"}:
                    # "struck Iranian nuclear sites", "accused a Chilean vessel of ramming"
                    objects += [o for o in thing_owner(t, actors, set(subjects)) if o not in objects]
                    continue
                if t.lemma_.lower() in {"remark", "claim", "statement", "comment", "decision", "policy", "war",
                                        "effort", "move", "position", "plan", "government", "action", "actions",
                                        "aggression", "proposal", "stance", "rhetoric", "tariff", "tariffs",
                                        "conduct", "behaviour", "behavior", "approach", "attack", "invasion",
                                        "interference", "program", "programme", "campaign", "operation",
                                        "offensive", "economy", "leadership", "role", "efforts", "bid"}:
                    objects += [o for o in _owner(t, actors, set(subjects)) if o not in objects]
        if _reciprocal(tok) and len(subjects) >= 2:  # "Israel and Hamas accused each other"
            for a in subjects:
                for b in subjects:
                    if a != b:
                        c.add(a, predicate, b, tok, cue=tok.lemma_, cameo=cameo, plover=plover)
            return
        for s in subjects:
            for o in objects:
                c.add(s, predicate, o, tok, cue=tok.lemma_, cameo=cameo, plover=plover)
        if predicate == "met" and not objects and len(subjects) >= 2:
            for i, a in enumerate(subjects):
                for b in subjects[i + 1:]:
                    c.add(a, "met", b, tok, cue=tok.lemma_, cameo=cameo, plover=plover)
        return


def _reciprocal(verb: Token) -> bool:
    """Whether the object is "each other" / "one another"."""
    for c in verb.subtree:
        if c.lower_ == "other" and c.i > 0 and verb.doc[c.i - 1].lower_ == "each":
            return True
        if c.lower_ == "another" and c.i > 0 and verb.doc[c.i - 1].lower_ == "one":
            return True
    return False


#: Words that brand a claim as untrue ("called the accusations baseless").
DISMISSIVE = re.compile(r"\b(baseless|groundless|unfounded|false|fake|absurd|ridiculous|nonsense|lies?|lying|"
                        r"fabricat\w*|slander\w*|smear|propaganda|disinformation|provocation|hysteria|"
                        r"irrespons\w+|misguided|without (any )?basis|not without irony|untrue|preposterous)\b")


def _branding(c: _Collector, tok: Token) -> None:
    """ "X called / described / branded Y's claims baseless": X rejected Y (the claim's author)."""
    if tok.lemma_.lower() not in {"call", "describe", "brand", "label", "term", "characterize", "characterise"}:
        return
    if is_negated(tok) or is_hypothetical(tok):
        return
    obj = next((d for d in tok.children if d.dep_ == "dobj"), None)
    if obj is None or (obj.lemma_.lower() not in CLAIM_NOUNS and obj.lower_ not in CLAIM_NOUNS):
        return
    complement = " ".join(t.text for d in tok.children if d.dep_ in {"oprd", "xcomp", "ccomp", "acomp", "prep", "advcl"}
                          for t in d.subtree)
    complement += " " + " ".join(t.text for d in obj.children if d.dep_ in {"amod", "acl", "prep"} and d.i > obj.i
                                 for t in d.subtree)
    if not DISMISSIVE.search(complement.lower()):
        return
    subjects = expand_actors(subject_of(tok), c.actors)
    owners = _owner(obj, c.actors, set(subjects))
    if not owners:
        prev = _previous_claimant(tok, subjects, c.actors)
        owners = [prev] if prev else []
    for s in subjects:
        for o in owners:
            c.add(s, "rejected", o, tok, cue=tok.lemma_, cameo="12", plover="REJECT")


def _accusation_content(noun: Token, actors: ActorIndex) -> list[str]:
    """The accused of "accusations ... that Beijing used X to conspire with Russia": subject and partners."""
    out: list[str] = []
    for c in noun.children:
        if c.dep_ in {"acl", "relcl", "ccomp"} and any(d.lower_ == "that" and d.dep_ in {"mark", "nsubj"} and d.i < c.i
                                                        for d in c.children):
            subj = next((d for d in c.children if d.dep_ == "nsubj" and d.lower_ != "that"), None)
            out += expand_actors(subj, actors)
            for t in c.subtree:
                if t.dep_ == "prep" and t.lower_ == "with":
                    for p in t.children:
                        if p.dep_ == "pobj":
                            out += expand_actors(p, actors)
    return list(dict.fromkeys(out))


def _noun_relations(c: _Collector, tok: Token) -> None:
    words = relation_words().get("n:" + tok.lemma_.lower())
    if not words:
        return
    actors = c.actors
    if any(d.dep_ == "det" and d.lower_ in {"no", "any"} for d in tok.children):
        return
    gov = tok.head
    while gov.dep_ in {"prep", "pobj", "conj"} and gov.head.i != gov.i and gov.pos_ not in {"VERB", "AUX"}:
        gov = gov.head
    if gov.pos_ in {"VERB", "AUX"} and gov.i != tok.i and (is_negated(gov) or is_hypothetical(gov)):
        return
    for w in words:
        if w.condition and not re.search(w.condition, sentence_of(tok).text.lower()):
            continue
        subjects: list[str] = []
        for d in tok.children:
            if d.dep_ == "poss" and not (d.pos_ == "PRON" and tok.lemma_.lower() in NAMED_DOER_NOUNS):
                subjects += expand_actors(d, actors)
            if d.dep_ in {"compound", "amod"} and actors.actor_of_token(d.i):
                subjects.append(actors.actor_of_token(d.i))  # type: ignore[arg-type]
            if d.dep_ == "prep" and d.lower_ in {"by", "from"}:
                for p in d.children:
                    if p.dep_ == "pobj":
                        subjects += expand_actors(p, actors)
            if d.dep_ in {"acl", "relcl"} and d.tag_ == "VBN":
                subjects += expand_actors(passive_agent(d), actors)
        if not subjects and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in {"in", "with"} \
                and tok.head.head.pos_ in {"VERB", "AUX"}:
            verb = tok.head.head  # "In a swipe at X, the group's declaration raised concerns"
            subj = subject_of(verb)
            subjects = expand_actors(subj, actors) or (_owner(subj, actors) if subj is not None else [])
        if not subjects and tok.dep_ in {"dobj"} and tok.head.lemma_.lower() in {
                "make", "level", "issue", "launch", "lodge", "voice", "express", "extend", "offer", "impose",
                "announce", "slap", "deliver", "issue", "hold", "have"}:
            subjects = expand_actors(subject_of(tok.head), actors)
        if not subjects and tok.dep_ == "pobj" and tok.head.lower_ == "for" \
                and tok.head.head.lemma_.lower() in {"call", "demand", "appeal", "push"}:
            call = tok.head.head  # "X led calls for condemnation of Y": the caller's
            subjects = _owner(call, actors)
            if not subjects and call.dep_ == "dobj" and not is_negated(call.head) and not is_hypothetical(call.head):
                subjects = expand_actors(subject_of(call.head), actors)
        if not subjects and tok.dep_ == "dobj" and tok.head.lemma_.lower() in EXCHANGE_VERBS \
                and not is_negated(tok.head):
            # "X and Y exchanged threats": each did it to the other
            sides = expand_actors(subject_of(tok.head), actors)
            for a in sides:
                for b in sides:
                    if a != b:
                        c.add(a, w.predicate, b, tok, cue=tok.lemma_, cameo=w.cameo, plover=w.plover)
            return
        objects: list[str] = []
        for d in tok.children:
            if d.dep_ == "prep" and "prep:" + d.lower_ in w.slots:
                for p in d.children:
                    if p.dep_ == "pobj":
                        got = expand_actors(p, actors)
                        if not got and w.predicate not in {"met", "invited"}:
                            got = _owner(p, actors)
                        if not got and w.predicate in {"sanctioned", "attacked"}:  # "tariffs on Chilean wine"
                            got = thing_owner(p, actors, set(subjects))
                        if not got and w.predicate not in {"met", "invited"}:  # "condemnation of the raid"
                            got = [o for o in c.event_agents.get(p.i, []) if o not in subjects]
                        objects += got
        if not objects and w.predicate == "accused":
            objects = _accusation_content(tok, actors)
        if not objects and w.predicate == "sanctioned" and tok.dep_ == "dobj" \
                and tok.head.lemma_.lower() in UNDERGO_VERBS and not is_negated(tok.head):
            objects = expand_actors(subject_of(tok.head), actors)
        subjects = [s for s in dict.fromkeys(subjects) if s not in objects]
        for s in subjects:
            for o in dict.fromkeys(objects):
                c.add(s, w.predicate, o, tok, cue=tok.lemma_, cameo=w.cameo, plover=w.plover)
        return


# ---------------------------------------------------------------- entry point


def extract_relations(doc: Doc, article: Article, actors: ActorIndex, events: Sequence[Event]) -> Sequence[Relation]:
    """The article's coded relations (all but ``represents``, which the actors stage gives).

    Args:
        doc: the article parsed by :func:`kg.nlp.load_pipeline`.
        article: the article.
        actors: its actors and mentions.
        events: its events (from :func:`kg.extract.events.extract_events`); participation
            relations point at their keys.
    """
    try:
        return relations_of(doc, article, actors, events, analyse_events(doc, article, actors))
    except Exception:  # noqa: BLE001 - one odd parse must not lose the article
        return ()


def relations_of(doc: Doc, article: Article, actors: ActorIndex, events: Sequence[Event],
                 analysis: EventAnalysis) -> tuple[Relation, ...]:
    """:func:`extract_relations` given the events analysis (raises on a bug: for tests and debugging)."""
    c = _Collector(doc, actors, analysis)
    _event_relations(c, analysis, events)
    for tok in doc:
        if tok.pos_ in {"VERB", "AUX"} or (tok.dep_ == "xcomp" and any(d.dep_ == "dobj" for d in tok.children)):
            _verb_relations(c, tok)  # "threatened to fine X": a verb the tagger took for an adjective
            _branding(c, tok)
        elif tok.pos_ in {"NOUN", "PROPN"}:
            _noun_relations(c, tok)
    return tuple(c.out.values())

