"""Rules as data: load the rule files, check them, and hand their operators out.

The linguistics of kg lives in ``kg/rules/<label>/*.toml`` (``label`` one of
``place``, ``person``, ``organization``, ``programme``, ``metric``, ``link``), read
with the standard library's ``tomllib``. Every rule is one ``[[rule]]`` table::

    [[rule]]
    id = "place:guard.township-before-village"
    kind = "guard"
    why = "…乡 followed by 村 is the word 乡村, not a township"
    stage = "gazetteer"
    when = { key.ends_with = ["乡"], next.in = "@place:chars.after-township" }
    examples = [["梁平区福禄乡开展", "福禄乡"]]
    counterexamples = [["推动发展乡村产业", "发展乡"]]

Kinds (``KINDS``): ``words`` (a word list), ``pattern`` (a literal, a list, a
regular expression or a sequence of token shapes), ``guard`` (a condition under
which a candidate is rejected), ``table`` (ordered condition → value rows, the
first that holds wins) and ``stage`` (a step written in Python, named here so that
its mentions have a rule to point to and its examples are checked).

Python implements the operators (how a word list, a pattern, a guard or a table is
applied) and the order of the stages; the files say what they apply. A user pack
(``kg build --rules DIR``) is a folder of the same layout whose rules are added to
the shipped ones; their ids are prefixed with the pack's name (``mypack/``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources as _resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.errors import KgError

KINDS = ("words", "pattern", "guard", "table", "stage")
# The folders of kg/rules: the labels of LABELS in kg.model, ``link``, and ``common``
# (conventions of the texts every extractor shares, such as redaction placeholders).
LABELS = ("place", "person", "organization", "programme", "metric", "link", "common")
CJK = "\u4e00-\u9fff"

# Keys every rule may have, and the keys of each kind.
_COMMON = {
    "id",
    "kind",
    "why",
    "examples",
    "counterexamples",
    "emits",
    "attrs",
    "check",
}
_KIND_KEYS = {
    "words": {"words", "chars", "values", "resource", "column", "file", "extends"},
    "pattern": {"literal", "list", "regex", "tokens", "flags", "needs"},
    "guard": {"stage", "when"},
    "table": {"inputs", "row", "default", "extends"},
    "stage": set(),
}
_ROW_KEYS = {"id", "why", "when", "then", "examples", "counterexamples", "check"}
_ID = re.compile(r"^(?:[a-z0-9][a-z0-9_\-]*/)?([a-z]+):[a-z0-9][a-z0-9.\-_]*$")
_PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[\[\s*rule(\.row)?\s*\]\]\s*(?:#.*)?$")
_REFERENCE = re.compile(r"\{(CJK|words:[^{}]+|chars:[^{}]+)\}")


class RuleError(KgError):
    """A rule file that does not follow the format: names the file, line and reason."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"{file}:{line}: {reason}")
        self.file, self.line, self.reason = file, line, reason


@dataclass(frozen=True, slots=True)
class Example:
    """One example (or counterexample) of a rule.

    ``text`` is the snippet (for a table, its first input); ``expect`` the mention
    it must (or must not) give, or the table's answer; ``fields`` the other keys
    written (attributes the mention must have, a table's other inputs).
    """

    text: str
    expect: str | None
    fields: Mapping[str, Any]
    line: int


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule (or one row of a decision table) as written in its file."""

    id: str
    label: str
    kind: str
    why: str
    file: str  # shipped rules: relative to the kg package (rules/place/guards.toml)
    line: int
    spec: Mapping[str, Any]
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[Example, ...] = ()
    pack: str | None = None  # the user pack it comes from
    table: str | None = None  # a row: the id of its table
    rows: tuple[str, ...] = ()  # a table: the ids of its rows, in order
    folder: str = ""  # the folder the file is in (a ``file`` list is read from it)

    @property
    def location(self) -> str:
        """``file:line``, as ``kg explain`` prints it."""
        return f"{self.file}:{self.line}"


@dataclass(slots=True)
class RuleSet:
    """Every rule loaded, by id, in load order (shipped files, then packs)."""

    rules: dict[str, Rule] = field(default_factory=dict)
    packs: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)

    def of(self, label: str, kind: str | None = None) -> list[Rule]:
        """The rules of ``label`` (and ``kind``), in load order."""
        return [
            r
            for r in self.rules.values()
            if r.label == label and (kind is None or r.kind == kind)
        ]


# --------------------------------------------------------------------------- loading


def _line_of(text: str, needle: str, after: int = 0) -> int | None:
    """Line number (1-based) of the first line at or after ``after`` holding
    ``needle``."""
    lines = _lines(text)
    for number in range(after, len(lines)):
        if needle in lines[number]:
            return number + 1
    return None


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """``text.splitlines()``, made once per rule file, not once per example: the
    load split its files 1,775 times: ``import kg.build`` took 0.45-0.49 CPU s,
    now 0.39-0.41 s (bytecode cached, three runs each)."""
    return tuple(text.splitlines())


def parse_rules(
    text: str, *, file: str, label: str, pack: str | None = None, folder: str = ""
) -> list[Rule]:
    """The rules of one rule file's text.

    Args:
        text: the file's content.
        file: its name, as errors and ``kg explain`` show it.
        label: the folder it is in (``place``, ``person`` …): every id must start
            with it.
        pack: the user pack's name, or ``None`` for kg's own rules.
        folder: where a ``file = …`` word list named by a rule is read from.

    Raises:
        RuleError: the file is not TOML, or a rule misses a key, has one it should
            not, or a value of the wrong type; the message names file and line.

    Examples:
        >>> rules = parse_rules('''
        ... [[rule]]
        ... id = "place:demo"
        ... kind = "words"
        ... why = "a demonstration"
        ... words = ["梁平"]
        ... examples = [["梁平区", "梁平区"]]
        ... counterexamples = [["平安", "平安"]]
        ... ''', file="demo.toml", label="place")
        >>> rules[0].id, rules[0].line, rules[0].spec["words"]
        ('place:demo', 2, ['梁平'])
        >>> parse_rules('[[rule]]\\nid = "place:x"\\nkind = "word"', file="x.toml", label="place")
        Traceback (most recent call last):
        ...
        kg.lang.rules.RuleError: x.toml:1: rule place:x: kind 'word' is not one of words, pattern, guard, table, stage
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        at = _TOML_AT.search(str(e))
        line = int(at.group(1)) if at else 1
        raise RuleError(file, line, f"not valid TOML: {e}") from e
    for key in data:
        if key != "rule":
            line = _line_of(text, key) or 1
            raise RuleError(file, line, f"unknown top-level key {key!r} (use [[rule]])")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(file, _line_of(text, "rule") or 1, "'rule' must be [[rule]]")
    headers = [
        (number, bool(match.group(1)))
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := _HEADER.match(line))
    ]
    rule_lines = [n for n, is_row in headers if not is_row]
    row_lines = [n for n, is_row in headers if is_row]
    if len(rule_lines) != len(raw_rules):
        raise RuleError(
            file, 1, "write every rule as a [[rule]] header of its own line"
        )
    out: list[Rule] = []
    seen: set[str] = set()
    for raw, line in zip(raw_rules, rule_lines, strict=True):
        rule, rows = _parse_rule(raw, text, file, line, label, pack, folder, row_lines)
        for item in (rule, *rows):
            if item.id in seen:
                raise RuleError(file, item.line, f"rule id {item.id} used twice")
            seen.add(item.id)
            out.append(item)
    return out


def _parse_rule(
    raw: dict[str, Any],
    text: str,
    file: str,
    line: int,
    label: str,
    pack: str | None,
    folder: str,
    row_lines: list[int],
) -> tuple[Rule, list[Rule]]:
    def fail(reason: str, at: int = line) -> RuleError:
        name = raw.get("id") if isinstance(raw.get("id"), str) else "?"
        return RuleError(file, at, f"rule {name}: {reason}")

    rule_id = _check_id(raw.get("id"), label, fail)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    allowed = _COMMON | _KIND_KEYS[kind]
    for key in raw:
        if key not in allowed:
            at = _line_of(text, key, line - 1) or line
            raise fail(f"unknown key {key!r} for a {kind} rule", at)
    why = _check_why(raw.get("why"), fail)
    spec = {k: v for k, v in raw.items() if k not in _COMMON or k in ("attrs",)}
    _check_spec(kind, spec, fail)
    if kind == "table":
        examples: tuple[Example, ...] = ()
        counterexamples: tuple[Example, ...] = ()
    else:
        examples = _examples(raw, "examples", text, line, fail)
        counterexamples = _examples(raw, "counterexamples", text, line, fail)
    qualified = f"{pack}/{rule_id}" if pack else rule_id
    if "emits" in raw and not isinstance(raw["emits"], bool):
        raise fail("'emits' must be true or false")
    if "check" in raw and not isinstance(raw["check"], str):
        raise fail("'check' must be a string")
    for key in ("emits", "check"):
        if key in raw:
            spec[key] = raw[key]
    rows: list[Rule] = []
    if kind == "table":
        raw_rows = raw.get("row")
        if not isinstance(raw_rows, list) or not raw_rows:
            raise fail("a table needs [[rule.row]] rows")
        later = [n for n in row_lines if n > line]
        for raw_row, row_line in zip(raw_rows, later, strict=False):
            rows.append(
                _parse_row(raw_row, text, file, row_line, label, pack, qualified)
            )
        spec.pop("row")
    rule = Rule(
        id=qualified,
        label=label,
        kind=kind,
        why=why,
        file=file,
        line=line,
        spec=spec,
        examples=examples,
        counterexamples=counterexamples,
        pack=pack,
        rows=tuple(r.id for r in rows),
        folder=folder,
    )
    return rule, rows


def _parse_row(
    raw: dict[str, Any],
    text: str,
    file: str,
    line: int,
    label: str,
    pack: str | None,
    table: str,
) -> Rule:
    def fail(reason: str, at: int = line) -> RuleError:
        name = raw.get("id") if isinstance(raw.get("id"), str) else "?"
        return RuleError(file, at, f"row {name}: {reason}")

    rule_id = _check_id(raw.get("id"), label, fail)
    for key in raw:
        if key not in _ROW_KEYS:
            raise fail(f"unknown key {key!r} for a table row")
    if "when" not in raw or not isinstance(raw["when"], dict):
        raise fail("a row needs 'when', a table of conditions")
    if "then" not in raw:
        raise fail("a row needs 'then', the value it decides")
    spec = {"when": raw["when"], "then": raw["then"]}
    if "check" in raw:
        spec["check"] = raw["check"]
    return Rule(
        id=f"{pack}/{rule_id}" if pack else rule_id,
        label=label,
        kind="row",
        why=_check_why(raw.get("why"), fail),
        file=file,
        line=line,
        spec=spec,
        examples=_examples(raw, "examples", text, line, fail),
        counterexamples=_examples(raw, "counterexamples", text, line, fail),
        pack=pack,
        table=table,
    )


def _check_id(value: object, label: str, fail: Callable[[str], RuleError]) -> str:
    if not isinstance(value, str):
        raise fail("needs an 'id' (a string such as \"place:guard.name\")")
    match = _ID.match(value)
    if not match or "/" in value:
        raise fail(f"id {value!r} is not <label>:<name> (lowercase, digits, .-_)")
    if match.group(1) != label:
        raise fail(f"id {value!r} must start with '{label}:' (the folder's label)")
    return value


def _check_why(value: object, fail: Callable[[str], RuleError]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("needs a 'why': one line saying what the rule is for")
    if "\n" in value.strip():
        raise fail("'why' must be one line")
    return value.strip()


def _check_spec(
    kind: str, spec: dict[str, Any], fail: Callable[[str], RuleError]
) -> None:
    if kind == "words":
        sources = ("words", "chars", "values", "resource", "file")
        given = [k for k in sources if k in spec]
        if not given and "extends" not in spec:
            raise fail(
                "a words rule needs 'words', 'chars', 'values', 'resource' or 'file'"
            )
        if "words" in spec and not _str_list(spec["words"]):
            raise fail("'words' must be a list of strings")
        if "values" in spec and not isinstance(spec["values"], dict):
            raise fail("'values' must be a table of word = value")
        if "column" in spec and "resource" not in spec:
            raise fail("'column' names a column of a 'resource' table (.tsv)")
        for key in ("chars", "resource", "column", "file", "extends"):
            if key in spec and not isinstance(spec[key], str):
                raise fail(f"'{key}' must be a string")
    elif kind == "pattern":
        given = [k for k in ("literal", "list", "regex", "tokens") if k in spec]
        if len(given) != 1:
            raise fail("a pattern needs one of 'literal', 'list', 'regex', 'tokens'")
        if "regex" in spec:
            if not isinstance(spec["regex"], str):
                raise fail("'regex' must be a string")
            if not _REFERENCE.search(spec["regex"]):
                try:
                    re.compile(spec["regex"])
                except re.error as e:
                    raise fail(f"'regex' does not compile: {e}") from e
        if "list" in spec and not (
            _str_list(spec["list"])
            or (isinstance(spec["list"], str) and spec["list"].startswith("@"))
        ):
            raise fail("'list' must be a list of strings or '@rule-id'")
        needs = spec.get("needs")
        if needs is not None and not (
            (_str_list(needs) and needs and all(needs))
            or (isinstance(needs, str) and needs.startswith("@"))
        ):
            raise fail("'needs' must be a list of non-empty strings or '@rule-id'")
        if "tokens" in spec and not (
            isinstance(spec["tokens"], list)
            and all(isinstance(t, dict) for t in spec["tokens"])
        ):
            raise fail("'tokens' must be a list of tables ({pos = \"ns\"} …)")
        for token in spec.get("tokens", []):
            for key in token:
                if key not in _TOKEN_KEYS:
                    raise fail(f"unknown token key {key!r} ({', '.join(_TOKEN_KEYS)})")
    elif kind == "guard":
        if not isinstance(spec.get("stage"), str):
            raise fail("a guard needs 'stage': the step whose candidates it checks")
        if not isinstance(spec.get("when"), dict) or not spec["when"]:
            raise fail("a guard needs 'when', a table of conditions")
    elif kind == "table":
        inputs = spec.get("inputs", ["text"])
        if not _str_list(inputs) or not inputs:
            raise fail("'inputs' must be a list of names")


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _examples(
    raw: dict[str, Any],
    key: str,
    text: str,
    line: int,
    fail: Callable[..., RuleError],
) -> tuple[Example, ...]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        raise fail(f"needs '{key}': a list of [snippet, expected] pairs")
    out = []
    for item in items:
        if isinstance(item, list):
            if len(item) != 2 or not all(isinstance(v, str) for v in item):
                raise fail(f"{key}: {item!r} is not a [snippet, expected] pair")
            snippet, expect, fields = item[0], item[1], {}
        elif isinstance(item, dict):
            fields = dict(item)
            snippet = fields.pop("text", None)
            expect = fields.pop("expect", fields.pop("match", None))
            if snippet is None and fields:
                # a table of several inputs: the first one written is the snippet
                snippet = str(next(iter(fields.values())))
            if not isinstance(snippet, str):
                raise fail(f"{key}: {item!r} has no 'text'")
        else:
            raise fail(f"{key}: {item!r} is neither a pair nor a table")
        at = _line_of(text, snippet, line - 1) or line
        out.append(Example(snippet, expect, fields, at))
    return tuple(out)


def _package_root() -> Any:
    return _resources.files("kg") / "rules"


def _rule_files(root: Any) -> Iterator[tuple[str, Any]]:
    """(label, file) of every ``<label>/*.toml`` under ``root``, sorted."""
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir() or folder.name.startswith((".", "_")):
            continue
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml"):
                yield folder.name, item


def read_rules(root: Any, *, pack: str | None = None, display: str = "") -> list[Rule]:
    """Every rule under ``root`` (a folder of ``<label>/*.toml``).

    Raises:
        RuleError: a folder that is not a label, or a malformed file.
    """
    out: list[Rule] = []
    for label, item in _rule_files(root):
        name = f"{display}{label}/{item.name}"
        if label not in LABELS:
            raise RuleError(
                name, 1, f"folder {label!r} is not one of {', '.join(LABELS)}"
            )
        text = item.read_text(encoding="utf-8")
        folder = str(item.parent) if isinstance(item, Path) else ""
        out.extend(parse_rules(text, file=name, label=label, pack=pack, folder=folder))
    return out


def read_pack(path: Path) -> list[Rule]:
    """The rules of a user pack: a folder of ``<label>/*.toml`` files.

    The pack's name is its folder's name (lowercase letters, digits, - and _); its
    rule ids are prefixed with it (``mypack/programme:county-initiatives``).

    Raises:
        RuleError: the folder is missing, badly named, empty or holds a bad file.
    """
    path = Path(path)
    if not path.is_dir():
        raise RuleError(str(path), 0, "a rule pack must be a folder of <label>/*.toml")
    name = path.resolve().name.lower()
    if not _PACK_NAME.match(name):
        raise RuleError(
            str(path), 0, f"pack name {name!r}: use lowercase letters, digits, - and _"
        )
    rules = read_rules(path, pack=name, display=f"{path}/")
    if not rules:
        raise RuleError(str(path), 0, "no rules found (expected <label>/*.toml)")
    return rules


_PACKS: tuple[Path, ...] = ()


def use_packs(paths: Iterable[Path]) -> None:
    """Make ``paths`` (user packs) active in this process, on top of kg's rules.

    Everything compiled from rules is compiled again on next use: the caches of
    ``kg.lang``, ``kg.extract`` and ``kg.link`` are cleared.
    """
    global _PACKS
    resolved = tuple(Path(p).resolve() for p in paths)
    if resolved == _PACKS:
        return
    previous, _PACKS = _PACKS, resolved
    clear_caches()
    try:
        load_rules()  # a bad pack fails here, not inside a worker
    except RuleError:
        _PACKS = previous  # the packs in use stay those that loaded
        clear_caches()
        raise


def active_packs() -> tuple[Path, ...]:
    """The user packs in use (``use_packs``)."""
    return _PACKS


@cache
def packs_digest() -> str:
    """A hash of the active packs' rule files (names and bytes); empty without packs.

    Part of the extraction cache's version: a build with other packs extracts again.
    """
    if not _PACKS:
        return ""
    import hashlib

    digest = hashlib.sha256()
    for pack in _PACKS:
        digest.update(pack.name.encode())
        for label, item in _rule_files(pack):
            digest.update(f"{label}/{item.name}".encode())
            digest.update(hashlib.sha256(item.read_bytes()).digest())
        for rule_item in load_rules().rules.values():
            listed = rule_item.spec.get("file")
            if listed and rule_item.folder:  # a word list a rule names
                digest.update(f"{rule_item.folder}/{listed}".encode())
                digest.update((Path(rule_item.folder) / listed).read_bytes())
    return digest.hexdigest()[:16]


@cache
def lexicons() -> tuple[Rule, ...]:
    """The words rules that make mentions themselves (``emits = true``): every word
    of theirs found in a text is a mention of their label, with their ``attrs``.
    A user pack's list of programme names, extra places or people is one."""
    return tuple(
        r
        for r in load_rules()
        if r.kind == "words" and r.spec.get("emits") and r.label in _LEXICON_LABELS
    )


_LEXICON_LABELS = ("place", "person", "organization", "programme")


def clear_caches() -> None:
    """Forget everything compiled from the rules (after the packs change)."""
    import sys

    for name, module in list(sys.modules.items()):
        if not name.startswith(("kg.lang", "kg.extract", "kg.link")):
            continue
        for value in list(vars(module).values()):
            if (
                hasattr(value, "cache_clear")
                and getattr(value, "__module__", "") == name
            ):
                value.cache_clear()


@cache
def load_rules() -> RuleSet:
    """kg's rules and those of the active packs (``use_packs``), checked.

    Raises:
        RuleError: a malformed file, an id used twice, or a pack rule extending a
            rule that does not exist.
    """
    ruleset = RuleSet(packs=tuple(p.name for p in _PACKS))
    loaded = read_rules(_package_root(), display="kg/rules/")
    for pack in _PACKS:
        loaded.extend(read_pack(pack))
    for rule in loaded:
        if rule.id in ruleset.rules:
            other = ruleset.rules[rule.id]
            raise RuleError(
                rule.file,
                rule.line,
                f"rule id {rule.id} already used at {other.location}",
            )
        ruleset.rules[rule.id] = rule
    for rule in loaded:
        target = rule.spec.get("extends")
        if target is not None and target not in ruleset.rules:
            raise RuleError(
                rule.file, rule.line, f"rule {rule.id} extends unknown rule {target}"
            )
    return ruleset


def rule(rule_id: str) -> Rule:
    """The rule of that id.

    Raises:
        KeyError: no rule has that id (a typo in the code: a bug, not user input).
    """
    found = load_rules().get(rule_id)
    if found is None:
        raise KeyError(f"no rule {rule_id!r} in kg/rules or the active packs")
    return found


# --------------------------------------------------------------------------- words


@cache
def _own_words(rule_id: str) -> tuple[str, ...]:
    """The words a words rule writes itself (list, characters, file), in order."""
    r = rule(rule_id)
    if r.kind != "words":
        raise RuleError(r.file, r.line, f"rule {rule_id} is a {r.kind}, not words")
    found: list[str] = list(r.spec.get("words", []))
    found.extend(r.spec.get("chars", ""))
    found.extend(r.spec.get("values", {}))
    if "resource" in r.spec:
        from kg.resources import load_list, load_table

        if "column" in r.spec:
            column = r.spec["column"]
            found.extend(row[column] for row in load_table(r.spec["resource"]))
        else:
            found.extend(load_list(r.spec["resource"]))
    if "file" in r.spec:
        if not r.folder:
            raise RuleError(r.file, r.line, "'file' needs a rule file on disk")
        path = Path(r.folder) / r.spec["file"]
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            raise RuleError(r.file, r.line, f"cannot read {path}: {e}") from e
        found.extend(w for ln in lines if (w := ln.split("#", 1)[0].strip()))
    return tuple(found)


@cache
def _extensions(rule_id: str) -> list[Rule]:
    """The rules (a pack's, usually) that extend ``rule_id``, in load order."""
    return [
        other
        for other in load_rules()
        if other.spec.get("extends") == rule_id and other.id != rule_id
    ]


@cache
def word_sources(rule_id: str) -> Mapping[str, str]:
    """Every word of ``rule_id`` and of the rules extending it → the rule giving it.

    The first rule to give a word keeps it: kg's own rule, then packs in order.
    Made once per rule set (read-only): the place extractor asks for its stop-names
    per document.
    """
    out: dict[str, str] = {}
    for word in _own_words(rule_id):
        out.setdefault(word, rule_id)
    for other in _extensions(rule_id):
        for word, source in word_sources(other.id).items():
            out.setdefault(word, source)
    return MappingProxyType(out)


@cache
def words(rule_id: str) -> tuple[str, ...]:
    """The words of a words rule, its extensions' after it, in file order.

    Examples:
        >>> "江" in words("place:chars.after-short-form")
        True
    """
    return tuple(word_sources(rule_id))


@cache
def word_values(rule_id: str) -> dict[str, Any]:
    """The ``values`` table of a words rule (word → value), its extensions' after it.

    Examples:
        >>> word_values("metric:numerals.large")["万"]
        10000
    """
    out: dict[str, Any] = dict(rule(rule_id).spec.get("values", {}))
    for other in _extensions(rule_id):
        for word, value in word_values(other.id).items():
            out.setdefault(word, value)
    return out


@cache
def word_set(rule_id: str) -> frozenset[str]:
    """``words(rule_id)`` as a set."""
    return frozenset(words(rule_id))


@cache
def chars(rule_id: str) -> str:
    """The words of a words rule joined: a string to test ``ch in …`` against."""
    return "".join(words(rule_id))


@cache
def longest_first(rule_id: str) -> tuple[str, ...]:
    """``words(rule_id)`` sorted longest first (ties: file order), for alternations
    and ``str.startswith``/``endswith`` tuples that must prefer the longest."""
    return tuple(sorted(words(rule_id), key=len, reverse=True))


@cache
def alternation(rule_id: str) -> str:
    """A regex alternation of ``words(rule_id)``, longest first, escaped."""
    return "|".join(map(re.escape, longest_first(rule_id)))


# --------------------------------------------------------------------------- patterns


_FLAGS = {"multiline": re.MULTILINE, "dotall": re.DOTALL}


def expand(source: str) -> str:
    """A regex with ``{CJK}``, ``{words:ID}`` and ``{chars:ID}`` filled in: an
    alternation of the words of rule ID (longest first), its characters for a
    character class; ``{chars:A+B}`` joins the characters of rules A and B.

    Examples:
        >>> expand("[{CJK}]{2,3}")
        '[\\u4e00-\\u9fff]{2,3}'
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "CJK":
            return CJK
        kind, rule_ids = name.split(":", 1)
        if kind == "words":
            return "(?:" + "|".join(alternation(i) for i in rule_ids.split("+")) + ")"
        return "".join(re.escape(c) for i in rule_ids.split("+") for c in chars(i))

    return _REFERENCE.sub(fill, source)


@cache
def pattern(rule_id: str) -> re.Pattern[str]:
    """The compiled regex of a pattern rule (literal, list or regex).

    Raises:
        RuleError: a regex that does not compile once its references are filled in.
    """
    r = rule(rule_id)
    spec = r.spec
    if r.kind != "pattern" or "tokens" in spec:
        raise RuleError(r.file, r.line, f"rule {rule_id} is not a text pattern")
    if "literal" in spec:
        source = re.escape(spec["literal"])
    elif "list" in spec:
        items = spec["list"]
        if isinstance(items, str):
            source = alternation(items[1:])
        else:
            source = "|".join(map(re.escape, sorted(items, key=len, reverse=True)))
    else:
        source = expand(spec["regex"])
    flags = 0
    for flag in spec.get("flags", []):
        if flag not in _FLAGS:
            raise RuleError(r.file, r.line, f"unknown flag {flag!r}")
        flags |= _FLAGS[flag]
    try:
        return re.compile(source, flags)
    except re.error as e:
        raise RuleError(r.file, r.line, f"regex does not compile: {e}") from e


_TOKEN_KEYS = ("text", "in", "pos", "not_pos", "length", "op")


@cache
def _needs(rule_id: str) -> tuple[str, ...]:
    """The words of a pattern's ``needs``: every match contains one of them (a list,
    or ``@ID`` for the words of rule ID); empty when the rule names none."""
    needs = rule(rule_id).spec.get("needs", ())
    return words(needs[1:]) if isinstance(needs, str) else tuple(needs)


def finditer(rule_id: str, text: str) -> Iterator[re.Match[str]]:
    """``pattern(rule_id).finditer(text)``, skipped when ``text`` holds none of the
    rule's ``needs``: a few ``in`` tests cost far less than a regex that re tries at
    every character (one opening with a group or a lookbehind), and most texts lack
    the word (作为, 是其中, a state title). The same matches either way."""
    needs = _needs(rule_id)
    for word in needs:  # a loop, not any(): no generator per call
        if word in text:
            break
    else:
        if needs:
            return iter(())
    return pattern(rule_id).finditer(text)


def token_matches(rule_id: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` matched by a token-shape pattern (leftmost, longest).

    A token shape is a table: ``text`` (exact), ``in`` (a list or ``@rule-id``),
    ``pos`` / ``not_pos`` (jieba part-of-speech tags, prefixes: ``"n"`` covers
    ``ns``, ``nr`` …), ``length`` (``[min, max]`` characters) and ``op`` (``"?"``
    optional, ``"+"`` one or more). Tokens are jieba's (POS-tagged) words.
    """
    from kg.extract._tagger import tag

    shapes = _token_shapes(rule_id)
    tokens = tag(text)
    starts = [0]
    for word, _ in tokens:
        starts.append(starts[-1] + len(word))
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        end = _match_tokens(shapes, 0, tokens, i)
        if end is not None and end > i:
            found.append((starts[i], starts[end]))
            i = end
        else:
            i += 1
    return found


def _match_tokens(
    shapes: tuple[tuple[Callable[[str, str], bool], str], ...],
    s: int,
    tokens: Sequence[tuple[str, str]],
    t: int,
) -> int | None:
    """End token index of the longest match of ``shapes[s:]`` at ``tokens[t]``."""
    if s == len(shapes):
        return t
    test, op = shapes[s]
    if op == "?":
        here = (
            _match_tokens(shapes, s + 1, tokens, t + 1)
            if t < len(tokens) and test(*tokens[t])
            else None
        )
        return here if here is not None else _match_tokens(shapes, s + 1, tokens, t)
    if t >= len(tokens) or not test(*tokens[t]):
        return None
    if op == "+":
        run = t + 1
        while run < len(tokens) and test(*tokens[run]):
            run += 1
        for stop in range(run, t, -1):
            end = _match_tokens(shapes, s + 1, tokens, stop)
            if end is not None:
                return end
        return None
    return _match_tokens(shapes, s + 1, tokens, t + 1)


@cache
def _token_shapes(
    rule_id: str,
) -> tuple[tuple[Callable[[str, str], bool], str], ...]:
    r = rule(rule_id)
    shapes = []
    for shape in r.spec["tokens"]:
        tests: list[Callable[[str, str], bool]] = []
        if "text" in shape:
            exact = shape["text"]
            tests.append(lambda w, p, exact=exact: w == exact)
        if "in" in shape:
            allowed = _word_arg(shape["in"], r)
            tests.append(lambda w, p, allowed=allowed: w in allowed)
        if "pos" in shape:
            pos = _tuple(shape["pos"])
            tests.append(lambda w, p, pos=pos: p.startswith(pos))
        if "not_pos" in shape:
            not_pos = _tuple(shape["not_pos"])
            tests.append(lambda w, p, not_pos=not_pos: not p.startswith(not_pos))
        if "length" in shape:
            low, high = _bounds(shape["length"], r)
            tests.append(lambda w, p, low=low, high=high: low <= len(w) <= high)
        op = shape.get("op", "")
        if op not in ("", "?", "+"):
            raise RuleError(r.file, r.line, f"token op {op!r} is not '?' or '+'")

        def test(
            w: str, p: str, tests: tuple[Callable[[str, str], bool], ...] = tuple(tests)
        ) -> bool:
            return all(t(w, p) for t in tests)

        shapes.append((test, op))
    return tuple(shapes)


def _tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _bounds(value: object, r: Rule) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) for v in value)
    ):
        return value[0], value[1]
    raise RuleError(r.file, r.line, f"length {value!r} is not N or [min, max]")


def _word_arg(value: object, r: Rule) -> frozenset[str]:
    """A list written in the rule, or ``"@rule-id"`` naming a words rule."""
    if isinstance(value, str) and value.startswith("@"):
        return word_set(value[1:])
    if isinstance(value, str):
        return frozenset(value)  # a string of characters
    if _str_list(value):
        return frozenset(value)  # type: ignore[arg-type]
    raise RuleError(r.file, r.line, f"{value!r} is not a list, characters or @rule-id")


def _affixes(value: object, r: Rule) -> tuple[str, ...]:
    """Strings for ``starts_with`` / ``ends_with``: a list, one string or @rule-id."""
    if isinstance(value, str) and value.startswith("@"):
        return longest_first(value[1:])
    if isinstance(value, str):
        return (value,)
    if _str_list(value):
        return tuple(value)  # type: ignore[arg-type]
    raise RuleError(r.file, r.line, f"{value!r} is not a string, a list or @rule-id")


# --------------------------------------------------------------------------- conditions

# A condition tests one input (a string, a number or true/false) against an
# argument written in the file. Operators register extra tests (``register_test``):
# the place extractor's "is a frequent word of jieba's dictionary", for instance.
Test = Callable[[Any], bool]
_TESTS: dict[str, Callable[[Any, Rule], Test]] = {}


def register_test(name: str, make: Callable[[Any, Rule], Test]) -> None:
    """Add a test that conditions can use: ``make(argument, rule)`` returns a
    function of the input value. Registered by the module implementing it."""
    _TESTS[name] = make


def _inline(test: Test, op: str, arg: Any) -> Test:
    """Mark ``test`` with an inline form (op, its argument): the generated matcher
    (``Table.matcher``) writes it as an expression instead of calling it."""
    test.inline = (op, arg)  # type: ignore[attr-defined]
    return test


def _builtin_tests() -> None:
    def equals(arg: Any, r: Rule) -> Test:
        if isinstance(arg, list):
            options = frozenset(arg)
            return _inline(lambda v: v in options, "in", options)
        return _inline(lambda v: v == arg, "==", arg)

    def is_in(arg: Any, r: Rule) -> Test:
        options = _word_arg(arg, r)
        return _inline(lambda v: v in options, "in", options)

    def not_in(arg: Any, r: Rule) -> Test:
        options = _word_arg(arg, r)
        return _inline(lambda v: v not in options, "not in", options)

    def starts_with(arg: Any, r: Rule) -> Test:
        options = _affixes(arg, r)
        return _inline(lambda v: v.startswith(options), "startswith", options)

    def ends_with(arg: Any, r: Rule) -> Test:
        options = _affixes(arg, r)
        return _inline(lambda v: v.endswith(options), "endswith", options)

    def contains(arg: Any, r: Rule) -> Test:
        options = _affixes(arg, r)
        return lambda v: any(o in v for o in options)

    def matches(arg: Any, r: Rule) -> Test:
        compiled = _regex_arg(arg, r)
        return _inline(lambda v: compiled.search(v) is not None, "search", compiled)

    def fullmatch(arg: Any, r: Rule) -> Test:
        compiled = _regex_arg(arg, r)
        test = lambda v: compiled.fullmatch(v) is not None  # noqa: E731
        return _inline(test, "fullmatch", compiled)

    def ends_with_stem(arg: Any, r: Rule) -> Test:
        options = _affixes(arg, r)
        return lambda v: any(v.endswith(o) and len(v) > len(o) for o in options)

    def any_not_starting_with(arg: Any, r: Rule) -> Test:
        prefixes = _affixes(arg, r)

        def test(v: Any) -> bool:
            for item in v:
                if not item.startswith(prefixes):
                    return True
            return False

        return test

    def length(arg: Any, r: Rule) -> Test:
        low, high = _bounds(arg, r)
        return _inline(lambda v: low <= len(v) <= high, "len", (low, high))

    for name, make in (
        ("equals", equals),
        ("in", is_in),
        ("not_in", not_in),
        ("starts_with", starts_with),
        ("ends_with", ends_with),
        ("ends_with_stem", ends_with_stem),
        ("any_not_starting_with", any_not_starting_with),
        ("contains", contains),
        ("matches", matches),
        ("fullmatch", fullmatch),
        ("length", length),
    ):
        register_test(name, make)


def _regex_arg(arg: Any, r: Rule) -> re.Pattern[str]:
    if isinstance(arg, str) and arg.startswith("@"):
        return pattern(arg[1:])
    if not isinstance(arg, str):
        raise RuleError(r.file, r.line, f"{arg!r} is not a regex or @rule-id")
    try:
        return re.compile(expand(arg))
    except re.error as e:
        raise RuleError(r.file, r.line, f"regex {arg!r} does not compile: {e}") from e


_builtin_tests()

# (input name, test of its value, the test before negation, negated)
Condition = tuple[str, Test, Test, bool]


def compile_when(r: Rule, inputs: Sequence[str]) -> tuple[Condition, ...]:
    """The conditions of a rule's ``when`` table, as (input, test) pairs.

    ``when = { key.ends_with = ["乡"], next.in = "村镇" }`` tests the input ``key``
    and the input ``next``; a test written without an input name
    (``when = { ends_with = ["区"] }``) tests the first input. ``not = {…}`` holds
    when none of the tests inside it holds.

    Raises:
        RuleError: an input the operator does not provide, or an unknown test.
    """
    out: list[Condition] = []

    def add(name: str, test_name: str, arg: Any, negate: bool) -> None:
        if name not in inputs:
            raise RuleError(
                r.file,
                r.line,
                f"rule {r.id}: no input {name!r} here (inputs: {', '.join(inputs)})",
            )
        if test_name == "not" and isinstance(arg, dict):
            for inner, inner_arg in arg.items():
                add(name, inner, inner_arg, not negate)
            return
        make = _TESTS.get(test_name)
        if make is None:
            raise RuleError(
                r.file,
                r.line,
                f"rule {r.id}: unknown test {test_name!r} "
                f"(tests: {', '.join(sorted(_TESTS))})",
            )
        test = make(arg, r)
        checked = (lambda v, t=test: not t(v)) if negate else test
        out.append((name, checked, test, negate))

    for key, value in r.spec["when"].items():
        if isinstance(value, dict) and key != "not":
            for test_name, arg in value.items():
                add(key, test_name, arg, False)  # fails if ``key`` is no input
        elif key == "not" and isinstance(value, dict):
            for inner, arg in value.items():
                if inner in inputs and isinstance(arg, dict):
                    for test_name, inner_arg in arg.items():
                        add(inner, test_name, inner_arg, True)
                else:
                    add(inputs[0], inner, arg, True)
        else:
            add(inputs[0], key, value, False)
    return tuple(out)


class Inputs(dict[str, Any]):
    """The inputs of a condition, computed when first asked for.

    ``Inputs(makers, context)``: ``makers[name](context)`` gives input ``name``;
    most conditions fail on a cheap input, so the dear ones are rarely made.
    """

    __slots__ = ("_context", "_makers")

    def __init__(
        self, makers: Mapping[str, Callable[[Any], Any]], context: Any
    ) -> None:
        super().__init__()
        self._makers = makers
        self._context = context

    def __missing__(self, name: str) -> Any:
        value = self[name] = self._makers[name](self._context)
        return value


@dataclass(frozen=True, slots=True)
class Table:
    """Ordered rows, each a rule and its conditions: the first row that holds wins."""

    rows: tuple[tuple[Rule, tuple[Condition, ...]], ...]
    default: Any = None

    def first(self, inputs: Mapping[str, Any]) -> Rule | None:
        """The first row whose conditions all hold, or ``None``."""
        for row, conditions in self.rows:
            for name, test, _, _ in conditions:
                if not test(inputs[name]):
                    break
            else:
                return row
        return None

    def decide(self, inputs: Mapping[str, Any]) -> tuple[Any, str | None]:
        """``(then, row id)`` of the first row that holds, else ``(default, None)``."""
        row = self.first(inputs)
        if row is None:
            return self.default, None
        return row.spec["then"], row.id

    def matcher(
        self, makers: Mapping[str, Callable[[Any], Any]], costly: Iterable[str] = ()
    ) -> Callable[[Any], Rule | None]:
        """``first`` as one generated function of a context: the input ``name`` is
        ``makers[name](context)``, made once and only when a condition needs it.

        The rows become one ``if`` each, the built-in tests inline expressions
        (``==``, ``in``, ``str.endswith``): the gazetteer guards see every name the
        automaton finds, and calling a test per condition made the place extractor
        a fifth slower (bench/extract_bench.py).

        ``costly``: inputs whose maker is expensive (jieba around a name); a row
        tests them after its other conditions, so that a row another condition
        already turns down does not make them. The same rows hold (a row holds
        when all its conditions do, and the tests have no side effects), only
        fewer inputs are made.
        """
        names = list(makers)
        last = frozenset(costly)
        env: dict[str, Any] = {"_U": _UNSET}
        for i, name in enumerate(names):
            env[f"M{i}"] = makers[name]
        lines = ["def first(ctx):"]
        if names:
            lines.append(
                "    " + " = ".join(f"V{i}" for i in range(len(names))) + " = _U"
            )
        for k, (row, conditions) in enumerate(self.rows):
            env[f"R{k}"] = row
            terms = []
            ordered = sorted(conditions, key=lambda c: c[0] in last)  # stable
            for j, (name, _, test, negate) in enumerate(ordered):
                i = names.index(name)
                value = f"(V{i} if V{i} is not _U else (V{i} := M{i}(ctx)))"
                arg = f"A{k}_{j}"
                op, inline_arg = getattr(test, "inline", (None, None))
                if op is None:
                    env[arg] = test
                    term = f"{arg}({value})"
                else:
                    env[arg] = inline_arg
                    term = {
                        "==": f"{value} == {arg}",
                        "in": f"{value} in {arg}",
                        "not in": f"{value} not in {arg}",
                        "startswith": f"{value}.startswith({arg})",
                        "endswith": f"{value}.endswith({arg})",
                        "len": f"{arg}[0] <= len({value}) <= {arg}[1]",
                        "search": f"{arg}.search({value}) is not None",
                        "fullmatch": f"{arg}.fullmatch({value}) is not None",
                    }[op]
                terms.append(f"not ({term})" if negate else f"({term})")
            condition = " and ".join(terms) or "True"
            lines.append(f"    if {condition}:")
            lines.append(f"        return R{k}")
        lines.append("    return None")
        exec("\n".join(lines), env)  # built from the rules' own conditions only
        return env["first"]  # type: ignore[no-any-return]


_UNSET = object()


@cache
def table(rule_id: str) -> Table:
    """The decision table of a ``table`` rule, its rows compiled.

    Examples:
        >>> table("place:level-from-name").decide({"text": "兴隆村"})
        ('village', 'place:level-from-name.village')
    """
    r = rule(rule_id)
    if r.kind != "table":
        raise RuleError(r.file, r.line, f"rule {rule_id} is a {r.kind}, not a table")
    inputs = tuple(r.spec.get("inputs", ["text"]))
    ruleset = load_rules()
    rows = [ruleset.rules[row_id] for row_id in r.rows]
    # Pack rows extending a table come after its own rows.
    for other in ruleset:
        if other.kind == "table" and other.spec.get("extends") == rule_id:
            rows.extend(ruleset.rules[row_id] for row_id in other.rows)
    return Table(
        tuple((row, compile_when(row, inputs)) for row in rows), r.spec.get("default")
    )


@cache
def guards(label: str, stage: str, inputs: tuple[str, ...]) -> Table:
    """The guards of ``label`` for ``stage`` (kg's, then the packs'), as a table:
    the first that holds rejects the candidate."""
    rows = [
        (g, compile_when(g, inputs))
        for g in load_rules().of(label, "guard")
        if g.spec["stage"] == stage
    ]
    return Table(tuple(rows), None)
