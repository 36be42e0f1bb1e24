"""Linear in document size: one long document costs what its text costs in pieces.

A yearbook or a decade of work reports comes as one file. Every stage that runs per
document (reading, the extractors, linking) must cost in proportion to the text, not
to its square: checks of every zone match against every place hit made 600,000
characters take 27 s and 7 M characters not finish in 20 minutes.

The test builds a 2 MB document from the texts in the repository and compares the
CPU time of reading, extracting and linking it with the time for the same text cut
into 100 documents. A ratio, not an absolute time, so that a slow or busy machine
does not fail it; the factor is generous (measured: 1.0 to 1.1; before: 13.8).
"""

from __future__ import annotations

import logging
import time
from itertools import pairwise
from pathlib import Path

import pytest

from kg.extract import LONG_DOCUMENT, extract
from kg.ingest import SourceText, read_document
from kg.link import Linker

# Run with --perf (CI does): a timing ratio on a 2 MB document (the slowest test).
pytestmark = pytest.mark.perf

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 2_000_000
PIECES = 100
FACTOR = 3.0


def _texts() -> list[str]:
    files = sorted((ROOT / "kg" / "seeds").glob("*.txt"))
    files += sorted((ROOT / "tests" / "gold" / "heldout").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def _long_text() -> str:
    """The repository's texts, repeated in order to 2 MB of UTF-8."""
    texts, parts, size = _texts(), [], 0
    while size < TARGET_BYTES:
        for text in texts:
            parts.append(text.strip())
            size += len(parts[-1].encode("utf-8")) + 2
            if size >= TARGET_BYTES:
                break
    return "\n\n".join(parts)


def _pieces(text: str, count: int) -> list[str]:
    """``text`` cut into ``count`` pieces of about the same length, at line breaks
    where one is near."""
    size = len(text) // count
    cuts = [0]
    for i in range(1, count):
        at = i * size
        line_break = text.find("\n", at, at + size // 2)
        cuts.append(line_break + 1 if line_break >= 0 else at)
    cuts.append(len(text))
    return [text[a:b] for a, b in pairwise(cuts)]


def _cpu_seconds(texts: list[str]) -> float:
    """CPU time of reading, extracting and linking ``texts`` as documents."""
    started = time.process_time()
    linker = Linker()
    for i, text in enumerate(texts):
        doc = read_document(SourceText(f"doc{i}.txt", text.encode("utf-8")))
        linker.add(doc, extract(doc))
    linker.finish()
    return time.process_time() - started


def test_scaling_a_long_document_costs_about_its_pieces() -> None:
    text = _long_text()
    pieces = _pieces(text, PIECES)
    assert len(pieces) == PIECES and "".join(pieces) == text
    _cpu_seconds(pieces[:3])  # load the gazetteer and jieba before timing
    split = _cpu_seconds(pieces)
    whole = _cpu_seconds([text])
    ratio = whole / split
    print(f"2 MB: one document {whole:.1f} s, {PIECES} documents {split:.1f} s")
    assert ratio < FACTOR, (
        f"one 2 MB document took {whole:.1f} s of CPU, the same text in {PIECES} "
        f"documents {split:.1f} s: {ratio:.1f}x (at most {FACTOR}x)"
    )


def test_scaling_long_documents_log_their_steps(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.extract
    import kg.link

    monkeypatch.setattr(kg.extract, "LONG_DOCUMENT", 1000)
    monkeypatch.setattr(kg.link, "LONG_DOCUMENT", 1000)
    text = _texts()[0]
    assert 1000 < len(text) < LONG_DOCUMENT
    doc = read_document(SourceText("long.txt", text.encode("utf-8")))
    with caplog.at_level(logging.INFO, logger="kg.progress"):
        linker = Linker()
        linker.add(doc, extract(doc))
    lines = [r.getMessage() for r in caplog.records if r.name == "kg.progress"]
    assert lines[0].startswith("long.txt: a long document")
    assert any(" places found in " in line for line in lines)
    assert any(" metrics found in " in line for line in lines)
    assert any(" programmes found in " in line for line in lines)
    assert lines[-1].startswith("long.txt: ") and " linked in " in lines[-1]
