"""Metrics: figures with a unit (3.48万元, 18万余人, 75.93%, 近三分之二, 三成).

Values are computed with ``Decimal`` and normalised to the base unit of ``units.tsv``
(0.57万 is exactly 5700). Years, dates, ordinals, phone numbers and numbers inside
quoted names are not metrics.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache
from itertools import pairwise

from kg.extract._context import CJK, make_mention, word_tags
from kg.extract._tagger import tag
from kg.lang import trace
from kg.lang.rules import (
    alternation,
    chars,
    finditer,
    longest_first,
    pattern,
    word_set,
    word_values,
    words,
)
from kg.model import Document, Mention
from kg.resources import load_lines, load_table

# The numerals and hedges are rules (kg/rules/metric/numbers.toml); made once.
_DIGITS_RULE, _SMALL_RULE, _LARGE_RULE = (
    "metric:numerals.digits",
    "metric:numerals.small",
    "metric:numerals.large",
)


@cache
def _numerals() -> tuple[dict[str, int], dict[str, int], dict[str, int], str, str]:
    """(digits, small scale words, large scale words) with their values, all the
    numeral characters, and the decimal point word."""
    digits = word_values(_DIGITS_RULE)
    small = word_values(_SMALL_RULE)
    large = word_values(_LARGE_RULE)
    return (
        digits,
        small,
        large,
        "".join([*digits, *small, *large]),
        words("metric:numerals.point")[0],
    )


# Patterns used per figure, compiled once (re's cache lookup per call adds up).
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_TIMES = re.compile(r"(\d+)[×xX*]$")
_CJK_RUN = re.compile(f"[{CJK}]*")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns built from rules, compiled once per process."""
    digits, _, large, numerals, _ = _numerals()
    return {
        "hedge_inside": re.compile(f"[{chars('metric:hedge.inside')}]"),
        "not_value": re.compile(f"[,{chars('metric:hedge.inside')}]"),
        "second": re.compile(alternation("metric:numerals.second")),
        "scale": re.compile(f"[{''.join(large)}]"),
        "noun_break": re.compile(f"[{chars('metric:chars.noun-break')}]"),
        "name_next": re.compile(f"[{chars('metric:chars.company-name-next')}{CJK}]"),
        "numbered": re.compile(f"[{numerals}\\d]"),
        "pair": re.compile(
            f"(?:{alternation('metric:numerals.pairs')})(?![{''.join(digits)}])"
        ),
    }


_QUOTED = re.compile(r"“([^“”]{1,12})”|\"([^\"\n]{1,12})\"|《[^《》]{1,40}》")


def parse_chinese_number(text: str) -> Decimal:
    """Value of a Chinese numeral, digits allowed before scale words.

    Examples:
        >>> parse_chinese_number("十八亿"), parse_chinese_number("三千五百")
        (Decimal('1800000000'), Decimal('3500'))
        >>> parse_chinese_number("3.2万"), parse_chinese_number("0.57万")
        (Decimal('32000'), Decimal('5700'))
        >>> parse_chinese_number("一万零五"), parse_chinese_number("二〇二三")
        (Decimal('10005'), Decimal('2023'))
    """
    if not text:
        raise ValueError("empty number")
    digits, small, large, _, _ = _numerals()
    digit_string = _digit_string()
    if len(text) > 1 and all(ch in digit_string for ch in text):
        return Decimal("".join(str(digits[ch]) for ch in text))  # 二〇二三
    yi = Decimal(0)  # everything up to the last 亿
    wan = Decimal(0)  # the 万 group after it
    section = Decimal(0)  # the group below 万 being read
    number = Decimal(0)  # the pending digit(s)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit() or ch == ".":
            match = _ARABIC.match(text, i)
            if match is None:  # a point with no digit after it
                raise ValueError(f"not a number: {text!r}")
            number = Decimal(match.group())
            i = match.end()
            continue
        if ch in digits:
            number = Decimal(digits[ch])
        elif ch in small:
            section += (number if number or i else Decimal(1)) * small[ch]
            number = Decimal(0)
        elif ch in large and i == 0:
            # 万亩, 近万人: a scale word with no digit before it means one of it
            if large[ch] < _YI:
                wan = Decimal(large[ch])
            else:
                yi = Decimal(large[ch])
        elif ch in large and large[ch] < _YI:  # 万: closes the group below it
            wan = (wan + section + number) * large[ch]
            section = number = Decimal(0)
        elif ch in large:  # 亿: closes everything before it
            yi = (yi + wan + section + number) * large[ch]
            wan = section = number = Decimal(0)
        else:
            raise ValueError(f"not a number: {text!r}")
        i += 1
    return _exact(yi + wan + section + number)


_YI = 10**8  # the scale word that closes every group before it (亿)


@cache
def _digit_string() -> str:
    """Digits read one by one in a number of several (二〇二三): no 两."""
    return chars("metric:numerals.digit-string")


def _exact(value: Decimal) -> Decimal:
    """Drop a fractional part that is zero, so 5700.00 prints as 5700."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@cache
def _units() -> tuple[dict[str, tuple[str, Decimal]], re.Pattern[str]]:
    """Unit → (base unit, factor) from units.tsv, and the figure pattern
    (``metric:pattern.figure``: hedge, number, unit, hedge)."""
    table = {
        r["unit"]: (r["base"], Decimal(r["factor"])) for r in load_table("units.tsv")
    }
    return table, pattern("metric:pattern.figure")


@cache
def _figure_start() -> re.Pattern[str]:
    """Every match of the figure pattern starts with a hedge word, a numeral or a
    digit."""
    firsts = "".join(sorted({w[0] for w in words("metric:hedge.before")}))
    return re.compile(f"[{firsts}{_numerals()[3]}\\d]")


def _figures(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, trying only where a figure can start.

    The pattern opens with an optional hedge, so re tries it at every character;
    jumping to the next possible first character (a C-level search) and trying
    there, resuming after each match, finds the same matches (none is empty).
    """
    found = []
    pos = 0
    figure_start = _figure_start()
    while (start := figure_start.search(text, pos)) is not None:
        match = pattern.match(text, start.start())
        if match is not None:
            found.append(match)
            pos = match.end()
        else:
            pos = start.start() + 1
    return found


def _value(text: str) -> Decimal:
    text = _patterns()["not_value"].sub("", text)
    if _patterns()["pair"].match(text):
        text = text[0] + text[2:]  # 三四十: a rough range, read from its lower end
    digit_values, _, _, _, point = _numerals()
    if point in text:
        whole, frac = text.split(point, 1)
        digits = "".join(str(digit_values[c]) for c in frac)
        return parse_chinese_number(whole) + Decimal("0." + digits)
    return parse_chinese_number(text)


@cache
def _numbered_names() -> tuple[str, ...]:
    """National formulas with a numeral in them (八项规定, 两学一做): never figures."""
    return tuple(
        sorted(
            n for n in load_lines("doctrine.txt") if _patterns()["numbered"].search(n)
        )
    )


@cache
def _numbered_name_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _numbered_names())))


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Short quoted names (≤ 12 characters): numbers inside them belong to the name."""
    spans = [match.span() for match in _QUOTED.finditer(text)]
    if _numbered_name_pattern().search(text) is None:
        return spans  # none of them in the text (most texts): no per-name search
    for name in _numbered_names():  # 中央八项规定, unquoted
        # str.find, non-overlapping like re.finditer on the escaped name, but without
        # building a pattern per name and document.
        at = text.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = text.find(name, at + len(name))
    return spans


def extract_metrics(doc: Document) -> list[Mention]:
    """Find quantities with a unit; ``attrs`` holds value, unit, approx, subject, year.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("社区实现居民人均可支配收入3.48万元,吸引游客18万余人。", "t")
        >>> [(m.attrs["value"], m.attrs["unit"], m.attrs["approx"]) for m in extract_metrics(doc)]
        [('34800', '元', False), ('180000', '人', True)]
    """
    text = doc.clean
    units, figure_pattern = _units()
    sets = _sets()
    # A mask of the quoted characters: one lookup per figure, where a loop over the
    # spans made a document's cost grow with the square of its length.
    quoted = bytearray(len(text))
    for a, b in _quoted_spans(text):
        quoted[a:b] = b"\x01" * (b - a)
    series = bytearray(len(text))
    for found in pattern("metric:pattern.series-title").finditer(text):
        a, b = found.span()
        series[a:b] = b"\x01" * (b - a)
    sections: list[int | None] = []  # _year's per-document table, made on first use
    out = []
    for match in _figures(text, figure_pattern):
        start, end = match.span()
        previous = text[start - 1 : start]
        if (
            (previous and previous in sets["ordinal_before"])
            or quoted[start]
            or previous.isdigit()
            or (
                previous
                and previous in sets["code_before"]
                and match.group("unit") in sets["after_code"]
            )
        ):
            if trace.active():
                rule = "metric:chars.ordinal-before"
                if quoted[start]:
                    rule = "metric:pattern.figure"  # inside a quoted name
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 第3次, 十四届四次全委: an ordinal; “五个一”: part of a name
        if _unit_starts_word(text, match):
            if trace.active():
                rule = "metric:words.unit-starts-word"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 14部门, 零部件, 三部分: 部 starts a word, it counts nothing
        if pattern("metric:pattern.spoken-scale").match(text, match.start("unit")):
            if trace.active():
                rule = "metric:pattern.spoken-scale"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 200个亿。: a sum in a spoken scale word, not a count of 个
        if _inside_word(text, start, end):
            if trace.active():
                rule = "metric:words.figure-inside-word"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 两口子, 老两口, 零件: a word, not a count
        framed = _duration_framed(text, match, sets)  # 一年来, 经过八天
        one_hedged = _one_hedged(text, match, sets)  # 一年多, 一个多月, 一倍多
        if not framed and not one_hedged and _determiner(text, match, units, sets):
            if trace.active():
                trace.rejected(doc, start, end, "metric", "metric:numerals.one")
            continue  # refused below whatever its value: not worth computing
        try:
            value, unit = _figure(match, units)
        except (ValueError, KeyError, ArithmeticError):
            continue
        if value is None:
            continue
        number_text = match.group("number") or ""
        hedge = match.group("pre")
        scale_only = sets["scale_only"]
        if hedge in sets["hedge_scale_only"] and not (
            number_text and set(number_text) <= scale_only
        ):
            start += len(hedge)  # 上亿元, 上万人 are hedged; 线上3000人 is not
            hedge = None
        if not framed and number_text and all(c in scale_only for c in number_text):
            # 千家万户, 千头万绪: idioms, unless hedged (近万人) or an area (万亩)
            hedged = hedge or match.group("after")
            if not hedged and match.group("unit") not in sets["area"]:
                if trace.active():
                    rule = "metric:numerals.scale-only"
                    trace.rejected(doc, start, end, "metric", rule)
                continue
        if framed or one_hedged:
            pass
        elif (
            number_text in sets["one"]
            and unit not in sets["one_counts"]
            and not _one_duration(text, match.start("number"), end, unit, sets)
        ):
            if trace.active():
                trace.rejected(doc, start, end, "metric", "metric:numerals.one")
            continue  # 一个时期, 一名干部, 一亩田平均增收: a determiner, not a count
        if number_text + unit in sets["not_figures"]:
            if trace.active():
                rule = "metric:words.not-figures"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 四处调研: an adverb
        if unit in sets["period_units"] and previous in sets["period_before"]:
            if trace.active():
                rule = "metric:chars.period-before"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 前11个月: the months of the year so far, a date, not a duration
        if unit in sets["rank"] and pattern("metric:pattern.rank-before").search(
            text, max(0, start - 2), start
        ):
            continue  # 前三名, 倒26名: a rank, not a number of people
        if unit in sets["year"] and series[start]:
            continue  # a span in a column's bracketed name
        if unit in sets["year"] and _a_date(text, match, number_text, sets):
            continue  # 2024年, 90年代, 3年级: a date or an ordinal, not a duration
        if unit in sets["not_after_year_number"] and _is_year_number(number_text):
            continue  # 2011级: students of a year, not a magnitude
        if (
            unit in sets["duration"]
            and pattern("metric:pattern.average-base-after").match(text, end)
            is not None
        ):
            continue  # 两年平均增长6%: the period of an average
        if unit in sets["race"] and _race(text, start, end):
            continue  # 男子100米, 200米蝶泳: a sports event, not a length
        if unit in sets["year"] and _anniversary(text, start, end):
            if trace.active():
                rule = "metric:pattern.anniversary-after"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 到建党一百年时: an anniversary, a point in time
        if (
            unit in sets["duration"]
            and pattern("metric:pattern.period-name-after").match(text, end) is not None
        ):
            if trace.active():
                rule = "metric:pattern.period-name-after"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 三年行动计划, 五年期: a name or a term, not a quantity
        in_words = not _DIGIT.match(number_text)
        if (
            in_words
            and unit in sets["place_name_risk"]
            and pattern("metric:pattern.place-name-after").match(text, end)
        ):
            continue  # 五台县, 九台区: a place's name
        if (
            in_words
            and pattern("metric:pattern.method-name-after").match(text, end) is not None
        ):
            if trace.active():
                rule = "metric:pattern.method-name-after"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 三张清单制度, 四议两公开工作法: a count inside a method's name
        if (
            in_words
            and pattern("metric:pattern.tenet-after").match(text, end) is not None
        ):
            if trace.active():
                rule = "metric:pattern.tenet-after"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 五项原则, 两个积极性: a doctrine or points of an argument
        approx = bool(
            hedge
            or match.group("after")
            or match.group("tail")
            or _patterns()["hedge_inside"].search(number_text)
            or _patterns()["pair"].match(number_text)
            or any(h in (match.group("unit") or "") for h in sets["hedge_after"])
        )
        if (
            in_words
            and unit in sets["digits_only"]
            # 零下二十几度: after 零下 a temperature in words is no "once"
            and not (unit in sets["below_zero_units"] and _below_zero(text, start))
        ):
            if trace.active():
                rule = "metric:units.digits-only"
                trace.rejected(doc, start, end, "metric", rule)
            continue  # 一度, 两度: once, twice; 10度 is a measure
        refused = (
            in_words
            and not framed
            and _not_counted(text, start, end, unit, approx, sets)
        )
        if refused:
            if trace.active():
                trace.rejected(doc, start, end, "metric", refused)
            continue
        tail = match.group("tail")
        if tail and tail in sets["hedge_after"] and match.group("after"):
            end -= len(tail)  # 30多个多: the second hedge is the next word's
        below = _below_zero(text, start)
        if below:  # 零下28度: a temperature below zero
            value = -value
            start -= below
        times = _TIMES.search(text[max(0, start - 4) : start])
        if times:  # 2×35万千瓦: two units of 35万千瓦 each
            value = _exact(value * int(times.group(1)))
            start -= len(times.group())
        speed = _per_hour().get(unit)
        if speed:
            per_hour = pattern("metric:pattern.per-hour-before").search(
                text, max(0, start - 4), start
            )
            if per_hour is not None:  # 每小时80公里: a speed, 80 公里/小时
                start, unit = per_hour.start(), speed
        low = None if below else _range_low(text, start, match, units)
        if low is not None and low[1] is None:
            continue  # 第1-3名: ordinals
        low_start, low_value = low or (start, None)
        subject = (_subject(text, low_start, end, unit) or "").strip() or None
        respective = _respective(text, low_start, end)
        if respective:
            subject = respective  # 城镇、农村居民收入分别增长8%和9%: one subject each
        edge_only = False
        if subject:
            subject = _trimmed(subject)
            edge_only = subject is None  # 短短两年, 五年多过去了: no noun, a time
        if subject is None and unit == "%":
            subject = _share_group(text, end)  # 这里80%以上的物资: the share of 物资
        bare_time = edge_only and unit in _tags()["durations"]
        rough = (one_hedged or _patterns()["pair"].match(number_text)) and (
            unit in _tags()["durations"]
            and (subject is None or _ends_in_verb(subject, _subject_rules()[0]))
        )
        since = (  # 新区设立三年来: the time since the start of what it names
            in_words
            and subject is not None
            and pattern("metric:subject.since-start").search(
                text, max(0, low_start - 4), low_start
            )
            is not None
            and pattern("metric:subject.since-start").fullmatch(subject) is None
        )  # not 设立 alone (the place before it is the metric's place, not a subject)
        # what a framed span of time is the length of: 经过十天的吊装施工, 展销会为期三天
        lasting = _lasting(text, low_start, end, subject) if framed else None
        topic = framed and _span_topic(text, low_start, end, subject)
        if lasting:
            subject = lasting
        elif (
            (framed and ((in_words and not since and not topic) or subject is None))
            or bare_time
            or rough
        ):
            # 一年来, 经过八天: a time (建交25年来 keeps its verb); 十年来，全省…:
            # the span of the clause after it
            opening = _span_opening(text, low_start, end) if framed else None
            subject = opening or words("metric:subject.duration")[0]
        age = _ages().get(unit)
        of_age = _age_of(text[end : end + 10]) if age else None
        person = _aged_person(text, low_start, end, bool(of_age)) if age else None
        if person:
            subject = person + age  # 78岁的刘长福, 周建平今年45岁: whose age it is
        elif of_age:
            subject = of_age  # 80岁以上老人, 95岁的婆婆: the age of a group
        elif age and (subject is None or not _names_age(subject, age)):
            subject = age  # 赵秋生老人今年81岁: an age, whoever's it is
        year = _year(doc, start, sections)
        if low_value is not None:  # 3至5万元: the low bound in the high bound's scale
            attrs = {
                "value": _value_text(low_value),
                "unit": unit,
                "approx": True,
                "subject": subject,
                "year": year,
            }
            out.append(
                make_mention(
                    doc, low_start, end, "metric", "metric:pattern.range-low", attrs
                )
            )
        attrs = {
            "value": _value_text(value),
            "unit": unit,
            "approx": approx or low_value is not None,
            "subject": subject,
            "year": year,
        }
        out.append(make_mention(doc, start, end, "metric", "metric:number-unit", attrs))
    reach: list[tuple[int, int]] = []
    halves = (
        _halves(doc, quoted, out, sections)
        + _half_shares(doc, quoted, out, sections)
        + _people(doc, quoted, out, reach)
        + _cued(doc, quoted, out, sections)
        + _years_months(doc, quoted, out, sections)
    )
    if halves:  # 2个半小时 is one figure, not 2个 and a half; 1.2万人口 not 1.2万人
        reach += [(h.start, h.end) for h in halves]
        out = [m for m in out if not any(a <= m.start and m.end <= b for a, b in reach)]
        out = sorted([*out, *halves], key=lambda m: (m.start, m.end))
    return out


def _years_months(
    doc: Document,
    quoted: bytearray,
    found: list[Mention],
    sections: list[int | None],
) -> list[Mention]:
    """Spans of years and months (3年8个月, 一年零五个月) as one duration in months
    (metric:pattern.years-months); the figures read inside it give way, and its
    subject is the one read for the first of them (else the time of a duration)."""
    text = doc.clean
    out = []
    for match in finditer("metric:pattern.years-months", text):
        start, end = match.span("figure")
        if quoted[start]:
            continue
        try:
            months = _value(match.group("years")) * 12 + _value(match.group("months"))
        except (ValueError, KeyError, ArithmeticError):
            continue
        inside = [m for m in found if start <= m.start and m.end <= end]
        subject = next((m.attrs.get("subject") for m in inside), None)
        attrs = {
            "value": _value_text(_exact(months)),
            "unit": match.group("unit"),
            "approx": bool(match.group("pre")),
            "subject": subject or words("metric:subject.duration")[0],
            "year": _year(doc, start, sections),
        }
        out.append(
            make_mention(
                doc, start, end, "metric", "metric:pattern.years-months", attrs
            )
        )
    return out


def _halves(
    doc: Document,
    quoted: bytearray,
    found: list[Mention],
    sections: list[int | None],
) -> list[Mention]:
    """Figures of a half (半米, 半小时左右, 一个半小时, 2个半小时: metric:pattern.half),
    where no other figure is. In words, a span of time needs a hedge, a frame that
    makes it a duration (半年来, 经过半个月) or a whole before it (一个半小时), as 两天
    does; a length does not (半米)."""
    text = doc.clean
    if words("metric:words.half")[0] not in text:
        return []
    units = _units()[0]
    sets = _sets()
    taken = bytearray(len(text))
    for m in found:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    out = []
    for match in pattern("metric:pattern.half").finditer(text):
        start, end = match.span()
        # a figure may lie inside it (2个 of 2个半小时), not across its edges
        if quoted[start] or taken[start - 1 : start + 1] == b"\x01\x01":
            continue
        if end < len(taken) and taken[end - 1 : end + 1] == b"\x01\x01":
            continue
        whole_text = match.group("whole")
        unit = match.group("unit")
        hedged = bool(match.group("pre") or match.group("tail"))
        if not (whole_text or hedged or unit in words("metric:units.half-always")):
            if not _duration_framed(text, match, sets):
                if trace.active():
                    rule = "metric:units.in-words-hedged"
                    trace.rejected(doc, start, end, "metric", rule)
                continue
        try:
            whole = _value(whole_text) if whole_text else Decimal(0)
        except (ValueError, KeyError, ArithmeticError):
            continue
        base, factor = units[unit]
        value = _exact((whole + Decimal("0.5")) * factor)
        attrs = {
            "value": _value_text(value),
            "unit": base,
            "approx": hedged,
            "subject": _half_subject(text, start, end, base),
            "year": _year(doc, start, sections),
        }
        out.append(
            make_mention(doc, start, end, "metric", "metric:pattern.half", attrs)
        )
    return out


def _half_shares(
    doc: Document,
    quoted: bytearray,
    found: list[Mention],
    sections: list[int | None],
) -> list[Mention]:
    """A half as a share (一半以上, 近一半, 超过半数: metric:pattern.half-share):
    50 %, approximate when a hedge comes with it, where no other figure is."""
    text = doc.clean
    if words("metric:words.half")[0] not in text:
        return []
    taken = bytearray(len(text))
    for m in found:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    out = []
    for match in pattern("metric:pattern.half-share").finditer(text):
        start, end = match.span()
        if quoted[start] or any(taken[start:end]):
            continue
        hedged = bool(match.group("pre") or match.group("tail"))
        attrs = {
            "value": "50",
            "unit": "%",
            "approx": hedged,
            "subject": _half_subject(text, start, end, "%"),
            "year": _year(doc, start, sections),
        }
        out.append(
            make_mention(doc, start, end, "metric", "metric:pattern.half-share", attrs)
        )
    return out


def _people(
    doc: Document,
    quoted: bytearray,
    found: list[Mention],
    reach: list[tuple[int, int]],
) -> list[Mention]:
    """Counts of people written with a scale word and the people counted, with no
    unit between (178万贫困人口, 14亿多人口, 近500万群众): unit 人, the people as
    subject (metric:pattern.scale-people). A figure read before inside the words
    (1.2万人 of 1.2万人口) gives way: ``reach`` gets the span it must lie in."""
    text = doc.clean
    if _people_hint().search(text) is None:
        return []  # no 万 or 亿 before people counted: most texts
    ends = {m.start: m.end for m in found}
    sections: list[int | None] = []
    out = []
    for match in pattern("metric:pattern.scale-people").finditer(text):
        start, end = match.span("figure")
        if quoted[start] or ends.get(start, end) > match.end():
            continue
        if start in ends:
            reach.append((start, match.end()))
        try:
            value = _value(match.group("number") + match.group("scale"))
        except (ValueError, KeyError, ArithmeticError):
            continue
        approx = bool(
            match.group("pre")
            or match.group("inside")
            or match.group("after")
            or match.group("tail")
        )
        homes = match.group("homes")
        attrs = {
            "value": _value_text(_exact(value)),
            # 人 for people, 户 for households (45万用户)
            "unit": words("metric:pattern.scale-people-unit")[1 if homes else 0],
            "approx": approx,
            # the narrowing words are part of who is counted (农村留守老年人)
            "subject": match.group("mod") + (homes or match.group("people")),
            "year": _year(doc, start, sections),
        }
        out.append(
            make_mention(
                doc, start, end, "metric", "metric:pattern.scale-people", attrs
            )
        )
    return out


def _cued(
    doc: Document,
    quoted: bytearray,
    found: list[Mention],
    sections: list[int | None],
) -> list[Mention]:
    """Amounts with a scale word and no unit closing their clause after a word that
    says what they count (投资就得3000多万。, 贫困人口超过40万，): 元 after a money
    word, 人 after people (metric:pattern.scale-cued)."""
    text = doc.clean
    taken = {m.start for m in found} | {m.end for m in found}
    out = []
    for match in finditer("metric:pattern.scale-cued", text):
        start, end = match.span("figure")
        if quoted[start] or start in taken or end in taken:
            continue
        try:
            value = _value(match.group("number") + match.group("scale"))
        except (ValueError, KeyError, ArithmeticError):
            continue
        money = match.group("money")
        unit = words("metric:units.cued")[0 if money else 1]
        attrs = {
            "value": _value_text(_exact(value)),
            "unit": unit,
            "approx": bool(
                match.group("pre") or match.group("inside") or match.group("after")
            ),
            "subject": money or match.group("people"),
            "year": _year(doc, start, sections),
        }
        out.append(
            make_mention(doc, start, end, "metric", "metric:pattern.scale-cued", attrs)
        )
    return out


@cache
def _people_hint() -> re.Pattern[str]:
    """A scale word and the people or households counted a few characters on
    (万贫困人口, 万农村留守老年人, 万用户): a cheap search before
    ``metric:pattern.scale-people``, which re tries at every character."""
    large = "".join(_numerals()[2])
    counted = "|".join(
        (
            alternation("metric:words.people-counted"),
            alternation("metric:words.households-counted"),
        )
    )
    return re.compile(f"[{large}][^，,。；;]{{0,12}}?(?:{counted})")


def _half_subject(text: str, start: int, end: int, unit: str) -> str | None:
    subject = _subject(text, start, end, unit)
    if subject:
        subject = _trimmed(subject)
    if subject is None and unit == "%":
        subject = _share_group(text, end)  # 超过一半的人: the share of 人
    if subject is None and unit in _tags()["durations"]:
        subject = words("metric:subject.duration")[0]
    return subject


@cache
def _unit_words() -> dict[str, tuple[str, ...]]:
    """Unit → the words of metric:words.unit-starts-word that begin with it (部 →
    部门, 部件 …): a unit followed by the rest of such a word is not a unit."""
    units = _units()[0]
    found: dict[str, list[str]] = {}
    for word in words("metric:words.unit-starts-word"):
        unit = max((u for u in units if word.startswith(u) and u != word), key=len)
        found.setdefault(unit, []).append(word)
    return {unit: tuple(ws) for unit, ws in found.items()}


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``start:end`` is (part of) a word that counts nothing (两口子, 老两口, 零件, 五人制): metric:words.figure-inside-word."""
    for word in words("metric:words.figure-inside-word"):
        begin = max(0, start - len(word) + 1)
        if 0 <= text.find(word, begin, end + len(word) - 1) < end:
            return True  # a word over the figure: 零件, 五人|制
    return False


def _unit_starts_word(text: str, match: re.Match[str]) -> bool:
    """Whether the figure's unit is the start of a longer word (14部门, 零部件)."""
    unit = match.group("unit")
    starts = _unit_words().get(unit) if unit else None
    return starts is not None and text.startswith(starts, match.start("unit"))


def _range_low(
    text: str,
    start: int,
    match: re.Match[str],
    units: dict[str, tuple[str, Decimal]],
) -> tuple[int, Decimal | None] | None:
    """The start and value of the low bound written before a figure (2至4人, 1-2个,
    3至5万元: 30000 元), or None. Only for a number and a unit of units.tsv. The
    value is None for a range of ordinals (第1-3名)."""
    number = match.group("number")
    unit = match.group("unit")
    if not number or unit not in units:
        return None
    window = text[max(0, start - 14) : start]
    found = pattern("metric:pattern.range-low").search(window)
    if found is None:
        return None
    low_start = start - len(window) + found.start("low")
    if text[low_start - 1 : low_start] in _sets()["ordinal_before"]:
        return low_start, None  # 第1-3名: ordinals
    low = found.group("low")
    large = _numerals()[2]
    scale = number[len(number.rstrip("".join(large))) :]
    if scale and not any(c in large for c in low):
        low += scale  # 3至5万元: 3万
    try:
        value = _value(low)
    except (ValueError, KeyError, ArithmeticError):
        return None
    return low_start, _exact(value * units[unit][1])


def _below_zero(text: str, start: int) -> int:
    """The length of the word before a figure that puts it below zero (零下), or 0."""
    for word in longest_first("metric:words.below-zero"):
        if text.endswith(word, 0, start):
            return len(word)
    return 0


def _value_text(value: Decimal) -> str:
    """``str(value)``; a one-character value ("2") as CPython's shared one-character
    string, the object unpickling gives back, so a result pickles the same after a
    round trip through the build's workers (tests/extract/test_fast_paths.py)."""
    text = str(value)
    return chr(ord(text)) if len(text) == 1 else text


def _is_year_number(number: str) -> bool:
    """Whether a number is a year (2011, 二〇一一): metric:pattern.year-number."""
    return pattern("metric:pattern.year-number").fullmatch(number) is not None


def _a_date(
    text: str, match: re.Match[str], number: str, sets: dict[str, frozenset[str]]
) -> bool:
    """Whether a figure in 年 is a date (2024年, 二〇二四年) or part of a word that
    makes it one (90年代, 3年级, 5年前): metric:units.year."""
    after = text[match.end("unit") : match.end("unit") + 1]
    year = pattern("metric:pattern.year-number").fullmatch(number)
    return year is not None or after in sets["not_after_year"]


@cache
def _sets() -> dict[str, frozenset[str]]:
    """The word lists ``extract_metrics`` tests every figure against, made once."""
    return {
        "ordinal_before": frozenset(chars("metric:chars.ordinal-before")),
        "hedge_scale_only": word_set("metric:hedge.before-scale-only"),
        "hedge_after": word_set("metric:hedge.after"),
        "scale_only": frozenset(chars("metric:numerals.scale-only")),
        "area": word_set("metric:units.area"),
        "one": word_set("metric:numerals.one"),
        "one_counts": word_set("metric:units.one-counts"),
        "one_durations": word_set("metric:units.one-durations"),
        "not_before_one_duration": frozenset(
            chars("metric:chars.not-before-one-duration")
        ),
        "one_hedged": word_set("metric:units.one-hedged"),
        "code_before": frozenset(chars("metric:chars.code-before")),
        "after_code": word_set("metric:units.after-code"),
        "rank": word_set("metric:units.rank"),
        "not_after_one_hedged": frozenset(chars("metric:chars.not-after-one-hedged")),
        "not_before_one_hedged": frozenset(chars("metric:chars.not-before-one-hedged")),
        "year": word_set("metric:units.year"),
        "not_after_year": frozenset(chars("metric:chars.not-after-year")),
        "not_figures": word_set("metric:words.not-figures"),
        "race": word_set("metric:units.race"),
        "place_name_risk": word_set("metric:units.place-name-risk"),
        "vague_before_frame": frozenset(chars("metric:chars.vague-before-frame")),
        "some_before_one": frozenset(chars("metric:chars.some-before-one-frame")),
        "tenths": word_set("metric:units.tenths"),
        "in_words_hedged": word_set("metric:units.in-words-hedged"),
        "duration": word_set("metric:units.duration"),
        "in_words_always": word_set("metric:units.in-words-always"),
        "rounds": word_set("metric:units.rounds"),
        "company_risk": word_set("metric:units.company-risk"),
        "money_next": frozenset(chars("metric:chars.money-next")),
        "needs_noun": word_set("metric:units.needs-noun"),
        "digits_only": word_set("metric:units.digits-only"),
        "below_zero_units": word_set("metric:units.below-zero-in-words"),
        "period_units": word_set("metric:units.period"),
        "period_before": frozenset(chars("metric:chars.period-before")),
        "level_after": word_set("metric:chars.level-after-count"),
        "list_total": frozenset(chars("metric:chars.list-total")),
        "not_after_year_number": word_set("metric:units.not-after-year-number"),
    }


def _determiner(
    text: str,
    match: re.Match[str],
    units: dict[str, tuple[str, Decimal]],
    sets: dict[str, frozenset[str]],
) -> bool:
    """Whether ``extract_metrics`` refuses ``match`` as a determiner (一个时期, 一名干部)
    once it has its value: told from the unit alone, before the value is computed
    (a quarter of all figures). The unit is ``_figure``'s: 成 is a percentage."""
    if match.group("number") not in sets["one"]:
        return False
    unit = match.group("unit")
    base = "%" if unit in sets["tenths"] else units[unit][0]
    if _one_duration(text, match.start("number"), match.end(), base, sets):
        return False  # 乘车一个小时: a duration
    return base not in sets["one_counts"]


def _one_hedged(
    text: str, match: re.Match[str], sets: dict[str, frozenset[str]]
) -> bool:
    """Whether a figure of 一 is hedged after its unit (一年多, 一个多月, 一倍多):
    a span or a ratio a little over one, not a determiner (metric:units.one-hedged);
    not 一年多前 (a point in time) nor 上一年多了 (the year before)."""
    unit = match.group("unit") or ""
    if match.group("number") not in sets["one"] or unit not in sets["one_hedged"]:
        return False
    start, end = match.start("number"), match.end()
    if (
        text[end : end + 1] in sets["not_after_one_hedged"]
        or text[start - 1 : start] in sets["not_before_one_hedged"]
    ):
        return False
    hedges = sets["hedge_after"]
    return (
        match.group("tail") in hedges
        or match.group("after") in hedges
        or any(h in unit for h in hedges)
    )


def _race(text: str, start: int, end: int) -> bool:
    """Whether a length names a sports event (男子100米, 200米蝶泳, 100米和200米
    直道赛: metric:pattern.race-before, metric:pattern.race-after).

    Examples:
        >>> _race("获得女子800米冠军", 4, 8), _race("新修步道800米", 4, 8)
        (True, False)
    """
    return (
        pattern("metric:pattern.race-before").search(text, max(0, start - 5), start)
        is not None
        or pattern("metric:pattern.race-after").match(text, end) is not None
    )


def _anniversary(text: str, start: int, end: int) -> bool:
    """Whether a span of years is an anniversary of a founding, a point in time or a
    goal's name (到建党一百年时, 建交50年之际: metric:pattern.anniversary-before and
    metric:pattern.anniversary-after), not a duration (成立十年来).

    Examples:
        >>> _anniversary("到建国一百年时", 3, 6), _anniversary("成立十年来", 2, 4)
        (True, False)
    """
    return (
        pattern("metric:pattern.anniversary-before").search(
            text, max(0, start - 2), start
        )
        is not None
        and pattern("metric:pattern.anniversary-after").match(text, end) is not None
    )


def _span_opening(text: str, start: int, end: int) -> str | None:
    """The noun phrase of the clause a span framed by 来 opens (十年来，全省农民收入
    … → 全省农民收入: metric:subject.span-opening), or None when the span does not
    open its clause or no noun follows it."""
    frame = pattern("metric:subject.span-opening").match(text, end)
    if frame is None:
        return None
    before = _SUBJECT_STOP.split(text[max(0, start - 6) : start])[-1]
    if before and before not in word_set("metric:subject.span-opening-lead"):
        return None  # 中德合作三十年来: the span of the noun before it
    after = _SUBJECT_STOP.split(text[frame.end() : frame.end() + 20])[0]
    tags = word_set("metric:subject.span-opening-tags")
    noun, named = "", False
    for i, (word, pos) in enumerate(_clause_tags(after) if after else ()):
        if pos not in tags and not (i == 0 and pos == "r"):  # 我国中小企业…
            break
        noun += word
        named = named or pos in tags
    if (
        not named
        or _subject_rules()[0]["lead"].fullmatch(noun)
        or noun in word_set("metric:subject.span-opening-not")
    ):
        return None  # 三年来，全镇新修道路: 全镇 alone; 十年来，我们…: a pronoun
    return noun if len(noun) >= 2 and noun != after else None


def _span_topic(text: str, start: int, end: int, subject: str | None) -> bool:
    """Whether a framed span's subject is the noun before it, the topic whose span
    it is (中德合作三十年来成果丰硕: metric:subject.frame-keeps-topic; 车程将缩短
    两小时, right before the verb: metric:subject.change-frame-keeps-topic), not
    时间: only a subject that ends in a noun (回顾了十年来…: the span stays 时间)."""
    if not subject:
        return False
    if pattern("metric:subject.frame-keeps-topic").match(text, end):
        framing = True  # 化肥产量为五年来同期最高: the noun the clause is about
    else:
        change = pattern("metric:subject.change-frame-keeps-topic").search(
            text, max(0, start - 3), start
        )
        head = text[max(0, start - 40) : change.start()] if change else ""
        framing = bool(change) and head.rstrip(
            chars("metric:subject.change-frame-modals")
        ).endswith(subject)
    tokens = _clause_tags(subject) if framing else ()
    return bool(tokens) and _is_noun(*tokens[-1])


def _duration_framed(
    text: str, match: re.Match[str], sets: dict[str, frozenset[str]]
) -> bool:
    """Whether a span of time is framed as a duration (经过八天, 为期一个月, 一年来,
    十年来, 一年时间): then a figure in words counts, 一 and 十 alone included
    (metric:units.duration, metric:pattern.duration-before, -after)."""
    if match.group("unit") not in sets["duration"]:
        return False
    start, end = match.start(), match.end("unit")  # 一年来: 来 read as a hedge
    before = text[start - 1 : start]
    if before in sets["vague_before_frame"] or (
        before in sets["some_before_one"] and text[start : start + 1] in sets["one"]
    ):
        return False  # 几十年来: some tens of years; 有一天来: some day
    return (
        pattern("metric:pattern.duration-before").search(text, max(0, start - 3), start)
        is not None
        or pattern("metric:pattern.duration-after").match(text, end) is not None
    )


def _one_duration(
    text: str, start: int, end: int, unit: str, sets: dict[str, frozenset[str]]
) -> bool:
    """Whether 一 with an hour or a minute is a duration (乘车一个小时, 只要一分钟:
    metric:units.one-durations), not a point in time (一个小时后) nor every or the
    last one (每一分钟, 最后一分钟: metric:chars.not-before-one-duration), nor the
    time base of a rate (一小时上百公里: metric:pattern.rate-after-one-duration)."""
    return (
        unit in sets["one_durations"]
        and text[end : end + 1] not in sets["not_after_one_hedged"]
        and text[start - 1 : start] not in sets["not_before_one_duration"]
        and pattern("metric:pattern.rate-after-one-duration").match(text, end) is None
    )


def _not_counted(
    text: str,
    start: int,
    end: int,
    unit: str,
    approx: bool,
    sets: dict[str, frozenset[str]],
) -> str | None:
    """The rule by which a figure written in Chinese numerals counts nothing, or
    None when it counts something.

    两天, 三种 are durations and kinds in passing unless hedged (十余种); 两个关键,
    两个市场两种资源 and 目的有两个 are rhetoric: a figure of 个 in words needs a
    concrete noun of three characters or more after it (两个核心旅游景区).
    次 and 轮 in words are counts (四轮排查摸底) except in meeting names (四次全委).
    """
    patterns = _patterns()
    if text[start - 1 : start] in sets["list_total"]:
        return None  # 指标、发病率等五个指标: the count of a list
    if unit in sets["in_words_hedged"]:
        counted = unit in sets["in_words_always"] or approx
        return None if counted else "metric:units.in-words-hedged"
    if unit in sets["rounds"]:
        if patterns["second"].match(text[start:end].lstrip(_hedge_prefix())):
            return "metric:numerals.second"  # 二次发掘: a second digging, not two
        # 四次全委 is a meeting's name, 三次产业 the tertiary sector
        if pattern("metric:pattern.meeting-after-count").match(text, end) is not None:
            return "metric:pattern.meeting-after-count"
        return None
    if unit in sets["company_risk"] and not patterns["scale"].search(text, start, end):
        after = text[end : end + 1]
        if patterns["name_next"].match(after) and after not in sets["money_next"]:
            return "metric:units.company-risk"  # 扶持三元、麦福劳等企业, 三元乳业
    if unit in sets["needs_noun"] and not approx:
        if patterns["scale"].search(text, start, end):
            return None  # 一万个零部件: a count of ten thousand is no rhetoric
        noun = _CJK_RUN.match(text[end : end + 12]).group()  # type: ignore[union-attr]
        noun = patterns["noun_break"].split(noun)[0]
        if len(noun) >= 3 or noun in sets["level_after"]:
            return None  # 两个核心旅游景区, 三个乡: concrete things
        return "metric:units.needs-noun"
    return None


@cache
def _per_hour() -> dict[str, str]:
    """Length unit → its speed unit (公里 → 公里/小时): metric:units.per-hour."""
    return {unit.split("/")[0]: unit for unit in words("metric:units.per-hour")}


@cache
def _hedge_prefix() -> str:
    return chars("metric:hedge.prefix-chars")


def _figure(
    match: re.Match[str], units: dict[str, tuple[str, Decimal]]
) -> tuple[Decimal | None, str]:
    if match.group("frac"):
        num = _value(match.group("num"))
        den = _value(match.group("den"))
        return _exact((num / den * 100).quantize(Decimal("0.01"))), "%"
    if match.group("pct"):
        return _value(match.group("pct")), "%"
    unit = match.group("unit")
    number = match.group("number")
    large = _numerals()[2]
    if unit[:1] in large and number[-1:] not in large:
        # 一亿八千多万元: the unit's 万 belongs to the number (一亿八千万), not a
        # factor on all of it (一亿八千 × 万)
        base, factor = units[unit]
        value = _value(number + unit[0]) * factor / large[unit[0]]
        return _exact(value), base
    value = _value(number)
    if unit in _sets()["tenths"]:
        return _exact(value * 10), "%"
    base, factor = units[unit]
    return _exact(value * factor), base


_SUBJECT_STOP = re.compile(r"[,，。;；:：!?！？、()（）“”\"《》【】\n]")
_LONGEST_NOUN_AFTER = 10
_AFTER_NOUN = re.compile(f"[{CJK}()（）]{{1,{_LONGEST_NOUN_AFTER}}}")
_CLAUSE_STOP = re.compile(r"[,，。;；:：!?！？()（）“”\"《》【】\n]")  # not 、
_ONE_CJK = re.compile(f"[{CJK}]")
_LISTED_NOUN = re.compile(f"[{CJK}()、]+")  # a noun holding a level list, 县(市、区)


@cache
def _subject_rules() -> tuple[dict[str, re.Pattern[str]], frozenset[str], str, str]:
    """The patterns of kg/rules/metric/subjects.toml, the classifiers, and the
    words ``_subject`` looks for at the end of a clause (等) and after a noun (的)."""
    names = (
        "lead",
        "trail",
        "object-verbs",
        "not-noun",
        "after-stop",
        "growth",
        "follow-lead",
        "word-break",
        "place-bracket",
        "goes-on",
        "done-part",
        "date-before",
        "compared",
        "compared-split",
        "last-link",
        "from-to",
        "modifier-of",
        "compared-lead",
        "figure-tail",
        "time-after",
        "share-of",
        "ratio-of",
        "duration-frame",
        "change-lead",
        "list-joint",
        "respective-compared",
        "shared-head",
        "level-list",
    )
    return (
        {name: pattern(f"metric:subject.{name}") for name in names},
        frozenset(chars("metric:subject.classifiers")),
        words("metric:subject.listed-before")[0],
        chars("metric:subject.of"),
    )


def _subject(text: str, start: int, end: int, unit: str = "") -> str | None:
    """What the figure measures, in the text's words.

    The noun after the figure when a classifier counts it (两个市民广场), when the clause
    names nothing before it, ends in 等 (南开路中学等14个项目) or in a verb taking the
    figure as object (守住十八亿亩耕地红线, 流转5000多亩土地); else the noun phrase of
    the clause before the figure (居民人均可支配收入3.48万元, 平均年龄44.25岁); a clause
    that only goes on (地区生产总值增长20%,达到282亿元) takes the subject of the clause
    before. Nouns and verbs are told by jieba's tags of the clause's words.

    Examples:
        >>> t = "成员平均年龄44.25岁,守住十八亿亩耕地红线,带来25万余元的营业收入。"
        >>> _subject(t, 6, 12), _subject(t, 15, 19), _subject(t, 26, 31)
        ('成员平均年龄', '耕地红线', '营业收入')
        >>> t = "地区生产总值增长20%,达到282亿元。"
        >>> _subject(t, 8, 11), _subject(t, 14, 20)
        ('地区生产总值', '地区生产总值')
    """
    rules, classifiers, listed, of = _subject_rules()
    listed_after = words("metric:subject.figure-list")[0]
    if unit in classifiers:
        end = _after_spec(text, end)  # 45条10千伏线路: the noun after the 10千伏
    follow = text[end : end + 14]
    follow = rules["follow-lead"].sub("", follow)  # 25万余元的营业收入, 16条“负面清单”
    after = _level_listed(follow, rules["level-list"]) or _AFTER_NOUN.match(follow)
    duration = unit in _tags()["durations"]
    if duration and rules["time-after"].match(follow):
        after = None  # 70年来取得, 10天后没有: a time frame, not the noun counted
    window = text[max(0, start - 30) : start]
    clauses = _clauses(window, rules["level-list"])
    before_clause = clauses[-1]
    share = rules["share-of"].match(before_clause) if unit == "%" else None
    if share:  # 教育资金3.2亿元，占一般公共预算支出的21.4%: a share of a whole
        owner = rules["lead"].sub("", share.group("owner"))  # 研发投入占GDP
        if len(owner) < 2 and len(clauses) >= 2:
            owner = _clean_before(_without_last_figure(clauses[-2], rules), rules)
        owner = owner[-12:] if len(owner) >= 2 else ""
        return owner + share.group("verb") + share.group("whole")
    listed_owner = window[: len(window) - len(before_clause)].endswith(
        tuple(chars("metric:subject.ratio-list-mark"))
    )  # 家数、金额为去年的9.4倍、7.6倍: one owner each
    ratio = (
        rules["ratio-of"].match(before_clause)
        if unit in words("metric:subject.ratio-units") and not listed_owner
        else None
    )
    if ratio:  # 产量是旧机器的两倍: the owner, not the thing compared with
        owner = _clean_before(ratio.group("owner"), rules)
        if len(owner) >= 2:
            return owner[-20:]
    if (
        duration
        and after
        and text.startswith(words("metric:subject.of-duration")[0], end)
        and (
            rules["duration-frame"].search(before_clause)
            or unit in word_set("metric:subject.hours-of")
        )
    ):  # 经过3个多小时的抢修, 干了两个小时的家务: what lasted is the noun after 的
        word = _noun_after(follow, after.group(), False, rules, of)
        if word and word != words("metric:subject.duration")[0]:
            return word  # not 停留了五分钟的时间: 时间 says nothing the clause does not
    if after is None and unit in classifiers:
        coded = _coded_noun(follow, rules, of)
        if coded:
            return coded  # 860个5G基站: the code opens the noun counted
    from_to = rules["from-to"].search(before_clause)
    if from_to:  # 贫困人口由2万人下降到9千多人: the subject is before 由
        before_clause = before_clause[: from_to.start()]
    if after and (
        rules["object-verbs"].search(before_clause[-8:]) is not None
        or unit in classifiers
        or before_clause.endswith(listed)
    ):  # the noun after is taken below whatever comes before: not tagged (speed)
        word = _noun_after(follow, after.group(), unit in classifiers, rules, of)
        if word:
            return word
    before = _clean_before(before_clause, rules, duration)
    if before in word_set("metric:subject.scope-only") and after and not duration:
        word = _scoped_noun(follow, after.group(), unit in classifiers, rules, of)
        if word:
            return word  # 全国80%的乡镇卫生院: 全国 says where, not what is measured
    if unit in word_set("metric:subject.difference-units"):
        before = _above_head(before_clause, rules) or before  # 增速快于城镇: 增速
    opening = rules["lead"].sub("", before_clause)  # 预计同比增长: as 同比增长
    change = rules["change-lead"].match(opening)
    if change:
        before = ""  # 同比增长8%: no subject of its own, the one before goes on
    links_only = bool(before_clause) and not rules["trail"].sub(
        "", rules["lead"].sub("", before_clause)
    )
    goes_on = len(before) < 2 and len(clauses) >= 2
    listed_figure = not before_clause and window.endswith(listed_after)
    goes_on = goes_on and (
        rules["goes-on"].match(before_clause) is not None
        or rules["goes-on"].match(opening) is not None
        or links_only
        or listed_figure  # 数千户、近万人: a list of figures of one subject
        or (  # 受损桥梁40座，已修复31座: the part done of the figure before
            rules["done-part"].match(before_clause) is not None
            and _without_last_figure(clauses[-2], rules) != clauses[-2]
        )
    )
    if after and (  # object verbs, classifiers and lists: taken above
        (len(before) < 2 and not (duration and goes_on))
        or _ends_in_verb(before_clause, rules)  # tagged only when asked (speed)
    ):
        word = _noun_after(follow, after.group(), unit in classifiers, rules, of)
        if word:
            return word
    if goes_on:
        # 地区生产总值增长20%,达到282亿元; 网络零售额750亿元、增长10%: the same subject
        # goes on, without the figure that ends its clause
        before = _clean_before(_without_last_figure(clauses[-2], rules), rules)
        if change and len(before) >= 2:  # …亿元，同比增长8%: the growth of what went on
            return before[-20:] + change.group("compared") + change.group("verb")
    return before[-20:] if len(before) >= 2 else None


def _coded_noun(follow: str, rules: dict[str, re.Pattern[str]], of: str) -> str | None:
    """The noun a classifier counts when a code of Latin letters opens it (5G基站,
    AI摄像头; metric:subject.code-opening): the code and the noun after it, else None.

    Examples:
        >>> rules, _, _, of = _subject_rules()
        >>> _coded_noun("5G基站和300座", rules, of), _coded_noun("5G。", rules, of)
        ('5G基站', None)
    """
    code = pattern("metric:subject.code-opening").match(follow)
    if code is None:
        return None
    rest = follow[code.end() :]
    after = _AFTER_NOUN.match(rest)
    word = _noun_after(rest, after.group(), True, rules, of) if after else ""
    nouns = word_set("metric:subject.span-opening-tags")  # no set phrase: 星罗棋布
    kept = ""
    for token, pos in _clause_tags(word or ""):
        if pos not in nouns:
            break
        kept += token
    return code.group() + kept if len(kept) >= 2 else None


def _scoped_noun(
    follow: str,
    after: str,
    classifier: bool,
    rules: dict[str, re.Pattern[str]],
    of: str,
) -> str | None:
    """The noun after a figure whose clause before names only a whole place
    (全国80%的乡镇卫生院 → 乡镇卫生院; metric:subject.scope-only), when every word of it is
    a noun: not a verb read as one (全省超过十万人受灾) nor a noun cut short with the
    verb after it (全国九成的乡出台), where the place stays the subject; else None.

    Examples:
        >>> rules, classifiers, _, of = _subject_rules()
        >>> _scoped_noun("乡镇卫生院完成", "乡镇卫生院完成", False, rules, of)
        '乡镇卫生院'
        >>> _scoped_noun("人死亡", "人死亡", True, rules, of) is None
        True
    """
    word = _noun_after(follow, after, classifier, rules, of)
    if not word or len(word) < 2:
        return None
    return word if all(_is_noun(*token) for token in _clause_tags(word)) else None


def _above_head(clause: str, rules: dict[str, re.Pattern[str]]) -> str:
    """The noun before 高于, 快于 … in a clause giving a gap (增速快于城镇1.2个百分点:
    增速; metric:subject.above), or "" when none of two characters or more is there.

    Examples:
        >>> _above_head("牧区居民收入增速快于城镇", _subject_rules()[0])
        '牧区居民收入增速'
        >>> _above_head("高于全省", _subject_rules()[0])
        ''
    """
    found = pattern("metric:subject.above").search(clause)
    if found is None:
        return ""
    head = _clean_before(clause[: found.start()], rules)
    if len(head) < 2:
        return ""
    last_tag = _clause_tags(head)[-1][1]  # 这次不仅高于…: 这次 names no gap's owner
    return (
        "" if last_tag in word_set("metric:subject.above-not-head-tags") else head[-20:]
    )


def _clauses(window: str, level_list: re.Pattern[str]) -> list[str]:
    """``window`` split at the marks that end a subject, but not inside a level word's
    bracketed list of the other levels (受灾县(市、区)达到: metric:subject.level-list).

    Examples:
        >>> levels = _subject_rules()[0]["level-list"]
        >>> _clauses("全省,试点县(市、区)达到", levels)
        ['全省', '试点县(市、区)达到']
        >>> _clauses("全省80个县(市、区)共", levels)[-1]
        '共'

    """
    if "(" not in window:
        return _SUBJECT_STOP.split(window)  # the common case, and the cheap one
    kept = [  # not 80个县(市、区)1385万人: a count of its own, not the next one's subject
        (m.start() + 1, m.end())
        for m in level_list.finditer(window)
        if not pattern("metric:subject.level-list-counted").search(window, 0, m.start())
    ]
    clauses, begin = [], 0
    for stop in _SUBJECT_STOP.finditer(window):
        if any(a <= stop.start() < b for a, b in kept):
            continue
        clauses.append(window[begin : stop.start()])
        begin = stop.end()
    clauses.append(window[begin:])
    return clauses


def _level_listed(follow: str, level_list: re.Pattern[str]) -> re.Match[str] | None:
    """The words after a figure up to the end of a level word's bracketed list
    (28个县(市、区)完成 → 县(市、区)), when such a list opens them; else None.

    Examples:
        >>> _level_listed("县(市、区)完成评估", _subject_rules()[0]["level-list"]).group()
        '县(市、区)'
    """
    if "(" not in follow:
        return None
    after = _AFTER_NOUN.match(follow)
    listed = level_list.search(follow, 0, _LONGEST_NOUN_AFTER + 8)
    if after is None or listed is None or listed.start() > after.end():
        return None
    return _LISTED_NOUN.match(follow, 0, listed.end())  # 8个县(市、区)农民: counts 县


def _share_group(text: str, end: int) -> str | None:
    """The group a share with no subject before it is of, named after 的 (80%以上的
    物资, 超过一半的人; metric:subject.share-of-group), else None."""
    lead = pattern("metric:subject.share-of-group").match(text, end)
    if lead is None:
        return None
    after = _AFTER_NOUN.match(text, lead.end())
    if after is None:
        return None
    rules, _, _, of = _subject_rules()
    follow = text[lead.end() : lead.end() + 14]
    noun = _noun_after(follow, after.group(), False, rules, of)
    if noun:
        return noun
    word, pos = _clause_tags(after.group())[0]
    return word if len(word) == 1 and pos in _tags()["noun"] else None  # 一半的人


def _lasting(text: str, start: int, end: int, subject: str | None) -> str | None:
    """What a framed span of time is the length of, when the text says it: the noun
    after 的 that ``_subject`` read (经过十天的吊装施工, 为期一个月的展映活动;
    metric:subject.duration-frame, -period-frame; not an ordinal's event name cut
    short, metric:subject.event-ordinal) or the noun before 为期, 历时 (展销会为期三天;
    metric:subject.duration-holder); else None."""
    rules = _subject_rules()[0]
    clause = _SUBJECT_STOP.split(text[max(0, start - 30) : start])[-1]
    of = words("metric:subject.of-duration")[0]
    if (
        subject
        and text.startswith(of + subject, end)  # the noun right after 的, whole
        and len(subject) < _LONGEST_NOUN_AFTER  # not cut short (第十届中国国际文…)
        and not pattern("metric:subject.event-ordinal").match(subject)
        and (
            rules["duration-frame"].search(clause)
            or pattern("metric:subject.period-frame").search(clause)
        )
    ):
        return subject
    holder = pattern("metric:subject.duration-holder").search(clause)
    if holder is None:
        return None
    return holder.group("holder")  # an action may last (展演历时两个月): not cleaned


def _after_spec(text: str, end: int) -> int:
    """Where the noun counted by a classifier figure ending at ``end`` starts: after
    a figure in digits telling what kind of thing is counted, when one follows
    (45条10千伏线路, 53名5岁以下儿童; metric:subject.spec-after), else ``end``."""
    if not _DIGIT.match(text, end):
        return end
    inner = _units()[1].match(text, end)
    unit = inner.group("unit") if inner is not None else None
    if unit and (
        unit in word_set("metric:subject.not-spec-units")
        or unit[-1] in _subject_rules()[1]
    ):
        return end  # 1000多户4000多人, 15项50条: a second count, not a kind
    if not unit:
        inner = pattern("metric:subject.spec-figure").match(text, end)
    if inner is None:
        return end
    return pattern("metric:subject.spec-after").match(text, inner.end()).end()


def _respective(text: str, start: int, end: int) -> str | None:
    """The subject of the k-th figure of a list after 分别 (metric:subject.respectively):
    the k-th noun of a list as long as the figures' before 分别 in its clause
    (城镇和农村居民收入分别增长8%和9% → 农村居民收入 for 9%), else the k-th of the
    clauses before, each closing with a figure (交易26亿笔、金额1.2万亿元，分别增长
    18%和8% → 金额 for 8%). None when the counts differ or there is no 分别."""
    word = words("metric:subject.respectively")[0]
    at = text.rfind(word, max(0, start - 40), start)
    if at < 0:
        return None
    rules = _subject_rules()[0]
    units = _units()[1]
    between = text[at + len(word) : start]
    figures = _figures(between, units)
    head = between[: figures[0].start()] if figures else between
    if _SUBJECT_STOP.search(head) or _DIGIT.search(head):
        return None  # 分别 is not this list's: a clause or a number between
    rest = [between[a.end() : b.start()] for a, b in pairwise(figures)]
    if figures:
        rest.append(between[figures[-1].end() :])
    if any(not rules["list-joint"].fullmatch(r) for r in rest):
        return None  # 分别增长8%，达到…: not a list reaching this figure
    k = len(figures)
    n = k + 1
    after = text[end : end + 40]
    while True:
        joint = rules["list-joint"].match(after)
        more = units.match(after, joint.end()) if joint else None
        if more is None:
            break
        n += 1
        after = after[more.end() :]
    if n < 2:
        return None
    before = text[max(0, at - 80) : at]
    clauses = _CLAUSE_STOP.split(before)
    own = rules["compared-split"].split(clauses[-1])[0]
    own = rules["respective-compared"].split(own)[0]
    nouns = [x for x in rules["list-joint"].split(own) if x]
    if len(nouns) == n:  # 城镇、农村居民收入分别…
        subject = _clean_before(nouns[k], rules)
        head = rules["shared-head"].search(nouns[-1])
        if head and len(subject) >= 2 and not rules["shared-head"].search(subject):
            subject += head.group()  # 太阳能电池、锂电池出口: the export of each
        return subject if len(subject) >= 2 else None
    if len(nouns) > 1:
        return None
    parts = _SUBJECT_STOP.split(before)[:-1]  # the clause of 分别 names one thing
    closing = [p for p in parts if (f := _figures(p, units)) and f[-1].end() == len(p)]
    listed = []
    for part in reversed(parts[-(n + 2) :]):
        if part in closing:
            listed.append(part)
        elif listed:
            break  # the figures before must be one run of clauses
    if len(listed) != n:
        return None
    subject = _clean_before(_without_last_figure(listed[n - 1 - k], rules), rules)
    return subject if len(subject) >= 2 else None


def _without_last_figure(clause: str, rules: dict[str, re.Pattern[str]]) -> str:
    """A clause without the figure closing it (网络零售额750亿元 → 网络零售额,
    监测对象仍有数千户 → 监测对象仍有), for the subject that goes on after it."""
    clause = rules["growth"].sub("", clause)
    figures = _figures(clause, _units()[1])
    if figures and figures[-1].end() == len(clause):
        clause = clause[: figures[-1].start()]  # not 8000家|零售企业销售额: the noun
    return rules["figure-tail"].sub("", clause)


def _noun_after(
    follow: str,
    after: str,
    classifier: bool,
    rules: dict[str, re.Pattern[str]],
    of: str,
) -> str | None:
    """The noun a figure counts, written after it: the nouns opening ``after``
    (两个市民广场投入使用 → 市民广场), or with a classifier the noun after the 的
    that ends a modifier (9万多株从外地引进的树苗 → 树苗)."""
    if rules["not-noun"].match(after):
        if not classifier:
            return None
        modifier = rules["modifier-of"].match(after)
        if modifier is None:
            return None
        after = after[modifier.end() :]
    word = _cut_at_word(after, rules["word-break"])  # 官兵参与: 与 opens no word
    word = _cut_at_word(
        word, rules["after-stop"]
    )  # 两个市民广场投入使用: the noun only
    word = rules["compared-split"].split(word)[0]  # 零售企业销售额同比增长
    if rules["place-bracket"].fullmatch(word):
        return word
    word = _noun_run(word)  # 50多户农民手中: the noun, not the verb after it
    if len(word) >= 2:
        return word
    one = classifier and _ONE_CJK.fullmatch(word) is not None
    if one and ((follow[1:2] and follow[1:2] in of) or word in _sets()["level_after"]):
        return word  # 4个村的安全饮水工程, 1227个村、社区, 三个乡，
    return None


def _cut_at_word(words: str, stop: re.Pattern[str]) -> str:
    """``words`` up to the first match of ``stop``, or up to the start of the word of
    jieba's the match lies inside (官兵参与加筑堤坝 → 官兵, not 官兵参; 4个村的安全饮水工程
    → 村)."""
    found = stop.search(words)
    if found is None or found.start() == 0:
        return "" if found is not None else words
    at = 0
    for word, _ in _clause_tags(words):
        if at + len(word) > found.start():
            break
        at += len(word)
    return words[:at]


@cache
def _tags() -> dict[str, frozenset[str]]:
    """The jieba tags and words ``_subject`` reads a clause by (subjects.toml)."""
    nominal = word_set("metric:subject.nominal-verbs")
    inside = word_set("metric:subject.inside-verbs")
    return {
        "noun": word_set("metric:subject.noun-tags"),
        "verb": word_set("metric:subject.verb-tags"),
        "nominal": nominal,
        "lead": word_set("metric:subject.lead-tags"),
        "inside": inside,
        "not-cutting": nominal | inside,  # verbs that do not cut a noun phrase
        "durations": word_set("metric:subject.durations"),
        "cut": word_set("metric:subject.cut-tags"),
        "modifier": word_set("metric:subject.modifier-tags"),
        "no-noun": word_set("metric:subject.no-noun-tags"),
        "locative": word_set("metric:subject.locative-tags"),
        "not-closing": word_set("metric:subject.not-closing-tags"),
        "noun-opening": word_set("metric:subject.noun-opening-tags"),
        "noun-tagged-verbs": word_set("metric:subject.noun-tagged-verbs"),
    }


@lru_cache(maxsize=4096)
def _clause_tags(clause: str) -> tuple[tuple[str, str], ...]:
    """jieba.posseg of a short clause (cached: a document repeats its clauses)."""
    return tag(clause)


def _is_noun(word: str, pos: str) -> bool:
    tags = _tags()
    return pos in tags["noun"] or word in tags["nominal"]


def _is_verb(word: str, pos: str) -> bool:
    """A verb, adverb or preposition that cuts a noun phrase."""
    tags = _tags()
    return pos in tags["verb"] and word not in tags["not-cutting"]


def _noun_run(words: str) -> str:
    """The nouns that open ``words`` (农民跟着王建永学技术 → 农民), with a verb opening
    them that makes a compound with them (受灾群众的基本生活 → 受灾群众); ``words``
    when no noun opens them (a word jieba cuts wrongly stays whole)."""
    tokens = _clause_tags(words)
    run = ""
    taken = 0
    for i, (word, pos) in enumerate(tokens):
        opening = i == 0 and (_is_verb(word, pos) or pos in _tags()["modifier"])
        if i == 0 and pos in _tags()["noun-opening"] and len(tokens) > 1:
            run, taken = word, 1  # 境内外|企业参展: a place word opens the noun
            continue
        if not _is_noun(word, pos) and not opening:
            break
        if (
            i > 0
            and word in _tags()["noun-tagged-verbs"]
            and (i + 1 == len(tokens) or tokens[i + 1][1] != "n")
        ):
            break  # 龙舟代表队|参赛: a verb jieba tags as a noun ends the noun
        run += word
        taken = i + 1
    while taken > 1 and tokens[taken - 1][1] in _tags()["not-closing"]:
        taken -= 1  # 5名党员主动请缨: 主动 opens what they do, it is no noun
        run = run[: -len(tokens[taken][0])]
    if len(tokens) > 0 and run == tokens[0][0] and not _is_noun(*tokens[0]):
        if tokens[0][1] in _tags()["no-noun"]:
            return ""  # 25户都不愿意: an adverb, no noun after the figure
        return words  # a verb alone (3人死亡): no compound
    return run if run else words


def _ends_in_verb(clause: str, rules: dict[str, re.Pattern[str]]) -> bool:
    """Whether the clause before a figure ends in a verb that takes the figure as
    its object (流转5000多亩土地, 用70平米的老房子); the verbs that link a subject to
    its figure (达到, 增长: metric:subject.trail) do not."""
    if not clause or rules["trail"].search(clause):
        return False
    tokens = _clause_tags(clause)
    return bool(tokens) and _is_verb(*tokens[-1]) and tokens[-1][1] != "d"


def _noun_phrase(before: str, duration: bool = False) -> str:
    """The noun phrase of a subject clause, by jieba's tags: the nouns after its last
    verb (省政府49个部门减少行政权力 → 行政权力), without verbs trailing it
    (省级公共服务事项整合精简 → 省级公共服务事项) or the place, pronoun, time or
    conjunction opening it (福建GDP → GDP, 由于花椒树 → 花椒树). Unchanged when what
    is left would be shorter than two characters."""
    tokens = list(_clause_tags(before))
    phrase = _opened(_without_verbs(list(tokens)))
    if not phrase and duration:  # a duration with no noun keeps its verbs: 建交25年
        phrase = _opened(tokens)
    return phrase if len(phrase) >= 2 or not phrase else before


def _opened(tokens: list[tuple[str, str]]) -> str:
    """The words of a phrase without the adverbs closing it and the place, time,
    count or conjunction opening it; empty when nothing else is left (这条仅8公里,
    今年58岁, 蠡县10万千瓦)."""
    tokens = list(tokens)
    while tokens and (
        tokens[-1][1] in _tags()["verb"] - {"v"}
        or (tokens[-1][1] in _tags()["locative"] and len(tokens[-1][0]) == 1)
    ):
        tokens.pop()  # 项目跑下来都|要一两年, 村民|中: adverbs, a locative
    while len(tokens) > 1 and tokens[0][1] in _tags()["lead"]:
        tokens.pop(0)
    if not tokens or (len(tokens) == 1 and tokens[0][1] in _tags()["lead"]):
        return ""
    return "".join(word for word, _ in tokens)


def _without_verbs(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The nouns of a clause's tokens after its last verb, without the verbs
    trailing them."""
    while (
        tokens
        and not _is_noun(*tokens[-1])
        and (
            _is_verb(*tokens[-1])
            or tokens[-1][0] in _tags()["inside"]
            or (tokens[-1][1] in _tags()["locative"] and len(tokens[-1][0]) == 1)
        )
    ):
        tokens.pop()  # 整合精简, 已累计采样, 预计可, 村民|中
    for i in range(len(tokens) - 1, -1, -1):
        if _is_verb(*tokens[i]):
            if (
                i > 0
                and tokens[i][1].startswith("v")
                and _is_verb(*tokens[i - 1])
                and tokens[i - 1][1] != "d"
            ):
                i -= 1  # 减少|审批事项: the second verb makes a compound with the noun
            tokens = tokens[i + 1 :]  # 减少|行政权力
            break
        if tokens[i][1] in _tags()["cut"]:
            rest = tokens[i + 1 :]
            if len(rest) > 1 and rest[0][0] in _subject_rules()[1]:
                rest = rest[1:]  # 37|户|村民: the classifier goes with the count
            if rest:
                tokens = rest  # 这是一片|面积
            break
        if not _is_noun(*tokens[i]):
            break  # a particle: the phrase has its modifiers before it
    return tokens


def _clean_before(
    clause: str, rules: dict[str, re.Pattern[str]], duration: bool = False
) -> str:
    """The subject words of the clause before a figure: no lead-in, verb or date.
    A duration keeps the verbs: what lasted is an action (建交25年)."""
    before = rules["trail"].sub("", rules["lead"].sub("", clause))
    if rules["compared-lead"].match(before):
        return ""  # 比全国高: the thing compared with
    before = rules["date-before"].sub("", before)  # 较2020年末下降: not subjects
    if rules["compared"].search(before):  # 学历较换届前减少: the thing compared
        before = rules["compared-split"].split(before)[0]
    before = rules["last-link"].split(before)[-1]
    return _noun_phrase(before, duration) if before else before


def _year(
    doc: Document, pos: int, sections: list[int | None] | None = None
) -> int | None:
    """The year the figure is about: the last one named before it in its sentence,
    else one opening a sentence or clause earlier in its paragraph
    (metric:year.opening), else the year of its section, from the last paragraph
    that opens with a year (一、2013年工作回顾; 2011年是…的开局之年) — work reports
    name the year once. 今年 and 去年 are read from the document date, or in an
    undated text from the year it pins for itself (``_text_year``), 当年 and 同年 are
    the year last named
    (metric:year.relative); a year compared with (比2020年) or ending a span
    (2021—2035年) is not the figure's (metric:year.not-figure-year).

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("一、2013年工作回顾\\n\\n全年地区生产总值253.7亿元。", "t")
        >>> _year(doc, doc.clean.index("253"))
        2013

    ``sections``: the document's ``_section_years``, filled on first use when an
    empty list is given, so that a document's figures share one pass over its
    paragraphs.
    """
    s_index = doc.sentence_index(pos)
    p_index = doc.paragraph_index(pos)
    p_start, _ = doc.paragraphs[p_index]
    s_start, _ = doc.sentences[s_index]
    joints = chars("metric:chars.sentence-joint")
    while s_index > 0 and s_start > p_start and doc.clean[s_start - 1] in joints:
        s_index -= 1  # …30万人；贫困县…11.5万人: one sentence goes on
        s_start = doc.sentences[s_index][0]
    found = _last_year(doc, s_start, pos, False)
    if found is None and p_start < s_start:
        found = _last_year(doc, p_start, s_start, True)
    if found is not None:
        return found[0]
    if sections is None:
        sections = _section_years(doc)
    elif not sections:
        sections.extend(_section_years(doc))
    section = sections[p_index]
    if section is None and doc.meta.date:
        return int(doc.meta.date[:4])
    if section is None:
        return _text_year(doc.clean)
    return section


@lru_cache(maxsize=8)
def _text_year(text: str) -> int | None:
    """The year an undated text pins for itself: an event it says is opened or under
    way now, with its year (北京开启2025国际消费节; 2025年“暖心行动”正在全省展开):
    every figure of the text with no year of its own has it (metric:year.text-date),
    as have 今年 and 去年; else the year a series title opening the text ends with
    (【我们的2024】: metric:year.series-title); else the latest year an event is
    named by (metric:year.event-name). Between the first two: the year of a
    five-year plan it says this year is (``_plan_year``), or a year it compares
    with 去年 (metric:year.compared-last-year)."""
    found = pattern("metric:year.text-date").search(text)
    if found is not None:
        return int(next(group for group in found.groups() if group))
    plan = _plan_year(text)
    if plan is not None:  # 今年是“十四五”开局之年: the plan's first year
        return plan
    compared = pattern("metric:year.compared-last-year").search(text)
    if compared is not None:  # 2019年…比去年增长: that year is 今年
        return int(compared.group(1))
    series = pattern("metric:year.series-title").match(text)
    if series is not None:  # 【我们的2024】…: a series on that year
        return int(series.group(1))
    # 2023全球工业互联网大会: this year's events carry their year (metric:year.event-name)
    events = [int(m.group(1)) for m in pattern("metric:year.event-name").finditer(text)]
    return max(events) if events else None


def _plan_year(text: str) -> int | None:
    """The year an undated text says it is by its place in a five-year plan
    (今年是“十四五”开局之年 → 2021: metric:year.plan-year, -start, -stage).

    Examples:
        >>> _plan_year("今年是“十二五”收官之年。")
        2015
    """
    found = pattern("metric:year.plan-year").search(text)
    if found is None:
        return None
    start = word_values("metric:year.plan-start").get(found.group(1))
    stage = word_values("metric:year.plan-stage").get(found.group(2))
    return None if start is None or stage is None else int(start) + int(stage)


def _last_year(
    doc: Document, begin: int, end: int, opening: bool
) -> tuple[int | None] | None:
    """``(year,)`` of the last year named in ``clean[begin:end]`` that can be a
    figure's (``opening``: only one opening a sentence or clause), ``None`` when
    there is none; ``(None,)`` for 今年 in a document without a date."""
    text = doc.clean
    not_figure = pattern("metric:year.not-figure-year")
    opens = pattern("metric:year.opening")
    for match in reversed(list(_year_expression().finditer(text, begin, end))):
        before = text[max(0, match.start() - 4) : match.start()]
        if not_figure.search(before):
            continue
        near = max(begin, match.start() - 4)  # 截至2023年: a few characters tell
        lead = ("\n" if near == begin else "") + text[near : match.start()]
        if opening and not opens.search(lead):
            continue
        written = match.group("year")
        if written:
            return (int(written),)
        offset = _relative_years().get(match.group("relative"))
        if offset is None:  # 当年, 同年: the year last named
            earlier = _last_year(doc, doc.paragraphs[0][0], match.start(), False)
            return earlier if earlier is not None else (None,)
        date = doc.meta.date
        if date:
            return (int(date[:4]) + offset,)
        pinned = _text_year(text)  # an undated text's own year (今年 in 2023…大会)
        return (pinned + offset,) if pinned is not None else (None,)
    return None


@cache
def _year_expression() -> re.Pattern[str]:
    return re.compile(
        pattern("metric:year.in").pattern.replace("(", "(?P<year>", 1)
        + "|(?P<relative>"
        + alternation("metric:year.relative")
        + ")"
    )


def _trimmed(subject: str) -> str | None:
    """A subject without the time words, particles and one-character adjectives or
    adverbs closing it (metric:subject.edge-tags, -short): 意向成员国目前 →
    意向成员国, 气温高 → 气温; kept whole when fewer than two characters would be
    left (村, 乡), None when only such words make it (那么未来). Tagged only when the dictionary's tag of its last one or two
    characters is such a word's (most subjects are not)."""
    edge, short, edge_words = _edge_tags(), _edge_tags_short(), _edge_words()
    tags = word_tags()
    if (
        tags.get(subject[-2:]) not in edge
        and tags.get(subject[-1:]) not in (edge | short)
        and not subject.endswith(edge_words)  # 商超全力: a manner word tagged n
    ):
        return subject
    tokens = list(_clause_tags(subject))
    while tokens and (
        tokens[-1][1] in edge
        or (len(tokens[-1][0]) == 1 and tokens[-1][1] in short)
        or (len(tokens) > 1 and tokens[-1][0] in edge_words)
    ):
        tokens.pop()
    out = "".join(word for word, _ in tokens)
    if not out:
        return None  # 那么未来, 他们先后: edge words only, nothing measured
    return out if len(out) >= 2 else subject


@cache
def _edge_tags() -> frozenset[str]:
    return word_set("metric:subject.edge-tags")


@cache
def _edge_words() -> tuple[str, ...]:
    """Words closing a subject that say how, not what (metric:subject.edge-words)."""
    return tuple(words("metric:subject.edge-words"))


@cache
def _edge_tags_short() -> frozenset[str]:
    return word_set("metric:subject.edge-tags-short")


def _names_age(subject: str, age: str) -> bool:
    """Whether a subject already names the age a figure in 岁 measures (成员平均年龄,
    人均预期寿命; metric:subject.age-quantities), so it is kept.

    Examples:
        >>> _names_age("居民人均预期寿命", "年龄"), _names_age("老人", "年龄")
        (True, False)
    """
    return age in subject or any(
        word in subject for word in words("metric:subject.age-quantities")
    )


@cache
def _ages() -> dict[str, str]:
    """Unit → subject of an age (metric:subject.age)."""
    return word_values("metric:subject.age")


@lru_cache(maxsize=4096)  # keyed on ten characters, not on whole documents
def _age_of(follow: str) -> str | None:
    """The noun an age is of when it follows the age, from the ten characters after it
    (80岁以上老人 → 老人, 95岁的婆婆 → 婆婆; metric:subject.age-of), else None (今年83岁了,
    18岁时)."""
    lead = pattern("metric:subject.age-of").match(follow)
    if lead is None:
        return None
    rest = _AFTER_NOUN.match(follow[lead.end() :])
    if rest is None:
        return None
    run = ""
    for word, pos in _clause_tags(rest.group())[:2]:
        if pos not in _age_of_tags():
            break  # 28岁的方俊明: a name's age stays 年龄
        run += word
    return run if len(run) >= 2 else None


def _aged_person(text: str, start: int, end: int, of_noun: bool) -> str | None:
    """The person whose age a figure is, by name next to it: after 的 (78岁的刘长福,
    47岁的村民陈学文) or right after the age (八岁女孩李小梅) or before it (周建平今年45岁, 赵秋生老人今年81岁), one common
    noun between allowed (metric:subject.age-name-tags, -trail); a name before an
    age of a noun after it (刘明80多岁的老母亲: ``of_noun``) is not whose it is."""
    names = word_set("metric:subject.age-name-tags")
    follow = text[end : end + 10]
    lead = pattern("metric:subject.age-of").match(follow)
    if lead is not None and (
        lead.group().endswith(words("metric:subject.of-duration")[0])
        or not lead.group()  # 八岁女孩李小梅: a noun and a name right after the age
    ):
        rest = _AFTER_NOUN.match(follow[lead.end() :])
        tokens = list(_clause_tags(rest.group())) if rest else []
        if len(tokens) > 1 and tokens[1][1] in names:
            tokens = tokens[1:]  # 47岁的村民陈学文, 老红军李光: the name after the noun
        if tokens and tokens[0][1] in names and len(tokens[0][0]) >= 2:
            after = tokens[1] if len(tokens) > 1 else ("", "")
            if (
                after[1] in names
                or after[1] in word_set("metric:subject.age-name-not-before")
                or after[0] in chars("metric:subject.age-name-joint")
            ):
                return None  # 呼格|吉勒图, 沙特|籍, 伊恩·戴维: no whole name
            return tokens[0][0]
    if of_noun or (lead is not None and lead.group()):
        return None  # 刘明80多岁的老母亲: the age of the one after 的
    clause = _SUBJECT_STOP.split(text[max(0, start - 12) : start])[-1]
    tokens = list(_clause_tags(clause))
    trail = word_set("metric:subject.age-name-trail")
    while tokens and tokens[-1][0] in trail:
        tokens.pop()  # 周建平今年: the name before 今年
    if len(tokens) > 1 and tokens[-1][1] in _age_of_tags():
        tokens.pop()  # 赵秋生老人今年81岁: the name before 老人
    if tokens and tokens[-1][1] in names and len(tokens[-1][0]) >= 2:
        return tokens[-1][0]
    return None


@cache
def _age_of_tags() -> frozenset[str]:
    return word_set("metric:subject.age-of-tags")


def _relative_years() -> dict[str, int]:
    return word_values("metric:year.relative")


def _section_years(doc: Document) -> list[int | None]:
    """Per paragraph, the year of the last earlier paragraph that opens with one; a
    target year opening a digest item's title (2030年全省新能源装机将达5000万千瓦)
    holds up to the next such title only (metric:year.item-title, -target-words).

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("快讯\\n2030年全省装机将达50%\\n全省装机将达50%。\\n"
        ...     "某县开展植树活动\\n全县植树3万株。", "t")
        >>> _section_years(doc)
        [None, None, 2030, 2030, None]
    """
    years: list[int | None] = []
    current = None
    from_title = False  # the current year opened an item's title
    named = [int(m.group(1)) for m in pattern("metric:year.in").finditer(doc.clean)]
    latest = max(named, default=None)  # a target is the latest year a text names
    for start, end in doc.paragraphs:
        years.append(current)
        para = doc.clean[start:end].strip()
        opening = pattern("metric:year.section").match(para)
        title = pattern("metric:year.item-title").fullmatch(para) is not None
        if opening:
            year = int(opening.group(1))
            target = year == latest and any(
                w in para for w in words("metric:year.target-words")
            )
            current, from_title = year, title and target
        elif from_title and title:
            current, from_title = None, False  # the next item: not that year's
    return years
