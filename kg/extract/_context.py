"""Helpers the extractors share: mention construction and position lookups."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

from kg.lang.rules import CJK as CJK  # re-exported: the extractors import it from here
from kg.lang.rules import Rule, Test, pattern, register_test
from kg.model import Document, Mention

# 〔*〕 and friends stand for a redacted name (seed 003): never part of a mention
# (common:placeholder).
PLACEHOLDER = pattern("common:placeholder")


def make_mention(
    doc: Document,
    start: int,
    end: int,
    label: str,
    rule: str,
    attrs: Mapping[str, object] | None = None,
    *,
    name: str | None = None,
) -> Mention:
    """A mention from a ``clean`` span, with offsets mapped back to ``doc.text``."""
    o_start, o_end = doc.to_original(start, end)
    return Mention(
        doc_id=doc.doc_id,
        start=o_start,
        end=o_end,
        text=doc.text[o_start:o_end],
        label=label,
        rule=rule,
        name=name if name is not None else doc.clean[start:end],
        attrs=dict(attrs or {}),
    )


class _Words(Mapping[str, tuple[int, str]]):
    """word -> (frequency, POS tag), read from the two tables below, not a third
    dict: a table of 349,000 tuples cost 0.24 CPU s per process to build, more than
    its few lookups (a district's stem, a programme's head) cost this way."""

    __slots__ = ("_freq", "_tags")

    def __init__(self, freq: dict[str, int], tags: dict[str, str]) -> None:
        self._freq, self._tags = freq, tags

    def __getitem__(self, word: str) -> tuple[int, str]:
        return self._freq[word], self._tags[word]

    def get(self, word: str, default: object = None) -> object:  # type: ignore[override]
        freq = self._freq.get(word)
        return default if freq is None else (freq, self._tags[word])

    def __contains__(self, word: object) -> bool:
        return word in self._freq

    def __iter__(self) -> Iterator[str]:
        return iter(self._freq)

    def __len__(self) -> int:
        return len(self._freq)

    def items(self) -> Iterator[tuple[str, tuple[int, str]]]:  # type: ignore[override]
        """The dictionary's order (both tables were built from its lines in order)."""
        return zip(
            self._freq,
            zip(self._freq.values(), self._tags.values(), strict=True),
            strict=True,
        )


@cache
def _dictionary() -> tuple[
    Mapping[str, tuple[int, str]], dict[str, str], dict[str, int]
]:
    """jieba's dictionary, read once per process, as the three tables below.

    Every line is "word frequency tag", so one ``split()`` of the whole file gives
    the fields in threes; the tables are built from those lists with ``zip`` (the
    same keys in the same order, a repeated word's last line winning, as a loop over
    the lines gave). Half a second less start-up per process than a loop over the
    lines; ``jieba_words`` is a view over the other two (``_Words``).
    """
    import jieba

    with open(jieba.get_dict_file().name, encoding="utf-8") as f:
        fields = f.read().split()
    if len(fields) % 3:
        raise ValueError("jieba's dictionary: a line without word, frequency, tag")
    freq = dict(zip(fields[0::3], map(int, fields[1::3]), strict=True))
    tags = dict(zip(fields[0::3], fields[2::3], strict=True))
    return _Words(freq, tags), tags, freq


def jieba_words() -> Mapping[str, tuple[int, str]]:
    """jieba's dictionary: word -> (frequency, POS tag)."""
    return _dictionary()[0]


@cache
def common_words() -> frozenset[str]:
    """Frequent words of jieba's dictionary that are not place or person names.

    比如 is the short form of 比如县 and 加强村 a village name; in running text both
    are ordinary words. jieba's frequencies tell the two uses apart well enough.
    """
    return frozenset(
        word
        for word, (freq, tag) in jieba_words().items()
        if freq >= 500 and tag != "ns" and not tag.startswith("nr")
    )


def word_tags() -> dict[str, str]:
    """Every word of jieba's dictionary with its part-of-speech tag."""
    return _dictionary()[1]


def word_freq() -> dict[str, int]:
    """Every word of jieba's dictionary with its frequency."""
    return _dictionary()[2]


def finditer_at(
    pattern: re.Pattern[str], text: str, starts: list[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match can only start at one of ``starts``.

    finditer tries each position in turn and yields the first match, then goes on
    from its end; trying only the positions a match can start at (sorted) finds the
    same matches. Used where re would scan every character for a rare pattern
    (name + cue word, lists of town stems): a cheap search says where it can start.
    """
    resume = 0
    for start in starts:
        if start < resume or start < 0:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = match.end()


# The lookbehinds a regex opens with: (?<=…) and (?<!…) holding no group.
_OPENING_LOOKBEHINDS = re.compile(
    r"(?:\(\?<[=!](?:[^()\[\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\))+"
)


@cache
def _scout(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` less the lookbehinds it opens with, or None if it opens with none."""
    opening = _OPENING_LOOKBEHINDS.match(pattern.pattern)
    if opening is None:
        return None
    return re.compile(pattern.pattern[opening.end() :], pattern.flags)


def finditer_scouted(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that opens with a lookbehind and never
    matches empty.

    re scans a pattern opening with a literal or an alternation of literals fast (it
    jumps to their first characters); an opening lookbehind turns that off, and the
    pattern is tried at every character. The same pattern without its lookbehind
    matches wherever the pattern does, so its fast search says where to try the
    pattern: the same matches. person:pattern.state-title-name on 4,997 bulk items:
    0.79 → 0.09 CPU s.
    """
    scout = _scout(pattern)
    if scout is None:
        yield from pattern.finditer(text)
        return
    at = 0
    while (found := scout.search(text, at)) is not None:
        match = pattern.match(text, found.start())
        if match is None:
            at = found.start() + 1
            continue
        if match.end() == match.start():
            raise ValueError(f"finditer_scouted: an empty match of {pattern.pattern}")
        yield match
        at = match.end()


def _common_word_test(arg: object, rule: Rule) -> Test:
    """``common_word = true``: the input is a frequent word of jieba's dictionary
    that is not a name (``common_words``); ``false``: it is not."""
    words = common_words()
    if arg is True:
        return lambda value: value in words
    return lambda value: value not in words


register_test("common_word", _common_word_test)
