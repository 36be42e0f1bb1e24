"""The division table and its automaton: what extraction and linking share.

Divisions (NBS 2023, plus kg/resources/divisions_extra.tsv), their levels and ranks,
the names they are written with (full, short, former: kg/rules/place/*.toml say how),
the Aho–Corasick automaton over those names, and the towns of each district by stem.
The place extractor finds names with it; the linker chains places up to their
province with it. Loaded once per process (~0.5 s).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

import ahocorasick
import ahocorasick_rs

from kg.lang.rules import chars, word_set, word_values, words
from kg.resources import load_table, read_text

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
    # Locates the stretches of text that hold a key (see ``find``).
    locator: ahocorasick_rs.AhoCorasick
    # every two neighbouring characters of every key; None if a key has one character
    pairs: frozenset[str] | None
    # division id -> its ancestors; resolving a document asks for the same chains
    # many times over
    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Gazetteer keys in ``text`` as ``(start, end, key)``: ``automaton.iter_long``.

        pyahocorasick walks CJK text at ~1 MB/s (the trie root has thousands of
        children). Its ``iter_long`` is not quite leftmost-longest (it misses 产业园 in
        高新技术产业园的 and, at the very end of a text only, 三江 in 建三江管理局), so it
        still decides the hits, but only around the places that hold one.

        Where two neighbouring characters are no two neighbouring characters of any key
        (a "cut"), no trie path goes on across them: iter_long fails there, settles
        what it has pending from before, and takes the second character from the root
        as a fresh search would (it never looks ahead). So between cuts it finds what
        the whole text gives, if it reads one character past the closing cut. The
        Rust automaton (leftmost-longest, ~12x faster) tells which of those pieces
        hold a key at all: a key never spans a cut, and a piece with a key has a
        leftmost-longest match.

        Examples:
            >>> load_gazetteer().find("在梁平区梁山街道,建三江管理局,建三江管理局")
            [(1, 4, '梁平区'), (4, 8, '梁山街道'), (10, 12, '三江')]
        """
        pairs = self.pairs
        if pairs is None:  # a one-character key would start right at a cut
            return [
                (last - len(key) + 1, last + 1, key)
                for last, key in self.automaton.iter_long(text)
            ]
        out: list[tuple[int, int, str]] = []
        searched = 0  # hits before this were in the piece just searched
        size = len(text)
        for _, start, end in self.locator.find_matches_as_indexes(text):
            if start < searched:
                continue
            begin = start  # back to the cut before the hit
            while begin > 0 and text[begin - 1 : begin + 1] in pairs:
                begin -= 1
            stop = end  # on to the cut after it
            while stop < size and text[stop - 1 : stop + 1] in pairs:
                stop += 1
            for last, key in self.automaton.iter_long(text[begin : stop + 1]):
                out.append((begin + last - len(key) + 1, begin + last + 1, key))
            searched = stop
        return out

    def ancestors(self, division_id: str) -> list[str]:
        """Ids of the enclosing divisions, nearest first."""
        chain = self.chains.get(division_id)
        if chain is None:
            found = []
            current = self.divisions.get(division_id)
            while current is not None and current.parent:
                found.append(current.parent)
                current = self.divisions.get(current.parent)
            chain = self.chains[division_id] = tuple(found)
        return list(chain)


@cache
def load_gazetteer() -> Gazetteer:
    """Load the packaged division table and build the automaton (once, ~0.5 s)."""
    divisions: dict[str, Division] = {}
    farms = tuple(words("place:words.farm-units"))
    for line in read_text("divisions.tsv.gz").splitlines()[1:]:
        row = Division(*line.split("\t"))
        if row.level == "zone" and row.name.endswith(farms):
            row = replace(row, level="town")  # 八五三农场: a town of its county
        divisions[row.id] = row
    for extra in load_table("divisions_extra.tsv"):
        divisions.setdefault(extra["id"], Division(**extra))
    stop = word_set("place:stopnames")
    keys: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for d in divisions.values():
        min_len = 2 if RANK[d.level] <= 3 else 3
        if len(d.name) >= min_len and d.name not in stop:
            keys[d.name].append((d.id, "full"))
        if d.short and len(d.short) >= 2 and d.short not in stop and d.short != d.name:
            keys[d.short].append((d.id, "short"))
    # (the rule words read once, not once per division: 56,000 divisions)
    autonomous = tuple(word_values("place:words.autonomous-short").items())
    for d in divisions.values():
        # 石柱土家族自治县 is written 石柱县, 甘孜藏族自治州 甘孜州: short form + level word.
        for word, level_word in autonomous:
            if d.name.endswith(word) and d.short and len(d.short) >= 2:
                keys[d.short + level_word].append((d.id, "former"))
    # 监利县 became 监利市 (2020), 梁平县 梁平区 (2016): a county turned into a city or a
    # district keeps being written with its old 县 in older texts.
    became = chars("place:chars.became-city-or-district")
    county = words("place:words.county")[0]
    for d in list(divisions.values()):
        if (
            d.level in ("city", "district")
            and d.name[-1] in became
            and len(d.name) >= 3
        ):
            # 沙县区 was 沙县, not 沙县县: a stem that ends in the county word keeps it
            old = d.name[:-1] + ("" if d.name[:-1].endswith(county) else county)
            if old not in keys and old not in stop:
                keys[old].append((d.id, "former"))
    for row in load_table("renamed.tsv"):
        entry = (row["code"], "former")
        if row["code"] in divisions and entry not in keys[row["old"]]:
            keys[row["old"]].append(entry)
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    # Any match kind finds a hit in every stretch that holds a key; leftmost-longest
    # reports the fewest.
    locator = ahocorasick_rs.AhoCorasick(
        list(keys), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    # Keys have two characters or more (min_len above, short forms, 县/州/旗); a key
    # of one would start right at a cut, and find would then read whole texts.
    pairs = None
    if all(len(key) >= 2 for key in keys):
        pairs = frozenset(key[i : i + 2] for key in keys for i in range(len(key) - 1))
    return Gazetteer(divisions, automaton, dict(keys), locator, pairs)


TOWN_LEVELS = ("town", "township", "subdistrict")


@cache
def town_stems() -> dict[str, dict[str, str]]:
    """District id → {stem: town-level division}: 海拉尔区 → {正阳: 正阳街道, …}."""
    gazetteer = load_gazetteer()
    stems: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for d in gazetteer.divisions.values():
        if d.level not in TOWN_LEVELS:
            continue
        for word in words("place:words.town-levels"):
            stem = d.name.removesuffix(word)
            if stem != d.name and len(stem) >= 2:
                stems[d.parent][stem].append(d.id)
    return {
        parent: {stem: ids[0] for stem, ids in by_stem.items() if len(ids) == 1}
        for parent, by_stem in stems.items()
    }


@cache
def _village_counties() -> dict[str, str]:
    """County code → its line of ``villages.tsv.gz`` (towns and village stems), read
    once and parsed per county when asked (620,000 villages: a county at a time)."""
    lines = {}
    for line in read_text("villages.tsv.gz").splitlines():
        county, _, rest = line.partition("\t")
        lines[county] = rest
    return lines


@cache
def village_towns(county: str) -> dict[str, tuple[str, ...]]:
    """Village stem → the towns of ``county`` that have a village or community of that
    stem (崇明区 310151 → {园艺: (港沿镇 310151108,), …}), from the NBS village table."""
    found: dict[str, list[str]] = defaultdict(list)
    for part in _village_counties().get(county, "").split("\t"):
        town, _, stems = part.partition(":")
        for stem in stems.split("|") if stems else ():
            found[stem].append(county + town)
    return {stem: tuple(towns) for stem, towns in found.items()}
