"""A city's short form that is also a frequent word (保定, 大连) counts as a place
right after its province's short name, news datelines' 河北保定; a programme it
launches is then the city's, not the province's (place:guard.short-form-common-word,
place:guard.short-form-word-after-province). Snippets made up for the test."""

from kg.extract.places import extract_places
from kg.ingest import parse_document
from kg.link import programme_scopes


def _places(text: str) -> list[str]:
    return [m.name for m in extract_places(parse_document(text, "t.txt"))]


def test_city_after_its_province_is_a_place() -> None:
    assert "大连" in _places("辽宁大连的志愿者今天走进社区开展义诊。")
    assert "保定" in _places("在河北保定，农民正在抢收小麦。")


def test_word_is_still_a_word() -> None:
    assert "保定" not in _places("他们保定了方向，继续前进。")
    assert "南部" not in _places("预计明天青海南部有小到中雨。")
    assert "振兴" not in _places("新项目为吉林振兴发展注入动力。")


def test_programme_of_the_city_is_local() -> None:
    text = "辽宁大连今年推出“邻里帮帮团”服务，帮助老人解决难题。"
    assert "=local" in programme_scopes(text)
    assert "=provincial" not in programme_scopes(text)
