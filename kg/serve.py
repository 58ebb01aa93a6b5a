"""``kg serve``: a store as a read-only SPARQL 1.1 Protocol endpoint.

The server is the ``oxigraph`` package's own (``oxigraph serve-read-only``):
it speaks the SPARQL 1.1 Protocol (``GET``/``POST /query``, JSON, XML, CSV and
TSV results), refuses every update (``/update`` and the Graph Store Protocol
answer 403), queries the union of the article graphs as the default graph
(as ``kg query`` does), and cancels a query that runs past ``--timeout-s``.

Why a separate process, not a Python server over pyoxigraph: a Python thread
cannot interrupt a long native query (see ``../shared/MEASURED.md``), and the
Rust server streams results as fast as the embedded store answers them.

Locking: opening a RocksDB store read-only while another process writes it is
undefined behaviour, so the server runs under a *shared* ``flock`` on the
store's ``kg.lock`` (the one :mod:`kg.store` uses). A build started while the
server runs gets "store busy" instead of corrupting what is served; a server
started while a build runs gets the same error. The lock's file descriptor is
handed to the server process, so the lock lives exactly as long as the server,
even if the Python parent is killed.

Timeouts are Oxigraph's: a query is cancelled at its next cancellation check
after the timeout; the plain cross joins and scans a runaway query is made of
are stopped within about a second, but a few operators (a sort over a huge
intermediate result) only check when they finish.
"""

from __future__ import annotations

import fcntl
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kg.errors import KGError, StoreBusyError

#: Default address: loopback only, unless the user says otherwise.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServeError(KGError):
    """The endpoint could not be started."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` executable (the ``oxigraph`` PyPI package's CLI).

    Looked up next to the running Python first (a virtualenv's ``bin/``), then on PATH.

    Raises:
        ServeError: it is not installed.
    """
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the oxigraph server is not installed (it comes with the 'oxigraph' package: "
                     "pip install 'oxigraph>=0.5,<0.6')")


def _store_dir(store: str | Path) -> Path:
    spec = str(store)
    if spec in ("memory", "oxigraph-memory") or spec.startswith(("http://", "https://")):
        raise ServeError(f"kg serve needs an on-disk store directory, not {spec!r} (a remote endpoint is served "
                         "already; build a directory with: kg build ARTICLES --store DIR)")
    path = Path(os.path.expanduser(spec))
    if not (path / "CURRENT").is_file():
        raise ServeError(f"{path}: no kg store here (build one with: kg build ARTICLES --store {path})")
    return path


def _shared_lock(path: Path) -> IO[str]:
    """Take the store's shared lock (as a reader does), failing fast if a build holds it."""
    try:
        fh = open(path / "kg.lock", "a+")  # noqa: SIM115 - the lock outlives this function
    except OSError as exc:
        raise ServeError(f"{path}: cannot open the store's lock file: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise StoreBusyError(str(path)) from None
    return fh


def _die_with_parent() -> None:
    """In the server process, before exec: ask Linux to SIGTERM it when its parent dies.

    The server runs in its own session (so a terminal's Ctrl-C reaches only
    kg, which stops it cleanly); this makes sure it does not outlive a kg that
    was killed outright. A no-op where prctl is unavailable.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def command(store_dir: Path, host: str, port: int, timeout: float) -> list[str]:
    """The ``oxigraph serve-read-only`` command line for a store."""
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not a TCP port (1-65535)")
    if timeout <= 0:
        raise ServeError(f"the query timeout must be positive, not {timeout}")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [oxigraph_binary(), "serve-read-only", "--location", str(store_dir), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(max(1, math.ceil(timeout)))]


@dataclass
class Server:
    """A running endpoint (see :func:`start`); stop it with :meth:`stop` or a ``with`` block.

    Attributes:
        url: the endpoint's base URL; queries go to ``url + "/query"``.
        process: the server process.
    """

    url: str
    process: subprocess.Popen
    _lock: IO[str] | None = field(default=None, repr=False)
    _log: IO[bytes] | None = field(default=None, repr=False)

    def errors(self) -> str:
        """What the server wrote on its error output so far (when started quiet)."""
        if self._log is None or self._log.closed:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return self.url + "/query"

    def stop(self, grace: float = 5.0) -> None:
        """Terminate the server (kill it if it does not stop within ``grace`` seconds) and release the lock."""
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(grace)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            if self._lock is not None:
                self._lock.close()
                self._lock = None
            if self._log is not None:
                self._log.close()
                self._log = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _wait_ready(server: Server, deadline: float) -> None:
    import urllib.error
    import urllib.request

    url, proc = server.url, server.process
    probe = url + "/query?query=ASK%7B%7D"
    while True:
        if proc.poll() is not None:
            first = next((line for line in server.errors().splitlines() if line.strip()), "it exited")
            raise ServeError(f"the oxigraph server did not start: {first.strip()} (is the port already in use? "
                             "choose another with --port)")
        try:
            with urllib.request.urlopen(probe, timeout=1) as resp:  # noqa: S310 - our own loopback URL
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise ServeError(f"the oxigraph server did not answer at {url} within the start-up time")
        time.sleep(0.05)


def start(store: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = 30.0,
          startup: float = 20.0, quiet: bool = True) -> Server:
    """Start a read-only SPARQL endpoint on a store and return once it answers.

    Args:
        store: the store directory.
        host: address to bind; loopback by default (say ``0.0.0.0`` to serve the network).
        port: TCP port.
        timeout: query timeout in seconds (rounded up to whole seconds, at least 1).
        startup: seconds to wait for the server to answer.
        quiet: discard the server's request log (errors on start-up are still reported).

    Raises:
        ServeError: no store there, no oxigraph binary, or the server did not start.
        StoreBusyError: a build is writing the store.
    """
    import tempfile

    path = _store_dir(store)
    cmd = command(path, host, port, timeout)
    lock = _shared_lock(path)
    # the server's error output goes to a file, not a pipe nobody drains (a full pipe would block it)
    log = tempfile.TemporaryFile() if quiet else None  # noqa: SIM115 - closed with the server
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL if quiet else None,
                                stderr=log, pass_fds=(lock.fileno(),), start_new_session=True,
                                preexec_fn=_die_with_parent)
    except OSError as exc:
        lock.close()
        if log is not None:
            log.close()
        raise ServeError(f"cannot run {cmd[0]}: {exc.strerror or exc}") from None
    url_host = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        url_host = "127.0.0.1" if host == "0.0.0.0" else "[::1]"
    server = Server(url=f"http://{url_host}:{port}", process=proc, _lock=lock, _log=log)
    try:
        _wait_ready(server, time.monotonic() + startup)
    except BaseException:
        server.stop()
        raise
    return server


def serve(store: str | Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = 30.0,
          echo: Any = None) -> int:
    """Serve a store read-only until interrupted (Ctrl-C or SIGTERM); what ``kg serve`` runs.

    Args:
        store: the store directory.
        host: address to bind (loopback unless you say otherwise).
        port: TCP port.
        timeout: query timeout in seconds.
        echo: where to say where the endpoint is (a callable taking a string);
            standard error by default.

    Returns:
        The server's exit status (0 after an interrupt).

    Raises:
        ServeError: see :func:`start`.
        StoreBusyError: a build is writing the store.
    """
    say = echo or (lambda s: print(s, file=sys.stderr, flush=True))
    server = start(store, host=host, port=port, timeout=timeout, quiet=False)
    say(f"serving {Path(str(store))} read-only at {server.query_url} (SPARQL 1.1 Protocol; query timeout "
        f"{max(1, math.ceil(timeout))} s); Ctrl-C stops")
    stopping = False

    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, on_term)
    try:
        while server.process.poll() is None:
            try:
                server.process.wait(0.5)
            except subprocess.TimeoutExpired:
                continue
    except KeyboardInterrupt:
        stopping = True
    finally:
        signal.signal(signal.SIGTERM, old)
        code = server.process.poll()
        server.stop()
    if stopping:
        return 0
    if code:
        raise ServeError(f"the oxigraph server stopped with status {code} (its error output is above)")
    return 0
