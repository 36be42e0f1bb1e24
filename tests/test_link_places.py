"""Linking places: zones and landmarks take the article's district when the text
names no more precise place."""

from tests.conftest import linked_graph, linked_names


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


def _about(text: str) -> set[str]:
    graph = linked_graph(text)
    return {
        graph.nodes[t]["name"]
        for _, t, a in graph.edges(data=True)
        if a["type"] == "about"
    }


def test_focus_tie_goes_to_the_place_named_first_not_the_lower_id() -> None:
    # 梅州市 (4414) and 深圳市 (4403) named twice each: the story opens on 梅州
    text = (
        "两地协作见闻\n"
        "梅州市的柚子今年丰收，深圳市的超市早早下了订单。"
        "深圳市的冷链车开进果园，梅州市果农的收入翻了一番。\n"
    )
    assert _about(text) == {"梅州市"}
    swapped = (
        text.replace("梅州市", "@").replace("深圳市", "梅州市").replace("@", "深圳市")
    )
    assert _about(swapped) == {"深圳市"}


def test_focus_tie_goes_to_the_place_the_title_names() -> None:
    # 深圳市 four times in the text, 梅州市 once in the title (weighing four):
    # the title decides, not 深圳市's lower id
    text = (
        "梅州企业的新订单\n"
        "深圳市的柚子今年丰收，深圳市果农忙着采摘。"
        "深圳市的冷链车开进果园，深圳市果农的收入翻了一番。\n"
    )
    assert _about(text) == {"梅州市"}
