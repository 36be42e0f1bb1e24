"""Web pages, Word files and PDFs → one canonical text each, with their metadata.

A reader turns a file's bytes into the text kg extracts from (``Document.text``):
every mention's offsets index that text, and ``kg text DOC`` prints it, so any span
can be checked. What the reader finds besides the text (title, date, source URL,
publisher, the pages of a PDF) comes back as a ``DocumentMeta``; ``kg.metadata``
fills in what it lacks from the text and the file name.

- **HTML** (``.html``, ``.htm``, ``.shtml``, ``.xhtml``): the main text by trafilatura
  (navigation, footers, related-links boxes left out), after the page's title line.
  The charset is the page's (GB2312/GBK pages are read as GB18030, their superset).
  Title, date, publisher and URL from the page's ``<meta>`` tags (Chinese government
  sites' ``ArticleTitle``, ``PubDate``, ``ContentSource``), its 发布时间 and 来源 line
  and its canonical link. Nothing is fetched.
- **DOCX**: paragraphs and tables in reading order (python-docx), a table row per
  line with its cells separated by tabs; title and date from the core properties.
- **PDF**: the text layer (pdfminer.six), page by page. Lines that wrap inside a
  paragraph are joined (a word split over two lines is one word again), and so are
  text boxes and pages that cut a sentence; page numbers and running headers are
  left out. ``DocumentMeta.pages`` holds where each page starts in the text.

The libraries are optional (``pip install 'kg[formats]'``, or ``kg[html]``,
``kg[docx]``, ``kg[pdf]``): a file that needs a missing one gets a one-line error
naming the extra.
"""

from __future__ import annotations

import importlib
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from types import ModuleType
from typing import Any

from kg.errors import InputError
from kg.metadata import parse_date, publisher_in
from kg.model import DocumentMeta

# Suffix → format of the files read through a reader of this module.
FORMATS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
# Format → (module it needs, the extra that installs it, the package named).
EXTRAS: dict[str, tuple[str, str, str]] = {
    "html": ("trafilatura", "html", "trafilatura"),
    "docx": ("docx", "docx", "python-docx"),
    "pdf": ("pdfminer.high_level", "pdf", "pdfminer.six"),
}
# Files kg does not read, with what to do about them (the build summary says it).
_CONVERT_DOCX = "convert to .docx"
_CONVERT_PDF = "convert to .pdf"
UNSUPPORTED: dict[str, str] = {
    ".doc": _CONVERT_DOCX,
    ".wps": _CONVERT_DOCX,
    ".rtf": _CONVERT_DOCX,
    ".odt": _CONVERT_DOCX,
    ".pages": _CONVERT_DOCX,
    ".xls": "spreadsheets are not read",
    ".xlsx": "spreadsheets are not read",
    ".et": "spreadsheets are not read",
    ".ods": "spreadsheets are not read",
    ".csv": "spreadsheets are not read",
    ".ppt": _CONVERT_PDF,
    ".pptx": _CONVERT_PDF,
    ".dps": _CONVERT_PDF,
    ".ofd": _CONVERT_PDF,
    ".caj": _CONVERT_PDF,
    ".jpg": "images: OCR them to PDF first",
    ".jpeg": "images: OCR them to PDF first",
    ".png": "images: OCR them to PDF first",
    ".tif": "images: OCR them to PDF first",
    ".tiff": "images: OCR them to PDF first",
    ".zip": "unpack archives first",
    ".rar": "unpack archives first",
    ".7z": "unpack archives first",
}

# Ends of a paragraph (as kg.ingest's column-break repair has them).
_PARA_END = "。！？!?;；:：”’」』\"'…)）"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def format_of(name: str) -> str | None:
    """The format of a file read through a reader here, by its suffix, or ``None``.

    Examples:
        >>> format_of("a/b/通知.DOCX"), format_of("x.txt")
        ('docx', None)
    """
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if dot >= 0 else None


def skip_reason(suffix: str) -> str:
    """Why a file of this suffix is not read, and what to do.

    >>> skip_reason(".doc"), skip_reason(".exe")
    ('convert to .docx', 'not supported')
    """
    return UNSUPPORTED.get(suffix.lower(), "not supported")


# The key in a build's ``skipped`` counts of a corpus folder's README, SOURCES and
# LICENSE files (``kg.ingest.is_note``), left out unless kg build --include names them.
NOTES = "README/SOURCES/LICENSE"


def describe_skipped(skipped: Mapping[str, int]) -> str:
    """The summary line of files left out, by suffix, each reason said once.

    Examples:
        >>> describe_skipped({".xls": 3, ".doc": 1})
        'skipped 1 .doc, 3 .xls (not supported: .doc: convert to .docx; .xls: spreadsheets are not read)'
        >>> describe_skipped({".json": 27})
        'skipped 27 .json (not supported)'
        >>> describe_skipped({"README/SOURCES/LICENSE": 2})
        'left out 2 README/SOURCES/LICENSE files of the corpus folder (kg build --include PATTERN reads them)'
    """
    notes = skipped.get(NOTES, 0)
    skipped = {suffix: n for suffix, n in skipped.items() if suffix != NOTES}
    # A folder's README, SOURCES and LICENSE files: about the corpus, not of it.
    left_out = (
        f"left out {notes} {NOTES} file{'s' if notes > 1 else ''} of the corpus "
        "folder (kg build --include PATTERN reads them)"
        if notes
        else ""
    )
    if not skipped:
        return left_out
    counts = ", ".join(f"{n} {suffix}" for suffix, n in sorted(skipped.items()))
    reasons: dict[str, list[str]] = {}
    for suffix in sorted(skipped):
        reasons.setdefault(skip_reason(suffix), []).append(suffix)
    said = "; ".join(
        f"{', '.join(s)}: {reason}"
        for reason, s in reasons.items()
        if reason != "not supported"
    )
    line = f"skipped {counts} (not supported{': ' + said if said else ''})"
    return f"{line}; {left_out}" if left_out else line


def _require(fmt: str, doc_id: str) -> ModuleType:
    module, extra, package = EXTRAS[fmt]
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise InputError(
            f"{doc_id}: reading .{fmt} files needs {package}: "
            f"pip install 'kg[{extra}]' (or 'kg[formats]' for every format)"
        ) from e


def read_format(fmt: str, data: bytes, doc_id: str) -> tuple[str, DocumentMeta]:
    """The canonical text of a file of format ``fmt`` and what its format says.

    Raises:
        InputError: the file is not of that format, is broken, holds no text, or
            needs a library that is not installed (the message names the extra).
    """
    if not data.strip():
        raise InputError(f"{doc_id}: empty file")
    if fmt == "html":
        return _read_html(data, doc_id)
    if fmt == "docx":
        return _read_docx(data, doc_id)
    if fmt == "pdf":
        return _read_pdf(data, doc_id)
    raise ValueError(f"no reader for format {fmt!r}")


# --- HTML ---------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# GB2312 and GBK are subsets of GB18030: a page labelled with either may use
# characters of the larger set (common on Chinese sites).
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn"}
_TITLE_KEYS = ("articletitle", "og:title", "dc.title", "dcterms.title")
_DATE_KEYS = (
    "pubdate",
    "publishdate",
    "publish_date",
    "article:published_time",
    "og:release_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "firstpublishedtime",
    "publishtime",
)
_PUBLISHER_KEYS = ("contentsource",)
_SITE_KEYS = ("sitename", "og:site_name", "dc.publisher", "dcterms.publisher")
_URL_KEYS = ("og:url", "url")
# 发布时间:2023-03-05 10:20 on the page (not plain 时间:, which dates events).
_PAGE_DATE = re.compile(
    r"(?:发布|发表|更新|发稿|成文)(?:时间|日期)\s*[:：]\s*(\S[^\n]{0,24})|日期\s*[:：]\s*(\S[^\n]{0,24})"
)


def decode_html(data: bytes, doc_id: str) -> str:
    """A page's text: UTF-8 when it is valid UTF-8, else the charset the page
    declares (GB2312/GBK read as GB18030), else GB18030.

    Valid UTF-8 goes first because GBK bytes are almost never valid UTF-8, while a
    page labelled GB2312 is sometimes UTF-8 (copied templates).

    Examples:
        >>> page = '<meta charset="gb2312"><p>梁平区</p>'.encode("gbk")
        >>> decode_html(page, "a.html")
        '<meta charset="gb2312"><p>梁平区</p>'
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    codecs = []
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        codecs.append("gb18030" if name in _GB else name)
    codecs.append("gb18030")
    for codec in codecs:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError(
        f"{doc_id}: cannot decode the page (not UTF-8, {' nor '.join(codecs)})"
    )


def _meta_tags(tree: Any) -> dict[str, str]:
    """``<meta name|property=… content=…>`` by lower-case key, the first of each."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (
            (
                element.get("name")
                or element.get("property")
                or element.get("itemprop")
                or ""
            )
            .strip()
            .lower()
        )
        content = (element.get("content") or "").strip()
        if key and content and key not in tags:
            tags[key] = content
    return tags


def _first(tags: Mapping[str, str], keys: Iterable[str]) -> tuple[str, str] | None:
    for key in keys:
        if tags.get(key):
            return key, tags[key]
    return None


def _canonical(tree: Any) -> str | None:
    for element in tree.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        href = (element.get("href") or "").strip()
        if "canonical" in rel and href:
            return href
    return None


def _page_lines(tree: Any) -> list[str]:
    """The page's visible text as lines (scripts and styles dropped)."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    text = root.text_content()
    return [line.strip() for line in text.splitlines() if line.strip()]


# Characters that are not words: separators of a navigation bar (| > · 、 spaces).
_NOT_WORD = re.compile(r"[\W_]+")
# Blocks that can hold a navigation bar or a list of links.
_LINK_BLOCKS = ("table", "ul", "ol", "nav", "div", "td", "tr", "span", "p", "dl")


def _drop_link_lists(tree: Any) -> None:
    """Remove blocks that are nothing but links: navigation bars, breadcrumbs,
    related-links boxes, footers' site maps.

    trafilatura leaves some of them in, notably tables of links (the layout of many
    Chinese government pages) once tables are kept. A block goes when its text
    outside links is under 12 word characters (当前位置:首页 > 政务信息 keeps 4); the
    article's container, whatever links it holds, has far more.
    """
    for element in list(tree.iter(*_LINK_BLOCKS)):
        if element.getparent() is None:
            continue  # the root, or inside a block dropped already
        links = list(element.iter("a"))
        if not links:
            continue
        words = len(_NOT_WORD.sub("", element.text_content()))
        linked = sum(len(_NOT_WORD.sub("", a.text_content())) for a in links)
        if linked and words - linked < 12:
            element.drop_tree()


def _read_html(data: bytes, doc_id: str) -> tuple[str, DocumentMeta]:
    trafilatura = _require("html", doc_id)
    import lxml.html  # trafilatura's own dependency

    page = _XML_DECLARATION.sub("", decode_html(data, doc_id), count=1)
    try:
        tree = lxml.html.document_fromstring(page)
    except Exception as e:  # lxml's ParserError, ValueError on odd input
        raise InputError(f"{doc_id}: not an HTML page ({e})") from e
    tags = _meta_tags(tree)
    head_title = tree.findtext(".//title")
    canonical = _canonical(tree)
    lines = _page_lines(tree)
    _drop_link_lists(tree)
    found = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (found.text if found is not None else None) or ""
    if not body.strip():
        # trafilatura's own fallback for pages its main extraction leaves empty
        # (very short pages, a bare table): the text of the article or paragraphs.
        body = trafilatura.baseline(page)[1]
    if not body.strip():
        raise InputError(f"{doc_id}: no main text found in the page")
    title_tag = _first(tags, _TITLE_KEYS)
    title = (
        (title_tag[1] if title_tag else None)
        or (found.title if found is not None else None)
        or (head_title.strip() if head_title else None)
    )
    title = " ".join(title.split()) if title else None
    date, date_source = _html_date(tags, lines, found)
    publisher_tag = _first(tags, _PUBLISHER_KEYS)
    site_tag = _first(tags, _SITE_KEYS)
    publisher = (
        (publisher_tag[1] if publisher_tag else None)
        or publisher_in(line for line in lines[:60] if len(line) <= 120)
        or (site_tag[1] if site_tag else None)
        or (found.sitename if found is not None and found.sitename else None)
    )
    url_tag = _first(tags, _URL_KEYS)
    source = canonical or (url_tag[1] if url_tag else None)
    text = body.strip("\n")
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return text + "\n", DocumentMeta(
        format="html",
        title=title,
        date=date,
        date_source=date_source,
        source=source,
        publisher=publisher,
    )


def _html_date(
    tags: Mapping[str, str], lines: list[str], found: Any
) -> tuple[str | None, str | None]:
    """The page's date: its meta tags, its 发布时间 line, then trafilatura's
    (htmldate, without its extensive search of every date in the page)."""
    for key in _DATE_KEYS:
        if tags.get(key):
            parsed = parse_date(tags[key])
            if parsed:
                return parsed, f"metadata:{key}"
    for line in lines[:80]:
        for match in _PAGE_DATE.finditer(line):
            parsed = parse_date(match.group(1) or match.group(2))
            if parsed:
                return parsed, "metadata:发布时间"
    if found is not None and found.date:
        parsed = parse_date(found.date)
        if parsed:
            return parsed, "metadata:htmldate"
    return None, None


# --- DOCX ---------------------------------------------------------------------

# python-docx's default template carries this date and title: a file it wrote
# without setting them says nothing about when it was written.
_DOCX_TEMPLATE_DATE = "2013-12-23"


def _read_docx(data: bytes, doc_id: str) -> tuple[str, DocumentMeta]:
    docx = _require("docx", doc_id)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # zipfile.BadZipFile, KeyError, PackageNotFoundError …
        raise InputError(
            f"{doc_id}: not a readable .docx ({type(e).__name__}: {e})"
        ) from e
    lines = list(_docx_lines(document))
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise InputError(f"{doc_id}: no text in the document")
    props = document.core_properties
    title = " ".join((props.title or "").split()) or None
    if title == "Word Document" or (
        title and title.lower().endswith((".doc", ".docx"))
    ):
        title = None
    date, date_source = None, None
    for key in ("created", "modified"):
        value = getattr(props, key)
        if value is not None:
            iso = value.date().isoformat()
            if iso != _DOCX_TEMPLATE_DATE:
                date, date_source = iso, f"metadata:docx {key}"
                break
    return text + "\n", DocumentMeta(
        format="docx", title=title, date=date, date_source=date_source
    )


def _docx_lines(container: Any) -> Iterator[str]:
    """Paragraphs and table rows of a document (or a table cell) in reading order."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    # A merged cell comes back once per grid column it spans.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(line for line in _docx_lines(cell) if line))
                yield "\t".join(cells).rstrip()
        else:
            yield item.text.rstrip()


# --- PDF ----------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
# A line or block this short that recurs on most pages is a running header/footer.
_MAX_FURNITURE = 40


class _Block:
    """A paragraph of a PDF page and whether it comes from a body text box."""

    __slots__ = ("body", "text")

    def __init__(self, text: str, body: bool) -> None:
        self.text = text
        self.body = body


def _joiner(before: str, after: str) -> str:
    """What goes between two pieces of one paragraph: nothing between CJK, a space
    between two Latin words."""
    if (
        before
        and after
        and _ASCII_WORD.match(before[-1])
        and _ASCII_WORD.match(after[0])
    ):
        return " "
    return ""


def _box_blocks(box: Any) -> list[_Block]:
    """A text box's paragraphs: its lines joined where they wrap.

    A line starts a new paragraph when it is indented, or when the line before ends
    a sentence short of the box's right edge.
    """
    from pdfminer.layout import LTTextLine

    lines = [line for line in box if isinstance(line, LTTextLine)]
    texts = [line.get_text().rstrip() for line in lines]
    body = len([t for t in texts if t.strip()]) >= 2
    blocks: list[_Block] = []
    current = ""
    previous: Any = None
    for line, text in zip(lines, texts, strict=True):
        if not text.strip():
            continue
        if previous is None:
            current = text.strip()
        else:
            em = max(line.height, 1.0)
            indented = line.x0 - box.x0 > 1.5 * em
            ended = current[-1:] in _PARA_END and previous.x1 < box.x1 - em
            if indented or ended:
                blocks.append(_Block(current, body))
                current = text.strip()
            else:
                piece = text.strip()
                current += _joiner(current, piece) + piece
        previous = line
    if current:
        blocks.append(_Block(current, body or len(current) >= 40))
    return blocks


def _cuts(before: _Block, after: _Block) -> bool:
    """Whether a text box or page break cut a sentence between two blocks."""
    last, first = before.text[-1:], after.text[:1]
    return (
        before.body
        and last not in _PARA_END
        and bool(_CJK.match(last) or _ASCII_WORD.match(last))
        and bool(_CJK.match(first) or _ASCII_WORD.match(first) or first in "“(（")
    )


def _furniture(pages: list[list[_Block]]) -> set[str]:
    """Short blocks found on at least half the pages (3 or more): running headers
    and footers, digits ignored (第3期, 第4期)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for blocks in pages:
        counts.update({_shape(b.text) for b in blocks if len(b.text) <= _MAX_FURNITURE})
    return {shape for shape, n in counts.items() if n >= max(3, len(pages) / 2)}


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _pdf_info(data: bytes) -> dict[str, str]:
    """The PDF's document information dictionary as strings."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    info: dict[str, str] = {}
    for entry in document.info:
        for key, value in entry.items():
            value = resolve1(value)
            if isinstance(value, bytes):
                value = decode_text(value)
            elif isinstance(value, PSLiteral):
                value = str(value.name)
            if isinstance(value, str) and value.strip() and key not in info:
                info[key] = value.strip()
    return info


def _pdf_title(info: Mapping[str, str]) -> str | None:
    title = " ".join(info.get("Title", "").split())
    # Titles printers write for the file they printed, not the document's.
    if (
        not title
        or title.startswith("Microsoft Word - ")
        or title.lower().endswith((".doc", ".docx", ".wps", ".pdf"))
        or title.lower() in ("untitled", "无标题")
    ):
        return None
    return title


def _read_pdf(data: bytes, doc_id: str) -> tuple[str, DocumentMeta]:
    high_level = _require("pdf", doc_id)
    from pdfminer.layout import LAParams, LTTextBox

    try:
        info = _pdf_info(data)
        pages = [
            [
                block
                for box in page
                if isinstance(box, LTTextBox)
                for block in _box_blocks(box)
            ]
            for page in high_level.extract_pages(io.BytesIO(data), laparams=LAParams())
        ]
    except Exception as e:  # pdfminer raises many kinds on a broken or locked file
        raise InputError(
            f"{doc_id}: not a readable PDF ({type(e).__name__}: {e})"
        ) from e
    furniture = _furniture(pages)
    pieces: list[str] = []
    starts: list[int] = []
    size = 0
    previous: _Block | None = None
    for page_no, blocks in enumerate(pages):
        kept = [
            b
            for b in blocks
            if not _PAGE_NUMBER.match(b.text) and _shape(b.text) not in furniture
        ]
        starts.append(size)
        for n, block in enumerate(kept):
            if previous is None:
                gap = ""
            elif _cuts(previous, block):
                gap = _joiner(previous.text, block.text)
            else:
                gap = "\n\n" if n == 0 and page_no else "\n"
            if n == 0:
                starts[-1] = size + len(gap)
            pieces.append(gap + block.text)
            size += len(gap) + len(block.text)
            previous = block
    text = "".join(pieces)
    if not text.strip():
        raise InputError(
            f"{doc_id}: no text layer (scanned?): OCR it first, e.g. ocrmypdf, "
            "and build again"
        )
    date, date_source = None, None
    for key in ("CreationDate", "ModDate"):
        if key in info:
            date = parse_date(info[key])
            if date:
                date_source = f"metadata:pdf {key}"
                break
    return text + "\n", DocumentMeta(
        format="pdf",
        title=_pdf_title(info),
        date=date,
        date_source=date_source,
        pages=tuple(starts),
    )
