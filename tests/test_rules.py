"""The rule loader: malformed files fail with file, line and reason; operators."""

from __future__ import annotations

import pytest

from kg.lang.rules import (
    RuleError,
    load_rules,
    parse_rules,
    read_pack,
    rule,
    table,
)

GOOD = """
# a comment
[[rule]]
id = "place:demo"
kind = "words"
why = "a demonstration"
words = ["梁平"]
examples = [["梁平区", "梁平区"]]
counterexamples = [["平安", "平安"]]
"""


def _error(text: str, label: str = "place") -> RuleError:
    with pytest.raises(RuleError) as info:
        parse_rules(text, file="demo.toml", label=label)
    return info.value


def test_rules_parse_a_good_file():
    (found,) = parse_rules(GOOD, file="demo.toml", label="place")
    assert (found.id, found.kind, found.line, found.file) == (
        "place:demo",
        "words",
        3,
        "demo.toml",
    )
    assert found.examples[0].text == "梁平区"
    assert found.examples[0].line == 8


def test_rules_toml_syntax_error_names_the_line():
    error = _error(GOOD.replace('why = "a demonstration"', "why = a demonstration"))
    assert (error.file, error.line) == ("demo.toml", 6)
    assert "not valid TOML" in error.reason


@pytest.mark.parametrize(
    ("change", "line", "reason"),
    [
        (('why = "a demonstration"\n', ""), 3, "needs a 'why'"),
        (('kind = "words"', 'kind = "wordlist"'), 3, "kind 'wordlist'"),
        (('id = "place:demo"', 'id = "person:demo"'), 3, "must start with 'place:'"),
        (('id = "place:demo"', 'id = "Place Demo"'), 3, "is not <label>:<name>"),
        (
            ('words = ["梁平"]', 'words = ["梁平"]\nwordz = ["x"]'),
            8,
            "unknown key 'wordz'",
        ),
        (('words = ["梁平"]', 'words = "梁平"'), 3, "'words' must be a list"),
        (('examples = [["梁平区", "梁平区"]]\n', ""), 3, "needs 'examples'"),
        (('[["平安", "平安"]]', '[["平安"]]'), 3, "is not a [snippet, expected] pair"),
        (('why = "a demonstration"', 'why = "two\\nlines"'), 3, "must be one line"),
    ],
)
def test_rules_malformed_rule_names_file_line_reason(change, line, reason):
    error = _error(GOOD.replace(*change))
    assert error.file == "demo.toml"
    assert error.line == line
    assert reason in error.reason, error.reason


def test_rules_duplicate_id_and_top_level_key():
    assert "used twice" in _error(GOOD + GOOD).reason
    error = _error("title = 'x'\n" + GOOD)
    assert (error.line, "unknown top-level key 'title'") == (
        1,
        error.reason[: len("unknown top-level key 'title'")],
    )


def test_rules_unknown_test_fails_when_compiled(tmp_path):
    pack = tmp_path / "demo"
    (pack / "place").mkdir(parents=True)
    (pack / "place" / "guards.toml").write_text(
        GOOD.replace('kind = "words"', 'kind = "guard"\nstage = "gazetteer"').replace(
            'words = ["梁平"]', 'when = { key.sounds_like = "梁" }'
        ),
        encoding="utf-8",
    )
    (found,) = read_pack(pack)
    assert found.id == "demo/place:demo"
    from kg.lang.rules import compile_when

    with pytest.raises(RuleError, match="unknown test 'sounds_like'"):
        compile_when(found, ("key",))
    with pytest.raises(RuleError, match="no input 'key'"):
        compile_when(found, ("text",))


def test_rules_pack_folder_must_be_a_label(tmp_path):
    (tmp_path / "pk" / "places").mkdir(parents=True)
    (tmp_path / "pk" / "places" / "a.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="folder 'places' is not one of"):
        read_pack(tmp_path / "pk")


def test_rules_shipped_rules_load_with_locations():
    ruleset = load_rules()
    found = rule("place:guard.township-before-village")
    assert found.file == "kg/rules/place/gazetteer.toml"
    assert found.line > 1
    assert ruleset.of("place", "guard")


def test_rules_table_first_row_wins():
    decide = table("place:level-from-name").decide
    assert decide({"text": "八角社区"}) == (
        "community",
        "place:level-from-name.community",
    )
    # 社区 alone has no stem: the 区 row takes it (as kg always did)
    assert decide({"text": "社区"}) == ("district", "place:level-from-name.district")
    assert decide({"text": "梁平"}) == (None, None)


def test_rules_every_mention_rule_of_the_seeds_is_a_rule(seed_docs):
    ids = {m.rule for _, mentions in seed_docs for m in mentions}
    assert ids
    assert sorted(i for i in ids if load_rules().get(i) is None) == []


def test_rules_token_pattern(tmp_path):
    pack = tmp_path / "tok"
    (pack / "place").mkdir(parents=True)
    (pack / "place" / "p.toml").write_text(
        """
[[rule]]
id = "place:demo-tokens"
kind = "pattern"
why = "a place name and the word 公园"
tokens = [{ pos = "ns" }, { text = "公园" }]
examples = [["重庆公园", "重庆公园"]]
counterexamples = [["城市公园", "城市公园"]]
""",
        encoding="utf-8",
    )
    from kg.lang import rules as rules_module

    rules_module.use_packs([pack])
    try:
        spans = rules_module.token_matches("tok/place:demo-tokens", "我们去重庆公园玩")
    finally:
        rules_module.use_packs([])
    assert spans == [(3, 7)]
