#!/usr/bin/env python3
"""Mine programme-name candidates from the bulk news corpus, for the lexicon's review.

The programme lexicon (``kg/rules/programme/lexicon.tsv``) is made in two steps:

1. **Mining** (this script): read every news item of the bulk corpus
   (``../shared/corpus/bulk/xwlb_2012-2026.jsonl.gz``, 14 years of national news) and
   collect names that are written **quoted** (“河长制”, “菜篮子”工程) or **with a scheme
   word** (…工程, …行动, …计划, …战略, …攻坚战, …三年行动 …) in several documents.
   A name's left edge, when it is not quoted, is the last launch verb, adverb or
   function character before it (实施|乡村振兴战略, 开展|爱国卫生运动). Items of the
   blind evaluation batches (``tests/gold/blind/README.md``) are skipped, so no
   entry is owed to a text kg is scored on blind.
2. **Review** (by hand): every candidate printed by ``--unreviewed`` is read and
   either entered in the lexicon (with its class, scope and aliases) or listed in
   ``lexicon-rejected.txt``. Only reviewed entries are shipped.

Regenerate: ``python scripts/mine_programmes.py --out /tmp/candidates.tsv`` then
``--unreviewed`` to see the candidates no review has decided yet; see
``kg/rules/programme/README.md``.

    python scripts/mine_programmes.py --out /tmp/candidates.tsv
    python scripts/mine_programmes.py --unreviewed /tmp/candidates.tsv | head -200
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "xwlb_2012-2026.jsonl.gz"
BLIND_README = ROOT / "tests" / "gold" / "blind" / "README.md"
LEXICON_DIR = ROOT / "kg" / "rules" / "programme"

# The words a named scheme ends in (longest first when matched).
SCHEME_WORDS = (
    "工程 行动 计划 战略 机制 制度 责任制 工作法 模式 改革 攻坚 攻坚战 保卫战 "
    "专项行动 专项整治 专项斗争 三年行动 行动计划 品牌 平台 文化节 活动 运动 创建 "
    "建设 规划 项目 试点 体系 政策 教育 革命 示范区 示范工程 主题教育 学习教育"
).split()
# Launch verbs and adverbs: a name without quotes starts after the last of them.
LAUNCH = (
    "实施 开展 推进 推动 深化 启动 落实 加快 加强 完善 建立 健全 坚持 打好 打赢 "
    "参加 参与 组织 举办 举行 推行 推广 打造 深入 全面 大力 积极 扎实 持续 不断 "
    "进一步 切实 认真 继续 稳步 有序 统筹 着力 抓好 抓实 做好 开启 发起 开始 实行 "
    "执行 贯彻 围绕 聚焦 依托 通过 借助 结合 按照 根据 利用 纳入 列入 启用 上线 "
    "发布 出台 制定 印发 提出 部署 召开 推出 创新 探索 构建 形成 完成 开工 实现 "
    "加大 强化 优化 提升 促进 支持 鼓励 引导 带动 助力 服务 保障 落地 入选 获批 "
    "获得 荣获 成为 作为 属于 包括 涉及 关于 有关 相关 各项 各类 一系列 系列 一批 "
    "多项 重大 重点 重要 主要 首个 首批 新一轮 本轮 这项 该项 此次 这次 本次 今年 "
    "去年 明年 当前 目前 今天 近日 日前 决战 决胜 巩固 拓展 弘扬 上述 这些 各种 此类 该"
).split()
# launch verbs that directly open a named scheme (实施…工程, 开展…行动, 打赢…攻坚战)
OPENERS = (
    "实施 开展 启动 推行 深入实施 深入开展 全面实施 打好 打赢 参与 参加 推进".split()
)
FUNCTION_CHARS = (
    "的了和与及或等在对把将以为是从向由被给让于之其这那各每该此并而且也都还就才又"
)
_SCHEME = re.compile("|".join(sorted(SCHEME_WORDS, key=len, reverse=True)))
_LAUNCH = re.compile("|".join(sorted(set(LAUNCH), key=len, reverse=True)))
_OPENER = re.compile(f"(?:{'|'.join(sorted(OPENERS, key=len, reverse=True))})$")
_BREAK = re.compile(r"[^\u4e00-\u9fff·+0-9A-Za-z—\-]")
_QUOTED = re.compile(r"“([^“”\n]{2,24})”")
_AFTER_QUOTE = re.compile(
    rf"([\u4e00-\u9fff]{{0,4}}?)({'|'.join(sorted(SCHEME_WORDS, key=len, reverse=True))})"
)
_NUMERAL = "一二两三四五六七八九十百千万双多"
# --objects: the verbs that launch a named scheme as their object (推行林长制,
# 实施退耕还林工程, 开行中欧班列); the object runs to the next break or function
# character, or to a generic head word that follows a name (退耕还林|工作, 新农合|基金).
OBJECT_VERBS = (
    "实施 推行 开展 落实 推进 推广 启动 实行 全面推行 全面实施 全面推开 推开 "
    "试行 建立健全 开行 参加 参保 开通 打响 组织实施 深入推进 深入实施 深入开展 "
    "做好 巩固 扩大 完善 加快 深化 加强 纳入"
).split()
# the object ends before a function word (推行林长制以来, 开行中欧班列的城市)
OBJECT_ENDS = "的 了 和 与 及 或 等 并 以来 为主 工作".split()
# generic heads: a name before one of them is the object's name (实施退耕还林工程)
OBJECT_HEADS = (
    "工作 政策 工程 试点 基金 任务 项目 资金 补助 补贴 范围 成果 制度 改革".split()
)
# characters that end the verb, not open the object (落实好, 推进到)
OBJECT_NOT_FIRST = "好了着过到起出上下实细"
_OBJECT = re.compile(
    rf"(?:{'|'.join(sorted(OBJECT_VERBS, key=len, reverse=True))})"
    rf"([\u4e00-\u9fff·+0-9A-Za-z]{{2,10}}?)"
    rf"(?:(?={'|'.join(OBJECT_HEADS)})|(?={'|'.join(OBJECT_ENDS)}|[^\u4e00-\u9fff·+0-9A-Za-z]|$))"
)
_OBJECT_HEAD = re.compile("|".join(OBJECT_HEADS))
# what a launched object that names a scheme ends in (…制 covers 责任制, 登记制),
# and the generic words among them (科技体制, 统一领导体制)
OBJECT_SCHEMES = tuple(
    "制 制度 工程 行动 计划 战略 机制 工作法 模式 活动 运动 班列 攻坚 试点 平台".split()
)
OBJECT_NOT_SCHEMES = tuple("体制 体制机制 管理机制 长效机制".split())
_FORMULA = re.compile(rf"[{_NUMERAL}\d]")


def blind_lines() -> set[int]:
    """Bulk line numbers of the blind batches (xwlb_L<line>.txt), never mined."""
    text = BLIND_README.read_text(encoding="utf-8")
    return {int(n) for n in re.findall(r"xwlb_L(\d+)\.txt", text)}


def bulk_texts(path: Path, skip: set[int]) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if line_no not in skip:
                yield json.loads(line)["text"]


def _extended(text: str, start: int, end: int) -> bool:
    """The scheme word goes on into another word: 工程师, 运动员, 教育部, 发展改革委."""
    words = _dictionary()
    word = text[start:end]
    return text[end : end + 1] in ("委", "署") or any(
        word + text[end : end + k] in words for k in (1, 2)
    )


@cache
def _dictionary() -> frozenset[str]:
    """Words of jieba's dictionary that begin with a scheme word and go on (工程师)."""
    import jieba

    with open(jieba.get_dict_file().name, encoding="utf-8") as f:
        rows = [line.split() for line in f]
    out = set()
    for word, freq, *_ in rows:
        head = _SCHEME.match(word)
        if head is None or int(freq) < 20 or len(word) <= head.end():
            continue
        # two scheme words make one name (工程建设, 建设项目): not an extension
        if not _SCHEME.fullmatch(word[head.end() :]):
            out.add(word)
    return frozenset(out)


def bounded_name(text: str, start: int, end: int) -> str | None:
    """The unquoted name that ends with the scheme word at ``text[start:end]``."""
    if _extended(text, start, end):
        return None
    low = max(0, start - 16)
    clause = text[low:start]
    breaks = [m.end() for m in _BREAK.finditer(clause)]
    if breaks:
        clause = clause[breaks[-1] :]
    edge = max((m.end() for m in _LAUNCH.finditer(clause)), default=0)
    for i, ch in enumerate(clause):
        if ch in FUNCTION_CHARS:
            edge = max(edge, i + 1)
    head = clause[edge:]
    return head + text[start:end] if len(head) >= 2 else None


def _count_document(
    evidence: dict[str, Counter[str]], seen: dict[str, set[str]]
) -> None:
    """Add one document's names and their kinds of evidence to the counts."""
    for name, kinds in seen.items():
        evidence[name]["docs"] += 1
        for kind in kinds:
            evidence[name][kind] += 1


def mine(texts: Iterator[str]) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """Per candidate name, in how many documents each kind of evidence was seen."""
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, str] = {}
    for text in texts:
        seen: dict[str, set[str]] = defaultdict(set)
        for m in _QUOTED.finditer(text):
            name = m.group(1)
            seen[name].add("quoted")
            if _OPENER.search(text, max(0, m.start() - 6), m.start()):
                seen[name].add("opened")
            after = _AFTER_QUOTE.match(text, m.end(), m.end() + 8)
            if after and "的" not in after.group(1):
                full = name + after.group(0)
                seen[full].add("quoted+scheme")
                seen[name].add("scheme-after")
                example.setdefault(full, text[max(0, m.start() - 12) : m.end() + 12])
            example.setdefault(name, text[max(0, m.start() - 12) : m.end() + 12])
        for m in _SCHEME.finditer(text):
            name = bounded_name(text, m.start(), m.end())
            if name is None:
                continue
            seen[name].add("scheme")
            begin = m.end() - len(name)
            if _OPENER.search(text, max(0, begin - 6), begin):
                seen[name].add("opened")
            example.setdefault(name, text[max(0, begin - 12) : m.end() + 8])
        _count_document(evidence, seen)
    return evidence, example


def mine_objects(
    texts: Iterator[str],
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--objects``: per name that is the whole object of a launch verb (推行|林长制，
    开行|中欧班列、) or its modifier before a generic head (实施|退耕还林|工程), in how
    many documents it was seen so (``object``; ``headed``: before a head); the recall
    round for unquoted names without a long scheme word (林长制, 新农合, 退耕还林).

    Examples:
        >>> ev, _ = mine_objects(iter(["全面推行林长制，", "推行林长制的经验", "开展工作"]))
        >>> ev["林长制"]["object"], keep_object("工作", ev["工作"], 1)
        (2, False)
        >>> ev, _ = mine_objects(iter(["实施退耕还林工程。", "落实好政策"]))
        >>> ev["退耕还林"]["headed"], "好政策" in ev
        (1, False)
    """
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, str] = {}
    for text in texts:
        seen: dict[str, set[str]] = defaultdict(set)
        for m in _OBJECT.finditer(text):
            name = m.group(1)
            if name[0] in FUNCTION_CHARS + OBJECT_NOT_FIRST or _LAUNCH.match(name):
                continue  # 实施|了…, 推进|加快…, 落实|好… : no named object
            seen[name].add("object")
            if _OBJECT_HEAD.match(text, m.end()):
                seen[name].add("headed")
            example.setdefault(name, text[max(0, m.start() - 8) : m.end() + 8])
        _count_document(evidence, seen)
    return evidence, example


# --demo: what the nation names demonstration zones and pilot cities after
# (国家全域旅游示范区, 全国海洋牧场示范区): the drive itself may be a national
# programme written bare in running text (发展全域旅游).
_DEMO = re.compile(
    r"(?:国家级?|全国)([\u4e00-\u9fff]{2,8}?)"
    r"(?:示范区|示范县|示范市|示范城市|试点城市|试点县|示范省)"
)


def mine_demo(texts: Iterator[str]) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--demo``: per name of a national demonstration zone or pilot city, without
    国家 and the zone word, in how many documents it was seen so (``demo``).

    Examples:
        >>> ev, _ = mine_demo(iter(["创建国家全域旅游示范区。", "全国文明城市"]))
        >>> ev["全域旅游"]["demo"], len(ev)
        (1, 1)
    """
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, str] = {}
    for text in texts:
        seen = set()
        for m in _DEMO.finditer(text):
            name = m.group(1)
            if name[-1] in FUNCTION_CHARS:
                continue
            seen.add(name)
            example.setdefault(name, text[max(0, m.start() - 8) : m.end() + 8])
        _count_document(evidence, {name: {"demo"} for name in seen})
    return evidence, example


# --bare: national schemes that national news names bare, without quotes or a scheme
# word (以工代赈, 产业扶贫, 整村推进): a name is seen in three positions, and a name
# seen in two of them in several documents is worth a reviewer's time.
#   object: the whole object of a launch verb (推进|整村推进，)
#   headed: before a generic head (以工代赈|项目, 产业扶贫|政策)
#   alone:  a whole phrase before a break (、以工代赈、), after a launch verb,
#           function character or break
BARE_HEADS = "政策 工作 项目 试点 资金 工程 任务 补助 方式 模式 机制 示范".split()
_BARE_HEAD = re.compile("|".join(BARE_HEADS))
_BARE_END = re.compile(r"[，。、；：！？）》”\n]")


def bare_name(text: str, end: int, window: int = 12, longest: int = 8) -> str | None:
    """The phrase that ends at ``end``: its left edge is the last break, launch verb
    or function character before it, except a launch verb that ends the phrase
    (整村|推进 stays 整村推进) and a function character that opens a word of jieba's
    dictionary (以工代赈 stays whole).

    Examples:
        >>> t = "实施以工代赈项目，推进整村推进。"
        >>> bare_name(t, 6), bare_name(t, 15)
        ('以工代赈', '整村推进')
    """
    clause = text[max(0, end - window) : end]
    breaks = [m.end() for m in _BREAK.finditer(clause)]
    if breaks:
        clause = clause[breaks[-1] :]
    edge = max(
        (m.end() for m in _LAUNCH.finditer(clause) if m.end() < len(clause)),
        default=0,
    )
    words = _common_words()
    for i, ch in enumerate(clause[:-1]):
        if ch in FUNCTION_CHARS and not any(
            clause[i : i + k] in words for k in (2, 3, 4)
        ):
            edge = max(edge, i + 1)
    name = clause[edge:]
    return name if 2 <= len(name) <= longest and _CJK_ONLY.fullmatch(name) else None


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def mine_bare(texts: Iterator[str]) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--bare``: per phrase, in how many documents it was seen as a launch verb's
    object, before a generic head, and alone.

    Examples:
        >>> ev, _ = mine_bare(iter(["推进以工代赈，以工代赈项目。", "以工代赈、"]))
        >>> ev["以工代赈"]["object"], ev["以工代赈"]["headed"], ev["以工代赈"]["alone"]
        (1, 1, 2)
    """
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, str] = {}
    for text in texts:
        seen: dict[str, set[str]] = defaultdict(set)
        for m in _BARE_HEAD.finditer(text):
            name = bare_name(text, m.start())
            if name:
                seen[name].add("headed")
                example.setdefault(name, text[max(0, m.start() - 14) : m.end() + 6])
        for m in _BARE_END.finditer(text):
            name = bare_name(text, m.start())
            if name:
                seen[name].add("alone")
        for m in _OBJECT.finditer(text):
            seen[m.group(1)].add("object")
        _count_document(evidence, seen)
    return evidence, example


# --marked (round 11): national schemes that news writes both ways: MARKED, quoted
# (“退牧还草”) or before a scheme word (退牧还草|工程, 海洋|退牧还草|制度), in several
# documents, and BARE, with neither (退牧还草以来, 实施退牧还草), in others. The bare
# spelling is what fresh text misses; the marked spelling is the evidence that the
# phrase names one scheme. A marked name stands for its tails too (海洋退牧还草 for
# 退牧还草); the bare count is of every occurrence, wherever it is in the sentence.
def marked_names(text: str) -> set[str]:
    """The names of one text written quoted or before a scheme word, with their
    tails of three characters or more.

    Examples:
        >>> sorted(marked_names("严格执行草原退牧还草制度。“禁牧”"))
        ['牧还草', '草原退牧还草', '退牧还草']
    """
    names = set()
    for m in _QUOTED.finditer(text):
        names.add(m.group(1))
    for m in _SCHEME.finditer(text):
        if not _extended(text, m.start(), m.end()):
            # the clause before the scheme word, after its last break or launch verb
            clause = text[max(0, m.start() - 8) : m.start()]
            edges = [x.end() for x in _BREAK.finditer(clause)]
            edges += [x.end() for x in _LAUNCH.finditer(clause)]
            names.add(clause[max(edges, default=0) :])
    return {
        name[i:]
        for name in names
        if _CJK_ONLY.fullmatch(name) and len(name) <= 8
        for i in _word_starts(name)
        if len(name) - i >= 3 and name[i] not in FUNCTION_CHARS
    }


def _word_starts(name: str) -> list[int]:
    """Where the words of jieba's segmentation of NAME begin (a tail that starts
    inside a word is a fragment: 设施 of 基础设施)."""
    import jieba

    starts, i = [], 0
    for word in jieba.lcut(name, HMM=False):
        starts.append(i)
        i += len(word)
    return starts


def bare_count(texts: Iterator[str], names: set[str]) -> Counter[str]:
    """In how many documents each name occurs bare: neither quoted nor before a
    scheme word (nor the head of a longer word of the set: 退牧还草 in 退牧还草区).

    Examples:
        >>> sorted(bare_count(iter(["实施退牧还草，", "退牧还草工程", "“退牧还草”"]), {"退牧还草"}).items())
        [('退牧还草', 1)]
    """
    by_head: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_head[name[:2]].append(name)
    counts: Counter[str] = Counter()
    for text in texts:
        seen = set()
        for i in range(len(text) - 2):
            for name in by_head.get(text[i : i + 2], ()):
                end = i + len(name)
                if (
                    name not in seen
                    and text.startswith(name, i)
                    and text[i - 1 : i] != "“"
                    and text[end : end + 1] != "”"
                    and not _SCHEME.match(text, end)
                ):
                    seen.add(name)
        counts.update(seen)
    return counts


def mine_marked(
    texts: Iterator[str], corpus: Path, skip: set[int], min_docs: int
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--marked``: per name marked in MIN_DOCS documents, in how many documents it
    is marked and bare (two passes over the corpus)."""
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for name in marked_names(text):
            evidence[name]["marked"] += 1
    names = {
        n
        for n, ev in evidence.items()
        if ev["marked"] >= min_docs
        and _word_frequency().get(n, 0) < 50
        and not _SCHEME.search(n[-2:])
    }
    for name, count in bare_count(bulk_texts(corpus, skip), names).items():
        evidence[name]["bare"] = count
        evidence[name]["docs"] = count + evidence[name]["marked"]
    return evidence, {}


# --stems (round 13): the lexicon's own names that end in a scheme word
# (引江补汉工程, 一次性扩岗补助政策) written BARE, without it (南水北调中线引江补汉、),
# in several documents over two years or more: the bare stem is the spelling fresh
# text misses, the entry is the evidence that it names one scheme.
STEM_WORDS = tuple(
    sorted(
        (
            "工程 行动 计划 战略 改革 制度 政策 试点 建设 专项行动 攻坚战 三年行动 "
            "行动计划 活动 攻坚行动 专项整治 工作 示范工程 项目 机制 规划 运动"
        ).split(),
        key=len,
        reverse=True,
    )
)


def entry_stems(rows: list[list[str]], known: set[str]) -> dict[str, str]:
    """Per stem of three characters or more of a programme's name or alias without
    its scheme word (引江补汉 of 引江补汉工程), the entry; stems that are names already
    are left out.

    Examples:
        >>> entry_stems([["引江补汉工程", "programme", "national", "", "1"]], set())
        {'引江补汉': '引江补汉工程'}
    """
    stems: dict[str, str] = {}
    for name, cls, _, aliases, *_ in rows:
        if cls != "programme":
            continue
        for n in (name, *filter(None, aliases.split("|"))):
            word = next((w for w in STEM_WORDS if n.endswith(w)), None)
            if word and len(n) - len(word) >= 3:
                stem = n[: -len(word)]
                if _CJK_ONLY.fullmatch(stem) and stem not in known:
                    stems.setdefault(stem, name)
    return stems


def mine_stems(
    corpus: Path, skip: set[int]
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--stems``: per stem, in how many documents and years it occurs bare."""
    sys.path.insert(0, str(ROOT))
    from kg.extract.programmes import lexicon as kg_lexicon

    text = (LEXICON_DIR / "lexicon.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and ln[0] != "#"][1:]
    stems = entry_stems(rows, set(kg_lexicon()))
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    years: dict[str, set[str]] = defaultdict(set)
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if line_no in skip:
                continue
            record = json.loads(line)
            for stem in bare_count(iter([record["text"]]), set(stems)):
                evidence[stem]["docs"] += 1
                years[stem].add(record.get("date", "")[:4])
    for stem, ev in evidence.items():
        ev["years"] = len(years[stem])
    return evidence, {s: f"entry {e}" for s, e in stems.items()}


# --family (round 13): bare names that end like three programmes of the lexicon (…改造,
# …协作, …进校园, …通办: programme_tails(3)), whole phrases before a break, a function
# character or a generic head, in three documents over two years or more. Tails that
# end goals and concepts rather than schemes (…发展, …经验, …中国) are left out.
FAMILY_NOT_TAILS = frozenset(
    (
        "发展 中国 经验 之路 基层 保险 一策 合一 粮仓 范区 通道 任制 卫战 坚战 "
        "一次 一课 万家 万村 之旅 保护 北上 医生 十条 千屏 国行 城市 少年 征路 "
        "提升 收节 政课 旅游 福建 祖国 规定"
    ).split()
)
_FAMILY_NEXT = re.compile(
    r"[^\u4e00-\u9fff]|[的和与及等]|工作|政策|项目|资金|试点|任务|成效|成果"
)


def mine_family(
    corpus: Path, skip: set[int], tail_entries: int = 3
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--family``: per bare name of four characters or more that ends in a family
    tail, in how many documents and years it occurs.

    Examples:
        >>> _FAMILY_NEXT.match("，"), _FAMILY_NEXT.match("师") is None
        (<re.Match object; span=(0, 1), match='，'>, True)
    """
    tails = programme_tails(tail_entries) - FAMILY_NOT_TAILS
    tail_re = re.compile("|".join(sorted(tails, key=len, reverse=True)))
    return mine_tail_names(corpus, skip, tail_re)


def mine_tail_names(
    corpus: Path, skip: set[int], tail_re: re.Pattern[str], **window: int
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """Per bare name of four characters or more that ends in a match of ``tail_re``
    before a break, a function character or a generic head (``bare_name`` with
    ``window``), in how many documents and years it occurs (``--family``, ``--social``)."""
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    years: dict[str, set[str]] = defaultdict(set)
    example: dict[str, str] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if line_no in skip:
                continue
            record = json.loads(line)
            text = record["text"]
            seen = set()
            for m in tail_re.finditer(text):
                if not _FAMILY_NEXT.match(text, m.end()):
                    continue
                name = bare_name(text, m.end(), **window)
                if name and len(name) >= 4 and name[0] not in FUNCTION_CHARS:
                    seen.add(name)
                    example.setdefault(name, text[max(0, m.end() - 20) : m.end() + 8])
            for name in seen:
                evidence[name]["docs"] += 1
                years[name].add(record.get("date", "")[:4])
    for name, ev in evidence.items():
        ev["years"] = len(years[name])
    return evidence, example


# --social (round 16): national welfare, health and aid schemes that news and work
# reports write bare, ending in a scheme noun none of the other rounds takes bare
# (城乡居民基本养老保险制度, 基本公共卫生服务, 东西部扶贫协作, 定点帮扶): the tails below,
# with a window of 16 characters, since these names run long.
SOCIAL_TAILS = tuple("制度 保险 服务 协作 帮扶 救助 津贴 补贴".split())
_SOCIAL_TAIL = re.compile("|".join(SOCIAL_TAILS))


def mine_social(
    corpus: Path, skip: set[int]
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--social``: per bare name of four characters or more that ends in a tail of
    SOCIAL_TAILS before a break, a function character or a generic head, in how many
    documents and years it occurs.

    Examples:
        >>> t = "统一为城乡居民基本养老保险制度；"
        >>> m = list(_SOCIAL_TAIL.finditer(t))[-1]
        >>> bare_name(t, m.end(), window=16, longest=14)
        '城乡居民基本养老保险制度'
    """
    return mine_tail_names(corpus, skip, _SOCIAL_TAIL, window=16, longest=14)


def keep_marked(name: str, ev: Counter[str], min_docs: int, min_bare: int) -> bool:
    """Marked in MIN_DOCS documents and bare in MIN_BARE (the readers' line: ten
    documents of the xwlb corpus), marked in one document for twelve bare at least
    (国家主席 is before a scheme word by chance: 7 of 7,034), of four characters or
    more (three if it ends in 制), not a frequent word of jieba's dictionary (发展,
    改革), not opened or closed by a function character (的伟大, 思想和), not ending
    in a scheme word itself (the other rounds' candidates)."""
    return (
        ev["marked"] >= min_docs
        and ev["bare"] >= min_bare
        and ev["marked"] >= 0.08 * ev["bare"]
        and (len(name) >= 4 or name.endswith("制"))
        and name[0] not in FUNCTION_CHARS
        and name[-1] not in FUNCTION_CHARS + "要将"
        and _word_frequency().get(name, 0) < 50
        and not _SCHEME.search(name[-2:])
    )


def drop_fragments(rows: dict[str, Counter[str]]) -> list[str]:
    """The names of ROWS that are not fragments or modified forms of another: a
    tail of a longer name bare nearly as often (牧还草 of 退牧还草), a name whose
    tail is bare twice as often (草原退牧还草: a modifier and 退牧还草), a name whose
    head is bare nearly as often (退牧还草以来)."""
    bare = {n: ev["bare"] for n, ev in rows.items()}
    longer: dict[str, list[str]] = defaultdict(list)
    for name in bare:
        for i in range(1, len(name) - 2):
            longer[name[i:]].append(name)
    out = []
    for name, b in bare.items():
        tails = [name[i:] for i in range(1, len(name) - 2)]
        heads = [name[:j] for j in range(3, len(name))]
        if (
            any(bare[x] >= 0.8 * b for x in longer.get(name, ()))
            or any(bare.get(t, 0) >= 2 * b for t in tails)
            or any(bare.get(h, 0) >= 0.8 * b for h in heads)
        ):
            continue
        out.append(name)
    return out


def keep_bare(name: str, ev: Counter[str], min_docs: int) -> bool:
    """Seen in MIN_DOCS documents in each of two positions, not a frequent word of
    jieba's dictionary (发展, 合作; 以工代赈 and 退耕还林 are rare words and stay)."""
    positions = sum(ev[k] >= min_docs for k in ("object", "headed", "alone"))
    return (
        positions >= 2
        and _CJK_ONLY.fullmatch(name) is not None
        and _word_frequency().get(name, 0) < 50
    )


def programme_tails(min_entries: int = 4) -> set[str]:
    """``--bare --tails``: the last two characters that ``min_entries`` programmes of
    the lexicon (names and aliases of four characters or more) end in, scheme words
    aside: 扶贫 (精准扶贫, 电商扶贫 …), 整治, 振兴, 责任制."""
    counts: Counter[str] = Counter()
    lexicon = LEXICON_DIR / "lexicon.tsv"
    rows = [
        line.split("\t")
        for line in lexicon.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    for name, cls, _, aliases, *_ in rows:
        if cls != "programme":
            continue
        for n in (name, *filter(None, aliases.split("|"))):
            if len(n) >= 4 and _CJK_ONLY.fullmatch(n) and not _SCHEME.search(n[-2:]):
                counts[n[-2:]] += 1
    return {t for t, c in counts.items() if c >= min_entries}


# --joined: a policy that joins two programmes, named bare by the two and a linkage
# word (巩固…成果同乡村振兴有效衔接): no scheme word ends it and it is rarely quoted, so
# no other round sees it. Its left edge is the last break or function character; the
# governing verbs and modals of JOIN_LEAD before it are cut off (要|做好|…).
JOIN_WORDS = "有效衔接 相衔接 相结合 有机结合".split()
JOIN_LEAD = (
    "要 是 也是 今年是 推动 推进 实现 做好 促进 加快 抓好 接续推进 扎实推进 "
    "切实做好 聚力做好 实施 加强 全面推进 持续推进 统筹推进 着力推进 支持 针对 设立"
).split()
_JOINED = re.compile(
    r"([\u4e00-\u9fff]{2,24}?)[同与]([\u4e00-\u9fff]{2,12}?)"
    rf"(?:{'|'.join(JOIN_WORDS)})"
)


def programme_names() -> set[str]:
    """The lexicon's programme names and aliases (three characters or more)."""
    rows = [
        line.split("\t")
        for line in (LEXICON_DIR / "lexicon.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ][1:]
    return {
        n
        for name, cls, _, aliases, *_ in rows
        if cls == "programme"
        for n in (name, *filter(None, aliases.split("|")))
        if len(n) >= 3
    }


def joined_name(clause: str, programmes: set[str]) -> str | None:
    """The joining policy that ``clause`` ends with, when both its sides hold a
    programme of ``programmes``.

    Examples:
        >>> joined_name("要做好巩固脱贫成果同乡村振兴有效衔接", {"乡村振兴", "脱贫"})
        '巩固脱贫成果同乡村振兴有效衔接'
        >>> joined_name("推动教育与就业有效衔接", {"乡村振兴"}) is None
        True
    """
    m = _JOINED.fullmatch(clause)
    if m is None:
        return None
    start = m.start(1)
    for i in range(m.start(1), m.end(1)):
        if clause[i] in FUNCTION_CHARS and clause[i] not in "同与":
            start = i + 1
    left = clause[start : m.end(1)]
    cut = True
    while cut:
        cut = False
        for lead in sorted(JOIN_LEAD, key=len, reverse=True):
            if left.startswith(lead) and len(left) > len(lead) + 1:
                left, cut = left[len(lead) :], True
                break
    if not any(p in left for p in programmes) or not any(
        p in m.group(2) for p in programmes
    ):
        return None
    return clause[m.end(1) - len(left) :]


def mine_joined(
    texts: Iterator[str],
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--joined``: per joining policy (joined_name), in how many documents."""
    programmes = programme_names()
    ends = re.compile("|".join(JOIN_WORDS))
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, str] = {}
    for text in texts:
        seen = set()
        for m in ends.finditer(text):
            low = max(0, m.start() - 40)
            clause = re.split(r"[^\u4e00-\u9fff]", text[low : m.end()])[-1]
            name = joined_name(clause, programmes)
            if name is not None:
                seen.add(name)
                example.setdefault(name, text[max(0, m.end() - 40) : m.end() + 8])
        _count_document(evidence, {name: {"joined"} for name in seen})
    return evidence, example


# --split: names with an inner 和, 与 or 及 (黄河流域生态保护和高质量发展): every other
# round ends a name's left edge at a function character, so the reviews read only the
# part before it (黄河流域生态保护, now in lexicon-read.txt). This round takes the names
# the reviews read (lexicon-read.txt, lexicon-rejected.txt; four characters or more),
# each followed by 和, 与 or 及 and a tail of two to eight characters up to a break, a
# function character or a word that follows names (…先行区, …座谈会).
SPLIT_JOINTS = "和与及"
SPLIT_TAIL_END = "的 等 上 中 为 是 先行区 领导小组 座谈会".split()
_SPLIT_TAIL = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?=[^\u4e00-\u9fff]|" + "|".join(SPLIT_TAIL_END) + "|$)"
)


def read_names() -> list[str]:
    """The names the reviews read and did not enter, four characters or more."""
    names = set()
    for listed in ("lexicon-read.txt", "lexicon-rejected.txt"):
        for line in (LEXICON_DIR / listed).read_text(encoding="utf-8").splitlines():
            name = line.split("#", 1)[0].strip()
            if len(name) >= 4 and _CJK_ONLY.fullmatch(name):
                names.add(name)
    return sorted(names)


def split_names(text: str, heads: list[str]) -> set[str]:
    """The names of ``text`` that go on from a read name over 和, 与 or 及.

    Examples:
        >>> sorted(split_names("推动黄河流域保护和高质量发展，", ["黄河流域保护"]))
        ['黄河流域保护和高质量发展']
        >>> split_names("黄河流域保护工作", ["黄河流域保护"])
        set()
    """
    found = set()
    for head in heads:
        at = text.find(head)
        while at >= 0:
            end = at + len(head)
            if text[end : end + 1] in SPLIT_JOINTS and end < len(text):
                tail = _SPLIT_TAIL.match(text, end + 1, end + 13)
                if tail is not None:
                    found.add(text[at : tail.end()])
            at = text.find(head, end)
    return found


def mine_split(
    texts: Iterator[str],
) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """``--split``: per name split_names finds, in how many documents."""
    heads = read_names()
    import ahocorasick_rs  # the runtime dependency kg uses for its lexicon

    automaton = ahocorasick_rs.AhoCorasick(heads)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    example: dict[str, str] = {}
    for text in texts:
        present = {heads[i] for i, _, _ in automaton.find_matches_as_indexes(text)}
        found = split_names(text, sorted(present))
        _count_document(evidence, {name: {"split"} for name in found})
        for name in found:
            if name not in example:
                at = text.find(name)
                example[name] = text[max(0, at - 12) : at + len(name) + 8]
    return evidence, example


def keep_tail(name: str, ev: Counter[str], tails: set[str]) -> bool:
    """A bare name of four characters or more that ends like several programmes
    (科技扶贫, 奶业振兴), in two documents, once at least as an object or before a
    generic head."""
    return (
        len(name) >= 4
        and name[-2:] in tails
        and ev["docs"] >= 2
        and ev["object"] + ev["headed"] >= 1
        and _CJK_ONLY.fullmatch(name) is not None
    )


@cache
def _word_frequency() -> dict[str, int]:
    import jieba

    with open(jieba.get_dict_file().name, encoding="utf-8") as f:
        return {w: int(freq) for w, freq, *_ in (ln.split() for ln in f)}


def keep_object(name: str, ev: Counter[str], min_docs: int) -> bool:
    """An object worth a reviewer's time: in several documents, not ordinary
    vocabulary (a word of jieba's dictionary: 改革, 试点工作), and either ending in a
    scheme word (林长制, 中欧班列; not 科技|体制). A name seen only before a
    generic head (``headed``: 务实|合作, 疫情防控|工作) is not enough: most are
    generic phrases; the column is printed for the reviewer."""
    if ev["object"] < min_docs or name in _common_words():
        return False
    return name.endswith(OBJECT_SCHEMES) and not name.endswith(OBJECT_NOT_SCHEMES)


@cache
def _common_words() -> frozenset[str]:
    import jieba

    with open(jieba.get_dict_file().name, encoding="utf-8") as f:
        return frozenset(
            w for w, freq, *_ in (ln.split() for ln in f) if int(freq) >= 5
        )


def keep(name: str, ev: Counter[str], min_docs: int, loose: bool = False) -> bool:
    """Candidates worth a reviewer's time: named in several documents, and either
    quoted with a scheme word, a formula, or opened by a launch verb."""
    if ev["docs"] < min_docs:
        return False
    if ev["quoted"] >= min_docs or ev["quoted+scheme"] >= 2:
        return bool(
            ev["quoted+scheme"]
            or ev["scheme-after"]
            or ev["opened"]
            or _FORMULA.search(name)
            or _SCHEME.search(name)
            or ev["quoted"] >= 3 * min_docs
        )
    if loose and ev["scheme"] >= 3 * min_docs:
        return True  # the second round also keeps unquoted names in many documents
    return ev["scheme"] >= min_docs and ev["opened"] >= 2


def read_reviewed() -> set[str]:
    names: set[str] = set()
    lexicon = LEXICON_DIR / "lexicon.tsv"
    if lexicon.exists():
        rows = [
            line.split("\t")
            for line in lexicon.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")
        ]
        for row in rows[1:]:  # after the header
            names.add(row[0])
            names.update(a for a in row[3].split("|") if a)
    for listed in ("lexicon-rejected.txt", "lexicon-read.txt"):
        path = LEXICON_DIR / listed
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = line.split("#", 1)[0].strip()
                if entry:
                    names.add(entry)
    try:  # the spellings kg derives from the entries (verb first) are decided too
        sys.path.insert(0, str(ROOT))  # this checkout's kg, not the venv's
        from kg.extract.programmes import lexicon as kg_lexicon
    except ImportError:
        return names
    names.update(kg_lexicon())
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BULK)
    parser.add_argument("--out", type=Path, help="write the candidates (TSV)")
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument(
        "--loose",
        action="store_true",
        help="also keep unquoted names in 3 x MIN_DOCS documents not opened by a verb",
    )
    parser.add_argument(
        "--objects",
        action="store_true",
        help="mine the objects of launch verbs (推行林长制) instead: the recall round",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="mine the names of national demonstration zones (国家全域旅游示范区) instead",
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="mine national schemes named bare (以工代赈, 产业扶贫) instead",
    )
    parser.add_argument(
        "--marked",
        action="store_true",
        help="mine names written both marked (quoted, before a scheme word) and bare",
    )
    parser.add_argument(
        "--stems",
        action="store_true",
        help="mine the entries' names without their scheme word, written bare",
    )
    parser.add_argument(
        "--family",
        action="store_true",
        help="mine bare names that end like three programmes (…改造, …进校园)",
    )
    parser.add_argument(
        "--social",
        action="store_true",
        help="mine bare welfare and aid schemes (…保险制度, …卫生服务, …协作) instead",
    )
    parser.add_argument(
        "--tail-entries",
        type=int,
        default=3,
        help="with --family: a tail is the end of this many programmes",
    )
    parser.add_argument(
        "--joined",
        action="store_true",
        help="mine policies that join two programmes (…同乡村振兴有效衔接) instead",
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="mine names that go on from a read name over 和/与/及 instead",
    )
    parser.add_argument("--min-bare", type=int, default=10)
    parser.add_argument(
        "--tails",
        action="store_true",
        help="with --bare: bare names that end like four programmes of the lexicon",
    )
    parser.add_argument(
        "--unreviewed",
        type=Path,
        help="print the candidates of this TSV that the lexicon has not decided",
    )
    args = parser.parse_args(argv)
    if args.unreviewed:
        reviewed = read_reviewed()
        for line in args.unreviewed.read_text(encoding="utf-8").splitlines()[1:]:
            if line.split("\t", 1)[0] not in reviewed:
                print(line)
        return 0
    if not args.out:
        parser.error("--out or --unreviewed")
    texts = bulk_texts(args.corpus, blind_lines())
    if args.stems or args.family or args.social:
        if args.stems:
            evidence, example = mine_stems(args.corpus, blind_lines())
        elif args.social:
            evidence, example = mine_social(args.corpus, blind_lines())
        else:
            evidence, example = mine_family(
                args.corpus, blind_lines(), args.tail_entries
            )
        rows = [
            (n, ev)
            for n, ev in evidence.items()
            if ev["docs"] >= args.min_docs
            and ev["years"] >= 2
            and _word_frequency().get(n, 0) < 50
        ]
        kinds: tuple[str, ...] = ("years",)
    elif args.marked:
        evidence, example = mine_marked(
            texts, args.corpus, blind_lines(), args.min_docs
        )
        bare_enough = {
            n: ev for n, ev in evidence.items() if ev["bare"] >= args.min_bare
        }
        rows = [
            (n, evidence[n])
            for n in drop_fragments(bare_enough)
            if keep_marked(n, evidence[n], args.min_docs, args.min_bare)
        ]
        kinds = ("marked", "bare")
    elif args.bare:
        evidence, example = mine_bare(texts)
        tails = programme_tails() if args.tails else set()
        rows = [
            (n, ev)
            for n, ev in evidence.items()
            if (
                keep_tail(n, ev, tails)
                if args.tails
                else keep_bare(n, ev, args.min_docs)
            )
        ]
        kinds = ("object", "headed", "alone")
    elif args.split or args.joined or args.demo:
        # steps whose candidates need only enough documents; the step's name is the kind
        step = "split" if args.split else "joined" if args.joined else "demo"
        miner = {"split": mine_split, "joined": mine_joined, "demo": mine_demo}[step]
        evidence, example = miner(texts)
        rows = [(n, ev) for n, ev in evidence.items() if ev["docs"] >= args.min_docs]
        kinds = (step,)
    elif args.objects:
        evidence, example = mine_objects(texts)
        rows = [
            (name, ev)
            for name, ev in evidence.items()
            if keep_object(name, ev, args.min_docs)
        ]
        kinds = ("object", "headed")
    else:
        evidence, example = mine(texts)
        rows = [
            (name, ev)
            for name, ev in evidence.items()
            if 2 <= len(name) <= 30
            and name == name.strip()
            and keep(name, ev, args.min_docs, args.loose)
        ]
        kinds = ("quoted", "quoted+scheme", "scheme-after", "scheme", "opened")
    rows.sort(key=lambda r: (-r[1]["docs"], r[0]))
    with args.out.open("w", encoding="utf-8") as f:
        f.write("\t".join(("name", "docs", *kinds, "example")) + "\n")
        for name, ev in rows:
            context = re.sub(r"\s+", " ", example.get(name, ""))
            f.write(
                "\t".join(
                    (name, str(ev["docs"]), *(str(ev[k]) for k in kinds), context)
                )
                + "\n"
            )
    print(f"{len(rows)} candidates written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
