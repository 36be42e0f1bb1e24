"""Rule files of ``kg/rules/<label>/*.toml``: word lists, decision tables, steps.

A small reader of the rule format (one ``[[rule]]`` table per rule, with ``id``,
``kind``, ``why``, ``examples`` and ``counterexamples``) for the programme rules,
until the shared rule loader of the rules issue (``kg.lang.rules``) is merged; its
functions have the same names and meanings (``words``, ``word_set``,
``longest_first``, ``alternation``, ``expand``, ``table``, ``register_test``).

Kinds read here: ``words`` (``words`` = a list, ``chars`` = a string of characters,
``resource`` = a file of ``kg/resources``), ``table`` (``inputs``, ``default`` and
``[[rule.row]]`` rows of ``when`` conditions and a ``then`` value) and ``stage`` (a
step written in Python, named so that its mentions have a rule to point to).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as _resources
from typing import Any

from kg.errors import KgError

CJK = "\u4e00-\u9fff"
_REFERENCE = re.compile(r"\{(CJK|words:[^{}]+|chars:[^{}]+)\}")
_HEADER = re.compile(r"^\s*\[\[\s*rule(\.row)?\s*\]\]\s*(?:#.*)?$")


class RuleError(KgError):
    """A rule file that does not follow the format: names the file, line and reason."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"{file}:{line}: {reason}")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    expect: str | None
    fields: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    why: str
    file: str
    line: int
    spec: Mapping[str, Any]
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[Example, ...] = ()
    table: str | None = None  # a row: the id of its table
    rows: tuple[str, ...] = ()  # a table: the ids of its rows, in order

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


def _examples(items: object, where: str) -> tuple[Example, ...]:
    out = []
    for item in items or []:  # type: ignore[attr-defined]
        if isinstance(item, list) and len(item) == 2:
            out.append(Example(str(item[0]), str(item[1]), {}))
        elif isinstance(item, dict):
            fields = dict(item)
            text = fields.pop("text", None)
            expect = fields.pop("expect", fields.pop("match", None))
            if not isinstance(text, str):
                raise RuleError(where, 0, f"example {item!r} has no text")
            out.append(Example(text, expect, fields))
        else:
            raise RuleError(where, 0, f"example {item!r} is neither a pair nor a table")
    return tuple(out)


def parse_rules(text: str, file: str) -> list[Rule]:
    """The rules (and table rows) of one rule file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RuleError(file, 1, f"not valid TOML: {e}") from e
    headers = [
        (n, bool(m.group(1)))
        for n, line in enumerate(text.splitlines(), start=1)
        if (m := _HEADER.match(line))
    ]
    rule_lines = [n for n, is_row in headers if not is_row]
    row_lines = iter(n for n, is_row in headers if is_row)
    out: list[Rule] = []
    for raw, line in zip(data.get("rule", []), rule_lines, strict=True):
        for key in ("id", "kind", "why"):
            if not isinstance(raw.get(key), str):
                raise RuleError(file, line, f"a rule needs '{key}'")
        rows = []
        for raw_row in raw.get("row", []):
            row_line = next(row_lines)
            if "when" not in raw_row or "then" not in raw_row:
                raise RuleError(file, row_line, "a row needs 'when' and 'then'")
            rows.append(
                Rule(
                    id=raw_row["id"],
                    kind="row",
                    why=raw_row.get("why", ""),
                    file=file,
                    line=row_line,
                    spec={"when": raw_row["when"], "then": raw_row["then"]},
                    examples=_examples(raw_row.get("examples"), file),
                    counterexamples=_examples(raw_row.get("counterexamples"), file),
                    table=raw["id"],
                )
            )
        spec = {k: v for k, v in raw.items() if k not in ("row",)}
        out.append(
            Rule(
                id=raw["id"],
                kind=raw["kind"],
                why=raw["why"],
                file=file,
                line=line,
                spec=spec,
                examples=_examples(raw.get("examples"), file),
                counterexamples=_examples(raw.get("counterexamples"), file),
                rows=tuple(r.id for r in rows),
            )
        )
        out.extend(rows)
    return out


def _rule_files() -> Iterator[tuple[str, str]]:
    root = _resources.files("kg") / "rules"
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir() or folder.name.startswith((".", "_")):
            continue
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml"):
                yield f"kg/rules/{folder.name}/{item.name}", item.read_text("utf-8")


@cache
def load_rules() -> dict[str, Rule]:
    """Every rule by id, in file order."""
    rules: dict[str, Rule] = {}
    for file, text in _rule_files():
        for r in parse_rules(text, file):
            if r.id in rules:
                raise RuleError(file, r.line, f"rule id {r.id} used twice")
            rules[r.id] = r
    return rules


def rule(rule_id: str) -> Rule:
    found = load_rules().get(rule_id)
    if found is None:
        raise KeyError(f"no rule {rule_id!r} in kg/rules")
    return found


@cache
def words(rule_id: str) -> tuple[str, ...]:
    """The words of a words rule, in file order."""
    r = rule(rule_id)
    if r.kind != "words":
        raise RuleError(r.file, r.line, f"rule {rule_id} is a {r.kind}, not words")
    found: list[str] = list(r.spec.get("words", []))
    found.extend(r.spec.get("chars", ""))
    if "resource" in r.spec:
        from kg.resources import load_list

        found.extend(load_list(r.spec["resource"]))
    return tuple(dict.fromkeys(found))


@cache
def word_set(rule_id: str) -> frozenset[str]:
    return frozenset(words(rule_id))


@cache
def chars(rule_id: str) -> str:
    return "".join(words(rule_id))


@cache
def longest_first(rule_id: str) -> tuple[str, ...]:
    return tuple(sorted(words(rule_id), key=len, reverse=True))


def alternation(rule_id: str) -> str:
    return "|".join(map(re.escape, longest_first(rule_id)))


def expand(source: str) -> str:
    """A regex with ``{CJK}``, ``{words:ID}`` and ``{chars:ID}`` filled in."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "CJK":
            return CJK
        kind, rule_id = name.split(":", 1)
        if kind == "words":
            return f"(?:{alternation(rule_id)})"
        return "".join(re.escape(c) for c in chars(rule_id))

    return _REFERENCE.sub(fill, source)


# --------------------------------------------------------------------------- tables

Test = Callable[[Any], bool]
_TESTS: dict[str, Callable[[Any, Rule], Test]] = {}


def register_test(name: str, make: Callable[[Any, Rule], Test]) -> None:
    """Add a test conditions can use: ``make(argument, rule)`` gives a function of
    the input's value."""
    _TESTS[name] = make


def _affixes(arg: Any, r: Rule) -> tuple[str, ...]:
    if isinstance(arg, str) and arg.startswith("@"):
        return longest_first(arg[1:])
    if isinstance(arg, str):
        return (arg,)
    if isinstance(arg, list):
        return tuple(arg)
    raise RuleError(r.file, r.line, f"{arg!r} is not a string, a list or @rule-id")


def _word_arg(arg: Any, r: Rule) -> frozenset[str]:
    if isinstance(arg, str) and arg.startswith("@"):
        return word_set(arg[1:])
    if isinstance(arg, list):
        return frozenset(arg)
    if isinstance(arg, str):
        return frozenset(arg)
    raise RuleError(r.file, r.line, f"{arg!r} is not a list or @rule-id")


def _builtin_tests() -> None:
    def equals(arg: Any, r: Rule) -> Test:
        return lambda v: v == arg

    def is_in(arg: Any, r: Rule) -> Test:
        options = _word_arg(arg, r)
        return lambda v: v in options

    def not_in(arg: Any, r: Rule) -> Test:
        options = _word_arg(arg, r)
        return lambda v: v not in options

    def starts_with(arg: Any, r: Rule) -> Test:
        options = _affixes(arg, r)
        return lambda v: v.startswith(options)

    def ends_with(arg: Any, r: Rule) -> Test:
        options = _affixes(arg, r)
        return lambda v: v.endswith(options)

    def matches(arg: Any, r: Rule) -> Test:
        compiled = re.compile(expand(arg))
        return lambda v: compiled.search(v) is not None

    def length(arg: Any, r: Rule) -> Test:
        low, high = (arg, arg) if isinstance(arg, int) else arg
        return lambda v: low <= len(v) <= high

    for name, make in (
        ("equals", equals),
        ("in", is_in),
        ("not_in", not_in),
        ("starts_with", starts_with),
        ("ends_with", ends_with),
        ("matches", matches),
        ("length", length),
    ):
        register_test(name, make)


_builtin_tests()

Condition = tuple[str, Test]


def compile_when(r: Rule, inputs: Sequence[str]) -> tuple[Condition, ...]:
    """``when = { name.ends_with = […], before.in = "…" }`` as (input, test) pairs."""
    out: list[Condition] = []
    for key, value in r.spec["when"].items():
        if not isinstance(value, dict):
            key, value = inputs[0], {key: value}
        if key not in inputs:
            raise RuleError(r.file, r.line, f"rule {r.id}: no input {key!r}")
        for test_name, arg in value.items():
            make = _TESTS.get(test_name)
            if make is None:
                raise RuleError(
                    r.file, r.line, f"rule {r.id}: unknown test {test_name!r}"
                )
            out.append((key, make(arg, r)))
    return tuple(out)


class Inputs(dict[str, Any]):
    """The inputs of a condition, made when first asked for."""

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
    inputs: tuple[str, ...] = field(default=())

    def decide(self, given: Mapping[str, Any]) -> tuple[Any, str | None]:
        """``(then, row id)`` of the first row that holds, else ``(default, None)``."""
        for row, conditions in self.rows:
            for name, test in conditions:
                if not test(given[name]):
                    break
            else:
                return row.spec["then"], row.id
        return self.default, None


@cache
def table(rule_id: str) -> Table:
    r = rule(rule_id)
    if r.kind != "table":
        raise RuleError(r.file, r.line, f"rule {rule_id} is a {r.kind}, not a table")
    inputs = tuple(r.spec.get("inputs", ["text"]))
    rules = load_rules()
    rows = tuple((rules[i], compile_when(rules[i], inputs)) for i in r.rows)
    return Table(rows, r.spec.get("default"), inputs)
