"""Incremental builds: extraction results cached by document content and rule version.

A cache entry is keyed by a hash of the extractor version (every source file and
resource the extraction reads), the document id (mentions carry it) and the
document's bytes. Changing a document, a rule or a word list therefore re-extracts
exactly what it can change, and nothing else. The cache is one SQLite file in the
output folder (``OUT/.kg-cache/extract.sqlite``); entries written by another version
of the rules are dropped when the cache is opened.
"""

from __future__ import annotations

import hashlib
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path
from types import TracebackType

CACHE_DIR = ".kg-cache"
CACHE_FILE = "extract.sqlite"
# Bump when the layout of a cached value changes in a way build.py's hash misses.
FORMAT = "1"
# Keys per lookup query (SQLite before 3.32 allows 999 parameters).
BATCH = 500


@cache
def extractor_version() -> str:
    """A hash of everything extraction depends on: ingest, model, extract, resources,
    and build (whose ``_pack`` decides how a result is stored).

    Computed from the installed package files, so a worker on another machine with a
    different kg gets a different version (kg.build checks it).
    """
    digest = hashlib.sha256(FORMAT.encode())
    package = resources.files("kg")
    parts = [
        package / "build.py",
        package / "ingest.py",
        package / "model.py",
        *sorted(_files(package / "extract"), key=lambda p: p.name),
        *sorted(_files(package / "resources"), key=lambda p: p.name),
    ]
    for part in parts:
        digest.update(part.name.encode())
        digest.update(hashlib.sha256(part.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _files(folder: object) -> list:  # type: ignore[type-arg]
    return [
        p
        for p in folder.iterdir()  # type: ignore[attr-defined]
        if p.is_file() and not p.name.endswith(".pyc")
    ]


def document_key(doc_id: str, data: bytes | str, version: str) -> str:
    """The cache key of one document.

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
