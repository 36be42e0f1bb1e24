"""Round 20, issue 19: a place's quoted action plan whose title opens with a task
verb (programme:class.quoted-action-plan). Made-up snippets."""

from __future__ import annotations

from kg.extract.programmes import extract_programmes
from tests.conftest import make_doc


def names(text: str) -> set[str]:
    return {m.name for m in extract_programmes(make_doc(text))}


def test_a_quoted_action_plan_carried_out_is_a_programme() -> None:
    assert "推进数字产业发展行动" in names(
        "某省今年全面实施“推进数字产业发展行动”，前瞻布局未来产业。"
    )


def test_a_quoted_three_year_plan_issued_is_a_programme() -> None:
    assert "加快建设海洋经济示范区三年行动计划" in names(
        "新年伊始，某市出台“加快建设海洋经济示范区三年行动计划”，加快转型。"
    )


def test_a_quoted_task_from_a_report_stays_a_quotation() -> None:
    assert "推进数字产业发展行动" not in names(
        "会议要求“推进数字产业发展行动”，各地要抓好落实。"
    )


def test_a_quoted_action_naming_an_event_stays_its_theme() -> None:
    assert "推进边境振兴行动" not in names(
        "委员们近日开展“推进边境振兴行动”专题视察，走访多个县市。"
    )
