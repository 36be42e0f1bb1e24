"""Where extraction runs: here, on local worker processes, or on a Dask cluster.

Every executor has one method, ``map``: apply a function to batches (lists of
documents), lazily, and return the results in the order of the batches, whatever
order the workers finish them in. An empty batch runs nothing and has no result:
it only lets ``map`` hand on the results finished meanwhile. The build puts the cache in front (only documents
it has no result for are sent) and reads the results in corpus order. An executor
knows nothing of documents, caches or outputs.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Future
from typing import Any, Protocol, TypeVar

from kg.errors import KgError

B = TypeVar("B")
R = TypeVar("R")


class Executor(Protocol):
    """Runs a function over batches; ``map`` returns results in batch order."""

    def map(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        """``fn(batch)`` for each non-empty batch, in order. Batches are taken from
        ``batches`` only a few ahead of the results taken from the iterator."""
        ...

    def close(self) -> None:
        """Stop the workers (pending work is dropped)."""
        ...


class SerialExecutor:
    """No workers: each batch is run here, when its result is asked for."""

    def map(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        return (fn(batch) for batch in batches if batch)

    def close(self) -> None:
        pass


class _PooledExecutor:
    """``map`` over futures: at most ``2 * slots`` batches in flight, so the corpus is
    read only a little ahead of the workers. A result is handed on as soon as it and
    those before it are done, even while the next batches are still being read."""

    slots = 1

    def _submit(self, fn: Callable[[B], R], batch: B) -> Future[R]:
        raise NotImplementedError

    def map(self, fn: Callable[[B], R], batches: Iterable[B]) -> Iterator[R]:
        pending: deque[Future[R]] = deque()
        for batch in batches:
            if batch:
                pending.append(self._submit(fn, batch))
            while pending and (pending[0].done() or len(pending) > 2 * self.slots):
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def close(self) -> None:
        pass


class ProcessExecutor(_PooledExecutor):
    """A local pool of ``jobs`` worker processes, started on the first batch.

    Forked where the system can (Linux, macOS): "spawn" re-runs the caller's main
    module in every worker, which breaks scripts and notebooks that call
    ``kg.build`` without a ``__main__`` guard. ``prepare`` (the build's: load the
    extractors' data) runs here once, right before a forked pool starts, so the
    workers inherit what it loaded instead of each loading it again (~2.7 CPU s a
    worker: a 5,000-item build at ``-j 4`` takes 22 % less CPU, bench/README.md
    "Round 16"). A spawned pool's workers load their own. Workers end with this
    process, even when it is killed (``die_with_parent``).
    """

    def __init__(self, jobs: int, prepare: Callable[[], None] | None = None) -> None:
        self.slots = jobs
        self._pool: Any = None
        self._prepare = prepare

    def _submit(self, fn: Callable[[B], R], batch: B) -> Future[R]:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = (
                "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            )
            if method == "fork" and self._prepare is not None:
                self._prepare()
            self._pool = ProcessPoolExecutor(
                self.slots,
                mp_context=multiprocessing.get_context(method),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        future: Future[R] = self._pool.submit(fn, batch)
        return future

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskExecutor(_PooledExecutor):
    """Batches run on a Dask distributed cluster; its workers need kg installed."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as e:
            raise KgError(
                "--cluster needs Dask distributed: pip install 'kg[cluster]'"
            ) from e
        try:
            self._client = Client(address, timeout="5s")
        except OSError as e:
            raise KgError(f"cannot reach the cluster at {address}: {e}") from e
        self.slots = max(1, sum(self._client.nthreads().values()))

    def _submit(self, fn: Callable[[B], R], batch: B) -> Future[R]:
        # pure=False: no hashing of the whole batch to make a task key.
        future: Future[R] = self._client.submit(fn, batch, pure=False)
        return future

    def close(self) -> None:
        self._client.close()


def executor_for(
    jobs: int, cluster: str | None, prepare: Callable[[], None] | None = None
) -> Executor:
    """The executor of a build: a cluster if one is named, else ``jobs`` local
    processes (none for one job); ``prepare``: see ``ProcessExecutor``."""
    if cluster:
        return DaskExecutor(cluster)
    if jobs <= 1:
        return SerialExecutor()
    return ProcessExecutor(jobs, prepare)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenExecutor as e:  # a worker killed (out of memory?) or crashed
        raise KgError(
            f"an extraction worker stopped without a result (out of memory?): {e}"
        ) from e


def die_with_parent(parent: int) -> None:
    """Run in each worker as it starts: end it when the building process ends.

    A pool's workers wait for work on a pipe; when the building process is killed
    (kill -9, the OOM killer) nothing tells them, and they would live on as
    orphans. On Linux the kernel sends them SIGKILL as their parent dies
    (``PR_SET_PDEATHSIG``): immediate, no thread, no polling. If the parent was
    gone before this ran, the worker has been adopted already and ends here.
    Elsewhere a daemon thread checks the parent every second.
    """
    if sys.platform == "linux":
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:
                # A worker (never the library's process) whose build is gone: ended
                # at once, as the kernel's SIGKILL would have ended it.
                os._exit(1)
            return
    import threading

    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    # A worker, never the library's process, and this runs on a thread: sys.exit
    # would end only the thread. Nothing of the worker needs tidying.
    os._exit(1)
