"""The data every stage passes on: documents, mentions, entities and relations.

Offsets follow spaCy's convention: ``start`` is inclusive, ``end`` exclusive, and both
index the *decoded original text* of the document, so ``doc.text[start:end]`` is always
the mention as written, whatever repairs the ingest stage made for matching.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

LABELS = ("place", "person", "organization", "programme", "metric")
NODE_TYPES = ("document", "article", *LABELS)

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a document; offsets index ``Document.clean``.

    ``title``, ``byline`` and ``note`` are ``(start, end)`` spans or ``None``: the title
    line, the author line before the body (刘华, □高建波) and the "(作者系…)" line.
    """

    index: int
    start: int
    end: int
    title: tuple[int, int] | None = None
    byline: tuple[int, int] | None = None
    note: tuple[int, int] | None = None

    def __reduce__(self) -> tuple[type[Article], tuple[object, ...]]:
        # Pickled as its constructor's arguments (``kg.codec``).
        return Article, (
            self.index,
            self.start,
            self.end,
            self.title,
            self.byline,
            self.note,
        )


class DocumentMeta(NamedTuple):
    """What kg knows about a document besides its text (``kg.metadata``).

    ``format`` says where the canonical text came from: ``text`` (.txt, .md),
    ``jsonl`` (a record's text field), ``html``, ``docx`` or ``pdf``. ``date`` is ISO
    8601 (``2023-03-05``) and ``date_source`` says where it was read: the format's
    metadata (``metadata:PubDate``), a JSONL field (``field:date``), a date line of
    the text (``text:top``, ``text:end``) or the file name (``file name``).
    ``pages``: for a PDF, the offset in the text where each page starts.

    A named tuple: it pickles as a tuple (a build sends one per document).
    """

    format: str = "text"
    title: str | None = None
    date: str | None = None
    date_source: str | None = None
    source: str | None = None
    publisher: str | None = None
    pages: tuple[int, ...] = ()


_NO_META = DocumentMeta()


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded text plus the views the extractors need.

    ``clean`` is the text the rules match on: paragraph breaks that cut a sentence in
    two are removed and full-width ASCII forms are folded. ``offsets[i]`` is the index
    in ``text`` of ``clean[i]``, so every match maps back to the original. For HTML,
    DOCX and PDF files ``text`` is the canonical text kg made of the file
    (``kg text DOC`` prints it); ``meta`` holds title, date, source and publisher.
    """

    doc_id: str
    text: str
    clean: str
    offsets: Sequence[int]  # a range when nothing was removed (the usual case)
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    articles: tuple[Article, ...]
    meta: DocumentMeta = _NO_META
    # Start offsets of the spans above, for bisection (derived in __post_init__).
    _sentence_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _paragraph_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _article_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_sentence_starts", tuple(s for s, _ in self.sentences)
        )
        object.__setattr__(
            self, "_paragraph_starts", tuple(s for s, _ in self.paragraphs)
        )
        object.__setattr__(
            self, "_article_starts", tuple(a.start for a in self.articles)
        )

    def __reduce__(self) -> tuple[type[Document], tuple[object, ...]]:
        # Pickled without the derived fields, which the constructor makes again
        # (``kg.codec``).
        return Document, (
            self.doc_id,
            self.text,
            self.clean,
            self.offsets,
            self.paragraphs,
            self.sentences,
            self.articles,
            self.meta,
        )

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``clean`` span to the span of ``text`` it was made from."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.text)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def to_clean(self, pos: int) -> int:
        """Index in ``clean`` of the first character at or after ``text[pos]``."""
        return bisect_right(self.offsets, pos - 1)

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``clean[pos]``."""
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def paragraph_index(self, pos: int) -> int:
        """Index of the paragraph holding ``clean[pos]``."""
        return max(0, bisect_right(self._paragraph_starts, pos) - 1)

    def article_index(self, pos: int) -> int:
        """Index of the article holding ``clean[pos]``."""
        return max(0, bisect_right(self._article_starts, pos) - 1)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that a rule recognised as a thing of type ``label``.

    ``start``/``end`` index ``Document.text``; ``text`` is exactly that slice. ``name``
    is the normalised surface form (repaired line breaks, folded punctuation) and
    ``attrs`` holds what the rule worked out (level, value, unit, …).
    """

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    rule: str
    name: str
    attrs: Mapping[str, object] = field(
        default_factory=lambda: _EMPTY, compare=False, hash=False
    )

    def __reduce__(self) -> tuple[type[Mention], tuple[object, ...]]:
        # Pickled as its constructor's arguments (``kg.codec``); ``attrs`` may be a
        # read-only mapping proxy, which pickle refuses, so it goes as a dict. A name
        # is nearly always the text as written (99 % on the bulk corpus) but a string
        # of its own: given the same object, pickle writes it once, and the building
        # process makes (and keeps, in the linked graph) one string, not two.
        name = self.text if self.name == self.text else self.name
        return Mention, (
            self.doc_id,
            self.start,
            self.end,
            self.text,
            self.label,
            self.rule,
            name,
            dict(self.attrs),
        )


@dataclass(slots=True)
class Entity:
    """One real-world thing: a node of the graph. Mutable only inside ``kg.link``."""

    id: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    attrs: dict[str, object] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge with the mentions that support it."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Mention, ...] = ()
    attrs: Mapping[str, object] = field(
        default_factory=lambda: _EMPTY, compare=False, hash=False
    )
