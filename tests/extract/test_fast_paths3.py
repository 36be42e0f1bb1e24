"""Round 3 of the worker's shortcuts: each gives what the plain computation gives.

Checked against the code they replace, on the seed texts and on generated strings
made of the characters the patterns care about.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import organizations, people
from kg.extract._context import finditer_at
from kg.extract._tagger import segment, tag
from kg.ingest import _FOLD, _FOLDABLE, _GAP, _gaps, fold, parse_document

# Run with --perf (CI does): fast paths against the slow paths they replace; tests/test_golden.py pins the outputs.
pytestmark = pytest.mark.perf

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_raw() -> list[str]:
    return [p.read_text("utf-8") for p in SEEDS]


@pytest.fixture(scope="module")
def seed_texts(seed_raw: list[str]) -> list[str]:
    return [parse_document(t, str(i)).clean for i, t in enumerate(seed_raw)]


def _fold_by_set(text: str) -> str:
    # fold as it was: every foldable form found, then replaced
    for char in set(_FOLDABLE.findall(text)):
        text = text.replace(char, chr(_FOLD[ord(char)]))
    return text


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


# Line breaks, spaces, tabs, CJK, full-width forms: what gaps and folding look at.
_RAW = st.text(alphabet=st.sampled_from("\n\n \t\r梁平区，：（）１\u3000\u00a0a。"))


@settings(max_examples=400, deadline=None)
@given(_RAW)
def test_fold_is_the_set_loop(text: str) -> None:
    assert fold(text) == _fold_by_set(text)


@settings(max_examples=400, deadline=None)
@given(_RAW)
def test_gaps_are_finditer(text: str) -> None:
    folded = fold(text).replace("\r", " ")
    assert _spans(_gaps(folded)) == _spans(_GAP.finditer(folded))


def test_fold_and_gaps_on_seeds(seed_raw: list[str]) -> None:
    for text in seed_raw:
        assert fold(text) == _fold_by_set(text)
        folded = fold(text).replace("\r", " ")
        assert _spans(_gaps(folded)) == _spans(_GAP.finditer(folded))


def _level_anchors(text: str) -> list[tuple[int, int]]:
    starts = organizations._level_word_positions(text)
    return _spans(finditer_at(organizations._rules()[0], text, starts))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("区县市镇乡村系的,。 \n梁平a")))
def test_level_anchors_are_finditer(text: str) -> None:
    assert _level_anchors(text) == _spans(organizations._rules()[0].finditer(text))


def test_level_anchors_on_seeds(seed_texts: list[str]) -> None:
    for text in seed_texts:
        found = _spans(organizations._rules()[0].finditer(text))
        assert _level_anchors(text) == found


def test_signature_needs_a_space(seed_texts: list[str]) -> None:
    # the gate in _add_signature_lines: no match in a text without a space or tab
    pattern = people._patterns()["signature"]
    for text in seed_texts:
        if " " not in text and "\t" not in text and "\u3000" not in text:
            assert pattern.search(text) is None
    assert pattern.search("海拉尔区人民政府区长\u3000\u3000张建喜") is not None


# Dictionary words, characters jieba does not know as words, digits, Latin, spaces:
# every path of jieba's walk (words, single characters, HMM runs, skip blocks).
_CLAUSE = st.text(
    alphabet=st.sampled_from(
        list("梁平区双桂湖国家湿地公园渔梁路曙光东升谭建周嘎查铧犁")
        + list("12.5ab+#&_%- \n\r\t,。、“”")
    ),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(_CLAUSE)
def test_tag_is_jieba_posseg(text: str) -> None:
    import jieba.posseg

    assert tag(text) == tuple((p.word, p.flag) for p in jieba.posseg.lcut(text))


@settings(max_examples=500, deadline=None)
@given(_CLAUSE)
def test_segment_is_jieba_lcut(text: str) -> None:
    import jieba

    assert segment(text) == jieba.lcut(text)


def test_tag_and_segment_on_seed_clauses(seed_texts: list[str]) -> None:
    import jieba
    import jieba.posseg

    for text in seed_texts:
        for start in range(0, len(text), 37):
            clause = text[start : start + 19]
            expected = tuple((p.word, p.flag) for p in jieba.posseg.lcut(clause))
            assert tag(clause) == expected
            assert segment(clause) == jieba.lcut(clause)
