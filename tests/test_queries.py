"""The named SPARQL queries of kg/queries/: headers, expected rows on the
hand-made fixture graph (on Oxigraph and rdflib), safe binding, the CLI and
DataFrame paths, and one test per query on the seeds graph.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.queries import library, parse_params, run

LIB = library()
EXPECTED_QUERIES = {"quotes-by-speaker", "statements-about", "event-attendees", "accusations", "actor-profile",
                    "corroboration", "timeline", "co-attendance", "top-actors", "evidence"}
ACTOR = "https://w3id.org/kg-geo/id/actor/"
runner = CliRunner()


def py(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as plain Python values, so they compare the same on every backend."""
    return [{k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in r.items()} for r in rows]


def pick(rows: list[dict[str, Any]], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in py(rows)]


# ---------------------------------------------------------------- the library itself


def test_the_library_has_every_query_the_issue_asks_for() -> None:
    assert EXPECTED_QUERIES <= set(LIB)


@pytest.mark.parametrize("name", sorted(LIB))
def test_every_query_header_documents_a_description_params_and_columns(name: str) -> None:
    q = LIB[name]
    assert q.description, f"{name}: first line must be '# {name}: what it answers'"
    assert q.columns, f"{name}: needs a '# columns: ...' line"
    select = re.search(r"^SELECT\s+(DISTINCT\s+)?(.*)$", q.text, re.MULTILINE)
    assert select, f"{name}: no top-level SELECT"
    assert tuple(re.findall(r"\?(\w+)", select.group(2))) == q.columns, "the header's columns are the SELECT's"
    for param in q.params:
        # Oxigraph substitutes only projected variables: every parameter is a result column too
        assert param in q.columns, f"{name}: parameter ?{param} must be projected"


@pytest.mark.parametrize("name", sorted(LIB))
def test_every_query_answers_with_its_documented_columns(fixture_kg, name: str) -> None:
    q = LIB[name]
    res = fixture_kg.raw_query(q.text, {p: Literal("nobody") for p in q.params})
    assert res.vars == q.columns


# ---------------------------------------------------------------- expected rows on the fixture graph


def test_quotes_by_speaker_lists_the_speakers_statements_in_document_order(fixture_kg) -> None:
    rows = run(fixture_kg, "quotes-by-speaker", speaker="Donald Trump")
    assert pick(rows, "speaker", "text", "direct", "cue", "doc") == [
        ("Donald Trump", "they are conspiring against the United States", False, "wrote", "parade.txt"),
        ("Donald Trump", "China must answer for this", True, "posted", "reaction.txt"),
    ]


def test_quotes_by_speaker_finds_the_speaker_by_alias_and_by_iri(fixture_kg) -> None:
    by_name = pick(run(fixture_kg, "quotes-by-speaker", speaker="Donald Trump"), "text", "doc")
    assert pick(run(fixture_kg, "quotes-by-speaker", speaker="Trump"), "text", "doc") == by_name
    assert pick(run(fixture_kg, "quotes-by-speaker", speaker=URIRef(ACTOR + "Q22686")), "text", "doc") == by_name


def test_statements_about_an_actor_name_their_speakers(fixture_kg) -> None:
    rows = run(fixture_kg, "statements-about", actor="Russia")
    assert pick(rows, "speaker", "text", "doc") == [
        ("Donald Trump", "they are conspiring against the United States", "parade.txt"),
        ("Kaja Kallas", "Russia must pay for its aggression", "brussels.txt"),
    ]
    assert pick(run(fixture_kg, "statements-about", actor="Donald Trump"), "speaker", "text") == [
        ("Guo Jiakun", "China never engages in conspiracies")]


def test_event_attendees_counts_the_articles_behind_each_participant(fixture_kg) -> None:
    rows = run(fixture_kg, "event-attendees", event="Victory Day military parade")
    assert sorted(pick(rows, "attendee", "role", "sources")) == [
        ("Kim Jong Un", "attended", 1), ("Vladimir Putin", "attended", 2), ("Xi Jinping", "hosted", 1)]
    assert {(r["date"].isoformat(), r["place"]) for r in py(rows)} == {("2025-09-03", "Beijing")}


def test_event_attendees_finds_the_event_by_alternative_label(fixture_kg) -> None:
    assert sorted(pick(run(fixture_kg, "event-attendees", event="talks"), "name", "attendee")) == [
        ("Brussels talks", "Kaja Kallas"), ("Brussels talks", "Volodymyr Zelensky")]


def test_accusations_web_has_accusations_criticisms_and_rejections_most_corroborated_first(fixture_kg) -> None:
    rows = run(fixture_kg, "accusations")
    assert pick(rows, "subject", "predicate", "object", "sources") == [
        ("Donald Trump", "accused", "China", 2),
        ("China", "rejected", "Donald Trump", 1),
        ("Guo Jiakun", "criticized", "Kaja Kallas", 1),
        ("Kaja Kallas", "criticized", "Russia", 1),
    ]
    assert py(rows)[0]["doc"] in {"parade.txt", "reaction.txt"}


def test_actor_profile_gathers_offices_events_relations_and_statements(fixture_kg) -> None:
    rows = run(fixture_kg, "actor-profile", actor="Vladimir Putin")
    assert pick(rows, "section", "direction", "predicate", "other", "detail", "sources") == [
        ("event", "out", "attended", "Victory Day military parade", None, 2),
        ("office", None, "holds", "Russia", "President", None),
        ("relation", "out", "met", "Xi Jinping", None, 1),
        ("relation", "out", "represents", "Russia", None, 1),
    ]
    kallas = pick(run(fixture_kg, "actor-profile", actor="Kaja Kallas"), "section", "direction", "predicate", "other")
    assert ("statement", "out", "saidAbout", "Russia") in kallas
    assert ("statement", "in", "saidAbout", "Guo Jiakun") in kallas
    assert ("relation", "in", "criticized", "Guo Jiakun") in kallas
    assert ("office", None, "holds", "European Union") in kallas


def test_corroboration_ranks_facts_by_distinct_source_articles(fixture_kg) -> None:
    rows = py(run(fixture_kg, "corroboration"))
    assert len(rows) == 16  # every distinct coded fact of the fixture
    assert [(r["subject"], r["predicate"], r["object"], r["sources"]) for r in rows[:2]] == [
        ("Donald Trump", "accused", "China", 2),
        ("Vladimir Putin", "attended", "Victory Day military parade", 2),
    ]
    assert all(r["sources"] == 1 for r in rows[2:])
    assert [r["sources"] for r in rows] == sorted((r["sources"] for r in rows), reverse=True)


def test_timeline_orders_events_by_date_with_their_participants(fixture_kg) -> None:
    rows = py(run(fixture_kg, "timeline"))
    assert [(r["date"].isoformat(), r["event"], r["type"], r["place"], r["sources"]) for r in rows] == [
        ("2025-09-03", "Victory Day military parade", "Parade", "Beijing", 2),
        ("2025-09-10", "Brussels talks", "Talks", "Brussels", 1),
    ]
    assert set(rows[0]["participants"].split(", ")) == {"Xi Jinping", "Vladimir Putin", "Kim Jong Un"}


def test_co_attendance_pairs_each_two_participants_of_an_event_once(fixture_kg) -> None:
    assert pick(run(fixture_kg, "co-attendance"), "actor1", "actor2", "events") == [
        ("Kaja Kallas", "Volodymyr Zelensky", 1),
        ("Kim Jong Un", "Vladimir Putin", 1),
        ("Kim Jong Un", "Xi Jinping", 1),
        ("Vladimir Putin", "Xi Jinping", 1),
    ]


def test_top_actors_ranks_actors_by_distinct_neighbours_and_leaves_events_out(fixture_kg) -> None:
    rows = py(run(fixture_kg, "top-actors"))
    assert [(r["actor"], r["type"], r["degree"], r["outgoing"], r["incoming"]) for r in rows[:3]] == [
        ("Kaja Kallas", "Person", 7, 5, 2),
        ("Donald Trump", "Person", 6, 4, 2),
        ("Russia", "Country", 5, 0, 5),
    ]
    assert {r["actor"] for r in rows}.isdisjoint({"Victory Day military parade", "Brussels talks"})
    assert next(r for r in rows if r["actor"] == "Russia")["articles"] == 3


def test_evidence_gives_the_sentence_and_article_of_every_assertion(fixture_kg) -> None:
    rows = run(fixture_kg, "evidence", subject="Donald Trump", object="China")
    assert pick(rows, "predicate", "evidence", "cameo", "plover", "doc") == [
        ("accused", "Donald Trump accused China of conspiring against the United States.", "112", "ACCUSE",
         "parade.txt"),
        ("accused", "Trump accused China of conspiring with Russia and North Korea.", "112", "ACCUSE",
         "reaction.txt"),
    ]
    assert pick(run(fixture_kg, "evidence", subject="Putin", object="parade"), "predicate", "doc") == [
        ("attended", "parade.txt"), ("attended", "reaction.txt")]


# ---------------------------------------------------------------- binding, errors, DataFrames


@pytest.mark.parametrize("value", ['Donald Trump" } } ; DROP ALL #', "?speaker", "<urn:x> }", "\\u0022 ) }",
                                   "Trump\nUNION { ?s ?p ?o }"])
def test_a_hostile_parameter_is_bound_as_a_term_and_matches_nothing(fixture_kg, value: str) -> None:
    before = len(fixture_kg)
    for name, q in LIB.items():
        if q.params:
            assert run(fixture_kg, name, **{p: value for p in q.params}) == [], name
    assert len(fixture_kg) == before


def test_a_missing_required_parameter_is_an_error_that_names_it(fixture_kg) -> None:
    with pytest.raises(QueryError, match="missing parameter speaker"):
        run(fixture_kg, "quotes-by-speaker")
    with pytest.raises(QueryError, match="unknown parameter"):
        run(fixture_kg, "quotes-by-speaker", speaker="Donald Trump", actor="x")
    with pytest.raises(QueryError, match="missing parameter object"):
        parse_params(["subject=Donald Trump"], LIB["evidence"].params)


def test_parse_params_turns_angle_brackets_into_an_iri_and_anything_else_into_a_literal() -> None:
    got = parse_params(["speaker=<https://w3id.org/kg-geo/id/actor/Q22686>"], LIB["quotes-by-speaker"].params)
    assert got == {"speaker": URIRef(ACTOR + "Q22686")}
    assert parse_params(["speaker=<not an iri>"], LIB["quotes-by-speaker"].params) == {
        "speaker": Literal("<not an iri>")}


def test_a_named_query_runs_into_a_dataframe_with_its_columns(fixture_kg) -> None:
    df = fixture_kg.query(LIB["quotes-by-speaker"].text, df=True, speaker="Donald Trump")
    assert list(df.columns) == list(LIB["quotes-by-speaker"].columns)
    assert df["doc"].tolist() == ["parade.txt", "reaction.txt"]
    top = run(fixture_kg, "top-actors", df=True)
    assert top["degree"].dtype.kind == "i" and top.iloc[0]["actor"] == "Kaja Kallas"


# ---------------------------------------------------------------- the CLI, on the seeds store


def _cli(store: Path, *args: str) -> Any:
    return runner.invoke(app, ["query", *args, "--store", str(store)])


def test_kg_query_binds_a_param_and_prints_json_and_csv(seeds_store: Path) -> None:
    res = _cli(seeds_store, "quotes-by-speaker", "--param", "speaker=Donald Trump", "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows and all(r["speaker"] == "Donald Trump" for r in rows)
    res = _cli(seeds_store, "quotes-by-speaker", "--param", "speaker=Donald Trump", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == ",".join(LIB["quotes-by-speaker"].columns)
    assert len(res.stdout.strip().splitlines()) == len(rows) + 1


def test_kg_query_without_a_required_param_fails_with_a_message(seeds_store: Path) -> None:
    res = _cli(seeds_store, "actor-profile")
    assert res.exit_code == 1
    assert "missing parameter actor" in res.output


# ---------------------------------------------------------------- every query on the seeds graph


@pytest.fixture(scope="module")
def seeds(seeds_kg):
    return seeds_kg


def test_seeds_quotes_by_speaker_finds_trumps_truth_social_post(seeds) -> None:
    rows = py(run(seeds, "quotes-by-speaker", speaker="Donald Trump"))
    assert any("conspire against The United States" in r["text"] for r in rows)
    assert all(r["doc"].endswith(".txt") for r in rows)


def test_seeds_statements_about_kallas_come_from_china(seeds) -> None:
    rows = py(run(seeds, "statements-about", actor="Kaja Kallas"))
    assert rows
    assert {"Guo Jiakun", "China", "Ministry of Foreign Affairs of China"} & {r["speaker"] for r in rows}


def test_seeds_event_attendees_of_the_beijing_parade_include_putin_and_kim(seeds) -> None:
    parades = [r for r in py(run(seeds, "timeline")) if r["type"] == "Parade"]
    assert parades, "the seeds mention the Beijing parade"
    iri = seeds.query("SELECT ?ev WHERE { ?ev a geo:Parade } LIMIT 1")[0]["ev"]
    rows = py(run(seeds, "event-attendees", event=URIRef(iri)))
    assert {"Vladimir Putin", "Kim Jong Un"} <= {r["attendee"] for r in rows}
    assert all(r["sources"] >= 1 for r in rows)


def test_seeds_accusations_have_trump_accusing_and_a_rejection(seeds) -> None:
    rows = py(run(seeds, "accusations"))
    assert any(r["subject"] == "Donald Trump" and r["predicate"] == "accused" for r in rows)
    assert any(r["predicate"] == "rejected" for r in rows)
    assert [r["sources"] for r in rows] == sorted((r["sources"] for r in rows), reverse=True)


def test_seeds_actor_profile_of_putin_has_an_office_an_event_and_relations(seeds) -> None:
    rows = py(run(seeds, "actor-profile", actor="Vladimir Putin"))
    sections = {r["section"] for r in rows}
    assert {"office", "event", "relation"} <= sections
    assert ("office", "President", "Russia") in {(r["section"], r["detail"], r["other"]) for r in rows}


def test_seeds_corroboration_puts_facts_of_several_articles_first(seeds) -> None:
    rows = py(run(seeds, "corroboration"))
    assert rows[0]["sources"] >= 2
    assert [r["sources"] for r in rows] == sorted((r["sources"] for r in rows), reverse=True)


def test_seeds_timeline_is_in_date_order(seeds) -> None:
    dates = [str(r["date"]) for r in py(run(seeds, "timeline")) if r["date"] is not None]
    assert dates and dates == sorted(dates)


def test_seeds_co_attendance_pairs_putin_and_kim(seeds) -> None:
    pairs = {(r["actor1"], r["actor2"]) for r in py(run(seeds, "co-attendance"))}
    assert ("Kim Jong Un", "Vladimir Putin") in pairs


def test_seeds_top_actors_are_led_by_the_main_protagonists(seeds) -> None:
    rows = py(run(seeds, "top-actors"))
    assert {"China", "Donald Trump", "Vladimir Putin"} <= {r["actor"] for r in rows[:6]}
    assert [r["degree"] for r in rows] == sorted((r["degree"] for r in rows), reverse=True)
    assert all(r["degree"] == r["outgoing"] + r["incoming"] for r in rows)


def test_seeds_evidence_backs_every_accusation_with_a_sentence(seeds) -> None:
    for acc in py(run(seeds, "accusations")):
        rows = py(run(seeds, "evidence", subject=acc["subject"], object=acc["object"]))
        assert any(r["predicate"] == acc["predicate"] for r in rows), acc
        assert all(r["evidence"] and r["doc"] for r in rows)
