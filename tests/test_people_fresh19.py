"""Round 19: people of first contact b18 (and b10, b11, b16, b17 before it): figures of
modern history named bare (person:historical-figure, kg/resources/historical_figures.txt)
and their posts, and verb phrases read as names after the title 队员
(person:titles.weak). Made-up sentences."""

from __future__ import annotations

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def test_a_figure_of_history_named_bare_is_a_person() -> None:
    found = _people("他早年投身孙中山领导的革命，后来与蔡和森相识。")
    assert found["孙中山"]["kind"] == "historical"
    assert found["蔡和森"]["kind"] == "historical"


def test_a_figure_takes_the_post_after_a_span_of_years() -> None:
    found = _people("影片讲述了蔡和森1920年至1922年任某某学院图书馆主任的经历。")
    post = found["蔡和森"]["posts"][0]
    assert post["title"] == "主任"
    assert post["former"] is True


def test_a_work_or_a_grave_named_after_a_figure_is_no_mention() -> None:
    assert "孙中山" not in _people("话剧《孙中山》今晚在剧院上演。")
    assert "孙中山" not in _people("清晨，人们在孙中山墓前献花。")


def test_a_place_named_after_a_figure_is_no_mention() -> None:
    assert not _people("车队沿中山路缓缓前行。")


def test_verb_phrases_after_the_title_team_member_are_no_names() -> None:
    found = _people("全体队员齐声高唱队歌。老师给每位新队员戴上红花。")
    assert "齐声" not in found
    assert "戴上红" not in found


def test_a_name_after_the_title_team_member_keeps_its_post() -> None:
    found = _people("搜救队队员郝雪松被洪水冲倒，后被救起。")
    assert found["郝雪松"]["posts"][0]["title"] == "队员"
