"""Round 24: programme recall of formulas of parallel parts, slogans of a themed
activity, numbered principles, quoted campaign years and service circles written
without quotes (programme:class.shared-part-formula-named, programme:class.slogan-activity
with 主题活动, programme:class.formula-principle, programme:class.quoted-campaign-year,
programme:step.service-circle, programme:step.place-strategy). Made-up snippets."""

from __future__ import annotations

from kg.extract.programmes import extract_programmes
from tests.conftest import make_doc


def found(text: str) -> dict[str, str]:
    return {
        m.name: m.attrs.get("scope", "") for m in extract_programmes(make_doc(text))
    }


def test_a_shared_part_formula_called_a_model_is_a_programme() -> None:
    assert "近景、中景、远景" in found(
        "某县确定了“近景、中景、远景”相互衔接的产业发展模式。"
    )


def test_a_shared_part_list_of_qualities_stays_out() -> None:
    assert "可亲、可信、可敬" not in found("讲好“可亲、可信、可敬”的乡村故事。")


def test_shared_parts_framed_as_examples_stay_out() -> None:
    assert "水力、风力、光力" not in found(
        "某省强化以“水力、风力、光力”为代表的能源规划。"
    )


def test_a_slogan_of_a_themed_activity_is_a_programme() -> None:
    assert "走进田野、走进工厂、走进社区" in found(
        "团市委在高校中发起“走进田野、走进工厂、走进社区”的假期社会实践主题活动。"
    )


def test_a_quoted_campaign_year_is_a_programme() -> None:
    assert "农田水利攻坚年" in found(
        "她把任职第二年定为本镇“农田水利攻坚年”，一年新修水渠百条。"
    )


def test_a_numbered_principle_followed_is_a_programme() -> None:
    assert "一镇一队" in found("按照“一镇一队”原则，某县向各镇选派农技服务队。")


def test_a_numbered_principle_in_reported_words_stays_out() -> None:
    assert "一镇一队" not in found("他说“一镇一队”原则很好。")


def test_an_unquoted_service_circle_of_minutes_is_a_programme() -> None:
    assert "10分钟助老服务圈" in found(
        "某区在社区建起了10分钟助老服务圈，老人就近享受服务。"
    )


def test_a_circle_of_hours_stays_out() -> None:
    assert "半小时生活圈" not in found("两地之间形成半小时生活圈。")


def test_a_places_pair_of_strategies_is_one_programme() -> None:
    assert "农业立县、工业强县" in found(
        "近年来，某县坚持农业立县、工业强县，发展特色产业。"
    )


def test_a_nations_goal_is_no_place_strategy() -> None:
    assert "科技强国" not in found("某国坚持科技强国，加大投入。")
