"""Places: administrative divisions from the gazetteer, plus zones and landmarks.

Matching runs on ``doc.clean`` with an Aho–Corasick automaton (longest match first),
then each hit is resolved to one division by the places around it: an enclosing place
in the same address, sentence, paragraph, article or document. A name that context
cannot decide keeps its level and gets no code rather than a guessed one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

import ahocorasick_rs

from kg.extract._context import (
    CJK,
    common_words,
    finditer_at,
    jieba_words,
    make_mention,
    word_freq,
    word_tags,
)
from kg.extract._tagger import segment, tag
from kg.lang import trace
from kg.lang.gazetteer import (
    RANK as RANK,
)
from kg.lang.gazetteer import (
    TOWN_LEVELS,
    Gazetteer,
    load_gazetteer,
    town_stems,
    village_towns,
)
from kg.lang.rules import (
    Rule,
    alternation,
    chars,
    guards,
    longest_first,
    pattern,
    table,
    word_set,
    word_sources,
    word_values,
    words,
)
from kg.model import Document, Mention
from kg.resources import load_lines, load_table

# Proximity weights for context: a place named in the same address outweighs one in
# the same sentence, which outweighs one in the same paragraph, article, document.
_W_ADDRESS, _W_SENTENCE, _W_PARAGRAPH, _W_ARTICLE, _W_DOCUMENT = 100, 8, 4, 2, 1


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    key: str
    candidates: list[tuple[str, str]]
    chosen: str | None = None
    level: str | None = None
    rule: str = "place:gazetteer"
    parent_hint: _Hit | None = None  # the hit an address tail is attached to
    town: str | None = None  # the town a village of the village table lies in


@cache
def _suffix_levels() -> tuple[tuple[str, str], ...]:
    """(level word, level) of the rows of ``place:level-from-name`` that name a
    town or village level by a word after a stem, longest word first."""
    rows = []
    for row, _ in table("place:level-from-name").rows:
        for word in row.spec["when"].get("ends_with_stem", ()):
            rows.append((word, str(row.spec["then"])))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def level_from_name(name: str) -> str | None:
    """The level a name's last word implies (双凤镇 → town), if any
    (``place:level-from-name``).

    Examples:
        >>> level_from_name("兴隆村"), level_from_name("梁山街道"), level_from_name("梁平")
        ('village', 'subdistrict', None)
    """
    level, _ = table("place:level-from-name").decide({"text": name})
    return level  # type: ignore[no-any-return]


# The inputs the guards of the stage "gazetteer" can test (kg/rules/place/gazetteer.toml),
# each made from (text, start, end, key, kind, place_follows) when first asked for.
_GazetteerHit = tuple[str, int, int, str, str, bool]


def _stem(key: str) -> str:
    """A name without its village or community word (先进村 → 先进)."""
    for word in _stem_words():
        key = key.removesuffix(word)
    return key


@cache
def _stem_words() -> tuple[str, ...]:
    return words("place:words.stem-suffixes")


def _longer_words_pos(hit: _GazetteerHit) -> tuple[str, ...]:
    text, start, end = hit[0], hit[1], hit[2]
    tags = word_tags()
    one, two = tags.get(text[start : end + 1]), tags.get(text[start : end + 2])
    if one is None:
        return () if two is None else (two,)
    return (one,) if two is None else (one, two)


def _quoted_whole(hit: _GazetteerHit) -> bool:
    quoted = hit[0][hit[1] - 1 : hit[2] + 1]
    return quoted[0] in '“"' and quoted[-1] in '”"'


def _cut_across(hit: _GazetteerHit) -> bool:
    """Whether jieba cuts words across both ends of the name: one word runs into its
    first characters from before it, another out of its last ones (抢修|水利 over
    修水, 治安|平稳 over 安平). A word holding the whole name (驻澳门部队) does not."""
    text, start, end = hit[0], hit[1], hit[2]
    pos = max(0, start - 4)
    into = out_of = False
    for word, _ in _tag(text[pos : end + 4]):
        after = pos + len(word)
        into = into or pos < start < after < end
        out_of = out_of or start < pos < end < after
        pos = after
    return into and out_of


def _cut_into_pos(hit: _GazetteerHit) -> str:
    """jieba's tag of the word it cuts into the name's first characters from before
    (亚运|城市 over 运城市: j), empty when a word boundary opens the name."""
    text, start, end = hit[0], hit[1], hit[2]
    pos = max(0, start - 4)
    for word, flag in _tag(text[pos:end]):
        after = pos + len(word)
        if pos < start < after:
            return flag
        if after > start:
            break
        pos = after
    return ""


# one entry: the guard inputs opened_word_pos and opened_word_rest ask for the same hit
# one after the other, and jieba should cut its sentence once
@lru_cache(maxsize=1)
def _opened_word(hit: _GazetteerHit) -> tuple[str, str]:
    """The word jieba cuts in the sentence that opens at the name's first character
    and runs past its end (大通|道 over 大通, 安居|乐业 over 安居), as its tag and the
    characters after the name; ("", "") when the name ends on a word boundary."""
    text, start, end = hit[0], hit[1], hit[2]
    pos = max(0, start - 4)
    for word, flag in _tag(text[pos : end + 6]):
        after = pos + len(word)
        if pos == start and after > end:
            return flag, text[end:after]
        if after > start:
            break
        pos = after
    return "", ""


def _top_level(key: str) -> str:
    """The highest level among the divisions a name can be (长沙: prefecture)."""
    gazetteer = load_gazetteer()
    levels = (gazetteer.divisions[c].level for c, _ in gazetteer.keys[key])
    return min(levels, key=lambda level: RANK[level])


def _word_head(hit: _GazetteerHit) -> str:
    """The characters before the name of the word jieba cuts that holds it (高黎 of
    高黎贡山 over 贡山, 海 of 海陆丰 over 陆丰, 半壁 of 半壁江山 over 江山); "" when the
    name opens its word, is cut as a word of its own or across words, or when the head
    is itself a place name (吉林长春, 广西南宁: a place and its city)."""
    text, start, end = hit[0], hit[1], hit[2]
    pos = max(0, start - 6)
    for word in segment(text[pos : end + 6]):
        after = pos + len(word)
        if pos < start and end <= after:
            head = text[pos:start]
            return "" if head in load_gazetteer().keys else head
        if after > start:
            return ""
        pos = after
    return ""


def _lone_end_pos(hit: _GazetteerHit) -> str:
    """jieba's tag of the name's first or last character when jieba cuts it as a
    word of one character and the rest of the name into a word that runs past the
    name (和|政府 over 和政, 新|和 after 名特优新 over 新和); "" otherwise."""
    text, start, end = hit[0], hit[1], hit[2]
    pos = max(0, start - 4)
    words_at: list[tuple[int, int, str]] = []
    for word, flag in _tag(text[pos : end + 4]):
        words_at.append((pos, pos + len(word), flag))
        pos += len(word)
    for a, b, flag in words_at:
        if (a, b) == (start, start + 1) and any(
            x == b and y > end for x, y, _ in words_at
        ):
            return flag
        if (a, b) == (end - 1, end) and any(
            x < start and y == a for x, y, _ in words_at
        ):
            return flag
    return ""


def _listed_level(hit: _GazetteerHit) -> str:
    """The highest level the name can be when it is listed next to another division
    name with a 、 (新乡、开封、周口), else "": a list of places reads each item as one."""
    text, start, end = hit[0], hit[1], hit[2]
    gazetteer = load_gazetteer()
    if text[end : end + 1] == "、":
        after = gazetteer.find(text[end + 1 : end + 1 + _MAX_NAME])
        if after and after[0][0] == 0:
            return _top_level(hit[3])
    if start > 0 and text[start - 1] == "、":
        lo = max(0, start - 1 - _MAX_NAME)
        before = gazetteer.find(text[lo : start - 1])
        if before and lo + before[-1][1] == start - 1:
            return _top_level(hit[3])
    return ""


def _place_out_of_end(hit: _GazetteerHit) -> bool:
    """Whether jieba cuts a place name (ns) that starts inside the name and runs out
    of its end (从|江苏 over 从江, 来|安徽 over 来安)."""
    text, start, end = hit[0], hit[1], hit[2]
    pos = max(0, start - 4)
    for word, flag in _tag(text[pos : end + 4]):
        after = pos + len(word)
        if start < pos < end < after:
            return flag == "ns"
        if pos >= end:
            return False
        pos = after
    return False


_GAZETTEER_INPUTS: dict[str, Callable[[_GazetteerHit], object]] = {
    "key": lambda h: h[3],
    "kind": lambda h: h[4],
    "place_follows": lambda h: h[5],
    "next": lambda h: h[0][h[2] : h[2] + 1],
    "prev": lambda h: h[0][h[1] - 1 : h[1]],
    "prev2": lambda h: h[0][max(0, h[1] - 2) : h[1]],
    "around": lambda h: h[0][h[1] - 1 : h[1] + 1],
    "before_pos": lambda h: word_tags().get(h[0][max(0, h[1] - 2) : h[1]], ""),
    "stem": lambda h: _stem(h[3]),
    "longer_words_pos": _longer_words_pos,
    "in_quotes": lambda h: _inside_quotes(h[0], h[1], h[2]),
    "quoted_whole": _quoted_whole,
    "cut_across": _cut_across,
    "cut_into_pos": _cut_into_pos,
    "word_head": _word_head,
    "place_out_of_end": _place_out_of_end,
    "lone_end_pos": _lone_end_pos,
    "listed_level": _listed_level,
    "top_level": lambda h: _top_level(h[3]),
    "opened_word_pos": lambda h: _opened_word(h)[0],
    "opened_word_rest": lambda h: _opened_word(h)[1],
    "around_pos": lambda h: word_tags().get(h[0][h[1] - 1 : h[1] + 1], ""),
    "outward_pos": lambda h: word_tags().get(h[0][h[2] - 1 : h[2] + 1], ""),
}
_GAZETTEER_INPUT_NAMES = tuple(_GAZETTEER_INPUTS)
# Inputs that run jieba around the name: tested after a guard's other conditions
# (a short form's word_head after its top_level: half the short forms in bulk news
# are provinces', which that guard leaves alone).
_GAZETTEER_COSTLY = (
    "word_head",
    "cut_across",
    "cut_into_pos",
    "place_out_of_end",
    "lone_end_pos",
    "listed_level",
    "opened_word_pos",
    "opened_word_rest",
)


@cache
def _gazetteer_guard() -> Callable[[_GazetteerHit], Rule | None]:
    """The guards against gazetteer names inside ordinary words, as one function of
    ``(text, start, end, key, kind, place_follows)``: the guard that turns the name
    down, or None. ``place_follows``: another name starts right after this one."""
    return guards("place", "gazetteer", _GAZETTEER_INPUT_NAMES).matcher(
        _GAZETTEER_INPUTS, costly=_GAZETTEER_COSTLY
    )


def extract_places(doc: Document) -> list[Mention]:
    """Find places: divisions with level and code, zones and landmarks.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("在梁平区梁山街道八角社区,", "t")
        >>> [(m.name, m.attrs["level"], m.attrs["code"]) for m in extract_places(doc)]
        [('梁平区', 'district', '500155'), ('梁山街道', 'subdistrict', '500155001'), ('八角社区', 'community', None)]
    """
    gazetteer = load_gazetteer()
    blocked = _gazetteer_guard()
    text = doc.clean
    hits: list[_Hit] = []
    raw = gazetteer.find(text)
    starts = {start for start, _, _ in raw}
    pending = list(reversed(raw))
    while pending:
        start, end, key = pending.pop()
        candidates = gazetteer.keys[key]
        kinds = {kind for _, kind in candidates}
        kind = (
            "full" if "full" in kinds else ("former" if "former" in kinds else "short")
        )
        guard = blocked((text, start, end, key, kind, end in starts))
        if guard is not None:
            if trace.active():
                trace.rejected(doc, start, end, "place", guard.id)
            if guard.id == _BEFORE_PLACE:
                # 从|江苏: the place that starts inside the name turned down
                again = gazetteer.find(text[start + 1 : end + _MAX_NAME])
                if again and start + 1 + again[0][0] < end:
                    a, b, k = again[0]
                    pending.append((start + 1 + a, start + 1 + b, k))
            continue
        hits.append(_Hit(start, end, key, candidates, rule=f"place:{_RULE[kind]}"))
    hits.sort(key=lambda h: h.start)
    hits = _add_address_tails(text, hits, gazetteer)
    hits = _repeat_address_tails(text, hits)
    _resolve(doc, hits, gazetteer)
    _renamed_towns(hits, gazetteer)
    ends = {h.end for h in hits if h.chosen}
    confirmed = {h.chosen for h in hits if h.start in ends}
    index = _HitIndex(hits, gazetteer)
    kept = [h for h in hits if _keep(h, index, gazetteer, confirmed, text)]
    if trace.active() and len(kept) < len(hits):
        kept_ids = {id(h) for h in kept}
        for h in hits:
            if id(h) not in kept_ids:
                trace.rejected(
                    doc, h.start, h.end, "place", "place:context.unsupported"
                )
    hits = kept + _parents_in_names(kept, gazetteer)
    hits = sorted(hits + _coordinated(text, hits, gazetteer), key=lambda h: h.start)
    hits = sorted(hits + _table_villages(text, hits, gazetteer), key=lambda h: h.start)
    _listed_village_towns(hits, gazetteer)
    mentions = [_to_mention(doc, h, hits, gazetteer) for h in hits]
    mentions.extend(_zones_and_landmarks(doc, hits, gazetteer))
    stops = word_sources("place:stopnames")
    if any(m.name in stops for m in mentions):
        # A stop-name is no place by any stage (a pack's 双桂街道 after 梁平区 is no
        # address tail either); the rule listing it is the one that rejects it.
        for m in mentions:
            if m.name in stops and trace.active():
                trace.rejected(doc, *_clean_span(doc, m), "place", stops[m.name])
        mentions = [m for m in mentions if m.name not in stops]
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _clean_span(doc: Document, mention: Mention) -> tuple[int, int]:
    return doc.to_clean(mention.start), doc.to_clean(mention.end - 1) + 1


_RULE = {"full": "gazetteer", "short": "short-form", "former": "former-name"}
# the guard after which the place starting inside the turned-down name is looked for
_BEFORE_PLACE = "place:guard.short-form-before-place"


@cache
def _sorted_stems(district: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(town_stems().get(district, {}).items()))


_ONE_CJK = re.compile(f"[{CJK}]")

_STEM = f"[{CJK}]{{2,3}}"


@cache
def _list_patterns() -> dict[str, re.Pattern[str]]:
    """The coordinators, the level words of lists, and a list whose level word is
    written once (方舟、秀水社区), from kg/rules/place/words.toml."""
    coordinators = chars("place:chars.coordinators")
    levels = alternation("place:words.list-levels")
    return {
        "sep": re.compile(f"[{coordinators}]"),
        "level_word": re.compile(levels),
        # 方舟、秀水社区; 红星、光明、新华3个村 (place:pattern.list-count)
        "level_list": re.compile(
            f"((?:{_STEM}[{coordinators}])+)({_STEM}?)"
            f"((?:{pattern('place:pattern.list-count').pattern})?)({levels})"
        ),
    }


@cache
def _function_chars() -> frozenset[str]:
    """Characters no place name holds, ``至`` among them."""
    return frozenset(
        chars("place:chars.function") + chars("place:chars.function-range")
    )


def _coordinated(text: str, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Places written without their level word inside a list.

    - 健康和正阳社区卫生服务中心, 黔江濯水: town stems of a district the document
      names, listed with a sibling or written right after their district;
    - 方舟、秀水社区: the level word written once for the whole list.
    """
    taken = _Spans((h.start, h.end) for h in hits)
    districts = {
        h.chosen
        for h in hits
        if h.chosen and RANK[gazetteer.divisions[h.chosen].level] == 3
    }
    found: dict[tuple[int, int], _Hit] = {}
    coordinators = chars("place:chars.coordinators")
    town_words = tuple(words("place:words.town-levels"))
    function_chars = _function_chars()

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    # Town stems under a named district.
    occurrences = _stem_occurrences(text, sorted(districts))
    ends = {o[1]: o for o in occurrences}
    starts = {o[0]: o for o in occurrences}
    by_end = {h.end: h for h in hits if h.chosen}
    short_words = word_values("place:words.subdistrict-short")
    for a, b, cid in occurrences:
        if not free(a, b) or text[b : b + 2].startswith(town_words):
            continue
        division = gazetteer.divisions[cid]
        word = text[b : b + 1]
        if (
            word in short_words
            and division.name.endswith(short_words[word])
            and a in by_end
            and by_end[a].chosen == division.parent
            and (
                not _ONE_CJK.match(text[b + 1 : b + 2])
                or text[b + 1 : b + 2] in function_chars
            )
        ):
            # 武昌区黄鹤楼街的…: 黄鹤楼街道 written with 街 (place:words.subdistrict-short)
            found[(a, b + 1)] = _Hit(
                a,
                b + 1,
                text[a : b + 1],
                [(cid, "short")],
                chosen=cid,
                rule="place:listed-short",
            )
            continue
        listed = (text[b : b + 1] in coordinators and (b + 1) in starts) or (
            text[a - 1 : a] in coordinators and (a - 1) in ends
        )
        # 黔江濯水、酉阳…: district and stem form the whole name (not 海拉尔东山组团).
        after_district = (
            a in by_end
            and by_end[a].chosen == gazetteer.divisions[cid].parent
            and (
                not _ONE_CJK.match(text[b : b + 1]) or text[b : b + 1] in function_chars
            )
        )
        if listed or after_district:
            found[(a, b)] = _Hit(
                a, b, text[a:b], [(cid, "short")], chosen=cid, rule="place:listed-short"
            )
    # A level word written once for a list: 方舟、秀水社区.
    for m in _level_lists(text):
        level_word = m.group(4)
        items = [*_list_patterns()["sep"].split(m.group(1))[:-1], m.group(2)]
        first = m.start()
        if len(items[0]) == 3 and not _list_item_ok(items[0]):
            items[0] = items[0][1:]  # 在|李家、杨柳、双河3个村: a stem of two
            first += 1
        if any(not _list_item_ok(item) for item in items):
            continue
        # Every item one noun-like word, the level word a word of its own:
        # 懂农业、懂技术 and 净化、美化农村 are not lists of villages.
        listed = text[first : m.end(2)]
        # With a count (李家、杨柳、双河3个村) the level word is not next to the last
        # item: the items alone are tagged.
        if m.group(3):
            # With a count (李家、杨柳、双河3个村; 六道沟、思家岭、罗圈厂3个村) the
            # level word is not next to the last item: the items alone are tagged,
            # each one word or more (jieba cuts unknown names), none a verb, an
            # adverb, a pronoun or a function word.
            if not _names_by_tags(listed, items, coordinators):
                continue
        else:
            tokens = _tag(listed + level_word)
            token_words = [w for w, _ in tokens if w not in coordinators]
            flags = [f for w, f in tokens if w not in coordinators]
            if token_words != [*items, level_word] or any(
                f not in _NAME_FLAGS - {"m"} for f in flags[:-1]
            ):
                continue
        if first > 0 and _ONE_CJK.match(text[first - 1]):
            if not _tag_boundary(text, first):
                continue
        pos = first
        for item in items:
            a, b = pos, pos + len(item)
            pos = b + 1
            if not free(a, b):
                continue
            name = item + level_word
            written = item == m.group(2) and not m.group(3)  # its level word follows
            end = b + len(level_word) if written else b
            found.setdefault(
                (a, end),
                _Hit(
                    a, end, name, [], level=level_from_name(name), rule="place:listed"
                ),
            )
    return list(found.values())


def _stem_occurrences(text: str, districts: list[str]) -> list[tuple[int, int, str]]:
    """Every occurrence of a town stem of ``districts`` as ``(start, end, town id)``,
    overlapping ones included, ordered by district, stem, then position.

    One pass of an automaton over the text: a search per stem (``str.find``) cost the
    length of the text times the stems of every district the document names, which
    grows with the document (a yearbook names hundreds of districts).
    """
    stems = [(stem, cid) for d in districts for stem, cid in _sorted_stems(d)]
    if not stems:
        return []
    keys = sorted({stem for stem, _ in stems})
    at: dict[str, list[int]] = defaultdict(list)
    automaton = ahocorasick_rs.AhoCorasick(keys)
    for index, start, _ in automaton.find_matches_as_indexes(text, overlapping=True):
        at[keys[index]].append(start)
    return [
        (start, start + len(stem), cid)
        for stem, cid in stems
        for start in sorted(at.get(stem, ()))
    ]


def _names_by_tags(listed: str, items: list[str], coordinators: str) -> bool:
    """Whether jieba cuts a listed run at every item's ends and tags none of its
    words as a verb, adverb, pronoun, conjunction, preposition or particle
    (place:words.list-count-not-name-tags)."""
    cuts, pos = set(), 0
    for word, flag in _tag(listed):
        if word not in coordinators and flag.startswith(
            tuple(words("place:words.list-count-not-name-tags"))
        ):
            return False
        pos += len(word)
        cuts.add(pos)
    pos = 0
    for item in items:
        pos += len(item)
        if pos not in cuts:
            return False
        pos += 1  # the coordinator
    return True


def _level_lists(text: str) -> Iterator[re.Match[str]]:
    """The level-list pattern's ``finditer(text)``, trying only where a match can
    start.

    A match opens with a stem of two or three characters and a coordinator, so it
    starts two or three characters before one of 、和及与. finditer tries every
    position and goes on from the end of each match; trying only those positions,
    in order, finds the same matches (re scanned every CJK run: 5 % of the places).
    Every match ends in a level word: a text with none (four texts in five) has no
    match, and one search for them settles it.
    """
    patterns = _list_patterns()
    if patterns["level_word"].search(text) is None:
        return iter(())
    starts = {
        sep.start() - gap for sep in patterns["sep"].finditer(text) for gap in (2, 3)
    }
    return finditer_at(patterns["level_list"], text, sorted(starts))


def _list_item_ok(item: str) -> bool:
    return (
        len(item) >= 2
        and item not in common_words()
        and not set(item) & _function_chars()
        and item not in word_set("place:landmark-stop-prefixes")
    )


def _tag_boundary(text: str, at: int) -> bool:
    """Whether jieba puts a word boundary at ``at`` (tagging a small window only)."""
    window_start = max(0, at - 6)
    pos = window_start
    for word, _ in _tag(text[window_start : at + 4]):
        if pos == at:
            return True
        if pos > at:
            return False
        pos += len(word)
    return pos == at


# The level of a village's group (郭庄组, a 村民小组): place:pattern.group-tail.
_GROUP_LEVEL = "neighbourhood"


def _add_address_tails(text: str, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Places the gazetteer lacks but a compound address makes certain.

    城口县高燕镇红军村: after a known town, "红军村" is a village even when no village
    list covers that province.
    """
    by_start = {h.start: h for h in hits}
    tail = pattern("place:pattern.address-tail")
    group = pattern("place:pattern.group-tail")
    count = pattern("place:pattern.list-count")
    function_chars = frozenset(chars("place:chars.function"))
    not_tails = word_set("place:words.not-address-tail")
    added: list[_Hit] = []
    after_city: list[tuple[_Hit, _Hit | None]] = []
    replaced: set[int] = set()
    for hit in hits:
        follower = by_start.get(hit.end)
        if follower is not None:
            parents = {c for c, _ in hit.candidates}
            if any(
                parents.intersection(gazetteer.ancestors(c))
                for c, _ in follower.candidates
            ):
                continue  # 梁平区|梁山街道: the gazetteer knows the child
            # 蒲江县|明月村: a Chongqing village name after a Sichuan county is the
            # county's own village, which no village list covers.
        ranks = [RANK[gazetteer.divisions[c].level] for c, _ in hit.candidates]
        if ranks and min(ranks) == 2:
            # 兰州|枣林西社区: it replaces a shorter name the gazetteer found inside
            # it (鄂尔多斯市|安达|社区), not one it found whole (合肥|龙湖社区)
            community = _community_after_city(text, hit)
            if community is None:
                continue
            if follower is not None and follower.end >= community.end:
                continue
            after_city.append((community, follower))
            continue
        if not ranks or min(ranks) < 3 or min(ranks) > 5:
            continue
        match = tail.match(text, hit.end)
        level = None
        if match is None:
            match = group.match(text, hit.end)  # 江宁区郭庄组: a village's group
            if (
                match is None
                or match.group()[:-1] in common_words()
                or not _whole_word(text, match.start(), match.end())
                or text[match.end() - 2 : match.end()] in word_tags()
            ):
                # 江宁区工作组: a working group; 赛区组织: 组 opens a word; 核电机组:
                # 组 ends one (机组)
                continue
            level = _GROUP_LEVEL
        if text[match.end() - 1 : match.end() + 1] in not_tails:
            continue  # 发展乡村: the word 乡村
        name = match.group()
        if function_chars.intersection(name) or count.match(name):
            continue  # 梁平区两个社区: a count, not a name
        level = level or level_from_name(name)
        if level is None or RANK.get(level, 0) <= min(ranks):
            continue
        if follower is not None:
            if (follower.start, follower.end) != match.span():
                continue
            replaced.add(id(follower))
        added.append(
            _Hit(
                match.start(),
                match.end(),
                name,
                [],
                level=level,
                rule="place:address-tail",
                parent_hint=hit,
            )
        )
    # 福州|军门社区 after 鼓楼区军门社区: the same community, which the fuller address
    # places better (place:repeat.address-tail then takes the bare mention)
    fuller = {h.key for h in added}
    for community, inside in after_city:
        if community.key not in fuller:
            added.append(community)
            if inside is not None:
                replaced.add(id(inside))
    kept = [h for h in hits if id(h) not in replaced]
    return sorted(kept + added, key=lambda h: h.start)


def _community_after_city(text: str, city: _Hit) -> _Hit | None:
    """A community written right after its city, the district left out (兰州|枣林西社区,
    宁波市|海晏社区): place:pattern.community-after-city, when the name is no common
    word and jieba tags none of its words as a verb, pronoun or function word."""
    match = pattern("place:pattern.community-after-city").match(text, city.end)
    if match is None:
        return None
    stem = match.group(1)
    if (
        stem in common_words()
        or frozenset(chars("place:chars.function")).intersection(stem)
        or not _whole_word(text, match.start(), match.end())
        or any(
            flag in words("place:words.community-stem-not-tags")
            for _, flag in _tag(stem)
        )
    ):
        return None
    return _Hit(
        match.start(),
        match.end(),
        match.group(),
        [],
        level=level_from_name(match.group()),
        rule="place:address-tail",
        parent_hint=city,
    )


def _repeat_address_tails(text: str, hits: list[_Hit]) -> list[_Hit]:
    """The later bare mentions of a village an address named (长兴县新川村 … 新川村的企业):
    one sense per document (place:repeat.address-tail)."""
    levels = tuple(words("place:repeat.address-tail"))
    tails = {
        h.key: h
        for h in reversed(hits)
        if h.rule == "place:address-tail" and len(h.key) >= 3 and h.key.endswith(levels)
    }
    if not tails:
        return hits
    taken = _Spans((h.start, h.end) for h in hits)
    added: list[_Hit] = []
    for name, first in sorted(tails.items()):
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            if not taken.overlaps(at, end) and _whole_word(text, at, end):
                added.append(
                    _Hit(
                        at,
                        end,
                        name,
                        [],
                        level=first.level,
                        rule="place:repeat.address-tail",
                        parent_hint=first.parent_hint,
                    )
                )
            at = text.find(name, end)
    return sorted(hits + added, key=lambda h: h.start) if added else hits


def _resolve(doc: Document, hits: list[_Hit], gazetteer: Gazetteer) -> None:
    """Choose one division per hit from the places around it (two passes)."""
    positions = [
        (
            doc.sentence_index(h.start),
            doc.paragraph_index(h.start),
            doc.article_index(h.start),
        )
        for h in hits
    ]
    for h in hits:
        ids = {c for c, _ in h.candidates}
        if len(ids) == 1:
            h.chosen = next(iter(ids))
    context = _Context(hits, positions, gazetteer)
    # Sentences naming a province or prefecture for sure (上海、武汉、长沙等地): there a
    # short form is a place among places, not part of a word (新乡贤).
    city_sentences = {
        positions[i][0]
        for i, h in enumerate(hits)
        if h.chosen and RANK[gazetteer.divisions[h.chosen].level] <= 2
    }
    # Divisions written in full (南昌县): a short form may then mean them.
    written = {h.chosen for h in hits if h.chosen and not _short(h)}
    for _ in range(2):
        for i, h in enumerate(hits):
            ids = sorted({c for c, _ in h.candidates})
            if len(ids) <= 1:
                continue
            context.remove(i)  # a hit is no context for itself
            city = None
            if positions[i][0] in city_sentences:
                city = _prefecture_first(ids, gazetteer)
            if city is not None and _whole_word(doc.clean, h.start, h.end):
                h.chosen = city  # 长沙 among 上海、武汉: not 长沙县 (孙中山: no word)
            elif (
                city := _city_by_default(doc, h, ids, context, i, written)
            ) is not None:
                h.chosen = city  # 在南昌 with 江西 around: not 南昌县, nor no place
            else:
                scores = {cid: context.support(cid, i) for cid in ids}
                best = max(scores.values())
                winners = [c for c, s in scores.items() if s == best]
                h.chosen = winners[0] if best > 0 and len(winners) == 1 else None
            context.add(i)


def _renamed_towns(hits: list[_Hit], gazetteer: Gazetteer) -> None:
    """A township written by its old name after it became a town (龙门乡 → 龙门镇,
    乡 → 镇 or 街道): when the division a town-level name resolves to lies in no
    county the document names, while exactly one county the document names holds a
    town-level division of the same stem, the name is that division
    (place:renamed-town)."""
    counties = _document_counties(hits, gazetteer)
    if not counties:
        return
    named = {h.chosen for h in hits if h.chosen}
    levels = words("place:words.town-levels")
    for h in hits:
        if h.chosen is None or gazetteer.divisions[h.chosen].level not in TOWN_LEVELS:
            continue
        above = gazetteer.ancestors(h.chosen)
        if any(a in named and RANK[gazetteer.divisions[a].level] == 3 for a in above):
            continue  # its county is named: the name is that county's township
        stem = next((h.key[: -len(w)] for w in levels if h.key.endswith(w)), None)
        if stem is None or len(stem) < 2:
            continue
        found = {
            town
            for county in counties
            if (town := town_stems().get(county, {}).get(stem)) is not None
        }
        if len(found) == 1 and h.chosen not in found:
            h.chosen = found.pop()
            h.rule = "place:renamed-town"


def _parents_in_names(hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """The places a division's name opens with, when they enclose it (河北雄安新区
    names 河北省, 苏州工业园区 苏州市): a place named inside another name counts
    (place:parent-in-name)."""
    found = []
    seen = {(h.start, h.chosen) for h in hits}
    for h in hits:
        if h.chosen is None:
            continue
        for above in gazetteer.ancestors(h.chosen):
            division = gazetteer.divisions[above]
            for form, kind in ((division.name, "full"), (division.short, "short")):
                if (
                    form
                    and len(form) >= 2
                    and len(form) + 2 <= len(h.key)
                    and h.key.startswith(form)
                    and (h.start, above) not in seen
                ):
                    seen.add((h.start, above))
                    found.append(
                        _Hit(
                            h.start,
                            h.start + len(form),
                            form,
                            [(above, kind)],
                            chosen=above,
                            rule="place:parent-in-name",
                        )
                    )
    return found


def _prefecture_first(ids: list[str], gazetteer: Gazetteer) -> str | None:
    """The prefecture among a short form's candidates when every other one lies inside
    it (长沙: 长沙市 and its 长沙县; 东莞: the prefecture and its city): in a sentence
    naming other cities, a city's short name is its usual name
    (place:short-form.prefecture-first). None otherwise."""
    prefectures = [c for c in ids if gazetteer.divisions[c].level in _CITY_LEVELS]
    if len(prefectures) != 1:
        return None
    city = prefectures[0]
    inside = all(c == city or city in gazetteer.ancestors(c) for c in ids)
    return city if inside else None


def _city_by_default(
    doc: Document,
    hit: _Hit,
    ids: list[str],
    context: _Context,
    i: int,
    written: set[str],
) -> str | None:
    """The prefecture among a short form's candidates (南昌: 南昌市, 南昌县; 西安:
    西安市, Liaoyuan's 西安区) when the short form is a place word standing alone and
    the document points at no other candidate more than at the city, the city's own
    mentions left out (they lie above 南昌县 and would pull every 南昌 down to it)
    and no other candidate written in full (place:short-form.city-by-default)."""
    if not _short(hit):
        return None
    gazetteer = context.gazetteer
    cities = [c for c in ids if gazetteer.divisions[c].level in _CITY_LEVELS]
    if len(cities) != 1 or any(c in written for c in ids if c != cities[0]):
        return None
    city = cities[0]
    name = gazetteer.divisions[city].name
    if any(gazetteer.divisions[c].name == name for c in ids if c != city):
        return None  # 中山: the prefecture and its namesake city (中山站 too)
    if not _place_word(hit.key) or not _whole_word(doc.clean, hit.start, hit.end):
        return None
    own = context.support(city, i)
    # A province named somewhere in the document is no reason to read a city's usual
    # name as a namesake district of that province (西安 with 吉林 elsewhere is not
    # Liaoyuan's 西安区): only the district's own city, or a place near it, is.
    others = max(
        context.support(c, i, skip=city, provinces=False) for c in ids if c != city
    )
    return city if own >= others else None


# The weight of another place at each distance (_W_SENTENCE … _W_DOCUMENT) when it
# lies above the candidate, and when it lies below it (half: 1 // 2 == 0).
_ABOVE_WEIGHTS = (_W_SENTENCE, _W_PARAGRAPH, _W_ARTICLE, _W_DOCUMENT)
_BELOW_WEIGHTS = tuple(w // 2 for w in _ABOVE_WEIGHTS)


class _Context:
    """The places chosen so far, counted per sentence, paragraph, article and document.

    ``support(cid, i)`` is the sum, over every other hit, of the weight of its
    distance to hit ``i`` when its division lies above ``cid`` (half when below): the
    sum of a loop over all hits, computed from counts, so that resolving a document
    costs its number of hits, not their square (a 600,000-character text took 27 s).
    A sentence lies in one paragraph and a paragraph in one article (every paragraph
    starts a sentence, every article a paragraph), so the counts nest.
    """

    def __init__(
        self,
        hits: list[_Hit],
        positions: list[tuple[int, int, int]],
        gazetteer: Gazetteer,
    ) -> None:
        self.hits = hits
        self.positions = positions
        self.gazetteer = gazetteer
        # (division, scope, index) -> hits: the division chosen (above), or one of
        # its ancestors (below); scope 0 sentence, 1 paragraph, 2 article, 3 document.
        self.above: Counter[tuple[str, int, int]] = Counter()
        self.below: Counter[tuple[str, int, int]] = Counter()
        self.by_end: dict[int, list[int]] = defaultdict(list)
        self.by_start: dict[int, list[int]] = defaultdict(list)
        self.counted: list[str | None] = [None] * len(hits)
        for i, h in enumerate(hits):
            self.by_end[h.end].append(i)
            self.by_start[h.start].append(i)
            self.add(i)

    def _keys(self, i: int) -> tuple[tuple[int, int], ...]:
        sentence, paragraph, article = self.positions[i]
        return ((0, sentence), (1, paragraph), (2, article), (3, 0))

    def add(self, i: int) -> None:
        """Count hit ``i`` with the division it has chosen now."""
        chosen = self.hits[i].chosen
        self.counted[i] = chosen
        self._count(i, chosen, 1)

    def remove(self, i: int) -> None:
        """Stop counting hit ``i``."""
        self._count(i, self.counted[i], -1)
        self.counted[i] = None

    def _count(self, i: int, chosen: str | None, step: int) -> None:
        if chosen is None:
            return
        for scope, index in self._keys(i):
            self.above[chosen, scope, index] += step
            for ancestor in self.gazetteer.ancestors(chosen):
                self.below[ancestor, scope, index] += step

    def support(
        self, cid: str, i: int, skip: str | None = None, provinces: bool = True
    ) -> int:
        """How strongly the other places of the document point at division ``cid``.

        Every named place above ``cid`` adds its proximity weight, so a village under
        the named town beats a village that only shares the district. A village needs
        a place at district level or below: 重庆 alone says nothing about which 兴隆村
        is meant. A place below ``cid`` adds half its weight. ``skip``: an ancestor
        left out (the city, when weighing its namesake county against it).
        ``provinces``: False to leave out provinces too, but in the same address.
        """
        gazetteer = self.gazetteer
        ancestors = set(gazetteer.ancestors(cid))
        village = RANK[gazetteer.divisions[cid].level] >= 5
        counted = [
            a
            for a in ancestors
            if a != skip and not (village and RANK[gazetteer.divisions[a].level] < 3)
        ]
        far = [
            a for a in counted if provinces or RANK[gazetteer.divisions[a].level] > 1
        ]
        keys = self._keys(i)
        score = sum(self._tiers(self.above, a, keys, _ABOVE_WEIGHTS) for a in far)
        score += self._tiers(self.below, cid, keys, _BELOW_WEIGHTS)
        # A place right before or after this one is in the same address: it weighs
        # _W_ADDRESS instead of its distance's weight counted above.
        hit = self.hits[i]
        for j in {*self.by_end.get(hit.start, ()), *self.by_start.get(hit.end, ())}:
            other = self.counted[j]
            if j == i or other is None or other == cid:
                continue
            tier = self._tier(i, j)
            if other in ancestors:
                if other in far:
                    score += _W_ADDRESS - _ABOVE_WEIGHTS[tier]
                elif other in counted:
                    score += _W_ADDRESS  # a province right before it (吉林西安)
            elif cid in gazetteer.ancestors(other):
                score += _W_ADDRESS // 2 - _BELOW_WEIGHTS[tier]
        return score

    @staticmethod
    def _tiers(
        counts: Counter[tuple[str, int, int]],
        division: str,
        keys: tuple[tuple[int, int], ...],
        weights: tuple[int, ...],
    ) -> int:
        # Hits in the same sentence weigh weights[0], the rest of the paragraph
        # weights[1], and so on out to the document.
        score, inner = 0, 0
        for (scope, index), weight in zip(keys, weights, strict=True):
            n = counts.get((division, scope, index), 0)
            score += weight * (n - inner)
            inner = n
        return score

    def _tier(self, i: int, j: int) -> int:
        a, b = self.positions[i], self.positions[j]
        return next((k for k in range(3) if a[k] == b[k]), 3)


class _HitIndex:
    """What ``_keep`` asks of all the hits of a document, counted once."""

    def __init__(self, hits: list[_Hit], gazetteer: Gazetteer) -> None:
        self.chosen: Counter[str] = Counter(h.chosen for h in hits if h.chosen)
        full = [h.chosen for h in hits if h.chosen and not _short(h)]
        self.full: Counter[str] = Counter(full)
        # division -> hits not written short whose division lies under it
        self.full_below: Counter[str] = Counter(
            a for chosen in full for a in gazetteer.ancestors(chosen)
        )
        self.chosen_ends = {h.end for h in hits if h.chosen}
        self.chosen_by_end: defaultdict[int, set[str]] = defaultdict(set)
        for h in hits:
            if h.chosen:
                self.chosen_by_end[h.end].add(h.chosen)


def _short(hit: _Hit) -> bool:
    return hit.rule.endswith("short-form")


def _keep(
    hit: _Hit,
    index: _HitIndex,
    gazetteer: Gazetteer,
    confirmed: set[str | None],
    text: str = "",
) -> bool:
    """Drop hits the document gives no reason to believe.

    A short form (梁平) counts only when the document also names the place, a place
    above it or a place below it in full. A town or village the gazetteer knows in one
    place only still needs some place above it named in the document: 小城镇 is a
    town in Jilin, and an ordinary word everywhere else.
    """
    if hit.rule.endswith("address-tail"):
        return True
    level = gazetteer.divisions[hit.candidates[0][0]].level if hit.candidates else None
    if (
        level
        and RANK[level] >= 4
        and not (
            hit.start in index.chosen_ends or (hit.chosen and hit.chosen in confirmed)
        )
    ):
        stem = hit.key
        for suffix, _ in _suffix_levels():
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        supported = hit.chosen is not None and _district_named(hit, index, gazetteer)
        if len(stem) < 2 or (stem in common_words() and not supported):
            return False  # 加强村 in 加强村级组织, 一社区, 街道社区
    if hit.key in word_set("place:words.address-only"):
        # 城关镇 right after its own county (凤台县城关镇), else none: the name alone
        # says nothing (place:words.address-only)
        parent = gazetteer.divisions[hit.chosen].parent if hit.chosen else None
        return parent is not None and parent in index.chosen_by_end[hit.start]
    if hit.chosen is None:
        if hit.rule.endswith("short-form"):
            return False
        # An ambiguous village is kept (level, no code) only when some candidate has a
        # place above it named in the document.
        return any(
            index.chosen[a] for c, _ in hit.candidates for a in gazetteer.ancestors(c)
        )
    division = gazetteer.divisions[hit.chosen]
    short = hit.rule.endswith("short-form")
    if short and RANK[division.level] == 3 and _after_other_place(hit, index, text):
        return False  # 平遥古城 is no 古城区, 洛阳牡丹 no 牡丹区
    if (
        short
        and division.level in _CITY_LEVELS
        and _place_word(hit.key)
        and _whole_word(text, hit.start, hit.end)
    ):
        return True  # 深圳, 西安: a city's short form is the city's usual name
    if division.level == "province" or (not short and RANK[division.level] <= 3):
        if RANK[division.level] == 3 and _noun_stem(division.name):
            # 平房区改造 is "renovating bungalow areas", not Harbin's 平房区: a
            # district named with an ordinary noun needs its city or province named.
            return any(index.chosen[a] for a in gazetteer.ancestors(hit.chosen))
        return True
    if short and index.full[hit.chosen]:
        return True  # the same place written in full elsewhere
    for above in gazetteer.ancestors(hit.chosen):
        if index.chosen[above] and not (
            RANK[division.level] >= 5 and RANK[gazetteer.divisions[above].level] < 3
        ):
            return True
    # 成都 confirmed by 双流区 written in full
    return short and bool(index.full_below[hit.chosen])


def _after_other_place(hit: _Hit, index: _HitIndex, text: str) -> bool:
    """Whether a county-level short form comes right after (or after a joiner: 高淳区的)
    a prefecture or county it does not lie in, and cannot: a county under another
    county, or a prefecture of another province (凤凰古城, 洛阳牡丹, 武汉天河机场)
    (place:context.after-other-place)."""
    assert hit.chosen is not None
    gazetteer = load_gazetteer()
    at = hit.start
    before = set(index.chosen_by_end.get(at, ()))
    if at and text[at - 1] in words("place:words.address-joiners"):
        before |= index.chosen_by_end.get(at - 1, set())
    own = gazetteer.ancestors(hit.chosen)
    if not before or any(p in own or p == hit.chosen for p in before):
        return False
    for p in before:
        level = RANK[gazetteer.divisions[p].level]
        if level not in (2, 3) or hit.chosen in gazetteer.ancestors(p):
            continue
        if level == 3 or gazetteer.ancestors(p)[-1:] != own[-1:]:
            return True
    return False


# Levels whose short form stands alone in ordinary writing (深圳 for 深圳市):
# place:short-form.city in kg/rules/place/gazetteer.toml.
_CITY_LEVELS = ("prefecture",)


def _place_word(key: str) -> bool:
    """Whether jieba's dictionary knows ``key`` as a place name (ns) and it is not an
    ordinary frequent word (大同 is also "great harmony", 保定 a verb)."""
    return (
        word_tags().get(key) in words("place:words.city-short-form-tags")
        and key not in common_words()
        and (
            word_tags().get(key) == "ns"
            or key not in words("place:words.city-short-forms-also-words")
        )
    )


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether jieba cuts ``text`` at ``start`` and ``end`` (a window around them):
    迁安 in 回迁安置 and 兴城 in 以产兴城 are not words there."""
    lo = max(0, start - 6)
    cuts, pos = {lo}, lo
    for word in segment(text[lo : end + 6]):
        pos += len(word)
        cuts.add(pos)
    return start in cuts and end in cuts


def _noun_stem(name: str) -> bool:
    """Whether a district's name is an ordinary noun plus 区/县 (平房区, 矿区), or
    another ordinary phrase listed as such (解放区: place:words.word-districts)."""
    if name in word_set("place:words.word-districts"):
        return True
    if not name.endswith(tuple(words("place:words.noun-district"))):
        return False  # "X县", "X市" are hardly ever a noun and a word by accident
    stem = name[:-1]
    entry = jieba_words().get(stem)
    return len(stem) >= 2 and entry is not None and entry[1] == "n" and entry[0] >= 50


def _district_named(hit: _Hit, index: _HitIndex, gazetteer: Gazetteer) -> bool:
    """Whether the district or county above ``hit`` is named in full in the document."""
    assert hit.chosen is not None
    return any(
        index.full[a]
        for a in gazetteer.ancestors(hit.chosen)
        if RANK[gazetteer.divisions[a].level] == 3
    )


def _to_mention(
    doc: Document, hit: _Hit, hits: list[_Hit], gazetteer: Gazetteer
) -> Mention:
    if hit.chosen is not None:
        division = gazetteer.divisions[hit.chosen]
        attrs: dict[str, object] = {
            "level": division.level,
            "code": division.code or None,
            "division": division.id,
            "parent": division.parent or None,
            "canonical": division.name,
        }
    else:
        levels = {gazetteer.divisions[c].level for c, _ in hit.candidates}
        level = hit.level or (
            levels.pop() if len(levels) == 1 else level_from_name(hit.key)
        )
        parent = hit.town
        if hit.parent_hint is not None:
            parent = hit.parent_hint.chosen
            if parent and level in _VILLAGE_LEVELS:
                parent = _village_town(hit.key, parent, gazetteer) or parent
        attrs = {
            "level": level or "village",
            "code": None,
            "division": None,
            "parent": parent,
            "canonical": hit.key,
            "ambiguous": len({c for c, _ in hit.candidates}),
        }
    return make_mention(doc, hit.start, hit.end, "place", hit.rule, attrs)


_VILLAGE_LEVELS = ("village", "community")


def _name_chars(run: str) -> bool:
    """Whether ``run`` can be the head of a place name: Chinese characters, no
    function character, no word of jieba's dictionary (托万 of 托万布隆村, not 来)."""
    return (
        all(_ONE_CJK.match(ch) for ch in run)
        and not set(run) & _function_chars()
        and run not in word_tags()
    )


def _document_counties(hits: list[_Hit], gazetteer: Gazetteer) -> list[str]:
    """The counties and districts a document names, in code order."""
    return sorted(
        {
            h.chosen
            for h in hits
            if h.chosen and RANK[gazetteer.divisions[h.chosen].level] == 3
        }
    )


def _listed_village_towns(hits: list[_Hit], gazetteer: Gazetteer) -> None:
    """The town of each village or community of a list (方舟、秀水社区) that the NBS
    village table puts in exactly one town of the counties the document names
    (place:village-in-county), as for a village named alone."""
    listed = [
        h for h in hits if h.rule == "place:listed" and h.level in _VILLAGE_LEVELS
    ]
    if not listed:
        return
    counties = _document_counties(hits, gazetteer)
    for hit in listed:
        stem = hit.key
        for word in longest_first("place:village-town"):
            if stem.endswith(word):
                stem = stem[: -len(word)]
                break
        towns = {t for c in counties for t in village_towns(c).get(stem, ())}
        if len(towns) == 1:
            town = towns.pop()
            if town in gazetteer.divisions:
                hit.town = town


def _table_villages(text: str, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Villages named alone (这是托坪村, 溪西村人口密度大) that the NBS village table puts
    in exactly one town of the counties the document names (place:village-in-county):
    the longest stem of two to four characters before the level word that the table
    holds, not a common word, no function character in it."""
    counties = _document_counties(hits, gazetteer)
    if not counties:
        return []
    taken = _Spans((h.start, h.end) for h in hits)
    function_chars = _function_chars()
    openers = chars("place:chars.village-name-openers")
    ends = {h.end for h in hits}
    found: list[_Hit] = []
    for match in pattern("place:pattern.village-in-county").finditer(text):
        end = match.end()
        if taken.overlaps(match.start(), end):
            continue
        for size in (4, 3, 2):
            start = match.start() - size
            stem = text[max(0, start) : match.start()]
            if (
                start < 0
                or not all(_ONE_CJK.match(ch) for ch in stem)
                or set(stem) & function_chars
                or stem in common_words()
                or taken.overlaps(start, end)
            ):
                continue
            towns = {t for c in counties for t in village_towns(c).get(stem, ())}
            if len(towns) == 1 and (
                text[start - 1 : start] in openers
                or not _tag_boundary(text, start)
                or (
                    start not in ends
                    and any(
                        start - k in ends and _name_chars(text[start - k : start])
                        for k in (1, 2)
                    )
                )
            ):
                # 西|辛庄村, 春|华山村, 拜城县托万|布隆村: the stem of a longer name
                break
            if len(towns) == 1:
                town = towns.pop()
                if town in gazetteer.divisions:
                    name = text[start:end]
                    found.append(
                        _Hit(
                            start,
                            end,
                            name,
                            [],
                            level=level_from_name(name),
                            rule="place:village-in-county",
                            town=town,
                        )
                    )
                break
    return found


def _village_town(name: str, county: str, gazetteer: Gazetteer) -> str | None:
    """The town of a village or community named right after its county (崇明区园艺村
    → 港沿镇): the one town of the county that has a village of that stem in the NBS
    village table (place:village-town), None when none or several have."""
    rank = RANK[gazetteer.divisions[county].level]
    if rank not in (2, 3):
        return None
    stem = name
    for word in longest_first("place:village-town"):
        if name.endswith(word):
            stem = name[: -len(word)]
            break
    # a city's community (长沙|某某社区): any county of the city
    counties = (county,) if rank == 3 else _counties_of(county)
    towns = {t for c in counties for t in village_towns(c).get(stem, ())}
    if len(towns) != 1:
        return None
    town = towns.pop()
    if town not in gazetteer.divisions:
        return None
    division = gazetteer.divisions[town]
    if division.level == "zone" and not any(
        w in division.name for w in words("place:words.town-levels")
    ):
        return None  # a zone (某某片区) is no town: the village's parent is its county
    return town


@cache
def _counties_of(prefecture: str) -> tuple[str, ...]:
    return tuple(
        d.id
        for d in load_gazetteer().divisions.values()
        if d.parent == prefecture and RANK[d.level] == 3
    )


@cache
def _zone_scopes() -> dict[str, str]:
    return {r["suffix"]: r["scope"] for r in load_table("zones.tsv")}


@cache
def _zone_rules() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {r["suffix"]: r["kind"] for r in load_table("zones.tsv")}
    suffixes = sorted(kinds, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, suffixes))), kinds


# A name before a zone or landmark word is walked back over noun-like jieba tokens
# (POS-tagged only inside the clause where the suffix was found, so the tagger never
# runs over the whole text).
_DIGIT = re.compile(r"\d")

_QUOTE_BEFORE = re.compile(r"[“”\"\n][^“”\"\n]{0,12}$")
_QUOTE_AFTER = re.compile(r"[^“”\"\n]{0,12}[“”\"\n]")
_CJK_OR_BRACKET = re.compile(f"[{CJK})]*")
_TWO_CJK = re.compile(f"[{CJK}]{{2}}")
_CLAUSE_BREAK = re.compile(r"[，。；：、“”‘’《》〈〉()（）！？,;:!?\s「」]")
_NAME_FLAGS = frozenset("n ng nr nrt nrfg ns nz nt j m eng an".split())
_PROPER_FLAGS = frozenset("nr nrt nrfg ns nz j eng".split())

# One-character modifiers and measure words before a landmark word: 大江, 小河, 条路.

# A word rarer than this in jieba's dictionary (or unknown to it) is distinctive
# enough to be part of a proper name: 农林 (163), 东升 (553); 国家, 城市, 农业 are not.
_RARE = 600
_RARE_NOUN = 200  # common nouns need to be rarer still: 农林 (163) but not 老化 (304)
_MAX_NAME = 10


@cache
def _tag(clause: str) -> tuple[tuple[str, str], ...]:
    """jieba.posseg over one short clause (cached: lists repeat the same clauses)."""
    return tag(clause)


def _cheap_reject(text: str, s: int, e: int) -> bool:
    """Dictionary checks that settle most suffix hits before any tagging.

    路子, 路网, 河道: the suffix starts a longer word; 道路, 思路, 出路: it ends a common
    word. Neither can end a name.
    """
    if not _ONE_CJK.match(text[s - 1 : s]):
        return True
    tags = word_tags()
    ends_a_word = (  # 海拉尔河|堤防
        text[s - 2 : e] in tags or text[s - 3 : e] in tags or text[s - 4 : e] in tags
    )
    for k in (1, 2):
        tag = tags.get(text[s : e + k])
        if tag and tag != "ns" and not ends_a_word and e + k <= len(text):
            return True
    for k in (1, 2, 3):
        word = text[s - k : e]
        tag = tags.get(word)
        if tag is not None and tag not in _PROPER_FLAGS and tag != "ns":
            return True
    return False


def _distinctive(word: str, flag: str) -> bool:
    """Whether a token can carry a proper name: rare, or unknown to the dictionary."""
    if len(word) < 2 or _DIGIT.search(word):
        return False
    if word in word_set("place:stopnames") or word in word_set(
        "place:landmark-stop-prefixes"
    ):
        return False
    if word[:1] in chars("place:chars.count"):
        return False  # 五大, 十大: a count, not a name
    count = word_freq().get(word)
    if count is None:
        return True
    return count < (_RARE if flag in _PROPER_FLAGS else _RARE_NOUN)


def _clean_boundary(word: str, flag: str) -> bool:
    """Whether a name can start right after this token (和|东升路, 推进|曙光湖)."""
    if flag[0] in "xcpudrmqf" or flag in ("uj", "ul"):
        return True
    return flag[0] in "va" and len(word) >= 2


def _name_start(
    text: str, s: int, e: int, suffix: str, place_ends: AbstractSet[int]
) -> tuple[int, bool] | None:
    """Where the proper name before a zone/landmark word starts, if there is one.

    Returns (start, anchored): anchored is True when the walk stopped at the end of a
    known place, which then becomes the parent. 推进曙光湖 → 曙光湖; 城市道路, 工作思路,
    国家农业科技园 have no distinctive name and give None.
    """
    if _cheap_reject(text, s, e):
        return None
    clause_start = s
    while (
        clause_start > 0
        and s - clause_start < 16
        and not _CLAUSE_BREAK.match(text[clause_start - 1])
    ):
        clause_start -= 1
    spans: list[tuple[int, int, str, str]] = []
    pos = clause_start
    # Tag a little past the suffix: 路子, 路网, 桥梁 show that it is not a word end.
    for word, flag in _tag(text[clause_start : e + 2]):
        if pos < e < pos + len(word):
            return None
        if pos >= e:
            break
        spans.append((pos, pos + len(word), word, flag))
        pos += len(word)
    stops = word_set("place:stopnames")
    level_words = {w for w, _ in _suffix_levels()} | word_set(
        "place:words.level-words-extra"
    )
    distinctive = False
    i = len(spans) - 1
    head = s
    # The token holding the suffix: 长江, 古纳河 are single words; 道路, 思路 generic.
    if spans and spans[i][0] < s:
        start, _, word, flag = spans[i]
        if word in stops or word in word_set("place:landmark-stop-prefixes"):
            return None
        prefix = word[: s - start]
        if prefix in _modifiers() or word_tags().get(prefix, "").startswith("v"):
            return None  # 大江大河, 这条路, 致富路: a description or a metaphor
        if suffix in word_set("place:words.water") and flag == "ns" and len(word) >= 2:
            return start, False  # 长江, 海拉尔河: rivers and lakes are whole ns words
        if word not in word_freq() or (
            flag in _PROPER_FLAGS and _distinctive(word, flag)
        ):
            distinctive = True  # 渔梁路 (unknown), 伊敏桥 (nr)
        else:
            return None  # 森林公园, 工作思路, 电子电路: a compound common noun
        head = start
        i -= 1
    while i >= 0 and spans[i][1] > s:
        i -= 1
    anchored = False
    while i >= 0:
        start, end, word, flag = spans[i]
        if end in place_ends and end == head:
            anchored = True
            break
        if (
            flag not in _NAME_FLAGS
            or word in level_words
            or word in stops
            or _DIGIT.search(word)
            or e - start > _MAX_NAME
        ):
            break
        if flag == "m" and not _ordinal().fullmatch(word):
            break
        distinctive = distinctive or _distinctive(word, flag)
        head = start
        i -= 1
    if i >= 0 and not anchored and not _clean_boundary(*spans[i][2:]):
        return None  # 呼|达罕桥, 地下|金街: the name would start mid-phrase
    for word in longest_first("place:words.not-name-start"):
        if text.startswith(word, head, s):
            head += len(word)  # 出土于|雄安古州城遗址, 致力于|古城: a verb's 于
            anchored = False  # the place before is no longer next to the name
            if text[head:s] in common_words():
                return None
            break
    name = text[head:s]
    if anchored and len(name) >= 2 and name not in common_words():
        return head, anchored  # 肖家镇|哨马|老街: a name right after its place
    if len(name) < 2 or not distinctive:
        return None
    return head, anchored


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` sits inside a short quotation (“连心桥”, "枫桥经验")."""
    head, tail = text[max(0, start - 13) : start], text[end : end + 13]
    # The answer needs an opening quote before and a closing one after; most spans
    # have none near them, and two ``in`` tests are cheaper than two regex scans.
    if ("“" not in head and '"' not in head) or ("”" not in tail and '"' not in tail):
        return False
    before = _QUOTE_BEFORE.search(head)
    after = _QUOTE_AFTER.match(tail)
    return bool(
        before and after and before.group()[0] in '“"' and after.group()[-1] in '”"'
    )


def _zones_and_landmarks(
    doc: Document, hits: list[_Hit], gazetteer: Gazetteer
) -> list[Mention]:
    """Zones (璧山高新区, 西部(重庆)科学城) and landmarks (曙光湖, 渔梁路) by pattern.

    A zone named after a known place or place abbreviations (成渝) takes that place as
    its parent. Otherwise the name before the suffix must hold a distinctive word
    (rare or unknown to jieba's dictionary): 哈萨尔大街 and 农林桥 are names,
    城市道路 and 国家农业科技园 are descriptions.
    """
    text = doc.clean
    pattern, kinds = _zone_rules()
    by_end = {h.end: h for h in hits if h.chosen or h.level}
    taken = _Spans((h.start, h.end) for h in hits)
    found: list[_Candidate] = []
    out: list[Mention] = []
    # Landmarks whose word ends inside a known place (江 of 江苏省, 湖 of 湖南): the
    # last check drops them whatever their walk finds, so they matter only through
    # the candidates next to them (_merge_chained_zones), and are walked only if
    # there is one (on the news corpus, three in four are not walked).
    deferred: list[tuple[int, int, str]] = []
    for match in pattern.finditer(text):
        suffix = match.group()
        kind = kinds[suffix]
        s, end = match.span()
        if _division_follows(text, end, kind):
            continue  # dropped below whatever the walk finds: no need to tag
        if kind != "zone" and _straddles(taken, end):
            deferred.append((s, end, suffix))
            continue
        item = _candidate(text, s, end, suffix, kind, by_end, gazetteer)
        if item is not None:
            found.append(item)
    if found:
        for s, end, suffix in deferred:
            item = _candidate(text, s, end, suffix, kinds[suffix], by_end, gazetteer)
            if item is not None:
                found.append(item)
    full_at: dict[int, _Hit] = {}
    for h in hits:  # the longest place written in full starting at each position
        if h.chosen and not _short(h) and h.end > full_at.get(h.start, h).end - 1:
            full_at[h.start] = h
    spans = {(h.start, h.end) for h in hits if h.rule == "place:listed-short"}
    # where a division written in full ends: the first character it opens at
    full_ending: dict[int, int] = {}
    for h in hits:
        if h.chosen and not _short(h) and h.end - h.start >= 3:
            full_ending[h.end] = min(h.start, full_ending.get(h.end, h.start))
    for name_start, end, kind, parent, scope in _merge_chained_zones(found):
        if taken.straddles(name_start) or taken.straddles(end):
            continue  # it overlaps a place without holding it whole
        if full_ending.get(end, name_start) > name_start:
            continue  # 上海|浦东新区: the division under a place's name (place:zone-ends-with-division)
        if (name_start, end) in spans:
            continue  # 黄鹤楼街: the subdistrict, not a street
        attrs: dict[str, object] = {
            "level": kind,
            "code": None,
            "division": None,
            "parent": parent,
            "canonical": text[name_start:end],
            "scope": scope,
        }
        alias = _name_after_division(text, full_at.get(name_start), end)
        if alias:
            attrs["aliases"] = [alias]
        out.append(make_mention(doc, name_start, end, "place", f"place:{kind}", attrs))
    return out


def _name_after_division(text: str, division: _Hit | None, end: int) -> str | None:
    """The zone's or landmark's own name after the division written in full that
    opens it (福田区|景田北片区, 旧城镇|仙庄片区): the name it goes by
    (place:zone-name-after-division); None when what is left is the word alone or a
    common word before it (石家庄市|产业园)."""
    if division is None:
        return None
    name = text[division.end : end]
    _, kinds = _zone_rules()
    word = max((w for w in kinds if name.endswith(w)), key=len, default="")
    head = name[: len(name) - len(word)]
    if not word:
        return None
    if len(head) < 2 or head in common_words() or set(head) & _function_chars():
        return None
    return name


_Candidate = tuple[int, int, str, str | None, str]


def _straddles(taken: _Spans, end: int) -> bool:
    """Whether a place of ``taken`` starts before ``end`` and ends after it."""
    return taken.straddles(end)


class _Spans:
    """Spans indexed once, to be asked about by position (log time, not a loop).

    Examples:
        >>> spans = _Spans([(0, 3), (5, 9)])
        >>> spans.straddles(6), spans.straddles(5), spans.overlaps(3, 5)
        (True, False, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        # the furthest end of the spans up to each one in start order
        self.reach = list(accumulate((b for _, b in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span begins before ``end`` and ends after ``start``."""
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start

    def straddles(self, at: int) -> bool:
        """Whether a span starts before ``at`` and ends after it."""
        return self.overlaps(at, at)


def _candidate(
    text: str,
    s: int,
    end: int,
    suffix: str,
    kind: str,
    by_end: dict[int, _Hit],
    gazetteer: Gazetteer,
) -> _Candidate | None:
    """The zone or landmark ending in the word ``text[s:end]``, if there is one:
    ``(start, end, kind, parent, scope)``."""
    abbreviations = word_set("place:abbreviations")
    anchor: _Hit | None = by_end.get(s)
    name_start: int | None = anchor.start if anchor is not None else None
    if kind == "zone" and anchor is None:
        # 成渝|地区双城|经济圈, 重庆|)|科学城: an anchor a few characters back.
        for gap in range(0, 5):
            stop = s - gap
            if not _CJK_OR_BRACKET.fullmatch(text[stop:s]):
                break
            if stop in by_end:
                anchor = by_end[stop]
                name_start = anchor.start
                break
            run = stop
            while run > 0 and text[run - 1] in abbreviations:
                run -= 1
            if stop - run >= 2:
                name_start = run
                break
    if kind != "zone" and anchor is None and len(suffix) >= 2:
        # 重庆|新|机场: one descriptive character between a place and the word.
        near = by_end.get(s - 1)
        if near is not None and _ONE_CJK.fullmatch(text[s - 1]):
            if text[s - 1] not in _function_chars():
                anchor, name_start = near, near.start
    if name_start is None or kind != "zone":
        walked = _name_start(text, s, end, suffix, by_end.keys())
        if walked is not None:
            name_start, anchored = walked
            anchor = by_end.get(name_start) if anchored else None
        elif name_start is None or (kind != "zone" and len(suffix) < 2):
            return None  # 呼伦贝尔|古城 stays: a place and a two-character word
    if text[name_start:end] in gazetteer.keys:
        return None  # 黔江 is the district, not a river
    # 西部(重庆)科学城, 中新(重庆)科技园: the two characters before the bracket.
    if (
        kind == "zone"
        and text[name_start - 1 : name_start] == "("
        and _TWO_CJK.fullmatch(text[name_start - 3 : name_start - 1])
    ):
        name_start -= 3
    if end - name_start <= len(suffix) or _inside_quotes(text, name_start, end):
        return None
    if any(text[name_start:end].endswith(m) for m in load_lines("metaphors.txt")):
        return None  # 康庄大道, (铺就)致富路: a figure of speech
    if text[end : end + 1] in _division_chars() and kind == "landmark":
        return None  # 璧江区: an unknown division name, not the river 璧江
    if _names_organisation(text, end):
        return None  # 云南珠江实业集团, 中国铁建大桥局: a company or bureau's name
    if kind == "landmark" and _major_river(text[name_start:end]):
        return None  # 长江, 黄河: geography across divisions, not a local landmark
    parent = anchor.chosen if anchor is not None else None
    return name_start, end, kind, parent, _zone_scopes()[suffix]


@cache
def _division_chars() -> frozenset[str]:
    return frozenset(chars("place:chars.division"))


@cache
def _modifiers() -> frozenset[str]:
    return frozenset(chars("place:chars.landmark-modifiers"))


@cache
def _ordinal() -> re.Pattern[str]:
    return re.compile(f"[{chars('place:chars.ordinal')}]+")


def _names_organisation(text: str, end: int) -> bool:
    """Whether an organisation word follows within a few characters
    (place:guard.landmark-in-organisation-name)."""
    return bool(
        pattern("place:pattern.organisation-after").match(text, end)
        or pattern("place:pattern.person-after").match(text, end)
    )


def _major_river(name: str) -> bool:
    """A two-character river of jieba's dictionary (长江, 黄河, 湘江): place:guard.major-river."""
    return (
        len(name) == 2
        and name[-1] in chars("place:chars.river")
        and word_tags().get(name) == "ns"
    )


def _division_follows(text: str, end: int, kind: str) -> bool:
    """A landmark word followed by a division word (璧江区): the last check of
    ``_zones_and_landmarks`` drops it, so the loop skips it first, before the name
    walk tags its clause."""
    return kind == "landmark" and text[end : end + 1] in _division_chars()


def _merge_chained_zones(
    found: list[tuple[int, int, str, str | None, str]],
) -> list[tuple[int, int, str, str | None, str]]:
    """One zone inside another is one name; nested candidates keep the longest.

    西部(重庆)科学城|璧山片区 is the Bishan part of the science city; 腾龙广场 inside
    腾龙广场小区 is not a second place.
    """
    merged: list[tuple[int, int, str, str | None, str]] = []
    for item in sorted(found):
        if merged:
            last = merged[-1]
            if last[2] == item[2] == "zone" and item[0] == last[1]:
                merged[-1] = (last[0], item[1], "zone", last[3], item[4])
                continue
        merged.append(item)
    # Held by another: one that starts at or before it and ends at or after it. In
    # order of start, longest first, that is one before it reaching as far.
    spans = Counter((o[0], o[1]) for o in merged)
    held: set[int] = set()
    reach = -1
    for o in sorted(merged, key=lambda o: (o[0], -o[1])):
        if reach >= o[1] or spans[o[0], o[1]] > 1:
            held.add(id(o))
        reach = max(reach, o[1])
    return [item for item in merged if id(item) not in held]
