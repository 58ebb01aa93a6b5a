"""Events: mentions, one event per real event, dates, places, participation, and cross-article keys.

Sentences are written for these tests. The pipeline is loaded once per module.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.events import event_words, parse_date, role_frames
from kg.models import Event
from kg.namespace import GEO
from kg.resolve import KnownEvent, event_key, resolve_events


@pytest.fixture(scope="module")
def extract():
    """extract_text with the pipeline built once for the module."""
    from kg.pipeline import extract_text

    extract_text("Warm-up.", date="2025-01-01")
    return extract_text


def labels(facts):
    return {a.key: a.label for a in facts.actors}


def participation(facts, predicate):
    """(actor label, event type) pairs of one participation predicate."""
    lab = labels(facts)
    types = {e.key: e.type for e in facts.events}
    return {(lab.get(r.subject, r.subject), types.get(r.object)) for r in facts.relations
            if r.predicate == predicate and r.object_is_event}


# ---------------------------------------------------------------- data files


def test_event_types_are_ontology_classes():
    known = set(GEO.__annotations__)
    for row in event_words():
        assert row.type == "*" or row.type in known, row
    for frames in role_frames().values():
        for f in frames:
            assert f.types and f.types <= known, f


# ---------------------------------------------------------------- dates (no model needed)


@pytest.mark.parametrize("text,ref,future,expected", [
    ("on Wednesday", date(2025, 6, 13), False, "2025-06-11"),   # a Friday: the Wednesday before
    ("Friday", date(2025, 6, 13), False, "2025-06-13"),         # the same day
    ("Monday", date(2025, 6, 13), True, "2025-06-16"),          # a future clause: the next one
    ("yesterday", date(2025, 6, 13), False, "2025-06-12"),
    ("last week", date(2025, 6, 13), False, "2025-06"),
    ("last month", date(2025, 6, 13), False, "2025-05"),
    ("in March", date(2025, 6, 13), False, "2025-03"),
    ("June 2", date(2025, 6, 13), False, "2025-06-02"),
    ("Tuesday, 4 November", date(2025, 6, 13), False, "2025-11-04"),  # the weekday fixes the year
    ("12 February 2024", None, False, "2024-02-12"),
    ("three days", date(2025, 6, 13), False, None),              # a duration
    ("2019", date(2025, 6, 13), False, None),                    # a bare year
    ("on Thursday", None, False, None),                          # nothing to resolve against
])
def test_parse_date(text, ref, future, expected):
    assert parse_date(text, ref, future) == expected


# ---------------------------------------------------------------- mentions, names, places, dates


def test_one_event_per_real_event(extract):
    facts = extract("Leaders from twenty countries gathered for the climate summit in Nairobi on Tuesday. "
                    "Emmanuel Macron attended the summit. The gathering ended with a joint declaration.",
                    date="2025-10-16")
    summits = [e for e in facts.events if e.type == "Summit"]
    assert len(summits) == 1
    ev = summits[0]
    assert "summit" in ev.name.lower() and ev.place == "Nairobi"
    assert ev.date == "2025-10-14"


def test_relative_date_against_article_date(extract):
    facts = extract("Narendra Modi and Emmanuel Macron held talks in Marseille yesterday.", date="2025-02-13")
    talks = [e for e in facts.events if e.type == "Talks"]
    assert talks and talks[0].date == "2025-02-12"


def test_article_date_when_the_sentence_has_none(extract):
    facts = extract("Emmanuel Macron attended a military parade in Paris.", date="2025-07-14")
    assert [(e.type, e.date) for e in facts.events] == [("Parade", "2025-07-14")]


def test_date_read_from_text_when_article_has_none(extract):
    facts = extract("Emmanuel Macron arrived in Rabat on Monday, 28 October for a state visit. "
                    "The two countries signed a trade accord in 2023.")
    visits = [e for e in facts.events if e.type == "Visit"]
    assert visits and visits[0].date == "2024-10-28"  # the year near 2023 in which 28 October was a Monday


# ---------------------------------------------------------------- participation


def test_coordinated_attendees(extract):
    facts = extract("Vladimir Putin, Xi Jinping and Narendra Modi attended the summit in Kazan.", date="2024-10-23")
    assert participation(facts, "attended") == {
        ("Vladimir Putin", "Summit"), ("Xi Jinping", "Summit"), ("Narendra Modi", "Summit")}


def test_host_and_guests(extract):
    facts = extract("Xi Jinping hosted Vladimir Putin and Narendra Modi at the parade in Beijing.",
                    date="2025-09-03")
    assert participation(facts, "hosted") == {("Xi Jinping", "Parade")}
    # the guests attended; a host in person is there too
    assert participation(facts, "attended") == {("Vladimir Putin", "Parade"), ("Narendra Modi", "Parade"),
                                                ("Xi Jinping", "Parade")}


def test_negated_attendance_gives_nothing(extract):
    facts = extract("Emmanuel Macron did not attend the summit in Brussels. "
                    "No American officials attended the ceremony in Warsaw.", date="2025-03-01")
    assert participation(facts, "attended") == set()


def test_modal_and_planned_attendance_give_nothing(extract):
    facts = extract("Narendra Modi may attend the summit in Johannesburg. "
                    "Vladimir Putin plans to attend the parade in Minsk.", date="2025-03-01")
    assert participation(facts, "attended") == set()


def test_visit_traveller_and_host(extract):
    facts = extract("Emmanuel Macron arrived in Nairobi on Friday for a state visit. "
                    "He was welcomed at the airport by William Ruto.", date="2025-05-10")
    visits = [e for e in facts.events if e.type == "Visit"]
    assert len(visits) == 1 and visits[0].place == "Nairobi"
    assert ("Emmanuel Macron", "Visit") in participation(facts, "attended")
    assert ("William Ruto", "Visit") in participation(facts, "hosted")


# ---------------------------------------------------------------- cross-article identity (no model needed)


def test_same_event_in_two_articles_gets_one_key():
    a = Event(key="a-e1", type="Summit", name="G20 summit in Johannesburg", date="2025-11-22", place="Johannesburg")
    b = Event(key="b-e1", type="Summit", name="the Johannesburg summit", date="2025-11-23", place="Johannesburg")
    ka = resolve_events([a], {}, [])["a-e1"]
    known = [KnownEvent(ka, a.type, a.date, a.place, frozenset(), (a.name,))]
    assert resolve_events([b], {}, known)["b-e1"] == ka == event_key(a)
    assert set(ka) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_undated_mention_merges_on_type_and_participants():
    known = [KnownEvent("talks-2025-05-geneva", "Talks", "2025-05-11", "Geneva", frozenset({"Q30", "Q148"}))]
    ev = Event(key="x-e1", type="Meeting", name="the negotiations")  # a meeting is also called talks
    assert resolve_events([ev], {"x-e1": {"Q148", "Q30"}}, known)["x-e1"] == "talks-2025-05-geneva"


def test_different_place_or_far_date_is_a_new_event():
    known = [KnownEvent("summit-2025-06-the-hague", "Summit", "2025-06-25", "The Hague", frozenset({"Q7184"}))]
    other_place = Event(key="x-e1", type="Summit", name="summit in Rome", date="2025-06-25", place="Rome")
    later = Event(key="x-e2", type="Summit", name="summit", date="2025-09-25", place="The Hague")
    out = resolve_events([other_place, later], {"x-e1": {"Q7184"}}, known)
    assert "summit-2025-06-the-hague" not in out.values()
    assert len(set(out.values())) == 2


def test_resolution_does_not_depend_on_known_order():
    known = [KnownEvent("talks-2025-05-x", "Talks", "2025-05-10", None, frozenset({"A"})),
             KnownEvent("talks-2025-05-y", "Talks", "2025-05-11", None, frozenset({"A", "B"}))]
    ev = Event(key="e", type="Talks", name="talks", date="2025-05-11")
    first = resolve_events([ev], {"e": {"A", "B"}}, known)
    assert first == resolve_events([ev], {"e": {"A", "B"}}, list(reversed(known)))
    assert first["e"] == "talks-2025-05-y"


def test_packages_without_place_or_attendees_match_on_names():
    a = Event(key="a", type="SanctionsPackage", name="new package of sanctions on Belarus", date="2025-03-03")
    b = Event(key="b", type="SanctionsPackage", name="Belarus sanctions", date="2025-03-04")
    ka = resolve_events([a], {}, [])["a"]
    known = [KnownEvent(ka, a.type, a.date, None, frozenset(), (a.name,))]
    assert resolve_events([b], {}, known)["b"] == ka


def test_undated_events_need_more_than_one_shared_participant():
    known = [KnownEvent("talks-q30", "Talks", None, None, frozenset({"Q30", "Q458"}))]
    ev = Event(key="x", type="Talks", name="talks with Brussels", date="2025-07-18")
    assert resolve_events([ev], {"x": {"Q458", "Q214"}}, known)["x"] != "talks-q30"


def test_next_round_is_another_event(extract):
    facts = extract("Narendra Modi and Emmanuel Macron held talks in Paris on Monday. "
                    "They agreed to hold the next round of talks in Delhi.", date="2025-02-12")
    talks = [e for e in facts.events if e.type == "Talks"]
    assert len(talks) == 1 and talks[0].place == "Paris"


def test_dateline_day_with_the_weekday_of_the_next_sentence(extract):
    facts = extract("Nairobi, March 3 (AFP).\n\nThe East African summit in Nairobi ended on Monday. "
                    "It was the first since 2024.")
    summits = [e for e in facts.events if e.type == "Summit"]
    assert summits and summits[0].date == "2025-03-03"  # 3 March 2025 was a Monday


def test_attendance_list_after_in_attendance_or_present(extract):
    facts = extract("The Group of Seven summit opened in Rome on Monday. Among those in attendance were French "
                    "President Emmanuel Macron, Japanese Prime Minister Shigeru Ishiba and Canadian Prime Minister "
                    "Mark Carney. Also present were German Chancellor Friedrich Merz. Kenyan President William Ruto "
                    "was not present.", date="2025-03-05")
    got = participation(facts, "attended")
    assert {("Emmanuel Macron", "Summit"), ("Shigeru Ishiba", "Summit"), ("Mark Carney", "Summit"),
            ("Friedrich Merz", "Summit")} <= got
    assert ("William Ruto", "Summit") not in got


def test_council_hosts_its_own_meeting_and_speakers_attend(extract):
    facts = extract("The UN Security Council held an emergency meeting on Friday. "
                    "Britain condemned the strikes in the meeting.", date="2025-03-07")
    assert ("UN Security Council", "Meeting") in participation(facts, "hosted")
    assert ("UN Security Council", "Meeting") not in participation(facts, "attended")
    assert ("United Kingdom", "Meeting") in participation(facts, "attended")
    lab = labels(facts)
    assert not [r for r in facts.relations if r.predicate == "met"
                and "UN Security Council" in {lab.get(r.subject), lab.get(r.object)}]


def test_meeting_of_a_council_and_acts_placed_in_it(extract):
    facts = extract("Britain condemned the Russian strikes at the meeting of the UN Security Council on Friday.",
                    date="2025-03-07")
    assert ("UN Security Council", "Meeting") in participation(facts, "hosted")
    assert ("United Kingdom", "Meeting") in participation(facts, "attended")
    assert all("Council" not in e.name for e in facts.events if e.type != "Meeting")


def test_an_organisation_after_in_is_the_forum_not_part_of_the_name(extract):
    facts = extract("Ministers debated Russia's strikes on Kyiv in the UN Security Council.", date="2025-03-07")
    assert [e.name for e in facts.events if e.type == "Strike"] == ["Russia's strikes on Kyiv"]


def test_in_after_first_is_a_scope_not_the_venue(extract):
    facts = extract("Leaders met for the first G20 summit in Africa on Saturday. "
                    "The summit in Johannesburg ended on Sunday.", date="2025-03-10")
    summits = [e for e in facts.events if e.type == "Summit"]
    assert len(summits) == 1 and summits[0].place == "Johannesburg"


# ---------------------------------------------------------------- summons, sessions, attacks


def test_summons_is_a_meeting_of_summoner_and_envoy(extract):
    facts = extract("Mexico summoned the Peruvian ambassador over the remarks, officials said on Friday. "
                    "Deputy Foreign Minister Ana Ruiz summoned the Peruvian ambassador to Mexico, Jorge Soto, "
                    "on Thursday.", date="2025-06-13")
    summons = [e for e in facts.events if e.type == "Meeting"]
    assert len(summons) == 1 and "summoning" in summons[0].name
    assert {("Ana Ruiz", "Meeting"), ("Jorge Soto", "Meeting")} <= participation(facts, "attended")
    lab = labels(facts)
    met = {frozenset((lab[r.subject], lab[r.object])) for r in facts.relations if r.predicate == "met"}
    assert frozenset(("Ana Ruiz", "Jorge Soto")) in met
    assert ("Peru", "Meeting") not in participation(facts, "attended")  # its envoy is named in person


def test_passive_summons_and_negated_summons(extract):
    facts = extract("The Kenyan envoy, Paul Otieno, was summoned by Uganda on Monday.", date="2025-06-13")
    assert ("Paul Otieno", "Meeting") in participation(facts, "attended")
    facts = extract("Chile did not summon the Bolivian ambassador, Luis Arce Mora.", date="2025-06-13")
    assert not facts.events
    facts = extract("Chile may summon the Bolivian ambassador, Luis Arce Mora.", date="2025-06-13")
    assert not facts.events


def test_emergency_session_opened_and_called(extract):
    facts = extract("The Canadian government on Monday led calls for restraint as the UN Security Council "
                    "opened an emergency session on the crisis. Norway, which holds the council's rotating "
                    "presidency, called the meeting after rebels attacked Chad.", date="2025-06-13")
    sessions = [e for e in facts.events if e.type in {"Session", "Meeting"}]
    assert len(sessions) == 1
    hosted = participation(facts, "hosted")
    assert ("Norway", sessions[0].type) in hosted and ("UN Security Council", sessions[0].type) in hosted
    assert ("Canada", sessions[0].type) not in hosted  # the subject of "as the council opened" is the council
    facts = extract("Chile called the meeting a failure.", date="2025-06-13")
    assert not participation(facts, "hosted")


def test_assaults_barrages_and_downings_are_attacks(extract):
    facts = extract("Ukraine said Russia's overnight assault on Odesa killed nine people. The missile barrage "
                    "hit homes.", date="2025-06-13")
    attacks = [e for e in facts.events if e.type == "Attack"]
    assert len(attacks) == 1
    facts = extract("Sudan protested after Chad said its army had shot down a Sudanese drone near the border.",
                    date="2025-06-13")
    lab = labels(facts)
    assert [e.type for e in facts.events] == ["Attack"] and "drone" in facts.events[0].name
    assert ("Chad", "attacked", "Sudan") in {(lab[r.subject], r.predicate, lab[r.object]) for r in facts.relations}
    facts = extract("Chad said it did not shoot down a Sudanese drone.", date="2025-06-13")
    assert not facts.events


def test_border_clashes_are_an_event(extract):
    facts = extract("Thai and Cambodian troops fought deadly border clashes in July.", date="2025-10-26")
    assert [e.type for e in facts.events] == ["Attack"]


def test_accused_of_a_deed_names_the_object_as_doer_but_alleges_it(extract):
    facts = extract("Chad, Niger and Benin recalled their envoys from Nigeria, which they accuse of having shot "
                    "down a Beninese army drone.", date="2025-06-13")
    lab = labels(facts)
    rels = {(lab[r.subject], r.predicate, lab.get(r.object, r.object)) for r in facts.relations
            if not r.object_is_event}
    assert ("Benin", "accused", "Nigeria") in rels
    assert not any(p == "attacked" for _s, p, _o in rels)  # neither the accusers nor, as a fact, Nigeria
    assert [e.type for e in facts.events] == ["Attack"]


@pytest.mark.parametrize("sentence", [
    "In his opening remarks at the summit, Chilean President Gabriel Boric said trade must grow.",
    "In a speech to the summit, Chilean President Gabriel Boric said trade must grow.",
    "Chilean President Gabriel Boric told the summit that trade must grow.",
])
def test_speaking_to_or_at_a_gathering_is_attending_it(extract, sentence):
    facts = extract("The 12th Andean Summit opened in Lima on Monday. " + sentence, date="2025-03-05")
    assert ("Gabriel Boric", "Summit") in participation(facts, "attended")


def test_an_event_in_a_participle_clause_takes_the_date_of_the_clause_it_hangs_on(extract):
    facts = extract("Andean leaders gathered in Lima on 26 October, marking the start of the two-day 12th Andean "
                    "Summit. Chilean President Gabriel Boric attended the summit.", date="2025-10-28")
    summit = next(e for e in facts.events if e.type == "Summit")
    assert summit.date == "2025-10-26"
