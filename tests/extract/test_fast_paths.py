"""The extractors' shortcuts give what the plain computation gives.

Each fast path (gazetteer pieces, the Viterbi, regex starts, prefilters) is checked
against the slow one it replaces, on the seed texts and on generated strings.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import metrics, people, places
from kg.extract._context import finditer_at
from kg.extract._tagger import tag, viterbi
from kg.extract.places import load_gazetteer
from kg.ingest import parse_document

# Run with --perf (CI does): fast paths against the slow paths they replace; tests/test_golden.py pins the outputs.
pytestmark = pytest.mark.perf

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [parse_document(p.read_text("utf-8"), p.stem).clean for p in SEEDS]


def iter_long(text: str) -> list[tuple[int, int, str]]:
    automaton = load_gazetteer().automaton
    return [(e - len(k) + 1, e + 1, k) for e, k in automaton.iter_long(text)]


def test_find_is_iter_long_on_seeds(seed_texts: list[str]) -> None:
    gazetteer = load_gazetteer()
    for text in seed_texts:
        assert gazetteer.find(text) == iter_long(text)


@pytest.mark.parametrize(
    "text",
    [
        "依托高速公路开通、高新技术产业园的建设",  # iter_long misses 产业园
        "建三江管理局,建三江管理局",  # ...and 三江 at the very end only
        "重庆江北区,梁平区梁山街道八角社区",
        "",
    ],
)
def test_find_keeps_iter_long_quirks(text: str) -> None:
    assert load_gazetteer().find(text) == iter_long(text)


@functools.cache
def _keys() -> tuple[str, ...]:
    # a sample: sampled_from over all 48,000 keys is slow to draw from
    return tuple(sorted(load_gazetteer().keys)[::40])


@st.composite
def gazetteer_soup(draw: st.DrawFn) -> str:
    """Texts made of pieces of gazetteer keys, glue characters and punctuation."""
    keys = _keys()
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(keys).flatmap(
                    lambda k: st.integers(0, len(k) - 1).map(lambda i: k[i:])
                ),
                st.sampled_from(keys).flatmap(
                    lambda k: st.integers(1, len(k)).map(lambda i: k[:i])
                ),
                st.sampled_from(list("的在和,。、区县村镇")),
            ),
            max_size=12,
        )
    )
    return "".join(pieces)


@settings(max_examples=200, deadline=None)
@given(gazetteer_soup())
def test_find_is_iter_long_on_key_soup(text: str) -> None:
    assert load_gazetteer().find(text) == iter_long(text)


def test_tagger_is_jieba_posseg(seed_texts: list[str]) -> None:
    import jieba.posseg

    clauses = [
        c for text in seed_texts[:6] for c in re.split(r"[，。；：、“”\n,]", text) if c
    ]
    for clause in clauses[:150]:
        assert list(tag(clause)) == [
            (t.word, t.flag) for t in jieba.posseg.lcut(clause)
        ]


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        max_size=6,
    )
)
def test_viterbi_is_jiebas(text: str) -> None:
    import jieba.posseg as posseg

    jieba_viterbi = sys.modules["jieba.posseg.viterbi"].viterbi
    if not text:
        return
    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    assert viterbi(text, *tables) == jieba_viterbi(text, *tables)


def test_figure_starts_find_what_finditer_finds(seed_texts: list[str]) -> None:
    _, pattern = metrics._units()
    for text in seed_texts:
        assert [m.span() for m in metrics._figures(text, pattern)] == [
            m.span() for m in pattern.finditer(text)
        ]


def test_cue_starts_find_what_finditer_finds(seed_texts: list[str]) -> None:
    from kg.lang.rules import longest_first
    from kg.lang.rules import pattern as rule_pattern

    cases = [
        (people._patterns()["historical"], longest_first("person:history-cues"), (3,)),
        (people._patterns()["speech"], longest_first("person:speech-verbs"), (2, 3)),
        (
            rule_pattern("person:pattern.name-post"),
            longest_first("person:verbs.take-post"),
            people._TAKES_POST_GAPS,
        ),
    ]
    extra = ["谢建望从2020年担任八角社区党总支书记。", "“好”,邓华星如是说。卢建孚精神"]
    for pattern, words, gaps in cases:
        for text in [*seed_texts, *extra]:
            starts = people._starts_before(text, words, gaps)
            assert [m.span() for m in finditer_at(pattern, text, starts)] == [
                m.span() for m in pattern.finditer(text)
            ]


def test_required_words() -> None:
    assert people._required_words("(?:\\d+)岁的(?P<n>.)") == ("岁的",)
    assert people._required_words("(?:名叫|(?<=,)叫)(?P<n>.)") == ("名叫", "叫")
    assert people._required_words("(?i:ab|cd)") is None  # case-folded: no words
    assert people._required_words("a|b") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="、和及与社区街道村镇乡方舟秀水平安一,。 a1", max_size=40))
def test_level_lists_are_finditer(text: str) -> None:
    spans = [m.span() for m in places._level_lists(text)]
    assert spans == [
        m.span() for m in places._list_patterns()["level_list"].finditer(text)
    ]


def test_level_lists_are_finditer_on_seeds(seed_texts: list[str]) -> None:
    extra = ["方舟、秀水社区和平安村", "懂农业、懂技术", "和平、和谐和美街道"]
    for text in [*seed_texts, *extra]:
        spans = [m.span() for m in places._level_lists(text)]
        assert spans == [
            m.span() for m in places._list_patterns()["level_list"].finditer(text)
        ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="的大群联在河周江疆两沪昆和各全警李文祥洪源生三要横港桥x1。",
        min_size=1,
        max_size=10,
    )
)
def test_viterbi_is_jiebas_on_common_characters(text: str) -> None:
    """Characters jieba's table knows (the runs the place walk really tags)."""
    import jieba.posseg as posseg

    jieba_viterbi = sys.modules["jieba.posseg.viterbi"].viterbi
    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    assert viterbi(text, *tables) == jieba_viterbi(text, *tables)


def test_dictionary_tables_are_the_line_loop() -> None:
    """One split of jieba's dictionary gives what a loop over its lines gave."""
    import jieba

    from kg.extract import _context

    words: dict[str, tuple[int, str]] = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    assert list(_context.jieba_words().items()) == list(words.items())
    tags = {word: tag for word, (_, tag) in words.items()}
    freqs = {word: freq for word, (freq, _) in words.items()}
    assert list(_context.word_tags().items()) == list(tags.items())
    assert list(_context.word_freq().items()) == list(freqs.items())


def _inside_quotes_by_regex(text: str, start: int, end: int) -> bool:
    """``places._inside_quotes`` before its quote-character gate."""
    before = places._QUOTE_BEFORE.search(text[max(0, start - 13) : start])
    after = places._QUOTE_AFTER.match(text[end : end + 13])
    return bool(
        before and after and before.group()[0] in '“"' and after.group()[-1] in '”"'
    )


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet='“”"\n连心桥枫经验a ', max_size=40),
    st.integers(0, 40),
    st.integers(0, 6),
)
def test_inside_quotes_gate(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert places._inside_quotes(text, start, end) == _inside_quotes_by_regex(
        text, start, end
    )
