"""Round 16 metric kinds, on made-up snippets: amounts whose unit is implied by the
people or households counted after a modifier (metric:pattern.scale-people), spoken
scale words (个亿, 万亿: metric:pattern.scale-cued, metric:pattern.spoken-scale),
spans of years and months (metric:pattern.years-months) and the subject of a
multiple or share written 是…的 (metric:subject.ratio-of)."""

from __future__ import annotations

import pytest

from kg.extract.metrics import extract_metrics
from tests.conftest import make_doc


def figures(text: str) -> list[tuple[str, str, str, object]]:
    return [
        (m.text, str(m.attrs["value"]), str(m.attrs["unit"]), m.attrs.get("subject"))
        for m in extract_metrics(make_doc(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modifier between the figure and the people counted
        (
            "全国有2600多万农村留守老年人。",
            ("2600多万", "26000000", "人", "农村留守老年人"),
        ),
        (
            "补贴覆盖900多万70岁以上城镇老年人。",
            ("900多万", "9000000", "人", "城镇老年人"),
        ),
        ("全省超过3亿的居民有了电子档案。", ("超过3亿", "300000000", "人", "居民")),
        # households counted: 户
        ("暴雨过后，21.5万用户恢复供电。", ("21.5万", "215000", "户", "用户")),
        ("带动260万农户增收。", ("260万", "2600000", "户", "农户")),
    ],
)
def test_scale_word_counts_of_people_and_households(
    text: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize(
    "text",
    [
        "今年为3万多的退休职工养老金做了调整。",  # money, not a count of people
        "追回800多万农民工工资。",
        "全县使5万亩农村土地流转起来。",  # 亩 is the unit, not the people after
    ],
)
def test_scale_word_before_a_thing_of_people_is_no_count_of_them(text: str) -> None:
    assert all(unit != "人" for _, _, unit, _ in figures(text))


def test_spoken_scale_words_are_sums() -> None:
    assert figures("各级财政投入的资金总额超过200个亿。")[0][1:3] == (
        "20000000000",
        "元",
    )
    assert figures("全年营收达1.5万亿，同比增长。")[0][1:3] == ("1500000000000", "元")
    assert figures("这家企业被罚款60万、责令整改。")[0][1:3] == ("600000", "元")


def test_count_before_a_scale_level_stays_a_count() -> None:
    found = figures("新发现10个亿吨级油田。")
    assert [(t, v, u) for t, v, u, _ in found] == [("10个", "10", "个")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大桥建设历时3年8个月，终于通车。", ("3年8个月", "44", "个月")),
        ("提前一年零五个月完成了任务。", ("一年零五个月", "17", "个月")),
    ],
)
def test_years_and_months_are_one_duration(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert [f[:3] for f in figures(text)] == [expected]


def test_a_year_number_before_months_is_no_span() -> None:
    assert all(text != "2020年3个月" for text, *_ in figures("2020年3个月内完成招标。"))


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("新设备的产量是旧机器的两倍。", "产量"),
        ("园区面积只有全县的5%，但是效益很高。", "园区面积"),
        ("工作效率只相当于熟练工人的五分之一。", "工作效率"),
        ("今年的粮食产量为去年的1.2倍。", "粮食产量"),
    ],
)
def test_a_ratio_measures_what_stands_before_the_verb(text: str, subject: str) -> None:
    assert figures(text)[0][3] == subject


def test_a_division_singled_out_by_emphasis_gives_its_figures_to_the_whole() -> None:
    from tests.conftest import linked_names

    text = (
        "南京市今天通报，南京市新建学校3所。"
        "受台风影响，江苏省特别是苏州市3座变电站停运，12万用户停电。"
    )
    assert linked_names(text, "3座", "measured_in") == {"江苏省"}
    plain = "南京市今天通报，南京市新建学校3所。受台风影响，江苏省苏州市3座变电站停运。"
    assert linked_names(plain, "3座", "measured_in") == {"苏州市"}


@pytest.mark.parametrize(
    "text",
    [
        "企业家数、营业收入为去年的2.1倍、1.6倍。",  # a list of owners: one each
        "而十年前这个数字还只有它的四分之一。",  # 这个数字 points back
    ],
)
def test_a_ratio_takes_no_listed_or_pointing_back_owner(text: str) -> None:
    assert figures(text)[0][3] is None


def test_a_temperature_in_words_below_zero_is_a_figure() -> None:
    assert figures("冬天气温零下二十几度，很冷。")[0][:3] == (
        "零下二十几度",
        "-20",
        "度",
    )
    assert figures("他两度获奖。") == []


def test_a_series_title_with_a_year_dates_an_undated_text() -> None:
    from kg.extract import extract
    from kg.ingest import parse_document

    def years(text: str) -> list[object]:
        found = extract(parse_document(text, "x.txt"))
        return [m.attrs.get("year") for m in found if m.label == "metric"]

    body = "温暖的家\n\n各地推进民生工程。全市新建养老服务站200多个。"
    assert years("【我们的2024】" + body) == [2024]
    assert years("【我们的新时代】" + body) == [None]
