"""Every rule's examples and counterexamples, checked through the real extractor.

Adding a rule and its test is one edit of one file under ``kg/rules/``: this test
reads every rule there and checks what its examples say (see ``kg.lang.examples``).
"""

from __future__ import annotations

import pytest

from kg.lang.examples import check_rule
from kg.lang.rules import load_rules

RULES = [r for r in load_rules() if r.examples or r.counterexamples]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert check_rule(rule) == []
