"""kg serve as a user runs it: the real command in a process of its own.

Runaway queries are stopped at the timeout (their CPU freed, the next query
answered), Ctrl-C stops the server at the first press and leaves no process behind,
a port in use is a one-line error, HEAD and OPTIONS are answered.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import group_stats

# Every row times every row times every row: ~10^10 solutions on the seeds' graph,
# minutes of CPU if nothing stops it.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "SELECT ?s WHERE { ?s a ?type } LIMIT 3"
TIMEOUT = 2.0
WORKERS = 4  # kg serve's default


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str

    def processes(self) -> dict[int, float]:
        """CPU seconds of every live process of the server (its process group)."""
        return _group_cpu(self.process.pid)


def _group_cpu(group: int) -> dict[int, float]:
    """CPU seconds (user + system) of each live process of the group."""
    ticks = os.sysconf("SC_CLK_TCK")
    return {
        pid: (int(fields[11]) + int(fields[12])) / ticks
        for pid, fields in group_stats(group).items()
    }


def _start(graph: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(graph), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, as a shell gives it
    )


@pytest.fixture
def server(built_seeds: Path) -> Iterator[Server]:
    process = _start(built_seeds, "--port", "0", "--timeout", f"{TIMEOUT:g}")
    assert process.stdout is not None
    line = process.stdout.readline()
    assert "/sparql" in line, line + (process.stderr.read() if process.stderr else "")
    url = line.split("http://", 1)[1].split("/sparql")[0]
    try:
        yield Server(process, f"http://{url}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def _ask(
    url: str, query: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], str]:
    target = f"{url}/sparql" + (
        "?" + urllib.parse.urlencode({"query": query}) if query else ""
    )
    request = urllib.request.Request(target, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def _ask_quietly(url: str, query: str) -> None:
    """A query whose answer does not matter (the server may stop meanwhile)."""
    try:
        _ask(url, query)
    except (OSError, urllib.error.URLError):
        pass


def _runaways(url: str, count: int) -> list[tuple[int, str, float]]:
    """``count`` runaway queries at once: (status, body, seconds) of each."""
    results: list[tuple[int, str, float]] = []

    def one() -> None:
        started = time.perf_counter()
        status, _, body = _ask(url, RUNAWAY)
        results.append((status, body, time.perf_counter() - started))

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.perf  # slow (~5 s): test_serve.py times a query out in-process
def test_serve_process_runaway_queries_stop_and_free_their_cpu(server: Server) -> None:
    started = time.perf_counter()
    # As many runaways as workers: before, they ran on after their 503 and the server
    # refused everything after them, burning both cores.
    results = _runaways(server.url, WORKERS)
    for status, body, seconds in results:
        assert status == 503 and "timed out" in body and "stopped" in body
        assert seconds < TIMEOUT + 2, f"a runaway was answered after {seconds:.1f} s"
    status, _, body = _ask(server.url, SMALL)
    assert status == 200 and '"bindings"' in body
    elapsed = time.perf_counter() - started
    assert elapsed < TIMEOUT + 2, f"the next query was answered after {elapsed:.1f} s"
    # The server's processes use (almost) no CPU once the runaways are stopped.
    before = server.processes()
    time.sleep(1.0)
    after = server.processes()
    used = sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
    assert used < 0.3, f"the server used {used:.2f} s of CPU in 1 s after the timeout"
    # The pool is whole again: as many runaways at once are all stopped again.
    assert all(status == 503 for status, _, _ in _runaways(server.url, WORKERS))


def test_serve_process_head_and_options(server: Server) -> None:
    status, headers, body = _ask(server.url, SMALL, method="HEAD")
    assert status == 200 and body == ""
    assert int(headers["Content-Length"]) > 0
    status, headers, body = _ask(server.url, method="OPTIONS")
    assert status == 204 and body == ""
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "OPTIONS" in headers["Allow"]


@pytest.mark.perf  # slow (~5 s): waits for a real server to stop
def test_serve_process_ctrl_c_stops_at_the_first_press(server: Server) -> None:
    # A query running while Ctrl-C is pressed (the runaway holds a worker).
    threading.Thread(
        target=_ask_quietly, args=(server.url, RUNAWAY), daemon=True
    ).start()
    time.sleep(0.5)
    assert len(server.processes()) >= 2 + WORKERS  # server, zygote, workers
    os.killpg(server.process.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends
    code = server.process.wait(5)
    assert code == 0
    stderr = server.process.stderr.read() if server.process.stderr else ""
    assert "Traceback" not in stderr
    deadline = time.monotonic() + 3
    while server.processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not server.processes(), "processes of the server are left"


def test_serve_process_port_in_use_is_one_line(
    server: Server, built_seeds: Path
) -> None:
    port = server.url.rsplit(":", 1)[1]
    second = _start(built_seeds, "--port", port)
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 1
    assert stderr.strip().count("\n") == 0 and "Traceback" not in stderr
    assert port in stderr and "in use" in stderr


@pytest.mark.perf  # process mechanics: no worker outlives a killed server
def test_serve_process_dies_with_a_killed_server(server: Server) -> None:
    threading.Thread(
        target=_ask_quietly, args=(server.url, RUNAWAY), daemon=True
    ).start()
    time.sleep(0.5)
    os.kill(server.process.pid, signal.SIGKILL)  # the server only, not its group
    server.process.wait(5)
    deadline = time.monotonic() + 5
    while server.processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not server.processes(), "workers outlived a killed server"
