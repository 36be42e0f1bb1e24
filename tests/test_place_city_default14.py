"""A city's short form shared with a county or district (南昌: 南昌市 and 南昌县 under
it; 西安: 西安市 and a district of Liaoyuan) is the city unless the document points at
the other division more than at the city, the city's own mentions left out, or names
it in full (place:short-form.city-by-default). Snippets made up for the test."""

from kg.extract.places import extract_places
from kg.ingest import parse_document


def _levels(text: str, name: str) -> list[str]:
    doc = parse_document(text, "t.txt")
    return [m.attrs["level"] for m in extract_places(doc) if m.name == name]


def test_bare_city_stem_is_the_city() -> None:
    text = "江西代表团今天抵达。在南昌，代表们参观了一家企业。南昌的企业家介绍了经验。"
    assert _levels(text, "南昌") == ["prefecture", "prefecture"]
    assert _levels("湖南长沙市举办展会。会后长沙企业签约。", "长沙") == ["prefecture"]


def test_city_stem_alone_is_the_city() -> None:
    assert _levels("这家面馆在西安开了十年。", "西安") == ["prefecture"]


def test_other_division_pointed_at_keeps_it() -> None:
    text = "吉林辽源市西安区仙城街道。西安的居民在此休息。"
    assert _levels(text, "西安") == ["district"]


def test_words_stay_words() -> None:
    assert _levels("国际金价上涨，白银价格也创下新高。", "白银") == []
    assert _levels("科考队员在南极中山站越冬。", "中山") == []


def test_county_short_form_after_a_place_it_is_not_in() -> None:
    # place:context.after-other-place: a county-level short form right after a
    # prefecture of another province, or after a county, is part of a name there.
    assert (
        _levels("河南洛阳牡丹竞相盛开，游客络绎不绝。山东菏泽也在赏花。", "牡丹") == []
    )
    assert _levels("湖北武汉天河机场客流回升，广东广州也是。", "天河") == []
    assert _levels("贵州镇远古城游人如织，云南丽江也很热闹。", "古城") == []
    assert _levels("南京高淳区的滨湖公园迎客，江苏无锡也在办展。", "滨湖") == []


def test_county_short_form_after_its_own_city_stays() -> None:
    assert _levels("广东广州天河区举办展会。广州天河的企业参展。", "天河") == [
        "district"
    ]
