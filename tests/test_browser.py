"""The HTML view in a real browser: headless Debian chromium driven by playwright.

The page is the seeds graph plus one hand-made article whose actor is named
``<img src=x onerror=alert(1)>``. Every request that leaves the file is
blocked and counted, console errors and dialogs are collected, and the test
reads vis-network's own data sets to compare them with the projection.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.graph import KnowledgeGraph
from test_viz import HOSTILE, sample_facts

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium "
                                                     "(apt-get install chromium; .ci/run does)"),
]


def _nquads(seeds: Any) -> bytes:
    """The N-Quads of a seeds store, whatever shape the shared fixture hands out."""
    if isinstance(seeds, KnowledgeGraph):
        return seeds.store.dump("nquads")
    with KnowledgeGraph(seeds, read_only=True) as graph:
        return graph.store.dump("nquads")


@pytest.fixture(scope="session")
def seeds_nquads(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The seeds graph, built once per session (from conftest's ``seeds_store`` when there is one)."""
    try:
        return _nquads(request.getfixturevalue("seeds_store"))
    except pytest.FixtureLookupError:
        pass
    from kg.graph import build

    articles = tmp_path_factory.mktemp("viz-seeds") / "articles"
    shutil.copytree(ROOT / "seeds", articles)
    graph = build([articles], store=str(articles.parent / "store"))
    try:
        return graph.store.dump("nquads")
    finally:
        graph.close()


@pytest.fixture(scope="module")
def seeds_view(seeds_nquads: bytes, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The seeds plus the hostile article in an in-memory store, its projection and its page."""
    import pyoxigraph as ox

    graph = KnowledgeGraph("oxigraph-memory")
    graph.store.raw.load(seeds_nquads, format=ox.RdfFormat.N_QUADS)
    for facts in sample_facts():
        graph.write(facts)
    G = graph.to_networkx()
    page = tmp_path_factory.mktemp("viz-page") / "seeds.html"
    graph.to_html(page)
    return page, G


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with every outside request blocked and counted, console errors and dialogs recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 860})
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node_index(self, label: str) -> int:
        return self.page.evaluate("(l) => kg.data.nodes.label.indexOf(l)", label)

    def hover_node(self, label: str) -> str:
        """Move the mouse onto the node drawn for ``label``; the tooltip's text."""
        x, y = self.page.evaluate("""(i) => {
            const p = kg.network.canvasToDOM(kg.network.getPosition(i));
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top]; }""", self.node_index(label))
        self.page.mouse.move(x + 60, y + 60)
        self.page.mouse.move(x, y, steps=4)
        self.page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5_000)
        return self.page.text_content("#kg-tooltip") or ""


@pytest.fixture()
def watched(browser: Any, seeds_view: tuple[Path, Any]) -> Iterator[Watched]:
    w = Watched(browser, seeds_view[0])
    yield w
    w.page.close()


def test_seeds_view_is_offline_complete_and_shows_hostile_names_as_text(
        watched: Watched, seeds_view: tuple[Path, Any], tmp_path: Path) -> None:
    _, G = seeds_view
    page = watched.page
    counts = page.evaluate("[kg.network.body.data.nodes.length, kg.network.body.data.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    assert G.number_of_nodes() > 20, "the seeds graph should be there, not only the hand-made article"

    text = watched.hover_node(HOSTILE)
    assert text.startswith(HOSTILE)
    assert page.locator("#kg-tooltip h3").text_content() == HOSTILE
    att = watched.hover_node("AT&T")
    assert att.startswith("AT&T") and "&amp;" not in att

    # the hostile name's statement, as a pinned edge card: evidence and document names as text
    page.evaluate("""() => {
        const E = kg.data.edges, N = kg.data.nodes, from = N.label.indexOf(%r);
        const j = E.from.findIndex((f, k) => f === from && kg.data.predicates[E.pred[k]].name === 'saidAbout');
        kg.network.selectEdges([j]);
        kg.network.body.emitter.emit('click', {nodes: [], edges: [j]}); }""" % HOSTILE)
    details = page.text_content("#kg-details") or ""
    assert "</script><script>alert(2)</script>" in details and "evil <b>doc</b>.txt" in details

    watched.hover_node(HOSTILE)
    page.wait_for_timeout(300)  # time for an injected onerror to fire, if there were one
    page.screenshot(path=str(tmp_path / "seeds.png"))
    assert page.evaluate("document.querySelectorAll('img, script[src], link[href], iframe').length") == 0
    assert watched.dialogs == []
    assert watched.outside == []
    assert watched.errors == []


def test_legend_checkboxes_filter_predicates_and_types(watched: Watched, seeds_view: tuple[Path, Any]) -> None:
    _, G = seeds_view
    page = watched.page

    def shown() -> list[int]:
        return page.evaluate("[kg.network.body.data.nodes.length, kg.network.body.data.edges.length]")

    said = sum(1 for *_, k in G.edges(keys=True) if k == "saidAbout")
    page.get_by_role("checkbox", name="said about").uncheck()
    assert shown()[1] == G.number_of_edges() - said
    page.get_by_role("checkbox", name="said about").check()
    assert shown() == [G.number_of_nodes(), G.number_of_edges()]

    events = sum(1 for _, d in G.nodes(data=True) if d["type"] == "Event")
    page.get_by_role("checkbox", name="Event").uncheck()
    assert shown()[0] == G.number_of_nodes() - events
    assert "showing" in (page.text_content("#kg-stats") or "")
    assert watched.errors == [] and watched.outside == []


def test_search_selects_and_pins_an_actor(watched: Watched) -> None:
    page = watched.page
    page.fill("#kg-search", "trump")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [watched.node_index("Donald Trump")]
    assert (page.text_content("#kg-details h3") or "") == "Donald Trump"
    assert watched.errors == [] and watched.outside == []
