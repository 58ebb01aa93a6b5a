"""Concurrency (issue #8): reading a store while a build writes it gives either a
consistent answer or a clear "store busy" error, never a crash or a corrupted
store. A writer facing readers (or another writer) waits for them a little
(``kg.store.WRITER_WAIT_SECONDS``), then is refused the same way.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreBusyError
from kg.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
runner = CliRunner()
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a geo:Article } }"


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store holding the seeds, and a directory of 12 more articles to build into it."""
    if len(SEEDS) < 3:
        pytest.skip("the seed articles are missing")
    base = tmp_path_factory.mktemp("concurrency")
    first, more = base / "first", base / "more"
    first.mkdir()
    more.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, first / seed.name)
        for n in range(4):
            lines = seed.read_text(encoding="utf-8").split("\n")
            lines.insert(4, f"The report was updated {n + 1} times during the day, editors said.")
            (more / f"{seed.stem}-u{n}.txt").write_text("\n".join(lines), encoding="utf-8")
    store = base / "store"
    res = runner.invoke(app, ["build", str(first), "--store", str(store), "--quiet"])
    assert res.exit_code == 0, res.output
    return {"store": store, "first": first, "more": more}


def _answer(store: Path) -> int | str:
    """The number of articles read through ``kg query``, or the error text when refused."""
    res = runner.invoke(app, ["query", COUNT, "--store", str(store), "--format", "json"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    if res.exit_code != 0:
        return res.stderr
    return int(json.loads(res.stdout)[0]["n"])


@pytest.fixture(scope="module")
def during(dirs: dict[str, Path]) -> dict:
    """Query over and over (in process and as a separate process) while a build writes the store."""
    store = dirs["store"]
    before = _answer(store)
    with KnowledgeGraph(store, read_only=True) as kg:
        graphs_before = set(kg.store.dump("nquads").decode("utf-8").splitlines())
    proc = subprocess.Popen(_kg("build", str(dirs["more"]), "--store", str(store), "--quiet"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers: list[int | str] = []
    others: list[subprocess.Popen] = []
    api_errors: list[Exception] = []
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        answers.append(_answer(store))
        if isinstance(answers[-1], str) and not others:  # the build holds the store: try other processes
            others.append(subprocess.Popen(_kg("query", "quotes-by-speaker", "--param", "speaker=Guo Jiakun",
                                               "--store", str(store)), stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True))
            others.append(subprocess.Popen(_kg("build", str(dirs["first"]), "--store", str(store), "--quiet"),
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
            try:
                KnowledgeGraph(store, read_only=True).close()
            except StoreBusyError as exc:
                api_errors.append(exc)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=300)
    finished = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in others]  # type: ignore[union-attr]
    return {"before": before, "after": _answer(store), "answers": answers, "others": finished,
            "api_errors": api_errors, "build_rc": proc.returncode, "build_err": err,
            "graphs_before": graphs_before}


def test_the_build_that_writes_finishes_normally(during: dict) -> None:
    assert during["build_rc"] == 0, during["build_err"]


def test_a_query_during_a_build_is_answered_consistently_or_told_the_store_is_busy(during: dict) -> None:
    before, after = during["before"], during["after"]
    assert before == 3 and after == 15
    busy = [a for a in during["answers"] if isinstance(a, str)]
    assert busy, "no query ran while the build held the store"
    for a in during["answers"]:
        if isinstance(a, str):
            assert "store busy" in a and "Traceback" not in a, a
        else:
            assert a in (before, after), a


def test_a_query_process_during_a_build_exits_non_zero_saying_store_busy(during: dict) -> None:
    rc, out, err = during["others"][0]
    assert rc != 0 and "store busy" in err and "Traceback" not in err, (rc, out, err)


def test_a_second_build_during_a_build_waits_for_it_or_is_refused_as_store_busy(during: dict) -> None:
    rc, out, err = during["others"][1]
    assert "Traceback" not in err
    assert rc == 0 or (rc != 0 and "store busy" in err), (rc, out, err)


def test_the_python_api_raises_store_busy_during_a_build(during: dict) -> None:
    assert during["api_errors"] and "store busy" in str(during["api_errors"][0])


def test_the_store_is_intact_after_the_concurrent_build(during: dict, dirs: dict[str, Path]) -> None:
    with KnowledgeGraph(dirs["store"], read_only=True) as kg:
        quads = set(kg.store.dump("nquads").decode("utf-8").splitlines())
        docs = sorted(kg.articles())
    assert during["graphs_before"] <= quads  # nothing of the first build was lost
    assert len(docs) == 15
    res = runner.invoke(app, ["export", "--store", str(dirs["store"]), "--format", "facts"])
    assert res.exit_code == 0, res.output
    assert {json.loads(line)["doc"] for line in res.stdout.splitlines()} == set(docs)


def test_a_writer_facing_a_reader_past_the_wait_is_refused_and_changes_nothing(
        dirs: dict[str, Path], during: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store

    monkeypatch.setattr(kg.store, "WRITER_WAIT_SECONDS", 0.3)
    with KnowledgeGraph(dirs["store"], read_only=True) as reader:
        n = len(reader)
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="store busy"):
            KnowledgeGraph(dirs["store"])
        assert 0.25 < time.monotonic() - started < 5
        assert len(reader) == n


def test_a_build_started_during_a_query_waits_for_it_and_then_writes(dirs: dict[str, Path],
                                                                    during: dict) -> None:
    import threading

    store = dirs["store"]
    extra = dirs["more"].parent / "extra"
    extra.mkdir(exist_ok=True)
    (extra / "new.txt").write_text("Scholz met Macron in Paris on Friday.", encoding="utf-8")
    reader = KnowledgeGraph(store, read_only=True)
    n = len(reader)
    timer = threading.Timer(1.5, reader.close)  # a query that takes 1.5 s
    timer.start()
    try:
        res = subprocess.run(_kg("build", str(extra), "--store", str(store), "--quiet"), capture_output=True,
                             text=True, timeout=120, env={**os.environ})
    finally:
        timer.join()
    assert res.returncode == 0, res.stderr
    with KnowledgeGraph(store, read_only=True) as kg:
        assert len(kg) > n and "new.txt" in kg.articles()
