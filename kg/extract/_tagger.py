"""jieba's words and part-of-speech tags, from a tokenizer of kg's own.

A private ``jieba.Tokenizer`` and a ``jieba.posseg.POSTokenizer`` on it, not jieba's
module-level ones: what a user or another library does to ``jieba.dt`` (a user
dictionary, added words) does not change kg's output.

Until issue 22 kg walked jieba's segmentation itself (over tuples, with an exact,
faster Viterbi for the HMM, through jieba's name-mangled internals). With jieba's
own tagger a build takes 8-10 % more CPU (the first 10 % of the bulk corpus, the same
outputs byte for byte; extraction alone 18-32 % on 2,979 bulk documents, the same
mentions; ``bench/private_api_bench.py`` at 59a214d, interleaved runs): under the
15 % that such code had to save, so jieba's own is used.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _tokenizers() -> tuple[Any, Any]:
    """(the tokenizer, the part-of-speech tagger on it), the dictionary loaded.

    Loaded when first asked for (~0.8 s, ~100 MB); a build asks before it forks its
    workers, which inherit them. ``release_resources`` drops them with the caches.
    """
    import jieba
    import jieba.posseg

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


def tag(sentence: str) -> tuple[tuple[str, str], ...]:
    """``(word, flag)`` of every token of jieba.posseg's cut of ``sentence``."""
    return tuple((p.word, p.flag) for p in _tokenizers()[1].lcut(sentence))


def segment(sentence: str) -> list[str]:
    """jieba's words of ``sentence`` (accurate mode, with the HMM)."""
    words: list[str] = _tokenizers()[0].lcut(sentence)
    return words
