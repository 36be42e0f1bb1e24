"""Place kinds that recur across the first-contact error lists (round 15).

Snippets made up for the test."""

from kg.extract.places import extract_places
from kg.ingest import parse_document


def _places(text: str) -> list[str]:
    return [m.name for m in extract_places(parse_document(text, "t.txt"))]


def test_city_after_province_whose_last_char_opens_a_word() -> None:
    # 西晋, 西南 are words, but 山西晋城 is a province and its city
    # (place:guard.inside-word)
    assert "晋城" in _places("今天在山西晋城，群众观看了灯会。")
    assert "南城" in _places("记者走进江西南城，参观古迹。")


def test_name_inside_a_word_is_still_no_place() -> None:
    assert "范县" not in _places("河南省要打造一个模范县。")


def test_short_form_split_at_a_conjunction_is_no_place() -> None:
    # 党委|和|政府 over 和政 (place:guard.short-form-split-at-conjunction)
    assert "和政" not in _places("甘肃临夏州召开会议，要求各级党委和政府担起责任。")
    assert "和田" not in _places("新疆和田地区推广无人机和田间监测系统。")


def test_short_form_as_a_word_is_still_a_place() -> None:
    assert "和政" in _places("甘肃临夏州和政县的牡丹开了，和政的游客多了。")


def test_city_after_province_split_at_conjunction_is_a_place() -> None:
    assert "和龙" in _places("考古人员在吉林和龙新发现一处石器时代遗址。")


def test_lake_or_range_named_like_a_division_is_no_place() -> None:
    # place:guard.feature-short-form, place:words.feature-short-forms
    assert "太湖" not in _places("安徽安庆市加强治理，太湖水质持续好转。")
    assert "天山" not in _places("新疆乌鲁木齐市，天山南北瓜果飘香。")
    assert "太湖县" in _places("安徽安庆市太湖县召开会议。")


def test_community_right_after_its_city() -> None:
    # place:pattern.community-after-city
    assert "桂花岭社区" in _places("在广西柳州桂花岭社区，居民们包起了粽子。")
    assert "春园社区" in _places("湖北襄阳市春园社区的志愿者上门服务。")


def test_running_text_after_a_city_is_no_community() -> None:
    found = _places("在河南郑州这个社区，书店成了孩子们的乐园。")
    assert not any(name.endswith("社区") for name in found)
    found = _places("在宁夏银川多民族社区里，居民亲如一家。")
    assert not any(name.endswith("社区") for name in found)


def test_city_listed_with_places_though_a_word() -> None:
    # place:guard.short-form-common-word spares a listed prefecture (listed_level)
    assert "保定" in _places("河北石家庄、保定、邢台等地出现降雨。")
    assert "南部" not in _places("预计湖北西部、南部等地有小到中雨。")
