"""Round 18 of the worker's shortcuts: each gives what the plain computation gives.

Three people rules skip a jieba call when its answer cannot change theirs: a name
after 的 tested on its own three characters before tagging, a word-aligned name whose
end is settled by the character after it, and a role word's name not trimmed when
neither the name nor its first two characters can pass. Each is compared with the
plain computation it replaces, on the seed texts and on generated strings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import people
from kg.extract._context import jieba_words
from kg.extract._tagger import segment, tag
from kg.ingest import parse_document
from kg.lang.rules import chars, word_set, words

# Run with --perf (CI does): fast paths against the slow paths they replace.
pytestmark = pytest.mark.perf

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))

# Made-up snippets in the rules' shapes, with common surnames after 的 and names
# followed by the characters that settle a name's end.
MADE_UP = [
    "开面馆的李春生回到村里，学过电工的周国栋办了个厂。",
    "种果树的王大江说，养蜂的陈小河在山上。",
    "村民赵铁柱说，贫困户孙二妹在家，社员钱满仓家的院子。",
    "的马铃薯和的高质量发展，的王家村，的李某某。",
]

# Characters drawn from the snippets, the seeds' common ones and punctuation.
_ALPHABET = "的王李周陈赵孙钱高马张刘说在家是和了村民户社员开学过办种养回到，。、"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    seeds = [parse_document(p.read_text("utf-8"), p.stem).clean for p in SEEDS]
    return seeds + MADE_UP


def _plain_after_de(text: str, add: Callable[..., None], taken: frozenset[int]) -> None:
    """people._add_after_de as it was before round 18: tagging every 的 + surname."""
    surnames = word_set("person:surnames")
    next_tags = tuple(words("person:words.after-de-next-tags"))
    ends = chars("person:chars.repeated-name-not-end")
    for particle in people._describing_particle().finditer(text):
        start = particle.end()
        if text[start : start + 1] not in surnames or start in taken:
            continue
        window = tag(text[start : start + 8])
        if len(window) < 2:
            continue
        (name, flag), (after, after_flag) = window[0], window[1]
        if not (
            len(name) == 3
            and flag.startswith("nr")
            and name not in jieba_words()
            and (after_flag.startswith(next_tags) or after in ("，", ","))
            and name[-1] not in ends
            and people._weak_name_ok(name)
            and people._cuts(text, start - 6, start + 8).get(start) != start + 1
            and not people._role_word_not_name(name, text, start + len(name))
        ):
            continue
        add(start, start + len(name), "person:after-de", "other", [])


def _found(run: Callable[..., None], text: str) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    run(text, lambda *args: out.append(args), frozenset())
    return out


def _plain_word_aligned(text: str, start: int, end: int, start_known: bool) -> bool:
    """people._word_aligned as it was before round 18: always segmenting."""
    window_start = max(0, start - 6)
    cuts, pos = set(), window_start
    for word in segment(text[window_start : end + 6]):
        cuts.add(pos)
        pos += len(word)
    cuts.add(pos)
    sets = people._chars()
    after = text[end : end + 1]
    ends_ok = end in cuts or after in sets["not_third"] or after in sets["after_name"]
    ends_ok = ends_ok or (start in cuts and people._glued_verb(text, start, end, cuts))
    return (start_known or start in cuts) and ends_ok


def test_after_de_is_the_plain_loop(texts: list[str]) -> None:
    for text in texts:
        assert _found(people._add_after_de, text) == _found(_plain_after_de, text)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=3, max_size=30))
def test_after_de_is_the_plain_loop_on_generated(text: str) -> None:
    assert _found(people._add_after_de, text) == _found(_plain_after_de, text)


def test_word_aligned_is_the_plain_segmentation(texts: list[str]) -> None:
    for text in texts:
        for start in range(0, len(text) - 3, 3):
            for size in (2, 3):
                for known in (True, False):
                    end = start + size
                    assert people._word_aligned(
                        text, start, end, start_known=known
                    ) == _plain_word_aligned(text, start, end, known)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=4, max_size=20), st.integers(0, 16))
def test_trim_name_gives_the_name_or_its_head(text: str, start: int) -> None:
    """What _add_role_then_name relies on to skip the trimming: a name or its first
    two characters, nothing else."""
    name = text[start : start + 3]
    if len(name) < 2:
        return
    assert people._trim_name(name, text, start) in (name, name[:2])
