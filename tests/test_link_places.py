"""Linking places: zones and landmarks take the article's district when the text
names no more precise place."""

from tests.conftest import linked_names


def _parents(text: str, name: str) -> set[str]:
    return linked_names(text, name, "part_of")


def test_local_landmark_lies_in_the_article_district() -> None:
    text = (
        "海拉尔区政府工作报告\n\n海拉尔区完成哈萨尔大街和东升路改造,海拉尔区城区更美。"
    )
    assert _parents(text, "哈萨尔大街") == {"海拉尔区"}


def test_landmark_named_after_a_town_of_the_district() -> None:
    text = "海拉尔区政府工作报告\n\n海拉尔区加强哈克遗址保护,海拉尔区文化繁荣。"
    assert _parents(text, "哈克遗址") == {"哈克镇"}


def test_regional_zone_keeps_its_own_parent() -> None:
    text = "璧山区建设西部(重庆)科学城,璧山区发展迅速,璧山区人才集聚。"
    assert "璧山区" not in _parents(text, "西部(重庆)科学城")
