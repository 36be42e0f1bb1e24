"""Helpers the extractors share: mention construction and position lookups."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from kg.model import Document, Mention

CJK = "\u4e00-\u9fff"
# 〔*〕 and friends stand for a redacted name (seed 003): never part of a mention.
PLACEHOLDER = re.compile(r"〔[^〔〕]{0,3}〕|\[\*\]|\(\*\)|XX|××|某")


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


@cache
def jieba_words() -> dict[str, tuple[int, str]]:
    """jieba's dictionary, read once per process: word -> (frequency, POS tag)."""
    import jieba

    words: dict[str, tuple[int, str]] = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    return words


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


@cache
def word_tags() -> dict[str, str]:
    """Every word of jieba's dictionary with its part-of-speech tag."""
    return {word: tag for word, (_, tag) in jieba_words().items()}


@cache
def word_freq() -> dict[str, int]:
    """Every word of jieba's dictionary with its frequency."""
    return {word: freq for word, (freq, _) in jieba_words().items()}
