"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the built graph.

- ``GET /sparql?query=…`` and ``POST /sparql`` (form-encoded ``query=…`` or a
  ``application/sparql-query`` body); ``default-graph-uri``/``named-graph-uri`` choose
  the dataset, otherwise the default graph is the union of all graphs.
- SELECT/ASK results as SPARQL JSON (default), XML, CSV or TSV by the ``Accept`` header;
  CONSTRUCT/DESCRIBE as Turtle (default), N-Triples or RDF/XML.
- Read-only: an update (``update=…``, ``application/sparql-update`` or an update sent as
  a query) gets 403 with a message saying so.
- Each query runs in a worker process (``QueryWorkers``): Oxigraph cannot stop a
  query from Python, but a process can be killed. Past ``timeout`` the client gets
  503, the worker is killed, so the query's CPU is free at once, and a new worker
  takes its place (forked from a process that holds the loaded store: no reload).
  Rows are counted up to ``max_rows``: a bigger result is cut there and the
  response says so in ``X-KG-Truncated: true``. When every worker is busy a query
  gets 503 at once instead of queueing.
- HEAD is answered as GET without the body; OPTIONS (a browser's CORS preflight) with
  the methods and headers allowed.
- ``/`` is a query page with no external resource; ``/graph.html`` the built view.

Standard library ``http.server`` (``ThreadingHTTPServer``): no framework to install, and
the protocol is small enough to implement in full here.
"""

from __future__ import annotations

import html
import json
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.query import is_update, named_queries
from kg.rdf import prefixes

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


class HttpError(Exception):
    """An answer other than 200: status and a plain-text message for the client."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class Settings:
    """What the handler needs: the store, limits and the pages."""

    store: ox.Store
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 4
    view: Path | None = None
    # Whether the view is still of the build the store was loaded from (kg.outputs)
    view_current: Callable[[], bool] | None = None
    # the query workers, started by ``SparqlServer``
    pool: QueryWorkers | None = field(default=None, init=False)


def negotiate(accept: str, offered: dict[str, Any], default: str) -> str | None:
    """The offered media type the ``Accept`` header likes best, or ``None`` (406).

    Examples:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SELECT_TYPES, "x")
        'application/sparql-results+xml'
        >>> negotiate("*/*", SELECT_TYPES, "application/sparql-results+json")
        'application/sparql-results+json'
        >>> negotiate("image/png", SELECT_TYPES, "x") is None
        True
    """
    if not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, index, media.lower()))
    for negative_q, _, media in sorted(ranked):
        if negative_q >= 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*") and (
            media == "*/*" or default.startswith(media[:-1])
        ):
            return default
    return None


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _term_xml(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_field(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_solutions(names: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    """SPARQL results (JSON, XML, CSV, TSV) of a list of rows (``None`` = unbound)."""
    if fmt == "json":
        bindings = [
            {n: _term_json(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        body = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(n)}>{_term_xml(t)}</binding>"
                for n, t in zip(names, row, strict=True)
                if t is not None
            )
            + "</result>"
            for row in rows
        )
        return (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head><results>{body}</results></sparql>"
        ).encode()
    if fmt == "csv":  # values only (SPARQL 1.1 CSV)
        lines = [",".join(names)] + [
            ",".join("" if t is None else _csv_field(t.value) for t in row)
            for row in rows
        ]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    # TSV: terms in Turtle/N-Triples syntax
    lines = ["\t".join("?" + n for n in names)] + [
        "\t".join("" if t is None else str(t) for t in row) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _write_boolean(value: bool, fmt: str) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>"
        ).encode()
    return (
        f"_askResult\r\n{text}\r\n".encode()
        if fmt == "csv"
        else f"?_askResult\n{text}\n".encode()
    )


@dataclass(slots=True)
class Answer:
    """A response body, its media type, and whether rows were cut at the cap."""

    body: bytes
    media: str
    truncated: bool = False


def evaluate(
    settings: Settings, text: str, accept: str, dataset: dict[str, list[str]]
) -> Answer:
    """Run one query and serialise its result (in a query worker)."""
    try:
        return _evaluate(settings, text, accept, dataset)
    except (RuntimeError, OSError) as e:
        raise HttpError(
            HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {e}"
        ) from None


def _evaluate(
    settings: Settings, text: str, accept: str, dataset: dict[str, list[str]]
) -> Answer:
    kwargs: dict[str, Any] = {"prefixes": prefixes()}
    if dataset.get("default-graph-uri") or dataset.get("named-graph-uri"):
        kwargs["default_graph"] = [
            ox.NamedNode(u) for u in dataset.get("default-graph-uri", [])
        ]
        kwargs["named_graphs"] = [
            ox.NamedNode(u) for u in dataset.get("named-graph-uri", [])
        ] or None
    else:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = settings.store.query(text, **kwargs)
    except SyntaxError as e:
        if is_update(text):
            raise HttpError(
                HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL updates are refused"
            ) from e
        raise HttpError(HTTPStatus.BAD_REQUEST, f"invalid SPARQL query: {e}") from e
    except ValueError as e:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"bad dataset IRI: {e}") from e
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, GRAPH_TYPES, "text/turtle")
        if media is None:
            raise HttpError(
                HTTPStatus.NOT_ACCEPTABLE,
                f"CONSTRUCT/DESCRIBE results are {', '.join(GRAPH_TYPES)}",
            )
        triples, truncated = _take(result, settings.max_rows)
        data = (
            ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=prefixes()) or b""
        )
        return Answer(data, media, truncated)
    media = negotiate(accept, SELECT_TYPES, "application/sparql-results+json")
    if media is None:
        raise HttpError(
            HTTPStatus.NOT_ACCEPTABLE,
            f"SELECT/ASK results are {', '.join(SELECT_TYPES)}",
        )
    fmt = SELECT_TYPES[media]
    if isinstance(result, ox.QueryBoolean):
        return Answer(_write_boolean(bool(result), fmt), _MEDIA[fmt])
    names = [v.value for v in result.variables]
    solutions, truncated = _take(result, settings.max_rows)
    rows = [[s[i] for i in range(len(names))] for s in solutions]
    return Answer(write_solutions(names, rows, fmt), _MEDIA[fmt], truncated)


def _take(items: Any, cap: int) -> tuple[list[Any], bool]:
    """Up to ``cap`` items of a lazy result, and whether there were more."""
    taken = []
    for item in items:
        if len(taken) == cap:
            return taken, True
        taken.append(item)
    return taken, False


def _page(settings: Settings) -> bytes:
    template = resources.files("kg").joinpath("templates/query.html").read_text("utf-8")
    examples = {
        name: {"description": q.description, "text": q.text}
        for name, q in named_queries().items()
    }
    # JSON inside <script>: "<" escaped so no text can close the element.
    data = json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c")
    view = '<a href="/graph.html">graph view</a>' if settings.view else ""
    return (
        template.replace("{{examples}}", data)
        .replace("{{view}}", view)
        .replace("{{cap}}", html.escape(str(settings.max_rows)))
        .encode("utf-8")
    )


def make_handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    """The request handler class, bound to ``settings``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql/1"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the CLI prints one line at start

        def do_GET(self) -> None:
            self._handle(self._get)

        def do_HEAD(self) -> None:
            self._handle(self._get)  # _send leaves the body out

        def do_OPTIONS(self) -> None:
            # A browser asks before a cross-origin POST (CORS preflight).
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Allow", _METHODS)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", _METHODS)
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
            self.send_header("Access-Control-Max-Age", "86400")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            self._handle(self._post)

        def _handle(self, method: Callable[[], Answer]) -> None:
            try:
                answer = method()
            except HttpError as e:
                self._send(
                    e.status,
                    (str(e) + "\n").encode("utf-8"),
                    "text/plain; charset=utf-8",
                )
                return
            headers = {"X-KG-Truncated": "true"} if answer.truncated else {}
            self._send(HTTPStatus.OK, answer.body, answer.media, headers)

        def _send(
            self,
            status: HTTPStatus,
            body: bytes,
            media: str,
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            if "charset" not in media and (
                media.startswith("text/") or "json" in media or "xml" in media
            ):
                media += "; charset=utf-8"
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Vary", "Accept")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _get(self) -> Answer:
            url = urlsplit(self.path)
            if url.path in ("/", "/index.html"):
                return Answer(_page(settings), "text/html")
            if url.path == "/graph.html" and settings.view and settings.view.is_file():
                page = settings.view.read_bytes()
                # checked after reading: a build switching the files in first
                # changes the manifest (kg.outputs)
                if settings.view_current and not settings.view_current():
                    raise HttpError(
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        "the outputs were rebuilt since kg serve started; restart it",
                    )
                return Answer(page, "text/html")
            if url.path != "/sparql":
                raise HttpError(
                    HTTPStatus.NOT_FOUND, f"{url.path}: not found; SPARQL is at /sparql"
                )
            params = parse_qs(url.query, keep_blank_values=True)
            return self._query(params)

        def _post(self) -> Answer:
            url = urlsplit(self.path)
            if url.path != "/sparql":
                raise HttpError(
                    HTTPStatus.NOT_FOUND, f"{url.path}: not found; SPARQL is at /sparql"
                )
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            media = (
                (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            )
            params = parse_qs(url.query, keep_blank_values=True)
            if media == "application/sparql-update":
                raise HttpError(
                    HTTPStatus.FORBIDDEN,
                    "read-only endpoint: SPARQL updates are refused",
                )
            if media == "application/sparql-query":
                params["query"] = [body]
            elif media == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise HttpError(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "POST a form (application/x-www-form-urlencoded) or application/sparql-query",
                )
            return self._query(params)

        def _query(self, params: dict[str, list[str]]) -> Answer:
            if "update" in params:
                raise HttpError(
                    HTTPStatus.FORBIDDEN,
                    "read-only endpoint: SPARQL updates are refused",
                )
            queries = params.get("query") or []
            if len(queries) != 1 or not queries[0].strip():
                raise HttpError(
                    HTTPStatus.BAD_REQUEST, "give exactly one query parameter"
                )
            assert settings.pool is not None, "the server starts the query workers"
            accept = self.headers.get("Accept") or ""
            return settings.pool.run((queries[0], accept, params), settings.timeout)

    return Handler


_METHODS = "GET, HEAD, POST, OPTIONS"

# (query text, Accept header, request parameters): what a worker is sent
Request = tuple[str, str, dict[str, list[str]]]


class QueryWorkers:
    """Worker processes that run the queries, each killed and replaced at a timeout.

    A *zygote* process is forked while the server is still one thread, with the store
    loaded; it forks the workers (a fork of a one-thread process is safe, of a
    threaded server not), so a replacement is ready in milliseconds and shares the
    store's memory. All of them die with the server, also when it is killed.

    Why ``os.fork`` and not ``multiprocessing`` with a spawn or forkserver context
    (issue 22): a worker needs the loaded store, an in-memory Oxigraph store that
    cannot be pickled or handed to another process. A spawned (or forkserver) worker
    would start Python and load the graph again, at start and after every timeout:
    4.0 s for the held-out corpus (31 k quads) in a fresh process, and 42 s of CPU
    and 3.4 GB of memory per worker for the bulk corpus (7.7 M quads; ``load_store``
    measured on a shared machine), against 2-13 ms for a fork from the zygote that
    shares the store's pages. ``multiprocessing``'s fork context forks the same way,
    but from the process that asks, the threaded server, which the zygote avoids.
    """

    def __init__(self, settings: Settings) -> None:
        ours, theirs = socket.socketpair()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the zygote
            ours.close()
            _zygote(theirs, settings, parent)  # never returns
        theirs.close()
        self._zygote, self._zygote_pid = ours, pid
        self._lock = threading.Lock()  # the zygote's socket, the idle list
        self._idle: list[tuple[Connection, int]] = []
        self._busy: set[int] = set()
        self._closed = False
        for _ in range(settings.workers):
            self._idle.append(self._fork())

    def _fork(self) -> tuple[Connection, int]:
        """A new worker: its connection and process id (call with the lock held)."""
        ours, theirs = socket.socketpair()
        socket.send_fds(self._zygote, [b"w"], [theirs.fileno()])
        theirs.close()
        reply = b""
        while len(reply) < 8:
            chunk = self._zygote.recv(8 - len(reply))
            if not chunk:
                raise OSError("the query workers' parent process has gone")
            reply += chunk
        return Connection(ours.detach()), int.from_bytes(reply, "little")

    def run(self, request: Request, timeout: float) -> Answer:
        """Run a query on an idle worker; 503 when none is idle or at the timeout."""
        with self._lock:
            if self._closed:
                raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, "server is stopping")
            if not self._idle:
                raise HttpError(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    "busy: too many queries running; retry later",
                )
            worker = self._idle.pop()
            self._busy.add(worker[1])
        connection, pid = worker
        try:
            connection.send(request)
            if not connection.poll(timeout):
                self._replace(worker)
                raise HttpError(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"query timed out after {timeout:g} s and was stopped",
                )
            reply = connection.recv()
        except (EOFError, OSError) as e:  # the worker died (out of memory?)
            self._replace(worker)
            raise HttpError(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                f"the query's worker process stopped without an answer ({e})",
            ) from None
        with self._lock:
            self._busy.discard(pid)
            self._idle.append(worker)
        if isinstance(reply, Answer):
            return reply
        status, message = reply
        raise HttpError(HTTPStatus(status), message)

    def _replace(self, worker: tuple[Connection, int]) -> None:
        """Kill a worker (its query stops, its CPU is free) and fork another."""
        connection, pid = worker
        _kill(pid)
        connection.close()
        with self._lock:
            self._busy.discard(pid)
            if not self._closed:
                try:
                    self._idle.append(self._fork())
                except OSError:
                    pass  # the server is stopping: no zygote to fork from

    def close(self) -> None:
        """Kill every worker and the zygote."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for connection, pid in self._idle:
                _kill(pid)
                connection.close()
            for pid in self._busy:
                _kill(pid)
            self._idle.clear()
            self._zygote.close()  # the zygote exits when it reads the end
            _kill(self._zygote_pid)
            try:
                os.waitpid(self._zygote_pid, 0)
            except ChildProcessError:
                pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _zygote(channel: socket.socket, settings: Settings, parent: int) -> None:
    """Fork a worker for every file descriptor the server sends; exit at the end."""
    try:
        _die_with_parent(parent)
        # Only the channel is kept: the server's listening socket and whatever else
        # the server had open must not outlive it here.
        keep = channel.fileno()
        os.closerange(3, keep)
        os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped at exit
        zygote = os.getpid()
        while True:
            message, fds, _, _ = socket.recv_fds(channel, 1, 1)
            if not message or not fds:
                break
            pid = os.fork()
            if pid == 0:
                channel.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _worker(Connection(fds[0]), settings, zygote)
            os.close(fds[0])
            channel.sendall(pid.to_bytes(8, "little"))
    finally:
        # A forked child ends with os._exit, the correct end there (multiprocessing's
        # forked children end so too): it must not return into the server's code it
        # was forked from, run the server's atexit handlers, or flush the stdio
        # buffers it copied (their text would be written twice).
        os._exit(0)


def _worker(connection: Connection, settings: Settings, parent: int) -> None:
    """Answer the queries sent on ``connection`` until it closes."""
    try:
        _die_with_parent(parent)
        while True:
            try:
                text, accept, params = connection.recv()
            except (EOFError, OSError):
                break
            try:
                reply: Answer | tuple[int, str] = evaluate(
                    settings, text, accept, params
                )
            except HttpError as e:
                reply = (int(e.status), str(e))
            except Exception as e:  # reported to the client, never a dead worker
                reply = (500, f"query failed: {type(e).__name__}: {e}")
            connection.send(reply)
    finally:
        os._exit(0)  # a forked child: see _zygote


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux).

    Elsewhere a worker still ends when it reads the end of its connection, unless a
    query holds it.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)  # only ever called in a forked child (zygote, worker): see _zygote


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; closing it also stops the query workers."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], settings: Settings) -> None:
        # Set first: a port in use makes the base class call server_close.
        self.settings = settings
        super().__init__(address, make_handler(settings))
        # After the socket is bound: a port in use starts no process.
        settings.pool = QueryWorkers(settings)

    def server_close(self) -> None:
        super().server_close()
        if self.settings.pool is not None:
            self.settings.pool.close()


def make_server(
    store: ox.Store,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    view: Path | None = None,
    view_current: Callable[[], bool] | None = None,
) -> SparqlServer:
    """A SPARQL server over ``store``; call ``serve_forever()`` (port 0: any free one).

    ``view_current`` says whether ``view`` is still of the store's build."""
    settings = Settings(
        store, timeout=timeout, max_rows=max_rows, view=view, view_current=view_current
    )
    return SparqlServer((host, port), settings)
