"""Lexicons: word lists whose every word, found in a text, is a mention.

A ``words`` rule with ``emits = true`` (``kg.lang.rules.lexicons``) is one: a user
pack's list of the county's programmes, of villages the division table lacks, of
people. Each mention carries the rule's id (``mypack/programme:county-initiatives``)
and the rule's ``attrs`` over the defaults of its label.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract._context import make_mention
from kg.lang.rules import Rule, lexicons, longest_first
from kg.model import Document, Mention


def _defaults(label: str, name: str) -> dict[str, object]:
    """The attributes the linker reads of a mention of ``label``, before the rule's."""
    if label == "place":
        return {
            "level": "village",
            "code": None,
            "division": None,
            "parent": None,
            "canonical": name,
        }
    if label == "programme":
        return {"class": "local", "quoted": False, "components": []}
    if label == "person":
        return {"kind": "other", "posts": []}
    return {"canonical": name, "place_text": ""}  # organization


def lexicon_mentions(doc: Document) -> list[Mention]:
    """Every word of every lexicon found in ``doc`` (longest first, no overlaps
    within one lexicon).

    Examples:
        >>> from kg.ingest import parse_document
        >>> lexicon_mentions(parse_document("梁平区推行院坝夜话", "t"))  # no packs
        []
    """
    found: list[Mention] = []
    for rule in lexicons():
        found.extend(_find(doc, rule))
    return found


def _find(doc: Document, rule: Rule) -> Iterable[Mention]:
    text = doc.clean
    taken: list[tuple[int, int]] = []
    attrs_given = dict(rule.spec.get("attrs", {}))
    for word in longest_first(rule.id):
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not any(a < end and at < b for a, b in taken):
                taken.append((at, end))
                attrs = {**_defaults(rule.label, word), **attrs_given}
                yield make_mention(doc, at, end, rule.label, rule.id, attrs)
            at = text.find(word, end)


def merge_lexicon(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """``mentions`` with the lexicons' ``found`` added: a user's word wins over the
    extractors' mentions of its label lying inside it (the same span among them),
    and gives way to one that holds it (a longer name found already)."""
    if not found:
        return mentions
    kept_found = []
    for lex in found:
        holders = [
            m
            for m in mentions
            if m.label == lex.label
            and m.start <= lex.start
            and lex.end <= m.end
            and (m.start, m.end) != (lex.start, lex.end)
        ]
        if not holders:
            kept_found.append(lex)
    out = [
        m
        for m in mentions
        if not any(
            lex.label == m.label and lex.start <= m.start and m.end <= lex.end
            for lex in kept_found
        )
    ]
    return out + kept_found
