"""Ingest: bytes → ``Document`` (decoding, break repair, articles, sentences).

Every view built here keeps a map back to the decoded original, so later stages can
match on repaired text and still report offsets into the file as the user has it.
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import gzip
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.formats import FORMATS, NOTES, format_of, read_format
from kg.metadata import describe, jsonl_fields, title_of
from kg.model import Article, Document, DocumentMeta
from kg.resources import load_lines

TEXT_SUFFIXES = (".txt", ".md")
# One document per line; the text and id fields are named by the caller (``kg build
# --text-field/--id-field``). Read line by line, so memory does not grow with the file.
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
DEFAULT_TEXT_FIELD = "text"
DEFAULT_ID_FIELD = "id"

# Full-width ASCII forms (，（）：１２ …) fold one-to-one to ASCII, so rules need one
# spelling and offsets stay aligned character for character.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD[0x00A0] = 0x20
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000\u00a0]")

_SENTENCE_END = "。！？!?;；"
_CLOSERS = "”’」』)\"'"
_SENTENCE = re.compile(
    f"[^{re.escape(_SENTENCE_END)}]*[{re.escape(_SENTENCE_END)}][{re.escape(_CLOSERS)}]*"
)
# ")" is left out on purpose: "西部(重庆)\n\n科学城" is a cut (seed 002); an author
# note "(作者系…)" that really ends a paragraph is recognised by _NOTE instead.
_PARA_END = _SENTENCE_END + ":：”’」』\"'…"
_CJK = re.compile(r"[\u3400-\u9fff〔]")
# A paragraph at least this long that stops mid-sentence was cut by a page column.
_MIN_CUT_PARAGRAPH = 40

# A blank-line paragraph break, or a bare line break between two CJK characters.
# (The spaces before the break are added by _gap_start.)
_GAP = re.compile(r"\n[ \t\n]*\n[ \t]*|(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])")
_NOTE = re.compile(r"\((?:作者(?:系|单位|为|是)|本文作者)[^()]*\)\s*$")
_BYLINE_MARK = re.compile(r"^[□■◇◆]\s*([\u4e00-\u9fff·]{2,5})$")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's id and content: raw bytes of a file, or a JSONL record's text.

    ``size`` is the number of bytes read for it (for throughput figures); ``fields``
    a JSONL record's metadata fields (``kg.metadata.jsonl_fields``), if any.
    """

    doc_id: str
    data: bytes | str
    fields: Mapping[str, str] | None = None

    @property
    def size(self) -> int:
        return len(self.data) if isinstance(self.data, bytes) else _utf8_len(self.data)


def _utf8_len(text: str) -> int:
    # Exact UTF-8 length without encoding: CJK text is mostly 3 bytes a character.
    return len(text.encode("utf-8", "surrogatepass"))


def decode(data: bytes, doc_id: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, or GB18030;
    else raise ``InputError`` saying why (empty, UTF-16 without BOM, binary …).

    Examples:
        >>> decode("梁平区".encode("gbk"), "t.txt")
        '梁平区'
        >>> decode(b"\\xef\\xbb\\xbfok", "t.txt")
        'ok'
        >>> decode("梁平区\\n".encode("utf-16"), "t.txt")  # Windows "Unicode"
        '梁平区\\n'
        >>> decode("梁平区\\n第1条\\n".encode("utf-16-le"), "t.txt")
        Traceback (most recent call last):
        kg.errors.InputError: t.txt: UTF-16 (little-endian) without a byte-order mark: save it as UTF-8, or as UTF-16 with one
        >>> decode("\\u3000 \\n".encode(), "t.txt")
        Traceback (most recent call last):
        kg.errors.InputError: t.txt: empty file (white space only)
    """
    wide = _wide_bom(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as e:
            raise InputError(
                f"{doc_id}: starts as {wide.upper()} (byte-order mark) but is not "
                f"{wide.upper()} at byte {e.start}: cannot decode"
            ) from e
        return _text_or_empty(text.removeprefix("\ufeff"), doc_id)
    if not data.strip():
        raise InputError(f"{doc_id}: empty file")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        raise InputError(
            f"{doc_id}: UTF-16 ({utf16}) without a byte-order mark: save it as UTF-8, "
            "or as UTF-16 with one"
        )
    if b"\x00" in data[:4096]:
        raise InputError(f"{doc_id}: binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{doc_id}: not UTF-8 (byte {utf8_error.start}) nor GB18030 "
                f"(byte {e.start}): cannot decode"
            ) from e
        if not _looks_like_text(text):
            raise InputError(
                f"{doc_id}: cannot decode: not UTF-8, and as GB18030 it is not text"
            ) from None
    if not _looks_like_text(text):
        raise InputError(f"{doc_id}: does not look like text (control characters)")
    return _text_or_empty(text, doc_id)


def _text_or_empty(text: str, doc_id: str) -> str:
    # Full-width spaces, a lone BOM, line breaks: nothing to read is no document.
    if not text.strip():
        raise InputError(f"{doc_id}: empty file (white space only)")
    return text


def _wide_bom(data: bytes) -> str | None:
    """The codec a UTF-32 or UTF-16 byte-order mark names (UTF-32's first: its
    little-endian mark starts with UTF-16's)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"little-endian"`` or ``"big-endian"`` when ``data`` reads as UTF-16 text
    without a byte-order mark, else None.

    Its ASCII characters (line breaks, digits) put NULs in it; decoded the right way
    round it is nearly all ASCII and CJK, where a binary file is not.

    Examples:
        >>> _utf16_without_bom("第1条\\n第2条\\n".encode("utf-16-be"))
        'big-endian'
        >>> _utf16_without_bom(bytes(range(256))) is None
        True
    """
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if sample.count(0) < 2:
        return None
    for codec, name in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        text = sample.decode(codec, errors="replace")
        if len(_WIDE_TEXT.findall(text)) >= 0.9 * len(text):
            return name
    return None


# What a Chinese text is made of: ASCII letters, digits, punctuation and white space,
# CJK characters and punctuation, full-width forms.
_WIDE_TEXT = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= len(sample) // 100


def parse_document(
    text: str,
    doc_id: str,
    *,
    found: DocumentMeta | None = None,
    fields: Mapping[str, str] | None = None,
    fmt: str = "text",
) -> Document:
    """Build a ``Document`` from decoded text (or the canonical text of a file).

    ``found`` is what a format's reader found (``kg.formats``), ``fields`` a JSONL
    record's metadata fields, ``fmt`` the format of a plain text: the document's
    ``meta`` is made of them, the text and ``doc_id`` (``kg.metadata.describe``).

    Examples:
        >>> text = "大力建设" * 10 + "农\\n\\n家书屋，覆盖全村。"
        >>> doc = parse_document(text, "t")
        >>> doc.clean[40:]
        '农家书屋,覆盖全村。'
        >>> start, end = doc.to_original(40, 44)
        >>> text[start:end]
        '农\\n\\n家书屋'

    """
    clean, offsets = _repair(text)
    paragraphs = _paragraphs(clean)
    sentences = _sentences(clean, paragraphs)
    articles = tuple(_articles(clean, paragraphs))
    meta = describe(
        doc_id,
        text,
        fmt=fmt,
        title=title_of(text, clean, articles),
        found=found,
        fields=fields,
    )
    return Document(
        doc_id=doc_id,
        text=text,
        clean=clean,
        offsets=offsets,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        articles=articles,
        meta=meta,
    )


def fold(text: str) -> str:
    """Full-width ASCII forms and odd spaces folded to ASCII, one character each.

    ``str.translate`` with a table does a dict lookup per character (the slowest step
    of ingest on a large corpus); replacing just the few forms a text uses is ~10×
    faster and gives the same string.

    Examples:
        >>> fold("梁平区（重庆）：１２。")
        '梁平区(重庆):12。'
    """
    # One search per distinct form, not a list of every occurrence (，alone is
    # thousands per text): each replace removes all of one form, and the forms
    # before the one found are gone already, so the next search starts there.
    found = _FOLDABLE.search(text)
    while found is not None:
        char = found.group()
        text = text.replace(char, chr(_FOLD[ord(char)]))
        found = _FOLDABLE.search(text, found.start())
    return text


def _gap_start(folded: str, gap: re.Match[str]) -> int:
    # _GAP starts at the line break (a leading [ \t]* made the regex try every
    # position); the spaces before the break belong to the gap.
    start = gap.start()
    while start > 0 and folded[start - 1] in " \t":
        start -= 1
    return start


def _gaps(folded: str) -> Iterator[re.Match[str]]:
    """``_GAP.finditer(folded)``, trying only at line breaks.

    Every gap starts with a line break, but the lookbehind of the second alternative
    made re try the pattern at every character (two thirds of ``_repair``). Trying
    each line break at or after the end of the last gap, as finditer resumes, finds
    the same gaps; the lookbehind still sees the character before the break.
    """
    at = folded.find("\n")
    while at >= 0:
        gap = _GAP.match(folded, at)
        if gap is not None:
            yield gap
        at = folded.find("\n", gap.end() if gap is not None else at + 1)


def _repair(text: str) -> tuple[str, Sequence[int]]:
    """Fold full-width forms and drop breaks that cut a sentence across paragraphs."""
    folded = fold(text).replace("\r", " ")
    drop: set[int] = set()
    for gap in _gaps(folded):
        gap_start = _gap_start(folded, gap)
        before_start = folded.rfind("\n", 0, gap_start) + 1
        before = folded[before_start:gap_start].strip()
        after = folded[gap.end() : gap.end() + 1]
        if (
            len(before) >= _MIN_CUT_PARAGRAPH
            and before[-1] not in _PARA_END
            and not _NOTE.search(before)
            and _CJK.match(before[-1])
            and (_CJK.match(after) or after in '“"(')
        ):
            drop.update(range(gap_start, gap.end()))
    if not drop:
        # The common case: nothing cut. A range maps offsets in O(1) memory, and the
        # original string is reused when folding changed nothing (cheaper to pickle).
        return (text if folded == text else folded), range(len(folded))
    offsets = tuple(i for i in range(len(folded)) if i not in drop)
    clean = "".join(folded[i] for i in offsets)
    return clean, offsets


def _paragraphs(clean: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", clean):
        start, end = match.span()
        stripped = match.group()
        lead = len(stripped) - len(stripped.lstrip())
        trail = len(stripped) - len(stripped.rstrip())
        if end - trail > start + lead:
            spans.append((start + lead, end - trail))
    return spans


def _sentences(clean: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans: up to an end mark and the closing quotes after it.

    One regex scan per paragraph instead of a loop over characters (3× faster, and
    this runs over every character of the corpus).
    """
    spans = []
    for p_start, p_end in paragraphs:
        start = p_start
        for match in _SENTENCE.finditer(clean, p_start, p_end):
            spans.append(match.span())
            start = match.end()
        if start < p_end:
            spans.append((start, p_end))
    return spans


def byline_name(line: str) -> str | None:
    """The author name of a byline line (□高建波, 刘华), or ``None``.

    Examples:
        >>> byline_name("□高建波")
        '高建波'
        >>> byline_name("核心提示") is None
        True
    """
    line = line.strip()
    marked = _BYLINE_MARK.match(line)
    if marked:
        return marked.group(1)
    if 2 <= len(line) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", line):
        surnames = _surnames()
        if line[:2] in surnames or line[0] in surnames:
            if not _is_header_word(line):
                return line
    return None


def _surnames() -> frozenset[str]:
    return load_lines("surnames.txt")


def _is_header_word(line: str) -> bool:
    return any(
        line.endswith(w) or line.startswith(w) for w in load_lines("not_names.txt")
    )


def _articles(clean: str, paragraphs: list[tuple[int, int]]) -> list[Article]:
    """Split at "(作者系…)" notes and bylines; page/column headers stay outside."""
    lines = [(s, e, clean[s:e]) for s, e in paragraphs]
    if not lines:
        return [Article(0, 0, len(clean))]
    notes = [i for i, (_, _, t) in enumerate(lines) if _NOTE.search(t)]
    bylines = [i for i, (_, _, t) in enumerate(lines) if byline_name(t)]
    if not notes and not bylines:
        first = lines[0]
        return [Article(0, first[0], len(clean), title=(first[0], first[1]))]
    # An article runs from its title (the line before the byline) to its note.
    articles: list[Article] = []
    begin = 0
    while begin < len(lines):
        note = next((i for i in notes if i >= begin), None)
        last = note if note is not None else len(lines) - 1
        byline = next((i for i in bylines if begin <= i <= last), None)
        # A byline may directly follow a note that ended the previous body line.
        if byline is None and note is None:
            break
        title_line = byline - 1 if byline is not None and byline - 1 >= begin else None
        first = (
            title_line
            if title_line is not None
            else (byline if byline is not None else begin)
        )
        start = lines[first][0]
        end = lines[last][1]
        note_span = None
        if note is not None:
            match = _NOTE.search(lines[note][2])
            assert match is not None
            note_span = (lines[note][0] + match.start(), lines[note][0] + match.end())
        articles.append(
            Article(
                index=len(articles),
                start=start,
                end=end,
                title=(lines[title_line][0], lines[title_line][1])
                if title_line is not None
                else None,
                byline=(lines[byline][0], lines[byline][1])
                if byline is not None
                else None,
                note=note_span,
            )
        )
        begin = last + 1
    if not articles:
        first = lines[0]
        return [Article(0, first[0], len(clean), title=(first[0], first[1]))]
    return articles


def is_jsonl(path: Path) -> bool:
    """Whether ``path`` is a JSON Lines corpus (``.jsonl`` or ``.jsonl.gz``).

    Examples:
        >>> is_jsonl(Path("news.jsonl.gz")), is_jsonl(Path("a.txt"))
        (True, False)
    """
    return path.name.lower().endswith(JSONL_SUFFIXES)


def _is_corpus_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES or suffix in FORMATS or is_jsonl(path)


# Files about a corpus folder rather than documents of it: left out of a folder's
# documents unless ``include`` names them (kg build --include). The shared corpora
# hold SOURCES.md, README.md and LICENSE-*.txt beside their texts.
_NOTES = re.compile(r"(?:README|SOURCES?|LICEN[CS]E|COPYING)(?:[-_. ].*)?", re.I)


def is_note(name: str) -> bool:
    """Whether a file name is a corpus folder's README, SOURCES or LICENSE file.

    Examples:
        >>> [is_note(n) for n in ("README.md", "LICENSE-xwlb.txt", "sources.md")]
        [True, True, True]
        >>> [is_note(n) for n in ("readme_notes_2021.txt", "许可证.txt", "Licensed.txt")]
        [True, False, False]
    """
    return _NOTES.fullmatch(name) is not None


def list_corpus(
    path: Path,
    *,
    skipped: Counter[str] | None = None,
    problems: list[InputError] | None = None,
    include: Sequence[str] = (),
) -> tuple[Path, list[Path]]:
    """The folder ids are relative to, and the corpus files under ``path``, sorted.

    Corpus files are texts (.txt, .md), JSON Lines (.jsonl, .jsonl.gz), web pages
    (.html, .htm …), Word files (.docx) and PDFs. Other files of a folder are
    counted by suffix into ``skipped`` (hidden ones, such as .DS_Store, are not);
    so are its README, SOURCES and LICENSE files (under ``NOTES``), unless a pattern
    of ``include`` matches their name or path (``fnmatch``: ``README*``).

    What cannot be listed or read is reported into ``problems`` (one ``InputError``
    each, naming the path and the reason) and left out: a folder that cannot be
    opened, a file whose state cannot be read, a symbolic link that loops or leads
    nowhere, a FIFO, socket or device (reading a FIFO would wait forever).

    Raises:
        InputError: ``path`` does not exist, cannot be opened, is not a file or a
            folder, or is a folder with no corpus file.
    """
    try:
        mode = path.stat().st_mode
    except OSError as e:
        if e.errno == errno.ENOENT and not path.is_symlink():
            raise InputError(f"{path}: no such file or directory") from e
        raise InputError(f"{path}: {_unreadable(path, e)}") from e
    if stat.S_ISREG(mode):
        return path.parent, [path]
    if not stat.S_ISDIR(mode):
        raise InputError(f"{path}: {_not_regular(mode)}")
    try:
        with os.scandir(path):
            pass
    except OSError as e:
        raise InputError(f"{path}: {_unreadable(path, e)}") from e
    found: list[InputError] = []
    files = []
    for file in _walk(path, path, frozenset(), found):
        relative = file.relative_to(path)
        if _is_corpus_file(file):
            if not is_note(file.name) or _included(relative, include):
                files.append(file)
            elif skipped is not None:
                skipped[NOTES] += 1
        elif skipped is not None and not any(
            part.startswith(".") for part in relative.parts
        ):
            skipped[file.suffix.lower() or file.name] += 1
    if problems is not None:
        problems.extend(found)
    files.sort()
    if not files:
        raise InputError(
            f"{path}: no .txt, .md, .jsonl(.gz), .html, .docx or .pdf files in this "
            "folder"
        )
    return path, files


def _included(relative: Path, include: Sequence[str]) -> bool:
    return any(
        fnmatch.fnmatch(relative.name, pattern)
        or fnmatch.fnmatch(relative.as_posix(), pattern)
        for pattern in include
    )


def _walk(
    folder: Path, root: Path, above: frozenset[tuple[int, int]], found: list[InputError]
) -> Iterator[Path]:
    """The regular files under ``folder``, following links to folders as
    ``Path.rglob`` did; what cannot be listed or is no file goes to ``found``."""

    def name(path: Path, slash: str = "") -> str:
        return path.relative_to(root).as_posix() + slash

    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        here = folder.stat()
    except OSError as e:
        found.append(InputError(f"{name(folder, '/')}: {_unreadable(folder, e)}"))
        return
    above = above | {(here.st_dev, here.st_ino)}
    for entry in entries:
        path = Path(entry.path)
        try:
            state = path.stat()  # through links
        except OSError as e:
            found.append(InputError(f"{name(path)}: {_unreadable(path, e)}"))
            continue
        if stat.S_ISDIR(state.st_mode):
            if (state.st_dev, state.st_ino) in above:
                found.append(
                    InputError(
                        f"{name(path, '/')}: symbolic link loop (a link to a folder "
                        "that holds it), not followed"
                    )
                )
                continue
            yield from _walk(path, root, above, found)
        elif stat.S_ISREG(state.st_mode):
            yield path
        else:
            found.append(InputError(f"{name(path)}: {_not_regular(state.st_mode)}"))


def _unreadable(path: Path, error: OSError) -> str:
    """Why ``path`` cannot be read, in words."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop (it leads back to itself), not read"
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (to {os.readlink(path)}), not read"
    if _is_dir(path):
        return f"cannot open this folder ({error.strerror})"
    return f"cannot read ({error.strerror})"


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _not_regular(mode: int) -> str:
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return f"{kind}, not a file to read: left out"


def iter_corpus(
    root: Path,
    files: list[Path],
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = DEFAULT_ID_FIELD,
) -> Iterator[SourceText | InputError]:
    """Yield the texts of ``files`` (from ``list_corpus``), ids relative to ``root``.

    A JSONL file yields one text per record (see ``iter_jsonl``). Unreadable files and
    broken records come out as ``InputError`` values, not exceptions, so one broken
    file or line never stops a build.
    """
    for file in files:
        doc_id = file.relative_to(root).as_posix()
        if is_jsonl(file):
            yield from iter_jsonl(
                file, doc_id, text_field=text_field, id_field=id_field
            )
            continue
        try:
            yield SourceText(doc_id, file.read_bytes())
        except OSError as e:
            yield InputError(f"{doc_id}: cannot read ({e.strerror})")


def iter_jsonl(
    path: Path,
    name: str,
    *,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = DEFAULT_ID_FIELD,
) -> Iterator[SourceText | InputError]:
    """Stream the records of a JSONL(.gz) file, one ``SourceText`` per line.

    The document id is ``NAME#ID`` when the record has ``id_field`` (a string or an
    integer), else ``NAME:LINE`` (1-based line number): stable across runs and unique.
    A line that is not a JSON object with a string ``text_field``, or repeats an id,
    comes out as an ``InputError`` naming the file and line; blank lines are skipped.
    """
    seen: dict[str, int] = {}  # id -> first line: ids only, small next to the texts
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    line_no = 0
    try:
        with opener(path, "rb") as stream:
            for line_no, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                item = _jsonl_record(line, f"{name}:{line_no}", text_field, id_field)
                if isinstance(item, SourceText) and item.doc_id != f"{name}:{line_no}":
                    first = seen.setdefault(item.doc_id, line_no)
                    if first != line_no:
                        item = InputError(
                            f"{name}:{line_no}: duplicate {id_field} "
                            f"(first at line {first}), record skipped"
                        )
                yield item
    except (OSError, EOFError) as e:
        # A truncated or corrupt .gz: report where reading stopped, keep what was read.
        yield InputError(f"{name}:{line_no + 1}: cannot read further ({e})")


def _jsonl_record(
    line: bytes, where: str, text_field: str, id_field: str
) -> SourceText | InputError:
    """One JSONL line as a ``SourceText``, or an ``InputError`` saying what is wrong.

    Examples:
        >>> _jsonl_record(b'{"id": 7, "text": "x"}', "a.jsonl:3", "text", "id").doc_id
        'a.jsonl#7'
        >>> _jsonl_record(b'{"text": "x"}', "a.jsonl:3", "text", "id").doc_id
        'a.jsonl:3'
        >>> print(_jsonl_record(b'{"text": ', "a.jsonl:3", "text", "id"))
        a.jsonl:3: broken JSON (Expecting value at column 10)
    """
    try:
        # Without its line break, a cut record reads "Unterminated string", which
        # says what happened, rather than "Invalid control character".
        record = json.loads(line.rstrip(b"\r\n"))
    except UnicodeDecodeError:
        return InputError(f"{where}: not UTF-8")
    except json.JSONDecodeError as e:
        reason = e.msg.removesuffix(" at")
        return InputError(f"{where}: broken JSON ({reason} at column {e.colno})")
    if not isinstance(record, dict):
        return InputError(f"{where}: not a JSON object")
    text = record.get(text_field)
    if not isinstance(text, str):
        found = "missing" if text is None else type(text).__name__
        return InputError(f"{where}: no text in field {text_field!r} ({found})")
    if not text.strip():
        return InputError(f"{where}: empty text in field {text_field!r}")
    ident = record.get(id_field)
    if (isinstance(ident, str) and ident.strip()) or (
        isinstance(ident, int) and not isinstance(ident, bool)
    ):
        file_name = where.rsplit(":", 1)[0]
        return SourceText(f"{file_name}#{ident}", text, jsonl_fields(record))
    return SourceText(where, text, jsonl_fields(record))


def read_document(source: SourceText) -> Document:
    """Decode (or convert) and parse one source; raises ``InputError`` naming the file.

    A JSONL record's text is taken as it is; a file of a format of ``kg.formats``
    (HTML, DOCX, PDF) is converted to its canonical text; any other file is decoded.
    """
    if isinstance(source.data, str):
        return parse_document(
            source.data, source.doc_id, fields=source.fields, fmt="jsonl"
        )
    fmt = format_of(source.doc_id)
    if fmt is not None:
        text, found = read_format(fmt, source.data, source.doc_id)
        return parse_document(text, source.doc_id, found=found)
    return parse_document(decode(source.data, source.doc_id), source.doc_id)


_RECORD = re.compile(r"^(.*?\.jsonl(?:\.gz)?)([#:])(.+)$", re.IGNORECASE)


def find_source(
    spec: str,
    *,
    corpus: Path | None = None,
    text_field: str = DEFAULT_TEXT_FIELD,
    id_field: str = DEFAULT_ID_FIELD,
) -> SourceText:
    """The source of the document ``spec``, named as graph.json names it (``a.txt``,
    ``sub/b.pdf``, ``news.jsonl#ID``, ``news.jsonl:LINE``), relative to ``corpus``
    (default: the current folder).

    Raises:
        InputError: no such file, or no such record in a JSONL file.
    """
    record = _RECORD.match(spec)
    name = record.group(1) if record else spec
    path = (corpus or Path()) / name
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    doc_id = name if corpus is not None else path.name
    if record is None:
        try:
            return SourceText(doc_id, path.read_bytes())
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from e
    for item in iter_jsonl(path, name, text_field=text_field, id_field=id_field):
        if isinstance(item, SourceText) and item.doc_id == spec:
            return item
    raise InputError(f"{spec}: no such record in {path}")
