"""How fast the HTML view is built and opens (run by hand, not a test).

Prints, for synthetic projections of 200, 2,000 and 20,000 nodes (about two
edges per node, one evidence sentence per edge), the time to generate the
page (including the precomputed layout above kg.viz.LARGE_GRAPH nodes) and
its size; then the time to interactive of the 2,000-node page in headless
Debian chromium: from navigation until the page says it is ready
(``window.kgReady``, ``<body data-ready="1">``: vis-network has drawn the
fitted graph), with every request outside the file blocked.

    python benchmarks/viz_bench.py [--runs 3] [--sizes 200 2000 20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def generate(sizes: list[int], runs: int, out: Path) -> dict[int, Path]:
    """Build each page ``runs`` times; print the median time and the size."""
    from kg.viz import LARGE_GRAPH, PRE_LAYOUT, render_html, synthetic_projection

    pages = {}
    print(f"HTML generation (median of {runs}; numpy layout above {PRE_LAYOUT} nodes, physics off above "
          f"{LARGE_GRAPH:,})")
    print(f"{'nodes':>8} {'edges':>8} {'generate s':>11} {'HTML KB':>9}")
    for n in sizes:
        G = synthetic_projection(n)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            html = render_html(G)
            times.append(time.perf_counter() - started)
        path = out / f"synthetic-{n}.html"
        path.write_text(html, encoding="utf-8")
        pages[n] = path
        print(f"{n:>8,} {G.number_of_edges():>8,} {statistics.median(times):>11.2f} "
              f"{len(html.encode('utf-8')) / 1024:>9,.0f}", flush=True)
    return pages


def time_to_interactive(page: Path, runs: int) -> None:
    """Open the page ``runs`` times in a fresh tab; print navigation-to-ready times."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"time to interactive: skipped, no {CHROMIUM} (apt-get install chromium)")
        return
    url = page.resolve().as_uri()
    wall, in_page, outside = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            tab = browser.new_page(viewport={"width": 1400, "height": 860})
            tab.route("**/*", lambda r: r.continue_() if r.request.url == url
                      else (outside.append(r.request.url), r.abort()))
            started = time.perf_counter()
            tab.goto(url)
            tab.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
            wall.append(time.perf_counter() - started)
            in_page.append(tab.evaluate("window.kgReadyAt") / 1000)
            counts = tab.evaluate("[kg.network.body.data.nodes.length, kg.network.body.data.edges.length]")
            tab.close()
        browser.close()
    print(f"time to interactive, {page.name} ({counts[0]:,} nodes, {counts[1]:,} edges), "
          f"headless chromium, median of {runs}:")
    print(f"  navigation start -> window.kgReady (performance.now): {statistics.median(in_page):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in in_page)})")
    print(f"  goto() -> ready seen by playwright (wall):           {statistics.median(wall):.2f} s")
    print(f"  requests outside the file: {len(outside)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    ap.add_argument("--tti", type=int, default=2000, help="nodes of the page to open in chromium (0: none)")
    ap.add_argument("--keep", type=Path, help="write the pages here instead of a temporary directory")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = a.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        sizes = sorted(set(a.sizes) | ({a.tti} if a.tti else set()))
        pages = generate(sizes, a.runs, out)
        if a.tti:
            time_to_interactive(pages[a.tti], a.runs)


if __name__ == "__main__":
    main()
