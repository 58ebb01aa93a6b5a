"""Coded relations: passive, coordination, nominalisation, negation, modality, threats, met, rejected.

Sentences are written for these tests. The pipeline is loaded once per module.
"""

from __future__ import annotations

import pytest

from kg.extract.relations import relation_words
from kg.models import PREDICATES


@pytest.fixture(scope="module")
def extract():
    """extract_text with the pipeline built once for the module."""
    from kg.pipeline import extract_text

    extract_text("Warm-up.", date="2025-01-01")
    return extract_text


def triples(facts, predicate=None):
    """(subject label, predicate, object label) of the actor-to-actor relations (not represents)."""
    lab = {a.key: a.label for a in facts.actors}
    return {(lab.get(r.subject, r.subject), r.predicate, lab.get(r.object, r.object)) for r in facts.relations
            if not r.object_is_event and r.predicate != "represents"
            and (predicate is None or r.predicate == predicate)}


def test_lexicon_predicates_are_the_closed_set():
    for rows in relation_words().values():
        for w in rows:
            assert w.predicate in PREDICATES
            assert w.slots


def test_active_verb(extract):
    facts = extract("Emmanuel Macron criticized Russia on Tuesday.", date="2025-03-05")
    assert triples(facts) == {("Emmanuel Macron", "criticized", "Russia")}
    rel = next(r for r in facts.relations if r.predicate == "criticized")
    assert rel.cameo == "111" and rel.plover == "ACCUSE"
    assert facts.article.text[rel.start:rel.end] == rel.sentence


def test_passive_with_agent(extract):
    facts = extract("China was accused by Donald Trump of manipulating its currency.", date="2025-03-05")
    assert ("Donald Trump", "accused", "China") in triples(facts)


def test_coordinated_subjects_and_objects(extract):
    facts = extract("Iran and Turkey condemned Israel and the United States.", date="2025-03-05")
    assert triples(facts, "criticized") == {
        ("Iran", "criticized", "Israel"), ("Iran", "criticized", "United States"),
        ("Turkey", "criticized", "Israel"), ("Turkey", "criticized", "United States")}


def test_nominalisations(extract):
    facts = extract("Donald Trump's accusation against Mexico angered officials. "
                    "Emmanuel Macron's criticism of Iran was sharp.", date="2025-03-05")
    assert ("Donald Trump", "accused", "Mexico") in triples(facts)
    assert ("Emmanuel Macron", "criticized", "Iran") in triples(facts)


def test_owner_of_a_thing_stands_in(extract):
    facts = extract("Japan criticized China's decision to expand its fleet.", date="2025-03-05")
    assert ("Japan", "criticized", "China") in triples(facts)


def test_negation_gives_nothing(extract):
    facts = extract("Narendra Modi did not criticize Russia. Brazil never sanctioned Venezuela.", date="2025-03-05")
    assert triples(facts) == set()


def test_modality_gives_nothing(extract):
    facts = extract("Vladimir Putin may meet Recep Tayyip Erdogan next week. "
                    "India plans to sanction Pakistan. Egypt could support Sudan.", date="2025-03-05")
    assert triples(facts) == set()


def test_a_vowed_harm_is_a_threat(extract):
    facts = extract("Donald Trump threatened to impose tariffs on Canada. "
                    "Iran vowed to attack Israel.", date="2025-03-05")
    assert triples(facts) == {("Donald Trump", "threatened", "Canada"), ("Iran", "threatened", "Israel")}


def test_met_is_symmetric_and_emitted_once(extract):
    facts = extract("Emmanuel Macron met Narendra Modi in Paris. Narendra Modi met Emmanuel Macron again in Delhi.",
                    date="2025-03-05")
    met = {frozenset((s, o)) for s, p, o in triples(facts, "met")}
    assert met == {frozenset({"Emmanuel Macron", "Narendra Modi"})}
    assert len(triples(facts, "met")) == 1


def test_met_from_coordinated_subjects(extract):
    facts = extract("Xi Jinping and Vladimir Putin met in Kazan.", date="2025-03-05")
    assert {frozenset((s, o)) for s, p, o in triples(facts, "met")} == {frozenset({"Xi Jinping", "Vladimir Putin"})}


def test_rejected_goes_from_denier_to_claimant(extract):
    facts = extract("Donald Trump accused China of stealing technology. Beijing rejected the accusation.",
                    date="2025-03-05")
    assert ("China", "rejected", "Donald Trump") in triples(facts)
    assert ("Donald Trump", "rejected", "China") not in triples(facts)


def test_rejected_claim_owner(extract):
    facts = extract("Russia dismissed Emmanuel Macron's claims as absurd.", date="2025-03-05")
    assert triples(facts, "rejected") == {("Russia", "rejected", "Emmanuel Macron")}


def test_denial_does_not_go_to_own_side(extract):
    facts = extract("Donald Trump said Iran was enriching uranium. Iranian Foreign Minister Abbas Araghchi said "
                    "the programme was peaceful. Iran denied the claim.", date="2025-03-05")
    assert triples(facts, "rejected") == {("Iran", "rejected", "Donald Trump")}


def test_sanctions_package_agent_and_target(extract):
    facts = extract("The European Union adopted a new package of sanctions against Belarus on Monday.",
                    date="2025-03-05")
    assert ("European Union", "sanctioned", "Belarus") in triples(facts)
    assert any(e.type == "SanctionsPackage" for e in facts.events)


def test_attack_event_gives_attacked(extract):
    facts = extract("Russia launched a drone attack on Ukraine overnight.", date="2025-03-05")
    assert ("Russia", "attacked", "Ukraine") in triples(facts)


def test_reciprocal_object_gives_both_directions(extract):
    facts = extract("Armenia and Azerbaijan accused each other of breaking the truce.", date="2025-03-05")
    assert triples(facts, "accused") == {("Armenia", "accused", "Azerbaijan"), ("Azerbaijan", "accused", "Armenia")}


def test_branding_a_claim_as_false_is_a_rejection(extract):
    facts = extract("Donald Trump accused Iran of lying. Tehran called the accusation baseless.", date="2025-03-05")
    assert ("Iran", "rejected", "Donald Trump") in triples(facts)


def test_condemned_deed_by_its_doer(extract):
    facts = extract("Niger and Chad condemned the reckless act by the Libyan authorities. "
                    "Peru did not condemn the raid by Chile.", date="2025-03-05")
    assert triples(facts, "criticized") == {("Niger", "criticized", "Libya"), ("Chad", "criticized", "Libya")}


def test_condemnation_of_an_attack_is_criticism_of_the_attacker(extract):
    facts = extract("Israel struck Gaza on Monday. Egypt voiced its condemnation of the Israeli strikes.",
                    date="2025-03-05")
    assert ("Egypt", "criticized", "Israel") in triples(facts, "criticized")


def test_the_three_countries_are_the_three_coordinated(extract):
    facts = extract("Mali accused Algeria of downing a drone. Mali, Chad and Niger will recall their envoys from "
                    "Algeria. The three countries said that they condemned the hostile act by the Algerian regime.",
                    date="2025-03-05")
    assert {("Mali", "criticized", "Algeria"), ("Chad", "criticized", "Algeria"),
            ("Niger", "criticized", "Algeria")} <= triples(facts, "criticized")


# ---------------------------------------------------------------- owners of things, exchanges, calls


def test_harm_to_a_thing_falls_on_its_state(extract):
    facts = extract("Peru protested. President Donald Trump slapped 25% tariffs on all Peruvian imports.")
    assert ("Donald Trump", "sanctioned", "Peru") in triples(facts)
    facts = extract("Britain sanctioned ten ships of Russia's shadow fleet.")
    assert ("United Kingdom", "sanctioned", "Russia") in triples(facts)
    facts = extract("Bolivia denied it. Brazil's navy accused a Bolivian ship of ramming a patrol boat.")
    assert ("Brazil", "accused", "Bolivia") in triples(facts)


def test_threat_to_fine(extract):
    facts = extract("Peru threatened to fine Apple if it did not remove the app.")
    assert ("Peru", "threatened", "Apple") in triples(facts)
    assert not triples(facts, "sanctioned")


def test_exchanged_threats_go_both_ways(extract):
    facts = extract("President Gabriel Boric and President Javier Milei exchanged threats on Sunday.")
    assert {("Gabriel Boric", "threatened", "Javier Milei"),
            ("Javier Milei", "threatened", "Gabriel Boric")} <= triples(facts)
    facts = extract("Chile and Argentina did not exchange threats.")
    assert not triples(facts, "threatened")


def test_calls_for_condemnation_and_demarches(extract):
    facts = extract("Canada on Sunday led calls for condemnation of a Hamas assault on Israel.")
    assert ("Canada", "criticized", "Hamas") in triples(facts)
    facts = extract("Mexico made serious demarches over Peruvian President Dina Boluarte's remarks.")
    assert ("Mexico", "criticized", "Dina Boluarte") in triples(facts)


def test_war_on_a_state_and_defended_attacks(extract):
    facts = extract("Britain cited Moscow's war against Ukraine.")
    assert ("Russia", "attacked", "Ukraine") in triples(facts)
    facts = extract("Japan defended Israel's strikes on Iran. Chile defended its decision to invite Iran.")
    assert ("Japan", "supported", "Israel") in triples(facts)
    assert not {t for t in triples(facts, "supported") if t[0] == "Chile"}


@pytest.mark.parametrize("sentence, expected", [
    ("Britain targeted Russia's dark fleet with a new sanctions package.", ("United Kingdom", "sanctioned", "Russia")),
    ("The United States hit China with new tariffs on Monday.", ("United States", "sanctioned", "China")),
    ("Russia targeted Ukraine with drones overnight.", ("Russia", "attacked", "Ukraine")),
])
def test_what_a_verb_strikes_with_decides_between_sanction_and_attack(extract, sentence, expected):
    facts = extract(sentence, date="2025-03-05")
    got = triples(facts)
    assert expected in got
    other = "attacked" if expected[1] == "sanctioned" else "sanctioned"
    assert (expected[0], other, expected[2]) not in got
