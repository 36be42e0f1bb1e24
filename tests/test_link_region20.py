"""Round 20: a programme of a region made of whole provinces (长三角, 湘鄂赣革命老区)
runs in its member provinces (link:words.region-names,
link:words.province-abbreviations, link:pattern.region-before,
link:pattern.region-in-name); a city that launches a drive keeps it beside the
village of the story (link:pattern.launcher-between). Made-up texts."""

from __future__ import annotations

from tests.test_link_roundup15 import _runs_in

_PROVINCES = "上海市、江苏省、浙江省、安徽省四地合作。"


def test_a_region_right_before_a_programme_runs_it_in_its_members() -> None:
    text = _PROVINCES + "长三角地区推行“一网通办”服务。"
    assert {"上海市", "江苏省", "浙江省", "安徽省"} <= _runs_in(text, "一网通办")


def test_a_region_needs_its_members_named() -> None:
    text = "上海市、江苏省合作。长三角地区推行“一网通办”服务。"
    runs = _runs_in(text, "一网通办")
    assert "浙江省" not in runs
    assert "安徽省" not in runs


def test_a_run_of_abbreviations_with_a_region_word_is_a_region() -> None:
    text = (
        "湖南省、湖北省、江西省三省山区。湘鄂赣革命老区脱贫攻坚全面提速。"
        "铜鼓县的农户种茶，铜鼓县建了合作社，铜鼓县还修了路。"
    )
    runs = _runs_in(text, "脱贫攻坚")
    assert {"湖南省", "湖北省", "江西省"} <= runs
    assert "铜鼓县" not in runs


def test_a_pair_of_abbreviations_without_a_region_word_is_no_region() -> None:
    text = "北京市、上海市合作。铜鼓县召开会议，铜鼓县部署工作。京沪脱贫攻坚全面提速。"
    runs = _runs_in(text, "脱贫攻坚")
    assert "北京市" not in runs
    assert "上海市" not in runs


def test_a_region_opening_the_name_needs_every_member_named() -> None:
    whole = "长三角携手前行\n" + _PROVINCES + "推进长三角一体化发展，各有分工。"
    assert {"上海市", "江苏省", "浙江省", "安徽省"} <= _runs_in(
        whole, "长三角一体化发展战略"
    )
    part = "长三角携手前行\n上海市、浙江省合作。推进长三角一体化发展，各有分工。"
    assert "浙江省" not in _runs_in(part, "长三角一体化发展战略")


def test_a_region_opening_the_name_in_a_city_story_keeps_the_city() -> None:
    # the title names one member's city: the programme is that city's part in it
    text = "合肥市创新记\n" + _PROVINCES + "推进长三角一体化发展，各有分工。"
    assert "江苏省" not in _runs_in(text, "长三角一体化发展战略")


def test_a_city_launching_a_drive_keeps_it_beside_the_story_village() -> None:
    text = (
        "【走进乡村】宁波走马塘村：种出好日子\n"
        "鄞州区姜山镇走马塘村的村民过去靠种粮为生。走马塘村的土地贫瘠。"
        "2015年，宁波市启动“万亩造林工程”，走马塘村有土地被流转。"
        "走马塘村人均收入增长很快。"
    )
    assert {"宁波市", "走马塘村"} <= _runs_in(text, "万亩造林工程")


def test_a_city_only_named_beside_the_drive_gives_way_to_the_village() -> None:
    text = (
        "【走进乡村】宁波走马塘村：种出好日子\n"
        "鄞州区姜山镇走马塘村的村民过去靠种粮为生。走马塘村的土地贫瘠。"
        "2015年，宁波市的“万亩造林工程”让走马塘村有土地被流转。"
        "走马塘村人均收入增长很快。"
    )
    assert "宁波市" not in _runs_in(text, "万亩造林工程")


def test_a_city_launching_in_a_later_clause_of_its_sentence_keeps_it() -> None:
    # 某市还…，推出“…”: the clause before has the same subject
    text = (
        "【走进乡村】宁波走马塘村：种出好日子\n"
        "鄞州区姜山镇走马塘村的村民过去靠种粮为生。走马塘村的土地贫瘠。"
        "随后，宁波市还创新帮扶农村群体模式，推出“田间学堂”，走马塘村引进了新品种。"
        "走马塘村人均收入增长很快。"
    )
    assert {"宁波市", "走马塘村"} <= _runs_in(text, "田间学堂")


def test_local_anaphora_after_a_list_of_counties_gives_each() -> None:
    text = (
        "古田县召开会议，古田县部署工作。"
        "新建的水库把屏南县和寿宁县的河道连成一片，为当地推行河长制打下基础。"
    )
    runs = _runs_in(text, "河长制")
    assert {"屏南县", "寿宁县"} <= runs
    assert "古田县" not in runs
