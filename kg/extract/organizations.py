"""Organisations: 区委组织部, 察雅县住房和城乡建设局, 八角社区党总支 …

A name is a place (or a bare level word such as 区 or 村 standing for "this place")
followed by at most eight characters and a word from ``org_suffixes.txt``. The place
part is kept in ``attrs["place_text"]`` so linking can attach the organisation to it.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract._context import finditer_at, make_mention, word_tags
from kg.extract._tagger import segment
from kg.lang.rules import CJK, chars, longest_first, pattern, word_set, words
from kg.model import Document, Mention


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], str, str]:
    """The patterns and word lists of kg/rules/organization/*.toml, made once: the
    anchor of a bare level word, the level words, the characters that end a name,
    the levels whose 委 is their party committee, and 委."""
    level_words = chars("organization:chars.bare-level")
    stop = chars("organization:chars.name-break")
    before = re.escape(stop + chars("organization:chars.before-bare-level"))
    anchor = re.compile(f"(?:(?<=[{before}])|^)[{level_words}](?=[{CJK}])")
    return (
        anchor,
        re.compile(f"[{level_words}]"),
        frozenset(stop),
        chars("organization:chars.committee-level"),
        words("organization:words.committee")[0],
    )


def _level_word_positions(text: str) -> list[int]:
    """Where an anchor match can start: at a level word.

    The pattern opens with a lookbehind, so re tried it at every character.
    """
    return [match.start() for match in _rules()[1].finditer(text)]


@cache
def _suffixes() -> tuple[str, ...]:
    return longest_first("organization:suffixes")


@cache
def _titles() -> tuple[str, ...]:
    return longest_first("person:titles")


def org_spans(text: str, places: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Spans ``(start, end, place_end)`` of organisation names anchored on places.

    Examples:
        >>> org_spans("梁平区委组织部相关负责人", [(0, 3)])
        [(0, 7, 3)]
    """
    # One str.endswith call tests every suffix (none is empty, so a piece of length
    # 0 never ends in one).
    suffixes = _suffixes()
    anchor, _, stop, committee_levels, committee = _rules()
    party = words("common:party-prefix")[0]
    anchors = sorted(places)
    # A bare level word after a boundary also anchors: (作者系)区信访办, 村党委书记.
    for match in finditer_at(anchor, text, _level_word_positions(text)):
        anchors.append((match.start(), match.end()))
    spans = []
    for a_start, a_end in sorted(set(anchors)):
        start = (
            a_start - len(party)
            if text[a_start - len(party) : a_start] == party
            else a_start
        )
        best = None
        for length in range(0, 11):
            end = a_end + length
            if end > len(text) or (length and text[end - 1] in stop):
                break
            if (
                length
                and text[a_end:end].endswith(suffixes)
                and not (best is not None and _cuts_a_title(text, a_end, end))
            ):
                best = end
            # 区委 directly after a place: 梁平区委 (the 区 of the place is shared).
            if (
                length == 0
                and text[a_end - 1 : a_end] in committee_levels
                and text[a_end : a_end + len(committee)] == committee
            ):
                best = a_end + len(committee)
        if best is not None and best > a_end:
            best = _drop_title(text, a_end, best)
            if best > a_end:
                spans.append((start, best, a_end))
    return _longest(spans)


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _titles())))


def _cuts_a_title(text: str, body_start: int, end: int) -> bool:
    """Whether a title starts inside the name and runs on past its end: 铝业有限公司办
    of 铝业有限公司|办公室主任, 管理局局 of 管理局|局长 end in a title's first
    characters, not in the suffixes 办 and 局. Asked only when a shorter name ends in
    a suffix too: 大庆公安局长 keeps 大庆公安局, 村党委书记 村党委."""
    longest = max(map(len, _titles()))
    for at in range(max(body_start, end - longest + 1), end):
        match = _title_pattern().match(text, at)
        if match is not None and match.end() > end:
            return True
    return False


def _drop_title(text: str, body_start: int, end: int) -> int:
    """开州区委常委 is 开州区委 + the title 常委: give the title back."""
    for title in _titles():
        if text[body_start:end].endswith(title) and end - len(title) > body_start:
            return end - len(title)
    return end


def _longest(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    kept: list[tuple[int, int, int]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def extract_organizations(
    doc: Document, places: list[Mention] | None = None
) -> list[Mention]:
    """Find organisation names; ``places`` are the document's place mentions.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("(作者单位:璧山区委组织部)", "t")
        >>> from kg.extract.places import extract_places
        >>> [m.name for m in extract_organizations(doc, extract_places(doc))]
        ['璧山区委组织部']
    """
    place_spans = []
    for mention in places or []:
        start = doc.to_clean(mention.start)
        end = doc.to_clean(mention.end - 1) + 1
        place_spans.append((start, end))
    out = _short_forms(doc)
    spans = [(m.start, m.end) for m in out]
    for start, end, place_end in org_spans(doc.clean, place_spans):
        o_start, o_end = doc.to_original(start, end)
        if any(o_start < b and a < o_end for a, b in spans):
            continue  # 三犁公司: the short form of a name defined in the text
        name = doc.clean[start:end]
        party = words("common:party-prefix")[0]
        canonical = name.removeprefix(party)
        out.append(
            make_mention(
                doc,
                start,
                end,
                "organization",
                "organization:place-suffix",
                {
                    "place_text": doc.clean[start:place_end].removeprefix(party),
                    "canonical": canonical,
                },
            )
        )
    return out


def _short_forms(doc: Document) -> list[Mention]:
    """山西雁门三犁农业科技有限公司(以下简称“三犁公司”): the full name, and every later
    三犁公司 (三犁公司负责人) as that organisation; a party unit written after the
    short form (中国铁建大桥局党委) is the party unit of the full name
    (``organization:pattern.short-form``)."""
    text = doc.clean
    if "(" not in text:
        return []
    stop = _rules()[2]
    suffixes = _suffixes()
    units = longest_first("organization:words.party-units")
    loose = word_set("organization:words.not-name-start-tags")
    tags = word_tags()
    cjk = re.compile(f"[{CJK}]")
    out: list[Mention] = []
    for match in pattern("organization:pattern.short-form").finditer(text):
        end = match.start()
        start = end
        while (
            start > 0
            and end - start < 30
            and text[start - 1] not in stop
            and cjk.match(text, start - 1)
        ):
            start -= 1
        full = text[start:end]
        if len(full) < 4 or not full.endswith(suffixes):
            continue
        # 当地|成立|山西…有限公司: the words before the name are no part of it
        for token in segment(full):
            if len(full) - len(token) < 4 or tags.get(token, "x")[:1] not in loose:
                break
            full, start = full[len(token) :], start + len(token)
        short = match.group("short")
        found = [(start, end, full)]
        at = match.end()
        while (at := text.find(short, at)) >= 0:
            short_end = at + len(short)
            unit = next((u for u in units if text.startswith(u, short_end)), "")
            found.append((at, short_end + len(unit), full + unit))
            at = short_end
        for f_start, f_end, canonical in found:
            out.append(
                make_mention(
                    doc,
                    f_start,
                    f_end,
                    "organization",
                    "organization:short-form",
                    {"place_text": "", "canonical": canonical},
                )
            )
    return out


def written_before(text: str, end: int, extra: tuple[str, ...] = ()) -> int | None:
    """Where the name of an organisation written right before ``end`` starts: from
    the last break (``organization:chars.name-break``, at most 30 characters back),
    past the words that open no name, ending in an organisation word (or one of
    ``extra``); None when there is none (找到了帮扶工作队|队长 → 帮扶工作队).

    Examples:
        >>> t = "我们来认识科学院分子细胞创新中心研究员"
        >>> t[written_before(t, 16) : 16]
        '科学院分子细胞创新中心'
    """
    stop = _rules()[2]
    joiners = chars("link:chars.name-joiners")
    cjk = re.compile(f"[{CJK}]")
    start = end
    while start > 0 and end - start < 30:
        if not cjk.match(text, start - 1):
            break
        if text[start - 1] in stop:
            # 人力资源和社会保障局: 和 joins two words of one name when the stretch
            # before it holds no title (not 书记王某和|村委会)
            back = start - 1
            while back > 0 and text[back - 1] not in stop and cjk.match(text, back - 1):
                back -= 1
            before = text[back : start - 1].replace(
                words("link:words.committee-word")[0], ""
            )
            if (
                text[start - 1] not in joiners
                or end - back >= 30
                or _title_pattern().search(before)
                or any(
                    word_tags().get(t, "x").startswith("nr") for t in segment(before)
                )
            ):
                break
            start = back
            break
        start -= 1
    full = text[start:end]
    # the longest organisation word the stretch ends in (研究所, not 所): the words
    # before it are read as the name's own
    suffix = max(
        (s for s in (*extra, *_suffixes()) if full.endswith(s)), key=len, default=None
    )
    if suffix is None or len(full) <= len(suffix):
        return None
    loose = word_set("organization:words.not-name-start-tags")
    tags = word_tags()
    # 我们|来|认识|中国科学院…中心: the words before the name are no part of it; a
    # word before the organisation word stays (帮扶|工作队)
    for token in segment(full):
        if (
            len(full) - len(token) <= len(suffix)
            or tags.get(token, "x")[:1] not in loose
        ):
            break
        full, start = full[len(token) :], start + len(token)
    # 在京|会见|某国国民委员会, 当天|援引|某国安全委员会: a verb or other word of
    # those kinds inside the stretch opens the name after it
    inner = word_set("link:words.org-opening-tags")
    openers = word_set("link:words.org-opening-words")
    at = start
    for token in segment(full):
        at += len(token)
        if end - at <= len(suffix):
            break
        if token in openers or (tags.get(token, "x") in inner and token not in joiners):
            start = at
    return start
