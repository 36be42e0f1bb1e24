"""Programmes: named local initiatives (三比三亮, 双网格, 六单工作法, 1+3+1 …).

Candidates are quoted names, numbered formulas (1+3+1, 4+X) and names ending in a
scheme word. Each is classified (``attrs["class"]``): ``local`` initiatives become
programme nodes; ``national`` doctrine, ``quotation``, ``metaphor`` and plain ``term``
do not. Rules live in ``doctrine.txt``, ``metaphors.txt`` and ``programme_rules.tsv``.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract._context import CJK, PLACEHOLDER, common_words, make_mention
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
    rules: dict[str, list[str]] = {"suffix": [], "follow": [], "cue": []}
    for row in load_table("programme_rules.tsv"):
        rules[row["kind"]].append(row["word"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in rules.items()}


def classify(name: str, before: str = "", after: str = "") -> str:
    """Class of a quoted candidate given the text around it.

    Examples:
        >>> classify("三比三亮", "开展", "赛出")
        'local'
        >>> classify("两个确立"), classify("头雁效应"), classify("荷花瓣", "", "航道")
        ('national', 'metaphor', 'term')
        >>> classify("五位一体", "", "信访平台"), classify("选出好干部、配出好班子。")
        ('local', 'quotation')
    """
    if name in load_lines("doctrine.txt"):
        return "national"
    if name in load_lines("metaphors.txt") or name.endswith("效应"):
        return "metaphor"
    if (
        len(name) > 12
        or re.search(r"[,，。!?！？;；、:]", name)
        or _REPORTED.search(before)
    ):
        return "quotation"
    if PLACEHOLDER.search(name):
        return "term"
    rules = _rules()
    if name.startswith(rules["cue"]):
        return "quotation"  # “完善科技创新体系”: a task quoted from a report
    if _PLUS.fullmatch(name):
        return "local"
    chunks = _CHUNK.findall(name)
    listing = re.match(f"^[{_NUMERAL}](?:个|大|项|条|种)", name)
    if name in common_words() or (listing and not name.endswith(rules["suffix"])):
        # 一把手, 一站式; 三个尊重, 五大抓手: rhetoric, unless named as a scheme
        return "local" if listing and _followed_by_scheme(after) else "term"
    if len(chunks) >= 2 and "".join(chunks) == name:
        return "local"  # 三比三亮, 一馆五榜一场, 三送三会两比
    if name.endswith(rules["suffix"]) and len(name) >= 4:
        return "local"
    followed = _followed_by_scheme(after)
    named_as_scheme = followed or before.endswith(rules["cue"])
    if _FORMULA.match(name) and named_as_scheme:
        return "local"  # 开展“双网格”, “五新”样板
    if followed and len(name) <= 6:
        return "local"
    return "term"


def _followed_by_scheme(after: str) -> bool:
    """“六个一”幸福指数工程, “三山绿化”等工程: a scheme word within four characters."""
    words = "|".join(map(re.escape, _rules()["follow"]))
    return re.match(f"[{CJK}]{{0,4}}?(?:{words})", after) is not None


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
        after = text[match.end() : match.end() + 8]
        cls = classify(name, before, after)
        attrs: dict[str, object] = {"class": cls, "quoted": True}
        follow = next((w for w in rules["follow"] if after.startswith(w)), None)
        if cls == "local" and follow in ("平台", "机制", "工作法", "模式", "体系"):
            attrs["long_name"] = name + follow
        attrs["components"] = _parenthesised_parts(text, match.end())
        found.append((start, end, name, attrs))
    for match in _PLUS.finditer(text):
        if not any(s <= match.start() < e for s, e, _, _ in found):
            found.append(
                (
                    match.start(),
                    match.end(),
                    match.group(),
                    {"class": "local", "quoted": False, "components": []},
                )
            )
    local_names = {n for _, _, n, a in found if a["class"] == "local"}
    # Later unquoted uses of a local name (三比三亮 in running text) are mentions too.
    for name in sorted(local_names):
        for match in re.finditer(re.escape(name), text):
            if not any(s <= match.start() < e for s, e, _, _ in found):
                found.append(
                    (
                        match.start(),
                        match.end(),
                        name,
                        {"class": "local", "quoted": False, "components": []},
                    )
                )
    _attach_quoted_components(doc, found)
    parts = {p for _, _, _, a in found for p in a["components"]}  # type: ignore[attr-defined]
    for _, _, name, attrs in found:
        if name in parts and attrs["class"] == "local" and not attrs["components"]:
            attrs["class"] = "component"  # 三专 of 三专三辅: recorded on the programme
    mentions = [
        make_mention(
            doc,
            s,
            e,
            "programme",
            f"programme:{'quoted' if a['quoted'] else 'formula'}",
            a,
            name=n,
        )
        for s, e, n, a in sorted(found, key=lambda f: (f[0], f[1]))
    ]
    return mentions


def _parenthesised_parts(text: str, pos: int) -> list[str]:
    """“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化) → the three parts."""
    match = re.match(r"\(([^()]{3,80})\)", text[pos:])
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
    for start, _, name, attrs in found:
        if attrs["class"] != "local" or attrs["components"]:
            continue
        article = doc.article_index(start)
        counted = re.match(rf"[{_NUMERAL}]([{CJK}])(?:工作法|机制|模式)?$", name)
        parts: list[str] = []
        for s2, _, other, a2 in found:
            if (
                other == name
                or doc.article_index(s2) != article
                or not a2.get("quoted")
            ):
                continue
            if len(other) >= 2 and other in name and other[0] in _NUMERAL:
                parts.append(other)
            elif counted and len(other) == 2 and other.endswith(counted.group(1)):
                parts.append(other)
        attrs["components"] = list(dict.fromkeys(parts))
