"""Round 17: a quoted theme and its themed-activity head name one programme, and the
scope rows that say a programme is the nation's (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_programmes(doc, extract_places(doc))}


def test_a_quoted_theme_and_its_activity_head_name_the_activity() -> None:
    found = _found("团县委开展“青春向党、奋斗强国”主题团日活动。")
    assert "青春向党、奋斗强国主题团日活动" in found
    found = _found("该校深入开展“我的家乡我的梦”主题教育实践活动，")
    assert "我的家乡我的梦主题教育实践活动" in found
    assert "我的家乡我的梦" in found["我的家乡我的梦主题教育实践活动"]["aliases"]
    assert "清风润村主题党日活动" in _found("某镇开展“清风润村”主题党日活动。")


def test_a_theme_stays_a_theme() -> None:
    assert not _found("晚会以“在祖国的怀抱中”为主题。")
    # a word between the quote and the head: the theme is not joined to it
    assert "品质生活餐饮主题活动" not in _found("开展“品质生活”餐饮主题活动。")


def test_a_programme_run_across_the_nation_is_national() -> None:
    found = _found("“书香少年”主题读书活动在全国各地学校广泛开展。")
    assert found["书香少年主题读书活动"]["scope"] == "national"
    found = _found("“书香少年”主题读书活动在全县开展。")
    assert found["书香少年主题读书活动"]["scope"] == "local"


def test_the_youth_league_launching_it_makes_it_national() -> None:
    found = _found("他强调，共青团要在广大团员中深入开展“青春建功”主题实践活动。")
    assert found["青春建功主题实践活动"]["scope"] == "national"
    found = _found("他强调，某县共青团要在团员中深入开展“青春建功”主题实践活动。")
    assert found["青春建功主题实践活动"]["scope"] == "local"
