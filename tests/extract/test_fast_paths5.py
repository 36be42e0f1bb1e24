"""Round 11 of the worker's shortcuts: each gives what the plain computation gives.

The route weights and the HMM cache of the tagger, the frames' words found in one
pass, and the check that spares _trim_name a segmentation: each compared with the
plain computation it replaces, on the seed texts and on generated strings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import _tagger, people
from kg.ingest import parse_document

# Run with --perf (CI does): fast paths against the slow paths they replace; tests/test_golden.py pins the outputs.
pytestmark = pytest.mark.perf

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [parse_document(p.read_text("utf-8"), p.stem).clean for p in SEEDS]


def _clauses(texts: list[str]) -> list[str]:
    return [c for text in texts for c in re.split(r"[，。；：、“”\n,]", text) if c]


def test_segment_is_jieba_lcut(seed_texts: list[str]) -> None:
    import jieba

    _tagger._WEIGHTS.clear()
    _tagger._finalseg_words.cache_clear()
    for clause in _clauses(seed_texts)[:400]:
        assert _tagger.segment(clause) == jieba.lcut(clause)
    # twice: the second time from the filled weight table and HMM cache
    for clause in _clauses(seed_texts)[:400]:
        assert _tagger.segment(clause) == jieba.lcut(clause)
    assert _tagger._WEIGHTS and _tagger._finalseg_words.cache_info().hits


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        max_size=12,
    )
)
def test_segment_is_jieba_lcut_on_random_han(text: str) -> None:
    import jieba

    assert _tagger.segment(text) == jieba.lcut(text)


def test_frame_words_are_the_words_in_the_text(seed_texts: list[str]) -> None:
    finder, needs = people._frame_words()
    frames = people._frames()
    for text in [*seed_texts, "", "no frame word here"]:
        present = {
            i for i, _, _ in finder.find_matches_as_indexes(text, overlapping=True)
        }
        for (_, _, required, _), need in zip(frames, needs, strict=True):
            if required is not None:
                assert present.isdisjoint(need) == (
                    not any(w in text for w in required)
                )


def test_may_trim_skips_only_what_would_not_be_trimmed(
    seed_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every three Han characters of the seeds as a name: _trim_name gives the same
    with the check and with it always saying a cut may hold."""
    cases = [
        (text[at : at + 3], text, at)
        for text in seed_texts
        for at in range(len(text) - 3)
        if re.fullmatch("[\u4e00-\u9fff]{3}", text[at : at + 3])
    ][::3]
    fast = [people._trim_name(*case) for case in cases]
    skipped = sum(not people._may_trim(*case) for case in cases)
    monkeypatch.setattr(people, "_may_trim", lambda *_: True)
    assert fast == [people._trim_name(*case) for case in cases]
    assert skipped > 100 and any(f != c[0] for f, c in zip(fast, cases, strict=True))
