"""Link: merge mentions into entities across documents and attach relations.

One node per real-world thing: places by division code (or name and parent when the
gazetteer cannot decide), programmes by name, organisations by full name, people by
name *and* place (two 王伟 in two districts stay two people). Every relation keeps the
mentions it was read from.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.places import RANK, load_gazetteer
from kg.model import Document, Entity, Mention, Relation


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
        ] = defaultdict(list)
        # The evidence already in each bucket, for an O(1) duplicate check: a list scan
        # made linking quadratic in how often a relation is seen (large corpora).
        self._seen: dict[tuple[object, ...], set[Mention]] = defaultdict(set)
        self.gazetteer = load_gazetteer()

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
        key = (subject, predicate, obj, tuple(sorted(attrs.items())))
        bucket = self._relations[key]
        seen = self._seen[key]
        if evidence is not None and evidence not in seen:
            seen.add(evidence)
            bucket.append(evidence)

    def place_chain(self, division_id: str) -> None:
        """Make sure every division above ``division_id`` is a node, with part_of edges."""
        child = division_id
        for parent in self.gazetteer.ancestors(division_id):
            entity_id = f"place:{parent}"
            division = self.gazetteer.divisions[parent]
            entity = self.entity(entity_id, "place", division.name)
            entity.attrs.update(level=division.level, code=division.code or None)
            self.relate(
                f"place:{child}", "part_of", entity_id, None, source="gazetteer"
            )
            child = parent

    def finish(self) -> LinkedGraph:
        for (subject, predicate, obj, attrs), evidence in sorted(
            self._relations.items()
        ):
            self.graph.relations.append(
                Relation(
                    subject,
                    predicate,
                    obj,
                    tuple(sorted(evidence, key=_mention_key)),
                    dict(attrs),
                )
            )
        return self.graph


def _mention_key(mention: Mention) -> tuple[str, int, int, str]:
    return (mention.doc_id, mention.start, mention.end, mention.label)


def link(extracted: list[tuple[Document, list[Mention]]]) -> LinkedGraph:
    """Merge the mentions of every document into one graph.

    Args:
        extracted: each document with the mentions found in it, in corpus order.

    Returns:
        The entities (nodes) and relations (edges), deterministic for a given input.
    """
    builder = _Builder()
    for doc, mentions in sorted(extracted, key=lambda item: item[0].doc_id):
        _link_document(builder, doc, mentions)
    for entity in builder.graph.entities.values():
        entity.mentions.sort(key=_mention_key)
        entity.aliases.discard(entity.name)
    _link_variants(builder)
    return builder.finish()


@dataclass(slots=True)
class _DocContext:
    """One document while it is being linked: its mentions and what they became."""

    doc: Document
    by_label: dict[str, list[Mention]]
    ids: dict[int, str] = field(default_factory=dict)  # id(mention) -> entity id
    articles: list[ArticleInfo] = field(default_factory=list)

    def article_of(self, mention: Mention) -> ArticleInfo:
        return self.articles[self.doc.article_index(self.doc.to_clean(mention.start))]

    def nearby(self, mention: Mention, label: str) -> list[Mention]:
        """Mentions of ``label`` in the same sentence as ``mention``."""
        doc = self.doc
        target = doc.sentence_index(doc.to_clean(mention.start))
        return [
            c
            for c in self.by_label[label]
            if doc.sentence_index(doc.to_clean(c.start)) == target
        ]


def _link_document(builder: _Builder, doc: Document, mentions: list[Mention]) -> None:
    doc_entity = builder.entity(f"document:{doc.doc_id}", "document", doc.doc_id)
    doc_entity.attrs["chars"] = len(doc.text)
    by_label: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_label[mention.label].append(mention)
    ctx = _DocContext(doc, by_label)
    for mention in by_label["place"]:
        ctx.ids[id(mention)] = _link_place(builder, mention)
    ctx.articles = _articles(builder, doc, by_label["place"], ctx.ids)
    for mention in by_label["organization"]:
        ctx.ids[id(mention)] = _link_org(builder, ctx, mention)
    for mention in by_label["person"]:
        _link_person(builder, ctx, mention)
    for mention in by_label["programme"]:
        if mention.attrs.get("class") == "local":
            ctx.ids[id(mention)] = _link_programme(builder, ctx, mention)
    for mention in by_label["metric"]:
        _link_metric(builder, ctx, mention)


def _articles(
    builder: _Builder, doc: Document, places: list[Mention], place_ids: dict[int, str]
) -> list[ArticleInfo]:
    infos = []
    for article in doc.articles:
        scores: Counter[str] = Counter()
        for mention in places:
            pos = doc.to_clean(mention.start)
            if doc.article_index(pos) != article.index:
                continue
            entity = builder.graph.entities[place_ids[id(mention)]]
            level = str(entity.attrs.get("level"))
            if (
                RANK.get(level, 9) > 4
                or level in ("zone", "landmark")
                or level == "province"
            ):
                continue
            weight = 1
            for span in (article.title, article.note):
                if span and span[0] <= pos < span[1]:
                    weight += 3
            scores[entity.id] += weight
        focus = None
        if scores:
            focus = max(sorted(scores), key=lambda e: (scores[e], -_rank(builder, e)))
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
            "article:title",
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
        infos.append(ArticleInfo(doc.doc_id, article.index, title, focus, mention))
    return infos


def _rank(builder: _Builder, entity_id: str) -> int:
    return RANK.get(str(builder.graph.entities[entity_id].attrs.get("level")), 9)


def _link_place(builder: _Builder, mention: Mention) -> str:
    attrs = dict(mention.attrs)
    canonical = str(attrs.get("canonical") or mention.name)
    entity_id = place_id(attrs, canonical)
    entity = builder.entity(entity_id, "place", canonical)
    entity.mentions.append(mention)
    entity.aliases.add(mention.name)
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


def _link_org(builder: _Builder, ctx: _DocContext, mention: Mention) -> str:
    canonical = str(mention.attrs.get("canonical") or mention.name)
    place_text = str(mention.attrs.get("place_text") or "")
    article = ctx.article_of(mention)
    places = ctx.by_label["place"]
    inner = [p for p in places if mention.start <= p.start < mention.end]
    place_entity = ctx.ids[id(inner[0])] if inner else None
    if not inner and len(place_text) == 1 and article.focus:
        # 区委组织部 in an article about 梁平区 is 梁平区委组织部.
        focus = builder.graph.entities[article.focus]
        level_char = focus.name[-1]
        if level_char == place_text:
            canonical = focus.name + canonical[1:]
            place_entity = article.focus
    entity_id = f"organization:{canonical}"
    entity = builder.entity(entity_id, "organization", canonical)
    entity.mentions.append(mention)
    entity.aliases.add(mention.name)
    if place_entity:
        builder.relate(entity_id, "located_in", place_entity, mention)
    return entity_id


def _link_person(builder: _Builder, ctx: _DocContext, mention: Mention) -> None:
    kind = str(mention.attrs.get("kind"))
    doc = ctx.doc
    article = ctx.article_of(mention)
    posts = list(mention.attrs.get("posts") or [])  # type: ignore[call-overload]
    targets: list[tuple[str, dict[str, object], Mention]] = []
    for post in posts:
        target = _post_target(ctx, mention, post, article)
        if target:
            targets.append((target[0], post, target[1]))
    if kind == "national_leader":
        scope = ""
    else:
        scope_place = None
        for target_id, _, _ in targets:
            scope_place = _place_of(builder, ctx, target_id)
            if scope_place:
                break
        scope_place = scope_place or article.focus
        scope = (
            "@" + _county_of(builder, scope_place) if scope_place else f"@{doc.doc_id}"
        )
    entity_id = f"person:{mention.name}{scope}"
    entity = builder.entity(entity_id, "person", mention.name)
    entity.mentions.append(mention)
    # An author is also an official; keep the most specific kind seen.
    if entity.attrs.get("kind") in (None, "other", "official") or kind == "author":
        entity.attrs["kind"] = kind
    for target_id, post, evidence in targets:
        builder.relate(
            entity_id,
            "holds_post",
            target_id,
            evidence,
            title=post.get("title"),
            former=bool(post.get("former")),
        )
    if kind == "author":
        builder.relate(
            entity_id, "authored", f"article:{doc.doc_id}#{article.index}", mention
        )


def _post_target(
    ctx: _DocContext, person: Mention, post: dict[str, object], article: ArticleInfo
) -> tuple[str, Mention] | None:
    """The organisation (or place) a post belongs to, with the mention that says so."""
    doc, by_label, ids = ctx.doc, ctx.by_label, ctx.ids
    org_text = post.get("org")
    if isinstance(org_text, str) and org_text:
        # A post from a byline note: find the organisation mention inside the note.
        for org in by_label["organization"]:
            name = org.name.removeprefix("中共")
            same_article = doc.article_index(doc.to_clean(org.start)) == article.index
            if same_article and (name == org_text or org_text.endswith(name)):
                return ids[id(org)], org
        for place in reversed(by_label["place"]):
            if doc.article_index(
                doc.to_clean(place.start)
            ) == article.index and org_text.startswith(place.name):
                return ids[id(place)], place
        return None
    at = post.get("at")
    if isinstance(at, int):
        title = str(post.get("title") or "")
        unit = re.match(r"党委|党总支|党支部|党组|党工委", title)
        ends = {at} | ({at + unit.end()} if unit else set())
        for org in by_label["organization"]:
            if org.end in ends:
                return ids[id(org)], org
        for place in by_label["place"]:
            if place.end in ends:
                return ids[id(place)], place
        if article.focus and article.mention:
            return article.focus, person
    return None


def _place_of(builder: _Builder, ctx: _DocContext, entity_id: str) -> str | None:
    """The place an entity is: itself for a place, else where its organisation sits."""
    if entity_id.startswith("place:"):
        return entity_id
    for org in ctx.by_label["organization"]:
        if ctx.ids.get(id(org)) == entity_id:
            inner = [p for p in ctx.by_label["place"] if org.start <= p.start < org.end]
            return ctx.ids[id(inner[0])] if inner else None
    return None


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
    entity_id = f"programme:{mention.name}"
    entity = builder.entity(entity_id, "programme", mention.name)
    entity.mentions.append(mention)
    entity.attrs["class"] = "local"
    if mention.attrs.get("long_name"):
        entity.aliases.add(str(mention.attrs["long_name"]))
    components = list(entity.attrs.get("components") or [])  # type: ignore[call-overload]
    for part in mention.attrs.get("components") or []:  # type: ignore[attr-defined]
        if part not in components:
            components.append(part)
    entity.attrs["components"] = components
    article = ctx.article_of(mention)
    if article.focus:
        builder.relate(entity_id, "runs_in", article.focus, mention)
    for place in ctx.nearby(mention, "place"):
        pid = ctx.ids[id(place)]
        level = builder.graph.entities[pid].attrs.get("level")
        if RANK.get(str(level), 9) in (3, 4, 5) and level not in ("zone", "landmark"):
            builder.relate(entity_id, "runs_in", pid, mention)
    return entity_id


def _link_metric(builder: _Builder, ctx: _DocContext, mention: Mention) -> None:
    entity_id = f"metric:{ctx.doc.doc_id}:{mention.start}"
    entity = builder.entity(entity_id, "metric", mention.name)
    entity.mentions.append(mention)
    for key in ("value", "unit", "approx", "subject", "year"):
        entity.attrs[key] = mention.attrs.get(key)
    near_places = [p for p in ctx.nearby(mention, "place") if p.start < mention.start]
    place = (
        ctx.ids[id(near_places[-1])] if near_places else ctx.article_of(mention).focus
    )
    if place:
        builder.relate(entity_id, "measured_in", place, mention)
    near_programmes = [p for p in ctx.nearby(mention, "programme") if id(p) in ctx.ids]
    if near_programmes:
        closest = min(near_programmes, key=lambda p: abs(p.start - mention.start))
        builder.relate(entity_id, "measures", ctx.ids[id(closest)], mention)


def _chunks(name: str) -> tuple[str, ...]:
    return tuple(
        re.findall(r"[一二两三四五六七八九十双][^一二两三四五六七八九十双]+", name)
    )


def _link_variants(builder: _Builder) -> None:
    """三比三亮 and 三亮三比: the same parts in another order are variants, not one node."""
    by_parts: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for entity in builder.graph.entities.values():
        if entity.label == "programme":
            parts = _chunks(entity.name)
            if len(parts) >= 2 and "".join(parts) == entity.name:
                by_parts[tuple(sorted(parts))].append(entity.id)
    for ids in by_parts.values():
        ids = sorted(ids)
        for other in ids[1:]:
            builder.relate(other, "variant_of", ids[0], None)
