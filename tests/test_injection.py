"""SPARQL injection (issue #8): every value a user gives is bound as an RDF term.

A speaker name such as ``"} ; DROP ALL ; #`` given to ``kg query
quotes-by-speaker --param speaker=...`` or to ``KnowledgeGraph.query(...,
speaker=...)`` is a literal that matches nothing: the answer is empty and the
store keeps every triple. An article whose text holds such strings is stored
and exported verbatim.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import hostile
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import KnowledgeGraph
from kg.queries import library

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

#: Values that would rewrite the query if they were pasted into its text.
HOSTILE = [
    '"} ; DROP ALL ; #',
    "> } DELETE WHERE { ?s ?p ?o } #",
    '"',
    "'",
    "{",
    "}",
    '"""',
    "'''",
    "\\",
    '\\"',
    "<>",
    "<http://example.org/x> } DELETE WHERE { ?s ?p ?o } #",
    "<urn:x>",
    'Olaf Scholz" || "1" = "1',
    "Olaf Scholz' ; CLEAR DEFAULT ; #",
    "?speaker",
    "$speaker",
    "\n} ; DROP ALL ; #\n",
    "#",
    'Olaf Scholz"@en',
    "Olaf Scholz\x00",
    "}}}}{{{{" * 50,
]

INJECTION_ARTICLE = (
    'Scholz warns "} ; DROP ALL ; # over the summit\n\n'
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.\n\n"
    '"Nobody will write "} ; DROP ALL ; # into our treaties," Scholz told reporters after the talks.\n\n'
    "Macron said the plan to > } DELETE WHERE { ?s ?p ?o } # the alliance would fail, "
    "and he criticized Russia.\n"
)
INJECTION_TITLE = 'Scholz warns "} ; DROP ALL ; # over the summit'


facts_problems = hostile("facts_check").facts_problems


def _quads(store: Path) -> set[str]:
    with KnowledgeGraph(store, read_only=True) as kg:
        return set(kg.store.dump("nquads").decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and an article full of SPARQL-looking text, built once."""
    base = tmp_path_factory.mktemp("injection")
    articles = base / "articles"
    shutil.copytree(ROOT / "seeds", articles)
    (articles / "injection.txt").write_text(INJECTION_ARTICLE, encoding="utf-8")
    path = base / "store"
    res = runner.invoke(app, ["build", str(articles), "--store", str(path), "--quiet"])
    assert res.exit_code == 0, res.output
    return path


@pytest.fixture(scope="module")
def snapshot(store: Path) -> set[str]:
    """Every quad of the store before any injection attempt."""
    return _quads(store)


@pytest.fixture(scope="module")
def speaker(store: Path) -> str:
    """The name of a speaker who has statements (for the positive controls)."""
    with KnowledgeGraph(store, read_only=True) as kg:
        rows = kg.query("SELECT ?name WHERE { ?st a geo:Statement ; geo:speaker ?a . ?a skos:prefLabel ?name } "
                        "ORDER BY ?name LIMIT 1")
    assert rows, "the seeds gave no statement"
    return str(rows[0]["name"])


def _cli_rows(store: Path, query: str, *params: str) -> list[dict]:
    args = ["query", query, "--store", str(store), "--format", "json"]
    for p in params:
        args += ["--param", p]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    return json.loads(res.stdout)


def test_a_real_speaker_name_finds_statements_so_empty_answers_mean_something(store: Path, speaker: str) -> None:
    assert _cli_rows(store, "quotes-by-speaker", f"speaker={speaker}")
    with KnowledgeGraph(store, read_only=True) as kg:
        assert kg.query(library()["quotes-by-speaker"].text, speaker=speaker)


@pytest.mark.parametrize("value", [HOSTILE[i] for i in (0, 1, 2, 3, 4, 8, 11, 13, 17)])
def test_a_hostile_speaker_on_the_command_line_is_bound_as_a_literal(store: Path, snapshot: set[str],
                                                                     value: str) -> None:
    assert _cli_rows(store, "quotes-by-speaker", f"speaker={value}") == []


def test_a_hostile_speaker_in_the_python_api_is_bound_as_a_literal(store: Path, snapshot: set[str]) -> None:
    with KnowledgeGraph(store, read_only=True) as kg:
        for value in HOSTILE:
            assert kg.query(library()["quotes-by-speaker"].text, speaker=value) == [], value
            assert kg.query("SELECT ?s WHERE { ?s ?p ?o . FILTER(STR(?o) = ?v) } LIMIT 1", v=value) == [], value
        assert len(kg) == len(snapshot)


def test_a_hostile_value_is_never_pasted_into_the_query_text(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, dict]] = []
    with KnowledgeGraph(store, read_only=True) as kg:
        real = kg.store.query

        def spy(sparql: str, bindings: dict | None = None) -> object:
            seen.append((sparql, dict(bindings or {})))
            return real(sparql, bindings)

        monkeypatch.setattr(kg.store, "query", spy)
        kg.query(library()["quotes-by-speaker"].text, speaker=HOSTILE[0])
    ((sparql, bindings),) = seen
    assert "DROP ALL" not in sparql
    assert str(bindings["speaker"]) == HOSTILE[0]


@pytest.mark.parametrize("value", ["http://a> } ?s ?p ?o . FILTER(true) } #", "urn:x> } DROP ALL ; <urn:y",
                                   "http://example.org/a b"])
def test_an_iri_value_that_is_not_a_valid_iri_is_refused_not_pasted(store: Path, snapshot: set[str],
                                                                    value: str) -> None:
    import warnings

    from rdflib import URIRef

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns that the IRI is invalid
        iri = URIRef(value)
    with KnowledgeGraph(store, read_only=True) as kg:
        for sparql in (library()["quotes-by-speaker"].text,  # bound by substitution
                       "SELECT ?s WHERE { ?s ?p ?o . FILTER(?o = ?speaker) } LIMIT 1"):  # bound by VALUES
            with pytest.raises(ValueError):
                kg.query(sparql, speaker=iri)
        assert len(kg) == len(snapshot)


@pytest.mark.parametrize("name", sorted(q.name for q in library().values() if q.params))
def test_every_parameter_of_every_named_query_binds_hostile_values_safely(store: Path, snapshot: set[str],
                                                                          name: str) -> None:
    query = library()[name]
    for value in (HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[11]):
        params = [f"{p}={value}" for p in query.params]
        args = ["query", name, "--store", str(store), "--format", "json"]
        for p in params:
            args += ["--param", p]
        res = runner.invoke(app, args)
        assert res.exit_code == 0, (value, res.output)
        assert json.loads(res.stdout) == [], value
    assert _quads(store) == snapshot


@pytest.mark.parametrize("text", [
    "DELETE WHERE { ?s ?p ?o } # select",
    "DROP ALL # select",
    "CLEAR DEFAULT # ask",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> } # select",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "SELECT * WHERE { ?s ?p ?o } } ; DELETE WHERE { ?s ?p ?o } #",
])
def test_kg_query_refuses_updates_and_changes_nothing(store: Path, snapshot: set[str], text: str) -> None:
    res = runner.invoke(app, ["query", text, "--store", str(store)])
    assert res.exit_code != 0
    assert "error" in res.stderr.lower()
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert _quads(store) == snapshot


def test_the_store_keeps_every_triple_after_all_injection_attempts(store: Path, snapshot: set[str]) -> None:
    assert _quads(store) == snapshot


# ---------------------------------------------------------------- the article round trip


def test_an_article_with_injection_text_keeps_its_title_verbatim(store: Path) -> None:
    with KnowledgeGraph(store, read_only=True) as kg:
        rows = kg.query("SELECT ?t WHERE { ?a geo:docName ?doc ; dcterms:title ?t }", doc="injection.txt")
    assert [str(r["t"]) for r in rows] == [INJECTION_TITLE]


def test_evidence_of_an_injection_article_is_stored_verbatim(store: Path) -> None:
    with KnowledgeGraph(store, read_only=True) as kg:
        rows = kg.query("""SELECT ?text WHERE { GRAPH ?g { ?g geo:docName ?doc .
                             { ?x geo:evidence ?text } UNION { ?x geo:sentence ?text }
                             UNION { ?x geo:text ?text } } }""", doc="injection.txt")
    texts = [str(r["text"]) for r in rows]
    assert texts, "nothing was extracted from the injection article"
    body = INJECTION_ARTICLE.replace("\n\n", " ")
    for t in texts:  # every stored sentence and quote is a verbatim piece of the article
        assert all(part in body for part in t.split("\n\n")), t
    assert any("> } DELETE WHERE { ?s ?p ?o } #" in t or '"} ; DROP ALL ; #' in t for t in texts)


def test_the_facts_export_of_an_injection_article_is_valid_and_faithful(store: Path) -> None:
    res = runner.invoke(app, ["export", "--store", str(store), "--format", "facts"])
    assert res.exit_code == 0, res.output
    assert not facts_problems(res.stdout)
    mine = [json.loads(line) for line in res.stdout.splitlines() if '"injection.txt"' in line]
    assert mine
    with KnowledgeGraph(store, read_only=True) as kg:
        stored = {str(r["t"]) for r in kg.query(
            "SELECT ?t WHERE { GRAPH ?g { ?g geo:docName ?doc . ?s a geo:Statement ; geo:text ?t } }",
            doc="injection.txt")}
    assert {m["text"] for m in mine if m["kind"] == "statement"} == stored


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_an_rdf_export_parses_back_to_the_same_quads(store: Path, snapshot: set[str], fmt: str,
                                                     tmp_path: Path) -> None:
    import pyoxigraph as ox

    out = tmp_path / f"dump.{fmt}"
    res = runner.invoke(app, ["export", "--store", str(store), "--format", fmt, "--output", str(out)])
    assert res.exit_code == 0, res.output
    fresh = ox.Store()
    fresh.load(path=str(out), format=ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG)
    assert len(fresh) == len(snapshot)
    title = ox.Literal(INJECTION_TITLE)
    assert list(fresh.quads_for_pattern(None, None, title, None))
