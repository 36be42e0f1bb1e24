"""``kg.executor``: results in batch order, wherever the batches ran; workers end
with the process that started them."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.executor import ProcessExecutor, SerialExecutor
from tests.conftest import SEEDS


def _slow_echo(batch: list[float]) -> tuple[list[float], int]:
    time.sleep(batch[0])
    return batch, os.getpid()


def test_a_pool_returns_results_in_batch_order() -> None:
    """The first batch finishes last; the results still come in batch order. An
    empty batch has no result."""
    batches = [[0.6], [0.0], [], [0.1], [0.0]]
    executor = ProcessExecutor(2)
    try:
        results = list(executor.map(_slow_echo, batches))
    finally:
        executor.close()
    assert [batch for batch, _ in results] == [b for b in batches if b]
    assert os.getpid() not in {pid for _, pid in results}


_PREPARED: list[int] = []


def _prepare() -> None:
    _PREPARED.append(os.getpid())


def _prepared_in(batch: list[int]) -> tuple[list[int], int]:
    return list(_PREPARED), os.getpid()


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)
def test_a_forked_pool_runs_prepare_once_here_and_its_workers_inherit_it() -> None:
    """The build loads the extractors' data once before the workers fork, not once
    per worker; nothing is prepared before there is a batch to run."""
    _PREPARED.clear()
    executor = ProcessExecutor(2, _prepare)
    try:
        results = executor.map(_prepared_in, [[0], [1], [2]])
        assert _PREPARED == []  # lazily: a wholly cached build starts no pool
        seen = list(results)
    finally:
        executor.close()
    assert _PREPARED == [os.getpid()]
    assert all(
        prepared == [os.getpid()] and pid != os.getpid() for prepared, pid in seen
    )


def test_serial_runs_each_batch_when_its_result_is_asked_for() -> None:
    ran: list[int] = []

    def record(batch: list[int]) -> int:
        ran.append(batch[0])
        return batch[0] * 2

    results = SerialExecutor().map(record, [[0], [], [1], [2]])
    assert ran == []
    assert next(results) == 0 and ran == [0]
    assert list(results) == [2, 4]


def _children(pid: int) -> set[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.update(int(child) for child in f.read().split())
    except OSError:
        pass
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie has ended; only not yet reaped)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_end_when_a_build_is_killed(tmp_path: Path) -> None:
    """kill -9 of ``kg build -j 2`` in the middle of extraction: within 5 s no
    process it started is left running."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    corpus = tmp_path / "news.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(60):  # ~12 batches: minutes of extraction on two workers
            record = {"id": f"n{i}", "text": texts[i % len(texts)]}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    command = ["kg", "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "2"]
    build = subprocess.Popen(
        [sys.executable, "-m", *command, "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, for the clean-up below
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline:
            assert build.poll() is None, "the build ended before it was killed"
            workers = _children(build.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "no worker processes started"
        time.sleep(0.5)  # the workers at work
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 5
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _running(pid)]
    finally:
        try:
            os.killpg(build.pid, signal.SIGKILL)  # whatever is left of the group
        except ProcessLookupError:
            pass
