"""Memory helpers shared by the build and the writers."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

# What a command-line run leaves for the operating system to reclaim (see
# ``run_then_exit``); None in a library or test process, where nothing is kept.
_left_to_exit: list[object] | None = None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block.

    A build makes millions of small long-lived objects (mentions, entities, graph
    attributes, RDF statements) and none of them is in a reference cycle: the
    collector's full passes walk all of them again and again for nothing (a third of
    linking time, a quarter of RDF writing time, measured on 10 % of the bulk
    corpus). Everything is still freed by reference counting. Nested uses are fine:
    only the outermost one turns the collector back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def give_back() -> None:
    """Return freed heap memory to the operating system, where the C library can.

    CPython frees an object's memory into its allocator's pools and glibc's free
    lists; the process's resident size stays at its high-water mark. When a build
    has dropped its graph while a forked writer still runs, ``malloc_trim`` hands
    those pages back (on a copy of the whole bulk corpus's writer inputs: 1,200 MB
    resident, 361 MB after dropping them, 176 MB after trimming). A no-op without
    glibc.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def leave_to_exit(*objects: object) -> None:
    """Do not free ``objects`` in a process that ``run_then_exit`` ends.

    Freeing a large graph object by object costs seconds (about 3 s of the whole
    bulk corpus's 50 s build) that a process about to end need not spend: the
    operating system takes its memory back at once. Elsewhere (a library call, a
    test) this does nothing and the objects are freed as usual.
    """
    if _left_to_exit is not None:
        _left_to_exit.extend(objects)


def run_then_exit(main: Callable[[], object]) -> NoReturn:
    """Run a command-line entry point, then end the process without tearing it down.

    The exit status is the one ``sys.exit`` was given, as Python would make it. The
    standard streams are flushed; interpreter finalisation (freeing every module's
    objects, ``atexit`` handlers) is skipped only when something was left with
    ``leave_to_exit``, so commands that leave nothing end as usual. Mypy ends its
    runs the same way, for the same reason.
    """
    global _left_to_exit
    _left_to_exit = []
    try:
        main()
        code: object = 0
    except SystemExit as e:
        code = e.code
    if not _left_to_exit:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
