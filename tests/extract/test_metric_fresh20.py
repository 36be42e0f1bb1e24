"""Metrics on fresh text (issue 20, round 20): a level word's bracketed list of levels
(县（市、区）) is one noun; a span framed by 来 without a comma, or by a verb moving a
date (提前, 延长, 缩短), is a figure; a span opening its clause measures the clause
after it; 一倍 and 一秒钟 are figures; a race's length (男子100米) and a vague span
(几十年来) are not; a place word opens the noun after a classifier (国内外企业参展).
Made-up snippets."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _subjects(text: str) -> dict[str, object]:
    doc = parse_document(text, "t.txt")
    return {m.name: m.attrs.get("subject") for m in extract_metrics(doc)}


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("全省试点县（市、区）增加到47个，", "47个", "试点县(市、区)"),
        ("全市有28个县（市、区）完成评估。", "28个", "县(市、区)"),
        ("全市已有16个镇（乡、街道）建成服务站。", "16个", "镇(乡、街道)"),
    ],
)
def test_level_list_is_one_noun(text: str, figure: str, subject: str) -> None:
    assert _subjects(text)[figure] == subject


def test_a_counted_level_list_is_no_subject_of_the_next_figure() -> None:
    subjects = _subjects("全省60个县（市、区）920万人受灾，")
    assert subjects["920万人"] != "县(市、区)"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("八年来全县粮食产量稳定增长", "八年"),
        ("新品种比老品种提前十天成熟，", "十天"),
        ("工期缩短了两个月。", "两个月"),
        ("亩产比过去提高了一倍", "一倍"),
        ("客流增加了近一倍", "近一倍"),
        ("系统一秒钟就能完成审批", "一秒钟"),
    ],
)
def test_spans_and_ratios_in_words_are_figures(text: str, figure: str) -> None:
    assert figure in _subjects(text)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("几十年来，他一直在山里护林", "十年"),
        ("希望孩子们有一天来这里看看", "一天"),
        ("困扰山区千百年来的难题", "千百年"),
        ("获得女子800米冠军", "800米"),
        ("他在400米自由泳中夺冠", "400米"),
        ("夺得100米和200米直道赛冠军", "100米"),
    ],
)
def test_vague_spans_and_races_are_no_figures(text: str, figure: str) -> None:
    assert figure not in _subjects(text)


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("八年来，全县农民人均收入翻了一番。", "八年", "全县农民人均收入"),
        ("十年来，他一直守在山里。", "十年", "时间"),
        ("五年来，大伙的收入翻了一番。", "五年", "时间"),
        ("中德合作三十年来成果丰硕", "三十年", "中德合作"),
        ("车程将缩短两小时。", "两小时", "车程"),
        ("展会吸引了600多家国内外企业参展。", "600多家", "国内外企业"),
    ],
)
def test_span_and_count_subjects(text: str, figure: str, subject: str) -> None:
    assert _subjects(text)[figure] == subject


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("他出生在山西五台县", "五台"),
        ("七台区实现清零", "七台"),
        ("同比增长12%，两年平均增长5.3%", "两年"),
    ],
)
def test_place_names_and_average_periods_are_no_figures(text: str, figure: str) -> None:
    assert figure not in _subjects(text)
