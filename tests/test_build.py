"""Building the seeds: the whole chain, incremental rebuilds, the CLI over the Python API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("seeds") / "articles"
    shutil.copytree(SEEDS, d)
    return d


@pytest.fixture(scope="module")
def built(seeds_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store") / "kg"
    result = runner.invoke(app, ["build", str(seeds_copy), "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    return store


def _count(store: Path) -> int:
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(store, read_only=True) as kg:
        return len(kg)


def _graph_triples(store: Path) -> dict[str, set]:
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(store, read_only=True) as kg:
        rows = kg.query("SELECT ?doc ?s ?p ?o WHERE { GRAPH ?g { ?g geo:docName ?doc . ?s ?p ?o } }")
    out: dict[str, set] = {}
    for r in rows:
        out.setdefault(str(r["doc"]), set()).add((r["s"], r["p"], r["o"]))
    return out


def test_build_summary_counts_every_kind_of_fact(seeds_copy: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(seeds_copy), "--store", str(tmp_path / "s"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output
    for word in ("articles", "actors", "statements", "relations", "events", "triples"):
        assert word in result.output


def test_build_summary_counts_what_this_build_wrote_and_matches_a_fresh_stores_stats(
        seeds_copy: Path, tmp_path: Path) -> None:
    """The summary counts the articles the build wrote (no scan of the store, however big); for a
    fresh store they are the store's own counts, and adding one article reports that article."""
    import re

    from kg.graph import KnowledgeGraph

    first, rest = sorted(seeds_copy.glob("*.txt"))[0], tmp_path / "rest"
    rest.mkdir()
    for p in sorted(seeds_copy.glob("*.txt"))[1:]:
        shutil.copy(p, rest / p.name)
    store = tmp_path / "s"
    result = runner.invoke(app, ["build", str(rest), "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    wrote = re.search(r"wrote (\d+) actors, (\d+) statements, (\d+) relations, (\d+) events", result.output)
    assert wrote, result.output
    with KnowledgeGraph(store, read_only=True) as kg:
        stats = kg.stats()
    assert [int(x) for x in wrote.groups()] == [stats[k] for k in ("actors", "statements", "relations", "events")]
    assert "store holds 2 articles" in result.output

    result = runner.invoke(app, ["build", str(first), "--store", str(store), "--quiet"])
    wrote_one = re.search(r"wrote \d+ actors, (\d+) statements", result.output)
    with KnowledgeGraph(store, read_only=True) as kg:
        after = kg.stats()
    assert wrote_one and int(wrote_one.group(1)) == after["statements"] - stats["statements"] > 0
    assert "store holds 3 articles" in result.output


def test_building_the_same_directory_twice_changes_nothing(built: Path, seeds_copy: Path) -> None:
    before = _count(built)
    result = runner.invoke(app, ["build", str(seeds_copy), "--store", str(built), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 unchanged" in result.output and "nothing to do" in result.output
    assert _count(built) == before


def test_editing_one_article_replaces_only_its_named_graph(tmp_path: Path, seeds_copy: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(seeds_copy, articles)
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", str(articles), "--store", str(store), "--quiet"]).exit_code == 0
    before = _graph_triples(store)
    edited = articles / "001_4f597a369395396b.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA closing line added by the editor.\n",
                      encoding="utf-8")
    result = runner.invoke(app, ["build", str(articles), "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 replaced" in result.output and "2 unchanged" in result.output
    after = _graph_triples(store)
    assert set(after) == set(before)
    for doc in before:
        if doc == edited.name:
            assert after[doc] != before[doc]
        else:
            assert after[doc] == before[doc]


def test_query_answers_every_statement_by_a_speaker_with_its_source(built: Path) -> None:
    result = runner.invoke(app, ["query", "quotes-by-speaker", "--param", "speaker=Donald Trump",
                                 "--store", str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows, "Trump's statements in the seeds were not found"
    assert {r["doc"] for r in rows} <= {p.name for p in SEEDS.iterdir()}
    assert any("warmest regards" in r["text"] for r in rows)


def test_query_table_output_prints_a_table(built: Path) -> None:
    result = runner.invoke(app, ["query", "quotes-by-speaker", "--param", "speaker=Donald Trump",
                                 "--store", str(built)])
    assert result.exit_code == 0, result.output
    assert "speaker" in result.stdout and "Donald Trump" in result.stdout


def test_facts_export_follows_the_contract(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["export", "--store", str(built), "--format", "facts", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    kinds = {x["kind"] for x in lines}
    assert {"actor", "statement", "relation"} <= kinds
    assert {x["doc"] for x in lines} == {p.name for p in SEEDS.iterdir()}
    ids: dict[str, set[str]] = {}
    for x in lines:
        if x["kind"] == "actor":
            assert x["type"] in {"Person", "Organization", "Country"}
            ids.setdefault(x["name"], set()).add(x["id"])
    # one IRI per actor across articles
    assert all(len(v) == 1 for v in ids.values())
    assert ids["Donald Trump"] == {"https://w3id.org/kg-geo/id/actor/Q22686"}


def test_python_api_builds_in_memory_and_returns_rows_and_dataframes() -> None:
    import kg

    graph = kg.build([SEEDS / "001_4f597a369395396b.txt"], store="memory")
    assert graph.report is not None and graph.report.added == ["001_4f597a369395396b.txt"]
    rows = graph.query("SELECT ?name WHERE { ?a a geo:Person ; skos:prefLabel ?name }")
    assert any(str(r["name"]) == "Donald Trump" for r in rows)
    df = graph.query("SELECT ?name WHERE { ?a a geo:Country ; skos:prefLabel ?name ; "
                     "^geo:mentions ?art . ?art a geo:Article }", df=True)
    assert "China" in set(df["name"])
    assert len(graph.dataset) > 0


def test_every_command_has_help_text() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert cmd.help and len(cmd.help.strip()) > 20, f"kg {name} has no help text"
        assert runner.invoke(app, [name, "--help"]).exit_code == 0
