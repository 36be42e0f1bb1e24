"""Programmes: every named initiative a text says a place runs, local or national.

Recall first, then judgement. The steps of ``kg/rules/programme/steps.toml`` find
candidates generously: quoted names (and the scheme word after them), programmes
of the reviewed lexicon in running text, unquoted names ending in a scheme word,
lists sharing one scheme word, formulas joined by ``+``, place brands (平安保定),
creation drives (创建全国文明城市) and counted listings. The decision table
``programme:class`` (``classes.toml``) then says what each candidate is —
programme, doctrine, quotation, metaphor, honour, organisation or other — and
``programme:scope`` whose it is (national, provincial, local).

Python here implements the steps and the tests the tables use; the words, the
rows and their order are data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import ahocorasick_rs

from kg.extract._context import CJK, common_words, jieba_words, make_mention
from kg.extract._tagger import tag
from kg.lang import rules, trace
from kg.model import Document, Mention

__all__ = [
    "classify",
    "extract_programmes",
    "is_word",
    "lexicon",
    "programme_finder",
    "straddles",
]


@cache
def _numerals() -> str:
    """Numerals that open a formula's parts or count a listing (三比三亮, 五大抓手),
    ``programme:chars.numerals``."""
    return rules.chars("programme:chars.numerals")


@cache
def _chunk() -> re.Pattern[str]:
    """A formula's part: a numeral and up to three characters (三比, 三亮)."""
    n = _numerals()
    return re.compile(rf"[{n}][^{n}]{{1,3}}")


_PLUS = re.compile(r"(?<![\d.+])\d+(?:\+(?:\d+|[XN]))+(?![\d.%+])")
_CJK_PLUS = re.compile(
    rf"[{CJK}]{{2,6}}(?:\+[{CJK}]{{2,6}})+|[{CJK}]{{2,4}}\+(?![{CJK}\d])"
)
# Running text: a first part of two characters unless a boundary precedes it, middle
# parts of up to four, a last part of two (推行理论+技能+实践培训 → 理论+技能+实践).
_CJK_PLUS_RUNNING = re.compile(
    rf"(?:(?<![{CJK}])[{CJK}]{{2,4}}|[{CJK}]{{2}})"
    rf"(?:(?:\+[{CJK}]{{2,4}}(?=\+))*\+[{CJK}]{{2}}|\+(?![{CJK}\d]))"
)
_DIGIT_NAME = re.compile(rf"^\d{{3,}}[{CJK}]{{0,10}}$")  # 123456, 141基层智治体系建设
_QUOTE = re.compile(r"“([^“”\n]{1,40})”|\"([^\"\n]{1,40})\"")
_INNER = re.compile(r"‘([^‘’\n]{2,20})’")

# Which step found a candidate, in the order overlapping candidates give way.
_PRIORITY = {
    "listing": 0,
    "quoted": 1,
    "lexicon": 2,
    "plus": 3,
    "creation": 4,
    "designated-year": 4,
    "service-circle": 4,
    "place-strategy": 4,
    "measures": 4,
    "edition-event": 4,
    "brand": 5,
    "platform": 5,
    "distributed": 6,
    "scheme": 7,
    "works": 6,
    "plan": 6,
}


@dataclass(slots=True)
class Candidate:
    start: int  # offsets in doc.clean: the name as written (or the quoted name)
    end: int
    name: str
    source: str  # quoted, lexicon, scheme, distributed, plus, brand, creation, listing
    before: str = ""
    after: str = ""
    clause: str = ""
    aliases: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    full: str | None = None  # the fullest name: the quoted name and its scheme word
    full_end: int = 0
    inner: bool = False  # ‘…’ inside a longer quotation
    # the fullest name as the text writes it: with its quotation marks (“X”工程) and
    # with the qualifier before the quote (网络“X”问题专项整治); aliases when kept
    spellings: list[str] = field(default_factory=list)
    cls: str = ""
    class_rule: str | None = None
    scope: str = "local"
    scope_rule: str | None = None
    # the step that found it when it is not the source's (a system, read as a scheme)
    found_by: str = ""

    @property
    def step(self) -> str:
        if self.found_by:
            return self.found_by
        if self.source == "quoted" and self.full is not None:
            return "programme:step.quoted-scheme"
        return f"programme:step.{self.source}"


CONTEXT = 8  # characters on each side of a candidate that the class rules read


def _around(text: str, start: int, end: int) -> dict[str, str]:
    """The context a class rule reads around a candidate at ``start:end``."""
    return {
        "before": text[max(0, start - CONTEXT) : start],
        "after": text[end : end + CONTEXT],
    }


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    cls: str
    scope: str


@cache
def lexicon() -> dict[str, Entry]:
    """Every name and alias of ``kg/rules/programme/lexicon.tsv`` → its entry.

    Examples:
        >>> lexicon()["乡村振兴"]
        Entry(name='乡村振兴战略', cls='programme', scope='national')
    """
    from importlib import resources

    text = (resources.files("kg") / "rules" / "programme" / "lexicon.tsv").read_text(
        "utf-8"
    )
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    out: dict[str, Entry] = {}
    for name, cls, scope, aliases, _ in rows[1:]:
        entry = Entry(name, cls, scope)
        out.setdefault(name, entry)
        for alias in filter(None, aliases.split("|")):
            out.setdefault(alias, entry)
    # 建设美丽中国 is 美丽中国建设 written verb first (unless the review rejected it)
    verbs = rules.words("programme:words.verb-first-schemes")
    for name, cls, _scope, _, _ in rows[1:]:
        for verb in verbs:
            stem = name[: -len(verb)]
            flipped = verb + stem
            if (
                cls == "programme"
                and name.endswith(verb)
                and len(stem) >= 4
                and flipped not in rejected()
            ):
                out.setdefault(flipped, out[name])
    # 某某监测帮扶机制 written 某某动态监测和精准帮扶机制: programme:words.infix-heads
    for name, cls, _scope, _, _ in rows[1:]:
        if cls == "programme":
            for variant in _infix_variants(name):
                if variant not in rejected():
                    out.setdefault(variant, out[name])
    return out


def _infix_variants(name: str) -> list[str]:
    """Spellings of a mechanism or system of the lexicon whose name ends in two acts
    (某某监测帮扶机制) with a joint between the acts or a manner word before each
    (某某监测和帮扶机制, 某某动态监测精准帮扶机制): programme:words.infix-heads,
    programme:words.infix-joints, programme:words.infix-manners. The acts are the
    last two words before the head, both verbs of two characters (jieba's v, vn)."""
    heads = [
        w
        for w in rules.longest_first("programme:words.infix-heads")
        if name.endswith(w)
    ]
    if not heads:
        return []
    stem = name[: -len(heads[0])]
    words = tag(stem)
    if len(words) < 3 or not all(
        len(w) == 2 and flag in ("v", "vn") for w, flag in words[-2:]
    ):
        return []
    lead = "".join(w for w, _ in words[:-2])
    (first, _), (second, _) = words[-2:]
    manners = ["", *rules.words("programme:words.infix-manners")]
    joints = ["", *rules.words("programme:words.infix-joints")]
    spellings = {
        lead + m1 + first + j + m2 + second + heads[0]
        for m1 in manners
        for j in joints
        for m2 in manners
    }
    spellings.discard(name)
    return sorted(spellings)


@cache
def rejected() -> frozenset[str]:
    """Candidates the lexicon's review found generic (lexicon-rejected.txt)."""
    from importlib import resources

    path = resources.files("kg") / "rules" / "programme" / "lexicon-rejected.txt"
    return frozenset(
        w
        for ln in path.read_text("utf-8").splitlines()
        if (w := ln.split("#", 1)[0].strip())
    )


@cache
def programme_finder(
    names: tuple[str, ...] | None = None,
) -> ahocorasick_rs.AhoCorasick | None:
    """Leftmost-longest automaton over programme names (the lexicon's, of three
    characters or more, by default)."""
    if names is None:
        names = tuple(
            sorted(
                k for k, e in lexicon().items() if e.cls == "programme" and len(k) >= 3
            )
        )
    if not names:
        return None
    return ahocorasick_rs.AhoCorasick(
        names,
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA,  # twice as fast here
    )


# --------------------------------------------------------------------------- tests


@cache
def _dictionary() -> frozenset[str]:
    """Words of jieba's dictionary seen at least ten times (一站式 39, 一把手 282).

    A coined local name (三比三亮, 双网格) is not in a general dictionary; a word that
    is, with some frequency, is ordinary vocabulary quoted for emphasis.
    """
    return frozenset(
        word
        for word, (freq, _) in jieba_words().items()
        if freq >= 10 and 2 <= len(word) <= 8
    )


def is_word(name: str) -> bool:
    """Ordinary vocabulary: a frequent dictionary word or a process noun (网格化)."""
    return name in _dictionary() or (
        len(name) == 3 and name[-1] in rules.chars("programme:chars.process-suffixes")
    )


@lru_cache(maxsize=1 << 14)
def _formula(name: str) -> str:
    """plus, chunks, numbered or "" (see classes.toml)."""
    if _PLUS.fullmatch(name) or _CJK_PLUS.fullmatch(name) or _DIGIT_NAME.match(name):
        return "plus"
    chunks = _chunk().findall(name)
    if len(chunks) >= 2 and "".join(chunks) == name:
        return "chunks"
    if re.fullmatch(rf"[{_numerals()}][{CJK}]{{1,3}}", name):
        return "numbered"
    return ""


@cache
def _scheme_suffixes() -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                *rules.words("programme:words.scheme-strong"),
                *rules.words("programme:words.scheme-medium"),
                *rules.words("programme:words.extends-name"),
            },
            key=len,
            reverse=True,
        )
    )


@lru_cache(maxsize=1 << 14)
def _coined(name: str) -> bool:
    """The part before a scheme word names something: 导师帮带 (制), 六单 (工作法),
    先锋示范 (工程), 五大 (专项行动: counted); not a bare dictionary word of two
    characters (初步 清单), not a single character (卖 品牌), not a rejected generic
    phrase. Every scheme word the name ends in is tried (先锋|示范工程, 先锋示范|工程)."""
    return any(
        _coined_head(name[: -len(w)]) for w in _scheme_suffixes() if name.endswith(w)
    )


def _coined_head(head: str) -> bool:
    if not head:
        return False
    counters = rules.chars("programme:chars.formula-counters")
    if re.fullmatch(f"[{_numerals()}][{counters}]?", head):
        return len(head) == 2  # 五大专项行动, 八大资金池 (not 三行动)
    if re.fullmatch(
        f"[{_numerals()}]+[{rules.chars('programme:chars.span-units')}]", head
    ):
        return True  # 百日会战, 三年行动: a campaign's span
    if re.search(rf"[{_numerals()}\d]", head) and not is_word(head):
        return True  # 六单工作法, 3+1机制; not 一揽子 (计划)
    if len(head) < 2 or (len(head) == 2 and is_word(head)):
        return False
    return head not in rejected() and not (len(head) <= 4 and is_word(head))


@lru_cache(maxsize=1 << 14)
def _rejected_tail(name: str) -> bool:
    """A generic phrase of the review after a modifier of one to three characters
    that holds no number: 支援性|军事行动, 把握好|农村改革 (not 百亿|民生工程)."""
    for cut in (1, 2, 3):
        if (
            name[cut:] in rejected()
            and len(name) - cut >= 3
            and not re.search(rf"[{_numerals()}\d]", name[:cut])
        ):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def _paired(name: str) -> bool:
    parts = re.split(f"[{re.escape(rules.chars('programme:chars.pair-joints'))}]", name)
    return (
        2 <= len(parts) <= 6
        and all(re.fullmatch(f"[{CJK}]{{2,6}}", p) for p in parts)
        and len({len(p) for p in parts}) == 1
        and (len(parts[0]) >= 3 or len(parts) >= 3)
    )


@cache
def _next_pattern(rule_id: str) -> re.Pattern[str]:
    """A scheme word of ``rule_id`` (two characters or more: 制 alone ends 压制) at
    most four characters on, with no function character or punctuation between."""
    function = re.escape(rules.chars("programme:words.function-chars"))
    words = "|".join(re.escape(w) for w in rules.longest_first(rule_id) if len(w) >= 2)
    return re.compile(f"[^{function}\\W\\d]{{0,4}}?(?:{words})")


def _scheme_next(after: str, rule_id: str) -> bool:
    """A scheme word of ``rule_id`` starts ``after`` (after a short gap) and ends
    there: “中国油橄榄博览园”战略定位 is a positioning, not a strategy."""
    found = _next_pattern(rule_id).match(after)
    return found is not None and not (
        found.end() < len(after) and _extended(after, found.end())
    )


def _register_tests() -> None:
    def lexicon_class(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: (e := lexicon().get(v)) is not None and e.cls == arg

    def is_rejected(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: (v in rejected()) == arg

    def dictionary(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: is_word(v) == arg

    def formula(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: _formula(v) == arg

    def coined(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: _coined(v) == arg

    def rejected_tail(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: _rejected_tail(v) == arg

    def paired(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: _paired(v) == arg

    def scheme_next(arg: Any, r: rules.Rule) -> rules.Test:
        return lambda v: _scheme_next(v, arg.removeprefix("@"))

    for name, make in (
        ("lexicon", lexicon_class),
        ("rejected", is_rejected),
        ("dictionary", dictionary),
        ("formula", formula),
        ("coined", coined),
        ("paired", paired),
        ("rejected_tail", rejected_tail),
        ("scheme_next", scheme_next),
    ):
        rules.register_test(name, make)


_register_tests()


def classify(
    name: str,
    before: str = "",
    after: str = "",
    source: str = "quoted",
    clause: str | None = None,
) -> tuple[str, str | None]:
    """The class of a candidate and the row of ``programme:class`` that decided it.

    Examples:
        >>> classify("三比三亮", "开展", "赛出")
        ('programme', 'programme:class.formula')
        >>> classify("两个确立")[0], classify("头雁效应")[0], classify("荷花瓣", "", "航道")[0]
        ('doctrine', 'metaphor', 'other')
        >>> classify("五位一体", "", "信访平台")[0], classify("选出好干部、配出好班子。")[0]
        ('programme', 'quotation')
        >>> classify("一站式", "推行", "服务")[0], classify("双昌", "打造", "产业园")[0]
        ('other', 'other')
        >>> classify("企业吹哨、部门报到", "推动", "互动机制")[0]
        'programme'
        >>> classify("河长制", source="lexicon")
        ('programme', 'programme:class.lexicon-programme')
    """
    row = _class_matcher()(
        (name, before, after, source, after if clause is None else clause)
    )
    if row is None:
        return str(rules.table("programme:class").default), None
    return str(row.spec["then"]), row.id


@cache
def _class_matcher() -> Any:
    """programme:class as one generated function of (name, before, after, source,
    clause): the built-in tests inline (kg.lang.rules.Table.matcher)."""
    return rules.table("programme:class").matcher(
        {
            key: (lambda ctx, i=i: ctx[i])
            for i, key in enumerate(("name", "before", "after", "source", "clause"))
        }
    )


def _scope(
    name: str,
    before: str,
    entry: Entry | None,
    lead: str = "",
    opening: str = "",
    reach: str = "",
    parts_scope: str = "",
    step: str = "",
) -> tuple[str, str | None]:
    given = {
        "step": step,
        "name": name,
        "before": before,
        "lead": lead,
        "opening": opening,
        "reach": reach,
        "parts_scope": parts_scope,
        "lexicon_scope": entry.scope if entry and entry.cls == "programme" else "",
        "stem_tail": _national_stem_tail(name) if entry is None else "",
    }
    value, row = rules.table("programme:scope").decide(given)
    if isinstance(value, str) and value.startswith("@"):
        value = given[value[1:]]
    return str(value), row


@cache
def _national_stems() -> dict[str, list[str]]:
    """The national programmes of the lexicon (names and aliases of three characters
    or more), by their first two characters."""
    stems: dict[str, list[str]] = {}
    for key, entry in lexicon().items():
        if entry.cls == "programme" and entry.scope == "national" and len(key) >= 3:
            stems.setdefault(key[:2], []).append(key)
    for keys in stems.values():
        keys.sort(key=len, reverse=True)
    return stems


def _national_stem_tail(name: str) -> str:
    """What follows the longest national programme of the lexicon that opens ``name``
    (注册制|改革 → 改革), or "" (programme:scope.national-stem)."""
    for key in _national_stems().get(name[:2], ()):
        if name.startswith(key) and len(name) > len(key):
            return name[len(key) :]
    return ""


def _opening(text: str, start: int, places: Sequence[tuple[int, int]]) -> str:
    """The paragraph before a candidate (who the paragraph is about: 国务院…启动。此次…
    聚焦…专项整治), or "" when a place is named in it: the place may run it."""
    begin = text.rfind("\n", 0, start) + 1
    if any(begin <= s < start for s, _ in places):
        return ""
    return text[begin:start]


def _lead(text: str, start: int) -> str:
    """The clause before a candidate, up to 30 characters (who launches it: 教育部、
    中国残联等共同实施…), from the last clause break."""
    window = text[max(0, start - 30) : start]
    ends = list(_CLAUSE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _reach(text: str, end: int) -> str:
    """The rest of the clause after a candidate, up to 20 characters (where it runs:
    …读书活动在全国开展, programme:scope.national-reach)."""
    return _CLAUSE_END.split(text[end : end + 20], maxsplit=1)[0]


# --------------------------------------------------------------------------- steps


def _quoted(text: str) -> list[Candidate]:
    """“…” and "…" names, and ‘…’ names inside a longer quotation.

    Quoted names in a run (“育种”“扶苗”“强树”计划, “以案四说”“以案四改”) share what is
    written before the first and after the last: the verb that carries them out and
    the scheme word that names them.
    """
    out: list[Candidate] = []
    matches = list(_QUOTE.finditer(text))
    i = 0
    while i < len(matches):
        run = [matches[i]]
        while i + 1 < len(matches):
            gap = text[run[-1].end() : matches[i + 1].start()]
            if not _run_sep().fullmatch(gap):
                break
            i += 1
            run.append(matches[i])
        i += 1
        first, last = run[0], run[-1]
        before = text[max(0, first.start() - 8) : first.start()]
        after = text[last.end() : last.end() + 8]
        clause = _CLAUSE_END.split(text[last.end() : last.end() + 40], maxsplit=1)[0]
        for match in run:
            name = (match.group(1) or match.group(2) or "").strip()
            if not name:
                continue
            start = match.start() + 1
            cand = Candidate(
                start,
                start + len(name),
                name,
                "quoted",
                before=before,
                after=after,
                clause=clause,
            )
            tail = _quoted_tail(name).match(text, last.end())
            # “六单工作法”服务机制: a name that ends in a scheme word is complete
            if (
                tail is not None
                and not _extended(text, tail.end())
                and not name.endswith(_scheme_suffixes())
            ):
                cand.full = name + tail.group()
                cand.full_end = tail.end() if match is last else start + len(name)
                if len(run) == 1:
                    cand.spellings = _written_spellings(text, match.start(), tail)
            out.append(cand)
            if len(name) > 12:
                out.extend(_inner(text, start, name))
    return out


@cache
def _run_sep() -> re.Pattern[str]:
    """What may join quoted names of one run (“以案四说”“以案四改”, “A”和“B”)."""
    return re.compile(f"[{rules.chars('programme:chars.list-joints')}]?")


_CLAUSE_END = re.compile(r"[,，。;；:：!?！？\n]")


def _written_spellings(text: str, quote: int, tail: re.Match[str]) -> list[str]:
    """The fullest name of a quoted name and its scheme word as the text writes it:
    quotation marks kept (“X”融合传播行动), and with a qualifier written right before
    the opening quote (网络“X”问题专项整治, 民企“X”工程), with and without the marks.

    The qualifier is where an unquoted name before the quote would start (after the
    last launch verb, determiner or function character: 开展为期两个月的|网络“X”…),
    of ``programme:pattern.quote-qualifier``'s length; readers name the programme
    with it or without it, so both stay aliases and the name keeps the quoted core.
    """
    written = text[quote : tail.end()]
    out = [written]
    begin = _head_start(text, quote)
    qualifier = text[begin:quote]
    if rules.pattern("programme:pattern.quote-qualifier").fullmatch(
        qualifier
    ) and not any(
        flag in rules.word_set("programme:words.qualifier-refused-tags")
        for _, flag in tag(qualifier)
    ):
        marks = rules.chars("programme:chars.inner-quotes")
        qualified = qualifier + written
        out += [qualified, "".join(c for c in qualified if c not in marks)]
    return out


def _inner(text: str, start: int, name: str) -> list[Candidate]:
    """‘榜样面对面’ inside “要用好‘榜样面对面’这个载体”."""
    out = []
    for inner in _INNER.finditer(name):
        s = start + inner.start(1)
        e = s + len(inner.group(1))
        cand = Candidate(
            s,
            e,
            inner.group(1),
            "quoted",
            **_around(text, s - 1, e + 1),  # outside the quotation marks
            clause=_CLAUSE_END.split(text[e + 1 : e + 41], maxsplit=1)[0],
            inner=True,
        )
        tail = _quoted_tail(cand.name).match(text, e + 1)
        if tail is not None and not cand.name.endswith(_scheme_suffixes()):
            cand.full, cand.full_end = cand.name + tail.group(), tail.end()
        out.append(cand)
    return out


def _quoted_tail(name: str) -> re.Pattern[str]:
    """The scheme word after a quoted name that joins its fullest name: within four
    characters (six after a formula: “4+X”乡村社会组织体系)."""
    return _tail_pattern(6 if _formula(name) in ("plus", "chunks") else 4)


@cache
def _tail_pattern(gap: int) -> re.Pattern[str]:
    function = re.escape(rules.chars("programme:words.function-chars"))
    words = "|".join(
        re.escape(w)
        for w in rules.longest_first("programme:words.extends-name")
        if len(w) >= 2
    )
    # a themed activity's head (主题团日活动) joins the theme only right after its quote
    themed = rules.alternation("programme:words.theme-activity-heads")
    return re.compile(f"(?:{themed})|[^{function}\\W\\d]{{0,{gap}}}?(?:{words})")


def _extended(text: str, end: int) -> bool:
    """The scheme word ending at ``end`` goes on into another word: 工程师, 教育部
    (``not-name-end``), or a dictionary word follows that makes a compound with it
    (战略伙伴关系, 改革开放, 行动方案) and is not one a name is often followed by
    (``name-followers``: 工程建设, 计划实施)."""
    if _pilot_recipient(text, end):
        return False  # 某某试点|城市: the pilot ends here, the city receives it
    if text.startswith(rules.longest_first("programme:words.not-name-end"), end):
        return True
    if text.endswith(rules.words("programme:words.verb-schemes"), 0, end) and text[
        end : end + 1
    ] in rules.chars("programme:chars.aspect-particles"):
        return True  # 在前江省创建的龙江工业园: a verb
    words = _dictionary()
    followers = rules.longest_first("programme:words.name-followers")
    following = text[end : end + 2]
    if text.startswith(followers, end):
        return False
    modifier = text.endswith(_modifier_schemes(), 0, end)
    return (
        (modifier and len(following) == 2 and following in words)  # 战略伙伴, 改革开放
        or text[end - 1 : end + 1] in words  # 文化节目
        or any(
            text[end - 2 : end + k] in words for k in (1, 2) if end + k <= len(text)
        )  # 攻坚克难
    )


def _pilot_recipient(text: str, end: int) -> bool:
    """A pilot's head (试点: programme:words.pilot-heads) ending at ``end`` is
    followed by who receives the pilot (某某试点|城市,
    某某试点|省份: programme:words.pilot-recipients), not by a word it makes with
    the next character (试点|市场: programme:chars.pilot-recipient-not-before)."""
    if not text.endswith(rules.longest_first("programme:words.pilot-heads"), 0, end):
        return False
    for word in rules.longest_first("programme:words.pilot-recipients"):
        if text.startswith(word, end):
            after = text[end + len(word) : end + len(word) + 1]
            return len(word) > 1 or after not in rules.chars(
                "programme:chars.pilot-recipient-not-before"
            )
    return False


@cache
def _modifier_schemes() -> tuple[str, ...]:
    return rules.longest_first("programme:words.modifier-schemes")


@cache
def _scheme_regex() -> re.Pattern[str]:
    words = [
        w
        for w in (
            *rules.words("programme:words.scheme-strong"),
            *rules.words("programme:words.scheme-unquoted"),
        )
        if len(w) >= 2
    ]
    return re.compile(
        "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    )


@cache
def _edge_regex() -> re.Pattern[str]:
    """Where an unquoted name may start: after the last of these in its clause."""
    words = sorted(
        {
            *rules.words("programme:words.opener"),
            *rules.words("programme:words.verbs"),
            *rules.words("programme:words.left-edge"),
        },
        key=len,
        reverse=True,
    )
    return re.compile("|".join(map(re.escape, words)))


@cache
def _launch_set() -> tuple[str, ...]:
    return rules.longest_first("programme:words.clause-verbs")


def _head_start(text: str, start: int) -> int:
    """Where the unquoted name ending with a scheme word at ``start`` begins."""
    low = max(0, start - 20)
    breaks = rules.chars("programme:words.clause-breaks")
    begin = low
    for i in range(start - 1, low - 1, -1):
        if text[i] in breaks or (
            text[i].isdigit()
            and not _plus_digit(text, i)
            and not _edition_digit(text, i)
        ):
            begin = i + 1
            break
    clause = text[begin:start]
    edge = 0
    adverbs = _adverbs()
    after_adverb = False
    for m in _edge_regex().finditer(clause):
        # 创建 opens a name (创建全国文明城市) and ends one (…示范创建|行动)
        if m.end() < len(clause) or not _scheme_start().match(m.group()):
            if m.end() >= edge:
                edge = m.end()
                after_adverb = m.group() in adverbs
    function = rules.chars("programme:words.function-chars")
    for i, ch in enumerate(clause):
        if ch in function and i >= edge:
            # 等级, 各地: a dictionary word spanning the character keeps it
            if not _in_word(clause, i, 0, len(clause)):
                edge = i + 1
        elif (
            ch in rules.chars("programme:chars.name-and")
            and i >= edge
            and (
                _ends_scheme(clause[:i])
                or (
                    clause.endswith(rules.words("programme:words.pair-ends"), 0, i)
                    and not clause.startswith(
                        rules.words("programme:words.pair-verbs"), i + 1
                    )
                )
                or len(clause) - i - 1 < 2
            )
        ):
            edge = i + 1  # 龙头带动计划和|产业链升级工程: two names; …领域和|试点
    if edge == 0 and begin == low and low > 0:
        return start  # no edge in sight: where the name starts is unknown
    for edition in rules.pattern("programme:pattern.edition").finditer(clause, edge):
        if edition.end() < len(clause):
            edge = edition.end()  # 第八届|中俄蒙经贸洽谈暨产品展销会; 某市出席第二届|…
    verb = next((w for w in _launch_set() if clause.startswith(w, edge)), None)
    if (
        verb is not None
        and (edge == 0 or after_adverb or text.startswith(_np_schemes(), start))
        and clause[edge + len(verb) : edge + len(verb) + 1]
        not in rules.chars("programme:chars.word-suffixes")
    ):
        # ，优化…; 不断|提升|中俄蒙经贸洽谈会; 强化|行政执法责任制; not 推进|优化营商
        # 环境创新行动 (the verb after a verb is the name's), not 保障|性安居工程
        edge += len(verb)
    return begin + edge


def _in_word(text: str, i: int, low: int, high: int) -> bool:
    """A dictionary word within ``text[low:high]`` spans the character at ``i``
    (等级, 各地): a function character inside a word breaks no name."""
    words = _dictionary()
    return any(
        text[a:b] in words
        for a in range(max(low, i - 2), i + 1)
        for b in range(i + 2, min(high, i + 3) + 1)
    )


@cache
def _adverbs() -> frozenset[str]:
    return rules.word_set("programme:words.left-edge")


@cache
def _scheme_start() -> re.Pattern[str]:
    """创建, 争创: a creation verb a name keeps, ``programme:words.creation-openers``."""
    return re.compile(rules.alternation("programme:words.creation-openers"))


@cache
def _np_schemes() -> tuple[str, ...]:
    return rules.longest_first("programme:words.np-schemes")


def _edition_digit(text: str, i: int) -> bool:
    """A digit of an edition number (第19届): the edition is cut off, not a break."""
    edition = rules.pattern("programme:pattern.edition")
    return any(
        m.start() <= i < m.end()
        for m in edition.finditer(text, max(0, i - 6), min(len(text), i + 7))
    )


def _plus_digit(text: str, i: int) -> bool:
    """A digit of a formula (7+20+N现代化产业体系) belongs to the name."""
    return bool(re.match(r"[\d+XN]*\+", text[i : i + 8])) or text[i - 1 : i] == "+"


def _ends_scheme(head: str) -> bool:
    return head.endswith(_scheme_suffixes())


def _scheme(text: str) -> list[Candidate]:
    """Unquoted names ending in a scheme word, and lists sharing one."""
    out: list[Candidate] = []
    for match in _scheme_regex().finditer(text):
        if _extended(text, match.end()) or _plan_verb(text, match):
            continue
        begin = _head_start(text, match.start())
        year = _dating_year(text, begin, match)
        if year is not None:
            begin = year.end()  # 开展2021年|某某专项行动: the year dates it
        name = text[begin : match.end()]
        if match.start() - begin < 2 or len(name) > 20:
            continue
        begin += _glued_prefix(name)
        begin = _event_host(text, begin, match.group())
        name = text[begin : match.end()]
        if (
            begin
            and text[begin - 1].isdigit()
            and name[0] in rules.chars("programme:chars.count-measures")
        ):
            if not _pilot_recipient(text, match.end()):
                continue  # 5项科学素质提升行动: a count of schemes
            begin += 1  # 20个|某某试点县: the count counts the pilot's counties
            name = text[begin : match.end()]
        cand = Candidate(
            begin, match.end(), name, "scheme", **_around(text, begin, match.end())
        )
        if year is not None:
            cand.aliases.append(year.group() + name)  # 2021年某某专项行动
        out.append(cand)
        out.extend(_distributed(text, match.start(), match.end()))
    return out


def _dating_year(text: str, begin: int, match: re.Match[str]) -> re.Match[str] | None:
    """The year a launch verb's object opens with (开展2021年|某某专项行动:
    programme:pattern.name-year), which the digits cut at ``begin`` (年|…): the
    name starts after it. Not after other words (特别是2019年签署…: the clause's
    time), nor before a plan (2024年…计划: that year's plan document,
    programme:words.year-dated-not)."""
    if begin < 4 or match.group() in rules.word_set("programme:words.year-dated-not"):
        return None
    # the four digits the candidate lost right before it, then its 年
    year = rules.pattern("programme:pattern.name-year").match(
        text, begin - 4, match.start()
    )
    if year is None or year.end() >= match.start():
        return None
    verbs = rules.longest_first("programme:words.opener")
    return year if text.endswith(verbs, 0, year.start()) else None


def _event_host(text: str, begin: int, word: str) -> int:
    """An event's name goes on left over its host joined by a bracket or a dash
    (programme:pattern.event-host: 中国（某市）…博览会, 中国—某国博览会)."""
    if word not in rules.word_set("programme:words.event-ends"):
        return begin
    host = rules.pattern("programme:pattern.event-host").search(
        text, max(0, begin - 12), begin
    )
    return host.start() if host is not None and host.end() == begin else begin


@cache
def _works_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Ends, kinds and left edges of a named work (programme:step.works)."""

    def alt(*ids: str) -> re.Pattern[str]:
        words = {w for i in ids for w in rules.words(i)}
        return re.compile(
            "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        )

    return (
        alt("programme:words.works-ends"),
        alt("programme:words.works-kinds"),
        alt(
            "programme:words.works-left",
            "programme:words.opener",
            "programme:words.verbs",
            "programme:words.left-edge",
        ),
    )


def _works(text: str, places: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Named works: …工程, …项目, …通道 holding a kind of work (大桥, 铁路, 核电,
    一期) after a specific head: a place's name or a coined route name (its initials)."""
    ends, kinds, edges = _works_regexes()
    breaks = rules.chars("programme:words.clause-breaks")
    function = rules.chars("programme:words.function-chars")
    generic = rules.longest_first("programme:words.works-generic-heads")
    out: list[Candidate] = []
    for match in ends.finditer(text):
        end = match.end()
        if text.startswith(rules.longest_first("programme:words.not-name-end"), end):
            continue
        low = max(0, match.start() - 30)
        begin = low
        for i in range(match.start() - 1, low - 1, -1):
            if text[i] in breaks or (
                text[i] in function and not _in_word(text, i, low, match.start())
            ):
                begin = i + 1
                break
        else:
            if low > 0:
                continue  # no edge in sight
        for edge in edges.finditer(text, begin, match.start()):
            begin = max(begin, edge.end())
        while begin < match.start() and text[begin].isdigit():
            begin += 1  # 5座大桥项目: a count
        name = text[begin:end]
        kind = kinds.search(text, begin, match.start())
        if kind is None or kind.start() - begin < 2 or len(name) > 36:
            continue
        head = text[begin : kind.start()]
        if ends.match(head):
            continue  # …工程|到…工程: a range between two works, not one name
        if any(w in name for w in rules.words("programme:words.works-sites")):
            continue  # …纪念园二期工程: a site's construction job
        if head.startswith(generic) or text[begin - 1 : begin].isdigit():
            continue
        placed = any(begin <= s and e <= kind.start() for s, e in places)
        if not placed and (is_word(head) or len(head) > 4):
            continue  # 国际铁路通道; a long unplaced head is a phrase, not a name
        cand = Candidate(begin, end, name, "works", **_around(text, begin, end))
        inner = _inner_place_start(begin, kind.start(), places)
        if inner is not None:
            cand.aliases.append(text[inner:end])  # 某省|某市…绿化工程: the city's work
        out.append(cand)
    return out


def _inner_place_start(
    begin: int, head_end: int, places: Sequence[tuple[int, int]]
) -> int | None:
    """Where a second place starts right after the place a work's head opens with
    (某省某市…工程): the work is also named from the lower place on, as readers often
    write it; None when the head does not open with two places."""
    first = next((e for s, e in places if s == begin and e < head_end), None)
    if first is None:
        return None
    return next((s for s, e in places if s == first and e <= head_end), None)


@cache
def _plan_end_regex() -> re.Pattern[str]:
    return re.compile(rules.alternation("programme:words.plan-ends"))


_MASK = str.maketrans({c: "\u3007" for c in '“”"‘’'})  # 〇: no break, no word


def _plans(text: str) -> list[Candidate]:
    """Named plans (programme:step.plan): a book-title …规划/…纲要, or an unquoted
    …规划 holding its period (…“十五五”规划) or after a verb that issues it."""
    out: list[Candidate] = []
    for m in rules.pattern("programme:pattern.plan-title").finditer(text):
        start, end = m.span("name")
        cand = Candidate(
            start, end, m.group("name"), "plan", **_around(text, start, end)
        )
        if m.group("bare") != cand.name:
            cand.aliases.append(m.group("bare"))  # the title without its years
        out.append(cand)
    if not out and not _plan_end_regex().search(text):
        return out
    period = rules.pattern("programme:pattern.plan-period")
    issuers = rules.longest_first("programme:words.plan-issuers")
    stops = rules.longest_first("programme:words.not-name-end")
    owners = rules.longest_first("programme:words.plan-owners") + _launch_set()
    generic = rules.longest_first("programme:words.plan-generic-tails")
    five_year = rules.pattern("programme:pattern.plan-five-year")
    for match in _plan_end_regex().finditer(text):
        end = match.end()
        if text.startswith(stops, end) or _plan_verb(text, match):
            continue
        low = max(0, match.start() - 30)
        window = text[low : match.start()].translate(_MASK)
        begin = low + _head_start(window, len(window))
        cut = max(
            (
                text.rfind(w, begin, match.start()) + len(w)
                for w in issuers
                if text.find(w, begin, match.start()) >= 0
            ),
            default=begin,
        )
        begin = max(begin, cut)  # 要科学编制|十五五规划: the issuer is no part of it
        while begin < match.start() and text[begin] in '”"’':
            begin += 1
        periods = list(period.finditer(text, begin, match.start()))
        first = periods[0] if periods else None
        if first is not None:
            owner = next(
                (w for w in owners if text.endswith(w, begin, first.start())), ""
            )
            if owner:
                begin = first.start()  # 关注中国|“十三五”规划, 小康社会和|“十三五”规划
        name = text[begin:end]
        if (
            not 4 <= len(name) <= 30
            or len(five_year.findall(name)) > 1  # “十三五”“十四五”…规划: two plans
            or text[begin - 1 : begin] == "《"
            or text[begin - 1 : begin].isdigit()
            or (first is None and name.endswith(generic))
        ):
            continue
        stem = period.sub("", text[begin : match.start()])
        stem = "".join(c for c in stem if c not in '“”"‘’')
        is_five_year = first is not None and five_year.search(first.group())
        if len(stem) < (2 if is_five_year else 4):
            continue  # 十五五规划: the lexicon's; 中长期合作规划: a kind of plan
        if not period.search(name) and not (
            text.endswith(issuers, 0, begin) and len(stem) >= 4
        ):
            continue
        out.append(Candidate(begin, end, name, "plan", **_around(text, begin, end)))
    return out


def _plan_verb(text: str, match: re.Match[str]) -> bool:
    """还计划, 也规划: after an adverb the scheme word is a verb of intent."""
    return match.group() in rules.word_set("programme:words.plan-verbs") and text[
        match.start() - 1 : match.start()
    ] in set(rules.chars("programme:chars.plan-adverbs"))


def _glued_prefix(name: str) -> int:
    """How many characters before a programme the lexicon knows, ending ``name``, are
    glued to it and no part of it (新时代|乡村振兴战略, 增强|党史学习教育): 0 when
    none. The last word before the known name decides: a word of
    ``programme:words.lexicon-left-glue`` or ``owner-national``, or a dictionary word
    whose tag is in ``lexicon-left-glue-tags`` (a verb, numeral, conjunction …); a
    noun stays (农村义务教育教师|特岗计划), and so does a word spanning the seam
    (党和国家|机构改革); a shorter known name inside is tried next (高质量建设|…示范区
    after 高质量|建设…示范区)."""
    entries = lexicon()
    for k in range(1, len(name) - 3):
        entry = entries.get(name[k:])
        if entry is None or entry.cls != "programme" or name in entries:
            continue
        head = name[:k]
        if _spans_seam(name, k):
            return 0
        glue = _glue_words()
        tags = _glue_tags()
        known = jieba_words()
        for n in range(min(4, len(head)), 0, -1):
            word = head[-n:]
            if word in glue:
                return k
            info = known.get(word)
            if info is not None and (
                n > 1
                or n == len(head)
                or word in rules.chars("programme:words.function-chars")
            ):
                if info[1] in tags:
                    return k
                break
    return 0


def _spans_seam(name: str, k: int) -> bool:
    words = _dictionary()
    return any(
        name[a:b] in words
        for a in range(max(0, k - 3), k)
        for b in range(k + 1, min(len(name), k + 3) + 1)
        if b - a >= 3
    )


@cache
def _glue_words() -> frozenset[str]:
    return rules.word_set("programme:words.lexicon-left-glue") | rules.word_set(
        "programme:words.owner-national"
    )


@cache
def _glue_tags() -> frozenset[str]:
    return rules.word_set("programme:words.lexicon-left-glue-tags")


@cache
def _list_region() -> re.Pattern[str]:
    """The list of heads before a scheme word (产业升级、技改升级和创新驱动)."""
    return re.compile(f"[{CJK}{rules.chars('programme:chars.list-joints')}]{{1,40}}$")


@cache
def _list_split() -> re.Pattern[str]:
    """What joins the items of a list, ``programme:chars.list-joints``."""
    return re.compile(f"[{rules.chars('programme:chars.list-joints')}]")


def _distributed(text: str, word: int, end: int) -> list[Candidate]:
    """实施产业升级、技改升级、龙头带动和创新驱动工程: one scheme per listed head.

    The list starts after a launch verb, its items are joined by 、 (or are two or
    more of one length joined by 和), none ends in a scheme word of its own
    (龙头带动计划和产业链升级工程 names two schemes, not 龙头带动计划工程), and none
    is a counted listing (农村厕所、污水、垃圾三大改造整治工程). Parallel items of three
    or more characters joined by 、 alone make one name (大企业入驻、大项目带动战略).
    """
    region = _list_region().search(text, max(0, word - 40), word)
    if region is None or not _list_split().search(region.group()):
        return []
    leads = list(_edge_regex().finditer(region.group()))
    if not leads:
        return []  # the list must start after a launch verb (实施A、B和C工程)
    start = region.start() + leads[-1].end()
    body = text[start:word]
    if re.search(
        f"[{_numerals()}][{rules.chars('programme:chars.listing-counters')}]", body
    ):
        return []
    items: list[tuple[int, int]] = []
    pos = start
    for part in _list_split().split(body):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    seps = _list_split().findall(body)
    goes_on = rules.chars("programme:chars.list-goes-on")
    if end < len(text) and text[end] in goes_on and set(seps) & set(goes_on):
        return []  # 展馆、整治工程、企业: the scheme word ends one item of a longer list
    function = rules.chars("programme:words.function-chars")
    parts = [text[a:b] for a, b in items]
    if (
        len(items) < 2
        or any(not 2 <= len(p) <= 8 or any(c in function for c in p) for p in parts)
        or any(_ends_scheme(p) for p in parts)
        # 粤港澳大湾区和深圳先行示范区, 上合示范区、自贸试验区: an item ending like the
        # scheme word (区) is a name of its own, the list shares no scheme word
        or any(p.endswith(text[end - 1]) for p in parts)
        or not _parallel(parts)
        # joined by 和 alone, of one length (龙头带动和创新驱动; not 海拉尔河流域和北山生态
        # 环境保护工程, one name)
        or ("、" not in seps and len({len(p) for p in parts}) != 1)
    ):
        return []
    scheme = text[word:end]
    # one name only when its items are three characters or more (大企业入驻、大项目带动
    # 战略); two-character heads each name a scheme (蓝天、碧水、净土保卫战)
    if set(seps) == {"、"} and min(map(len, parts)) >= 3 and _paired("、".join(parts)):
        return [
            Candidate(
                start,
                end,
                text[start:end],
                "scheme",
                **_around(text, start, end),
            )
        ]
    return [
        Candidate(
            a,
            b,
            text[a:b] + scheme,
            "distributed",
            before=text[max(0, a - CONTEXT) : a],
            after=scheme,
        )
        for a, b in items
    ]


def _parallel(parts: list[str]) -> bool:
    """Heads of one length, or of three or more characters within two of each other
    (儿童友好城市、青年发展型城市创建; not 乡村晚会、乡村|艺术节)."""
    sizes = [len(p) for p in parts]
    return len(set(sizes)) == 1 or (min(sizes) >= 3 and max(sizes) - min(sizes) <= 2)


def _lexicon_names(text: str) -> list[Candidate]:
    finder = programme_finder()
    if finder is None:
        return []
    out = []
    entries = lexicon()
    for key_index, start, end in finder.find_matches_as_indexes(text):
        del key_index
        if straddles(text, start, end) and not (
            _verb_before(text, start) and not _ends_inside(text, end)
        ):
            continue  # 防护网 is no 护网, 信访工作法治化 no 信访工作法; 实施|以工代赈 is one
        surface = text[start:end]
        entry = entries[surface]
        out.append(
            Candidate(
                start,
                end,
                entry.name,
                "lexicon",
                **_around(text, start, end),
                aliases=[surface] if surface != entry.name else [],
            )
        )
    return out


def straddles(text: str, start: int, end: int) -> bool:
    """The match begins or ends inside a word: its first character makes a word with
    the one before (防护网), its last with the one after (工作法治化), or a word of
    ``not-name-end`` follows (乡村振兴局). A last character that makes a word with
    the next one is no straddle when the next two make a frequent common word
    (乡村振兴|建设, not 乡村振|兴建): the text reads on with a word of its own."""
    begins_inside = start > 0 and text[start - 1 : start + 1] in _dictionary()
    if text[start : start + 1].isdigit() and _number_char(text[start - 1 : start]):
        return True  # 911 inside 66911, 0.911
    if text[end - 1 : end].isdigit() and _number_char(text[end : end + 1]):
        return True  # 911 inside 9110, 911.5
    return begins_inside or _ends_inside(text, end)


def _number_char(ch: str) -> bool:
    """A digit or a decimal point: a name of digits next to one is part of a number."""
    return ch.isdigit() or ch == "."


def _ends_inside(text: str, end: int) -> bool:
    """The match's last character makes a word with the next (工作法|治化), or a word
    of ``not-name-end`` follows (乡村振兴局)."""
    return (
        text[end - 1 : end + 1] in _dictionary()
        and text[end : end + 2] not in common_words()
    ) or text.startswith(rules.longest_first("programme:words.not-name-end"), end)


def _verb_before(text: str, start: int) -> bool:
    """A verb that governs a scheme's name (programme:words.verbs) ends right before
    ``start``: a lexicon name there wins over a word its first character makes with
    the verb's last (实施|以工代赈, not 施以; 推进|行政审批制度改革, not 进行)."""
    return text.endswith(rules.longest_first("programme:words.verbs"), 0, start)


def _plus(text: str) -> list[Candidate]:
    """7+20+N现代化产业体系, 5+N服务体系, 理论+技能+实践, 党建+ written without quotes."""
    if "+" not in text:
        return []
    out = []
    extends = re.compile(
        f"[{CJK}]{{0,6}}?(?:{rules.alternation('programme:words.extends-name')})"
    )
    for pattern in (_PLUS, _CJK_PLUS_RUNNING):
        for m in pattern.finditer(text):
            name = m.group()
            begin = m.start()
            lead = _edge_regex().match(name)
            if lead is not None and name.find("+") - lead.end() >= 2:
                name = name[lead.end() :]  # 推行|理论+技能+实践
                begin += lead.end()
            tail = extends.match(text, m.end())
            strong = bool(re.search(r"[XN]|\+.*\+", name)) or tail is not None
            if pattern is _PLUS and not strong:
                continue  # 3+2: a sum, not a name
            cand = Candidate(
                begin,
                m.end(),
                name,
                "plus",
                **_around(text, begin, m.end()),
            )
            if tail is not None and not _extended(text, tail.end()):
                cand.full = name + tail.group()
                cand.full_end = tail.end()
            out.append(cand)
    return out


def _brands(text: str, places: Sequence[tuple[int, int]]) -> list[Candidate]:
    """平安保定建设, 诚信保定: a brand word right before a place name."""
    out = []
    heads = rules.word_set("programme:words.brand-heads")
    sizes = sorted({len(h) for h in heads}, reverse=True)
    ends = rules.longest_first("programme:words.brand-ends")
    for start, end in places:
        head = next(
            (
                text[start - k : start]
                for k in sizes
                if text[start - k : start] in heads
            ),
            None,
        )
        if head is None:
            continue
        begin = start - len(head)
        stop = end
        tail = next((w for w in ends if text.startswith(w, end)), None)
        if tail is not None:
            stop = end + len(tail)
        out.append(
            Candidate(
                begin,
                stop,
                text[begin:stop],
                "brand",
                **_around(text, begin, stop),
                aliases=[text[begin:end]] if tail else [],
            )
        )
    return out


@cache
def _creation_regex() -> re.Pattern[str]:
    verbs = rules.alternation("programme:words.creation-verbs")
    ends = rules.alternation("programme:words.creation-ends")
    function = re.escape(rules.chars("programme:words.function-chars"))
    # 创建国家级生态县（区）, 创建省级园林县（市）城: the bracketed alternative is the name's
    alternative = rules.pattern("programme:pattern.creation-alternative").pattern
    followers = rules.alternation("programme:words.creation-followers")
    return re.compile(
        f"(?:{verbs})(?:[^{function}\\W\\d]|[0-9A]){{1,10}}?(?:{ends})"
        f"(?:{alternative})?(?=[^{CJK}]|{followers}|$)"
    )


@cache
def _creation_initials() -> str:
    """The first characters of the creation verbs: a text without any has no drive."""
    return "".join(
        dict.fromkeys(v[0] for v in rules.words("programme:words.creation-verbs"))
    )


def _creations(text: str) -> list[Candidate]:
    if not any(ch in text for ch in _creation_initials()):
        return []
    return [
        Candidate(
            m.start(),
            m.end(),
            m.group(),
            "creation",
            **_around(text, m.start(), m.end()),
        )
        for regex in (
            _creation_regex(),
            rules.pattern("programme:pattern.creation-after"),
        )
        for m in regex.finditer(text)
    ]


def _designated_years(text: str) -> list[Candidate]:
    """将今年确定为营商环境提升年: the campaign year a government designates."""
    diplomatic = rules.words("programme:words.diplomatic-year")
    out = []
    for m in rules.finditer("programme:pattern.designated-year", text):
        name = m.group("name")
        if any(w in name for w in diplomatic):
            continue  # 中孟人文交流年, 国际冰川保护年: an exchange year
        start, end = m.span("name")
        out.append(
            Candidate(
                start,
                end,
                name,
                "designated-year",
                **_around(text, start, end),
            )
        )
    return out


def _service_circles(text: str) -> list[Candidate]:
    """打造十分钟就医圈: a circle of services within minutes, written without quotes
    (programme:pattern.service-circle); a quoted one is also the quoted step's, which
    comes first among overlapping candidates."""
    out = []
    for m in rules.finditer("programme:pattern.service-circle", text):
        start, end = m.span()
        name = _circle_name(m.group())
        out.append(
            Candidate(
                start,
                end,
                name,
                "service-circle",
                **_around(text, start, end),
                aliases=[m.group()] if name != m.group() else [],
            )
        )
    return out


def _circle_name(written: str) -> str:
    """十五分钟便民生活圈 → 一刻钟便民生活圈: the lexicon's programme written with another
    spelling of a quarter of an hour (programme:words.quarter-hour), else as written.

    Examples:
        >>> _circle_name("十五分钟便民生活圈")
        '一刻钟便民生活圈'
        >>> _circle_name("十五分钟就医圈")
        '十五分钟就医圈'
    """
    spellings = rules.words("programme:words.quarter-hour")
    entries = lexicon()
    for written_as in spellings:
        if written.startswith(written_as):
            rest = written[len(written_as) :]
            for other in spellings:
                entry = entries.get(other + rest)
                if entry is not None and entry.cls == "programme":
                    return entry.name
    return written


def _place_strategies(text: str) -> list[Candidate]:
    """某县坚持农业立县、工业强县: a place's strategies, the list whole
    (programme:pattern.place-strategy)."""
    out = []
    for m in rules.finditer("programme:pattern.place-strategy", text):
        start, end = m.span("name")
        out.append(
            Candidate(
                start,
                end,
                m.group("name"),
                "place-strategy",
                **_around(text, start, end),
            )
        )
    return out


def _counted_measures(text: str) -> list[Candidate]:
    """稳就业15条措施, 二十条措施: a package of ten or more measures a government
    issues, named by its count (programme:pattern.counted-measures) and the topic
    written before it, which starts where an unquoted name would (after a launch
    verb, determiner or function character); the count alone is an alias. A bundle
    (稳外贸一揽子政策: programme:pattern.package-bundle) needs its topic."""
    out = []
    refused = rules.chars("programme:chars.not-before-count")
    joints = rules.chars("programme:chars.package-joints")
    contents = rules.longest_first("programme:words.package-contents-verbs")
    counted = list(rules.finditer("programme:pattern.counted-measures", text))
    bundles = list(rules.finditer("programme:pattern.package-bundle", text))
    found = [(m, False) for m in counted] + [(m, True) for m in bundles]
    for m, bundle in sorted(found, key=lambda pair: pair[0].start()):
        if text[m.start() - 1 : m.start()] in refused and m.start() > 0:
            continue  # 第十条措施: an article; 这十条措施: one named before
        if text.endswith(contents, 0, m.start()):
            continue  # 方案从7个方面提出80条措施: the points of a document
        begin = _head_start(text, m.start())
        joint = max(text.rfind(c, begin, m.start()) for c in joints)
        if joint >= begin:
            # 某方案和|防疫十条措施: two documents joined, the package is the second
            begin = joint + 1
        if m.start() - begin > 10 or text[begin - 1 : begin].isdigit():
            # no edge in sight, or a number cut the topic (5个方面|14条措施, 2020年|…):
            # the count alone names it
            begin = m.start()
        if bundle and m.start() - begin < 2:
            continue  # 出台一揽子政策: a bundle of policies, no named one
        name = text[begin : m.end()]
        cand = Candidate(
            begin, m.end(), name, "measures", **_around(text, begin, m.end())
        )
        if begin < m.start() and not bundle:
            cand.aliases.append(m.group())
        out.append(cand)
    return out


def _systems(text: str) -> list[Candidate]:
    """实行居民阶梯水价制度, 建立某某记录封存制度: an unquoted …制度 that a verb putting
    an institution into force governs (programme:step.system), from where an
    unquoted scheme's name starts, four characters or more before 制度; none
    holding 和/与/及 (贯彻…精神和…法律制度: where the name starts is unknown)."""
    out = []
    verbs = rules.longest_first("programme:words.system-verbs")
    generic = rules.longest_first("programme:words.system-generic-heads")
    acts = tuple(rules.words("programme:words.system-generic-acts"))
    improve = tuple(rules.words("programme:words.system-improve-verbs"))
    for m in rules.pattern("programme:pattern.system-word").finditer(text):
        if text.startswith(
            rules.longest_first("programme:words.not-name-end"), m.end()
        ) or _extended(text, m.end()):
            continue  # 制度化, 制度改革: another word or a longer name
        begin = _head_start(text, m.start())
        head = text[begin : m.start()]
        if (
            len(head) < 4
            or len(head) > 16
            or head.startswith(generic)
            or (len(head) == 4 and head.endswith(acts))  # 风险|防控制度: a routine
            or any(c in head for c in rules.chars("programme:chars.package-joints"))
            or not text.endswith(verbs, 0, begin)
            or text.endswith(improve, 0, begin)
        ):
            continue
        out.append(
            Candidate(
                begin,
                m.end(),
                head + m.group(),
                "scheme",
                **_around(text, begin, m.end()),
                found_by="programme:step.system",
            )
        )
    return out


def _platforms(text: str, spans: Sequence[tuple[int, int]]) -> list[Candidate]:
    """全国某某信息系统, 某区某某大数据管理平台: an unquoted platform or information
    system (programme:step.platform) whose name opens with its owner, the nation,
    a region (programme:words.platform-owners) or a place of the document (``spans``),
    and ends in a platform head (programme:words.platform-heads) and 平台/系统; a
    name starts as an unquoted scheme's does, with four characters or more after
    its owner. Not a sector (应急管理系统优秀党员: programme:words.platform-sector-after)."""
    out = []
    heads = rules.longest_first("programme:words.platform-heads")
    owners = rules.longest_first("programme:words.platform-owners")
    sector = rules.longest_first("programme:words.platform-sector-after")
    starts = {s for s, _ in spans}
    for m in rules.pattern("programme:pattern.platform-word").finditer(text):
        if (
            not text.endswith(heads, 0, m.start())
            or _extended(text, m.end())
            or (
                m.group() in rules.words("programme:words.platform-sector-words")
                and text.startswith(sector, m.end())
            )
        ):
            continue
        begin = _head_start(text, m.start())
        head = text[begin : m.start()]
        owner = next((o for o in owners if head.startswith(o)), None)
        if owner is None and begin in starts:
            owner = next(text[s:e] for s, e in spans if s == begin)
        if (
            owner is None
            or len(head) - len(owner) < 4
            or any(
                w in head for w in rules.words("programme:words.platform-not-inside")
            )
        ):
            continue  # 某县普遍采用|…管理系统: a verb, the name starts after it
        out.append(
            Candidate(
                begin,
                m.end(),
                head + m.group(),
                "platform",
                **_around(text, begin, m.end()),
            )
        )
    return out


def _edition_events(text: str) -> list[Candidate]:
    """首届某市梨花节今天开幕: a festival or a themed week opened by its edition; not
    one held abroad (a foreign state named in its sentence within a few characters:
    某国首届龙舟节在某国举行), which is no programme of a Chinese government."""
    # the one-character short forms (美, 日, 法) are parts of many Chinese names
    states = [
        w for w in rules.longest_first("person:words.foreign-states") if len(w) > 1
    ]
    out = []
    for m in rules.finditer("programme:pattern.edition-event", text):
        start, end = m.span("name")
        low = max(0, text.rfind("。", 0, m.start()) + 1, m.start() - _ABROAD_SPAN)
        stop = text.find("。", end)
        high = min(len(text) if stop < 0 else stop, end + _ABROAD_SPAN)
        if any(w in text[low:high] for w in states):
            continue
        out.append(
            Candidate(
                start,
                end,
                m.group("name"),
                "edition-event",
                **_around(text, start, end),
            )
        )
    return out


# how far before the edition and after the name a foreign state makes an event abroad
_ABROAD_SPAN = 12


# --------------------------------------------------------------------------- listings


@cache
def _listing_name() -> re.Pattern[str]:
    """五大抓手, 三大改造整治工程: a counted name ending in a scheme word."""
    heads = "|".join(
        map(
            re.escape,
            sorted(
                {
                    *rules.words("programme:words.scheme-strong"),
                    *rules.words("programme:words.listing-heads"),
                },
                key=len,
                reverse=True,
            ),
        )
    )
    counters = rules.chars("programme:chars.listing-counters")
    return re.compile(rf"[{_numerals()}][{counters}][{CJK}]{{0,8}}?(?:{heads})")


# The parts right before a listing name, read backwards from it (a window of 120
# characters: anchored at its end, no scan of the whole text).
_LISTED_PARTS = re.compile(
    rf"(?:[{CJK}]{{1,10}}、){{1,9}}[{CJK}]{{1,21}}(?=[”\"]?[“\"]?$)"
)


def _numeral_value(ch: str) -> int | None:
    """The value of a counting numeral (五 5, 两 2; None for another character)."""
    return rules.word_values("programme:words.numeral-values").get(ch)


def _formula_value(ch: str) -> int | None:
    """A formula's count also reads 双 (双网格 2) besides the counting numerals."""
    pairs = rules.word_values("programme:words.pair-numerals")
    return pairs.get(ch) or _numeral_value(ch)


def _listings(text: str) -> list[Candidate]:
    """大抓制造业、……大抓项目建设“五大抓手”; 农村厕所、污水、垃圾三大改造整治工程."""
    if "、" not in text:
        return []
    out = []
    for match in _listing_name().finditer(text):
        start, end = match.span()
        window = text[max(0, start - 120) : start]
        enum = _LISTED_PARTS.search(window)
        if enum is None:
            continue
        parts = enum.group().split("、")
        parts[-1:] = _list_split().split(parts[-1])  # 特色产业提质和未来产业培育
        first = _edge_regex().split(parts[0])[-1]
        parts[0] = first or parts[0]
        name = match.group()
        if _numeral_value(name[0]) != len(parts):
            continue
        at = max(0, start - 120) + enum.start()
        bare = enum.end() == len(window) and (
            first != enum.group().split("、")[0]  # a launch verb opens the list
            or at == 0
            or not re.match(f"[{CJK}]", text[at - 1])  # or it opens its clause
        )
        shared = _counted_scheme(name, parts, text, at, start, bare)
        if shared:
            out.extend(shared)  # A、B和C三大工程: three schemes, not one listing
            continue
        formula = _quoted_formula(text, at, start, parts)
        cand = Candidate(
            start,
            end,
            name,
            "listing",
            **_around(text, start, end),
            components=parts,
        )
        if formula:
            # “学、练、比、用”四大工程: the quoted formula is the listing's own name
            cand.name, cand.start = formula + name, at
            cand.aliases.append(formula)
        else:
            cand.components = _named_parts(parts, name[2:])
        out.append(cand)
    return out


def _named_parts(parts: list[str], scheme: str) -> list[str]:
    """The parts of a counted listing as the schemes they name when the lexicon knows
    every part with the scheme word as a programme (蓝天、碧水、净土三大保卫战 →
    蓝天保卫战 …), else the parts as written (programme:scope.listing-parts)."""
    entries = lexicon()
    named = [entries.get(p + scheme) for p in parts]
    if all(e is not None and e.cls == "programme" for e in named):
        return [e.name for e in named if e is not None]
    return parts


def _parts_scope(components: list[str]) -> str:
    """The lexicon scope every component of a listing shares, or ""."""
    entries = lexicon()
    scopes = {
        e.scope if e is not None and e.cls == "programme" else ""
        for e in map(entries.get, components)
    }
    return scopes.pop() if len(scopes) == 1 else ""


def _quoted_formula(text: str, at: int, start: int, parts: list[str]) -> str:
    """The quoted short formula (“学、练、比、用”) written right before a listing name,
    or "" (programme:step.listing, programme:pattern.listing-formula)."""
    quoted = "、".join(parts)
    opening = text[at - 1 : at] if at > 0 else ""
    closing = text[at + len(quoted) : start]
    if not (opening and closing and text.startswith(quoted, at)):
        return ""
    pattern = rules.pattern("programme:pattern.listing-formula")
    return quoted if pattern.fullmatch(opening + quoted + closing) else ""


def _counted_scheme(
    name: str, parts: list[str], text: str, at: int, start: int, bare: bool
) -> list[Candidate]:
    """优势传统产业升级、特色产业提质和未来产业培育三大工程: a count and a bare
    strong scheme word (nothing between them, no quotation marks) after a list of
    heads name one scheme per head (优势传统产业升级工程 …), like a list sharing a
    scheme word (``_distributed``); 三大改造整治工程 and “五大抓手” stay listings."""
    scheme = name[2:]
    if not bare or scheme not in rules.word_set("programme:words.scheme-strong"):
        return []
    letters = rules.pattern("programme:pattern.formula-letters")
    if all(letters.fullmatch(p) for p in parts):
        return []  # 蓝天、碧水、净土三大保卫战: one formula's letters, one listing
    # the count vouches for the list: only 的 (a modifier's) rules an item out, not
    # every function character (未来产业培育)
    link = rules.chars("programme:chars.parts-link")
    if any(
        not 2 <= len(p) <= 10 or any(c in link for c in p) or _ends_scheme(p)
        for p in parts
    ):
        return []
    parts = [
        *parts[:-1],
        parts[-1].removesuffix(rules.chars("programme:chars.list-closers")),
    ]
    out = []
    pos = at
    for part in parts:
        a = text.find(part, pos, start)
        if a == -1:
            return []
        pos = a + len(part)
        out.append(
            Candidate(
                a,
                pos,
                part + scheme,
                "distributed",
                before=text[max(0, a - CONTEXT) : a],
                after=scheme,
            )
        )
    return out


# --------------------------------------------------------------------------- main


def extract_programmes(
    doc: Document, places: Sequence[Mention] | None = None
) -> list[Mention]:
    """Programme candidates of ``doc`` with their class, scope and components.

    ``places`` (the place extractor's mentions) lets the brand step see place names.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("开展“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化)活动。", "t")
        >>> [(m.name, m.attrs["class"], m.attrs["components"]) for m in extract_programmes(doc)]
        [('三比三亮', 'programme', ['比能力亮素质', '比服务亮承诺', '比业绩亮变化'])]
        >>> doc = parse_document("全面推行河长制，深入实施乡村振兴战略。", "t")
        >>> [(m.name, m.attrs["scope"]) for m in extract_programmes(doc)]
        [('河长制', 'national'), ('乡村振兴战略', 'national')]
    """
    text = doc.clean
    found = _quoted(text)
    found += _lexicon_names(text)
    found += _listings(text)
    found += _plus(text)
    found += _creations(text)
    found += _designated_years(text)
    found += _service_circles(text)
    found += _place_strategies(text)
    found += _edition_events(text)
    found += _counted_measures(text)
    found += _systems(text)
    spans: list[tuple[int, int]] = []
    if places:
        spans = [(doc.to_clean(m.start), doc.to_clean(m.end)) for m in places]
        found += _brands(text, spans)
    found += _platforms(text, spans)
    found += _scheme(text)
    found += _works(text, spans)
    found += _plans(text)
    for cand in found:
        cand.cls, cand.class_rule = classify(
            cand.name, cand.before, cand.after, cand.source, cand.clause
        )
    kept = _resolve(found)
    entries = lexicon()
    for cand in kept:
        if cand.cls == "programme":
            if cand.full is None:
                _zone_building(text, cand)
                _pilot_building(text, cand)
            entry = entries.get(cand.full or "") or entries.get(cand.name)
            if cand.full is None and entry is not None and entry.name != cand.name:
                cand.aliases.append(cand.name)
                cand.name = entry.name
            if cand.full is not None:
                cand.end = max(cand.end, cand.full_end)
                if entry is not None and entry.cls == "programme":
                    # “菜篮子”工程: the lexicon's name stays the node's name
                    cand.aliases += [cand.name, cand.full]
                    cand.name = entry.name
                else:
                    cand.aliases.append(cand.name)
                    cand.name = cand.full
                    cand.aliases += [s for s in cand.spellings if s != cand.name]
            cand.scope, cand.scope_rule = _scope(
                cand.name,
                cand.before,
                entry,
                _lead(text, cand.start),
                _opening(text, cand.start, spans),
                _reach(text, cand.end),
                _parts_scope(cand.components) if cand.source == "listing" else "",
                cand.step,
            )
    for cand in kept:
        if cand.class_rule == "programme:class.lever" and cand.full is None:
            # 以打造新时代“红岩先锋”变革型组织为抓手: the words up to 为 name it too
            lever_end = rules.chars("programme:chars.lever-end")
            tail = re.match(f"[{CJK}]{{1,8}}?(?=[{lever_end}])", cand.clause)
            if tail is not None:
                cand.aliases.append(cand.name)
                cand.name += tail.group()
                cand.end = cand.end + 1 + len(tail.group())
    # “劳有所得、安‘薪’无忧”专项行动: quotation marks inside a name are emphasis, not
    # part of it; the name as written stays an alias
    marks = rules.chars("programme:chars.inner-quotes")
    for cand in kept:
        if cand.cls == "programme" and any(c in marks for c in cand.name):
            bare = "".join(c for c in cand.name if c not in marks)
            if len(bare) >= 2:
                cand.aliases.append(cand.name)
                cand.name = bare
    # Components of a formula spelled out in brackets after it.
    for cand in kept:
        if cand.cls == "programme" and not cand.components:
            cand.components = _parenthesised_parts(text, cand.end + 1)
    kept = [c for c in kept if c.source == "quoted" or c.cls == "programme"]
    _short_forms(kept)
    _one_sense(text, kept)
    _attach_spelled_out_parts(text, kept)
    _attach_quoted_components(doc, kept)
    parts = {p for c in kept for p in c.components}
    for cand in kept:
        # a quoted part (“三专” of 三专三辅, “巡单” of 六单工作法), also with a scheme
        # word after it (“三交流”体系 of 一配二培三交流); a named scheme listed as a part
        # (制造业高质量发展专项行动 of 五大专项行动) stays a programme too
        if (
            (cand.name in parts or any(a in parts for a in cand.aliases))
            and cand.cls == "programme"
            and cand.source in ("quoted", "repeat")
        ):
            cand.cls = "component"  # 三专 of 三专三辅: recorded on the programme
            cand.class_rule = "programme:component"
    if trace.active():
        for cand in kept:
            if cand.cls != "programme":
                trace.rejected(
                    doc,
                    cand.start,
                    cand.end,
                    "programme",
                    cand.class_rule or "programme:class",
                )
    return [
        make_mention(
            doc,
            c.start,
            c.end,
            "programme",
            c.step,
            {
                "class": c.cls,
                "scope": c.scope,
                "quoted": c.source == "quoted",
                "components": c.components,
                "aliases": sorted(set(c.aliases) - {c.name}),
                "class_rule": c.class_rule,
                "scope_rule": c.scope_rule,
            },
            name=c.name,
        )
        for c in sorted(kept, key=lambda c: (c.start, c.end))
        if c.cls == "programme"
    ]


def _short_form_of(short: str, full: str) -> bool:
    """``short`` is ``full`` written without the words that only finish or date it:
    its scheme tail (数字乡村 of 数字乡村建设: programme:words.short-form-tails) or a
    year or size before it (2025某河灯光秀, 正负500千伏某某输电通道:
    programme:pattern.short-form-lead)."""
    if len(short) < 4 or (not full.startswith(short) and not full.endswith(short)):
        return False
    if full.startswith(short):
        return full[len(short) :] in rules.word_set("programme:words.short-form-tails")
    lead = full[: len(full) - len(short)]
    return bool(rules.pattern("programme:pattern.short-form-lead").fullmatch(lead))


def _short_forms(kept: list[Candidate]) -> None:
    """One programme a document writes in full and short (数字乡村建设 … 数字乡村):
    the short mentions take the full name, the short one an alias."""
    names = {c.name for c in kept if c.cls == "programme"}
    for cand in kept:
        if cand.cls != "programme":
            continue
        full = sorted(
            n for n in names if n != cand.name and _short_form_of(cand.name, n)
        )
        if len(full) == 1:  # two fuller names: which one is meant is unknown
            cand.aliases.append(cand.name)
            cand.name = full[0]


def _zone_building(text: str, cand: Candidate) -> None:
    """A zone's name (…示范区) with 建设 after it (生态文明先行示范区建设) or before it as
    its verb (建设…先行示范区) names the zone's building: the name becomes …区建设
    and the zone's name an alias (programme:words.zone-heads)."""
    if not cand.name.endswith(rules.longest_first("programme:words.zone-heads")):
        return
    build = rules.longest_first("programme:words.zone-build")
    ends = rules.chars("programme:chars.zone-build-ends")
    for word in build:
        if cand.name.startswith(word) and len(cand.name) > len(word) + 3:
            cand.aliases.append(cand.name)
            zone = cand.name[len(word) :]
            cand.aliases.append(zone)
            cand.name = zone + word
            return
    for word in build:
        if word in cand.name:
            return  # 深圳建设…先行示范区 (the lexicon's name) has its building already
        after = cand.end + len(word)
        if text.startswith(word, cand.end) and (
            after >= len(text) or text[after] not in ends
        ):
            cand.aliases.append(cand.name)
            cand.name += word
            cand.end = after
            return


def _pilot_building(text: str, cand: Candidate) -> None:
    """A pilot followed by its recipients and 建设 (某某试点县建设, the building of the
    pilot counties: programme:words.pilot-recipients, programme:words.zone-build)
    names the drive with them: the name becomes 某某试点县建设 and the pilot's name an
    alias, as a zone's building does (programme:words.zone-heads)."""
    if not cand.name.endswith(rules.longest_first("programme:words.pilot-heads")):
        return
    ends = rules.chars("programme:chars.zone-build-ends")
    for place in rules.longest_first("programme:words.pilot-recipients"):
        if not text.startswith(place, cand.end):
            continue
        for word in rules.longest_first("programme:words.zone-build"):
            after = cand.end + len(place) + len(word)
            if text.startswith(word, cand.end + len(place)) and (
                after >= len(text) or text[after] not in ends
            ):
                cand.aliases.append(cand.name)
                cand.name = text[cand.start : after]
                cand.end = after
                return
        return


class _Taken:
    """Spans of text already taken, asked "does [start, end) overlap one?" in the
    time of the span's length (candidates are short), not of the spans taken so far:
    a long document (a yearbook) has thousands of candidates."""

    def __init__(self) -> None:
        self.cells: set[int] = set()

    def overlaps(self, start: int, end: int) -> bool:
        return any(i in self.cells for i in range(start, end))

    def add(self, start: int, end: int) -> None:
        self.cells.update(range(start, end))


# listings, quoted names, lists sharing a scheme word, then the rest by length
_GROUP = {"listing": 0, "quoted": 1, "plan": 1, "distributed": 2, "works": 2}


def _resolve(found: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates, once classified: listings, then quoted names (whatever
    their class: the quotation marks decide the span), lists sharing a scheme word
    (龙头带动和创新驱动工程 is two names), then the longest programme
    (教育扶贫攻坚三年行动 over the lexicon's 扶贫攻坚 inside it), then the earlier
    step. Unquoted candidates that are no programme drop out."""
    order = sorted(
        (c for c in found if c.source in ("quoted", "listing") or c.cls == "programme"),
        key=lambda c: (
            _GROUP.get(c.source, 3),
            -(max(c.end, c.full_end) - c.start),
            _PRIORITY[c.source],
            c.start,
        ),
    )
    taken = _Taken()
    kept = []
    for cand in order:
        end = max(cand.end, cand.full_end)  # “三送三会两比”乡村文化行动
        if taken.overlaps(cand.start, end):
            if not cand.inner:  # ‘…’ inside a longer quotation stays a candidate
                continue
        taken.add(cand.start, end)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _uses(text: str, names: set[str]) -> dict[str, list[int]]:
    """Where each of ``names`` occurs, non-overlapping as ``str.find`` from the end of
    the last one finds it, in one automaton pass.

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


def _within_longer(short: set[str], names: list[str]) -> set[str]:
    """The names of ``short`` written inside a longer name of ``names``.

    Examples:
        >>> sorted(_within_longer({"一张网", "网格", "一张网格"}, ["监督一张网", "网格"]))
        ['一张网']
    """
    words = sorted(w for w in short if w)
    if not words or not names:
        return set()
    joined = "\x00".join(names)
    bounds, at = [], 0  # where each name starts in ``joined``
    for name in names:
        bounds.append(at)
        at += len(name) + 1
    automaton = ahocorasick_rs.AhoCorasick(words)
    found = set()
    for index, start, end in automaton.find_matches_as_indexes(
        joined, overlapping=True
    ):
        holder = names[bisect_right(bounds, start) - 1]
        if len(holder) > end - start:
            found.add(words[index])
    return found


def _one_sense(text: str, kept: list[Candidate]) -> None:
    """Later unquoted uses of a programme's name (三比三亮 in running text) are
    mentions too; a short name the document gave in full (“五位一体”信访平台) stands
    for the full one, and two full names of one short name (“8337”发展思路, “8337”思路)
    are the first one's."""
    first_full: dict[str, Candidate] = {}
    for cand in kept:
        if cand.cls != "programme" or cand.full is None or not cand.aliases:
            continue
        short = cand.aliases[0]
        known = first_full.setdefault(short, cand)
        if known is not cand and known.name != cand.name:
            cand.aliases.append(cand.name)
            cand.name = known.name
            if cand.scope == "local":
                cand.scope, cand.scope_rule = known.scope, known.scope_rule
    for cand in kept:
        # “监督一张网”平台 … “监督一张网”: the short name stands for the full one
        full = first_full.get(cand.name)
        if cand.cls == "programme" and full is not None and full is not cand:
            cand.aliases.append(cand.name)
            cand.name = full.name
            if cand.scope == "local":
                cand.scope, cand.scope_rule = full.scope, full.scope_rule
    by_name: dict[str, Candidate] = {}
    for cand in kept:
        if cand.cls == "programme":
            by_name.setdefault(cand.name, cand)
            for alias in cand.aliases:
                by_name.setdefault(alias, cand)
    for cand in kept:
        if cand.cls in ("other", "quotation") and cand.name in by_name:
            full = by_name[cand.name]
            cand.cls, cand.scope, cand.class_rule = (
                full.cls,
                full.scope,
                full.class_rule,
            )
            if full.name != cand.name:
                cand.aliases.append(cand.name)
                cand.name = full.name
    # the lexicon's names are found everywhere already
    names = sorted(
        (
            n
            for n, c in by_name.items()
            if c.source != "lexicon" and len(n) >= 2 and not is_word(n)
        ),
        key=len,
        reverse=True,
    )
    if not names:
        return
    # a lexicon name inside a longer name of the document (一张网 in 监督一张网)
    # gives way to it
    # (one automaton pass over the names, not a test of every name per lexicon name)
    within = _within_longer({c.name for c in kept if c.source == "lexicon"}, names)
    inside = [c for c in kept if c.source == "lexicon" and c.name in within]
    inside_ids = {id(c) for c in inside}
    spans = _Taken()
    for c in kept:
        if id(c) not in inside_ids:
            spans.add(c.start, c.end)
    # where each name occurs, in one automaton pass (a search per name cost the
    # length of the text times the names, which both grow with a document)
    uses = _uses(text, set(names))
    hits = []
    for name in names:  # longest first: a shorter name inside a longer one waits
        for at in uses[name]:
            end = at + len(name)
            if not spans.overlaps(at, end):
                hits.append((at, end))
                spans.add(at, end)
    # hits do not overlap: the one starting last at or before a name is the only one
    # that can hold it
    hits.sort()
    starts = [s for s, _ in hits]
    gone = set()
    for cand in inside:
        i = bisect_right(starts, cand.start) - 1
        if i >= 0 and cand.end <= hits[i][1]:
            gone.add(id(cand))
    if gone:
        kept[:] = [c for c in kept if id(c) not in gone]
    for start, end in hits:
        full = by_name[text[start:end]]
        kept.append(
            Candidate(
                start,
                end,
                full.name,
                "repeat",
                aliases=[text[start:end]] if text[start:end] != full.name else [],
                cls="programme",
                class_rule=full.class_rule,
                scope=full.scope,
            )
        )


_PRIORITY["repeat"] = 8


# --------------------------------------------------------------------------- components


def _parenthesised_parts(text: str, pos: int) -> list[str]:
    """“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化) → the three parts."""
    match = re.match(r"\s*\(([^()]{3,80})\)", text[pos - 1 : pos + 90]) or re.match(
        r"\(([^()]{3,80})\)", text[pos : pos + 90]
    )
    if not match:
        return []
    parts = [p.strip(' “”"') for p in re.split(r"[、,，]", match.group(1))]
    return parts if len(parts) >= 2 and all(1 < len(p) <= 12 for p in parts) else []


def _counts(name: str) -> set[int]:
    """How many parts a formula may announce: 五治融合 5, 双网格 2, 一馆五榜一场 7 (the
    sum), 五位一体 5 (the first numeral: “five in one”)."""
    first = _formula_value(name[0])
    counts = {first} if first else set()
    chunks = _chunk().findall(name)
    if len(chunks) >= 2 and "".join(chunks) == name:
        values = [_formula_value(c[0]) for c in chunks]
        if None not in values:
            counts.add(sum(values))  # type: ignore[arg-type]
    return {c for c in counts if c >= 2}


def _items_before(text: str, pos: int) -> list[str]:
    """The list that ends right before ``pos``: “联抓、联促…”的, 政治、法治…, A与B."""
    window = text[max(0, pos - 80) : pos]
    window = window.removesuffix(rules.chars("programme:chars.parts-link"))
    quoted = re.search(r"“([^“”]+)”$", window)
    if quoted:
        return [p for p in quoted.group(1).split("、") if p]
    tail = re.split(r"[,，。;；:：“”\n()（）!?！？]", window)[-1]
    if "、" in tail:
        parts = tail.split("、")
    else:
        parts = _list_split().split(tail)
    lead = rules.pattern("programme:pattern.parts-lead")
    parts[0] = lead.sub("", parts[0]) or parts[0]
    # 对外开放上打造“五新”
    parts[-1] = rules.pattern("programme:pattern.parts-tail").sub("", parts[-1])
    verbs = rules.longest_first("programme:words.cue") + rules.longest_first(
        "programme:words.task"
    )
    ok = (
        len(parts) >= 2
        and all(re.fullmatch(f"[{CJK}]{{1,10}}", p) for p in parts)
        and not parts[-1].endswith(verbs)  # 赛出新业绩、完善“双网格”: two clauses
    )
    return parts if ok else []


def _attach_spelled_out_parts(text: str, found: list[Candidate]) -> None:
    """Parts the text lists right before the formula or its short form.

    信、访、网、电、视频“五位一体”; 政治、法治、德治、自治、智治“五治”融合; 网上网格
    与实体网格“双网格化治理”; 理论+技能+实践 spells itself out. The list must have as
    many parts as the formula counts.
    """
    quotes: dict[str, list[tuple[int, int]]] | None = None
    for cand in found:
        if cand.cls != "programme" or cand.components:
            continue
        short = min([cand.name, *cand.aliases], key=len)
        if _CJK_PLUS.fullmatch(short):
            cand.components = [p for p in short.split("+") if p]
            continue
        if _PLUS.fullmatch(short):
            cand.components = _plus_parts(text, short)
            continue
        counts = _counts(short)
        enumerated = _enumerated_parts(text, cand.end)
        if enumerated and _count_fits(len(enumerated), counts, cand.after):
            # 构建“医车电数游”五大优势产业集群。一是生命健康产业。二是汽车产业。…
            cand.components = enumerated
            continue
        if not counts:
            continue
        if quotes is None:
            quotes = _quotes_by_prefix(text)
        # quotes equal to the short form, a prefix of it, or starting with it
        starts = set(quotes.get(short, ()))
        for n in range(2, min(len(short), 12) + 1):
            starts.update(q for q in quotes.get(short[:n], ()) if q[1] == n)
        for start, _ in sorted(starts):
            parts = _items_before(text, start)
            if len(parts) in counts:
                cand.components = parts
                break


@cache
def _enumeration_item() -> re.Pattern[str]:
    """一是生命健康产业。: an ordinal, a mark (``programme:words.enumeration-marks``)
    and the item up to its first punctuation."""
    ordinals = "".join(
        k for k, v in rules.word_values("programme:words.numeral-values").items() if v
    )
    ordinals = "".join(ch for ch in ordinals if ch not in _pair_free())
    marks = rules.alternation("programme:words.enumeration-marks")
    return re.compile(
        rf"([{ordinals}])(?:{marks})([^，,。；;：:！!？?\n“”]{{2,16}})[，,。；;：:]"
    )


@cache
def _pair_free() -> str:
    """Numerals that count but do not number an enumeration (两)."""
    return rules.chars("programme:chars.not-ordinals")


def _enumerated_parts(text: str, end: int) -> list[str]:
    """The items of an enumeration (一是A。…二是B。…三是C。) that opens right after the
    sentence a programme ends, within its last ``_ENUM_TAIL`` characters: what the
    text names as its parts, in order, each opening a sentence, no ordinal skipped."""
    rest = text[end : end + _ENUM_TAIL + 1]
    stop = re.search(r"[。：:]", rest)
    if stop is None or "\n" in rest[: stop.start()]:
        return []
    pos = end + stop.end()
    items: list[str] = []
    pattern = _enumeration_item()
    while len(items) < 10:
        gap = re.match(r"\s*", text[pos : pos + 8])
        match = pattern.match(text, pos + (gap.end() if gap else 0))
        if match is None or _numeral_value(match.group(1)) != len(items) + 1:
            break
        items.append(match.group(2))
        # the next item opens a later sentence of the next few hundred characters
        window = text[match.end() - 1 : match.end() + _ENUM_GAP]
        nxt = None
        for opening in re.finditer(r"[。；;，,\n]\s*", window):
            if (
                _numeral_value(window[opening.end() : opening.end() + 1])
                == len(items) + 1
            ):
                nxt = opening
                break
        if nxt is None:
            break
        pos = match.end() - 1 + nxt.end()
    return items if len(items) >= 2 else []


_ENUM_TAIL = 16
_ENUM_GAP = 800


def _count_fits(n: int, counts: set[int], after: str) -> bool:
    """An enumeration of ``n`` items fits a formula counting ``counts`` (五治 5) or a
    count written right after the name (“医车电数游”五大产业集群 5); a name that
    counts nothing takes no enumeration (实施乡村振兴战略。一是…: measures, not parts)."""
    written = re.match(
        f'[”"]?([{_numerals()}])[{rules.chars("programme:chars.listing-counters")}]',
        after,
    )
    if written is not None:
        return _numeral_value(written.group(1)) == n
    return n in counts


def _quotes_by_prefix(text: str) -> dict[str, list[tuple[int, int]]]:
    """Every prefix (two characters or more) of every short quotation (“…” or "…", 2–12
    characters) → (start of the quotation, its length), in text order; made once per
    document."""
    index: dict[str, list[tuple[int, int]]] = {}
    for quote in re.finditer(r"“([^“”]{2,12})”|\"([^\"\n]{2,12})\"", text):
        q = quote.group(1) or quote.group(2)  # straight quotes too ("三比一看")
        for n in range(2, len(q) + 1):
            index.setdefault(q[:n], []).append((quote.start(), len(q)))
    return index


def _plus_parts(text: str, name: str) -> list[str]:
    """Parts of a digit formula the text spells out.

    以消费品为支柱,以生物医药、电子信息、智能装备为主导,以农牧高新为特色的“1+3+1”:
    one “以…为…” group per number, as many items as it counts. “4+X”: the X is open,
    the 4 are the first run of four quoted names after it in its paragraph.
    """
    numbers = [int(n) for n in re.findall(r"\d+", name)]
    pos = text.find(name)
    while pos != -1:
        sentence = re.split(r"[。;；!?！？\n]", text[max(0, pos - 120) : pos])[-1]
        groups = [
            g.split("、")
            for g in rules.pattern("programme:pattern.plus-parts").findall(sentence)
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
    joints = rules.chars("programme:chars.run-joints")
    ands = rules.chars("programme:chars.name-and")
    run = re.search(
        rf"{quoted}(?:(?:、|[{joints}])?{quoted}){{{count - 1}}}(?!、?[“{ands}])",
        paragraph,
    )
    return re.findall(quoted, run.group()) if run else []


@cache
def _counted_schemes() -> re.Pattern[str]:
    """五大专项行动: a counted listing of schemes of one kind."""
    big = rules.chars("programme:chars.scheme-counter")
    return re.compile(rf"([{_numerals()}]){big}([{CJK}]{{2,4}})$")


def _attach_quoted_components(doc: Document, found: list[Candidate]) -> None:
    """Quoted parts of a formula named in the same article become its components.

    三专三辅 → “三专”, “三辅”; 六单工作法 → “巡单”, “接单” … (two-character names ending
    in the counted word 单); 五大专项行动 → the five …专项行动 the article names; a name
    that lists its parts (马上办、网上办、就近办、一次办) → those parts.
    """
    # The candidates of each article by their shortest name and by their last one to
    # four characters: a formula asks only those that can be its parts (its name's
    # parts, names ending in its counted word), where a loop over every candidate of
    # the article grew with the square of a long document's length.
    shortest = [min([c.name, *c.aliases], key=len) for c in found]
    by_short: dict[tuple[int, str], list[int]] = {}
    by_end: dict[tuple[int, str], list[int]] = {}
    for i, other in enumerate(found):
        article = doc.article_index(other.start)
        by_short.setdefault((article, shortest[i]), []).append(i)
        for k in range(1, min(4, len(other.name)) + 1):
            by_end.setdefault((article, other.name[-k:]), []).append(i)
    # A formula's parts depend on its name, short form and article only: each is
    # settled once (a long document repeats its formulas thousands of times).
    settled: dict[tuple[int, str, str], list[str]] = {}
    for cand in found:
        if cand.cls != "programme" or cand.components:
            continue
        article = doc.article_index(cand.start)
        short = min([cand.name, *cand.aliases], key=len)
        key = (article, cand.name, short)
        if key in settled:
            cand.components = list(settled[key])
            continue
        # 六单工作法 counts 单 (巡单, 接单 …); 五个振兴 counts 振兴 (产业振兴 …)
        counted = re.match(
            rf"[{_numerals()}][{rules.chars('programme:chars.part-counters')}]?"
            rf"([{CJK}]{{1,2}}?)(?:{rules.alternation('programme:words.counted-suffixes')})?$",
            short,
        )
        parts: list[str] = []
        listed = _counted_schemes().match(short)  # 五大专项行动
        # the scheme word that ends the name, not a set of its characters (rstrip
        # would eat 领 of 认领 once 引领区 is a scheme word)
        suffix = next((w for w in _scheme_suffixes() if short.endswith(w)), "")
        if "、" in short and _paired(short.removesuffix(suffix)):
            # 马上办、网上办、就近办、一次办: a name that lists its parts
            cand.components = short.split("、")
            cand.components[-1] = (
                cand.components[-1].removesuffix(suffix) or cand.components[-1]
            )
            continue
        asked = {
            i
            for a in range(len(short))
            if short[a] in _numerals()
            for b in range(a + 2, len(short) + 1)
            for i in by_short.get((article, short[a:b]), ())
        }
        for match in (listed and listed.group(2), counted and counted.group(1)):
            if match:
                asked.update(by_end.get((article, match), ()))
        for i in sorted(asked):  # in the order of the candidates
            other, other_short = found[i], shortest[i]
            if other.name == cand.name:
                continue
            if (
                listed
                and other.cls == "programme"
                and other.name.endswith(listed.group(2))
                and other.name != listed.group(2)
            ):
                parts.append(other.name)  # the 专项行动 the article names
                continue
            if other.source != "quoted":
                continue
            if (
                len(other_short) >= 2
                and other_short in short
                and other_short[0] in _numerals()
            ):
                parts.append(other_short)  # 三交流 of 一配二培三交流 (“三交流”体系)
            elif (
                counted
                # 单 counts two-character parts (巡单), 振兴 up to five (产业振兴)
                and 1
                <= len(other.name) - len(counted.group(1))
                <= (1 if len(counted.group(1)) == 1 else 3)
                and other.name.endswith(counted.group(1))
                and other.name[0] not in _numerals()
            ):
                parts.append(other.name)
        parts = list(dict.fromkeys(parts))
        if listed and len(parts) != (_numeral_value(listed.group(1)) or 0):
            parts = [p for p in parts if p in short]  # not as many as it counts
        if counted and len(parts) > max(_counts(short) or {0}):
            parts = [p for p in parts if p in short]  # more than it counts: not parts
        settled[key] = parts
        cand.components = list(parts)
