"""Check a rule's examples and counterexamples through the real extractor.

How a rule is checked (its ``check`` key, or the default of its kind):

- ``extract`` (every rule but a table row): the snippet is extracted like a
  document; an example holds when a mention of the rule's label has the expected
  text (or name) and every attribute written beside it (``{text = …, match = …,
  level = "town"}``; ``"posts.0.former" = false`` walks into lists and tables;
  ``label = "person"`` looks at another label's mentions; ``rule = …`` asks which
  rule made it); a rule with ``emits = true`` must also be the one that made it.
  A counterexample holds when no such mention is found (for a rule that emits,
  none made by it; for a guard, this guard must have turned it down). Rules of ``link``
  expect a node id (``organization:梁平区委组织部``) or an edge written
  ``"SOURCE TYPE TARGET"`` of the graph linked from the snippet.
- ``table`` (a table row): the table decides the snippet (with the other inputs
  written beside it); an example holds when this row decides it and gives the
  expected value; a counterexample when this row does not decide it (and, if a
  value is written, the table gives that value instead).
- ``call:MODULE:FUNCTION``: the function's answer for the snippet, as a string,
  must equal the expected value (an example) or differ from it (a counterexample).
"""

from __future__ import annotations

import importlib
from typing import Any

from kg.lang import trace
from kg.lang.rules import Example, Rule, load_rules, table


def check_rule(rule: Rule) -> list[str]:
    """What fails among ``rule``'s examples and counterexamples (empty: all hold).

    Each failure names the file and line of the example and what was found.
    """
    failures = []
    for example, positive in [(e, True) for e in rule.examples] + [
        (e, False) for e in rule.counterexamples
    ]:
        reason = _check(rule, example, positive)
        if reason:
            word = "example" if positive else "counterexample"
            failures.append(
                f"{rule.file}:{example.line}: {rule.id} {word} "
                f"{example.text!r} → {example.expect!r}: {reason}"
            )
    return failures


def _check(rule: Rule, example: Example, positive: bool) -> str | None:
    how = str(rule.spec.get("check") or ("table" if rule.kind == "row" else "extract"))
    if how == "table":
        return _check_table(rule, example, positive)
    if how.startswith("call:"):
        return _check_call(how, example, positive)
    if how == "extract":
        if rule.label == "link":
            return _check_link(example, positive)
        return _check_extract(rule, example, positive)
    return f"unknown check {how!r} (extract, table or call:MODULE:FUNCTION)"


def _check_table(rule: Rule, example: Example, positive: bool) -> str | None:
    if rule.table is None:
        return "only a table row is checked by its table"
    owner = load_rules().rules[rule.table]
    inputs = list(owner.spec.get("inputs", ["text"]))
    given: dict[str, Any] = {inputs[0]: example.text}
    given.update(example.fields)
    for name in inputs:
        given.setdefault(name, "")
    value, row = table(rule.table).decide(given)
    if positive:
        if row != rule.id:
            return f"decided by {row or 'no row'} as {value!r}"
        if example.expect is not None and _text(value) != example.expect:
            return f"gives {value!r}"
        return None
    if row == rule.id:
        return f"this row decides it ({value!r})"
    if example.expect and _text(value) != example.expect:
        return f"the table gives {value!r} by {row or 'no row'}"
    return None


def _check_call(how: str, example: Example, positive: bool) -> str | None:
    _, module_name, function_name = how.split(":", 2)
    function = getattr(importlib.import_module(module_name), function_name)
    try:
        answer = _text(function(example.text))
    except Exception as e:  # the answer of a counterexample may be an error
        answer = f"error: {type(e).__name__}"
    if positive and answer != example.expect:
        return f"gives {answer!r}"
    if not positive and answer == example.expect:
        return f"gives {answer!r}"
    return None


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _check_extract(rule: Rule, example: Example, positive: bool) -> str | None:
    from kg.extract import extract
    from kg.ingest import parse_document

    wanted = dict(example.fields)
    label = wanted.pop("label", rule.label)
    with trace.recording() as rejections:
        mentions = extract(parse_document(example.text, "example.txt"))
    same_label = [m for m in mentions if m.label == label]
    found = [
        m
        for m in same_label
        if example.expect is None or example.expect in (m.text, m.name)
    ]
    expected_rule = wanted.pop("rule", None)
    if expected_rule is None and rule.spec.get("emits"):
        expected_rule = rule.id
    for key, value in wanted.items():
        found = [m for m in found if _matches(_attr(m.attrs, key), value)]
    if expected_rule is not None:
        found = [m for m in found if m.rule == expected_rule]
    if positive and not found:
        seen = ", ".join(f"{m.text} ({m.rule})" for m in same_label) or "nothing"
        return f"not found; {rule.label} mentions: {seen}"
    if not positive and found:
        return "found: " + ", ".join(f"{m.text} ({m.rule})" for m in found)
    if not positive and rule.kind == "guard":
        # A guard's counterexample is a candidate this guard turns down.
        if not any(
            r.rule == rule.id and example.expect in (None, r.text) for r in rejections
        ):
            others = ", ".join(f"{r.text} ({r.rule})" for r in rejections) or "none"
            return f"not turned down by this guard; rejections: {others}"
    return None


def _attr(attrs: object, key: str) -> object:
    """``attrs[key]``; a dotted key walks into lists and tables (``posts.0.former``)."""
    value = attrs
    for part in key.split("."):
        if (
            isinstance(value, list | tuple)
            and part.isdigit()
            and int(part) < len(value)
        ):
            value = value[int(part)]
        elif hasattr(value, "get"):
            value = value.get(part)
        else:
            return None
    return value


def _matches(actual: object, expected: object) -> bool:
    if isinstance(expected, str) and not isinstance(actual, str):
        return _text(actual) == expected
    return actual == expected


def _check_link(example: Example, positive: bool) -> str | None:
    from kg.extract import extract
    from kg.ingest import parse_document
    from kg.link import link

    doc = parse_document(example.text, "example.txt")
    graph = link([(doc, extract(doc))])
    expect = example.expect or ""
    parts = expect.split()
    if len(parts) == 3:
        present = any(
            (r.subject, r.predicate, r.object) == tuple(parts) for r in graph.relations
        )
    else:
        present = expect in graph.entities
    if positive and not present:
        edges = sorted(
            f"{r.subject} {r.predicate} {r.object}"
            for r in graph.relations
            if r.predicate != "in_document"
        )
        return "not in the graph; edges: " + "; ".join(edges[:12])
    if not positive and present:
        return "in the graph"
    return None
