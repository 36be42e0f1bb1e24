"""A pattern's ``needs``: words one of which every match holds, so that
``rules.finditer`` skips a text without any (speed only: the same matches)."""

from __future__ import annotations

import pytest

from kg.lang.rules import (
    RuleError,
    _needs,
    finditer,
    load_rules,
    parse_rules,
    pattern,
)

DEMO = """
[[rule]]
id = "person:demo"
kind = "pattern"
needs = NEEDS
why = "a demonstration"
regex = '(?<=[，,])(?P<name>[\\u4e00-\\u9fff]{2,3})是其中之一'
examples = [["大家都来了，王小明是其中之一。", "王小明"]]
counterexamples = [["王小明是其中的骨干。", "王小明"]]
"""


def test_needs_must_be_words_or_a_reference():
    parse_rules(DEMO.replace("NEEDS", '["是其中"]'), file="d.toml", label="person")
    parse_rules(DEMO.replace("NEEDS", '"@person:x"'), file="d.toml", label="person")
    for bad in ('"是其中"', '[""]', "[]", "[1]"):
        with pytest.raises(RuleError, match="'needs' must be"):
            parse_rules(DEMO.replace("NEEDS", bad), file="d.toml", label="person")


def _rules_with_needs() -> list[str]:
    return [r.id for r in load_rules() if r.spec.get("needs")]


def test_shipped_needs_hold_on_their_examples():
    """Every snippet of such a rule that its regex matches holds a needed word, and
    finditer finds there what the regex finds."""
    ids = _rules_with_needs()
    assert ids, "no pattern rule names 'needs'"
    for rule_id in ids:
        r = load_rules().get(rule_id)
        snippets = [e.text for e in r.examples + r.counterexamples]
        for text in snippets:
            spans = [m.span() for m in pattern(rule_id).finditer(text)]
            if spans:
                assert any(w in text for w in _needs(rule_id)), (rule_id, text)
            assert [m.span() for m in finditer(rule_id, text)] == spans


def test_finditer_skips_a_text_without_the_needed_words():
    rule_id = "person:pattern.one-of-them"
    assert "是其中" in _needs(rule_id)
    made_up = "会上，李明是其中的一位代表。"
    assert [m.group("name") for m in finditer(rule_id, made_up)] == ["李明"]
    assert list(finditer(rule_id, "会上，李明是代表之一。")) == []
