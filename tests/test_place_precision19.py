"""Place precision, round 19 (issue 20): a zone word closing a division written in
full after its province's short name (天津|滨海新区) is that division, not a zone
(place:zone-ends-with-division); a county's short form opening a common word the
sentence cuts (大通|道, 安居|乐业) is that word (place:guard.short-form-opens-common-word).
Snippets made up for the test."""

from kg.extract.places import extract_places
from kg.ingest import parse_document


def _places(text: str) -> list[tuple[str, str]]:
    return [
        (m.name, str(m.attrs["level"]))
        for m in extract_places(parse_document(text, "t.txt"))
    ]


def test_division_after_province_name_is_no_zone() -> None:
    found = _places("上海浦东新区今年新增外资企业两百家。")
    assert ("浦东新区", "district") in found
    assert all(name != "上海浦东新区" for name, _ in found)
    assert ("天津滨海新区", "zone") not in _places("代表们在天津滨海新区参观了港口。")


def test_zone_of_its_own_keeps_its_name() -> None:
    assert ("重庆两江新区", "zone") in _places("重庆两江新区今年引进项目三十个。")


def test_short_form_opening_common_word_is_the_word() -> None:
    names = [n for n, _ in _places("青海西宁市大通县，新建的大通道连起了南北。")]
    assert "大通" not in names
    names = [n for n, _ in _places("四川遂宁市安居区，乡亲们安居乐业。")]
    assert "安居" not in names
    names = [n for n, _ in _places("云南昆明市富民县，各项富民政策落地。")]
    assert "富民" not in names


def test_short_form_as_a_name_stays() -> None:
    assert "安居" in [n for n, _ in _places("四川遂宁市安居区。安居的柑橘丰收了。")]
    assert "丰台" in [n for n, _ in _places("北京丰台区举办活动。北京丰台站正式启用。")]


def test_mountain_area_after_region_is_no_district() -> None:
    names = [n for n, _ in _places("帮助皖南山区和鄂西山区的茶农增收。")]
    assert "南山区" not in names and "西山区" not in names
    assert ("南山区", "district") in _places("广东省深圳市南山区召开会议。")
