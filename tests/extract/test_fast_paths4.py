"""Round 4 of the worker's shortcuts: each gives what the plain computation gives.

Every shortcut is switched off (the plain computation it replaces is put back with
``monkeypatch``) and the extractor's mentions, attrs included, are compared, on the
seed texts and on generated texts made of the words the rules look for. Each test
also checks that the shortcut was taken at least once, so it cannot pass vacuously.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import people
from kg.ingest import parse_document
from kg.model import Document, Mention

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    return [parse_document(p.read_text("utf-8"), p.stem) for p in SEEDS]


def rows(mentions: list[Mention]) -> list[tuple[Any, ...]]:
    """Every field of every mention (``Mention.__eq__`` leaves ``attrs`` out)."""
    return [
        (m.doc_id, m.start, m.end, m.text, m.label, m.rule, m.name, m.attrs)
        for m in mentions
    ]


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=24).map("".join)


# Titles, roles, names, verbs of speech, cues and frames of the people rules.
_PEOPLE_WORDS = [
    *"区委书记 村党支部书记 村民 贫困户 网格员 主任 张天喜 王露平 谭登周 邓天星".split(),
    *"习近平 李强 告诉记者 坦言".split(),
    *"卢作孚 刘连久 马善祥 说 表示 介绍 如是说 精神 等革命先辈 岁的 73 叫 家".split(),
    *"老两口 这样 像 担任 从2020年 党总支书记 。 , 、 “ ” \n".split(" "),
]


def _people_both_ways(
    monkeypatch: pytest.MonkeyPatch, doc: Document
) -> tuple[list[Mention], list[Mention], int]:
    """People found with the taken-start shortcut and without it, and how often it
    skipped a name."""
    skipped = 0
    free = people._free

    def counting(taken: Any, start: int) -> bool:
        nonlocal skipped
        answer = free(taken, start)
        skipped += not answer
        return answer

    monkeypatch.setattr(people, "_free", counting)
    fast = people.extract_people(doc)
    monkeypatch.setattr(people, "_free", lambda taken, start: True)
    plain = people.extract_people(doc)
    monkeypatch.setattr(people, "_free", free)
    return fast, plain, skipped


def test_taken_names_skip_on_seeds(
    monkeypatch: pytest.MonkeyPatch, seed_docs: list[Document]
) -> None:
    extra = [
        "习近平说,要抓好落实。\n习近平如是说。村民谭登周表示,",
        "村民谭登周如是说。73岁的谭登周说,",
    ]
    skipped = 0
    for doc in [*seed_docs, *(parse_document(t, "x") for t in extra)]:
        fast, plain, n = _people_both_ways(monkeypatch, doc)
        assert rows(fast) == rows(plain)
        skipped += n
    assert skipped > 0


@settings(max_examples=300, deadline=None)
@given(_texts(_PEOPLE_WORDS))
def test_taken_names_skip(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, plain, _ = _people_both_ways(monkeypatch, parse_document(text, "x"))
    assert rows(fast) == rows(plain)
