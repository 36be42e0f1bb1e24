"""The one process and memory trick a build keeps, because it was measured to pay.

Issue 22 measured each trick of the earlier builds on the bulk corpus (74,471 news
items, 106 MB; ``bench/build_bench.py``'s ``run_build``, with and without it in the
same run, on a machine shared with seven other jobs) and kept only what saves at
least 10 % of the wall time or keeps the peak under 3 GB. Kept: ``paused_gc``.
Gone, with what they saved:

- a forked child writing graph.json and the view beside the RDF writer: 6 % of the
  wall time on a quarter of the bulk corpus (128.6 → 120.9 s and 62.5 → 58.6 s in
  two rounds), for 35 % more peak memory (1,300 → 1,760 MB; on the whole corpus the
  build with it peaked at 4,364 MB, the build without at 2,621 MB);
- a forked child extracting a large rebuild's few changed documents, ``malloc_trim``
  and loading the extractors before forking the workers (all three to keep ~170 MB
  of word lists out of the building process; its workers now load them, it never
  does), ``os._exit`` at the end of ``kg build`` (3–4 s of freeing the graph on the
  whole corpus, by the earlier figures: under 10 %), the tuple packing of cached
  results (slower than plain pickle, ``kg.codec``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block (a whole build).

    Everything is still freed by reference counting: a build makes no cycles (0
    unreachable objects after extracting 1,489 news items), but the collector's full
    passes walk all of the build's long-lived objects again and again. On the whole
    bulk corpus, the same run: wall 944.0 → 712.1 s (-25 %), CPU 268.8 → 229.2 s;
    the building process's CPU 139 → 94 s (linking 34.0 → 25.4, the view 27.7 →
    16.7, RDF 45.3 → 31.0); peak memory 2,524 → 2,621 MB. Nested uses are fine:
    only the outermost one turns the collector back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What the block made is old now: into the oldest generation without a
            # pass (freeze + unfreeze move lists), else the first collection after
            # enabling walks all of it, the jieba and gazetteer tables included
            # (kg build of 1,000 bulk items: 0.19 s of CPU at the end → 0.00 s).
            gc.freeze()
            gc.unfreeze()
            gc.enable()
