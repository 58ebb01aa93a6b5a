"""The networkx projection and the offline HTML view (kg.viz), on a small graph made by hand."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.graph import KnowledgeGraph
from kg.models import Actor, Article, ArticleFacts, Event, Relation, Statement
from kg.viz import (
    EDGE_PREDICATES,
    page_data,
    render_html,
    script_json,
    synthetic_projection,
    to_html,
    to_networkx,
    vis_assets,
)

HOSTILE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(2)</script>"
ID = "https://w3id.org/kg-geo/id/"


def _article(doc: str, text: str, date: str) -> Article:
    return Article(id=hashlib.sha256(text.encode()).hexdigest(), doc=doc, text=text, title=doc, date=date)


TRUMP = Actor("Q22686", "Donald Trump", "Person", qid="Q22686")
CHINA = Actor("Q148", "China", "Country", qid="Q148", aliases=("Beijing",))
RUSSIA = Actor("Q159", "Russia", "Country", qid="Q159")
XI = Actor("Q15031", "Xi Jinping", "Person", qid="Q15031")
EVIL = Actor("img-x", HOSTILE, "Person")
ATT = Actor("att", "AT&T", "Organization")
PARADE = Event("parade-2025", "Parade", "Victory Day parade", date="2025-09-03", place="Beijing")


def sample_facts() -> list[ArticleFacts]:
    """Two articles: Trump accuses China in both (two sources); the second, dated later, has an
    actor named like an HTML injection who criticises AT&T and says something script-like."""
    t1 = "Trump accused China of conspiring. Xi hosted the parade."
    a1 = ArticleFacts(
        article=_article("a1.txt", t1, "2025-09-04"), actors=(TRUMP, CHINA, XI, RUSSIA), events=(PARADE,),
        statements=(Statement("Q22686", "they conspire against the US", 0, 30, True, "said", about=("Q148",),
                              sentence=t1),),
        relations=(Relation("Q22686", "accused", "Q148", "Trump accused China of conspiring.", 0, 33, cue="accused"),
                   Relation("Q15031", "hosted", "parade-2025", "Xi hosted the parade.", 34, 55, object_is_event=True),
                   Relation("Q15031", "represents", "Q148", "Xi hosted the parade.", 34, 55)))
    t2 = f"{HOSTILE} criticized AT&T and China. Trump again accused China."
    a2 = ArticleFacts(
        article=_article("evil <b>doc</b>.txt", t2, "2025-10-01"), actors=(EVIL, ATT, CHINA, TRUMP),
        statements=(Statement("img-x", f"{BREAKOUT} \u2028 & <b>bold</b>", 0, 20, True, "said", about=("att",),
                              sentence=t2),),
        relations=(Relation("img-x", "criticized", "att", t2[:57], 0, 57),
                   Relation("img-x", "criticized", "Q148", t2[:57], 0, 57),
                   Relation("Q22686", "accused", "Q148", "Trump again accused China.", 58, 84)))
    return [a1, a2]


@pytest.fixture(params=["oxigraph-memory", "memory"])
def kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    graph = KnowledgeGraph(request.param)
    for facts in sample_facts():
        graph.write(facts)
    return graph


def _edge(G, s: str, p: str, o: str) -> dict:
    return G.edges[ID + s if "://" not in s else s, ID + o if "://" not in o else o, p]


def _parade(G) -> str:
    """The parade's IRI (its key is minted by kg.resolve)."""
    return next(n for n, d in G.nodes(data=True) if d["type"] == "Event")


def test_projection_counts_distinct_source_articles_per_edge(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx()
    accused = _edge(G, "actor/Q22686", "accused", "actor/Q148")
    assert accused["sources"] == 2
    assert accused["docs"] == ["a1.txt", "evil <b>doc</b>.txt"]
    assert {e["text"] for e in accused["evidence"]} == {"Trump accused China of conspiring.",
                                                         "Trump again accused China."}
    assert _edge(G, "actor/Q15031", "hosted", _parade(G))["sources"] == 1


def test_projection_has_typed_nodes_with_label_and_qid(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx()
    trump = G.nodes[ID + "actor/Q22686"]
    assert (trump["label"], trump["type"], trump["qid"], trump["kind"]) == ("Donald Trump", "Person", "Q22686", "actor")
    assert G.nodes[ID + "actor/att"]["type"] == "Organization"
    assert G.nodes[ID + "actor/Q148"]["articles"] == 2
    parade = G.nodes[_parade(G)]
    assert (parade["type"], parade["event_type"], parade["date"], parade["place"]) == \
        ("Event", "Parade", "2025-09-03", "Beijing")
    # an actor that is mentioned but takes part in no relation is still a node
    assert ID + "actor/Q159" in G and G.degree(ID + "actor/Q159") == 0
    assert {k for _, _, k in G.edges(keys=True)} <= set(EDGE_PREDICATES)


def test_said_about_edge_carries_the_statements(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx()
    said = _edge(G, "actor/Q22686", "saidAbout", "actor/Q148")
    assert said["statements"] == [{"text": "they conspire against the US", "doc": "a1.txt", "direct": True,
                                   "cue": "said"}]
    assert G.nodes[ID + "actor/Q22686"]["statements"] == 1


def test_both_backends_give_the_same_projection() -> None:
    graphs = []
    for spec in ("oxigraph-memory", "memory"):
        graph = KnowledgeGraph(spec)
        for facts in sample_facts():
            graph.write(facts)
        G = graph.to_networkx()
        graphs.append((sorted(G.nodes(data=True)), list(G.edges(keys=True, data=True))))
    assert graphs[0] == graphs[1]


def test_since_keeps_only_facts_from_articles_dated_on_or_after(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx(since="2025-10-01")
    assert _edge(G, "actor/Q22686", "accused", "actor/Q148")["sources"] == 1
    assert not any(d["type"] == "Event" for _, d in G.nodes(data=True))
    assert not G.has_edge(ID + "actor/Q22686", ID + "actor/Q148", "saidAbout")
    with pytest.raises(QueryError, match="ISO date"):
        kg.to_networkx(since="last week")


def test_actor_view_is_the_neighbourhood_within_hops(kg: KnowledgeGraph) -> None:
    one = kg.to_networkx(actor="xi jinping", hops=1)
    assert {d["label"] for _, d in one.nodes(data=True)} == {"Xi Jinping", "China", "Victory Day parade"}
    two = kg.to_networkx(actor="Xi Jinping", hops=2)
    assert {"Donald Trump", HOSTILE} <= {d["label"] for _, d in two.nodes(data=True)}
    # aliases and QIDs find actors too
    assert ID + "actor/Q148" in kg.to_networkx(actor="Beijing", hops=0)
    assert list(kg.to_networkx(actor="Q22686", hops=0)) == [ID + "actor/Q22686"]


def test_unknown_actor_is_an_error_that_suggests_close_names(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="Donald Trump"):
        kg.to_networkx(actor="Donald Trum")


def test_event_view_has_the_event_and_its_participants(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx(event="Victory Day parade")
    assert set(G) == {_parade(G), ID + "actor/Q15031"}
    assert set(kg.to_networkx(event=_parade(G))) == set(G)
    with pytest.raises(QueryError, match="no event"):
        kg.to_networkx(event="Yalta")


def test_query_file_construct_keeps_only_its_edges(kg: KnowledgeGraph, tmp_path: Path) -> None:
    rq = tmp_path / "accusations.rq"
    rq.write_text("PREFIX geo: <https://w3id.org/kg-geo/ontology#>\n"
                  "CONSTRUCT { ?s geo:accused ?o } WHERE { ?s geo:accused ?o }\n", encoding="utf-8")
    G = kg.to_networkx(query_file=rq)
    assert [(u, k, v) for u, v, k in G.edges(keys=True)] == [(ID + "actor/Q22686", "accused", ID + "actor/Q148")]
    assert G.edges[ID + "actor/Q22686", ID + "actor/Q148", "accused"]["sources"] == 2


def test_query_select_of_s_p_o_keeps_its_edges_and_other_selects_are_refused(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx(query="SELECT ?s ?p ?o WHERE { ?s ?p ?o . VALUES ?p { geo:criticized } }")
    assert {G.nodes[v]["label"] for _, v in G.edges()} == {"AT&T", "China"}
    with pytest.raises(QueryError, match=r"\?s \?p \?o"):
        kg.to_networkx(query="SELECT ?x WHERE { ?x a geo:Actor }")


def test_script_json_escapes_what_could_end_a_script_element() -> None:
    text = script_json({"a": f"{BREAKOUT} & <!-- \u2028\u2029 AT&T"})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"a": f"{BREAKOUT} & <!-- \u2028\u2029 AT&T"}


def _embedded_data(page: str) -> dict:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert m, "no data block in the page"
    return json.loads(m.group(1))


def test_article_strings_reach_the_page_only_as_escaped_json(kg: KnowledgeGraph) -> None:
    page = kg.to_html()
    for raw in (HOSTILE, BREAKOUT, "<b>bold</b>", "evil <b>doc</b>.txt", "\u2028"):
        assert raw not in page
    data = _embedded_data(page)
    assert HOSTILE in data["nodes"]["label"] and "AT&T" in data["nodes"]["label"]
    assert "evil <b>doc</b>.txt" in data["docs"]
    assert any(BREAKOUT in ev[0] for evs in data["edges"]["evidence"] for ev in evs)


def test_page_is_self_contained(kg: KnowledgeGraph) -> None:
    page = kg.to_html()
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)\s*=", page, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # the browser itself refuses any fetch
    assert "vis.Network" in page and "vis-network" in page


def test_vis_network_comes_from_the_installed_pyvis() -> None:
    import pyvis

    js, css = vis_assets()
    bundled = next((Path(pyvis.__file__).parent / "lib").glob("vis-9.1.2/vis-network.min.js")).read_text()
    assert js.replace("\n", "") [:5000] == bundled.replace("\n", "")[:5000]
    assert len(js) > 400_000 and ".vis-network" in css
    assert "</script" not in js.lower() and "</style" not in css.lower()


def test_page_data_has_one_entry_per_node_and_edge_with_legend_counts(kg: KnowledgeGraph) -> None:
    G = kg.to_networkx()
    data = page_data(G)
    assert len(data["nodes"]["label"]) == G.number_of_nodes()
    assert len(data["edges"]["from"]) == G.number_of_edges()
    assert sum(t["count"] for t in data["nodeTypes"]) == G.number_of_nodes()
    assert {p["name"]: p["count"] for p in data["predicates"]}["criticized"] == 2
    assert not data["large"] and "x" not in data["nodes"]


def test_large_graphs_get_positions_and_no_physics() -> None:
    G = synthetic_projection(300)
    data = page_data(G, large_graph=200)
    assert data["large"]
    xs, ys = data["nodes"]["x"], data["nodes"]["y"]
    assert len(xs) == len(ys) == 300 and len({(x, y) for x, y in zip(xs, ys)}) == 300
    assert any("physics off" in note for note in data["notes"])


def test_reduced_graph_says_what_was_left_out() -> None:
    G = synthetic_projection(120)
    data = page_data(G, max_nodes=50)
    assert len(data["nodes"]["label"]) == 50
    assert any("Reduced" in note and "120" in note for note in data["notes"])


def test_to_html_writes_the_page_and_returns_a_summary(kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "graph.html"
    info = to_html(kg, out)
    assert re.fullmatch(r"7 nodes, 7 edges, \d+ KB", info)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_viz_writes_the_view_of_an_actor(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    store = tmp_path / "store"
    with KnowledgeGraph(store) as graph:
        for facts in sample_facts():
            graph.write(facts)
    out = tmp_path / "xi.html"
    result = CliRunner().invoke(app, ["viz", "--store", str(store), "-o", str(out), "--actor", "Xi Jinping"])
    assert result.exit_code == 0, result.output
    assert "3 nodes, 2 edges" in " ".join(result.output.split())
    assert _embedded_data(out.read_text(encoding="utf-8"))["title"].startswith("kg: Xi Jinping")
    bad = CliRunner().invoke(app, ["viz", "--store", str(store), "-o", str(out), "--actor", "Nobody"])
    assert bad.exit_code != 0 and "no actor called 'Nobody'" in " ".join(bad.output.split())


def test_render_html_of_an_empty_projection_still_makes_a_page() -> None:
    import networkx as nx

    page = render_html(nx.MultiDiGraph())
    assert _embedded_data(page)["nodes"]["label"] == []


def test_empty_store_projects_to_an_empty_graph() -> None:
    assert to_networkx(KnowledgeGraph("oxigraph-memory")).number_of_nodes() == 0
