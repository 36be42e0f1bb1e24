"""Programmes: named local initiatives (三比三亮, 双网格, 六单工作法, 1+3+1 …).

Candidates are quoted names, numbered formulas (1+3+1, 4+X) and names ending in a
scheme word. Each is classified (``attrs["class"]``): ``local`` initiatives become
programme nodes; ``national`` doctrine, ``quotation``, ``metaphor`` and plain ``term``
do not. Rules live in ``doctrine.txt``, ``metaphors.txt`` and ``programme_rules.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import cache

import ahocorasick_rs

from kg.extract._context import CJK, PLACEHOLDER, jieba_words, make_mention
from kg.model import Document, Mention
from kg.resources import load_lines, load_table

_NUMERAL = "一二两三四五六七八九十百千双多"
_FORMULA = re.compile(
    rf"^(?:[{_NUMERAL}\d][{CJK}]{{1,3}}){{2,5}}$|^[{_NUMERAL}][{CJK}]{{1,3}}$"
)
_CHUNK = re.compile(rf"[{_NUMERAL}][^{_NUMERAL}]{{1,3}}")
_PLUS = re.compile(r"(?<![\d.])\d+(?:\+[\dXN])+(?![\d.])")
_QUOTE = re.compile(r"“([^“”\n]{1,40})”|\"([^\"\n]{1,40})\"")
_REPORTED = re.compile(r"(?:指出|强调|说|表示|提出|要求)[:,]?$")


@cache
def _rules() -> dict[str, tuple[str, ...]]:
    kinds = (
        "suffix",
        "follow",
        "weak",
        "cue",
        "task",
        "site",
        "lever",
        "head",
        "works",
        "higher",
        "listed",
    )
    rules: dict[str, list[str]] = {k: [] for k in kinds}
    for row in load_table("programme_rules.tsv"):
        rules[row["kind"]].append(row["word"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in rules.items()}


@cache
def _dictionary() -> frozenset[str]:
    """Words of jieba's dictionary seen at least ten times (一站式 39, 一把手 282).

    A coined local name (三比三亮, 双网格) is not in a general dictionary; a word that
    is, with some frequency, is ordinary vocabulary quoted for emphasis. 五位一体 (6)
    is rare enough to be a name.
    """
    return frozenset(
        word
        for word, (freq, _) in jieba_words().items()
        if freq >= 10 and 2 <= len(word) <= 8
    )


_DIGIT_NAME = re.compile(rf"^\d{{3,}}[{CJK}]{{0,10}}$")  # 123456, 141基层智治体系建设
_CJK_PLUS = re.compile(rf"^[{CJK}]{{2,6}}(?:\+[{CJK}]{{2,6}})+$")  # 理论+技能+实践
_LISTING = re.compile(f"^[{_NUMERAL}](?:个|大|项|条|种)")


def classify(name: str, before: str = "", after: str = "") -> str:
    """Class of a quoted candidate given the text around it.

    Examples:
        >>> classify("三比三亮", "开展", "赛出")
        'local'
        >>> classify("两个确立"), classify("头雁效应"), classify("荷花瓣", "", "航道")
        ('national', 'metaphor', 'term')
        >>> classify("五位一体", "", "信访平台"), classify("选出好干部、配出好班子。")
        ('local', 'quotation')
        >>> classify("一站式", "推行", "服务"), classify("双昌", "打造", "产业园")
        ('term', 'term')
        >>> classify("企业吹哨、部门报到", "推动", "互动机制")
        'local'
    """
    rules = _rules()
    doctrine = load_lines("doctrine.txt")
    if name in doctrine or name.replace("、", "") in doctrine:
        return "national"
    # “五位一体”总体布局 is the national one, “五位一体”信访平台 is not
    if any(after.startswith(t[len(name) :]) for t in _doctrine_from(name)):
        return "national"
    if name.startswith(("互联网+", "国家", "全国")) or before.endswith(rules["higher"]):
        return "national"  # 互联网+政务服务, 国家级健康促进区; 自治区“8337”发展思路
    if name.startswith("第"):
        return "term"  # “第一品牌”: an ordinal, not a name
    if name in load_lines("metaphors.txt") or name.endswith("效应"):
        return "metaphor"
    if _paired_slogan(name) and _followed_by(after, rules["follow"]):
        return "local"  # “企业吹哨、部门报到”互动机制: a two-part scheme name
    if (
        len(name) > 12
        or re.search(r"[,，。!?！？;；、:]", name)
        or _REPORTED.search(before)
    ):
        return "quotation"
    if PLACEHOLDER.search(name):
        return "term"
    if name.startswith(rules["cue"] + rules["task"]):
        return "quotation"  # “完善科技创新体系”: a task quoted from a report
    if after.startswith(rules["site"]):
        return "term"  # “双昌”产业园: the name of a park
    if _PLUS.fullmatch(name) or _CJK_PLUS.match(name) or _DIGIT_NAME.match(name):
        return "local"  # 1+3+1, 理论+技能+实践, 123456
    chunks = _CHUNK.findall(name)
    formula = len(chunks) >= 2 and "".join(chunks) == name
    listing = _LISTING.match(name)
    strong = _followed_by(after, rules["follow"])
    weak = after.startswith(rules["weak"])
    if (_is_word(name) and not formula) or (
        listing and not name.endswith(rules["suffix"])
    ):
        # 一把手, 一站式; 三个尊重, 五大抓手: rhetoric, unless named as a scheme
        return "local" if listing and (strong or weak) else "term"
    if formula:
        return "local"  # 三比三亮, 一馆五榜一场, 三送三会两比
    suffix = next((w for w in rules["suffix"] if name.endswith(w)), None)
    if suffix and _coined(name[: -len(suffix)]):
        return "local"  # 导师帮带制, 六单工作法; not 初步清单, 卖品牌
    if strong and len(name) <= 10:
        return "local"  # “红细胞·微治理”工程, “来了就是璧山人”品牌
    if after.startswith(rules["lever"]) and before.endswith("以"):
        return "local"  # 以“三园共创”为抓手
    if _FORMULA.match(name) and (weak or before.endswith(rules["cue"])):
        return "local"  # 开展“双网格”, “五新”样板
    if weak and len(name) <= 6 and re.search(f"[{_NUMERAL}]", name):
        return "local"  # “人才十条”政策
    if weak and 4 <= len(name) <= 8 and not _has_function_word(name):
        return "local"  # “城市建设管理年”活动, “平安海拉尔”建设
    return "term"


@cache
def _doctrine_sorted() -> tuple[str, ...]:
    return tuple(sorted(load_lines("doctrine.txt")))


def _doctrine_from(name: str) -> tuple[str, ...]:
    """The doctrine entries that start with ``name`` (a slice of the sorted list)."""
    entries = _doctrine_sorted()
    first = bisect_left(entries, name)
    last = first
    while last < len(entries) and entries[last].startswith(name):
        last += 1
    return entries[first:last]


_ADVERBS = (
    "进一步",
    "落实",
    "迅速",
    "全面",
    "深入",
    "大力",
    "积极",
    "持续",
    "不断",
    "联防联控",
)


def _coined(head: str) -> bool:
    """The part before a scheme word names something: 导师帮带 (制), 六单 (工作法), not a
    bare dictionary word of two characters (初步 清单) or a single character (卖 品牌)."""
    if re.search(f"[{_NUMERAL}\\d]", head):
        return len(head) >= 1  # 六单工作法, 3+1机制
    return len(head) >= 2 and not (len(head) == 2 and _is_word(head))


def _is_word(name: str) -> bool:
    """Ordinary vocabulary: a frequent dictionary word or a process noun (网格化)."""
    process = len(name) == 3 and name.endswith("化")
    return name in _dictionary() or process


def _paired_slogan(name: str) -> bool:
    """企业吹哨、部门报到: two or three parallel parts of equal length."""
    parts = name.split("、")
    return (
        2 <= len(parts) <= 3
        and all(re.fullmatch(f"[{CJK}]{{3,5}}", p) for p in parts)
        and len({len(p) for p in parts}) == 1
    )


def _followed_by(after: str, words: tuple[str, ...]) -> bool:
    """“六个一”幸福指数工程, “三山绿化”等工程: a scheme word within four characters."""
    return _followed_pattern(words).match(after) is not None


@cache
def _followed_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    pattern = "|".join(map(re.escape, words))
    # no 的 in the gap: 代号为“X”的军事行动 names an operation, not a scheme of X
    return re.compile(f"[^的\\W\\d]{{0,4}}?(?:{pattern})")


def extract_programmes(doc: Document) -> list[Mention]:
    """Find programme candidates with their class and components.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("开展“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化)活动。", "t")
        >>> [(m.name, m.attrs["class"], m.attrs["components"]) for m in extract_programmes(doc)]
        [('三比三亮', 'local', ['比能力亮素质', '比服务亮承诺', '比业绩亮变化'])]
    """
    text = doc.clean
    rules = _rules()
    found: list[tuple[int, int, str, dict[str, object]]] = []
    for match in _QUOTE.finditer(text):
        name = (match.group(1) or match.group(2) or "").strip()
        if not name:
            continue
        start = match.start() + 1
        end = start + len(name)
        before = text[max(0, match.start() - 6) : match.start()]
        # “育种”“扶苗”“强树”计划: the word after a run of quoted names applies to each
        run_end = match.end()
        while (nxt := _QUOTE.match(text, run_end)) is not None:
            run_end = nxt.end()
        after = text[run_end : run_end + 8]
        cls = classify(name, before, after)
        if (
            cls == "term"
            and _listed_as_schemes(text, match.end())
            and not _is_word(name)
        ):
            cls = "local"  # “四级联排联调”、重大项目社会稳定风险评估等工作机制
        if cls == "term" and _lever(text, match.start(), run_end):
            cls = "local"  # 以打造新时代“红岩先锋”变革型组织为抓手
        if found and before.endswith("”、") and found[-1][3]["class"] == "national":
            cls = "national"  # 自治区“四大行动”、“六大工程”: the list shares its owner
        attrs: dict[str, object] = {"class": cls, "quoted": True}
        follow = next((w for w in rules["follow"] if after.startswith(w)), None)
        if cls == "local" and follow in ("平台", "机制", "工作法", "模式", "体系"):
            attrs["long_name"] = name + follow
        attrs["components"] = _parenthesised_parts(text, match.end())
        found.append((start, end, name, attrs))
    # A name the text once gives to a higher level (自治区“8337”发展思路) is that
    # level's policy wherever else the document quotes it (落实“8337”思路).
    higher = {n for _, _, n, a in found if a["class"] == "national"}
    for _, _, name, attrs in found:
        if name in higher:
            attrs["class"] = "national"
    _mark_enumerated_listings(text, found)
    taken = _Taken(len(text), found)
    for start, end, name in _unquoted_schemes(text):
        if not (taken.covered[start] or any(taken.starts[start:end])):
            cls = "national" if name in load_lines("doctrine.txt") else "local"
            attrs = {"class": cls, "quoted": False, "components": [], "rule": "named"}
            taken.append(found, (start, end, name, attrs))
    # every formula has a "+"; the pattern opens with a lookbehind, so re would try
    # it at every character of texts that have none
    for match in _PLUS.finditer(text) if "+" in text else ():
        if not taken.covered[match.start()]:
            taken.append(
                found,
                (
                    match.start(),
                    match.end(),
                    match.group(),
                    {"class": "local", "quoted": False, "components": []},
                ),
            )
    local_names = {n for _, _, n, a in found if a["class"] == "local"}
    # Later unquoted uses of a local name (三比三亮 in running text) are mentions too.
    uses = _uses(text, local_names)
    for name in sorted(local_names):
        for at in uses[name]:
            if not taken.covered[at]:
                taken.append(
                    found,
                    (
                        at,
                        at + len(name),
                        name,
                        {"class": "local", "quoted": False, "components": []},
                    ),
                )
    _attach_spelled_out_parts(text, found)
    _attach_quoted_components(doc, found)
    parts = {p for _, _, _, a in found for p in a["components"]}  # type: ignore[attr-defined]
    for _, _, name, attrs in found:
        if name in parts and attrs["class"] == "local":
            attrs["class"] = "component"  # 三专 of 三专三辅: recorded on the programme
    mentions = [
        make_mention(
            doc,
            s,
            e,
            "programme",
            # which rule found it: quoted name, unquoted formula (1+3+1), named scheme
            # after a launch verb (实施先锋示范工程), or a listing spelled out before
            f"programme:{a.pop('rule', None) or ('quoted' if a['quoted'] else 'formula')}",
            a,
            name=n,
        )
        for s, e, n, a in sorted(found, key=lambda f: (f[0], f[1]))
    ]
    return mentions


def _listed_as_schemes(text: str, pos: int) -> bool:
    """The clause after a quoted name ends in 等 + a scheme word (…等工作机制, …等竞技活动)."""
    clause = _CLAUSE_END.split(text[pos : pos + 60], maxsplit=1)[0]
    return _listed_pattern().search(clause) is not None


_CLAUSE_END = re.compile(r"[,，。;；:：!?！？\n]")


@cache
def _listed_pattern() -> re.Pattern[str]:
    rules = _rules()
    words = "|".join(map(re.escape, rules["follow"] + rules["weak"]))
    return re.compile(f"等[{CJK}]{{0,2}}?(?:{words})$")


def _lever(text: str, start: int, end: int) -> bool:
    """以(打造新时代)“X”(变革型组织)为抓手: the text names X as the lever of its work."""
    before = _LEVER_BEFORE.search(text[max(0, start - 8) : start - 1])
    after = _lever_after().match(text[end : end + 14])
    return before is not None and after is not None


_LEVER_BEFORE = re.compile(f"以[{CJK}]{{0,6}}$")


@cache
def _lever_after() -> re.Pattern[str]:
    levers = "|".join(map(re.escape, _rules()["lever"]))
    return re.compile(f"[{CJK}]{{0,8}}?(?:{levers})")


@cache
def _enumeration_name() -> str:
    heads = "|".join(map(re.escape, _rules()["head"] + _rules()["listed"]))
    return rf"[{_NUMERAL}](?:大|项)[{CJK}]{{0,8}}?(?:{heads})"


@cache
def _enumeration_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<enum>(?:[{CJK}]{{1,10}}、){{1,9}}[{CJK}]{{1,10}})[”\"]?[“\"]?"
        rf"(?P<name>{_enumeration_name()})"
    )


@cache
def _enumeration_name_pattern() -> re.Pattern[str]:
    return re.compile(_enumeration_name())


_LEAD_VERB = re.compile(
    r"^.*(?:实施|开展|推进|突出|抓好|围绕|聚焦|推动|坚持|健全|构建|形成|成立|建立|实现了?|在)"
)
_TRAIL_VERB = re.compile(r"(?:上|中)?(?:打造|建设|推进|实现|形成)$")


_Found = tuple[int, int, str, dict[str, object]]


def _uses(text: str, names: set[str]) -> dict[str, list[int]]:
    """Where each of ``names`` occurs, non-overlapping as ``re.finditer`` finds it.

    One pass of an automaton for all names: a search per name cost the length of the
    text times the names, which both grow with a document.

    Examples:
        >>> _uses("三比三比三亮,三三三", {"三比", "三三"})
        {'三三': [7], '三比': [0, 2]}
    """
    words = sorted(names)
    uses: dict[str, list[int]] = {name: [] for name in words}
    if not words:
        return uses
    automaton = ahocorasick_rs.AhoCorasick(words)
    for index, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
        found = uses[words[index]]
        if not found or start >= found[-1] + end - start:  # after the last one's end
            found.append(start)
    return uses


class _Taken:
    """Which characters the names found so far cover, and where they start.

    A lookup per position: asking every found name instead made a document's cost grow
    with the square of its length.
    """

    def __init__(self, size: int, found: list[_Found]) -> None:
        self.covered = bytearray(size)
        self.starts = bytearray(size)
        for item in found:
            self._mark(item)

    def _mark(self, item: _Found) -> None:
        start, end = item[0], item[1]
        if end > start:
            self.covered[start:end] = b"\x01" * (end - start)
        if start < len(self.starts):
            self.starts[start] = 1

    def append(self, found: list[_Found], item: _Found) -> None:
        """Add ``item`` to ``found``, and to what is covered."""
        found.append(item)
        self._mark(item)


def _mark_enumerated_listings(
    text: str, found: list[tuple[int, int, str, dict[str, object]]]
) -> None:
    """大抓制造业、……大抓项目建设“五大抓手”; 农村厕所、污水、垃圾三大改造整治工程.

    A listing name (五大…, 三大…) ending in a scheme word, right after as many parts
    as its numeral counts, is a scheme whose parts the text has just spelled out.
    """
    # The full pattern backtracks over every run of CJK; a match needs a 、 and a
    # listing name, and 99 % of texts lack one of them.
    if "、" not in text or _enumeration_name_pattern().search(text) is None:
        return
    first: dict[tuple[int, str], int] | None = None
    for match in _enumeration_pattern().finditer(text):
        parts = match.group("enum").split("、")
        parts[0] = _LEAD_VERB.sub("", parts[0]) or parts[0]
        name = match.group("name")
        if _DIGITS_CN.get(name[0]) != len(parts):
            continue
        start, end = match.span("name")
        attrs = {
            "class": "local",
            "quoted": False,
            "components": parts,
            "rule": "listing",
        }
        if first is None:  # made on first use: the first found name per place
            first = {}
            for i, (s, _, n, _) in enumerate(found):
                first.setdefault((s, n), i)
        i = first.get((start, name))
        if i is not None:
            s, e, n, a = found[i]
            attrs["quoted"] = a["quoted"]
            found[i] = (s, e, n, attrs)
        else:
            first[start, name] = len(found)
            found.append((start, end, name, attrs))


_DIGITS_CN = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)} | {"两": 2}


def _counts(name: str) -> set[int]:
    """How many parts a formula may announce: 五治融合 5, 双网格 2, 一馆五榜一场 7 (the
    sum), 五位一体 5 (the first numeral: “five in one”)."""
    first = 2 if name[0] == "双" else _DIGITS_CN.get(name[0])
    counts = {first} if first else set()
    chunks = _CHUNK.findall(name)
    if len(chunks) >= 2 and "".join(chunks) == name:
        values = [2 if c[0] == "双" else _DIGITS_CN.get(c[0]) for c in chunks]
        if None not in values:
            counts.add(sum(values))  # type: ignore[arg-type]
    return {c for c in counts if c >= 2}


def _items_before(text: str, pos: int) -> list[str]:
    """The list that ends right before ``pos``: “联抓、联促…”的, 政治、法治…, A与B."""
    window = text[max(0, pos - 80) : pos]
    window = window.removesuffix("的")
    quoted = re.search(r"“([^“”]+)”$", window)
    if quoted:
        return [p for p in quoted.group(1).split("、") if p]
    tail = re.split(r"[,，。;；:：“”\n()（）!?！？]", window)[-1]
    if "、" in tail:
        parts = tail.split("、")
    else:
        parts = re.split("与|和|及", tail)
    parts[0] = _LEAD_VERB.sub("", parts[0]) or parts[0]
    parts[-1] = _TRAIL_VERB.sub("", parts[-1])  # 对外开放上打造“五新”
    verbs = _rules()["cue"] + _rules()["task"]
    ok = (
        len(parts) >= 2
        and all(re.fullmatch(f"[{CJK}]{{1,10}}", p) for p in parts)
        and not parts[-1].endswith(verbs)  # 赛出新业绩、完善“双网格”: two clauses
    )
    return parts if ok else []


def _attach_spelled_out_parts(
    text: str, found: list[tuple[int, int, str, dict[str, object]]]
) -> None:
    """Parts the text lists right before the formula or its short form.

    信、访、网、电、视频“五位一体”; 政治、法治、德治、自治、智治“五治”融合 (五治 of
    五治融合); 网上网格与实体网格“双网格化治理”; 理论+技能+实践 spells itself out.
    The list must have as many parts as the formula counts.
    """
    # Each name is settled once (a document repeats its formulas), and finds its
    # quotes through an index (a search of every quote per name grew with the square
    # of the document's length).
    settled: dict[str, list[str]] = {}
    quotes: _Quotes | None = None
    for _, _, name, attrs in found:
        if attrs["class"] != "local" or attrs["components"]:
            continue
        if _CJK_PLUS.match(name):
            attrs["components"] = name.split("+")
            continue
        if _PLUS.fullmatch(name):
            if name not in settled:
                settled[name] = _plus_parts(text, name)
            attrs["components"] = list(settled[name])
            continue
        counts = _counts(name)
        if not counts:
            continue
        if name not in settled:
            quotes = quotes or _Quotes(text)
            settled[name] = []
            for start in quotes.about(name):
                parts = _items_before(text, start)
                if len(parts) in counts:
                    settled[name] = parts
                    break
        if settled[name]:
            attrs["components"] = list(settled[name])


class _Quotes:
    """The short quotations of a text (“X”, 2 to 12 characters), by what they say."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        # quoted text -> quotations; every prefix of it -> quotations
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.prefix: dict[str, list[int]] = defaultdict(list)
        for i, quote in enumerate(re.finditer("“([^“”]{2,12})”", text)):
            self.starts.append(quote.start())
            short = quote.group(1)
            self.exact[short].append(i)
            for k in range(1, len(short) + 1):
                self.prefix[short[:k]].append(i)

    def about(self, name: str) -> list[int]:
        """Where the quotations of ``name``, of a prefix of it or of a longer name
        beginning with it start, in text order."""
        found = set(self.prefix.get(name, ()))
        for k in range(1, len(name) + 1):
            found.update(self.exact.get(name[:k], ()))
        return [self.starts[i] for i in sorted(found)]


def _plus_parts(text: str, name: str) -> list[str]:
    """Parts of a digit formula the text spells out.

    以消费品为支柱,以生物医药、电子信息、智能装备为主导,以农牧高新为特色的“1+3+1”:
    one “以…为…” group per number, as many items as it counts. “4+X”: the X is open,
    the 4 are the first run of four quoted names after it in its paragraph (成立“红白
    理事会”“农民监督委员会”“道德评议会”和“文体活动会”).
    """
    numbers = [int(n) for n in re.findall(r"\d+", name)]
    pos = text.find(name)
    while pos != -1:
        sentence = re.split(r"[。;；!?！？\n]", text[max(0, pos - 120) : pos])[-1]
        groups = [
            g.split("、")
            for g in re.findall(
                r"以([^以为,，。、][^以为,，。]{0,30})为[^以为,，。]{1,4}", sentence
            )
        ]
        groups = groups[-len(numbers) :]
        if len(groups) == len(numbers) and [len(g) for g in groups] == numbers:
            return [p for g in groups for p in g]
        if re.search(r"\+[XN]$", name):
            return _quoted_run_after(text, name, numbers[0])
        pos = text.find(name, pos + 1)
    return []


def _quoted_run_after(text: str, name: str, count: int) -> list[str]:
    """The first run of exactly ``count`` quoted names after ``name`` in its paragraph."""
    pos = text.find(name)
    if pos == -1 or count < 2:
        return []
    paragraph = text[pos + len(name) : pos + len(name) + 200].split("\n")[0]
    quoted = r"“([^“”]{1,10})”"
    run = re.search(
        rf"{quoted}(?:(?:、|和|及)?{quoted}){{{count - 1}}}(?!、?[“和])", paragraph
    )
    return re.findall(quoted, run.group()) if run else []


def _unquoted_schemes(text: str) -> list[tuple[int, int, str]]:
    """实施先锋示范工程, 以巴渝和美乡村示范创建行动为抓手: schemes named without quotes.

    Only after a verb that launches a scheme, ending in a scheme word, with no
    function word inside (实施一批重点工程 and 五大专项行动 are not names).
    """
    rules = _rules()
    out: list[tuple[int, int, str]] = []
    if _head_word().search(text) is None:
        return out  # every name ends in a scheme word (three texts in four have none)
    for match in _scheme_pattern().finditer(text):
        name = match.group("name")
        if match.group(0).startswith("以") and not match.group("after").startswith(
            "为"
        ):
            continue  # 以…: only “以X为抓手” names X as a scheme
        head = name[: -len(next(h for h in rules["head"] if name.endswith(h)))]
        if (
            len(head) < 2
            or _has_function_word(name)
            or re.search(r"一批|一系列|系列|专项|重点", name)
            or _LISTING.match(name)
            or name.startswith(rules["cue"] + rules["task"] + _ADVERBS)
            or any(w in head for w in rules["works"])
            or _is_word(head)
        ):
            continue
        out.append((match.start("name"), match.end("name"), name))
    return out


@cache
def _head_word() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _rules()["head"])))


@cache
def _scheme_pattern() -> re.Pattern[str]:
    heads = "|".join(map(re.escape, _rules()["head"]))
    verbs = "|".join(map(re.escape, ("实施", "推行", "启动", "开展", "深化", "打造")))
    return re.compile(
        rf"(?:(?:{verbs})了?|以)(?P<name>[{CJK}·]{{2,14}}?(?:{heads}))"
        rf"(?P<after>为抓手|为载体|[^{CJK}]|的|建设|$)"
    )


def _has_function_word(name: str) -> bool:
    """实施A与B工程 joins two things; 各地区 is a word, not 各 + 地区.

    A function character counts unless a dictionary word spans it (等级, 各地). 和 is
    left out: it is too often inside a name (巴渝和美乡村).
    """
    words = _dictionary()
    for i, ch in enumerate(name):
        if ch in "的与及等或各" and not any(
            name[a:b] in words
            for a in range(max(0, i - 2), i + 1)
            for b in range(i + 2, min(len(name), i + 3) + 1)
            if b - a >= 2
        ):
            return True
    return False


_PARENTHESISED = re.compile(r"\(([^()]{3,80})\)")


def _parenthesised_parts(text: str, pos: int) -> list[str]:
    """“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化) → the three parts."""
    match = _PARENTHESISED.match(text, pos)  # not text[pos:]: a copy per quote
    if not match:
        return []
    parts = [p.strip(' “”"') for p in re.split(r"[、,，]", match.group(1))]
    return parts if len(parts) >= 2 and all(1 < len(p) <= 12 for p in parts) else []


def _attach_quoted_components(
    doc: Document, found: list[tuple[int, int, str, dict[str, object]]]
) -> None:
    """Quoted parts of a formula named in the same article become its components.

    三专三辅 → “三专”, “三辅”; 六单工作法 → “巡单”, “接单” … (two-character names ending
    in the counted word 单).
    """
    # The quoted names of each article, by name and, for two-character names not
    # opening with a numeral (巡单), by last character: each formula looks its parts
    # up, where a loop over every name found grew with the square of the length.
    by_name: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_last: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, (s2, _, other, a2) in enumerate(found):
        if a2.get("quoted"):
            article = doc.article_index(s2)
            by_name[article, other].append(i)
            if len(other) == 2 and other[0] not in _NUMERAL:
                by_last[article, other[1]].append(i)
    settled: dict[tuple[int, str], list[str]] = {}
    for start, _, name, attrs in found:
        if attrs["class"] != "local" or attrs["components"]:
            continue
        article = doc.article_index(start)
        if (article, name) not in settled:
            counted = re.match(rf"[{_NUMERAL}]([{CJK}])(?:工作法|机制|模式)?$", name)
            # 四会 is another formula, not a part: numerals open parts of the name only
            parts = {
                i
                for a in range(len(name))
                if name[a] in _NUMERAL
                for b in range(a + 2, len(name) + 1)
                for i in by_name.get((article, name[a:b]), ())
            }
            if counted:
                parts.update(by_last.get((article, counted.group(1)), ()))
            names = [found[i][2] for i in sorted(parts) if found[i][2] != name]
            settled[article, name] = list(dict.fromkeys(names))
        attrs["components"] = list(settled[article, name])
