"""Link: merge mentions into entities across documents and attach relations.

One node per real-world thing: places by division code (or name and parent when the
gazetteer cannot decide), programmes by name, organisations by full name, people by
name *and* place (two 王伟 in two districts stay two people). Every relation keeps the
mentions it was read from.
"""

from __future__ import annotations

import logging
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate, pairwise
from operator import attrgetter
from typing import Any

from kg.extract import LONG_DOCUMENT
from kg.extract._context import word_tags
from kg.extract._tagger import segment, tag
from kg.extract.organizations import written_before
from kg.lang.gazetteer import RANK, load_gazetteer, town_stems
from kg.lang.rules import (
    alternation,
    chars,
    longest_first,
    pattern,
    word_set,
    word_values,
    words,
)
from kg.model import Article, Document, Entity, Mention, Relation
from kg.resources import load_lines

_progress = logging.getLogger("kg.progress")


@dataclass(slots=True)
class LinkedGraph:
    """What linking produces: entities by id and relations."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    doc_id: str
    index: int
    title: str | None
    focus: str | None  # place entity id
    mention: Mention | None  # the title (or first line) as provenance
    focus_weight: int = 0  # its mentions, titles and bylines counting four


def place_id(attrs: dict[str, object] | object, name: str) -> str:
    """Stable id of a place entity from a place mention's attributes."""
    assert isinstance(attrs, dict)
    if attrs.get("division"):
        return f"place:{attrs['division']}"
    parent = attrs.get("parent")
    return f"place:{name}@{parent}" if parent else f"place:{name}"


class _Builder:
    def __init__(self) -> None:
        self.graph = LinkedGraph()
        self._relations: dict[
            tuple[str, str, str, tuple[tuple[str, object], ...]], list[Mention]
        ] = {}
        # The evidence already in a bucket past _SCANNED mentions, for an O(1)
        # duplicate check: a list scan made linking quadratic in how often a relation
        # is seen (large corpora). Most buckets hold one mention: a set for each was
        # 55 MB on the bulk corpus, and hashing a mention costs more than the scan.
        self._seen: dict[tuple[object, ...], set[Mention]] = {}
        # entity id -> (how many of its mentions are in the set, the set): the same
        # O(1) check for a node's mentions (``has_mention``)
        self._entity_seen: dict[str, tuple[list[int], set[Mention]]] = {}
        self.gazetteer = load_gazetteer()
        # place entity id -> ids of its enclosing divisions (asked once per metric)
        self.ancestor_ids: dict[str, frozenset[str]] = {}
        # division -> (attrs, level, code) of each division above it, once chained
        self._chains: dict[str, tuple[tuple[dict[str, object], str, object], ...]] = {}
        # doc id -> (original start of each article, its focus place or the
        # document's district): where the corpus pass says a programme runs
        self.article_focus: dict[str, tuple[list[int], list[str | None]]] = {}
        # every name and alias of a programme -> its entity id
        self.programme_names: dict[str, str] = {}
        # programmes a step of link:words.no-focus-steps found (全国某某信息系统): when
        # national they run only where a clause says, never in an article's focus
        self.no_focus: set[str] = set()

    def entity(self, entity_id: str, label: str, name: str) -> Entity:
        entity = self.graph.entities.get(entity_id)
        if entity is None:
            entity = Entity(entity_id, label, name)
            self.graph.entities[entity_id] = entity
        return entity

    def relate(
        self,
        subject: str,
        predicate: str,
        obj: str,
        evidence: Mention | None,
        **attrs: object,
    ) -> None:
        if subject == obj:
            return
        key = (subject, predicate, obj, tuple(sorted(attrs.items())) if attrs else ())
        bucket = self._relations.get(key)
        if bucket is None:
            bucket = self._relations[key] = []
        if evidence is None:
            return
        # ``in`` a list and ``in`` a set agree: a mention's hash follows its equality.
        if len(bucket) < _SCANNED:
            if evidence not in bucket:
                bucket.append(evidence)
            return
        seen = self._seen.get(key)
        if seen is None:
            seen = self._seen[key] = set(bucket)
        if evidence not in seen:
            seen.add(evidence)
            bucket.append(evidence)

    def has_mention(self, entity: Entity, mention: Mention) -> bool:
        """``mention in entity.mentions``. A list scan past _SCANNED mentions made the
        byline organisations quadratic (788,422 comparisons on 5,000 bulk items);
        while linking, a node's mentions are only appended to, so a set kept up to
        date with the list's new tail gives the same answer."""
        mentions = entity.mentions
        if len(mentions) < _SCANNED:
            return mention in mentions
        known = self._entity_seen.get(entity.id)
        if known is None:
            known = self._entity_seen[entity.id] = ([0], set())
        counted, seen = known
        if counted[0] < len(mentions):
            seen.update(mentions[counted[0] :])
            counted[0] = len(mentions)
        return mention in seen

    def place_chain(self, division_id: str) -> None:
        """Make sure ``division_id`` and every division above it are nodes, with
        part_of edges (an inferred parent may be named nowhere in the text)."""
        chain = self._chains.get(division_id)
        if chain is not None:
            # Chained before (every mention of a division asks): the nodes and edges
            # are there; only the attributes are set again, as the first time did,
            # since a place mention may have set others since.
            for attrs, level, code in chain:
                attrs.update(level=level, code=code)
            return
        division = self.gazetteer.divisions.get(division_id)
        if division is not None and f"place:{division_id}" not in self.graph.entities:
            entity = self.entity(f"place:{division_id}", "place", division.name)
            entity.attrs.update(level=division.level, code=division.code or None)
        child = division_id
        links = []
        for parent in self.gazetteer.ancestors(division_id):
            entity_id = f"place:{parent}"
            division = self.gazetteer.divisions[parent]
            entity = self.entity(entity_id, "place", division.name)
            entity.attrs.update(level=division.level, code=division.code or None)
            links.append((entity.attrs, division.level, division.code or None))
            self.relate(
                f"place:{child}", "part_of", entity_id, None, source="gazetteer"
            )
            child = parent
        self._chains[division_id] = tuple(links)

    def finish(self) -> LinkedGraph:
        relations, self._relations = self._relations, {}
        self._seen.clear()
        self._entity_seen.clear()
        append = self.graph.relations.append
        # Keys are unique: sorting them is sorting the items. Each bucket is taken
        # out as it is made a relation, so the two are not both whole at once.
        for key in sorted(relations):
            evidence = relations.pop(key)
            if len(evidence) > 1:
                evidence.sort(key=_mention_key)
            subject, predicate, obj, attrs = key
            append(Relation(subject, predicate, obj, tuple(evidence), dict(attrs)))
        return self.graph


_SCANNED = 8  # evidence of a relation checked for duplicates by a list scan

# (doc_id, start, end, label), made in C: the order of a node's mentions and of an
# edge's evidence (ties keep the order they were linked in).
_mention_key = attrgetter("doc_id", "start", "end", "label")


class Linker:
    """Links documents one at a time, as they arrive, then finishes the graph.

    A build feeds it each document as soon as it is extracted (in corpus order), so
    linking runs while the workers are still extracting instead of after them.
    """

    def __init__(self) -> None:
        self._builder: _Builder | None = _Builder()

    def add(self, doc: Document, mentions: list[Mention]) -> None:
        if self._builder is None:
            raise RuntimeError("this Linker has finished")
        started = time.perf_counter()
        _link_document(self._builder, doc, mentions)
        if len(doc.clean) >= LONG_DOCUMENT:
            _progress.info(
                "%s: %s mentions linked in %.1f s",
                doc.doc_id,
                f"{len(mentions):,}",
                time.perf_counter() - started,
            )

    def finish(self, texts: Mapping[str, str] | None = None) -> LinkedGraph:
        """The graph; the linker keeps nothing of it (large corpora: memory).

        ``texts`` (each document's text by id) runs the corpus pass: a name that one
        document gave a programme is a programme wherever the corpus writes it
        (``programme:step.corpus``).
        """
        builder, self._builder = self._builder, None
        if builder is None:
            raise RuntimeError("this Linker has finished")
        if texts:
            _corpus_programmes(builder, texts)
        for entity in builder.graph.entities.values():
            if len(entity.mentions) > 1:  # most nodes (metrics, articles) have one
                entity.mentions.sort(key=_mention_key)
            if entity.aliases:
                entity.aliases.discard(entity.name)
        _link_variants(builder)
        return builder.finish()


def link(
    extracted: Iterable[tuple[Document, list[Mention]]], *, corpus_pass: bool = False
) -> LinkedGraph:
    """Merge the mentions of every document into one graph.

    Args:
        extracted: each document with the mentions found in it, in corpus order.
            Where an order matters (the first name a place is written with, the
            order of a programme's components), the earlier document wins.

    Returns:
        The entities (nodes) and relations (edges), deterministic for a given input.
    """
    linker = Linker()
    texts: dict[str, str] = {}
    for doc, mentions in extracted:
        linker.add(doc, mentions)
        if corpus_pass:
            texts[doc.doc_id] = doc.text
    return linker.finish(texts)


@dataclass(slots=True)
class _DocContext:
    """One document while it is being linked: its mentions and what they became."""

    doc: Document
    by_label: dict[str, list[Mention]]
    to_clean: Callable[[int], int]  # ``doc.to_clean``, or the same without a bisect
    ids: dict[int, str] = field(default_factory=dict)  # id(mention) -> entity id
    articles: list[ArticleInfo] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # name -> "@county" scope
    # (article index, name) of a person already given a scope: the same name in the
    # same article is the same person, whatever place its next post names
    people_seen: dict[tuple[int, str], str] = field(default_factory=dict)
    # label -> sentence index -> mentions (filled by ``nearby``)
    by_sentence: dict[str, dict[int, list[Mention]]] = field(default_factory=dict)
    # id(mention) -> (mention, index in ``doc.clean`` of its start): places are
    # asked again and again. The mention is kept so that its id cannot be reused.
    positions: dict[int, tuple[Mention, int]] = field(default_factory=dict)
    # (what, article index) -> the place an article is about at that level
    subjects: dict[tuple[str, int], str | None] = field(default_factory=dict)
    # The last mention ``sentence_of`` was asked about, and its answer: a figure
    # asks twice in a row (places, then programmes near it).
    asked: tuple[Mention | None, int] = (None, 0)
    # Indexes made on first use, by name: each replaces a loop over every mention of
    # the document, which made linking a long document quadratic in its length.
    indexes: dict[str, Any] = field(default_factory=dict)

    def cached(self, name: str, make: Callable[[], Any]) -> Any:
        index = self.indexes.get(name)
        if index is None:
            index = self.indexes[name] = make()
        return index

    def places_by_article(self) -> dict[int, list[Mention]]:
        """The places of each article, in order (an article's subject village looks
        at its own places only, not at every place of the document)."""

        def make() -> dict[int, list[Mention]]:
            groups: dict[int, list[Mention]] = defaultdict(list)
            for place in self.by_label.get("place", []):
                groups[self.doc.article_index(self.position(place))].append(place)
            return groups

        groups: dict[int, list[Mention]] = self.cached("article-places", make)
        return groups

    def org_named(self, article: int, name: str) -> Mention | None:
        """The first organisation of article ``article`` named ``name`` (the party
        prefix 中共 aside)."""
        party = words("common:party-prefix")[0]

        def make() -> dict[tuple[int, str], Mention]:
            first: dict[tuple[int, str], Mention] = {}
            for org in self.by_label["organization"]:
                key = (self.article_of(org).index, org.name.removeprefix(party))
                first.setdefault(key, org)
            return first

        return self.cached("org-names", make).get((article, name))

    def first_place_inside(self, start: int, end: int) -> Mention | None:
        """The first place (in order) that starts within ``start:end``."""
        places = self.by_label["place"]

        def make() -> list[int] | bool:
            starts = [p.start for p in places]
            # extract() sorts mentions by start; a caller's list may not be
            ordered = all(a <= b for a, b in pairwise(starts))
            return starts if ordered else False

        starts = self.cached("place-starts", make)
        if starts is False:
            return next((p for p in places if start <= p.start < end), None)
        i = bisect_left(starts, start)
        return places[i] if i < len(places) and places[i].start < end else None

    def places_inside(self, start: int, end: int) -> list[Mention]:
        """Every place (in order) that starts within ``start:end``."""
        first = self.first_place_inside(start, end)
        if first is None:
            return []
        places = self.by_label["place"]
        starts = self.cached("place-starts", lambda: False)
        if starts is False:
            return [p for p in places if start <= p.start < end]
        i = bisect_left(starts, start)
        return places[i : bisect_left(starts, end, i)]

    def first_ending(self, label: str, ends: set[int]) -> Mention | None:
        """The first mention of ``label`` (in order) that ends at one of ``ends``."""

        def make() -> dict[int, tuple[int, Mention]]:
            first: dict[int, tuple[int, Mention]] = {}
            for i, mention in enumerate(self.by_label[label]):
                first.setdefault(mention.end, (i, mention))
            return first

        first = self.cached(f"ends:{label}", make)
        found = sorted(first[end] for end in ends if end in first)
        return found[0][1] if found else None

    def ending_before(self, label: str, at: int, gap: int) -> list[Mention]:
        """The mentions of ``label`` ending (in ``doc.clean``) 1 to ``gap``
        characters before ``at``, last in order first."""
        mentions = self.by_label[label]

        def make() -> dict[int, list[int]]:
            by_end: dict[int, list[int]] = defaultdict(list)
            for i, mention in enumerate(mentions):
                by_end[self.to_clean(mention.end)].append(i)
            return by_end

        by_end = self.cached(f"clean-ends:{label}", make)
        found = [i for end in range(at - gap, at) for i in by_end.get(end, ())]
        return [mentions[i] for i in sorted(found, reverse=True)]

    def places_written_in(self, article: int, text: str) -> list[Mention]:
        """The linked places of article ``article`` whose name or canonical name is
        written in ``text``, in order: looked up by every part of ``text``."""
        places = self.by_label["place"]

        def make() -> dict[tuple[int, str], list[int]]:
            by_name: dict[tuple[int, str], list[int]] = defaultdict(list)
            for i, place in enumerate(places):
                index = self.article_of(place).index
                by_name[index, str(place.name)].append(i)
                by_name[index, str(place.attrs.get("canonical"))].append(i)
            return by_name

        by_name = self.cached("article-place-names", make)
        found = {
            i
            for a in range(len(text))
            for b in range(a + 1, len(text) + 1)
            for i in by_name.get((article, text[a:b]), ())
        }
        return [places[i] for i in sorted(found) if id(places[i]) in self.ids]

    def place_named(self, name: str) -> Mention | None:
        """The first place written ``name``."""

        def make() -> dict[str, Mention]:
            first: dict[str, Mention] = {}
            for place in self.by_label["place"]:
                first.setdefault(str(place.name), place)
            return first

        return self.cached("place-names", make).get(name)

    def org_linked_to(self, entity_id: str) -> Mention | None:
        """The first organisation mention linked to ``entity_id``."""

        def make() -> dict[str, Mention]:
            first: dict[str, Mention] = {}
            for org in self.by_label["organization"]:
                linked = self.ids.get(id(org))
                if linked is not None:
                    first.setdefault(linked, org)
            return first

        return self.cached("org-entities", make).get(entity_id)

    def position(self, mention: Mention) -> int:
        """Index in ``doc.clean`` of where ``mention`` starts."""
        known = self.positions.get(id(mention))
        if known is not None:
            return known[1]
        pos = self.to_clean(mention.start)
        self.positions[id(mention)] = (mention, pos)
        return pos

    def article_of(self, mention: Mention) -> ArticleInfo:
        if len(self.articles) == 1:  # most documents: no position to look up
            return self.articles[0]
        return self.articles[self.doc.article_index(self.position(mention))]

    def sentence_of(self, mention: Mention) -> int:
        asked, index = self.asked
        if asked is not mention:
            doc = self.doc
            index = doc.sentence_index(self.to_clean(mention.start))
            self.asked = (mention, index)
        return index

    def nearby(self, mention: Mention, label: str) -> list[Mention]:
        """Linked mentions of ``label`` in the same sentence as ``mention``, in text
        order.

        Grouped by sentence once per label, so ask only once every mention of
        ``label`` is linked: scanning every mention of the label for every metric
        made linking quadratic in a document's length, and most programme mentions
        (terms, quotations) are never linked at all.
        """
        groups = self.by_sentence.get(label)
        if groups is None:
            groups = defaultdict(list)
            ids, doc, to_clean = self.ids, self.doc, self.to_clean
            for candidate in self.by_label[label]:
                if id(candidate) in ids:
                    sentence = doc.sentence_index(to_clean(candidate.start))
                    groups[sentence].append(candidate)
            self.by_sentence[label] = groups
        return groups.get(self.sentence_of(mention), [])


def _to_clean(doc: Document) -> Callable[[int], int]:
    """``doc.to_clean``; where nothing was removed from the text (offsets
    ``range(n)``, nearly every document) the same answer without bisecting a range
    (0.6 µs a call, asked for every mention): ``pos`` kept within ``[0, n]``."""
    offsets = doc.offsets
    if type(offsets) is range and offsets.start == 0 and offsets.step == 1:
        n = len(offsets)
        return lambda pos: pos if 0 <= pos <= n else (0 if pos < 0 else n)
    return doc.to_clean


def _link_document(builder: _Builder, doc: Document, mentions: list[Mention]) -> None:
    doc_entity = builder.entity(f"document:{doc.doc_id}", "document", doc.doc_id)
    doc_entity.attrs["chars"] = len(doc.text)
    by_label: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_label[mention.label].append(mention)
    ctx = _DocContext(doc, by_label, _to_clean(doc))
    # Divisions first: they decide each article's focus place, which then becomes the
    # parent of zones and landmarks the text places nowhere more precisely.
    local = []
    for mention in by_label["place"]:
        if _is_local_place(mention):
            local.append(mention)
        else:
            ctx.ids[id(mention)] = _link_place(builder, mention)
    ctx.articles = _articles(builder, ctx, by_label["place"])
    district = _document_district(builder, ctx)
    builder.article_focus[doc.doc_id] = (
        [doc.to_original(a.start, a.start)[0] for a in doc.articles] or [0],
        [a.focus or district for a in ctx.articles] or [district],
    )
    for mention in local:
        district = _district_around(builder, ctx, mention)
        ctx.ids[id(mention)] = _link_place(
            builder, _in_focus(builder, mention, district)
        )
    for mention in by_label["organization"]:
        ctx.ids[id(mention)] = _link_org(builder, ctx, mention)
    # People with a post first: a name the document repeats without one (马建祥获得…)
    # is the same person as the 调解员马建祥 it introduced.
    people = sorted(by_label["person"], key=lambda m: not m.attrs.get("posts"))
    for mention in people:
        _link_person(builder, ctx, mention)
    for mention in by_label["programme"]:
        # "local": a user pack's lexicon (kg.extract.lexicon) and older caches
        if mention.attrs.get("class") in ("programme", "local"):
            ctx.ids[id(mention)] = _link_programme(builder, ctx, mention)
    for mention in by_label["metric"]:
        _link_metric(builder, ctx, mention)


def _articles(
    builder: _Builder, ctx: _DocContext, places: list[Mention]
) -> list[ArticleInfo]:
    doc = ctx.doc
    # (article index, position, entity id) of the places that can be a focus
    candidates: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for mention in places:
        entity_id = ctx.ids.get(id(mention))
        if entity_id is None:
            continue  # zones and landmarks are linked after the focus is known
        level = str(builder.graph.entities[entity_id].attrs.get("level"))
        if RANK.get(level, 9) > 4 or level in ("zone", "landmark", "province"):
            continue
        pos = ctx.position(mention)
        candidates[doc.article_index(pos)].append((pos, entity_id))
    infos = []
    for article in doc.articles:
        scores: Counter[str] = Counter()
        titled: set[str] = set()
        first: dict[str, int] = {}
        headline = _headline(doc.clean, article.title)
        for pos, entity_id in candidates.get(article.index, ()):
            weight = 1
            for span in (headline, article.note):
                if span and span[0] <= pos < span[1]:
                    weight += 3
                    titled.add(entity_id)
            scores[entity_id] += weight
            first[entity_id] = min(pos, first.get(entity_id, pos))
        focus = None
        if scores:
            # the most named place; between equals, the one the title or byline
            # names, then the broader, then the one the text names first (梅州 before
            # 深圳 in a story naming each six times) — never the order of the ids
            focus = max(
                scores,
                key=lambda e: (
                    scores[e],
                    e in titled,
                    -_rank(builder, e),
                    -first[e],
                ),
            )
        title = (
            doc.clean[article.title[0] : article.title[1]] if article.title else None
        )
        span = article.title or (article.start, min(article.end, article.start + 20))
        start, end = doc.to_original(*span)
        mention = Mention(
            doc.doc_id,
            start,
            end,
            doc.text[start:end],
            "article",
            "link:article-title",
            title or doc.text[start:end],
        )
        article_id = f"article:{doc.doc_id}#{article.index}"
        entity = builder.entity(
            article_id, "article", title or f"{doc.doc_id} #{article.index}"
        )
        entity.mentions.append(mention)
        entity.attrs["focus_place"] = focus
        builder.relate(article_id, "in_document", f"document:{doc.doc_id}", mention)
        if focus:
            builder.relate(article_id, "about", focus, mention)
        infos.append(
            ArticleInfo(
                doc.doc_id,
                article.index,
                title,
                focus,
                mention,
                scores[focus] if focus else 0,
            )
        )
    return infos


# the longest first line taken for a headline: longer, it is a lead paragraph run
# into the title (a news item without one)
_HEADLINE_CHARS = 40


def _headline(clean: str, title: tuple[int, int] | None) -> tuple[int, int] | None:
    """An article's title up to the dateline of a lead run into it (a headline of
    40 characters or more, then 央视网消息…: kg/resources/datelines.txt): the places
    of the lead are not the title's."""
    if title is None:
        return None
    start, end = title
    found = [clean.find(word, start, end) for word in _datelines()]
    return (start, min((at for at in found if at > start), default=end))


@cache
def _datelines() -> tuple[str, ...]:
    return tuple(sorted(load_lines("datelines.txt")))


def _rank(builder: _Builder, entity_id: str) -> int:
    return RANK.get(str(builder.graph.entities[entity_id].attrs.get("level")), 9)


def _link_place(builder: _Builder, mention: Mention) -> str:
    attrs = mention.attrs if type(mention.attrs) is dict else dict(mention.attrs)
    canonical = str(attrs.get("canonical") or mention.name)
    entity_id = place_id(attrs, canonical)
    entity = builder.entity(entity_id, "place", canonical)
    entity.mentions.append(mention)
    entity.aliases.add(mention.name)
    entity.aliases.update(map(str, attrs.get("aliases") or ()))  # 景田北片区
    entity.attrs.update(level=attrs.get("level"), code=attrs.get("code"))
    parent = attrs.get("parent")
    if attrs.get("division"):
        builder.place_chain(str(attrs["division"]))
        if parent:
            builder.relate(entity_id, "part_of", f"place:{parent}", mention)
    elif parent:
        builder.place_chain(str(parent))
        builder.relate(entity_id, "part_of", f"place:{parent}", mention)
    return entity_id


_LOCAL_LEVELS = frozenset({"zone", "landmark", "neighbourhood"})


def _is_local_place(mention: Mention) -> bool:
    """A zone, landmark or unlisted village: no division code of its own."""
    level = mention.attrs.get("level")
    return not mention.attrs.get("division") and (
        level in _LOCAL_LEVELS or level in ("village", "community")
    )


def _district_around(
    builder: _Builder, ctx: _DocContext, mention: Mention
) -> str | None:
    """The district a local place most likely lies in, nearest evidence first.

    A district named in the same sentence (巫溪县…这里的红池坝国家森林公园), else in
    the same paragraph, else the article's focus when the article names it more than
    once (a single passing mention of 石柱 does not put 重庆保税港区 there).
    """
    doc = ctx.doc
    position = ctx.position(mention)

    def linked_districts() -> tuple[list[int], list[str]]:
        # By position. Local places are linked after it is made, and never as a
        # district (their levels are below); a place linked as one, but since made a
        # local place's node, is checked below.
        districts = []
        for place in ctx.by_label["place"]:
            entity_id = ctx.ids.get(id(place))
            if entity_id is not None and _rank(builder, entity_id) == 3:
                districts.append((ctx.position(place), entity_id))
        districts.sort(key=lambda d: d[0])
        return [at for at, _ in districts], [e for _, e in districts]

    ats, ids = ctx.cached("districts", linked_districts)
    for index in (doc.sentence_index, doc.paragraph_index):
        # The nearest district in the same sentence (paragraph): walked outwards
        # from the place, as far as the sentence goes.
        here = index(position)
        best: tuple[int, str] | None = None
        left = bisect_left(ats, position) - 1
        right = left + 1
        while True:
            gaps = []
            if left >= 0 and index(ats[left]) == here:
                gaps.append((position - ats[left], -1))
            if right < len(ats) and index(ats[right]) == here:
                gaps.append((ats[right] - position, 1))
            if not gaps:
                break
            gap, side = min(gaps)
            if best is not None and gap > best[0]:
                break
            if side < 0:
                entity_id, left = ids[left], left - 1
            else:
                entity_id, right = ids[right], right + 1
            if _rank(builder, entity_id) == 3:
                key = (gap, entity_id)
                best = key if best is None or key < best else best
        if best is not None:
            return best[1]
    article = ctx.article_of(mention)
    return article.focus if article.focus_weight >= 2 else None


def _in_focus(builder: _Builder, mention: Mention, focus: str | None) -> Mention:
    """The mention with the article's focus place as parent, when that is more precise.

    A street in a district's work report lies in that district: 哈萨尔大街 (no place
    named with it) and 呼伦贝尔古城 (named after the prefecture) both get the
    report's district. The parent keeps its rule so a user can tell it was inferred.
    """
    if focus is None or mention.attrs.get("scope") == "region":
        return mention  # 西部(重庆)科学城, 长江: larger than any one district
    division = focus.removeprefix("place:")
    if division not in builder.gazetteer.divisions:
        return mention
    parent = mention.attrs.get("parent")
    if parent is not None and parent not in builder.gazetteer.ancestors(division):
        return mention
    # 哈克遗址 in a report on 海拉尔区: named after the district's town 哈克镇.
    name = str(mention.attrs.get("canonical") or mention.name)
    for stem, town in sorted(town_stems().get(division, {}).items()):
        longer_place = any(
            name[:n] in builder.gazetteer.keys for n in range(len(stem) + 1, len(name))
        )  # 呼伦贝尔古城 is named after 呼伦贝尔, not 呼伦街道
        if name.startswith(stem) and len(name) > len(stem) + 1 and not longer_place:
            division = town
            break
    attrs = {**mention.attrs, "parent": division, "parent_rule": "article-focus"}
    return replace(mention, attrs=attrs)


def _link_org(builder: _Builder, ctx: _DocContext, mention: Mention) -> str:
    canonical = str(mention.attrs.get("canonical") or mention.name)
    place_text = str(mention.attrs.get("place_text") or "")
    inside = ctx.places_inside(mention.start, mention.end)
    inner = _address_place(inside, mention)
    place_entity = ctx.ids[id(inner)] if inner and id(inner) in ctx.ids else None
    at = canonical.find(inner.text) if inner is not None else -1
    if inner is not None and inner.start > mention.start and at > 0:
        # 大英县河边镇波思村党支部 is 波思村党支部 in 波思村: the places written
        # before the most specific one of its address are an address, not its name
        canonical = canonical[at:]
    if not inside and len(place_text) == 1:
        # 区委组织部 in an article about 梁平区 is 梁平区委组织部; 村党委 in a story
        # about 安寿村 is 安寿村党委 (the nearest village of the article).
        named = _nearest_place_of_level(builder, ctx, mention, place_text)
        if named is not None:
            canonical = builder.graph.entities[named].name + canonical[1:]
            place_entity = named
    entity_id = f"organization:{canonical}"
    entity = builder.entity(entity_id, "organization", canonical)
    entity.mentions.append(mention)
    entity.aliases.add(mention.name)
    if place_entity:
        builder.relate(entity_id, "located_in", place_entity, mention)
    return entity_id


def _address_place(inside: list[Mention], org: Mention) -> Mention | None:
    """The most specific place of the address an organisation's name opens with
    (湖南省株洲市城发集团: 株洲市; 大英县河边镇波思村党支部: 波思村): the places
    written one right after the other from its start, ranked by level
    (``link:words.address-levels``); else the first place inside it."""
    levels = word_set("link:words.address-levels")
    epithets = word_set("link:words.address-epithets")
    chain: list[Mention] = []
    end = org.start
    for place in inside:
        # 某市老区某县: an epithet of the place before may stand between two places
        gap = org.text[end - org.start : place.start - org.start] if chain else ""
        if (place.start != end and gap not in epithets) or str(
            place.attrs.get("level")
        ) not in levels:
            break
        chain.append(place)
        end = place.end
    if not chain:
        return inside[0] if inside else None
    return max(chain, key=lambda p: (RANK.get(str(p.attrs.get("level")), 0), p.start))


def _nearest_place_of_level(
    builder: _Builder, ctx: _DocContext, mention: Mention, level_char: str
) -> str | None:
    """The place a bare level word (区, 村) stands for: the article's focus when its
    name ends in that word, else the nearest place of the article that does."""
    article = ctx.article_of(mention)
    if article.focus and builder.graph.entities[article.focus].name.endswith(
        level_char
    ):
        return article.focus

    def make() -> dict[int | None, tuple[list[int], list[str]]]:
        # the linked places named with that word, by article (and None: all), by start
        found: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
        for place in ctx.by_label["place"]:
            entity_id = ctx.ids.get(id(place))
            if entity_id is None:
                continue
            name = builder.graph.entities[entity_id].name
            if name.endswith(level_char) and len(name) >= 2:
                found[ctx.article_of(place).index].append((place.start, entity_id))
                found[None].append((place.start, entity_id))
        return {
            key: ([at for at, _ in sorted(points)], [e for _, e in sorted(points)])
            for key, points in found.items()
        }

    by_article = ctx.cached(f"level:{level_char}", make)
    # Prefer the same article (any place there is before any elsewhere), then the
    # nearest place.
    points = by_article.get(article.index) or by_article.get(None)
    return _closest(*points, mention.start) if points else None


def _closest(starts: list[int], ids: list[str], pos: int) -> str:
    """Of points sorted by start, the id of the nearest to ``pos`` (ties: least id).

    Examples:
        >>> _closest([1, 5, 9, 9], ["a", "b", "d", "c"], 7)
        'b'
        >>> _closest([1, 5, 9, 9], ["a", "b", "d", "c"], 8)
        'c'
    """
    i = bisect_left(starts, pos)
    gaps = ([pos - starts[i - 1]] if i > 0 else []) + (
        [starts[i] - pos] if i < len(starts) else []
    )
    gap = min(gaps)
    return min(
        ids[j]
        for at in {pos - gap, pos + gap}
        for j in range(bisect_left(starts, at), bisect_right(starts, at))
    )


def _post_org(
    builder: _Builder, ctx: _DocContext, org_text: str, evidence: Mention
) -> str:
    """An organisation a byline names only as part of a post list.

    (作者系开州区委常委、宣传部部长) names 开州区委宣传部 without writing it out; it is
    located in the place its name starts with, or for 区信访办 the article's district.
    """
    places = ctx.places_written_in(ctx.article_of(evidence).index, org_text)
    place_entity = None
    canonical = org_text
    if places:
        # 西藏昌都市察雅县住房和城乡建设局 sits in the most specific place it names.
        inner = max(
            places, key=lambda p: (RANK.get(str(p.attrs.get("level")), 0), len(p.name))
        )
        place_entity = ctx.ids[id(inner)]
        # 西藏昌都市察雅县住房和城乡建设局 is 察雅县住房和城乡建设局: the enclosing
        # places before the most specific one are an address, not part of the name.
        at = org_text.find(inner.name)
        if at > 0 and _address_only(org_text[:at], places):
            canonical = org_text[at:]
    elif level := _bare_level(org_text):
        # 区信访办, 自治区政府: the body of the place of that level the text is about
        place_entity = _nearest_place_of_level(builder, ctx, evidence, level)
        if place_entity is not None:
            name = builder.graph.entities[place_entity].name
            canonical = name + org_text[len(level) :]
    entity_id = f"organization:{canonical}"
    entity = builder.entity(entity_id, "organization", canonical)
    if not builder.has_mention(entity, evidence):
        entity.mentions.append(evidence)  # the byline note that names it
    if org_text != canonical:
        entity.aliases.add(org_text)
    if place_entity:
        builder.relate(entity_id, "located_in", place_entity, evidence)
        ctx.cached("post-org-places", dict)[entity_id] = place_entity
    return entity_id


def _bare_level(org_text: str) -> str:
    """The bare level word an organisation's name opens with, standing for "this
    place" (区信访办: 区; 自治区政府: 自治区, link:words.bare-level-words), or ''.

    Examples:
        >>> _bare_level("自治区政府"), _bare_level("区信访办"), _bare_level("教育部")
        ('自治区', '区', '')
    """
    for word in longest_first("link:words.bare-level-words"):
        if org_text.startswith(word) and len(org_text) > len(word):
            return word
    if org_text[:1] and org_text[0] in chars("organization:chars.bare-level"):
        return org_text[0]
    return ""


def _address_only(text: str, places: list[Mention]) -> bool:
    """Whether ``text`` is only names of ``places`` one after the other (西藏昌都市:
    an address), not a name holding one (光大银行)."""
    names = sorted({p.text for p in places} | {p.name for p in places}, key=len)
    while text:
        name = next((n for n in reversed(names) if n and text.startswith(n)), None)
        if name is None:
            return False
        text = text[len(name) :]
    return True


def _link_person(builder: _Builder, ctx: _DocContext, mention: Mention) -> None:
    kind = str(mention.attrs.get("kind"))
    doc = ctx.doc
    article = ctx.article_of(mention)
    posts = list(mention.attrs.get("posts") or [])  # type: ignore[call-overload]
    targets: list[tuple[str, dict[str, object], Mention]] = []
    chain: tuple[int, tuple[str, Mention]] | None = None
    bases: list[str] = []  # the organisation of each post's party body: its place
    joint: tuple[int, tuple[str, Mention]] | None = None
    for post in posts:
        at = post.get("at")
        inherit = chain
        if inherit is None and joint is not None and isinstance(at, int):
            # 某国政府总理兼外长: the title after 兼 is in the first one's organisation
            joined = doc.text[joint[0] : at] in words("person:words.title-joiners")
            inherit = joint if joined else None
        department = (
            _committee_department(builder, ctx, joint, at)
            if joint is not None and isinstance(at, int)
            else None
        )
        target = department or _post_target(
            builder, ctx, mention, post, article, inherit
        )
        if target:
            targets.append((target[0], post, target[1]))
            bases.append(target[0])
            if isinstance(at, int):
                end = at + len(str(post.get("title") or ""))
                joint = (end, (target[0], target[1]))
            if isinstance(at, int) and len(target) > 2:
                # the organisation a title list's next title inherits
                chain = (end, target[2])  # type: ignore[misc]
                bases[-1] = chain[1][0]
    if kind == "national_leader":
        scope = ""
    elif (article.index, mention.name) in ctx.people_seen:
        # 村支书王建华 … 王建华当选村党支部书记: one person, though the second post
        # is found in another place (link:same-name-same-article)
        scope = ctx.people_seen[(article.index, mention.name)]
    elif not targets and mention.name in ctx.people:
        scope = ctx.people[mention.name]
    else:
        scope_place = None
        for target_id in bases:
            scope_place = _place_of(builder, ctx, target_id)
            if scope_place:
                break
        scope_place = scope_place or article.focus
        scope = (
            "@" + _county_of(builder, scope_place) if scope_place else f"@{doc.doc_id}"
        )
    ctx.people.setdefault(mention.name, scope)
    ctx.people_seen.setdefault((article.index, mention.name), scope)
    entity_id = f"person:{mention.name}{scope}"
    firsts: dict[tuple[int, str], str] = ctx.cached("dotted-first-names", dict)
    if not targets and (article.index, mention.name) in firsts:
        # 阿布拉·吐尔逊 … 阿布拉: the first part of a dotted name written before in
        # the article, bare, is how the text goes on naming that person
        entity_id = firsts[(article.index, mention.name)]
    else:
        first = _dotted_first_name(mention.name)
        if first:
            firsts.setdefault((article.index, first), entity_id)
    entity = builder.entity(entity_id, "person", mention.name)
    if entity.name != mention.name:
        entity.aliases.add(mention.name)
    entity.mentions.append(mention)
    # An author is also an official; keep the most specific kind seen (a person named
    # with a post and later without one stays an official).
    seen = str(entity.attrs.get("kind") or "")
    if _KIND_RANK.get(kind, 0) > _KIND_RANK.get(seen, -1):
        entity.attrs["kind"] = kind
    for target_id, post, evidence in targets:
        title, former = str(post.get("title") or ""), bool(post.get("former"))
        if evidence.rule in ("link:words.foreign-states", "link:words.foreign-organs"):
            title, former = _state_title(doc, evidence, post, title, former)
        elif evidence.rule == "link:pattern.national-body":
            former = former or _former_between(doc, evidence, post)
        builder.relate(
            entity_id,
            "holds_post",
            target_id,
            evidence,
            title=title or post.get("title"),
            former=former,
        )
    if kind == "author":
        builder.relate(
            entity_id, "authored", f"article:{doc.doc_id}#{article.index}", mention
        )


def _dotted_first_name(name: str) -> str:
    """The first part of a transliterated name written with middle dots, when it is
    long enough to name its bearer alone (``link:dotted-first-name``), or ''.

    Examples:
        >>> _dotted_first_name("图尔逊·阿木提"), _dotted_first_name("王建华")
        ('图尔逊', '')
    """
    dots = chars("person:chars.name-dot")
    cut = next((i for i, ch in enumerate(name) if ch in dots), -1)
    least = int(words("link:count.dotted-first-name-length")[0])
    return name[:cut] if cut >= least else ""


_KIND_RANK = {
    "other": 0,
    "photographer": 1,
    "historical": 1,
    "national_leader": 2,
    "official": 3,
    "author": 4,
}


def _post_target(
    builder: _Builder,
    ctx: _DocContext,
    person: Mention,
    post: dict[str, object],
    article: ArticleInfo,
    chain: tuple[int, tuple[str, Mention]] | None = None,
) -> tuple[str, Mention] | tuple[str, Mention, tuple[str, Mention]] | None:
    """The organisation (or place) a post belongs to, with the mention that says so.

    For a post written in a list (河南省气象局原党组书记、局长), a third item: the
    organisation the list's next title inherits (``chain``: where this title ends,
    and that organisation) when nothing is written before that title but 、 and a
    marker of a past post (``link:pattern.chain-gap``)."""
    doc, ids = ctx.doc, ctx.ids
    org_text = post.get("org")
    if isinstance(org_text, str) and org_text:
        # A post from a byline note: the organisation mention inside the note, or the
        # organisation the post list implies (开州区委 + 宣传部).
        org = ctx.org_named(article.index, org_text)
        if org is not None:
            return ids[id(org)], org
        unit = _party_unit().match(str(post.get("title") or ""))
        place = ctx.place_named(org_text)
        if place is not None:
            if not unit:
                return ids[id(place)], place
            org_text += unit.group()  # 隆兴镇 + 党委书记: the post is in 隆兴镇党委
        evidence = _note_mention(ctx, person, org_text)
        return _post_org(builder, ctx, org_text, evidence), evidence
    at = post.get("at")
    if isinstance(at, int):
        title = str(post.get("title") or "")
        unit = _party_unit().match(title)
        # 河南省气象局原党组书记: the organisation ends before the marker of a past post
        marker = _former_marker().search(doc.text, max(0, at - 2), at)
        head = marker.start() if marker is not None else at
        ends = {at, head} | ({at + unit.end()} if unit else set())
        # 也门总统领导委员会主席, 波黑主席团轮值主席: a foreign state's organ, before
        # any organisation mention inside it (总统领导委员会) or a place of the article
        organ = _foreign_organ(builder, ctx, ctx.to_clean(head))
        if organ is not None:
            return organ
        org = ctx.first_ending("organization", ends)
        if org is not None:
            return _party_body(builder, ctx, ids[id(org)], org, unit, at)
        place = ctx.first_ending("place", ends)
        if place is not None:
            return ids[id(place)], place
        origin = _origin_before(builder, ctx, person, head)
        if origin is not None or post.get("adjacent"):
            # 南开区环卫工人王某: a workplace role's post is where it is written
            # (person:words.workplace-roles), or nowhere; 就任村书记的某某: the
            # village's party branch
            clean_head = ctx.to_clean(head)
            return (
                origin
                or _bare_party_body(builder, ctx, person, clean_head, unit)
                or _implied_party_body(builder, ctx, person, clean_head, title)
                or _adjacent_org(builder, ctx, person, clean_head)
            )
        head_level = next(
            iter(word_values("link:words.head-titles").get(title, ())), ""
        )
        if (
            chain is not None
            and _chain_gap(doc.text[chain[0] : at])
            and not (
                # 河北省委常委、副省长: a head of government is not in the committee
                head_level
                and builder.graph.entities[chain[1][0]].name.endswith(
                    tuple(words("person:words.party-committee"))
                )
            )
        ):
            # 河南省气象局原党组书记、局长: the organisation of the title before
            return (*chain[1], chain[1])
        # 省委办公厅督查四处处长, 泰康置业有限公司（以下简称“泰康置业”）总经理: an
        # organisation before the title, with only its sub-unit or a bracket between.
        clean_at = ctx.to_clean(head)
        branch = _bare_party_body(builder, ctx, person, clean_at, unit)
        branch = branch or _implied_party_body(builder, ctx, person, clean_at, title)
        if branch is not None:
            return branch
        gap_rule = pattern("link:pattern.org-gap")
        for org in ctx.ending_before("organization", clean_at, 16):
            gap = doc.clean[ctx.to_clean(org.end) : clean_at]
            if 0 < len(gap) <= 16 and gap_rule.fullmatch(gap):
                return ids[id(org)], org
        # 上海合作组织秘书长: an international body written whole, before the
        # sub-unit rule reads 上海 + 合作组织 as a place and its sub-unit
        world = _international_body(builder, ctx, clean_at)
        if world is not None:
            return world
        # 西池社区第三网格网格员: a place a few characters before the title, with
        # only a sub-unit (第三网格, 二组) between them.
        for place in ctx.ending_before("place", clean_at, 6):
            gap = doc.clean[ctx.to_clean(place.end) : clean_at]
            if 0 < len(gap) <= 6 and pattern("link:pattern.sub-unit").fullmatch(gap):
                if pattern("link:pattern.sub-unit-word").search(gap):
                    return ids[id(place)], place
        # 中央宣讲团成员, 国家发展改革委主任: a national body, in no place (the
        # article's district is only where the official speaks)
        body = pattern("link:pattern.national-body").search(
            doc.clean, max(0, clean_at - 20), clean_at
        )
        if body is not None and _no_post_inside(body.group("body")):
            evidence = _org_evidence(
                doc,
                *body.span("body"),
                "link:pattern.national-body",
                body.group("body"),
            )
            # 中国民用航空局原党组成员、副局长: its party body; the next title the body's
            target = _post_org(builder, ctx, body.group("body"), evidence)
            return _party_body(builder, ctx, target, evidence, unit, at)
        state = _foreign_state(builder, ctx, clean_at)
        if state is not None:
            return state
        written = _org_written_before(ctx, person, clean_at)
        if written is not None:
            target = _post_org(builder, ctx, written.name, written)
            return _party_body(builder, ctx, target, written, unit, at)
        # 河北省委书记倪建峰、省长王建谱: a bare head-of-government title is in the
        # nearest place of its level in the sentence, not in the article's focus.
        if head_level:
            place = _sentence_place_of_level(builder, ctx, person, clean_at, head_level)
            if place is not None:
                return ids[id(place)], place
        if title in word_set("link:words.abroad-titles"):
            # 俄罗斯总统某某: a foreign post, in the state named right before it (a
            # place name jieba knows that no place mention covers), in no place the
            # article names
            return _state_before(builder, ctx, clean_at)
        if title.endswith(tuple(words("link:words.unit-titles"))):
            # 某工程总设计师, 电焊技师: a post in a company or a project; with neither
            # written before it, the post is in no place (not the sentence's nor the
            # article's focus: the person works for a unit the text leaves unnamed)
            return None
        # 在某村担任第一书记, 某村的村支书某某: a village-level post with no
        # organisation written is in the village named with it, never the county
        village = _village_of_post(builder, ctx, article, clean_at, title)
        if village is not None:
            return village, person
        # 菏泽定陶区马集镇这家小公司……，负责人李某: no organisation written, the
        # post is in the last place named before it in its sentence, not in the
        # article's focus (link:sentence-place-post)
        if article.focus and article.mention:
            place = _sentence_place_before(ctx, person, clean_at)
            # the evidence is the person's mention, as for the focus: the rule that
            # found the title, not the place's
            return (ids[id(place)] if place is not None else article.focus), person
    return None


def _committee_department(
    builder: _Builder, ctx: _DocContext, joint: tuple[int, tuple[str, Mention]], at: int
) -> tuple[str, Mention] | None:
    """区委常委、宣传部部长: after a title held in a party committee (the organisation of
    the title before, ending in person:words.party-committee), a department written
    with no place of its own (``link:pattern.committee-department``) is that
    committee's (梁平区委宣传部), as person:chars.place-level says for a byline's
    post list."""
    doc = ctx.doc
    match = pattern("link:pattern.committee-department").fullmatch(
        doc.text[joint[0] : at]
    )
    if match is None:
        return None
    committee = builder.graph.entities[joint[1][0]]
    if committee.label != "organization" or not committee.name.endswith(
        tuple(words("person:words.party-committee"))
    ):
        return None
    dept = match.group("dept")
    if any(ch in dept for ch in chars("person:chars.place-level")):
        return None  # 区委常委、区纪委书记: a body of its own, named with its place
    start = ctx.to_clean(joint[0] + match.start("dept"))
    name = _joined_name(committee.name, dept)
    evidence = _org_evidence(
        doc, start, start + len(dept), "link:pattern.committee-department", name
    )
    return _post_org(builder, ctx, name, evidence), evidence


def _joined_name(body: str, department: str) -> str:
    """A department's full name under a body, written once where the department
    repeats the body's end (中央军委 + 军委政治工作部).

    Examples:
        >>> _joined_name("中央军委", "军委政治工作部")
        '中央军委政治工作部'
        >>> _joined_name("梁平区委", "宣传部")
        '梁平区委宣传部'
    """
    for k in range(min(len(body), len(department)) - 1, 1, -1):
        if body.endswith(department[:k]):
            return body + department[k:]
    return body + department


def _adjacent_org(
    builder: _Builder, ctx: _DocContext, person: Mention, clean_at: int
) -> tuple[str, Mention] | None:
    """A workplace no organisation mention covers, written right before ``clean_at``
    (某某技工学校学生): ``link:org-before-title``."""
    written = _org_written_before(ctx, person, clean_at)
    if written is None:
        return None
    return _post_org(builder, ctx, written.name, written), written


def _origin_before(
    builder: _Builder, ctx: _DocContext, person: Mention, at: int
) -> tuple[str, Mention] | None:
    """来自某县的学员王某: an organisation or a place written after 来自 and right
    before the 的 that ends at the title (``link:pattern.origin-before-title``) is
    where the post is held."""
    clean_at = ctx.to_clean(at)
    window = ctx.doc.clean[max(0, clean_at - 24) : clean_at]
    if pattern("link:pattern.origin-before-title").search(window) is None:
        return None
    org = ctx.first_ending("organization", {at - 1})
    if org is not None:
        return ctx.ids[id(org)], org
    # 来自某省某某技工学校的学生: a workplace no organisation mention covers
    adjacent = _adjacent_org(builder, ctx, person, clean_at - 1)
    if adjacent is not None:
        return adjacent
    place = ctx.first_ending("place", {at - 1})
    if place is not None:
        return ctx.ids[id(place)], place
    return None


def _bare_party_body(
    builder: _Builder,
    ctx: _DocContext,
    person: Mention,
    clean_at: int,
    unit: re.Match[str] | None,
) -> tuple[str, Mention] | None:
    """当选村党支部书记: a bare level word (``link:chars.bare-party-level``) before a
    title opening with a party unit is that unit of the nearest place of that level
    (某某村党支部), in that place (``link:bare-party-body``)."""
    doc = ctx.doc
    level = doc.clean[clean_at - 1 : clean_at]
    if unit is None or not level or level not in chars("link:chars.bare-party-level"):
        return None
    if doc.clean[clean_at - 2 : clean_at - 1] in chars("link:chars.bare-party-level"):
        return None  # 乡村党支部: no one place
    evidence = _org_evidence(
        doc,
        clean_at - 1,
        clean_at + unit.end(),
        "link:bare-party-body",
        level + unit.group(),
    )
    if _nearest_place_of_level(builder, ctx, evidence, level) is None:
        return None
    return _post_org(builder, ctx, level + unit.group(), evidence), evidence


def _implied_party_body(
    builder: _Builder, ctx: _DocContext, person: Mention, clean_at: int, title: str
) -> tuple[str, Mention] | None:
    """村书记: a party secretary's title right after a bare level word names no
    party unit, but the level implies one (``link:words.implied-party-units``:
    a village's 党支部, a town's 党委); the post is in that body of the nearest
    place of that level, as for 村党支部书记 (``link:bare-party-body``)."""
    doc = ctx.doc
    level = doc.clean[clean_at - 1 : clean_at]
    implied = word_values("link:words.implied-party-units").get(level)
    rule, start = "link:words.implied-party-units", clean_at - 1
    short = doc.clean[clean_at - 2 : clean_at]
    if not implied and short in word_values("link:words.implied-party-short"):
        # 镇委书记: the town's committee written short, after a bare level word
        level, start = short[0], clean_at - 2
        implied = word_values("link:words.implied-party-short")[short]
        rule = "link:words.implied-party-short"
    if not implied or title not in word_set("link:words.implied-party-titles"):
        return None
    if doc.clean[start - 1 : start] in chars("link:chars.implied-party-not-after"):
        return None  # 乡村书记: no one place; 驻村书记: a cadre sent to the village
    unit = str(implied)
    evidence = _org_evidence(doc, start, clean_at, rule, level + unit)
    if _nearest_place_of_level(builder, ctx, evidence, level) is None:
        return None
    return _post_org(builder, ctx, level + unit, evidence), evidence


def _village_level(text: str, at: int, title: str) -> bool:
    """Whether the title at ``at`` is held in a village: a village-level title
    (``link:words.village-titles``: 第一书记, 村支书, 驻村干部) or one written after a
    word sending it to a village (``link:words.village-title-heads``: 驻村工作队长)."""
    if title in word_set("link:words.village-titles"):
        return True
    return text[:at].endswith(tuple(words("link:words.village-title-heads")))


def _village_of_post(
    builder: _Builder, ctx: _DocContext, article: ArticleInfo, at: int, title: str
) -> str | None:
    """The village of a village-level post with no organisation written
    (``link:village-post``): the village of the article named last before the title
    in its sentence (在某村担任第一书记, 某村的村支书), else the one village its
    paragraph names, else the village the article is about; None when there is none
    or the paragraph names several."""
    doc = ctx.doc
    if not _village_level(doc.clean, at, title):
        return None
    levels = word_set("link:words.village-levels")
    names: dict[str, str] = {}
    for place in ctx.places_by_article().get(article.index, ()):
        pid = ctx.ids.get(id(place))
        if pid is None:
            continue
        entity = builder.graph.entities[pid]
        if str(entity.attrs.get("level")) in levels:
            for name in (entity.name, place.text):
                names.setdefault(name, pid)
    if not names:
        return None
    start = doc.sentences[doc.sentence_index(at)][0]
    clause = doc.clean[start:at]
    # the name written last before the title (the longer one where two end together)
    last = max(
        ((clause.rfind(n) + len(n), len(n), n) for n in names if n in clause),
        default=None,
    )
    if last is not None:
        return names[last[2]]
    begin, end = doc.paragraphs[doc.paragraph_index(at)][:2]
    para = doc.clean[begin:end]
    named = {pid for name, pid in names.items() if name in para}
    if named:
        return named.pop() if len(named) == 1 else None
    # 村支书某某 in a paragraph naming no village, in a story of one village: that one
    return (
        _subject_village(builder, ctx, article, article.focus)
        if article.focus
        else None
    )


def _sentence_place_before(
    ctx: _DocContext, person: Mention, at: int
) -> Mention | None:
    """The last place of an address level (``link:words.address-levels``) named
    before ``at`` in ``doc.clean`` in ``person``'s sentence."""
    levels = word_set("link:words.address-levels")
    before = [
        place
        for place in ctx.nearby(person, "place")
        if ctx.position(place) < at and str(place.attrs.get("level")) in levels
    ]
    level = ctx.doc.clean[at - 1 : at]
    if level and level in chars("organization:chars.bare-level"):
        # 姜屯镇沙东村迎来了镇党委书记王某: the place of that level (姜屯镇)
        before = [p for p in before if p.name.endswith(level)]
    if not before:
        return None
    # 在浙江大学，某某副院长王某: a place the sentence happens in is not the post's
    start = ctx.position(before[-1])
    for place in reversed(before[:-1]):  # the address it closes (在定陶区马集镇)
        if ctx.to_clean(place.end) == start:
            start = ctx.position(place)
    opener = ctx.doc.clean[:start]
    if opener.endswith(tuple(words("link:words.locative-before"))):
        return None
    return before[-1]


def _party_body(
    builder: _Builder,
    ctx: _DocContext,
    org_id: str,
    org: Mention,
    unit: re.Match[str] | None,
    at: int,
) -> tuple[str, Mention, tuple[str, Mention]]:
    """The post of a title opening with a party unit (党委副书记) written after an
    organisation that is no party body (株洲市城发集团原党委副书记): in that
    organisation's party body (株洲市城发集团党委); the organisation itself is what
    the list's next title (、董事长) inherits."""
    if unit is None or org.end > at or org_id.startswith("place:"):
        return org_id, org, (org_id, org)
    name = builder.graph.entities[org_id].name
    if name.endswith(tuple(words("link:words.party-units"))):
        return org_id, org, (org_id, org)
    body = _post_org(builder, ctx, name + unit.group(), org)
    return body, org, (org_id, org)


@cache
def _former_marker() -> re.Pattern[str]:
    return re.compile("(?:" + alternation("person:words.former-marker") + ")$")


def _chain_gap(gap: str) -> bool:
    """Whether only a list separator and a marker of a past post stand between two
    titles of one list (党组书记、局长; 党组书记、原局长): ``link:pattern.chain-gap``."""
    return pattern("link:pattern.chain-gap").fullmatch(gap) is not None


def _org_written_before(ctx: _DocContext, person: Mention, at: int) -> Mention | None:
    """An organisation's name written right before the title at ``at`` in
    ``doc.clean`` that no mention covers (找到了帮扶工作队队长): ``link:org-before-title``."""
    doc = ctx.doc
    # 某大学2012级|硕士研究生: the school's name ends before the class year
    year = pattern("link:pattern.class-year").search(doc.clean, max(0, at - 8), at)
    if year is not None:
        at = year.start()
    start = written_before(doc.clean, at, tuple(words("link:words.post-org-suffixes")))
    if start is None:
        return None
    return _org_evidence(doc, start, at, "link:org-before-title", doc.clean[start:at])


def _state_before(
    builder: _Builder, ctx: _DocContext, at: int
) -> tuple[str, Mention] | None:
    """The foreign state written right before the title at ``at`` in ``doc.clean``
    (叙利亚|总理): jieba's last word there, tagged as a place (``link:abroad-state``)."""
    doc = ctx.doc
    tokens = segment(doc.clean[max(0, at - 10) : at])
    name = tokens[-1] if tokens else ""
    if len(name) < 2 or word_tags().get(name) != "ns":
        return None
    return _post_org_before(builder, ctx, at, name, "link:abroad-state")


def _international_body(
    builder: _Builder, ctx: _DocContext, at: int
) -> tuple[str, Mention] | None:
    """联合国秘书长: an international body (``link:words.international-bodies``)
    written whole right before the title at ``at`` in ``doc.clean``."""
    doc = ctx.doc
    head = doc.clean[max(0, at - 12) : at]
    name = next(
        (
            w
            for w in longest_first("link:words.international-bodies")
            if head.endswith(w)
        ),
        None,
    )
    if name is None:
        return None
    return _post_org_before(builder, ctx, at, name, "link:words.international-bodies")


def _foreign_state(
    builder: _Builder, ctx: _DocContext, at: int
) -> tuple[str, Mention] | None:
    """哈萨克斯坦总统, 越南国家主席: a foreign state (``link:words.foreign-states``)
    written right before the title at ``at`` in ``doc.clean``, with only
    ``link:pattern.state-title-joint`` between them: the post is that state's."""
    head, end = _title_head(ctx, at, 16)
    name = _listed_word_ending(head, end, "link:words.foreign-states")
    if name is None:
        return None
    return _post_org_before(
        builder, ctx, at - (len(head) - end), name, "link:words.foreign-states"
    )


def _title_head(ctx: _DocContext, at: int, back: int) -> tuple[str, int]:
    """The ``back`` characters of ``doc.clean`` before a title at ``at``, and where a
    state or organ written before the title must end in them: before the joint of
    ``link:pattern.state-title-joint`` (越南国家主席: 国家), if any."""
    head = ctx.doc.clean[max(0, at - back) : at]
    joint = pattern("link:pattern.state-title-joint").search(head)
    return head, joint.start() if joint is not None else len(head)


def _listed_word_ending(head: str, end: int, rule_id: str) -> str | None:
    """The longest word of the words rule ``rule_id`` that ``head[:end]`` ends with."""
    return next((w for w in longest_first(rule_id) if head.endswith(w, 0, end)), None)


def _foreign_organ(
    builder: _Builder, ctx: _DocContext, at: int
) -> tuple[str, Mention] | None:
    """也门总统领导委员会主席, 秘鲁国会议长: a foreign state (``link:words.foreign-states``)
    and one of its organs (``link:words.foreign-organs``) written right before the title
    at ``at`` in ``doc.clean``, with only ``link:pattern.state-title-joint`` between: the
    post is in that organ, named with its state; not after 驻 (驻秘鲁使馆: an envoy)."""
    head, end = _title_head(ctx, at, 24)
    organ = _listed_word_ending(head, end, "link:words.foreign-organs")
    if organ is None:
        return None
    state_end = end - len(organ)
    state = _listed_word_ending(head, state_end, "link:words.foreign-states")
    if state is None:
        return None
    envoy = tuple(words("link:words.envoy-markers"))
    if head.endswith(envoy, 0, state_end - len(state)):
        return None  # 驻秘鲁国会: an envoy's post, not the organ's
    name = state + organ
    return _post_org_before(
        builder, ctx, at - (len(head) - end), name, "link:words.foreign-organs"
    )


def _state_title(
    doc: Document, state: Mention, post: dict[str, object], title: str, former: bool
) -> tuple[str, bool]:
    """The title of a post written after a foreign state with a word between them
    (越南国家主席, 韩国代总统, 智利前总统): the word opens the title
    (``link:words.state-title-prefixes``) or marks a past post
    (``link:words.state-former-marks``)."""
    at = post.get("at")
    if not isinstance(at, int):
        return title, former
    between = doc.text[state.end : at]
    if between in words("link:words.state-title-prefixes"):
        return between + title, former
    if between in words("link:words.state-former-marks"):
        return title, True
    return title, former


def _former_between(doc: Document, body: Mention, post: dict[str, object]) -> bool:
    """Whether a mark of a past post (``link:words.state-former-marks``) stands
    between a national body and its title (某党前主席某某: a former chair)."""
    at = post.get("at")
    if not isinstance(at, int):
        return False
    return doc.text[body.end : at] in words("link:words.state-former-marks")


def _post_org_before(
    builder: _Builder, ctx: _DocContext, at: int, name: str, rule: str
) -> tuple[str, Mention]:
    """The post organisation ``name``, written right before ``at`` in ``doc.clean``,
    with its mention as evidence."""
    evidence = _org_evidence(ctx.doc, at - len(name), at, rule, name)
    return _post_org(builder, ctx, name, evidence), evidence


def _org_evidence(
    doc: Document, clean_start: int, clean_end: int, rule: str, name: str
) -> Mention:
    """The mention of an organisation written at ``clean_start:clean_end`` of
    ``doc.clean``, made by ``rule``: the evidence of a post's organisation."""
    start, end = doc.to_original(clean_start, clean_end)
    return Mention(
        doc.doc_id, start, end, doc.text[start:end], "organization", rule, name
    )


def _no_post_inside(body: str) -> bool:
    """Whether a national body's name holds no title of its own (国家主席胡锦涛向…,
    全国人大常委会副委员长兼…: another post, not the body); 委员会 is a body's word."""
    inside = body.replace(words("link:words.committee-word")[0], "")
    return _title_pattern().search(inside) is None and not any(
        ch in body for ch in chars("person:chars.post-joiners")
    )


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words("person:titles"))))


def _sentence_place_of_level(
    builder: _Builder, ctx: _DocContext, person: Mention, at: int, level: str
) -> Mention | None:
    """The place of ``person``'s sentence whose name ends in ``level`` (省, 县 …):
    the last one before ``at`` in ``doc.clean``, else the first after it (吉林省委书记
    巴音朝鲁、省长景俊海，辽宁省委书记…: 吉林省)."""
    found = [
        place
        for place in ctx.nearby(person, "place")
        if builder.graph.entities[ctx.ids[id(place)]].name.endswith(level)
    ]
    before = [p for p in found if ctx.position(p) < at]
    return before[-1] if before else (found[0] if found else None)


@cache
def _party_unit() -> re.Pattern[str]:
    """The party unit a title starts with (党委书记), ``link:words.party-units``."""
    return re.compile("|".join(map(re.escape, words("link:words.party-units"))))


def _note_mention(ctx: _DocContext, person: Mention, org_text: str) -> Mention:
    """The span of the byline note that names ``org_text`` (else the person's name)."""
    doc = ctx.doc
    article = doc.articles[ctx.article_of(person).index]
    if article.note is not None:
        note_start, note_end = article.note
        # From where its name starts to where its last part is written: for
        # 开州区委宣传部 in (作者系开州区委常委、宣传部部长), "开州区委常委、宣传部".
        at = doc.clean.find(org_text[:2], note_start, note_end)
        tail = org_text[-3:]
        stop = doc.clean.find(tail, at, note_end) if at >= 0 else -1
        if at >= 0:
            stop = stop + len(tail) if stop >= 0 else min(note_end, at + len(org_text))
            return _org_evidence(doc, at, stop, "link:post-list", org_text)
    return person


def _place_of(builder: _Builder, ctx: _DocContext, entity_id: str) -> str | None:
    """The place an entity is: itself for a place, else where its organisation sits."""
    if entity_id.startswith("place:"):
        return entity_id
    org = ctx.org_linked_to(entity_id)
    if org is not None:
        # 海南省万宁市营商环境建设局 is in 万宁市: the most specific place it names
        inside = [p for p in ctx.places_inside(org.start, org.end) if id(p) in ctx.ids]
        if not inside:
            return None
        inner = max(inside, key=lambda p: RANK.get(str(p.attrs.get("level")), 0))
        return ctx.ids[id(inner)]
    # an organisation only a post names (光大银行某分行营业部): where it was put
    return ctx.cached("post-org-places", dict).get(entity_id)


def _county_of(builder: _Builder, place_entity: str) -> str:
    """The district/county above a place (people are told apart at that level)."""
    division = place_entity.removeprefix("place:")
    if division in builder.gazetteer.divisions:
        for candidate in [division, *builder.gazetteer.ancestors(division)]:
            if RANK[builder.gazetteer.divisions[candidate].level] == 3:
                return builder.gazetteer.divisions[candidate].name
    return (
        builder.graph.entities[place_entity].name
        if place_entity in builder.graph.entities
        else division
    )


def _link_programme(builder: _Builder, ctx: _DocContext, mention: Mention) -> str:
    # One programme however a document spells it: “三比三亮”工作法 in one document and
    # “三比三亮” in another are one node, the first spelling seen naming it.
    aliases = [str(a) for a in mention.attrs.get("aliases") or []]  # type: ignore[attr-defined]
    known = builder.programme_names
    # a package named by its count alone (二十条措施) is one document's: two
    # documents' 二十条措施 are two governments' packages, not one node
    keys = [_programme_key(n, mention.doc_id) for n in (mention.name, *aliases)]
    entity_id = next((known[k] for k in keys if k in known), None)
    if entity_id is None:
        entity_id = f"programme:{mention.name}"
        if entity_id in builder.graph.entities:
            entity_id = f"programme:{keys[0]}"  # a count named by another document
    entity = builder.entity(entity_id, "programme", mention.name)
    for key in keys:
        known.setdefault(key, entity_id)
    if mention.name != entity.name:
        entity.aliases.add(mention.name)
    entity.mentions.append(mention)
    if mention.rule in words("link:words.no-focus-steps"):
        builder.no_focus.add(entity_id)
    entity.attrs["class"] = "programme"
    # whose it is: the first mention's say, unless a later one knows better (a
    # national or provincial owner written beside it)
    prior = entity.attrs.get("scope", "local")
    scope = str(mention.attrs.get("scope") or "local")
    if scope == "local" and not mention.attrs.get("scope_rule"):
        scope = _owner_scope(builder, ctx, mention) or scope
        if scope == "local" and _province_wide(ctx, mention):
            scope = "provincial"  # 全省各地在…“三比一看”活动中: the province's
    if prior == "local":
        entity.attrs["scope"] = scope
    for alias in mention.attrs.get("aliases") or []:  # type: ignore[attr-defined]
        if alias != entity.name:
            entity.aliases.add(str(alias))
    components = list(entity.attrs.get("components") or [])  # type: ignore[call-overload]
    for part in mention.attrs.get("components") or []:  # type: ignore[attr-defined]
        if part not in components:
            components.append(part)
    entity.attrs["components"] = components
    # The divisions its sentence names (重庆还以…行动为抓手, 梁平区…“红岩先锋”) are where
    # it runs; with none, the article's focus. Villages named in passing (打造江北村、
    # 关口村党建示范点) are sites of the work, not where the scheme runs.
    named = []
    launchers = set()
    for place in ctx.nearby(mention, "place"):
        pid = ctx.ids[id(place)]
        level = str(builder.graph.entities[pid].attrs.get("level"))
        if (
            RANK.get(level, 9) <= 4
            and level != "zone"
            and pid not in named
            and (_acts_in(ctx, place, mention) or _visited_site(ctx, place, mention))
        ):
            named.append(pid)
            if _launches(ctx, place, mention):
                launchers.add(pid)
    local = _place_before_local(builder, ctx, mention)
    if local:
        named = local  # 在山东某市，当地组织了“百名干部进万家”宣讲活动: 该市
    elif not named:
        back = _place_referred_back(builder, ctx, mention)
        named = [back] if back is not None else named  # …某乡的绿化带…。这里实施…工程
    # 重庆市璧山区…“五新”: the district, not also the province that holds it
    enclosing = set().union(*(_ancestor_ids(builder, pid) for pid in named))
    named = [pid for pid in named if pid not in enclosing]
    article = ctx.article_of(mention)
    focus = (
        article.focus
        or ctx.cached("document-district", lambda: (_document_district(builder, ctx),))[
            0
        ]
    )
    subject = focus
    if focus is not None:
        # an article about a village (华溪村 in its title or named throughout) says
        # where its programmes run more precisely than its district or town
        village = _subject_village(builder, ctx, article, focus)
        if village is not None and _para_names_above(builder, ctx, mention, village):
            village = (
                None  # 长兴县…坚持“腾笼换鸟”: the county's, in a story of its village
            )
        if village is not None:
            around = _ancestor_ids(builder, village)
            # 某市启动“…工程”，村里…: the city's drive, carried out in the village too
            kept: list[str] = []
            for pid in named:
                if pid in launchers:
                    kept += [pid, village]
                else:
                    kept.append(village if pid in around else pid)
            named = list(dict.fromkeys(kept))
            focus = village
    if not named and entity.attrs.get("scope") in ("national", "provincial"):
        if _reported(ctx, mention) or (
            focus == article.focus and article.focus_weight < _FOCUS_EVIDENCE
        ):
            # 杨晓渡强调，…打好三大攻坚战 / 报告指出“…巩固拓展脱贫攻坚成果…”: a
            # national programme in someone's words, with no place of its own
            # there, is no sign that the article's place carries it out; nor is an
            # article's "focus" named once in passing (苏州工业园区 in a state visit)
            focus = None
        elif entity.attrs.get("scope") == "national" and (
            pattern("link:pattern.roundup-package").search(mention.name)
            or entity_id in builder.no_focus
        ):
            # 各地坚持…十二条措施: a package of the centre, all places'; 全国某某信息系统:
            # the nation's platform, where its clause says
            focus = None
    if (
        not named
        and focus is not None
        and focus == article.focus
        and article.focus_weight < _FOCUS_ANY
    ):
        # a local programme too: an article's place named twice in passing is not
        # where its schemes run; three mentions or the title are
        focus = None
    if (
        not named
        and focus is not None
        and focus == article.focus
        and entity.attrs.get("scope") == "national"
        and article.title
        and pattern("link:pattern.national-meeting-title").search(article.title)
    ):
        focus = None  # 国务院常务会议…研究支持天津滨海新区: the nation's agenda
    if (
        not named
        and focus is not None
        and focus == article.focus
        and _bulletin_elsewhere(ctx, article, mention, focus)
    ):
        focus = None  # 国内联播快讯: the focus is another item's place
    if not named and focus is not None:
        # 全省各地在…“三比一看”活动中: the province of the article's place
        focus = _whole_province(builder, ctx, mention, focus) or focus
        if entity.attrs.get("scope") in ("national", "provincial"):
            focus = _title_region(builder, ctx, article, focus) or focus
    if not named and entity.attrs.get("scope") == "provincial":
        focus = _province_in_name(builder, mention.name) or focus  # 数字福建
    where = named or ([focus] if focus else [])
    if not named:
        # 长三角“跨省通办”, 湘鄂赣革命老区扶贫开发: the region's member provinces
        where = _region_members(builder, ctx, mention, focus) or where
    own = _own_place(builder, ctx, mention)
    works = mention.rule == "programme:step.works"
    if works:
        # a named work runs in the places its name holds (…广东段…工程, …送江苏…通道)
        # that the document names elsewhere too (not 滨海 of …滨海互通, a namesake)
        # or that are provinces; with none, where its sentence says
        where = _places_in_name(builder, ctx, mention) or named
    hosted = pattern("programme:pattern.event-host").match(mention.name)
    if (
        own is not None
        and hosted
        and not named
        and _ancestor_ids(builder, own) & set(where)
    ):
        where = []  # 中国（高碑店）…博览会 of a 保定 article: its host city, not all 保定
    if own is not None and own not in where and not works:
        where.append(own)  # 蒲城模式 runs in 蒲城县, 中国义乌国际小商品博览会 in 义乌市
    if (
        scope == "provincial"
        and prior == "local"
        and _province_itself(builder, ctx, mention, where, subject)
    ):
        entity.attrs["scope"] = "local"  # 重庆市出台…行动 in a story of 重庆: its own
    for pid in where:
        builder.relate(entity_id, "runs_in", pid, mention)
    for pid in _spread_places(ctx, mention):
        builder.relate(entity_id, "runs_in", pid, mention)
    for pid, evidence in _roundup_carriers(builder, ctx, mention):
        builder.relate(entity_id, "runs_in", pid, evidence)
    for pid, evidence in _listed_roundup_carriers(builder, ctx, mention, named):
        builder.relate(entity_id, "runs_in", pid, evidence)
    return entity_id


def _spread_places(ctx: _DocContext, mention: Mention) -> list[str]:
    """The places a later clause of the programme's paragraph says its way of
    working is spread to (某区推行某某制度…某某的做法已在某市全市推广:
    ``link:pattern.spread-to`` right after its name, or its name without a tail of
    ``link:words.spread-name-tails``): the first linked place between 在 and 推广."""
    doc = ctx.doc
    end = ctx.to_clean(mention.end)
    para_end = doc.paragraphs[doc.paragraph_index(max(end - 1, 0))][1]
    name = str(mention.name)
    stems = {name} | {
        name.removesuffix(tail)
        for tail in words("link:words.spread-name-tails")
        if name.endswith(tail) and len(name) - len(tail) >= 4
    }
    spread = pattern("link:pattern.spread-to")
    found: list[str] = []
    for stem in sorted(stems, key=len, reverse=True):
        at = doc.clean.find(stem, end, para_end)
        while at >= 0:
            hit = spread.match(doc.clean, at + len(stem), para_end)
            if hit is not None:
                start, stop = doc.to_original(hit.start("where"), hit.end("where"))
                for place in ctx.places_inside(start, stop):
                    pid = ctx.ids.get(id(place))
                    if pid is not None:
                        if pid not in found:
                            found.append(pid)
                        break
            at = doc.clean.find(stem, at + len(stem), para_end)
    return found


def _programme_key(name: str, doc_id: str) -> str:
    """The key a programme's name is known by across the corpus: the name, or for a
    package named by its count alone (programme:pattern.counted-measures: 二十条措施)
    the name in its document (二十条措施@doc), which no other document shares."""
    if pattern("programme:pattern.counted-measures").fullmatch(name):
        return f"{name}@{doc_id}"
    return name


def _lead_paragraph(
    ctx: _DocContext, mention: Mention
) -> tuple[int, Article, int] | None:
    """The index and article of ``mention`` and its lead paragraph's index (the
    headline's next paragraph, else the first), or None when it comes after it."""
    doc = ctx.doc
    pos = ctx.position(mention)
    index = doc.article_index(pos)
    if index >= len(doc.articles):
        return None
    article = doc.articles[index]
    first = doc.paragraph_index(article.start)
    title = article.title
    headline = title is not None and title[1] - title[0] <= _HEADLINE_CHARS
    lead = min(first + (1 if headline else 0), len(doc.paragraphs) - 1)
    if doc.paragraph_index(pos) > lead:
        return None
    return index, article, lead


def _listed_roundup_carriers(
    builder: _Builder, ctx: _DocContext, mention: Mention, named: list[str]
) -> list[tuple[str, Mention]]:
    """A programme that the lead's sentence says listed places carry out (甲市、乙市
    等地落实…: link:pattern.roundup-listed-cue right after them) runs in the
    divisions within those places that open the later paragraphs (在甲市某区…): each
    paragraph tells what one of them does for it. Divisions outside the listed
    places are left to link:pattern.roundup-cue."""
    if len(named) < 2:
        return []
    found = _lead_paragraph(ctx, mention)
    if found is None:
        return []
    index, article, lead = found
    doc = ctx.doc
    pos = ctx.position(mention)
    begin = max(doc.sentences[doc.sentence_index(pos)][0], pos - _ROUNDUP_GAP)
    cue = pattern("link:pattern.roundup-listed-cue").search(doc.clean, begin, pos)
    if cue is None or _CLAUSE_BREAK.search(doc.clean, cue.end(), pos):
        return []  # 甲、乙等地落实…，坚持“…”: the cue's own clause only
    listed = set(named)
    carriers = ctx.cached(
        f"roundup-carriers:{index}",
        lambda: _paragraph_openers(builder, ctx, article, lead),
    )
    return [
        (pid, evidence)
        for pid, evidence in carriers
        # divisions of the gazetteer only (not a place the text alone put in one)
        if pid not in listed and "@" not in pid and _ancestor_ids(builder, pid) & listed
    ]


# how far after the roundup's cue its programme may come (各地在推进…建设中)
_ROUNDUP_GAP = 12
# what ends the clause of a listed roundup's cue (甲、乙等地落实X，坚持Y: not Y's)
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:]")


def _roundup_carriers(
    builder: _Builder, ctx: _DocContext, mention: Mention
) -> list[tuple[str, Mention]]:
    """A programme named in the title of a roundup, or in the sentence of its lead
    that says the places act (各地…, 沿江省市…: link:pattern.roundup-cue), runs in
    the division opening each later paragraph of its article: each paragraph tells
    what one place does for it (在某县…; 某镇的…)."""
    doc = ctx.doc
    pos = ctx.position(mention)
    found = _lead_paragraph(ctx, mention)
    if found is None:
        return []
    index, article, lead = found
    first = doc.paragraph_index(article.start)
    title = article.title
    headline = title is not None and title[1] - title[0] <= _HEADLINE_CHARS
    para = doc.paragraph_index(pos)
    if pattern("link:pattern.roundup-package").search(mention.name):
        return []  # 各地坚持…十二条措施: each place's own work, not the package's
    cue = pattern("link:pattern.roundup-cue")
    if cue.search(mention.name):
        return []  # 各地抓改革: the cue inside a name is no roundup of it
    after = doc.clean[ctx.to_clean(mention.end) :]
    if after.startswith(tuple(words("link:words.roundup-meeting-words"))):
        return []  # …主题教育工作会议上的讲话在各地引发反响: the meeting's echo
    sentence = doc.sentences[doc.sentence_index(pos)]
    if headline and para == first:
        # the headline, or its lead
        if cue.search(doc.clean, article.start, doc.paragraphs[lead][1]) is None:
            return []
    elif not any(
        pos < found.start() or pos - found.end() <= _ROUNDUP_GAP
        for found in cue.finditer(doc.clean, *sentence)
    ):
        # the lead's sentence says the places act in it: 在X中，各地…; X实施以来，
        # 各地…; 各地持续实施X — not 各地…，…加快推进Y, Y one aim among others
        return []
    if any(
        sentence[0] <= ctx.position(other) < pos for other in ctx.by_label["programme"]
    ):
        return []  # 开展A学习教育，是巩固B成果…: A's roundup, B named in passing
    return ctx.cached(
        f"roundup-carriers:{index}",
        lambda: _paragraph_openers(builder, ctx, article, lead),
    )


def _paragraph_openers(
    builder: _Builder, ctx: _DocContext, article: Article, lead: int
) -> list[tuple[str, Mention]]:
    """(place, evidence) for each paragraph of ``article`` after ``lead`` that opens
    with a division (link:_opening_place), not one naming its people or a body
    (某市民…, 某大学…: link:words.roundup-opening-not) nor where someone came from
    (从某市归来的…: link:words.roundup-opening-from)."""
    doc = ctx.doc
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    after_not = tuple(words("link:words.roundup-opening-not"))
    before_not = tuple(words("link:words.roundup-opening-from"))
    found: list[tuple[str, Mention]] = []
    para = lead + 1
    while para < len(doc.paragraphs) and doc.paragraphs[para][0] < article.end:
        # the paragraph's opening place as before; later sentences only when
        # they open with places acting (a slogan first: 深入…，汲取…。在某县，…)
        pid = _opening_place(builder, ctx, para, doc.paragraphs[para][1])
        openers = [p for p in by_para.get(para, ()) if ctx.ids.get(id(p)) == pid][:1]
        openers += [
            place
            for begin, end in _paragraph_sentences(ctx, para)[1:]
            for place in _sentence_openers(
                builder, ctx, by_para.get(para, ()), begin, end
            )
        ]
        para += 1
        for place in openers:
            pid = ctx.ids[id(place)]
            end = ctx.position(place) + place.end - place.start
            if doc.clean.startswith(after_not, end):
                continue
            if doc.clean.endswith(before_not, 0, _chain_start(ctx, place)):
                continue  # 从某市载誉归来的…: where someone came from
            evidence = Mention(
                place.doc_id,
                place.start,
                place.end,
                place.text,
                "programme",
                "link:runs-in.roundup",
                place.name,
            )
            found.append((pid, evidence))
    return found


def _paragraph_sentences(ctx: _DocContext, para: int) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of paragraph ``para``."""
    doc = ctx.doc
    begin, end = doc.paragraphs[para][:2]
    found: list[tuple[int, int]] = []
    index = doc.sentence_index(begin)
    while index < len(doc.sentences) and doc.sentences[index][0] < end:
        start, stop = doc.sentences[index][:2]
        found.append((max(start, begin), min(stop, end)))
        index += 1
    return found


def _sentence_openers(
    builder: _Builder,
    ctx: _DocContext,
    places: Iterable[Mention],
    begin: int,
    end: int,
) -> list[Mention]:
    """The divisions opening the sentence ``begin``–``end`` after a few words at
    most (link:pattern.paragraph-lead: 在某县，…; 近日，某市…) and acting there
    (link:_acting_after): the last of each chain written together (安徽铜陵 → 铜陵;
    with 的 between them, 某市的某村 → 某村: link:chars.roundup-chain-joint), every
    one of a list that opens it (某县、某市等地…, link:pattern.place-list-joint)."""
    text = ctx.doc.clean
    divisions = builder.gazetteer.divisions
    joint = pattern("link:pattern.place-list-joint")
    chain_joints = chars("link:chars.roundup-chain-joint")
    found: list[Mention] = []
    last: Mention | None = None
    last_end = -1
    for place in places:
        at = ctx.position(place)
        if at < begin:
            continue
        if at >= end:
            break
        pid = ctx.ids[id(place)]
        if pid.removeprefix("place:") not in divisions:
            level = builder.graph.entities[pid].attrs.get("level")
            if last is not None and at == last_end and level in _UNLISTED_TAIL:
                # 在某县某社区，…: a community the gazetteer lacks closes the
                # chain; the division before it stays the place acting
                last_end = at + place.end - place.start
                continue
            break  # a landmark or a zone ends the opening
        if last is None:
            if not pattern("link:pattern.paragraph-lead").fullmatch(text, begin, at):
                break
            if text.endswith(tuple(words("link:words.roundup-summary-before")), 0, at):
                break  # 而整个某省完成…: the region's total after one place's story
        elif at == last_end or (at == last_end + 1 and text[last_end] in chain_joints):
            last = place  # 安徽铜陵, 某市的某村: the chain's last
            last_end = at + place.end - place.start
            continue
        elif at == last_end + 1 and joint.fullmatch(text[last_end]):
            found.append(last)  # 某县、某市: one of a list
        else:
            break
        last = place
        last_end = at + place.end - place.start
    if last is None:
        return []
    found.append(last)
    return found if _acting_after(text, last_end, end) else []


# the levels of a place with no division code of its own that may end a chain
# opening a roundup's sentence (某县某社区: the gazetteer lacks the community)
_UNLISTED_TAIL = ("village", "community")


def _launches(ctx: _DocContext, place: Mention, mention: Mention) -> bool:
    """``place`` launches the programme right after its name (北京市启动“…工程”,
    某省推出…, ``link:pattern.launcher-between``): the place's own drive, which a
    village of a story about it carries out."""
    text = ctx.doc.clean
    end = ctx.position(place) + place.end - place.start
    start = ctx.position(mention)
    return (
        0 <= start - end <= _LAUNCH_GAP
        and pattern("link:pattern.launcher-between").fullmatch(text, end, start)
        is not None
    )


# how far after the place that launches it a programme may start (某市还创新帮扶
# 模式，推出“…”: a clause of the same subject between them)
_LAUNCH_GAP = 40


def _acting_after(text: str, at: int, end: int) -> bool:
    """Whether what follows the places opening a roundup's sentence makes them act:
    a clause mark (在某县，…), 等地 closing their list, or a first word that jieba
    tags as a verb, adverb, preposition… (link:words.roundup-acting-tags: 某县开展…,
    某镇还组织…) — not a figure (某县66万亩棉花…), 的 (某村的千亩稻田边) or a noun
    that makes the place part of a site's name (某市革命烈士纪念馆旧址)."""
    for closing in words("link:words.roundup-list-end"):
        if text.startswith(closing, at):
            return True
    rest = text[at:end]
    if not rest or pattern("link:pattern.clause-mark").match(rest):
        return True
    tags = tuple(words("link:words.roundup-acting-tags"))
    first = tag(rest[:16])
    if not first or first[0][0] in words("link:words.roundup-describing"):
        return False  # 某县是劳务输出大县: what the place is, not what it does
    return first[0][1].startswith(tags)


def _para_names_below(
    builder: _Builder, ctx: _DocContext, mention: Mention, where: list[str]
) -> bool:
    """The programme's paragraph names a division below one of the provinces of
    ``where``: in a story of such a division, the division carries it out."""
    para = ctx.doc.paragraph_index(ctx.position(mention))
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    provinces = set(where)
    return any(
        _ancestor_ids(builder, ctx.ids[id(place)]) & provinces
        for place in by_para.get(para, ())
    )


def _title_places(ctx: _DocContext, mention: Mention) -> set[str]:
    """The divisions named in the first line of the programme's article when that
    line is a title (80 characters at most, a line of its own)."""
    index = ctx.article_of(mention).index
    if index >= len(ctx.doc.articles):
        return set()
    article = ctx.doc.articles[index]
    text = ctx.doc.text
    start = ctx.doc.to_original(article.start, article.start)[0]
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    if end < 0 or end - start > 80:
        return set()  # the article's first line is a paragraph (or all), not a title
    return {
        pid
        for place in ctx.places_by_article().get(index, ())
        if start <= place.start < end and (pid := ctx.ids.get(id(place)))
    }


def _province_itself(
    builder: _Builder,
    ctx: _DocContext,
    mention: Mention,
    where: list[str],
    subject: str | None,
) -> bool:
    """A province's own programme that the province itself carries out (it runs in
    provinces only; the article is not about a place below one of them that the
    programme's paragraph names (or its title names the province); and its
    clause names no places below as the ones that act, ``link:pattern.places-below-act``):
    ``local`` by the gold convention (tests/gold/README.md, scope); ``provincial`` is
    for a province's programme carried out below it."""
    if not where or any(
        builder.graph.entities[pid].attrs.get("level") != "province" for pid in where
    ):
        return False  # runs nowhere: mostly the nation's, or not a programme (bulk)
    if subject is not None and subject not in where:
        provinces = set(where)
        titled = _title_places(ctx, mention)
        below = any(_ancestor_ids(builder, pid) & provinces for pid in titled)
        if _ancestor_ids(builder, subject) & provinces and (
            below
            or (
                not titled & provinces
                and _para_names_below(builder, ctx, mention, where)
            )
        ):
            # 重庆市实施…行动 in a story of 璧山区 (its title or the programme's
            # paragraph names a place below): carried out below; not when the title
            # names the province alone (重庆：精准施策… naming 奉节县 most)
            return False
    acting = pattern("link:pattern.places-below-act")
    opened = _clause_opening(ctx, mention)
    return acting.search(ctx.doc.clean, opened, ctx.position(mention)) is None


def _places_in_name(builder: _Builder, ctx: _DocContext, mention: Mention) -> list[str]:
    """Divisions written inside a named work's name (…广东段…工程) that are provinces,
    that the document names outside it too, that follow their own province or
    city (福建霞浦…), or that end a route (某市至某市段…工程); the lowest of a chain. Not 滨海 inside a longer interchange name (…段…滨海互通): a namesake."""
    inside: list[str] = []
    spans: list[tuple[int, int, str]] = []
    elsewhere: set[str] = set()
    for place in ctx.by_label.get("place", []):
        pid = ctx.ids.get(id(place))
        if pid is None or not pid.split(":", 1)[1].isdigit():
            continue  # a landmark (…公路@…), not a division
        if mention.start <= place.start and place.end <= mention.end:
            inside.append(pid)
            spans.append((place.start, place.end, pid))
        else:
            elsewhere.add(pid)
    ends = _route_ends(ctx.doc.text, spans)
    kept = [
        pid
        for pid in dict.fromkeys(inside)
        if pid in elsewhere
        or pid in ends  # 长江某市至某市段航道整治工程: both ends of the route
        or builder.graph.entities[pid].attrs.get("level") == "province"
        or _ancestor_ids(builder, pid) & set(inside)  # 福建|霞浦: a chain
    ]
    enclosing = set().union(*(_ancestor_ids(builder, pid) for pid in kept))
    return [pid for pid in kept if pid not in enclosing]


def _route_ends(text: str, spans: list[tuple[int, int, str]]) -> set[str]:
    """The divisions among ``spans`` (start, end, id in ``text``) that end a route
    written inside a work's name: two divisions with a route joint right between them
    (某市至某市段, 某县—某县, ``link:pattern.route-joint``). A named route says both of
    its ends, so both are places of the work even when the text names them nowhere
    else; a division that only sits in the name (not joined to another) is no end.

    >>> sorted(_route_ends("长江甲市至乙市段工程", [(2, 4, "a"), (5, 7, "b")]))
    ['a', 'b']
    >>> _route_ends("长江甲市段乙市工程", [(2, 4, "a"), (5, 7, "b")])
    set()
    """
    joint = pattern("link:pattern.route-joint")
    starts = {start: pid for start, _, pid in spans}
    found: set[str] = set()
    for _, end, pid in spans:
        gap = joint.match(text, end)
        if gap is not None and gap.end() in starts:
            found |= {pid, starts[gap.end()]}
    return found


def _place_before_local(
    builder: _Builder, ctx: _DocContext, mention: Mention
) -> list[str]:
    """The place 当地 refers to when it stands before a programme in its sentence
    (在产粮大县某县，当地借助…，推行“种养结合”): the last place the sentence
    names before that word, down to a town (``link:words.local-anaphora``), or every
    division of a list of cities or counties it ends (把某区和某县的…，为当地…); empty
    when the word is not there, no place comes before it, or the list is of
    provinces or of mixed levels."""
    text = ctx.doc.clean
    start = ctx.position(mention)
    sentence = ctx.doc.sentences[ctx.doc.sentence_index(start)][0]
    word = max(
        (text.rfind(w, sentence, start) for w in words("link:words.local-anaphora")),
        default=-1,
    )
    if word < 0:
        return []
    before = [
        p
        for p in ctx.nearby(mention, "place")
        if ctx.to_clean(p.end) <= word and ctx.position(p) >= sentence
    ]
    if not before:
        return []
    last = max(before, key=lambda p: p.end)
    at = ctx.position(last)
    joint = pattern("link:pattern.place-list-joint")
    listed = [last]
    while at > 0 and joint.fullmatch(text[at - 1]):
        # 把某区和某县的旱田…，为当地…注入动力: every district of the list
        prior = [p for p in before if ctx.to_clean(p.end) == at - 1]
        if not prior:
            return []
        listed.append(prior[0])
        at = ctx.position(prior[0])
    pids = [ctx.ids[id(p)] for p in reversed(listed)]
    levels = {str(builder.graph.entities[pid].attrs.get("level")) for pid in pids}
    if any(RANK.get(level, 9) > 4 or level == "zone" for level in levels):
        return []
    ranks = {RANK[level] for level in levels}
    if len(pids) > 1 and (len(ranks) > 1 or "province" in levels):
        return []  # 四川、云南…围绕当地“十五五”规划: each province's own plan
    return list(dict.fromkeys(pids))


def _place_referred_back(
    builder: _Builder, ctx: _DocContext, mention: Mention
) -> str | None:
    """The place 这里 or 当地 refers to when the programme's sentence holds that word,
    before or after the programme, and names no place before either (位于某区某乡的
    这片绿化带…。十年前，这里…开始实施“见缝插绿”工程; 某州资源丰富…。在…政策的帮扶
    下，当地正…): the most precise division, down to a village, of the sentence before,
    in the same paragraph (``link:pattern.here-anaphora``); None otherwise."""
    text = ctx.doc.clean
    start = ctx.position(mention)
    index = ctx.doc.sentence_index(start)
    sentence, sentence_end = ctx.doc.sentences[index][:2]
    if index == 0:
        return None
    word = pattern("link:pattern.here-anaphora").search(text, sentence, sentence_end)
    if word is None:
        return None
    if any(
        ctx.position(p) < max(start, word.start()) for p in ctx.nearby(mention, "place")
    ):
        return None
    previous = ctx.doc.sentences[index - 1][0]
    if ctx.doc.paragraph_index(previous) != ctx.doc.paragraph_index(start):
        return None
    by_rank: dict[int, set[str]] = defaultdict(set)
    unnamed = pattern("link:pattern.unnamed-village")
    before = [
        p for p in ctx.by_label["place"] if previous <= ctx.position(p) < sentence
    ]
    starts = {ctx.position(p) for p in before}
    for place in before:
        pid = ctx.ids.get(id(place))
        if pid is None:
            continue
        end = ctx.to_clean(place.end)
        if end not in starts and unnamed.match(text, end):
            return None  # 在某省某某村，…。当地…: a village the gazetteer lacks
        level = str(builder.graph.entities[pid].attrs.get("level"))
        if RANK.get(level, 9) <= 5 and level != "zone":
            by_rank[RANK[level]].add(pid)  # 在某省某村，…。…当地…: the village
    if not by_rank:
        return None
    best = by_rank[max(by_rank)]
    # 绵延贵州、湖南、重庆三省市的武陵山片区…。…心系这里的产业扶贫: a list, no one place
    return next(iter(best)) if len(best) == 1 else None


def _own_place(builder: _Builder, ctx: _DocContext, mention: Mention) -> str | None:
    """The place a programme's name opens with (蒲城模式, 中国义乌国际小商品博览会,
    福建霞浦核电项目: the last of a chain), when the document names that place
    elsewhere and it is a county, a city or a province, ``link:pattern.own-place-lead``
    before it. A name that only holds a division's name by chance (振兴 in 乡村振兴,
    木兰溪治理 in a story far from 木兰县) names no place of the document."""
    name = mention.name
    lead = pattern("link:pattern.own-place-lead").match(name)
    at = lead.end() if lead else 0
    gazetteer = builder.gazetteer
    named = ctx.cached(
        "place-entities",
        lambda: {ctx.ids[id(p)] for p in ctx.by_label["place"] if id(p) in ctx.ids},
    )
    # the name as written: a lexicon entry's mention bears its canonical name
    # (义务植树活动), the text the word that says whose it is (首都义务植树活动)
    capital = _capital_named(builder, ctx.doc.text[mention.start : mention.end], 0)
    if capital is not None and capital in named:
        return capital  # 首都义务植树活动 in a story that names 北京: 北京市
    found = None
    for start, end, key in gazetteer.find(name):
        if start < at:
            continue
        if start > at:
            break
        here = [
            f"place:{cid}"
            for cid, _ in gazetteer.keys[key]
            if f"place:{cid}" in named and RANK[gazetteer.divisions[cid].level] <= 3
        ]
        if len(here) != 1:
            break
        found, at = here[0], end
    return found


def _capital_named(builder: _Builder, name: str, at: int) -> str | None:
    """The division a word for a capital stands for when a programme's name opens
    with it at ``at`` (首都义务植树活动 → 北京市: ``link:words.capital-names``), or
    None."""
    capitals = word_values("link:words.capital-names")
    for word, division in capitals.items():
        if name.startswith(word, at):
            gazetteer = builder.gazetteer
            ids = {
                f"place:{cid}"
                for _, _, key in gazetteer.find(str(division))
                for cid, _ in gazetteer.keys[key]
                if gazetteer.divisions[cid].level == "province"
            }
            return ids.pop() if len(ids) == 1 else None
    return None


# how many characters before a programme a region of provinces may start (湘鄂赣革命老区)
_REGION_BEFORE = 12


def _region_members(
    builder: _Builder, ctx: _DocContext, mention: Mention, focus: str | None
) -> list[str]:
    """The member provinces the document names of a region of whole provinces that
    carries the programme out: written right before it (长三角“跨省通办”, 湘鄂赣革命老区
    扶贫开发: ``link:pattern.region-before``), or opening its name (长三角一体化发展:
    ``link:pattern.region-in-name``) when the article's title names the region and
    the article names every member. Empty unless its article names two members."""
    text = ctx.doc.clean
    pos = ctx.position(mention)
    before = pattern("link:pattern.region-before").search(
        text, max(0, pos - _REGION_BEFORE), pos
    )
    region = before.group(0) if before else ""
    if not region:
        opening = pattern("link:pattern.region-in-name").match(mention.name)
        region = opening.group(0) if opening else ""
        if region not in (ctx.article_of(mention).title or ""):
            # 京津冀协同发展 in a story of 北京 (its title names the city): the
            # city's part in it; the region acts in an article about the region
            return []
    if not region:
        return []
    index = ctx.doc.article_index(pos)
    named = {
        ctx.ids[id(p)]
        for p in ctx.places_by_article().get(index, ())
        if id(p) in ctx.ids
    }
    region_ids = [
        _province_in_name(builder, name) for name in _region_provinces(region)
    ]
    members = [pid for pid in dict.fromkeys(region_ids) if pid and pid in named]
    if len(members) < 2:
        return []
    if before is None and len(members) < len(set(region_ids)):
        return []  # the region's article names every member
    return members


def _region_provinces(region: str) -> list[str]:
    """The province names of a region (长三角 → 上海, 江苏, 浙江, 安徽; 湘鄂赣 → 湖南,
    湖北, 江西), from ``link:words.region-names`` or its abbreviations one by one."""
    names = word_values("link:words.region-names")
    for name in sorted(names, key=len, reverse=True):
        if region.startswith(name):
            return list(names[name])
    abbreviations = word_values("link:words.province-abbreviations")
    found: list[str] = []
    for char in region:
        if char not in abbreviations:
            break
        found.append(str(abbreviations[char]))
    return found


def _province_in_name(builder: _Builder, name: str) -> str | None:
    """The one province a provincial programme's name holds (数字福建 → 福建省)."""
    gazetteer = builder.gazetteer
    found = {
        f"place:{cid}"
        for _, _, key in gazetteer.find(name)
        for cid, _ in gazetteer.keys[key]
        if gazetteer.divisions[cid].level == "province"
    }
    return found.pop() if len(found) == 1 else None


def _para_names_above(
    builder: _Builder, ctx: _DocContext, mention: Mention, village: str
) -> bool:
    """The programme's paragraph names a division that holds ``village`` and not the
    village itself: the paragraph is about that division (a story of a village can
    open on its county's drive)."""
    para = ctx.doc.paragraph_index(ctx.position(mention))
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    pids = {ctx.ids[id(place)] for place in by_para.get(para, ())}
    return village not in pids and bool(pids & _ancestor_ids(builder, village))


def _bulletin_elsewhere(
    ctx: _DocContext, article: ArticleInfo, mention: Mention, focus: str
) -> bool:
    """In a bulletin of short items (国内联播快讯, ``link:pattern.bulletin-title``), the
    article's focus is the place of whichever item names it most: a programme runs
    there only when its own paragraph names that place (the paragraph before may be
    another item's)."""
    if (
        not article.title
        or pattern("link:pattern.bulletin-title").search(article.title) is None
    ):
        return False
    para = ctx.doc.paragraph_index(ctx.position(mention))
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    return not any(ctx.ids[id(place)] == focus for place in by_para.get(para, ()))


def _title_region(
    builder: _Builder, ctx: _DocContext, article: ArticleInfo, focus: str
) -> str | None:
    """The broadest place of a visit report's title that holds its focus (胡锦涛在河北
    考察 with 石家庄市 named most): a national or provincial programme the text names
    no place for runs in the region the visit is about, not in a city of its
    itinerary (``link:pattern.visit-title``); None when the title names the focus."""
    title = article.mention
    if title is None or title.doc_id != ctx.doc.doc_id:
        return None
    text = ctx.doc.text
    line_end = text.find("\n", title.start, title.end)
    end = title.end if line_end < 0 else line_end  # the title line alone
    if pattern("link:pattern.visit-title").search(text, title.start, end) is None:
        return None
    around = _ancestor_ids(builder, focus)
    best = None
    for place in ctx.by_label["place"]:
        pid = ctx.ids.get(id(place))
        if pid is None or not (title.start <= place.start and place.end <= end):
            continue
        if pid == focus:
            return None  # the title names the focus itself: the article's place
        if pid in around and (
            best is None or _rank(builder, pid) < _rank(builder, best)
        ):
            best = pid
    return best


def _whole_province(
    builder: _Builder, ctx: _DocContext, mention: Mention, focus: str
) -> str | None:
    """The province around ``focus`` when the programme's clause says the whole
    province carries it out (全省各地在…活动中, 全省开展…), ``link:pattern.whole-province``."""
    if not _province_wide(ctx, mention):
        return None
    for candidate in [focus, *sorted(_ancestor_ids(builder, focus))]:
        code = candidate.removeprefix("place:")
        if code.isdigit() and len(code) == 2:  # a province's division code
            return candidate
    return None


def _province_wide(ctx: _DocContext, mention: Mention) -> bool:
    """The programme's clause says the whole province carries it out (全省各地在…
    活动中, 全省开展…), ``link:pattern.whole-province``, or its name does (“市市通
    高铁”: every city of a province), ``link:pattern.province-wide-name``."""
    if pattern("link:pattern.province-wide-name").match(mention.name):
        return True
    whole = pattern("link:pattern.whole-province")
    opened = _clause_opening(ctx, mention)
    return whole.search(ctx.doc.clean, opened, ctx.position(mention)) is not None


def _clause_opening(ctx: _DocContext, mention: Mention) -> int:
    """Where the programme's clause opens: the end of the last clause mark of its
    sentence before it (``link:pattern.clause-mark``), else the sentence's start."""
    text = ctx.doc.clean
    start = ctx.position(mention)
    sentence = ctx.doc.sentences[ctx.doc.sentence_index(start)][0]
    marks = pattern("link:pattern.clause-mark")
    return max(
        (m.end() for m in marks.finditer(text, sentence, start)), default=sentence
    )


# An article is about its focus place, for a national programme the text names no
# place for, when the focus is named twice or in the title (a title counts four).
_FOCUS_EVIDENCE = 2
# For any programme, the focus must be named three times or in the title.
_FOCUS_ANY = 3


def _acts_in(ctx: _DocContext, place: Mention, mention: Mention) -> bool:
    """Whether a place its sentence names is where a programme runs: the place is
    the subject of the programme's clause (屏南县成立了精准扶贫服务中心, 海口、万宁
    等地将…纳入“监督一张网”), opens a clause of the sentence (两年来，重庆市以…为
    突破口，打赢脱贫攻坚战; 在…活动中，重庆市坚持…), or follows the programme after
    在 or 的 (…示范活动在刚察县启动; 承担…建设任务的内蒙古自治区). A place elsewhere
    is a site of other work or of a visit (先后到宛城区…，了解…脱贫攻坚情况; 统筹好
    新农村建设…，实施奋斗镇新镇区建设): ``link:pattern.clause-mark``,
    ``link:pattern.acting-opening``, ``link:pattern.at-place``. A chain of places
    (青海省海北藏族自治州刚察县) counts from its first."""
    text = ctx.doc.clean
    start = ctx.position(mention)
    at = _chain_start(ctx, place)
    marks = pattern("link:pattern.clause-mark")
    if at < start and not marks.search(text, at, start):
        if _person_item_between(ctx, place, mention):
            return False  # 某旗某嘎查书记张三、某工程总设计师李四: another's post
        # the same clause, before the programme, unless the meeting's venue
        end = ctx.to_clean(mention.end)
        between = text[at:start] + "\x00" + text[end : end + 3]
        return not pattern("link:pattern.meeting-venue").search(between)
    if at > start:
        end = ctx.to_clean(mention.end)
        if not marks.search(text, end, at) and pattern("link:pattern.at-place").search(
            text[end:at]
        ):
            return True
        if (
            not marks.search(text, end, at)
            and pattern("link:pattern.object-place").search(text[end:at])
            and pattern("link:pattern.object-verb").match(text, _list_end(ctx, place))
        ):
            return True  # 督察…完成对福建、河南5省的进驻: the places it inspects
    if at > start and pattern("link:pattern.nation-clause").search(
        text, _clause_opening(ctx, mention), start
    ):
        return False  # 随着我国…西部大开发…推进，某省从…: the nation's, not the place's
    sentence = ctx.doc.sentences[ctx.doc.sentence_index(at)][0]
    opened = max(
        (m.end() for m in marks.finditer(text, sentence, at)), default=sentence
    )
    opening = pattern("link:pattern.acting-opening")
    return opening.fullmatch(text, opened, at) is not None


def _person_item_between(ctx: _DocContext, place: Mention, mention: Mention) -> bool:
    """Whether a person's name closing an item of a list of people
    (``link:pattern.person-item-end``) stands between ``place`` and the programme
    after it (某旗某嘎查党支部书记张三、某工程总设计师李四): the place is in the post
    of that person, and the programme belongs to another item of the list."""
    text = ctx.doc.clean
    end, start = ctx.to_clean(place.end), ctx.position(mention)
    item_end = pattern("link:pattern.person-item-end")
    # (start, end) of every person, in clean offsets, sorted once per document:
    # asked for every place-programme pair, a scan of all people was quadratic
    people: list[tuple[int, int]] = ctx.cached(
        "person-spans",
        lambda: sorted(
            (ctx.position(p), ctx.to_clean(p.end))
            for p in ctx.by_label.get("person", ())
        ),
    )
    i = bisect_left(people, (end, -1))
    while i < len(people) and people[i][0] < start:
        if item_end.match(text, people[i][1]) is not None:
            return True
        i += 1
    return False


def _visited_site(ctx: _DocContext, place: Mention, mention: Mention) -> bool:
    """Whether ``place`` is where a visit goes (来到某县，走访易地扶贫搬迁安置点) and the
    programme, later in the sentence with no place between, is named as one of its
    sites (安置点, 示范基地: ``link:pattern.programme-site``) or as an event the
    visitors join (来到某区，参加义务植树活动: ``link:pattern.joined-event``): a
    programme's site lies where the visitor came to, so it runs there; a visit where only its
    state is heard (到某县调研，了解脱贫攻坚情况) says nothing of where it runs
    (``link:pattern.visit-destination``)."""
    text = ctx.doc.clean
    start = ctx.position(mention)
    end = ctx.to_clean(place.end)
    if end > start or _list_end(ctx, place) != end:
        return False  # after the programme, or not the last of its list
    if any(end < ctx.position(p) < start for p in ctx.nearby(mention, "place")):
        return False  # 来到某县…，走访某村的…: the nearer place says where
    if not pattern("link:pattern.programme-site").match(
        text, ctx.to_clean(mention.end)
    ) and not pattern("link:pattern.joined-event").search(
        text[max(0, start - 4) : start]
    ):
        return False  # neither a site of it nor an event the visitor joins there
    at = _chain_start(ctx, place)
    return (
        pattern("link:pattern.visit-destination").search(text[max(0, at - 4) : at])
        is not None
    )


def _list_end(ctx: _DocContext, place: Mention) -> int:
    """Where the chain or list of places that ``place`` is in ends (福建、河南、海南:
    after 海南), ``link:pattern.place-list-joint`` between them."""
    starts = ctx.cached(
        "place-list-ends",  # not "place-starts": first_place_inside's sorted list
        lambda: {
            ctx.position(p): ctx.to_clean(p.end)
            for p in ctx.by_label["place"]
            if id(p) in ctx.ids
        },
    )
    joint = pattern("link:pattern.place-list-joint")
    text = ctx.doc.clean
    at = ctx.to_clean(place.end)
    for _ in range(12):  # a guard: chains and lists are a few places long
        if at in starts:
            at = starts[at]
        elif at < len(text) and joint.fullmatch(text[at]) and at + 1 in starts:
            at = starts[at + 1]
        else:
            break
    return at


def _chain_start(ctx: _DocContext, place: Mention) -> int:
    """Where the chain or list of places that ends with ``place`` starts (重庆市璧山区
    and 北京、山西、浙江: the first), ``link:pattern.place-list-joint`` between them."""
    ends = ctx.cached(
        "place-clean-ends",
        lambda: {
            ctx.to_clean(p.end): ctx.position(p)
            for p in ctx.by_label["place"]
            if id(p) in ctx.ids
        },
    )
    joint = pattern("link:pattern.place-list-joint")
    text = ctx.doc.clean
    at = ctx.position(place)
    for _ in range(12):  # a guard: chains and lists are a few places long
        if at in ends:
            at = ends[at]
        elif at > 0 and joint.fullmatch(text[at - 1]) and at - 1 in ends:
            at = ends[at - 1]
        else:
            break
    return at


def _reported(ctx: _DocContext, mention: Mention) -> bool:
    """A mention in reported words: after a verb of saying in its sentence (强调，,
    指出“), ``link:pattern.reported-speech``."""
    start = ctx.position(mention)
    doc = ctx.doc
    sentence = doc.sentences[doc.sentence_index(start)][0]
    speech = pattern("link:pattern.reported-speech")
    if speech.search(doc.clean, sentence, start) is not None:
        return True
    # 某某指出，…。要全面开展…活动: an exhortation goes on with the words
    # reported earlier in the paragraph (link:pattern.exhortation-opening)
    # by a person (not 报告要求“…”: the author's own plan may follow)
    paragraph = doc.paragraphs[doc.paragraph_index(start)][0]
    if (
        paragraph >= sentence
        or pattern("link:pattern.exhortation-opening").match(doc.clean, sentence)
        is None
    ):
        return False
    speakers = [
        ctx.to_clean(p.end)
        for p in ctx.by_label["person"]
        if paragraph <= ctx.position(p) < sentence
    ]
    return any(
        any(0 <= said.start() - end <= 4 for end in speakers)
        for said in speech.finditer(doc.clean, paragraph, sentence)
    )


def _owner_scope(builder: _Builder, ctx: _DocContext, mention: Mention) -> str | None:
    """provincial when the place named last before a programme in its sentence is a
    province (重庆市出台《关于实施教育扶贫攻坚三年行动的意见》, 重庆还以巴渝和美乡村
    示范创建行动为抓手): the province carries out its own programme. national when a
    national body opens a clause before it in its sentence (``link:pattern.owner-lead``)
    with no place named after that body (国家标准委等18个部委发布《…工程工作方案》, 全国海关将…开展…专项行动):
    ``link:pattern.national-owner``."""
    before = [p for p in ctx.nearby(mention, "place") if p.end <= mention.start]
    text = ctx.doc.clean
    start = ctx.position(mention)
    sentence = ctx.doc.sentences[ctx.doc.sentence_index(start)][0]
    marks = pattern("link:pattern.clause-mark")
    lead = pattern("link:pattern.owner-lead")
    owner = -1
    for m in pattern("link:pattern.national-owner").finditer(text, sentence, start):
        opened = max(
            (c.end() for c in marks.finditer(text, sentence, m.start())),
            default=sentence,
        )
        if lead.fullmatch(text, opened, m.start()):
            owner = m.end()  # the body opens its clause: it acts
    if (
        owner >= 0
        and not any(ctx.position(p) >= owner for p in before)
        and _own_place(builder, ctx, mention) is None
        and _province_in_name(builder, mention.name) is None
    ):
        return "national"
    if not before:
        return None
    last = max(before, key=lambda p: p.end)
    entity = builder.graph.entities.get(ctx.ids.get(id(last), ""))
    if entity is not None and entity.attrs.get("level") == "province":
        return "provincial"
    return None


def _subject_village(
    builder: _Builder, ctx: _DocContext, article: ArticleInfo, focus: str
) -> str | None:
    """The village or community an article is about: named in its title, or at
    least three times and more often than any other place, and inside the focus."""
    key = ("village", article.index)
    if key in ctx.subjects:
        return ctx.subjects[key]
    counts: Counter[str] = Counter()
    others: Counter[str] = Counter()
    doc = ctx.doc
    title = (
        doc.articles[article.index].title if article.index < len(doc.articles) else None
    )
    if title and (
        title[1] - title[0] > _HEADLINE_CHARS
        or title[1] >= doc.articles[article.index].end
    ):
        title = None  # a first line that is a paragraph (or all), not a title
    span = doc.articles[article.index] if article.index < len(doc.articles) else None
    first: dict[str, int] = {}
    for place in ctx.places_by_article().get(article.index, ()):
        pid = ctx.ids.get(id(place))
        if pid is None:
            continue
        pos = ctx.position(place)
        weight = 4 if title and title[0] <= pos < title[1] else 1
        level = str(builder.graph.entities[pid].attrs.get("level"))
        if level not in ("village", "community"):
            others[pid] += weight
        elif pid not in counts and span is not None:
            first.setdefault(pid, pos)
            # a village the gazetteer does not hold is found only where the text
            # places it (郫都区战旗村); each later 战旗村 of the article is the same
            # village: count its name, the title's weighing four
            name = builder.graph.entities[pid].name
            counts[pid] = doc.clean.count(name, span.start, span.end)
            if title:
                counts[pid] += 3 * doc.clean.count(name, title[0], title[1])
    best = None
    if counts:
        # between equals, the village named first (not the order of the ids)
        pid, score = max(counts.items(), key=lambda item: (item[1], -first[item[0]]))
        inside = focus in _ancestor_ids(builder, pid)
        if inside and score >= 3 and score > max(others.values(), default=0) // 2:
            best = pid
    ctx.subjects[key] = best
    return best


def _ancestor_ids(builder: _Builder, place_entity: str) -> frozenset[str]:
    known = builder.ancestor_ids.get(place_entity)
    if known is None:
        division = place_entity.removeprefix("place:")
        # a place the gazetteer does not hold but the text put in a division
        # (place:<name>@<division>, see place_id) is inside that division too
        _, _, parent = division.partition("@")
        chain = [parent] if parent.isdigit() else []
        known = frozenset(
            f"place:{a}"
            for a in [
                *chain,
                *builder.gazetteer.ancestors(chain[0] if chain else division),
            ]
        )  # empty for a place the gazetteer does not hold and the text put nowhere
        builder.ancestor_ids[place_entity] = known
    return known


def _document_district(builder: _Builder, ctx: _DocContext) -> str | None:
    """The one district all other articles of the document are in (an article that
    names no place, in a district's journal whose other articles are about its towns);
    None when they are about different districts."""
    districts: Counter[str] = Counter()
    for article in ctx.articles:
        if article.focus is None:
            continue
        for pid in [article.focus, *sorted(_ancestor_ids(builder, article.focus))]:
            level = builder.graph.entities.get(pid)
            if level is not None and RANK.get(str(level.attrs.get("level")), 9) == 3:
                districts[pid] += 1
    if len(districts) != 1 or sum(districts.values()) < 2:
        return None
    return next(iter(districts))


def _link_metric(builder: _Builder, ctx: _DocContext, mention: Mention) -> None:
    entity_id = f"metric:{ctx.doc.doc_id}:{mention.start}"
    entity = builder.entity(entity_id, "metric", mention.name)
    entity.mentions.append(mention)
    get = mention.attrs.get
    entity.attrs.update(
        value=get("value"),
        unit=get("unit"),
        approx=get("approx"),
        subject=get("subject"),
        year=get("year"),
    )
    place = _measured_in(builder, ctx, mention)
    if place:
        builder.relate(entity_id, "measured_in", place, mention)
    near_programmes = ctx.nearby(mention, "programme")
    if near_programmes:
        closest = min(near_programmes, key=lambda p: abs(p.start - mention.start))
        builder.relate(entity_id, "measures", ctx.ids[id(closest)], mention)


def _measured_in(builder: _Builder, ctx: _DocContext, mention: Mention) -> str | None:
    """Where a figure was measured: the last place named before it in its sentence
    that is not known to lie outside the article's focus (实施奋斗镇1万亩节水灌溉),
    else the focus. A division elsewhere (新开通上海等航线6条) is what the figure is
    about, not where it was measured. (Looking further back, to the paragraph, was
    tried: work reports name towns in passing before district-wide figures.)"""
    focus = ctx.article_of(mention).focus
    divisions = builder.gazetteer.divisions
    text = ctx.doc.text
    named = _named_by_level(builder, ctx, mention)
    if named is not None:
        return named  # 全乡实现…3万余人次: the township the paragraph named
    route = _route_place(builder, ctx, mention)
    if route is not None:
        return route  # 北起防城港，南至东兴市，全长46.9公里: the city holding both ends
    holder = _list_holder(builder, ctx, mention)
    if holder is not None:
        return holder  # 丹东、抚顺两市共有5座: the province holding the list
    # the last one that qualifies: looked for from the end
    elsewhere = None
    not_measured_in = words("link:words.metric-not-measured-in")
    opening_levels = words("link:words.elsewhere-opening-levels")
    near = ctx.nearby(mention, "place")
    # where each chain of places written together (湖南张家界) starts, by end
    chain_start = {p.end: p.start for p in near}
    chain_next = {p.start: p for p in near}
    passed: set[int] = set()  # places skipped as lying outside the focus
    before = [p for p in near if p.start < mention.start]
    nearest = before[-1] if before else None
    listed = chars("link:chars.listed-place") or "-"
    by_end = {p.end: p for p in near}
    for place in reversed(near):
        if place.start >= mention.start:
            continue
        pid = ctx.ids[id(place)]
        whole = _emphasis_holder(builder, ctx, place, by_end)
        if whole is not None:
            return whole  # 某省特别是某市2座变电站: the province, as a whole
        if place.attrs.get("level") in not_measured_in:
            # 海拉尔河治理投入1.3亿元: a river, a road, a park is no figure's place;
            # the division it lies in is, when known, inside the focus or not
            parent = place.attrs.get("parent")
            if parent:
                return f"place:{parent}"
            continue
        if elsewhere is None and (
            _rank(builder, pid) >= 3
            or (
                place.attrs.get("level") in opening_levels
                and _chain_opens(text, place.start, chain_start)
            )
        ):
            # 在汕尾…, 河南投资1000万: a province or city opening its clause is the
            # sentence's subject; 加快大兴安岭100万平方米…: in the middle, a modifier
            elsewhere = place
        if _opens_the_clause(text, place.start, place.end, mention.start):
            last = place  # 甘肃天水新建大棚300座: the chain's last, 天水
            while (
                last.end in chain_next
                and chain_next[last.end].end <= mention.start
                and id(chain_next[last.end]) in ctx.ids
                and ctx.ids[id(last)]
                in _ancestor_ids(builder, ctx.ids[id(chain_next[last.end])])
            ):
                last = chain_next[last.end]  # a place inside the last one
            return ctx.ids[id(last)]  # 扬州报告58例: where the clause was measured
        following = chain_next.get(place.end)
        if (
            following is not None
            and following is nearest
            and id(following) in passed
            and pid in _ancestor_ids(builder, ctx.ids[id(following)])
            and pattern("link:pattern.clause-opening").fullmatch(
                _char_before(text, _chain_head(builder, ctx, place, by_end))
            )
            is not None
            and text[following.end : following.end + 1] not in listed
        ):
            # 北京市怀柔区多个村受灾，…15支: 北京市 only says where 怀柔区 is; a
            # clause opening with the chain tells of 怀柔区, outside the focus or not
            return ctx.ids[id(following)]  # (link:metric-chain-prefix)
        # Not known to lie elsewhere: within the focus, above it, or without a code.
        if (
            focus is None
            or pid.removeprefix("place:") not in divisions
            or focus == pid
            or focus in _ancestor_ids(builder, pid)
            or pid in _ancestor_ids(builder, focus)
        ):
            return pid
        passed.add(id(place))
    if elsewhere is not None and text[elsewhere.end : elsewhere.end + 1] not in listed:
        # 来到上海…的虹口区考察，这里…比例近达40%: the county or town the sentence is
        # about, outside the focus; not one of a list (新开通上海等航线6条)
        return ctx.ids[id(elsewhere)]
    return _paragraph_place(builder, ctx, mention) or _metric_focus(
        builder, ctx, mention
    )


def _emphasis_holder(
    builder: _Builder,
    ctx: _DocContext,
    place: Mention,
    by_end: Mapping[int, Mention],
) -> str | None:
    """The division ``place`` is singled out of by 特别是 or 尤其是 right before it
    (某省特别是某市…: link:words.metric-emphasis-joint), when that division holds
    it: the figures of the sentence are told of the whole; None otherwise."""
    pid = ctx.ids[id(place)]
    head = _chain_head(builder, ctx, place, by_end)
    text = ctx.doc.text
    for joint in words("link:words.metric-emphasis-joint"):
        if not text.startswith(joint, head - len(joint)):
            continue
        holder = by_end.get(head - len(joint))
        if holder is None or id(holder) not in ctx.ids:
            continue
        hid = ctx.ids[id(holder)]
        if hid != pid and hid in _ancestor_ids(builder, pid):
            return hid
    return None


def _char_before(text: str, start: int) -> str:
    """The character before ``start``; a line break at the start of the text."""
    return text[start - 1] if start > 0 else "\n"


def _chain_head(
    builder: _Builder, ctx: _DocContext, place: Mention, by_end: Mapping[int, Mention]
) -> int:
    """Where the chain of places that ends with ``place``, each written right after
    the one holding it, begins (江苏省徐州市|铜山区: 江苏省's start; not across
    下坳镇|深圳, which does not hold 深圳)."""
    while place.start in by_end:
        before = by_end[place.start]
        if ctx.ids[id(before)] not in _ancestor_ids(builder, ctx.ids[id(place)]):
            break
        place = before
    return place.start


def _route_place(builder: _Builder, ctx: _DocContext, mention: Mention) -> str | None:
    """The lowest division holding every division a figure's sentence names, when
    the sentence names a route or a link between them (北起防城港，南至东兴市;
    连接大连长海县与普兰店区: link:pattern.metric-route); None when none holds them all."""
    near = ctx.nearby(mention, "place")
    divisions = builder.gazetteer.divisions
    ids = []
    starts = {p.start for p in near}
    for place in near:
        pid = ctx.ids[id(place)]
        if place.end in starts:
            continue  # 福建|龙岩市, 广西|防城港: it only says where the next is
        if pid.removeprefix("place:") in divisions and pid not in ids:
            ids.append(pid)
    if len(ids) < 2:
        return None
    start, end = ctx.doc.sentences[ctx.sentence_of(mention)]
    if pattern("link:pattern.metric-route").search(ctx.doc.clean, start, end) is None:
        return None
    if pattern("link:pattern.metric-route-located").search(ctx.doc.clean, start, end):
        return None  # 隧道在某县境内开工: the sentence says where the work lies
    return _lowest_holder(builder, ids)


def _lowest_holder(builder: _Builder, ids: list[str]) -> str | None:
    """The lowest division holding (or being) every one of ``ids``; None if none."""
    common = None
    for pid in [ids[0], *sorted(_ancestor_ids(builder, ids[0]))]:
        if all(pid == other or pid in _ancestor_ids(builder, other) for other in ids):
            if common is None or _rank(builder, pid) > _rank(builder, common):
                common = pid
    return common


def _list_holder(builder: _Builder, ctx: _DocContext, mention: Mention) -> str | None:
    """The lowest division holding every place of the list a figure's sentence names
    last before it (舒兰、榆树、扶余已完成…315处; 北京房山、门头沟、昌平3个行政区:
    link:chars.list-joint): the figure counts for them together; None when the last
    place is no list of two or more divisions, or no division holds them all."""
    near = ctx.nearby(mention, "place")
    before = [p for p in near if p.start < mention.start]
    if len(before) < 2:
        return None
    joints = chars("link:chars.list-joint")
    text = ctx.doc.text
    by_end = {p.end: p for p in before}
    members = [before[-1]]
    while True:
        first = members[0]
        previous = by_end.get(first.start - 1)
        if previous is None or text[first.start - 1] not in joints:
            break
        members.insert(0, previous)
    if len(members) < 2 or text[members[-1].end : members[-1].end + 1] in joints:
        return None  # 舟山、镇海、大连…: the list goes on past the places known
    divisions = builder.gazetteer.divisions
    ids = [ctx.ids[id(p)] for p in members]
    if any(pid.removeprefix("place:") not in divisions for pid in ids):
        return None
    common = _lowest_holder(builder, ids)
    return None if common in ids else common  # 江苏省和南京市: no list of peers


def _metric_focus(builder: _Builder, ctx: _DocContext, mention: Mention) -> str | None:
    """Where an article's figures are measured when their paragraph names no place:
    its focus, unless a place held by it (the village a county's feature tells of:
    园艺村 in 崇明区) is named more often, or a place holding it (the province a
    feature on it names throughout: 内蒙古…包头) is named more than twice as often
    and is the one of the two named last before the figure (link:metric-focus)."""
    article = ctx.article_of(mention)
    focus = article.focus
    if focus is None:
        return None
    key = f"metric-focus-{article.index}"
    best, above = ctx.cached(key, lambda: _heavier_place(builder, ctx, article))
    if best is None:
        lead = ctx.cached(
            f"metric-lead-{article.index}",
            lambda: (_lead_subject(builder, ctx, article),),
        )[0]
        if lead is not None:
            return lead
        other = ctx.cached(
            f"metric-other-province-{article.index}",
            lambda: (_other_province(builder, ctx, article),),
        )[0]
        return other or focus
    if not above:
        return best
    return _last_named(ctx, mention, (focus, best)) or focus


def _lead_subject(
    builder: _Builder, ctx: _DocContext, article: ArticleInfo
) -> str | None:
    """The town, village or community a story is about when the first chain of
    places its lead (the first two paragraphs after the title) writes together ends
    with it, three places or more, inside the focus (记者来到浙江省德清县莫干山镇;
    辽宁锦州北镇市正安镇正二村村官): its figures that name no place are measured
    there, not in the county or city; a first chain ending with a county (重庆市梁平区…,
    then 梁平区竹山镇) makes it a story of the county (link:words.story-subject-levels),
    also when the title named its city, the focus (浙江某市 then 浙江某市某县: a
    chain of two places or more is enough, link:words.story-county-levels)."""
    focus = article.focus
    doc = ctx.doc
    span = doc.articles[article.index] if article.index < len(doc.articles) else None
    if focus is None or span is None:
        return None
    title = span.title
    if title and title[1] - title[0] > _HEADLINE_CHARS:
        title = None  # a first line that is a paragraph, not a title
    body = title[1] if title else span.start
    first = doc.paragraph_index(body)
    if title and doc.paragraphs[first][0] < body:
        first += 1
    lead_end = doc.paragraphs[min(first + 1, len(doc.paragraphs) - 1)][1]
    levels = words("link:words.story-subject-levels")
    chain: list[Mention] = []
    for place in ctx.places_by_article().get(article.index, ()):
        pos = ctx.position(place)
        if pos < body:
            continue
        if chain and chain[-1].end != place.start:
            if len(chain) >= 2:
                break  # the lead's first chain decides
            named = ctx.ids.get(id(chain[0]))
            if named == focus or focus in _ancestor_ids(builder, named or ""):
                return None  # 德清县今年…, then 德清县桃溪村: the county's story
            chain = []
        if pos >= lead_end:
            break
        chain.append(place)
    level = chain[-1].attrs.get("level") if chain else None
    county = (
        len(chain) >= 2
        and level in words("link:words.story-county-levels")
        and _title_names(ctx, article, focus)  # not a roundup's first county
    )
    if not county and (len(chain) < 3 or level not in levels):
        return None  # 重庆市梁平区: a story about the county, its towns visited
    pid = ctx.ids.get(id(chain[-1]))
    if pid is None or focus not in _ancestor_ids(builder, pid):
        return None
    return pid


def _title_names(ctx: _DocContext, article: ArticleInfo, place_id: str) -> bool:
    """Whether an article's title (a headline: _HEADLINE_CHARS at most) names
    ``place_id``."""
    span = ctx.doc.articles[article.index]
    title = span.title
    if title is None or title[1] - title[0] > _HEADLINE_CHARS:
        return False
    return any(
        ctx.ids.get(id(place)) == place_id
        and title[0] <= ctx.position(place) < title[1]
        for place in ctx.places_by_article().get(article.index, ())
    )


def _last_named(ctx: _DocContext, mention: Mention, ids: tuple[str, ...]) -> str | None:
    """Which of ``ids`` its article names last before a figure (chain prefixes such
    as 北京市 of 北京市东城区 left out), None when it names none of them."""
    pos = ctx.position(mention)
    article = ctx.doc.article_index(pos)
    places = ctx.by_label["place"]
    starts = {p.start for p in places}
    last, last_pos = None, -1
    for place in places:
        pid = ctx.ids.get(id(place))
        if pid not in ids or place.end in starts:
            continue
        place_pos = ctx.position(place)
        if last_pos < place_pos < pos and ctx.doc.article_index(place_pos) == article:
            last, last_pos = pid, place_pos
    return last


def _article_places(
    ctx: _DocContext, article: ArticleInfo
) -> Iterator[tuple[Mention, str, int]]:
    """Each place mention of an article with its entity id and its weight: four in
    the article's title or note (a title says what the story is about), else one."""
    span = ctx.doc.articles[article.index]
    for place in ctx.by_label["place"]:
        pid = ctx.ids.get(id(place))
        pos = ctx.position(place)
        if pid is None or ctx.doc.article_index(pos) != article.index:
            continue
        weight = 1
        for title in (span.title, span.note):
            if title and title[0] <= pos < title[1]:
                weight += 3
        yield place, pid, weight


def _heavier_place(
    builder: _Builder, ctx: _DocContext, article: ArticleInfo
) -> tuple[str | None, bool]:
    """The place below an article's focus named more often than it, or the place
    above it named more than twice as often, titles and bylines counting four as
    for the focus, and whether it is above; (None, False) when there is none."""
    focus = article.focus
    assert focus is not None
    not_measured_in = words("link:words.metric-not-measured-in")
    scores: Counter[str] = Counter()
    parents: dict[str, str | None] = {}
    starts = {p.start for p in ctx.by_label["place"]}
    for place, pid, weight in _article_places(ctx, article):
        if (
            place.attrs.get("level") in not_measured_in
            or place.end in starts  # 北京市|东城区: it only says where the next is
        ):
            continue
        scores[pid] += weight
        parent = place.attrs.get("parent")
        parents[pid] = f"place:{parent}" if parent else None
    best = max(sorted(scores), key=lambda e: scores[e], default=None)
    if best is None or best == focus or scores[best] <= scores[focus]:
        return None, False
    if best in _ancestor_ids(builder, focus):
        # 内蒙古 of a feature on 包头: the province it is about
        return (best, True) if scores[best] > 2 * scores[focus] else (None, False)
    parent = parents.get(best)
    held = parent is not None and (
        parent == focus or focus in _ancestor_ids(builder, parent)
    )
    below = held or focus in _ancestor_ids(builder, best)
    return (best, False) if below else (None, False)


# link:metric-focus-other-province: how often (titles counting four) a province
# must be named, and how many times more than the focus and any other province.
# Bulk5k: at twice as often and no minimum, 197 figures of 38 texts changed, most
# of them national stories (a province named three or four times) and wrong.
_OTHER_PROVINCE_MIN = 6
_OTHER_PROVINCE_RATIO = 4


def _other_province(
    builder: _Builder, ctx: _DocContext, article: ArticleInfo
) -> str | None:
    """A province (a municipality: 北京, 上海) that neither holds nor lies in the
    article's focus and is named at least _OTHER_PROVINCE_MIN times and more than
    _OTHER_PROVINCE_RATIO times as often as the focus and any other province, titles
    counting four (link:metric-focus-other-province); None when there is none. The focus is
    chosen among cities and counties only, so a story on a province or the capital
    that names one city of elsewhere in passing (a man's former post) gets that
    city as its focus."""
    focus = article.focus
    assert focus is not None
    levels = words("link:words.metric-focus-other-levels")
    scores: Counter[str] = Counter()
    for _place, pid, weight in _article_places(ctx, article):
        scores[pid] += weight
    entities = builder.graph.entities
    ranked = sorted(
        (e for e in scores if entities[e].attrs.get("level") in levels),
        key=lambda e: (-scores[e], e),
    )
    if not ranked:
        return None
    best = ranked[0]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0
    if (
        best in _ancestor_ids(builder, focus)
        or focus in _ancestor_ids(builder, best)
        or scores[best] < _OTHER_PROVINCE_MIN
        or scores[best] <= _OTHER_PROVINCE_RATIO * max(scores[focus], runner_up)
    ):
        # a story of two provinces (援疆, 沪苏) is no one province's; a national
        # story naming a province a few times is not that province's either
        return None
    return best


def _chain_opens(text: str, start: int, chain_start: dict[int, int]) -> bool:
    """Whether the chain of places ending with the one at ``start`` (湖南张家界) opens
    its clause (link:pattern.clause-opening)."""
    seen = 0
    while start in chain_start and seen < 4:
        start, seen = chain_start[start], seen + 1
    before = text[max(0, start - 1) : start] or "\n"
    return pattern("link:pattern.clause-opening").fullmatch(before) is not None


def _paragraph_place(
    builder: _Builder, ctx: _DocContext, mention: Mention
) -> str | None:
    """The place of a figure's paragraph when its sentence names none: a division
    opening the paragraph's first clause, the story a news paragraph tells (在贵州安顺，
    村民们…；当地投资1.1亿元; 今天下午，北京局部地区…), the last of a chain written
    together (安徽黄山市休宁县); for a paragraph opening with 当地 (当地政府经过…), the
    place opening the paragraph before (link:words.paragraph-anaphora); else the
    place of the last heading before it (湖南：推进环境整治, the items of a digest:
    link:pattern.place-heading). None (the article's focus) when there is none: work
    reports name towns in passing before district-wide figures
    (link:pattern.same-clause)."""
    doc = ctx.doc
    pos = ctx.position(mention)
    para = doc.paragraph_index(pos)
    framed = _framing_place(builder, ctx, para, pos)
    if framed is not None:
        return framed
    carried = _sentence_lead_place(builder, ctx, para, pos)
    if carried is not None:
        return carried
    best = _opening_place(builder, ctx, para, pos)
    if best is not None or para == 0:
        return best
    begin = doc.paragraphs[para][0]
    first = doc.article_index(begin)
    lead = doc.clean[begin : begin + 4]
    if lead.startswith(tuple(words("link:words.paragraph-anaphora"))):
        if doc.article_index(doc.paragraphs[para - 1][0]) == first:
            return _opening_place(builder, ctx, para - 1, doc.paragraphs[para][0])
        return None
    heading = pattern("link:pattern.place-heading")
    title = pattern("link:pattern.item-title")
    if title.fullmatch(doc.clean, *doc.paragraphs[para]) is not None:
        return _item_place(builder, ctx, para, first, pos)  # a figure in a title
    for earlier in range(para - 1, 0, -1):
        start, stop = doc.paragraphs[earlier]
        if doc.article_index(doc.paragraphs[earlier - 1][0]) != first:
            break  # the article's title (内蒙古：让各族群众…) heads no item
        if title.fullmatch(doc.clean, start, stop) is None:
            continue  # a paragraph of the item
        if heading.match(doc.clean, start, stop) is not None:
            return _opening_place(builder, ctx, earlier, stop, heading=True)
        if earlier == para - 1:
            return _item_place(builder, ctx, earlier, first, pos)
        return None  # an item of several paragraphs: no digest's
    return None


def _item_place(
    builder: _Builder, ctx: _DocContext, title: int, article: int, pos: int
) -> str | None:
    """The place of a digest's item whose title (paragraph ``title``) has no place
    heading (营口港开通至…班列; 全球首座…平台合拢 then …在烟台合拢): the first
    division its title names, else the first the paragraph after it names, the last
    of a chain written together (link:item-place). None when the article has fewer
    than two items, each a title paragraph followed by a paragraph ending a sentence;
    when the title ends with a colon (央视网消息：); when that first division is one of
    a list (北京、天津等21个省份) or no place (北京时间); when the title speaks of the
    nation (link:words.item-national-title), or the figure's sentence does and names
    no place (link:words.item-national)."""
    doc = ctx.doc
    text = doc.clean
    item_title = pattern("link:pattern.item-title")
    byline = chars("link:chars.item-title-not-end")
    count = ctx.cached(
        f"digest-items-{article}", lambda: (_digest_items(ctx, article),)
    )
    if count[0] < 2 or text[doc.paragraphs[title][1] - 1] in byline:
        return None
    if any(
        text.find(w, *doc.paragraphs[title]) >= 0
        for w in words("link:words.item-national-title")
    ):
        return None  # 我国出台…计划: the nation's item
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    sentence = doc.sentences[doc.sentence_index(pos)]
    if any(
        text.find(w, *sentence) >= 0 for w in words("link:words.item-national")
    ) and not any(
        sentence[0] <= ctx.position(p) < sentence[1]
        and ctx.ids[id(p)].removeprefix("place:") in builder.gazetteer.divisions
        for p in by_para.get(doc.paragraph_index(pos), ())
    ):
        return None  # 中国是…大国，占世界贸易量的60%: the nation's figure
    divisions = builder.gazetteer.divisions
    landmarks = words("link:words.metric-not-measured-in")
    listed = chars("link:chars.opening-listed")
    not_lead = tuple(words("link:words.sentence-lead-not"))
    paras = [title]
    after = title + 1
    if (
        after < len(doc.paragraphs)
        and doc.article_index(doc.paragraphs[after][0]) == article
        and item_title.fullmatch(text, *doc.paragraphs[after]) is None
    ):
        paras.append(after)
    for para in paras:
        best, chain_end = None, -1
        for place in by_para.get(para, ()):
            pid = ctx.ids[id(place)]
            if best is not None:
                if chain_end != place.start:
                    break
                if place.attrs.get("level") not in landmarks:
                    best = pid  # 新疆托克逊县: the chain's last
                chain_end = place.end
                continue
            if (
                pid.removeprefix("place:") not in divisions
                or place.attrs.get("level") in landmarks
            ):
                continue
            at = ctx.position(place)
            end = at + place.end - place.start
            if (
                text[end : end + 1] in listed
                or text[at - 1 : at] in listed
                or text.startswith(not_lead, end)
            ):
                return None  # 北京、天津等21个省份; 北京时间: no item's place
            best, chain_end = pid, place.end
        if best is not None:
            return best
    return None


def _digest_items(ctx: _DocContext, article: int) -> int:
    """How many items a digest article has: title paragraphs (link:pattern.item-title,
    not ending with a colon) after its first, each followed by a paragraph that ends
    a sentence."""
    doc = ctx.doc
    text = doc.clean
    item_title = pattern("link:pattern.item-title")
    byline = chars("link:chars.item-title-not-end")
    paras = [
        i for i, (s, _) in enumerate(doc.paragraphs) if doc.article_index(s) == article
    ]
    count = 0
    for here, after in pairwise(paras[1:]):
        s, e = doc.paragraphs[here]
        if (
            item_title.fullmatch(text, s, e) is not None
            and text[e - 1] not in byline
            and item_title.fullmatch(text, *doc.paragraphs[after]) is None
        ):
            count += 1
    return count


def _sentence_lead_place(
    builder: _Builder, ctx: _DocContext, para: int, pos: int
) -> str | None:
    """The division opening the last sentence of a figure's paragraph that names a
    place, when the figure's sentence names none before it (a digest: 甘肃省人社部门
    发放就业补助资金。目前已发放600万元): the item goes on about that division,
    the last of a chain written together (link:pattern.sentence-lead); None when that
    sentence names a place elsewhere than at its opening, when the place is one of a
    list, or when the figure's sentence speaks of the nation (link:words.frame-national)."""
    doc = ctx.doc
    text = doc.clean
    begin = doc.paragraphs[para][0]
    index = doc.sentence_index(pos)
    start = doc.sentences[index][0]
    if start <= begin:
        return None  # the paragraph's first sentence: link:pattern.paragraph-lead
    if any(text.find(w, start, pos) >= 0 for w in words("link:words.frame-national")):
        return None  # 目前，全国已建成…: the nation's figure
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    stop = doc.sentences[index][1]
    named = [p for p in by_para.get(para, ()) if ctx.position(p) < stop]
    places = [p for p in named if ctx.position(p) < start]
    if not places or len(places) < len(named):
        return None  # the figure's sentence names a place (…596种野生动物在北京…)
    lead = places[-1]
    if doc.sentence_index(ctx.position(lead)) != index - 1:
        return None  # 安国…。投资消费回暖向好。争取…383个: a report's own figures
    sentence = doc.sentences[index - 1]
    if any(
        text.find(w, sentence[0], sentence[1]) >= 0
        for w in words("link:words.frame-national")
    ):
        return None  # 阜平入选全国休闲农业重点县。创建…247个: a national list
    inside = [p for p in places if ctx.position(p) >= sentence[0]]
    first = inside[0]
    first_pos = ctx.position(first)
    if (
        first_pos <= begin
        or ctx.ids[id(first)].removeprefix("place:") not in builder.gazetteer.divisions
    ):
        return None
    if (
        pattern("link:pattern.sentence-lead").fullmatch(text, sentence[0], first_pos)
        is None
    ):
        return None
    landmarks = words("link:words.metric-not-measured-in")
    if first.attrs.get("level") in landmarks:
        return None
    last, end = first, first_pos + first.end - first.start
    for after in inside[1:]:
        if ctx.position(after) != end or after.attrs.get("level") in landmarks:
            break  # 黔东南州|清水江: a river is no figure's place
        last, end = after, end + after.end - after.start
    if text.startswith(tuple(words("link:words.sentence-lead-not")), end):
        return None  # 北京时间今天7点30分: no place
    code = ctx.ids[id(last)].removeprefix("place:")
    name = (
        builder.gazetteer.divisions[code].name
        if code in builder.gazetteer.divisions
        else ""
    )
    for whole in words("link:words.sentence-lead-whole"):
        found = text.find(whole, start, pos)
        if found >= 0 and not name.endswith(whole[-1]):
            return None  # 铁门乡…；全区吸引游客3万余人次: the district's figure
    if any(
        ctx.position(p) >= end and ctx.ids[id(p)] != ctx.ids[id(last)] for p in inside
    ):
        return None  # 甘肃兰州新区…、黑龙江…: the sentence names other places
    if text[end : end + 1] in chars("link:chars.opening-listed"):
        return None  # 浙江、辽宁、吉林出台…: one of a list
    return ctx.ids[id(last)]


def _framing_place(
    builder: _Builder, ctx: _DocContext, para: int, pos: int
) -> str | None:
    """The division a later sentence of a figure's paragraph opens with as its frame
    (今天，河北省提升响应。在河北滦平县，山体滑坡…。工兵旅出动200人): the story moves
    there, and the figures after it are measured there, the last of a chain written
    together (link:pattern.sentence-frame); None when no sentence after the first
    opens so before the figure."""
    doc = ctx.doc
    text = doc.clean
    begin = doc.paragraphs[para][0]
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    places = [p for p in by_para.get(para, ()) if ctx.position(p) < pos]
    divisions = builder.gazetteer.divisions
    frame = pattern("link:pattern.sentence-frame")
    best = None
    chained: set[int] = set()
    for index, place in enumerate(places):
        start = ctx.position(place)
        if start - 2 <= begin or not frame.fullmatch(text, start - 2, start):
            if (
                best is not None
                and id(place) not in chained
                and ctx.ids[id(place)] != best
            ):
                best = None  # 在上海，…；浙江等地…: the paragraph moved on
            continue
        last, end = place, start + place.end - place.start
        for after in places[index + 1 :]:
            if ctx.position(after) != end:
                break
            last, end = after, end + after.end - after.start
            chained.add(id(after))
        pid = ctx.ids[id(last)]
        if (
            end < pos
            and text[end : end + 1] in words("link:chars.frame-end")
            and (pid.removeprefix("place:") in divisions)
        ):
            best = pid
    if best is None:
        return None
    sentence = doc.sentences[doc.sentence_index(pos)][0]
    if any(
        text.find(w, sentence, pos) >= 0 for w in words("link:words.frame-national")
    ):
        return None  # 在上海，…。目前，全国…近10万个: the nation's figure
    return best


def _opening_place(
    builder: _Builder,
    ctx: _DocContext,
    para: int,
    pos: int,
    heading: bool = False,
) -> str | None:
    """The division opening paragraph ``para``'s first clause before ``pos``, after a
    time phrase if any (link:pattern.paragraph-lead), the last of a chain written
    together; with ``heading``, the one opening it (湖南：…)."""
    doc = ctx.doc
    begin = doc.paragraphs[para][0]
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    divisions = builder.gazetteer.divisions
    landmarks = words("link:words.metric-not-measured-in")
    best, chain_end, last_end, first_pos = None, -1, 0, begin
    for place in by_para.get(para, ()):
        place_pos = ctx.position(place)
        if place_pos >= pos:
            break
        pid = ctx.ids[id(place)]
        if best is not None:
            if chain_end != place.start or place.attrs.get("level") in landmarks:
                break  # 广西钦州|龙门大桥: a landmark ends the chain
            best, chain_end = pid, place.end  # 安徽黄山市: the chain's last
            last_end = place_pos + place.end - place.start
        elif pid.removeprefix("place:") in divisions and (
            place_pos == begin
            if heading
            else pattern("link:pattern.paragraph-lead").fullmatch(
                doc.clean, begin, place_pos
            )
        ):
            best, chain_end = pid, place.end
            last_end = place_pos + place.end - place.start
            first_pos = place_pos
        else:
            break
    timed = pattern("link:pattern.same-clause").fullmatch(doc.clean, begin, first_pos)
    if (
        best is not None
        and not heading
        and not timed
        and _opens_a_list(ctx, para, last_end)
    ):
        return None  # 昨天，广东、河南等地警方…: one of a list, not the story's place
    return best


def _opens_a_list(ctx: _DocContext, para: int, end: int) -> bool:
    """Whether the place ending at ``end`` is one of a list: 等 after it, or a list
    word and another place (广东、河南; 井冈山和兰考县), not 内蒙古自治区、盟市
    (link:chars.opening-listed)."""
    after = ctx.doc.clean[end : end + 1]
    listed = chars("link:chars.opening-listed")
    if not after or after not in listed:
        return False
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    return after == listed[1] or any(
        ctx.position(p) == end + 1 for p in by_para.get(para, ())
    )


def _named_by_level(
    builder: _Builder, ctx: _DocContext, mention: Mention
) -> str | None:
    """The place a figure's clause names by its level word alone (全乡, 该村, 社区实现…),
    or an earlier clause of its paragraph by 全, 该 or 本 and a county, city or
    province level (全省…；查处…35个) with no place named between it and the figure:
    the last place of that level named earlier in the paragraph
    (link:pattern.level-anaphora)."""
    doc = ctx.doc
    pos = ctx.position(mention)
    begin = doc.paragraphs[doc.paragraph_index(pos)][0]
    starts = [begin]
    for mark in pattern("link:pattern.clause-mark").finditer(doc.clean, begin, pos):
        starts.append(mark.end())
    by_para = ctx.cached("places-by-paragraph", lambda: _places_by_paragraph(ctx))
    anaphora = pattern("link:pattern.level-anaphora")
    clause_start = starts[-1]
    found = anaphora.match(doc.clean, clause_start, pos)
    if found is None:
        # 全县范围内…，7个乡镇里迁徙路线达到了50条: an earlier clause of the paragraph
        # opening with 全县 names the place of the figures after it, up to a place
        named = [ctx.position(p) for p in by_para.get(doc.paragraph_index(pos), ())]
        for start in reversed(starts[:-1]):
            if any(start <= at < pos for at in named):
                break
            earlier = anaphora.match(doc.clean, start, pos)
            if earlier is not None and earlier.group("upper"):
                found, clause_start = earlier, start
                break
    if found is None:
        return None
    level = found.group("level") or found.group("upper")
    not_upper = tuple(words("link:words.level-anaphora-not"))
    focus = ctx.article_of(mention).focus
    focus_of_level = focus is not None and builder.graph.entities[focus].name.endswith(
        level
    )
    best = None
    for place in by_para.get(doc.paragraph_index(pos), ()):
        if ctx.position(place) >= clause_start:
            break
        pid = ctx.ids[id(place)]
        name = builder.graph.entities[pid].name
        if (
            found.group("upper")
            and focus_of_level
            and focus in _ancestor_ids(builder, pid)
        ):
            continue  # 黄冈市…麻城市引进项目。全市新建…: the focus, not a city in it
        if (place.name.endswith(level) or name.endswith(level)) and not (
            found.group("upper") and name.endswith(not_upper)
        ):
            best = pid  # 上海…，全市: 上海市; not 大兴安岭地区 for 全区
    return best


def _places_by_paragraph(ctx: _DocContext) -> dict[int, list[Mention]]:
    groups: dict[int, list[Mention]] = defaultdict(list)
    for place in ctx.by_label["place"]:
        if id(place) in ctx.ids:
            groups[ctx.doc.paragraph_index(ctx.position(place))].append(place)
    for places in groups.values():
        places.sort(key=ctx.position)
    return groups


def _opens_the_clause(text: str, start: int, end: int, figure: int) -> bool:
    """Whether a place opens the clause of a figure (其中，扬州报告58例; 在杭州新建…):
    the clause tells where it was measured, inside the article's focus or not
    (link:pattern.clause-opening, link:pattern.same-clause)."""
    before = text[max(0, start - 1) : start]
    if before and pattern("link:pattern.clause-opening").fullmatch(before) is None:
        return False  # 新开通上海等航线6条: a place inside the clause
    return pattern("link:pattern.same-clause").fullmatch(text, end, figure) is not None


def _corpus_programmes(builder: _Builder, texts: Mapping[str, str]) -> None:
    """One sense per corpus: a programme's name (or alias) written in a document that
    did not find it (三比三亮 without quotes, in another document) is a mention of
    that programme there too, running in that article's focus place.

    Names of three characters or more that are no dictionary word, and that no two
    programmes share, and that the programme lexicon's review did not find to be no
    programme (lexicon-rejected.txt, programme:words.reviewed-read, a class of
    programme:words.corpus-refused-classes): one document may quote 绿色通道 as its
    own programme, but the rest of the corpus writes it as a phrase. An automaton
    over them reads every text once.
    """
    import ahocorasick_rs

    from kg.extract.programmes import is_word, straddles

    owner: dict[str, str | None] = {}
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    entities = builder.graph.entities
    parts = {
        p
        for e in entities.values()
        if e.label == "programme"
        for p in e.attrs.get("components") or []  # type: ignore[attr-defined]
    }
    for entity in entities.values():
        if entity.label != "programme":
            continue
        for name in {entity.name, *entity.aliases} - parts:
            if _programme_key(name, "") != name:
                continue  # 二十条措施: another document's count names another package
            if len(name) >= 3 and not is_word(name) and not _review_refuses(name):
                owner[name] = (
                    entity.id if owner.get(name, entity.id) == entity.id else None
                )
        for m in entity.mentions:
            covered[m.doc_id].append((m.start, m.end))
    names = sorted(n for n, e in owner.items() if e is not None)
    if not names:
        return
    finder = ahocorasick_rs.AhoCorasick(
        names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    for doc_id, text in texts.items():
        # the document's own programme mentions, by start, with the furthest end so
        # far: whether a match overlaps one is a bisect, not a loop over them all
        spans = sorted(covered.get(doc_id, []))
        starts_of = [s for s, _ in spans]
        reach = list(accumulate((e for _, e in spans), max))
        for index, start, end in finder.find_matches_as_indexes(text):
            before = bisect_left(starts_of, end)
            if (
                (before > 0 and reach[before - 1] > start)
                or straddles(text, start, end)
                or _quoted_around(text, start, end)
            ):
                continue
            entity = entities[owner[names[index]]]  # type: ignore[index]
            mention = Mention(
                doc_id,
                start,
                end,
                text[start:end],
                "programme",
                "programme:step.corpus",
                entity.name,
                {"class": "programme", "scope": entity.attrs.get("scope", "local")},
            )
            entity.mentions.append(mention)
            starts, focus = builder.article_focus.get(doc_id, ([0], [None]))
            place = focus[max(0, bisect_right(starts, start) - 1)]
            if place is not None and not (
                entity.attrs.get("scope") == "national"
                and entity.id in builder.no_focus
            ):
                builder.relate(entity.id, "runs_in", place, mention)


def _review_refuses(name: str) -> bool:
    """Whether the programme lexicon's review found the name to be no programme
    (lexicon-rejected.txt, programme:words.reviewed-read, or a lexicon class of
    programme:words.corpus-refused-classes): the corpus step copies none of these."""
    from kg.extract.programmes import lexicon, rejected

    entry = lexicon().get(name)
    return (
        name in rejected()
        or name in word_set("programme:words.reviewed-read")
        or (
            entry is not None
            and entry.cls in word_set("programme:words.corpus-refused-classes")
        )
    )


def corpus_copies(text: str) -> str:
    """The names the corpus step finds, sorted and joined by spaces, in a corpus of
    the documents ``text`` holds between ``||`` marks: what rule examples of the
    corpus step check (``check = "call:kg.link:corpus_copies"``)."""
    from kg.extract import extract
    from kg.ingest import parse_document

    docs = [
        parse_document(part, f"example{i}.txt")
        for i, part in enumerate(text.split("||"))
    ]
    graph = link([(d, extract(d)) for d in docs], corpus_pass=True)
    return " ".join(
        sorted(
            {
                e.name
                for e in graph.entities.values()
                for m in e.mentions
                if m.rule == "programme:step.corpus"
            }
        )
    )


def _quoted_around(text: str, start: int, end: int) -> bool:
    """Inside a quotation of that document (“五级书记抓乡村振兴”, “星级文明户”): its
    extractor decided what the quoted text is."""
    opened = text.rfind("“", max(0, start - 40), start + 1)
    return (
        opened >= 0
        and text.rfind("”", opened, start) < 0
        and "”" in text[end : end + 40]
    )


@cache
def _variant_chunk() -> re.Pattern[str]:
    numerals = chars("link:chars.variant-numerals")
    return re.compile(f"[{numerals}][^{numerals}]+")


def _chunks(name: str) -> tuple[str, ...]:
    return tuple(_variant_chunk().findall(name))


def _link_variants(builder: _Builder) -> None:
    """三比三亮 and 三亮三比: the same parts in another order are variants, not one node."""
    by_parts: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for entity in builder.graph.entities.values():
        if entity.label != "programme":
            continue
        # its name or an alias that is all numbered parts (三比三亮 of 三比三亮工作法)
        for name in sorted({entity.name, *entity.aliases}, key=len):
            parts = _chunks(name)
            if len(parts) >= 2 and "".join(parts) == name:
                by_parts[tuple(sorted(parts))].append(entity.id)
                break
    entities = builder.graph.entities
    for ids in by_parts.values():
        # the form written most often is the one the others are variants of
        ids = sorted(ids, key=lambda i: (-len(entities[i].mentions), i))
        for other in ids[1:]:
            builder.relate(other, "variant_of", ids[0], None)


def programme_scopes(text: str) -> str:
    """``name=scope`` of each programme linked from ``text``, sorted and joined by
    spaces: what rule examples of a programme's scope check
    (``check = "call:kg.link:programme_scopes"``)."""
    from kg.extract import extract
    from kg.ingest import parse_document

    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    return " ".join(
        sorted(
            f"{e.name}={e.attrs.get('scope')}"
            for e in graph.entities.values()
            if e.label == "programme"
        )
    )
