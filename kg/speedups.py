"""The two process and memory tricks a build keeps, because they were measured to pay.

Issue 22 measured each trick of the earlier builds on the bulk corpus (74,471 news
items, 106 MB; ``bench/build_bench.py``, with and without it in the same run) and
kept only what saves at least 10 % of the wall time or keeps the peak under 3 GB.
Gone: the forked child for a rebuild's changed documents, ``malloc_trim``,
``os._exit`` at the end of ``kg build``, loading the extractors before forking the
workers, and the tuple packing of results (``kg.codec``). Kept, here:

- ``paused_gc``: the cyclic collector walks the build's millions of long-lived
  objects (mentions, entities, graph attributes, RDF statements; none in a cycle)
  again and again for nothing. Measured: see ``paused_gc``.
- ``beside``: a forked child writes graph.json and the view while the building
  process writes the RDF files. Measured: see ``beside``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from kg.errors import KgError

T = TypeVar("T")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block (a whole build).

    Everything is still freed by reference counting: a build makes no cycles (0
    unreachable objects after extracting 1,489 news items). On the bulk corpus the
    building process spent FIGURE_GC. Nested uses are fine: only the outermost one
    turns the collector back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Done(Generic[T]):
    """A job already run here."""

    def __init__(self, run: Callable[[], T]) -> None:
        self._value = run()

    def cancel(self) -> None:
        pass

    def join(self, what: str) -> T:
        return self._value


class _Forked(Generic[T]):
    """A job run in a forked child: it sees the graph without a copy being made
    (pages are shared until written) and reports back through a pipe."""

    def __init__(self, run: Callable[[], T]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._child = context.Process(target=_run_child, args=(run, send, os.getpid()))
        self._child.start()
        send.close()

    def cancel(self) -> None:
        """Stop the child; its files stay unwritten (it writes to temporaries)."""
        self._child.terminate()
        self._child.join()
        self._receive.close()

    def join(self, what: str) -> T:
        """Wait for the child; its result, or its exception raised here."""
        try:
            outcome = self._receive.recv()
        except EOFError:
            outcome = None
        finally:
            self._receive.close()
            self._child.join()
        if outcome is None:
            raise KgError(
                f"the {what} stopped without a result "
                f"(exit code {self._child.exitcode}; out of memory?)"
            )
        error, value = outcome
        if error is not None:
            raise error
        result: T = value
        return result


def beside(run: Callable[[], T], fork: bool) -> _Done[T] | _Forked[T]:
    """Run ``run`` in a forked child while this process goes on (``fork`` and the
    system can fork), else here and now; ``join`` gives its result either way.

    The build writes graph.json and the view this way while it writes the RDF
    files, which take longest: with a second core idle, the writers' wall time is
    that of the RDF files alone. Measured: FIGURE_FORK. This way round the child
    ends first, and its copies of the pages it touched go with it.
    """
    import multiprocessing

    if fork and "fork" in multiprocessing.get_all_start_methods():
        return _Forked(run)
    return _Done(run)


def _run_child(run: Callable[[], Any], send: Any, parent: int) -> None:
    from kg.executor import die_with_parent

    die_with_parent(parent)  # a killed build leaves no writer behind
    try:
        value = run()
    except BaseException as e:  # reported to the parent, which raises it
        send.send((e, None))
    else:
        send.send((None, value))
    finally:
        send.close()
