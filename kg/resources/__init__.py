"""Rules and word lists stored as data, loaded once on first use.

Every file here is plain UTF-8: one entry per line, ``#`` starts a comment. Loading
is lazy (``functools.cache``) so ``import kg`` stays fast.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import cache
from importlib import resources as _resources


def read_text(name: str) -> str:
    """The text of resource file ``name`` (gzip-decompressed when it ends in .gz)."""
    data = (_resources.files(__name__) / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


@cache
def load_lines(name: str) -> frozenset[str]:
    """The entries of a one-per-line word list, comments and blanks removed."""
    return frozenset(_entries(name))


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Like ``load_lines`` but keeps file order (for ordered rule lists)."""
    return tuple(_entries(name))


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated file with a header line, comments removed."""
    lines = [ln for ln in read_text(name).splitlines() if ln and not ln.startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


def _entries(name: str) -> list[str]:
    out = []
    for line in read_text(name).splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out
