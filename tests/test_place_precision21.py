"""Round 21 place precision: a province named elsewhere does not pull a city's usual
short name to a namesake district (place:short-form.city-by-default), a lane named
after a city names no city (place:chars.after-short-form), a district whose name is
an ordinary phrase needs its city or province (place:words.word-districts), and a
title in 《》 that is a place's name is a work (place:guard.whole-title). Snippets
made up for the test."""

from kg.extract.places import extract_places
from kg.ingest import parse_document


def _places(text: str) -> list[tuple[str, str]]:
    doc = parse_document(text, "t.txt")
    return [(m.name, m.attrs["level"]) for m in extract_places(doc)]


def test_province_elsewhere_does_not_pull_city_to_district() -> None:
    text = "今年吉林省加开了旅游专列。\n另有西安、兰州等地的车次调整。"
    assert ("西安", "prefecture") in _places(text)
    assert ("西安", "district") not in _places(text)


def test_district_city_named_still_wins() -> None:
    text = "吉林辽源市西安区仙城街道。西安的居民在此休息。"
    assert ("西安", "district") in _places(text)


def test_lane_named_after_a_city() -> None:
    text = "甘肃省兰州市城关区，居民走进张掖巷社区参加活动。"
    assert [n for n, _ in _places(text) if n.startswith("张掖")] == []


def test_word_district_needs_its_city_or_province() -> None:
    assert [n for n, _ in _places("战争年代，华北解放区的群众支援前线。")] == []
    assert ("解放区", "district") in _places("河南省焦作市解放区召开会议。")


def test_whole_title_is_a_work() -> None:
    text = "新疆伊犁州昭苏县举办活动，观众观看了纪录片《昭苏》。"
    names = _places(text)
    assert ("昭苏县", "county") in names
    assert [n for n, _ in names if n == "昭苏"] == []


def _parents(text: str) -> dict[str, object]:
    doc = parse_document(text, "t.txt")
    return {m.name: m.attrs["parent"] for m in extract_places(doc)}


def test_community_under_a_zone_keeps_its_county() -> None:
    # The village table lists this community under 容东片区, a zone, not a town: the
    # address names the county, its parent.
    parents = _parents("河北省保定市容城县悦容社区举办活动。")
    assert parents["悦容社区"] == "130629"


def test_team_named_after_a_city() -> None:
    text = "广东省举办龙舟赛，决赛中佛山队夺得第一，肇庆队获得第二。"
    names = [n for n, _ in _places(text)]
    assert "佛山" not in names and "肇庆" not in names
    assert "佛山" in [n for n, _ in _places("广东省佛山市举办龙舟赛，佛山的队员夺冠。")]
