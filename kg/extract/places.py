"""Places: administrative divisions from the gazetteer, plus zones and landmarks.

Matching runs on ``doc.clean`` with an Aho–Corasick automaton (longest match first),
then each hit is resolved to one division by the places around it: an enclosing place
in the same address, sentence, paragraph, article or document. A name that context
cannot decide keeps its level and gets no code rather than a guessed one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import ahocorasick

from kg.extract._context import CJK, common_words, make_mention
from kg.model import Document, Mention
from kg.resources import load_lines, load_table, read_text

RANK = {
    "province": 1,
    "prefecture": 2,
    "district": 3,
    "county": 3,
    "city": 3,
    "town": 4,
    "township": 4,
    "subdistrict": 4,
    "zone": 4,
    "village": 5,
    "community": 5,
    "neighbourhood": 6,
    "landmark": 6,
}
# Proximity weights for context: a place named in the same address outweighs one in
# the same sentence, which outweighs one in the same paragraph, article, document.
_W_ADDRESS, _W_SENTENCE, _W_PARAGRAPH, _W_ARTICLE, _W_DOCUMENT = 100, 8, 4, 2, 1


@dataclass(frozen=True, slots=True)
class Division:
    id: str
    name: str
    level: str
    parent: str
    code: str
    short: str


@dataclass(slots=True)
class Gazetteer:
    divisions: dict[str, Division]
    automaton: ahocorasick.Automaton
    # key -> list of (division id, kind) where kind is full | short | former
    keys: dict[str, list[tuple[str, str]]]

    def ancestors(self, division_id: str) -> list[str]:
        """Ids of the enclosing divisions, nearest first."""
        chain = []
        current = self.divisions.get(division_id)
        while current is not None and current.parent:
            chain.append(current.parent)
            current = self.divisions.get(current.parent)
        return chain


@cache
def load_gazetteer() -> Gazetteer:
    """Load the packaged division table and build the automaton (once, ~0.5 s)."""
    divisions: dict[str, Division] = {}
    for line in read_text("divisions.tsv.gz").splitlines()[1:]:
        row = Division(*line.split("\t"))
        divisions[row.id] = row
    stop = load_lines("place_stopnames.txt")
    keys: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for d in divisions.values():
        min_len = 2 if RANK[d.level] <= 3 else 3
        if len(d.name) >= min_len and d.name not in stop:
            keys[d.name].append((d.id, "full"))
        if d.short and len(d.short) >= 2 and d.short not in stop and d.short != d.name:
            keys[d.short].append((d.id, "short"))
    for d in divisions.values():
        # 石柱土家族自治县 is written 石柱县, 甘孜藏族自治州 甘孜州: short form + level word.
        for word, level_word in (("自治县", "县"), ("自治州", "州"), ("自治旗", "旗")):
            if d.name.endswith(word) and d.short and len(d.short) >= 2:
                keys[d.short + level_word].append((d.id, "former"))
    for row in load_table("renamed.tsv"):
        if row["code"] in divisions:
            keys[row["old"]].append((row["code"], "former"))
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return Gazetteer(divisions, automaton, dict(keys))


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


@cache
def _suffix_levels() -> tuple[tuple[str, str], ...]:
    rows = [(r["suffix"], r["level"]) for r in load_table("place_suffixes.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def level_from_name(name: str) -> str | None:
    """The level a name's last word implies (双凤镇 → town), if any.

    Examples:
        >>> level_from_name("兴隆村"), level_from_name("梁山街道"), level_from_name("梁平")
        ('village', 'subdistrict', None)
    """
    for suffix, level in _suffix_levels():
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    if name.endswith("区"):
        return "district"
    if name.endswith("县") or name.endswith("旗"):
        return "county"
    if name.endswith("省") or name.endswith("自治区"):
        return "province"
    return None


def _blocked(text: str, start: int, end: int, key: str, kind: str) -> bool:
    """Guards against gazetteer names inside ordinary words."""
    nxt = text[end : end + 1]
    if kind == "short" and key in common_words():
        return True
    if len(key) == 2 and text[start - 1 : start + 1] in common_words():
        return True  # 范县 in 模范县: the name starts in the middle of a word
    if key.endswith("乡") and nxt and nxt in "村镇土亲情愁音":
        return True  # 发展乡 in 发展乡村
    if key.endswith("村") and nxt and nxt in "级务":
        return True  # 加强村 in 加强村级组织
    if key.endswith(("村", "社区")) and text[start - 1 : start] == "的":
        stem = key.removesuffix("村").removesuffix("社区")
        if stem in common_words():
            return True  # 立得住的先进村: an adjective and a noun, not a name
    if key.endswith("区") and nxt and nxt in "域别块间分位":
        return True
    if kind == "short":
        # 江北 in 江北村, 合川 in 合川路: the short form is part of a longer name.
        if nxt and nxt in "村镇乡街路县省州市湾河江山":
            return True
    return False


def extract_places(doc: Document) -> list[Mention]:
    """Find places: divisions with level and code, zones and landmarks.

    Examples:
        >>> from kg.ingest import parse_document
        >>> doc = parse_document("在梁平区梁山街道八角社区,", "t")
        >>> [(m.name, m.attrs["level"], m.attrs["code"]) for m in extract_places(doc)]
        [('梁平区', 'district', '500155'), ('梁山街道', 'subdistrict', '500155001'), ('八角社区', 'community', None)]
    """
    gazetteer = load_gazetteer()
    text = doc.clean
    hits: list[_Hit] = []
    for end_index, key in gazetteer.automaton.iter_long(text):
        start, end = end_index - len(key) + 1, end_index + 1
        candidates = gazetteer.keys[key]
        kinds = {kind for _, kind in candidates}
        kind = (
            "full" if "full" in kinds else ("former" if "former" in kinds else "short")
        )
        if _blocked(text, start, end, key, kind):
            continue
        hits.append(_Hit(start, end, key, candidates, rule=f"place:{_RULE[kind]}"))
    hits = _add_address_tails(text, hits, gazetteer)
    _resolve(doc, hits, gazetteer)
    ends = {h.end for h in hits if h.chosen}
    confirmed = {h.chosen for h in hits if h.start in ends}
    hits = [h for h in hits if _keep(h, hits, gazetteer, confirmed)]
    mentions = [_to_mention(doc, h, hits, gazetteer) for h in hits]
    mentions.extend(_zones_and_landmarks(doc, hits, gazetteer))
    return sorted(mentions, key=lambda m: (m.start, m.end))


_RULE = {"full": "gazetteer", "short": "short-form", "former": "former-name"}


def _add_address_tails(text: str, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Places the gazetteer lacks but a compound address makes certain.

    城口县高燕镇红军村: after a known town, "红军村" is a village even when no village
    list covers that province.
    """
    starts = {h.start for h in hits}
    tail = re.compile(f"[{CJK}]{{2,3}}?(?:街道|社区|嘎查|镇|乡|村)")
    function_chars = set("和在的是为了与及等或对把被从向以给到于第届")
    added: list[_Hit] = []
    for hit in hits:
        if hit.end in starts:
            continue
        ranks = [RANK[gazetteer.divisions[c].level] for c, _ in hit.candidates]
        if not ranks or min(ranks) < 3 or min(ranks) > 4:
            continue
        match = tail.match(text, hit.end)
        if not match or (
            match.group().endswith("乡") and text[match.end() : match.end() + 1] == "村"
        ):
            continue
        name = match.group()
        if function_chars.intersection(name):
            continue
        level = level_from_name(name)
        if level is None or RANK.get(level, 0) <= min(ranks):
            continue
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
    return sorted(hits + added, key=lambda h: h.start)


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
    for _ in range(2):
        for i, h in enumerate(hits):
            ids = sorted({c for c, _ in h.candidates})
            if len(ids) <= 1:
                continue
            scores = {cid: _support(cid, i, hits, positions, gazetteer) for cid in ids}
            best = max(scores.values())
            winners = [c for c, s in scores.items() if s == best]
            h.chosen = winners[0] if best > 0 and len(winners) == 1 else None


def _support(
    cid: str,
    i: int,
    hits: list[_Hit],
    positions: list[tuple[int, int, int]],
    gazetteer: Gazetteer,
) -> int:
    """How strongly the other places of the document point at division ``cid``.

    Every named place above ``cid`` adds its proximity weight, so a village under the
    named town beats a village that only shares the district. A village needs a place
    at district level or below: 重庆 alone says nothing about which 兴隆村 is meant.
    """
    ancestors = set(gazetteer.ancestors(cid))
    village = RANK[gazetteer.divisions[cid].level] >= 5
    score = 0
    for j, other in enumerate(hits):
        if j == i or other.chosen is None or other.chosen == cid:
            continue
        if other.chosen in ancestors:
            if village and RANK[gazetteer.divisions[other.chosen].level] < 3:
                continue
            score += _weight(hits, positions, i, j)
        elif cid in gazetteer.ancestors(other.chosen):
            score += _weight(hits, positions, i, j) // 2
    return score


def _weight(
    hits: list[_Hit], positions: list[tuple[int, int, int]], i: int, j: int
) -> int:
    a, b = hits[i], hits[j]
    if b.end == a.start or a.end == b.start:
        return _W_ADDRESS
    if positions[i][0] == positions[j][0]:
        return _W_SENTENCE
    if positions[i][1] == positions[j][1]:
        return _W_PARAGRAPH
    if positions[i][2] == positions[j][2]:
        return _W_ARTICLE
    return _W_DOCUMENT


def _keep(
    hit: _Hit, hits: list[_Hit], gazetteer: Gazetteer, confirmed: set[str | None]
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
            _has_adjacent_parent(hit, hits) or (hit.chosen and hit.chosen in confirmed)
        )
    ):
        stem = hit.key
        for suffix, _ in _suffix_levels():
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        supported = hit.chosen is not None and _district_named(hit, hits, gazetteer)
        if len(stem) < 2 or (stem in common_words() and not supported):
            return False  # 加强村 in 加强村级组织, 一社区, 街道社区
    if hit.chosen is None:
        if hit.rule.endswith("short-form"):
            return False
        # An ambiguous village is kept (level, no code) only when some candidate has a
        # place above it named in the document.
        return any(
            other.chosen in gazetteer.ancestors(c)
            for c, _ in hit.candidates
            for other in hits
            if other is not hit and other.chosen
        )
    division = gazetteer.divisions[hit.chosen]
    short = hit.rule.endswith("short-form")
    if division.level == "province" or (not short and RANK[division.level] <= 3):
        return True
    related = {hit.chosen, *gazetteer.ancestors(hit.chosen)}
    for other in hits:
        if other is hit or other.chosen is None:
            continue
        if other.chosen == hit.chosen and short:
            if not other.rule.endswith("short-form"):
                return True
            continue
        if other.chosen in related and other.chosen != hit.chosen:
            if (
                RANK[division.level] >= 5
                and RANK[gazetteer.divisions[other.chosen].level] < 3
            ):
                continue
            return True
        if short and hit.chosen in gazetteer.ancestors(other.chosen):
            return not other.rule.endswith("short-form")
    return False


def _district_named(hit: _Hit, hits: list[_Hit], gazetteer: Gazetteer) -> bool:
    """Whether the district or county above ``hit`` is named in full in the document."""
    assert hit.chosen is not None
    above = {
        a
        for a in gazetteer.ancestors(hit.chosen)
        if RANK[gazetteer.divisions[a].level] == 3
    }
    return any(
        other.chosen in above and not other.rule.endswith("short-form")
        for other in hits
    )


def _has_adjacent_parent(hit: _Hit, hits: list[_Hit]) -> bool:
    return any(other.end == hit.start and other.chosen for other in hits)


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
        parent = None
        if hit.parent_hint is not None:
            parent = hit.parent_hint.chosen
        attrs = {
            "level": level or "village",
            "code": None,
            "division": None,
            "parent": parent,
            "canonical": hit.key,
            "ambiguous": len({c for c, _ in hit.candidates}),
        }
    return make_mention(doc, hit.start, hit.end, "place", hit.rule, attrs)


@cache
def _zone_rules() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {r["suffix"]: r["kind"] for r in load_table("zones.tsv")}
    suffixes = sorted(kinds, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, suffixes))), kinds


def _zones_and_landmarks(
    doc: Document, hits: list[_Hit], gazetteer: Gazetteer
) -> list[Mention]:
    """Zones (璧山高新区, 西部(重庆)科学城) and landmarks (曙光湖, 渔梁路) by pattern.

    A zone needs a known place or place abbreviations (成渝) right before its suffix;
    the place becomes its parent. A landmark needs a two-character name that is not a
    common word, right after a place or standing as its own word.
    """
    text = doc.clean
    pattern, kinds = _zone_rules()
    abbreviations = load_lines("place_abbreviations.txt")
    stop_prefixes = load_lines("landmark_stop_prefixes.txt")
    by_end = {h.end: h for h in hits if h.chosen or h.level}
    taken = [(h.start, h.end) for h in hits]
    out: list[Mention] = []
    for match in pattern.finditer(text):
        suffix = match.group()
        kind = kinds[suffix]
        s = match.start()
        anchor: _Hit | None = None
        name_start: int | None = None
        # Allow up to four connecting characters between the anchor and the suffix
        # (成渝|地区双城|经济圈, 重庆|)|科学城, 梁平|渔梁|路).
        for gap in range(0, 5):
            end = s - gap
            connector = text[end:s]
            if not re.fullmatch(f"[{CJK})]*", connector):
                break
            if end in by_end:
                anchor = by_end[end]
                name_start = anchor.start
                break
            run = end
            while run > 0 and text[run - 1] in abbreviations:
                run -= 1
            if end - run >= 2 and kind == "zone":
                name_start = run
                break
        if kind == "landmark":
            prefix = text[s - 2 : s]
            before = text[s - 3 : s - 2]
            if not re.fullmatch(f"[{CJK}]{{2}}", prefix) or prefix in stop_prefixes:
                continue
            if anchor is not None and anchor.end == s - 2:
                name_start = s - 2
            elif suffix in ("湖", "老街", "古镇", "水库") and not re.match(
                f"[{CJK}]", before or "。"
            ):
                name_start = s - 2
            elif suffix in ("湖", "老街", "古镇", "水库") and (
                before in "在到于和与、的" or text[s - 4 : s - 2] in common_words()
            ):
                name_start = s - 2  # 推进|曙光湖: a word ends right before the name
            else:
                continue
            if anchor is not None and anchor.end != s - 2:
                anchor = None
        if name_start is None:
            continue
        # 西部(重庆)科学城: take in "(" and a direction word before the anchor.
        if kind == "zone" and text[name_start - 1 : name_start] == "(":
            direction = text[name_start - 3 : name_start - 1]
            if re.fullmatch("[东西南北中]部", direction):
                name_start -= 3
        end = match.end()
        if any(
            a < end and name_start < b and not (a >= name_start and b <= end)
            for a, b in taken
        ):
            continue
        if end - name_start <= len(suffix):
            continue
        parent = anchor.chosen if anchor is not None else None
        out.append(
            make_mention(
                doc,
                name_start,
                end,
                "place",
                f"place:{kind}",
                {
                    "level": kind,
                    "code": None,
                    "division": None,
                    "parent": parent,
                    "canonical": text[name_start:end],
                },
            )
        )
        taken.append((name_start, end))
    return out
