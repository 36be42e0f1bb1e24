"""Round 22: the year of a digest's figures. A target year opening an item's title
is that item's only (metric:year.item-title, metric:year.target-words); a campaign
named by its year that the text launches pins an undated text's year
(metric:year.text-date). Made-up snippets, none from a gold text."""

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _year(text: str, figure: str) -> int | None:
    doc = parse_document(text, "t")
    found = [m for m in extract_metrics(doc) if m.name == figure]
    assert found, figure
    return found[0].attrs.get("year")


_DIGEST = (
    "发布时间：2024-06-01\n\n快讯\n\n2030年全省新能源装机将达60%\n\n"
    "省能源局今天发布规划，全省新能源装机将达到60%。\n\n"
    "某县开展植树活动\n\n全县今天植树3万株。\n"
)


def test_a_target_year_in_an_item_title_is_not_the_next_item_s() -> None:
    assert _year(_DIGEST, "3万株") == 2024


def test_a_year_of_results_in_an_item_title_still_carries() -> None:
    text = _DIGEST.replace("2030年全省新能源装机将达60%", "2023年全省新能源装机达60%")
    text = text.replace("全省新能源装机将达到60%", "全省新能源装机达到60%")
    assert _year(text, "3万株") == 2023


def test_a_campaign_launched_with_its_year_pins_an_undated_text() -> None:
    text = "各地海关今天同步展开“金盾2021”专项行动。全国查获冻品3万吨。"
    assert _year(text, "3万吨") == 2021


def test_a_campaign_only_reported_pins_nothing() -> None:
    text = "“金盾2021”专项行动成效显著。全国查获冻品3万吨。"
    assert _year(text, "3万吨") is None
