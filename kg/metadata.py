"""Document metadata: title, date (ISO 8601, with where it was read), source, publisher.

Every document gets a ``DocumentMeta`` when it is read (``kg.ingest.read_document``).
The date is taken from the first of these that has one:

1. the format's own metadata (an HTML page's ``<meta name="PubDate">`` or its
   发布时间 line, a DOCX file's core properties, a PDF's ``CreationDate``);
2. a JSONL field (``date`` in the bulk corpus; see ``JSONL_FIELDS``);
3. a date line of the text near the top or the end (2023年3月5日, 发布时间:2023-03-05,
   二〇二三年三月五日 under a notice);
4. a date in the file name (``20230305_通知.txt``, ``2023-03-05.html``).

The build puts the metadata on the document nodes (``annotate_graph``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from kg.model import Article, DocumentMeta

# JSONL fields read as metadata, in order of preference for each key. A ``source``
# field holding a URL is the source; otherwise it names the publisher.
JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "pubdate", "pub_date", "publish_date", "published", "time"),
    "source": ("url", "source_url", "link", "source"),
    "publisher": ("publisher", "source", "site", "sitename"),
}
_FIELD_NAMES = frozenset(name for names in JSONL_FIELDS.values() for name in names)

# Paragraphs searched for a date line or a 来源 line at each end of a text.
_TOP_LINES = 6
_END_LINES = 4
# A title longer than this is a paragraph, not a title.
_MAX_TITLE = 100

_YMD = re.compile(
    r"(?<![0-9])((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?![0-9])\s*日?"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"○": 0, "零": 0, "O": 0, "Ｏ": 0})
_CN_YMD = re.compile(
    r"([〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日"
)
# 20230305 in a file name or a PDF date (D:20230305101500+08'00'): not inside a longer
# run of digits or letters (000_f0d688091b91d059.txt holds none).
_COMPACT = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(\d{2})(\d{2})(?![0-9])")
_PDF_DATE = re.compile(r"^D:((?:19|20)\d{2})(\d{2})(\d{2})")
# A label before a date on a date line: 发布时间:, 发布日期：, 成文日期, 时间:
_DATE_LABEL = re.compile(r"(?:发布|发表|印发|成文|更新|出版)?(?:时间|日期)\s*[:：]?\s*")
# A clause mark: a line holding one is a sentence, not a date line (2023年3月5日上午,…).
_CLAUSE = re.compile(r"[，。；！？,;!?]")
_PUBLISHER = re.compile(
    r"(?:信息|稿件|文章|新闻|消息)?来源\s*[:：]\s*([^\s|｜/【】\[\]]{2,40})"
)
# What can follow a publisher on the same line, and is not part of it.
_PUBLISHER_END = re.compile(r"(作者|编辑|责任编辑|发布时间|时间|日期|浏览|点击|阅读)")


def parse_date(value: str) -> str | None:
    """An ISO 8601 date (``YYYY-MM-DD``) read from ``value``, or ``None``.

    Examples:
        >>> parse_date("2023-03-05 10:20:00"), parse_date("2023年3月5日")
        ('2023-03-05', '2023-03-05')
        >>> parse_date("D:20230305101500+08'00'"), parse_date("二〇二三年三月五日")
        ('2023-03-05', '2023-03-05')
        >>> parse_date("2023-02-30") is None, parse_date("第3期") is None
        (True, True)
    """
    value = value.strip()
    found = _PDF_DATE.match(value) or _YMD.search(value) or _COMPACT.search(value)
    if found:
        return _iso(*(int(part) for part in found.groups()))
    chinese = _CN_YMD.search(value)
    if chinese:
        year = int("".join(str(_CN_DIGITS[c]) for c in chinese.group(1)))
        return _iso(year, _cn_number(chinese.group(2)), _cn_number(chinese.group(3)))
    return None


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (month and day numbers).

    >>> [_cn_number(t) for t in ("五", "十", "十二", "二十", "三十一")]
    [5, 10, 12, 20, 31]
    """
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_in_name(doc_id: str) -> str | None:
    """A date in the file name of ``doc_id`` (its last path part, before any ``#``).

    Examples:
        >>> date_in_name("notices/2023-03-05_通知.docx"), date_in_name("a/20230305.pdf")
        ('2023-03-05', '2023-03-05')
        >>> date_in_name("000_f0d688091b91d059.txt") is None
        True
    """
    name = doc_id.split("#", 1)[0].rsplit("/", 1)[-1]
    found = _YMD.search(name) or _COMPACT.search(name)
    return _iso(*(int(part) for part in found.groups())) if found else None


def date_line(line: str) -> str | None:
    """The date of a date line (a line that is a date, with at most a label, a
    publisher or an issuing body beside it), or ``None`` for any other line.

    Examples:
        >>> date_line("2023年3月5日"), date_line("发布时间:2023-03-05 10:20 来源:梁平区")
        ('2023-03-05', '2023-03-05')
        >>> date_line("中共重庆市梁平区委组织部 二〇二三年三月五日")
        '2023-03-05'
        >>> date_line("2023年3月5日上午,梁平区召开推进会。") is None
        True
    """
    line = line.strip()
    if not line or len(line) > 60 or _CLAUSE.search(line):
        return None
    return parse_date(line)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def date_in_text(text: str) -> tuple[str, str] | None:
    """``(date, "text:top" or "text:end")`` of a date line near either end of ``text``.

    Examples:
        >>> date_in_text("关于开展三比三亮的通知\\n各村:\\n……\\n梁平区委\\n2023年3月5日\\n")
        ('2023-03-05', 'text:end')
    """
    lines = _lines(text[:4000])
    # In a short text the top is its first half: a date under a notice is its end.
    for line in lines[: min(_TOP_LINES, max(1, len(lines) // 2))]:
        found = date_line(line)
        if found:
            return found, "text:top"
    tail = _lines(text[-2000:])[-_END_LINES:]
    for line in reversed(tail):
        found = date_line(line)
        if found:
            return found, "text:end"
    return None


def publisher_in(lines: Iterable[str]) -> str | None:
    """The body named on a 来源 line (来源:梁平区委组织部), or ``None``.

    Examples:
        >>> publisher_in(["发布时间:2023-03-05 来源:梁平区委组织部 浏览次数:12"])
        '梁平区委组织部'
        >>> publisher_in(["来源：重庆日报"]), publisher_in(["梁平区"]) is None
        ('重庆日报', True)
    """
    for line in lines:
        found = _PUBLISHER.search(line)
        if found:
            name = _PUBLISHER_END.split(found.group(1), maxsplit=1)[0]
            name = name.strip(" :：,，。")
            if len(name) >= 2:
                return name
    return None


def publisher_in_text(text: str) -> str | None:
    """A 来源 line near either end of ``text``."""
    lines = _lines(text[:4000])[:_TOP_LINES] + _lines(text[-2000:])[-_END_LINES:]
    return publisher_in(line for line in lines if len(line) <= 80)


def jsonl_fields(record: Mapping[str, Any]) -> dict[str, str] | None:
    """The metadata fields of a JSONL record (``JSONL_FIELDS``) as strings, or
    ``None`` when it has none (the usual case costs one set intersection).

    Examples:
        >>> jsonl_fields({"date": "2012-07-02", "title": "新闻", "text": "…", "n": 3})
        {'date': '2012-07-02', 'title': '新闻'}
    """
    names = _FIELD_NAMES.intersection(record)
    if not names:
        return None
    fields = {}
    for name in sorted(names):
        value = record[name]
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = str(value).strip()
            if value:
                fields[name] = value
    return fields or None


def _from_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """Title, date (and its field), source and publisher from JSONL fields."""
    found: dict[str, str] = {}
    for key, names in JSONL_FIELDS.items():
        for name in names:
            value = fields.get(name)
            if not value:
                continue
            is_url = value.startswith(("http://", "https://"))
            if name == "source" and (key == "source") != is_url:
                continue  # a URL in "source" is the source, a name the publisher
            if key == "date":
                parsed = parse_date(value)
                if parsed is None:
                    continue
                found["date_source"] = f"field:{name}"
                value = parsed
            found[key] = value
            break
    return found


def describe(
    doc_id: str,
    text: str,
    *,
    fmt: str = "text",
    title: str | None = None,
    found: DocumentMeta | None = None,
    fields: Mapping[str, str] | None = None,
) -> DocumentMeta:
    """The metadata of a document, each key from the first place that has it.

    Args:
        doc_id: the document id (its file name may hold a date).
        text: the canonical text (date and 来源 lines near its ends).
        fmt: the format the text came from (``text``, ``jsonl``, ``html`` …).
        title: the title the text itself gives (its first article's title line).
        found: what the format's reader found (``kg.formats``), first in line.
        fields: a JSONL record's metadata fields (``jsonl_fields``).

    Examples:
        >>> meta = describe("20230305.txt", "三比三亮\\n来源：梁平区委组织部\\n正文。", title="三比三亮")
        >>> meta.title, meta.date, meta.date_source, meta.publisher
        ('三比三亮', '2023-03-05', 'file name', '梁平区委组织部')
    """
    own = found or DocumentMeta(format=fmt)
    given = _from_fields(fields) if fields else {}
    when, where = own.date, own.date_source
    if when is None and "date" in given:
        when, where = given["date"], given["date_source"]
    if when is None:
        in_text = date_in_text(text)
        if in_text is not None:
            when, where = in_text
    if when is None:
        when = date_in_name(doc_id)
        where = "file name" if when else None
    if title is not None and len(title) > _MAX_TITLE:
        title = None
    return DocumentMeta(
        format=own.format,
        title=own.title or given.get("title") or title,
        date=when,
        date_source=where,
        source=own.source or given.get("source"),
        publisher=own.publisher or given.get("publisher") or publisher_in_text(text),
        pages=own.pages,
    )


def title_of(text: str, clean: str, articles: tuple[Article, ...]) -> str | None:
    """The title the text gives itself: its first article's title line, else its
    first line (``None`` when that is a paragraph rather than a title)."""
    for article in articles[:1]:
        if article.title is not None:
            start, end = article.title
            line = clean[start:end].strip()
            return line if 0 < len(line) <= _MAX_TITLE else None
    lines = _lines(text[:2000])
    return lines[0] if lines and len(lines[0]) <= _MAX_TITLE else None


# The keys document nodes get in graph.json, in this order of the README's table.
NODE_KEYS = ("format", "title", "date", "date_source", "source", "publisher")


def annotate_graph(graph: Any, metas: Mapping[str, DocumentMeta]) -> None:
    """Put each document's metadata on its node of ``graph`` (a networkx graph), and
    the page of each mention and evidence span of a PDF beside its offsets.

    Keys with no value are written as ``null``, so every document node has them all.
    """
    paged: dict[str, tuple[int, ...]] = {}
    for doc_id, meta in metas.items():
        attrs = graph.nodes.get(f"document:{doc_id}")
        if attrs is None:
            continue
        for key in NODE_KEYS:
            attrs[key] = getattr(meta, key)
        if meta.pages:
            attrs["pages"] = len(meta.pages)
            paged[doc_id] = meta.pages
    if not paged:
        return  # the usual case: no PDF, no pass over the spans
    for _, attrs in graph.nodes(data=True):
        _add_pages(attrs.get("mentions", ()), paged)
    for *_, attrs in graph.edges(data=True):
        _add_pages(attrs.get("evidence", ()), paged)


def _add_pages(
    spans: Iterable[dict[str, Any]], paged: Mapping[str, tuple[int, ...]]
) -> None:
    for span in spans:
        starts = paged.get(span["doc"])
        if starts is not None:
            span["page"] = page_of(starts, span["start"])


def page_of(pages: tuple[int, ...], offset: int) -> int:
    """The 1-based page holding ``offset`` of a text whose pages start at ``pages``.

    >>> page_of((0, 120, 300), 0), page_of((0, 120, 300), 150), page_of((0, 120, 300), 999)
    (1, 2, 3)
    """
    return max(1, bisect_right(pages, offset))
