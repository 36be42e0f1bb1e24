"""What ``kg explain`` asks of the extractors: the candidates a rule turned down.

Extraction runs with no recorder (``rejected`` is then one ``is None`` test); ``kg
explain`` runs it inside ``recording()`` and gets, for every candidate a guard or a
check refused, the rule that refused it and where.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kg.model import Document


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate span of ``doc.text`` that the rule ``rule`` turned down."""

    label: str
    rule: str
    start: int
    end: int
    text: str


_RECORD: list[Rejection] | None = None


def active() -> bool:
    """Whether a recorder is listening (extractors skip the bookkeeping if not)."""
    return _RECORD is not None


def rejected(doc: Document, start: int, end: int, label: str, rule: str) -> None:
    """Note that ``rule`` turned down the candidate ``doc.clean[start:end]``."""
    if _RECORD is None:
        return
    o_start, o_end = doc.to_original(start, end)
    _RECORD.append(Rejection(label, rule, o_start, o_end, doc.text[o_start:o_end]))


@contextmanager
def recording() -> Iterator[list[Rejection]]:
    """Collect the rejections made inside the ``with`` block."""
    global _RECORD
    previous, _RECORD = _RECORD, []
    try:
        yield _RECORD
    finally:
        _RECORD = previous
