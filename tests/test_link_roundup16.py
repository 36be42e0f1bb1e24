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
    text = _HEAD + "改善人居环境，建设美丽家园。福建宁德的屏南县建起新厕所。\n"
    runs = _runs_in(text, "厕所革命")
    assert "屏南县" in runs
    assert "宁德市" not in runs


def test_a_place_before_a_figure_or_a_site_does_not_run_the_roundup() -> None:
    text = _HEAD + (
        "丰收的喜悦洋溢在每一个角落。古田县88万亩茶园开始采摘。"
        "在屏南县农民运动讲习所旧址，学生们参观学习。\n"
    )
    runs = _runs_in(text, "厕所革命")
    assert "古田县" not in runs
    assert "屏南县" not in runs
