"""The ``kg`` command line: a thin layer over the Python API.

Each command calls the function of the same name (``kg build`` ->
:func:`kg.graph.build`, ``kg export`` -> :func:`kg.export.export`, ...) and
only turns its result into text, tables and exit codes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg.errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Build and query a knowledge graph of who said what about whom, and who met, "
                       "attended, accused or sanctioned whom, from news articles.")
# emoji=False: ":speaker:" in a SPARQL term or a quote must print as written, not as an emoji.
console = Console(stderr=True, emoji=False, soft_wrap=True)
# A table piped to a file or another program gets a wide page instead of 80 columns.
out = Console(width=None if sys.stdout.isatty() else 200, emoji=False)

StoreOpt = Annotated[str, typer.Option("--store", "-s", help="Store: a directory (embedded Oxigraph), "
                                       "'memory', or an http(s):// SPARQL endpoint.")]
BaseOpt = Annotated[str, typer.Option("--base", help="Base IRI of the instance data.")]


def _plain(value: object, *, one_line: bool = True) -> str:
    """Text from outside (file names, causes, paths) made safe for a markup line: rich markup
    escaped (a file named ``notes [/b].txt`` raised MarkupError), undecodable file-name bytes
    and (``one_line``) line breaks and other control characters shown as escapes."""
    import re

    from rich.markup import escape

    text = str(value)
    if one_line:
        text = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: repr(m.group())[1:-1], text)
    return escape(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def _fail(exc: Exception, code: int = 1) -> typer.Exit:
    console.print(f"[red]error:[/red] {_plain(exc, one_line=False)}", markup=True, highlight=False,
                  soft_wrap=True)
    return typer.Exit(code)


def _default_store() -> str:
    from kg.graph import DEFAULT_STORE

    return DEFAULT_STORE


def _default_base() -> str:
    from kg.iri import DEFAULT_BASE

    return DEFAULT_BASE


@app.command()
def build(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or '-' for standard input.")],
    store: StoreOpt = "kg-store",
    base: BaseOpt = "https://w3id.org/kg-geo/id/",
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", "-g",
                         help="Extra actor gazetteer (Turtle, like ontology/actors.ttl); repeatable.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="spaCy processes.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")] = 16,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged articles too.")] = False,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="dask.distributed scheduler "
                         "address (tcp://HOST:PORT): run extraction on that cluster.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build or update the graph of a set of articles.

    Unchanged articles are skipped; a changed article replaces its named graph.
    A file that cannot be read gets one line naming it and the cause; the rest
    goes on, and the exit code is the number of failed inputs (capped at 100).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kg.errors import IngestError

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal,
                        transient=True)

    def on_event(kind: str, item: object) -> None:
        if kind == "error" and isinstance(item, IngestError):
            progress.console.print(f"[yellow]skipped[/yellow] {_plain(item.source)}: {_plain(item.cause)}",
                                   highlight=False, markup=True, soft_wrap=True)  # one line each
        elif kind in ("article", "skip"):
            progress.advance(task)

    try:
        with progress:
            task = progress.add_task("building", total=None)
            if scheduler:
                from kg.distributed import build_distributed

                kg = build_distributed(paths, store, scheduler=scheduler, base=base, gazetteer=gazetteer or (),
                                       batch_size=batch_size, force=force, progress=on_event)
            else:
                from kg.graph import build as build_graph

                kg = build_graph(paths, store, base=base, gazetteer=gazetteer or (), workers=workers,
                                 batch_size=batch_size, force=force, progress=on_event)
    except KGError as exc:
        raise _fail(exc) from None
    report = kg.report
    assert report is not None
    articles = kg.article_count()
    location = kg.store.location
    kg.close()
    for err in report.extraction_errors:
        console.print(f"[yellow]extraction error[/yellow] {_plain(err)}", highlight=False, markup=True,
                      soft_wrap=True)
    for dup in report.duplicates:
        console.print(f"[dim]duplicate skipped[/dim] {_plain(dup)}", highlight=False, markup=True, soft_wrap=True)
    wps = report.words / report.seconds if report.seconds else 0.0
    console.print(
        f"[bold]built[/bold] {_plain(location)}: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed in {report.seconds:.1f} s"
        + (f" ({wps:,.0f} words/s)" if report.processed else ""), highlight=False, markup=True)
    if report.processed == 0 and not report.failed:
        console.print("nothing to do: every article is already in the store unchanged", highlight=False)
    if report.processed:
        console.print(
            f"wrote {len(report.actors)} actors, {report.statements} statements, {report.relations} relations, "
            f"{len(report.events)} events, {report.quads:,} triples", highlight=False)
    # the store's own totals cost a scan of the whole store (seconds at 10k articles): `kg stats` has them
    console.print(f"store holds {articles} articles (kg stats --store {_plain(location)} counts everything)",
                  highlight=False)
    raise typer.Exit(min(len(report.failed), 100))


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or the name of a query of the library.")],
    store: StoreOpt = "kg-store",
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p",
                     help="NAME=VALUE, bound as an RDF literal (an IRI if VALUE is <...>); repeatable.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option("--limit", help="Rows shown in a table (0: all).")] = 0,
) -> None:
    """Run a SPARQL query (text, a .rq file, or a named query) and print the answer."""
    from kg.graph import KnowledgeGraph
    from kg.queries import parse_params, resolve_query

    try:
        text, declared = resolve_query(sparql)
        bindings = parse_params(param or [], declared)
        with KnowledgeGraph(store, read_only=True) as kg:
            rows = kg.query(text, **bindings)
    except KGError as exc:
        raise _fail(exc) from None
    print_rows(rows, fmt, limit)


def print_rows(rows: list[dict], fmt: str, limit: int = 0) -> None:
    """Print query rows as a rich table, CSV or JSON."""
    cols: list[str] = list(rows[0].keys()) if rows else []
    cell = lambda v: "" if v is None else str(v)  # noqa: E731
    if fmt == "json":
        out.print_json(json.dumps([{k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in r.items()}
                                   for r in rows], default=str))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([cell(r.get(c)) for c in cols])
    elif fmt == "table":
        from rich.table import Table

        table = Table(*cols, show_lines=False)
        for r in rows[:limit or None]:
            table.add_row(*[cell(r.get(c)) for c in cols])
        out.print(table, markup=False, highlight=False)
        console.print(f"{len(rows)} rows", highlight=False)
    else:
        raise _fail(KGError(f"unknown format {fmt!r}; use table, csv or json"), 2)


@app.command()
def export(
    store: StoreOpt = "kg-store",
    fmt: Annotated[str, typer.Option("--format", "-f",
                   help="facts, trig, nquads, turtle, ntriples, jsonld, graphml, gexf or csv.")] = "trig",
    output: Annotated[str, typer.Option("--output", "-o", help="File to write ('-': standard output).")] = "-",
) -> None:
    """Export the graph: the facts JSONL of the evaluation contract, RDF, or network files."""
    from kg.export import export as export_graph
    from kg.graph import KnowledgeGraph

    try:
        with KnowledgeGraph(store, read_only=True) as kg:
            data = export_graph(kg, fmt, None if output == "-" else output)
    except (KGError, ValueError) as exc:
        raise _fail(exc) from None
    if data is not None:
        sys.stdout.buffer.write(data)
    else:
        console.print(f"wrote {output}", highlight=False)


@app.command()
def stats(store: StoreOpt = "kg-store") -> None:
    """Count the articles, actors, statements, relations, events and triples of a store."""
    from kg.graph import KnowledgeGraph

    try:
        with KnowledgeGraph(store, read_only=True) as kg:
            counts = kg.stats()
    except KGError as exc:
        raise _fail(exc) from None
    print_rows([{"what": k, "count": v} for k, v in counts.items()], "table")


@app.command()
def remove(docs: Annotated[list[str], typer.Argument(help="Document names (file base names) to drop.")],
           store: StoreOpt = "kg-store") -> None:
    """Drop articles from the store by document name."""
    from kg.graph import KnowledgeGraph

    missing = 0
    try:
        with KnowledgeGraph(store) as kg:
            for doc in docs:
                if kg.remove(doc):
                    console.print(f"removed {doc}", highlight=False)
                else:
                    console.print(f"[yellow]not in the store:[/yellow] {doc}", highlight=False, markup=True)
                    missing += 1
    except KGError as exc:
        raise _fail(exc) from None
    raise typer.Exit(1 if missing else 0)


@app.command()
def evaluate(gold: Annotated[Path, typer.Argument(help="Gold facts JSONL (../shared/eval/SPEC.md).")],
             store: StoreOpt = "kg-store",
             per_doc: Annotated[bool, typer.Option("--per-doc", help="List misses and false positives.")] = False,
             as_json: Annotated[bool, typer.Option("--json", help="Scores as one JSON object.")] = False) -> None:
    """Score the store's facts against gold annotations (precision, recall, F1)."""
    from kg.evaluate import evaluate as run_eval
    from kg.evaluate import format_report
    from kg.export import facts_lines
    from kg.graph import KnowledgeGraph

    try:
        with KnowledgeGraph(store, read_only=True) as kg:
            system = list(facts_lines(kg))
        result = run_eval(gold, system)
    except (KGError, OSError) as exc:
        raise _fail(exc) from None
    if as_json:
        out.print_json(json.dumps(result.scores))
    else:
        out.print(format_report(result, per_doc=per_doc), markup=False, highlight=False)


@app.command()
def validate(store: StoreOpt = "kg-store",
             shapes: Annotated[Optional[Path], typer.Option("--shapes", help="SHACL shapes (Turtle).")] = None
             ) -> None:
    """Check the graph against the SHACL shapes of the ontology; exit 1 on violations."""
    from kg.graph import KnowledgeGraph
    from kg.validate import validate as run_validate

    try:
        with KnowledgeGraph(store, read_only=True) as kg:
            conforms, report = run_validate(kg, shapes)
    except KGError as exc:
        raise _fail(exc) from None
    out.print(report, markup=False, highlight=False)
    raise typer.Exit(0 if conforms else 1)


@app.command()
def viz(store: StoreOpt = "kg-store",
        output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
        actor: Annotated[Optional[str], typer.Option("--actor", help="Centre on this actor (name).")] = None,
        hops: Annotated[int, typer.Option("--hops", min=0, help="Neighbourhood radius around --actor.")] = 1,
        event: Annotated[Optional[str], typer.Option("--event", help="Only this event (IRI or name).")] = None,
        query_file: Annotated[Optional[Path], typer.Option("--query", help="A .rq CONSTRUCT or SELECT ?s ?p ?o "
                              "of the edges to show.")] = None,
        since: Annotated[Optional[str], typer.Option("--since", help="Only facts from articles dated on or "
                         "after this ISO date.")] = None) -> None:
    """Write an offline, interactive HTML network view of the graph."""
    from kg.graph import KnowledgeGraph
    from kg.viz import to_html

    try:
        with KnowledgeGraph(store, read_only=True) as kg:
            info = to_html(kg, output, actor=actor, hops=hops, event=event, query_file=query_file, since=since)
    except KGError as exc:
        raise _fail(exc) from None
    console.print(f"wrote {output} ({info})" if info else f"wrote {output}", highlight=False)


@app.command()
def serve(store: StoreOpt = "kg-store",
          host: Annotated[str, typer.Option("--host", help="Address to bind (loopback unless you say so).")] =
          "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
          timeout: Annotated[float, typer.Option("--timeout", help="Query timeout in seconds.")] = 30.0) -> None:
    """Serve the store as a read-only SPARQL 1.1 Protocol endpoint."""
    from kg.serve import serve as run_serve

    try:
        run_serve(store, host=host, port=port, timeout=timeout)
    except KGError as exc:
        raise _fail(exc) from None


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
