"""``kg explain``: what kg finds in a text and which rule found (or refused) it.

Each mention comes with its type, its normalised attributes, the id of the rule that
made it, that rule's file and line and its ``why``; each candidate a guard turned
down comes with the guard. Used by ``kg explain TEXT`` and ``kg explain --doc FILE
--at OFFSET``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import Document, Mention

# Attributes that repeat another one or only serve linking: not shown.
_HIDDEN = frozenset({"division", "ambiguous", "quoted"})


@dataclass(slots=True)
class Explanation:
    """The mentions and rejected candidates of a text (or of a stretch of it)."""

    doc_id: str
    text: str  # the text explained (a document's sentence for ``--at``)
    start: int  # where ``text`` starts in the document
    mentions: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "text": self.text,
            "start": self.start,
            "mentions": self.mentions,
            "rejected": self.rejected,
        }


def _rule_info(rule_id: str) -> dict[str, Any]:
    from kg.lang.rules import load_rules

    found = load_rules().get(rule_id)
    if found is None:
        return {"rule": rule_id, "file": None, "line": None, "why": None}
    return {
        "rule": rule_id,
        "file": found.file,
        "line": found.line,
        "why": found.why,
    }


def _attrs(mention: Mention) -> dict[str, Any]:
    return {
        key: value
        for key, value in sorted(mention.attrs.items())
        if key not in _HIDDEN and value not in (None, [], "")
    }


def explain_document(doc: Document, *, at: int | None = None) -> Explanation:
    """Extract ``doc`` and explain every mention, or those of the sentence holding
    the character ``at`` (an offset of ``doc.text``).

    Examples:
        >>> from kg.ingest import parse_document
        >>> found = explain_document(parse_document("梁平区发展乡村产业", "t"))
        >>> [(m["text"], m["rule"]) for m in found.mentions]
        [('梁平区', 'place:gazetteer')]
        >>> [(r["text"], r["rule"]) for r in found.rejected]
        [('发展乡', 'place:guard.township-before-village')]
    """
    from kg.extract import extract
    from kg.lang import trace

    with trace.recording() as rejections:
        mentions = extract(doc)
    start, end = 0, len(doc.text)
    if at is not None:
        if not 0 <= at < len(doc.text):
            raise InputError(
                f"{doc.doc_id}: offset {at} is outside the text (0–{len(doc.text) - 1})"
            )
        index = doc.sentence_index(doc.to_clean(at))
        start, end = doc.to_original(*doc.sentences[index])
    found = Explanation(doc.doc_id, doc.text[start:end], start)
    for mention in mentions:
        if mention.end <= start or mention.start >= end:
            continue
        found.mentions.append(
            {
                "type": mention.label,
                "text": mention.text,
                "name": mention.name,
                "start": mention.start,
                "end": mention.end,
                "attrs": _attrs(mention),
                **_rule_info(mention.rule),
            }
        )
    seen = set()
    for rejection in rejections:
        key = (rejection.start, rejection.end, rejection.label, rejection.rule)
        if rejection.end <= start or rejection.start >= end or key in seen:
            continue
        seen.add(key)
        found.rejected.append(
            {
                "type": rejection.label,
                "text": rejection.text,
                "start": rejection.start,
                "end": rejection.end,
                **_rule_info(rejection.rule),
            }
        )
    return found


def explain_text(text: str) -> Explanation:
    """``explain_document`` of a text given on the command line."""
    from kg.ingest import parse_document

    if not text.strip():
        raise InputError("nothing to explain: the text is empty")
    return explain_document(parse_document(text, "text"))


def read_explained(path: Path, *, at: int | None = None) -> Explanation:
    """``explain_document`` of a file (.txt or .md, decoded as ``kg build`` does).

    Raises:
        InputError: the file is missing or cannot be decoded, or ``at`` is outside it.
    """
    from kg.ingest import SourceText, read_document

    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    return explain_document(read_document(SourceText(path.name, data)), at=at)


def format_explanation(found: Explanation) -> str:
    """The explanation as lines for a terminal."""
    lines = []
    if found.start:
        lines.append(f"{found.doc_id} [{found.start}–{found.start + len(found.text)}]")
        lines.append(f"  {found.text.strip()}")
        lines.append("")
    if not found.mentions:
        lines.append("no mentions")
    for m in found.mentions:
        lines.append(f"{m['text']}  {m['type']}  [{m['start']}–{m['end']}]")
        attrs = _format_attrs(m["attrs"])
        if attrs:
            lines.append(f"    {attrs}")
        lines.append(f"    rule {_where(m)}")
        if m["why"]:
            lines.append(f"    why  {m['why']}")
    if found.rejected:
        lines.append("")
        lines.append("rejected:")
        for r in found.rejected:
            lines.append(f"{r['text']}  {r['type']}  [{r['start']}–{r['end']}]")
            lines.append(f"    rule {_where(r)}")
            if r["why"]:
                lines.append(f"    why  {r['why']}")
    return "\n".join(lines)


def _where(item: Mapping[str, Any]) -> str:
    if item["file"] is None:
        return f"{item['rule']} (not in any rule file)"
    return f"{item['rule']}  {item['file']}:{item['line']}"


def _format_attrs(attrs: Mapping[str, Any]) -> str:
    parts = []
    for key, value in attrs.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = "; ".join(
                "/".join(str(item[k]) for k in ("org", "title") if item.get(k))
                + (" (former)" if item.get("former") else "")
                for item in value
            )
        elif isinstance(value, list):
            value = "、".join(map(str, value))
        parts.append(f"{key}={value}")
    return "  ".join(parts)
