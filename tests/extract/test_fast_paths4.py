"""Round 4 of the worker's shortcuts: each gives what the plain computation gives.

Every shortcut is switched off (the plain computation it replaces is put back with
``monkeypatch``) and the extractor's mentions, attrs included, are compared, on the
seed texts and on generated texts made of the words the rules look for. Each test
also checks that the shortcut was taken at least once, so it cannot pass vacuously.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.extract import people, places
from kg.extract._tagger import viterbi
from kg.ingest import parse_document
from kg.lang.rules import words
from kg.model import Document, Mention

# Run with --perf (CI does): fast paths against the slow paths they replace; tests/test_golden.py pins the outputs.
pytestmark = pytest.mark.perf

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    return [parse_document(p.read_text("utf-8"), p.stem) for p in SEEDS]


def rows(mentions: list[Mention] | type) -> list[tuple[Any, ...]] | type:
    """Every field of every mention (``Mention.__eq__`` leaves ``attrs`` out)."""
    if isinstance(mentions, type):
        return mentions  # what the run raised
    return [
        (m.doc_id, m.start, m.end, m.text, m.label, m.rule, m.name, m.attrs)
        for m in mentions
    ]


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=24).map("".join)


# Titles, roles, names, verbs of speech, cues and frames of the people rules.
_PEOPLE_WORDS = [
    *"区委书记 村党支部书记 村民 贫困户 网格员 主任 张建喜 王文平 谭建周 邓华星".split(),
    *"胡锦涛 李希 告诉记者 坦言".split(),
    *"卢建孚 刘建久 马建祥 说 表示 介绍 如是说 精神 等革命先辈 岁的 73 叫 家".split(),
    *"老两口 这样 像 担任 从2020年 党总支书记 。 , 、 “ ” \n".split(" "),
]


def both_ways(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    plain: Callable[..., Any],
    skips: Callable[[Any], bool],
    run: Callable[[], list[Mention]],
) -> tuple[list[Mention], list[Mention], int]:
    """``run()`` with the shortcut ``module.name`` and with ``plain`` in its place
    (the answer that never skips), and how often the shortcut skipped."""
    skipped = 0
    shortcut = getattr(module, name)

    def counting(*args: Any) -> Any:
        nonlocal skipped
        answer = shortcut(*args)
        skipped += skips(answer)
        return answer

    monkeypatch.setattr(module, name, counting)
    fast = outcome(run)
    monkeypatch.setattr(module, name, plain)
    slow = outcome(run)
    monkeypatch.setattr(module, name, shortcut)
    return fast, slow, skipped


def outcome(run: Callable[[], list[Mention]]) -> Any:
    """``run()``, or the type of what it raised: a text that makes an extractor
    fail (百分之. in ``extract_metrics``) must fail the same way with the shortcut."""
    try:
        return run()
    except Exception as e:
        return type(e)


def _people_both_ways(
    monkeypatch: pytest.MonkeyPatch, doc: Document
) -> tuple[list[Mention], list[Mention], int]:
    return both_ways(
        monkeypatch,
        people,
        "_free",
        lambda taken, start: True,
        lambda free: not free,
        lambda: people.extract_people(doc),
    )


def test_taken_names_skip_on_seeds(
    monkeypatch: pytest.MonkeyPatch, seed_docs: list[Document]
) -> None:
    extra = [
        "胡锦涛说,要抓好落实。\n胡锦涛如是说。村民谭建周表示,",
        "村民谭建周如是说。73岁的谭建周说,",
        "中共中央总书记、国家主席胡锦涛说,区委书记张建喜表示,",
    ]
    skipped = 0
    for doc in [*seed_docs, *(parse_document(t, "x") for t in extra)]:
        fast, plain, n = _people_both_ways(monkeypatch, doc)
        assert rows(fast) == rows(plain)
        skipped += n
    assert skipped > 0


@settings(max_examples=300, deadline=None)
@given(_texts(_PEOPLE_WORDS))
# a title before a national leader's name, then another title: the leader's match
# must hide nothing, whether or not the shortcut skipped it (found by hypothesis)
@example("区委书记李希党总支书记区委书记")
def test_taken_names_skip(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, plain, _ = _people_both_ways(monkeypatch, parse_document(text, "x"))
    assert rows(fast) == rows(plain)


# Place names, landmark and zone words, division words, names a walk can find.
_PLACE_WORDS = [
    *"梁平区 璧山 重庆 双桂湖 璧江 渔梁 曙光 东升 长江 黄河 西部 (重庆) 海拉尔".split(),
    *"江 河 湖 路 桥 公园 大道 景区 广场 高新区 科学城 新区 工业园区 老街".split(),
    *"区 县 市 镇 乡 村 省 州 旗 的 在 和 推进 建设 。 , 、 “ ”".split(" "),
]


def _places_both_ways(
    monkeypatch: pytest.MonkeyPatch, doc: Document
) -> tuple[list[Mention], list[Mention], int]:
    return both_ways(
        monkeypatch,
        places,
        "_division_follows",
        lambda text, end, kind: False,
        bool,
        lambda: places.extract_places(doc),
    )


def test_division_follows_skip_on_seeds(
    monkeypatch: pytest.MonkeyPatch, seed_docs: list[Document]
) -> None:
    extra = ["璧江区和长江,推进渔梁路建设。双桂湖镇", "黄河县、海拉尔河乡和曙光桥村"]
    skipped = 0
    for doc in [*seed_docs, *(parse_document(t, "x") for t in extra)]:
        fast, plain, n = _places_both_ways(monkeypatch, doc)
        assert rows(fast) == rows(plain)
        skipped += n
    assert skipped > 0


@settings(max_examples=300, deadline=None)
@given(_texts(_PLACE_WORDS))
def test_division_follows_skip(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, plain, _ = _places_both_ways(monkeypatch, parse_document(text, "x"))
    assert rows(fast) == rows(plain)


def _jieba_viterbi(text: str) -> tuple[float, list[tuple[str, str]]]:
    import sys

    import jieba.posseg as posseg

    jieba_viterbi = sys.modules["jieba.posseg.viterbi"].viterbi
    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    return jieba_viterbi(text, *tables)


def _viterbi(text: str) -> tuple[float, list[tuple[str, str]]]:
    import jieba.posseg as posseg

    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    return viterbi(text, *tables)


# 七哏, 丈煜: no live state of the first character leads to a state the second one
# allows (jieba's fallback); 𠀀 and ǂ are in no table (every state allowed).
@pytest.mark.parametrize(
    "text", ["七哏", "丈煜煜", "上煜七哏", "梁𠀀平", "ǂ渔梁", "专蓥且躞丕蝻", "渔"]
)
def test_viterbi_fallbacks_are_jiebas(text: str) -> None:
    assert _viterbi(text) == _jieba_viterbi(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="七哏丈煜上专蓥且躞丕蝻梁平渔曙光𠀀ǂ", min_size=1, max_size=8))
def test_viterbi_is_jiebas_with_fallbacks(text: str) -> None:
    assert _viterbi(text) == _jieba_viterbi(text)


def test_viterbi_character_table_follows_the_tables() -> None:
    """The per-character cache is dropped when other tables come in."""
    import jieba.posseg as posseg

    from kg.extract import _tagger

    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    viterbi("梁平", *tables)
    emit = {y: dict(e) for y, e in posseg.emit_P.items()}
    for y in emit:
        emit[y]["平"] = -1.0 if y == ("E", "nr") else -50.0
    other = (*tables[:3], emit)
    _, route = viterbi("梁平", *other)
    assert route[1] == ("E", "nr")
    assert _tagger._CHARS["平"][1][("E", "nr")] == -1.0
    assert viterbi("梁平", *tables) == _jieba_viterbi("梁平")


def test_level_lists_without_a_level_word() -> None:
    """The level-word gate of ``_level_lists``: closed texts have no match."""
    for text in ["方舟、秀水和平安", "懂农业、懂技术", "", "和平、和谐和美"]:
        assert places._list_patterns()["level_word"].search(text) is None
        assert list(places._level_lists(text)) == []
        assert list(places._list_patterns()["level_list"].finditer(text)) == []
    for word in words("place:words.list-levels"):  # the gate opens for every one
        text = f"方舟、秀水{word}和平安"
        spans = [m.span() for m in places._level_lists(text)]
        assert spans == [
            m.span() for m in places._list_patterns()["level_list"].finditer(text)
        ]
        assert spans == [(0, 5 + len(word))]


# Posts, names, spaces and line ends: what a signature line is made of.
_SIGNATURE_WORDS = [
    *"海拉尔区人民政府 区长 书记 张建喜 王文平 欧阳文 刘华 视频编辑: 文字编辑:".split(),
    *" |\u3000|\t|\n|,|。|(|)".split("|"),
]


def _signatures_both_ways(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> tuple[list[Mention], list[Mention], int]:
    """People from ``_add_signature_lines`` with its gate and with an open gate."""
    import re

    doc = parse_document(text, "x")

    def run() -> list[Mention]:
        found: list[Mention] = []
        people._add_signature_lines(doc, lambda *args: found.append(args))
        return found

    gate = people._SIGNATURE_TAIL
    closed = int(gate.search(doc.clean) is None and " " in doc.clean)
    fast = run()
    monkeypatch.setattr(people, "_SIGNATURE_TAIL", re.compile(""))
    plain = run()
    monkeypatch.setattr(people, "_SIGNATURE_TAIL", gate)
    return fast, plain, closed


def test_signature_gate_on_seeds(
    monkeypatch: pytest.MonkeyPatch, seed_docs: list[Document]
) -> None:
    extra = [
        "海拉尔区人民政府区长\u3000\u3000张建喜\n",
        "书记 王文平 \n(视频编辑:张贝龙 文字编辑:郑文彬)",
        "区长\t欧阳文",
        "村党支部书记 刘华",
    ]
    closed = found = 0
    for text in [*(d.clean for d in seed_docs), *extra]:
        fast, plain, n = _signatures_both_ways(monkeypatch, text)
        assert fast == plain
        closed += n
        found += len(fast)
    assert closed > 0 and found >= 4


@settings(max_examples=400, deadline=None)
@given(_texts(_SIGNATURE_WORDS))
def test_signature_gate(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, plain, _ = _signatures_both_ways(monkeypatch, text)
    assert fast == plain


# Numerals, units (成 among them), hedges and the words after them.
_METRIC_WORDS = [
    *"一 两 三 十 百 万 亿 1 2 0 . 3.5 个 名 项 元 吨 公里 米 亩 成 % 人 次".split(),
    *"近 约 上 余 多 左右 以上 分之 百分之 时期 干部 。 , “ ”".split(),
]


def _metrics_both_ways(
    monkeypatch: pytest.MonkeyPatch, doc: Document
) -> tuple[list[Mention], list[Mention], int]:
    from kg.extract import metrics

    return both_ways(
        monkeypatch,
        metrics,
        "_determiner",
        lambda text, match, units, sets: False,
        bool,
        lambda: metrics.extract_metrics(doc),
    )


def test_determiner_skip_on_seeds(
    monkeypatch: pytest.MonkeyPatch, seed_docs: list[Document]
) -> None:
    extra = ["一个时期,一名干部,一成,一亩田,一吨,近一万人,一元", "上一次,一百分之,一米"]
    skipped = 0
    for doc in [*seed_docs, *(parse_document(t, "x") for t in extra)]:
        fast, plain, n = _metrics_both_ways(monkeypatch, doc)
        assert rows(fast) == rows(plain)
        skipped += n
    assert skipped > 0


@settings(max_examples=400, deadline=None)
@given(_texts(_METRIC_WORDS))
def test_determiner_skip(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, plain, _ = _metrics_both_ways(monkeypatch, parse_document(text, "x"))
    assert rows(fast) == rows(plain)


# Places whose names start with a landmark word (湖北, 江北区, 河南, 路南区), and
# landmark names to walk back over.
_STRADDLE_WORDS = [
    *"湖北 江北区 河南 路南区 桥西区 江苏省 长江 渔梁 曙光 东升 双桂 新 老".split(),
    *"湖 江 河 路 桥 公园 大街 广场 小区 高新区 科学城 的 和 。 , 重庆 梁平区".split(),
]


def _deferred_both_ways(
    monkeypatch: pytest.MonkeyPatch, doc: Document
) -> tuple[list[Mention], list[Mention], int]:
    return both_ways(
        monkeypatch,
        places,
        "_straddles",
        lambda taken, end: False,
        bool,
        lambda: places.extract_places(doc),
    )


def test_deferred_landmarks_on_seeds(
    monkeypatch: pytest.MonkeyPatch, seed_docs: list[Document]
) -> None:
    extra = ["江苏省和湖北,推进长江建设", "湖南", "渔梁路、曙光湖北岸,双桂湖江北区"]
    # 大桥 ends inside the place 大桥社区 and is deferred; walked, it still removes
    # 农林景区 (a random search found this against a version that never walks the
    # deferred landmarks)
    extra.append("片区西部农林景区璧山大桥社区、大街")
    deferred = 0
    for doc in [*seed_docs, *(parse_document(t, "x") for t in extra)]:
        fast, plain, n = _deferred_both_ways(monkeypatch, doc)
        assert rows(fast) == rows(plain)
        deferred += n
    assert deferred > 0


@settings(max_examples=500, deadline=None)
@given(_texts(_STRADDLE_WORDS))
def test_deferred_landmarks(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, plain, _ = _deferred_both_ways(monkeypatch, parse_document(text, "x"))
    assert rows(fast) == rows(plain)
