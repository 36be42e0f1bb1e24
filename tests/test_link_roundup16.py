"""Round 16: a roundup's paragraph that opens with a slogan, then names the places
acting in later sentences (link:_sentence_openers, link:words.roundup-acting-tags,
link:words.roundup-list-end, link:chars.roundup-chain-joint). Made-up texts."""

from __future__ import annotations

from tests.test_link_roundup15 import _runs_in

_HEAD = "各地扎实推进厕所革命\n今天，记者走访多地，看到各地扎实推进卫生厕所建设。\n"


def test_places_opening_sentences_after_a_slogan_run_the_roundup() -> None:
    text = _HEAD + (
        "改善人居环境，建设美丽家园。在屏南县，村民们建起了新厕所。"
        "古田县还组织干部挨家挨户宣传卫生知识。\n"
    )
    assert {"屏南县", "古田县"} <= _runs_in(text, "厕所革命")


def test_every_place_of_a_list_closed_by_dengdi_runs_the_roundup() -> None:
    text = _HEAD + "改善人居环境，建设美丽家园。屏南县、古田县等地的村庄建起新厕所。\n"
    assert {"屏南县", "古田县"} <= _runs_in(text, "厕所革命")


def test_the_village_after_de_is_the_one_acting() -> None:
    text = _HEAD + "改善人居环境，建设美丽家园。浙江丽水的松阳县建起新厕所。\n"
    runs = _runs_in(text, "厕所革命")
    assert "松阳县" in runs
    assert "丽水市" not in runs


def test_a_place_before_a_figure_or_a_site_does_not_run_the_roundup() -> None:
    text = _HEAD + (
        "秋收时节，村里一片忙碌。古田县66万亩稻田开镰收割。"
        "在屏南县革命烈士纪念馆旧址，学生们参观学习。\n"
    )
    runs = _runs_in(text, "厕所革命")
    assert "古田县" not in runs
    assert "屏南县" not in runs


def test_a_place_after_a_time_word_opening_the_sentence_acts() -> None:
    # 今年某县将…，打赢…: the county opens the sentence after a time word
    text = (
        "古田县召开会议，古田县部署工作。"
        "今年屏南县将继续做强茶产业，如期打赢脱贫攻坚战。"
    )
    assert "屏南县" in _runs_in(text, "脱贫攻坚")


def test_a_venue_after_a_comma_and_a_time_word_hosts_the_fair() -> None:
    text = "古田县召开会议，古田县部署工作。第五届海峡茶叶博览会，今天在屏南县开幕。"
    assert "屏南县" in _runs_in(text, "海峡茶叶博览会")


def test_a_community_the_gazetteer_lacks_closes_the_opening_chain() -> None:
    # 在某县某社区，…: the county acts; the unlisted community ends the chain
    text = _HEAD + (
        "改善人居环境，建设美丽家园。在福建屏南县龙溪社区，居民们建起新厕所。\n"
    )
    assert "屏南县" in _runs_in(text, "厕所革命")


def test_a_meeting_named_for_the_programme_makes_no_roundup() -> None:
    text = (
        "各地热议厕所革命工作会议精神\n"
        "今天，厕所革命工作会议上的讲话在各地引发强烈反响。\n"
        "在屏南县，干部群众认真学习。\n"
        "古田县的干部表示要抓好落实。\n"
    )
    assert "古田县" not in _runs_in(text, "厕所革命")


def test_a_name_holding_the_cue_makes_no_roundup() -> None:
    text = _HEAD.replace("卫生厕所建设", "“各地厕所革命”") + (
        "在屏南县，村民们建起了新厕所。\n古田县的干部挨家挨户宣传卫生知识。\n"
    )
    assert "古田县" not in _runs_in(text, "各地厕所革命")


def test_what_a_place_is_and_the_whole_region_do_not_run_the_roundup() -> None:
    text = _HEAD + (
        "改善人居环境，建设美丽家园。古田县是山区大县，县里建起新厕所。"
        "而整个屏南县建起新厕所1000座。\n"
    )
    runs = _runs_in(text, "厕所革命")
    assert "古田县" not in runs
    assert "屏南县" not in runs
