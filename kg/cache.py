"""Incremental builds: extraction results cached by document content and rule version.

A cache entry is keyed by a hash of the extractor version (every source file and
resource the extraction reads), the document id (mentions carry it) and the
document's bytes. Changing a document, a rule or a word list therefore re-extracts
exactly what it can change, and nothing else. The cache is one SQLite file in the
output folder (``OUT/.kg-cache/extract.sqlite``); entries written by another version
of the rules are dropped when the cache is opened.

Beside it, ``OUT/.kg-cache/build.json`` stamps the last build: the state (size and
times) of every corpus file, the options, a hash of kg and of the libraries that
shape the outputs, and the state of each output written. A build whose stamp still
holds has nothing to do (``last_build``), as ``make`` decides from file times.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from types import TracebackType
from typing import Any

from kg import codec
from kg.files import atomic_output

CACHE_DIR = ".kg-cache"
CACHE_FILE = "extract.sqlite"
# Bump when the cache's tables change (the layout of a stored result has its own
# version: ``kg.codec.VERSION``).
FORMAT = "1"
# Keys per lookup query (SQLite before 3.32 allows 999 parameters).
BATCH = 500
STAMP_FILE = "build.json"
# Libraries whose code, beside kg's own, decides the bytes of the outputs.
_OUTPUT_LIBRARIES = (
    "jieba",
    "pyahocorasick",
    "ahocorasick-rs",
    "networkx",
    "rdflib",
    "pyoxigraph",
    "pyvis",
)
# A file changed this soon before a build may change again within the same tick of
# the file system's clock (a few ms), and keep its size: its state would not show it
# (Git's "racy clean" problem). Such a build leaves no stamp.
RACY_NS = 2_000_000_000


def extractor_version() -> str:
    """The version of the extraction rules in use: ``package_extractor_version`` and,
    when user rule packs are active (``kg build --rules``), a hash of them."""
    from kg.lang.rules import packs_digest

    packs = packs_digest()
    base = package_extractor_version()
    if not packs:
        return base
    return hashlib.sha256(f"{base}+{packs}".encode()).hexdigest()[:16]


@cache
def package_extractor_version() -> str:
    """A hash of everything extraction depends on: ingest, model, extract, resources,
    the format readers and metadata (and the versions of the libraries they use:
    another trafilatura may find another main text), the rules and their loader
    (kg/rules, kg/lang), the stage that runs them (kg/extraction.py), and
    ``kg.codec.VERSION`` (how a result is stored).

    Computed from the installed package files, so a worker on another machine with a
    different kg gets a different version (kg.build checks it).
    """
    package = resources.files("kg")
    parts = [
        package / "extraction.py",  # what a worker runs
        package / "ingest.py",
        package / "model.py",
        package / "formats.py",
        package / "metadata.py",
        *sorted(_files(package / "extract"), key=lambda p: p.name),
        *sorted(_files(package / "resources"), key=lambda p: p.name),
        *sorted(_files(package / "lang"), key=lambda p: p.name),
        # the rule files, folder by folder (place/, person/ …)
        *sorted(
            (f for d in _folders(package / "rules") for f in _files(d)),
            key=lambda p: (p.parent.name, p.name),
        ),
    ]
    files = [(part.name, part.read_bytes()) for part in parts]
    files.append(("format libraries", _format_libraries().encode()))
    files.append(("codec", codec.VERSION.encode()))
    return _hash_files(files).hexdigest()[:16]


def _format_libraries() -> str:
    """The installed versions of the format readers' libraries (``kg.formats``)."""
    from importlib.metadata import PackageNotFoundError, version

    from kg.formats import EXTRAS

    found = []
    for *_, package in sorted(EXTRAS.values()):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} absent")
    return "; ".join(found)


def _hash_files(files: Iterable[tuple[str, bytes]]) -> Any:
    """A sha256 of ``FORMAT`` and of each (name, content), in the order given."""
    digest = hashlib.sha256(FORMAT.encode())
    for name, data in files:
        digest.update(name.encode())
        digest.update(hashlib.sha256(data).digest())
    return digest


def _folders(folder: object) -> list:  # type: ignore[type-arg]
    return sorted(
        (p for p in folder.iterdir() if p.is_dir()),  # type: ignore[attr-defined]
        key=lambda p: p.name,
    )


def _files(folder: object) -> list:  # type: ignore[type-arg]
    return [
        p
        for p in folder.iterdir()  # type: ignore[attr-defined]
        if p.is_file() and not p.name.endswith(".pyc")
    ]


def document_key(
    doc_id: str,
    data: bytes | str,
    version: str,
    fields: Mapping[str, str] | None = None,
) -> str:
    """The cache key of one document (``fields``: a JSONL record's metadata fields,
    which go into its ``Document.meta``).

    Examples:
        >>> document_key("a.txt", "梁平区", "v1") == document_key("a.txt", "梁平区", "v1")
        True
        >>> document_key("a.txt", "梁平区", "v1") == document_key("a.txt", "梁平县", "v1")
        False
    """
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(version.encode())
    digest.update(doc_id.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(raw)
    if fields:
        digest.update(b"\0" + json.dumps(fields, sort_keys=True).encode())
    return digest.hexdigest()


class ExtractCache:
    """Key → blob store in ``out_dir/.kg-cache``; use as a context manager.

    Only the building process touches it (workers return blobs), so SQLite needs no
    locking between processes; one transaction per build keeps writes fast.
    """

    def __init__(self, out_dir: Path, version: str) -> None:
        folder = out_dir / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.version = version
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            # A damaged cache is only a slower build: start again from empty.
            self.path.unlink(missing_ok=True)
            self._db = self._open()
        # Whether an earlier build of these rules left results: this build is then a
        # rebuild, most of whose documents come from here.
        self.filled = bool(
            self._db.execute("SELECT EXISTS (SELECT 1 FROM results)").fetchone()[0]
        )

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, blob BLOB)"
        )
        row = db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
        if row is None or row[0] != self.version:
            db.execute("DELETE FROM results")  # other rules: nothing is reusable
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,)
            )
            db.commit()
        return db

    def get(self, key: str) -> bytes | None:
        """The blob of one key, or None (the build asks ``get_many``)."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        """The blobs of those ``keys`` that are cached, by key (one query per
        ``BATCH`` keys, within SQLite's limit on query parameters)."""
        self._used.update(keys)
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), BATCH):
            part = keys[start : start + BATCH]
            marks = ",".join("?" * len(part))
            found.update(
                self._db.execute(
                    f"SELECT key, blob FROM results WHERE key IN ({marks})", part
                ).fetchall()
            )
        self.hits += sum(1 for key in keys if key in found)
        self.misses += sum(1 for key in keys if key not in found)
        return found

    def put(self, key: str, blob: bytes) -> None:
        self._used.add(key)
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (key, blob))

    def prune(self) -> int:
        """Drop the entries this build did not use (changed or removed documents).

        Keeps the cache the size of the corpus instead of growing with every edit.
        """
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM used")
        self._db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self._used))
        cursor = self._db.execute(
            "DELETE FROM results WHERE key NOT IN (SELECT key FROM used)"
        )
        return cursor.rowcount

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def __enter__(self) -> ExtractCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@cache
def package_version() -> str:
    """A hash of every file of the installed kg package and of the versions of the
    libraries that shape the outputs: a change to any can change what a build
    writes."""
    digest = _hash_files(sorted(_package_files(resources.files("kg"), "")))
    for library in _OUTPUT_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version}\0".encode())
    return digest.hexdigest()[:16]


def _package_files(folder: Any, prefix: str) -> Iterable[tuple[str, bytes]]:
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _package_files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.endswith(".pyc"):
            yield prefix + entry.name, entry.read_bytes()


def file_state(path: Path) -> list[int]:
    """Size, modification and change time (ns) of ``path``: what ``make`` and Git
    look at. A write changes the times; so do a copy over it and a ``touch``."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def build_inputs(
    root: Path, files: Iterable[Path], options: Mapping[str, object]
) -> dict[str, Any]:
    """What decides a build's outputs, as JSON data: kg, the options that change
    the outputs, and the state of each corpus file (taken before reading it)."""
    inputs = {
        "kg": package_version(),
        "options": dict(options),
        "root": str(root.resolve()),
        "files": [[f.relative_to(root).as_posix(), *file_state(f)] for f in files],
    }
    # Through JSON and back: what is compared with a stamp read from disk.
    loaded: dict[str, Any] = json.loads(json.dumps(inputs, sort_keys=True))
    return loaded


def last_build(out_dir: Path, inputs: Mapping[str, Any]) -> dict[str, Any] | None:
    """The summary the last build into ``out_dir`` stamped, if it had these
    ``inputs`` and its outputs are as it left them; else None (build again)."""
    try:
        stamp = json.loads((out_dir / CACHE_DIR / STAMP_FILE).read_bytes())
        if stamp["inputs"] != inputs:
            return None
        for name, state in stamp["outputs"].items():
            if file_state(out_dir / name) != state:
                return None
        summary: dict[str, Any] = stamp["summary"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, damaged or of another kg: only a slower build
    return summary


def remove_stamp(out_dir: Path) -> None:
    """Before a build rewrites the outputs: an interrupted build leaves no stamp."""
    (out_dir / CACHE_DIR / STAMP_FILE).unlink(missing_ok=True)


def write_stamp(
    out_dir: Path,
    inputs: Mapping[str, Any],
    outputs: Iterable[Path],
    summary: Mapping[str, Any],
    started_ns: int,
) -> bool:
    """Stamp the build that began at ``started_ns`` (``time.time_ns()``); False,
    and no stamp, when a corpus file changed too soon before it (``RACY_NS``)."""
    if any(f[3] > started_ns - RACY_NS for f in inputs["files"]):  # change time
        return False
    stamp = {
        "inputs": inputs,
        "outputs": {p.name: file_state(p) for p in outputs},
        "summary": summary,
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    text = json.dumps(stamp, ensure_ascii=False, sort_keys=True, indent=1)
    with atomic_output(out_dir / CACHE_DIR / STAMP_FILE) as path:
        path.write_text(text, encoding="utf-8")
    return True
