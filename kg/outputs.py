"""A build's output set: written whole or not at all, and only over kg's own files.

``kg-manifest.json`` in the output folder names every file the last build wrote,
with its size and SHA-256, under a build id (a digest of that list: the same
corpus gives the same manifest, byte for byte). It is the only record of what kg owns
there: a build replaces or removes a file only when the previous manifest lists it
(or, in a folder built before manifests existed, the ``.kg-cache/build.json`` stamp
does), and leaves every other file alone; a build that would have to write over a
file kg did not write refuses, naming it.

The switch from one set to the next::

    1. recover   finish a switch a killed build left half done (step 4), and
                 remove the staging folders of killed builds (``.kg-build-<id>``)
    2. stage     the writers write into ``.kg-build-<id>/`` in the output folder
    3. pending   kg-manifest.json := {state: "switching", files: the new set with
                 sizes and hashes, stage: the staging folder, remove: files of the
                 old set the new one lacks}   (one os.replace: atomic)
    4. switch    os.replace each staged file onto its name; unlink ``remove``
    5. complete  kg-manifest.json := {state: "complete", files: the new set}
    6. tidy      remove the (now empty) staging folder

A kill before 3 leaves the old set and its manifest untouched (the staging folder
is removed by the next build); a kill from 3 to 5 leaves the new set complete,
each file either switched or still staged, and the pending manifest says so: the
next build completes the switch (1) before anything else. Readers never guess:
they use the set of a ``complete`` manifest after checking that every file it
lists has its size, refuse a ``switching`` one with a one-line error, and check
again after reading that no build switched the set meanwhile (the build id).
``kg validate`` also checks every file's SHA-256. Two builds into one folder take
turns from step 1 to step 6 (a lock on the folder). Guarantees hold against a
killed process, not a lost disk write (nothing is fsynced).

A folder without a manifest (an older kg, or not kg's) is read as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import OutputError

MANIFEST = "kg-manifest.json"
FORMAT = "kg-manifest/1"
# Every name a build may write; an export's default name is never one of these.
BUILD_NAMES = ("graph.json", "graph.html", "graph.ttl", "graph.trig")
STAGE_PREFIX = ".kg-build-"
# kg's own temporaries: staging folders, the manifest's and atomic_output's names.
_OWN_TEMP = re.compile(
    r"^(?:\.kg-build-[0-9a-f]{12}|\.kg-manifest\.json\.tmp"
    r"|\.graph\.(?:json|html|ttl|trig)\.tmp)$"
)
_DAMAGED = "delete it and build again"
# Test hook: SIGKILL this process at the named step of the switch (see ``_step``).
KILL_ENV = "KG_TEST_KILL_AT"


@dataclass(frozen=True)
class Manifest:
    """What ``kg-manifest.json`` says: files by name, each {"size", "sha256"}."""

    build: str
    state: str  # "complete" or "switching"
    files: Mapping[str, Mapping[str, Any]]
    stage: str | None = None
    remove: tuple[str, ...] = field(default_factory=tuple)


def is_own_temp(name: str) -> bool:
    """Whether a name in an output folder is one of kg's temporaries.

    Examples:
        >>> is_own_temp(".kg-build-0123456789ab"), is_own_temp(".graph.ttl.tmp")
        (True, True)
        >>> is_own_temp("graph.ttl"), is_own_temp(".notes.tmp"), is_own_temp(".kg-build-x")
        (False, False, False)
    """
    return bool(_OWN_TEMP.match(name))


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of ``folder``; None when there is none.

    Raises:
        OutputError: a manifest that cannot be read or is not kg's.
    """
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise OutputError(f"{path}: cannot be read ({e}); {_DAMAGED}") from e
    try:
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}")
        manifest = Manifest(
            build=str(data["build"]),
            state=str(data["state"]),
            files={str(k): dict(v) for k, v in data["files"].items()},
            stage=data.get("stage"),
            remove=tuple(data.get("remove", ())),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise OutputError(f"{path}: not a manifest kg reads ({e}); {_DAMAGED}") from e
    # kg acts on what a manifest names: only its own names, in this folder.
    names = [*manifest.files, *manifest.remove]
    stage_ok = manifest.stage is None or (
        manifest.stage.startswith(STAGE_PREFIX) and is_own_temp(manifest.stage)
    )
    if not stage_ok or any(name not in BUILD_NAMES for name in names):
        raise OutputError(f"{path}: names files kg does not write; {_DAMAGED}")
    return manifest


def owned_names(folder: Path) -> set[str]:
    """The names of the files kg wrote into ``folder``: those of its manifest (both
    sets of a pending one), else those the build stamp of an older kg lists."""
    manifest = read_manifest(folder)
    if manifest is not None:
        return set(manifest.files) | set(manifest.remove)
    try:
        stamp = json.loads((folder / ".kg-cache" / "build.json").read_bytes())
        return {str(name) for name in stamp["outputs"]} & set(BUILD_NAMES)
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def planned_names(html: bool, rdf_names: Iterable[str]) -> list[str]:
    """The files a build with these options writes, in the order it reports them."""
    return ["graph.json", *rdf_names, *(["graph.html"] if html else [])]


def check_writable(folder: Path, names: Iterable[str]) -> None:
    """Before a build: refuse to write over a file of ``names`` kg did not write.

    Raises:
        OutputError: naming the first such file.
    """
    if not folder.is_dir():
        return
    owned = owned_names(folder)
    for name in names:
        path = folder / name
        if name not in owned and (path.exists() or path.is_symlink()):
            raise OutputError(
                f"{path}: not written by kg (no {MANIFEST} lists it), so a build "
                "does not replace it; move it away or choose another -o"
            )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def describe(paths: Mapping[str, Path]) -> dict[str, dict[str, Any]]:
    """Size and SHA-256 of each file, by name (hashed two at a time: hashlib lets
    go of the GIL, and a whole-corpus build writes 1.2 GB)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        hashes = dict(zip(paths, pool.map(sha256_file, paths.values()), strict=True))
    return {
        name: {"size": path.stat().st_size, "sha256": hashes[name]}
        for name, path in paths.items()
    }


def set_id(files: Mapping[str, Mapping[str, Any]]) -> str:
    """The id of an output set: a digest of its names, sizes and hashes. Not a
    random id or a time, so that the same corpus gives a byte-identical manifest; a
    reader that sees the id change knows the set changed."""
    canonical = json.dumps(files, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _write_manifest(folder: Path, data: dict[str, Any]) -> None:
    """Write the manifest in one step (a reader sees the old one or the new one)."""
    tmp = folder / f".{MANIFEST}.tmp"
    data = {"format": FORMAT, **data}
    tmp.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    os.replace(tmp, folder / MANIFEST)


def _step(name: str) -> None:
    """A point of the switch where the kill test stops this process (``KILL_ENV``)."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class Staging:
    """The new output set of one build, staged in ``folder/.kg-build-<id>/``.

    Creating it waits for any other build writing into the same folder (a lock on
    the folder, held until ``commit`` or the end of this process), then finishes or
    tidies what a killed build left (``recover``): two builds started together
    both complete, one after the other, and neither removes the other's files.
    The writers write into ``self.folder``; ``commit`` switches the set in.
    """

    def __init__(self, out_dir: Path) -> None:
        lock = _FolderLock(out_dir)
        # released by ``commit``, or when this object goes (a failed build)
        self._unlock = weakref.finalize(self, lock.release)
        recover(out_dir)
        self.out_dir = out_dir
        self.build_id = uuid.uuid4().hex[:12]  # names the staging folder only
        self.build: str | None = None  # the set's id, once committed (``set_id``)
        self.folder = out_dir / f"{STAGE_PREFIX}{self.build_id}"
        self.folder.mkdir()

    def commit(self, names: Iterable[str]) -> list[Path]:
        """Switch the staged files ``names`` in (steps 3-6); their final paths."""
        names = list(names)
        _step("staged")
        # What the last build wrote and this one does not (without a manifest
        # before, nothing: the stamp of an older kg is gone by now, and a file left
        # is the safe side).
        remove = sorted(owned_names(self.out_dir) - set(names))
        files = describe({name: self.folder / name for name in names})
        build = self.build = set_id(files)
        _write_manifest(
            self.out_dir,
            {
                "build": build,
                "state": "switching",
                "files": files,
                "stage": self.folder.name,
                "remove": remove,
            },
        )
        _step("pending")
        _switch(self.out_dir, self.folder, names, remove, _step)
        _step("switched")
        _write_manifest(
            self.out_dir, {"build": build, "state": "complete", "files": files}
        )
        _step("complete")
        _remove_stage(self.folder)
        self._unlock()
        return [self.out_dir / name for name in names]


class _FolderLock:
    """An exclusive lock on a folder: POSIX ``flock`` on the folder itself (no lock
    file; the kernel lets go when the process dies). Waits for another process, or
    another thread, holding it; a lock this thread still holds there is of a build
    of its own that failed before its switch, and is taken over. Where there is no
    flock (Windows), no lock: one build at a time is then the user's to keep."""

    def __init__(self, folder: Path) -> None:
        self.fd: int | None = None
        try:
            import fcntl
        except ImportError:
            return
        stat = folder.stat()
        self.key = (stat.st_dev, stat.st_ino, threading.get_ident())
        for held in list(_HELD):
            if held.key == self.key:
                held.release()
        fd = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            return  # a file system without locks
        self.fd = fd
        _HELD.add(self)

    def release(self) -> None:
        """Let go (once; later calls do nothing)."""
        _HELD.discard(self)
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)


# The locks this process holds. A forked child (a writer, a worker) closes its
# copies at once: a lock is the build's, and must not outlive it in a process
# that goes on (a pool kept for the next build would hold it, and that build wait).
_HELD: set[_FolderLock] = set()


def _forget_locks() -> None:
    for held in list(_HELD):
        held.release()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)


def _switch(
    out_dir: Path,
    stage: Path,
    names: list[str],
    remove: list[str],
    step: Callable[[str], None] = lambda name: None,
) -> None:
    """Step 4, which a later build may repeat: staged files that are still there
    are renamed onto their names, the old set's leftovers removed."""
    for number, name in enumerate(names, 1):
        staged = stage / name
        if staged.exists():
            os.replace(staged, out_dir / name)
        step(f"renamed:{number}")
    for name in remove:
        (out_dir / name).unlink(missing_ok=True)


def recover(out_dir: Path) -> None:
    """Finish the switch of a build killed in steps 3-5, then remove the
    temporaries of killed builds (by kg's names, ``is_own_temp``): never a file kg
    did not write."""
    try:
        manifest = read_manifest(out_dir)
    except OutputError:
        manifest = None  # damaged: the new build writes a new one
    if manifest is not None and manifest.state == "switching" and manifest.stage:
        _switch(
            out_dir,
            out_dir / manifest.stage,
            list(manifest.files),
            list(manifest.remove),
        )
        _write_manifest(
            out_dir,
            {"build": manifest.build, "state": "complete", "files": manifest.files},
        )
    for entry in out_dir.iterdir():
        if not is_own_temp(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            _remove_stage(entry)
        else:
            entry.unlink(missing_ok=True)


def _remove_stage(folder: Path) -> None:
    """A staging folder: only kg's writers write in it. What is in a subfolder (kg
    makes none) is left, and the folder with it."""
    for entry in folder.iterdir():
        if not entry.is_dir() or entry.is_symlink():
            entry.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass


@dataclass(frozen=True)
class OutputSet:
    """The files of one complete build, checked (``checked_set``)."""

    folder: Path
    build: str
    files: Mapping[str, Path]

    def confirm(self) -> None:
        """After reading: still this build's set (no build switched it meanwhile).

        Raises:
            OutputError: a build switched the set while it was read.
        """
        now = read_manifest(self.folder)
        if now is None or now.build != self.build or now.state != "complete":
            raise OutputError(
                f"{self.folder}: a build replaced the outputs while they were "
                "read; run the command again"
            )

    def current(self) -> bool:
        """Whether the folder still holds this set (cheap: the manifest only)."""
        try:
            self.confirm()
        except OutputError:
            return False
        return True


def checked_set(folder: Path, *, hashes: bool = False) -> OutputSet | None:
    """The output set of ``folder`` when it is one complete build; None when the
    folder has no manifest (built by an older kg: read as it is).

    Checks each listed file's size (and SHA-256 with ``hashes``: ``kg validate``).

    Raises:
        OutputError: a pending switch, or a file missing or not the one the build
            wrote (a mixed set), in one line.
    """
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    if manifest.state != "complete":
        raise OutputError(
            f"{folder}: a build stopped while switching its files in ({MANIFEST} "
            "is pending); run kg build again to finish it"
        )
    for name, entry in sorted(manifest.files.items()):
        problem = file_problem(folder / name, entry, hashes=hashes)
        if problem:
            raise OutputError(
                f"{folder / name}: {problem}, not the file build {manifest.build} "
                f"wrote ({MANIFEST}): not one build's outputs; run kg build again"
            )
    return OutputSet(
        folder, manifest.build, {name: folder / name for name in manifest.files}
    )


def file_problem(path: Path, entry: Mapping[str, Any], *, hashes: bool) -> str:
    """What is wrong with ``path`` against its manifest entry; "" when nothing."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "missing"
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    if size != entry.get("size"):
        return f"{size:,} bytes, against {entry.get('size'):,}"
    if hashes and sha256_file(path) != entry.get("sha256"):
        return "changed (its SHA-256 differs)"
    return ""


def is_build_output(path: Path) -> bool:
    """Whether ``path`` is a file kg build wrote (its folder's manifest lists it, or
    it bears a build output's name in a folder kg built)."""
    folder = path.parent
    try:
        owned = owned_names(folder)
    except OutputError:
        owned = set(BUILD_NAMES)
    return path.name in owned or (
        path.name in BUILD_NAMES and (folder / MANIFEST).exists()
    )
