"""The year of a figure (issue 20): relative years from the document date, years
compared with or ending a span are not the figure's, a year carried from an earlier
sentence opens it, the document's year when the text names none."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _years(text: str) -> dict[str, int | None]:
    doc = parse_document(text, "t.txt")
    return {m.name: m.attrs["year"] for m in extract_metrics(doc)}


@pytest.mark.parametrize(
    ("text", "figure", "year"),
    [
        ("发布日期：2022-06-01\n\n今年全镇改造危房36户。", "36户", 2022),
        ("发布日期：2022-06-01\n\n去年全镇改造危房36户。", "36户", 2021),
        ("今年全镇改造危房36户。", "36户", None),  # no date: no year
        ("2018年，该镇启动危房改造。同年改造36户。", "36户", 2018),
        ("2021年全镇粮食总产比2020年增加8%。", "8%", 2021),
        ("2023年，全镇规划（2021—2035年）获批，建成公园3个。", "3个", 2023),
        ("2018年，该镇启动危房改造。全镇共改造36户。", "36户", 2018),
        ("该镇道路改造工程2025年完工。全镇共改造36户。", "36户", None),
        ("发布日期：2022-06-01\n\n全镇共改造危房36户。", "36户", 2022),
    ],
)
def test_figure_year(text: str, figure: str, year: int | None) -> None:
    assert _years(text)[figure] == year


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("社区的张奶奶今年已经90岁了。", "90岁", "年龄"),
        ("年仅35岁的他放弃了城里的工作。", "35岁", "年龄"),
        ("全村党员平均年龄52岁。", "52岁", "党员平均年龄"),
    ],
)
def test_an_age_measures_an_age(text: str, figure: str, subject: str) -> None:
    doc = parse_document(text, "t.txt")
    assert {m.name: m.attrs["subject"] for m in extract_metrics(doc)}[figure] == subject


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("一年来，全镇新修道路20公里。", "一年", "1", "年"),
        ("十年来，全县人口稳步增长。", "十年", "10", "年"),
        ("经过八天的连续奋战，大桥合龙。", "八天", "8", "天"),
        ("抢修队连续工作了30多个小时。", "30多个小时", "30", "小时"),
    ],
)
def test_durations_in_words(text: str, figure: str, value: str, unit: str) -> None:
    doc = parse_document(text, "t.txt")
    found = {m.name: m.attrs for m in extract_metrics(doc)}
    assert (found[figure]["value"], found[figure]["unit"]) == (value, unit)


@pytest.mark.parametrize(
    "text", ["一年四季游客不断。", "一年一度的庙会开始了。", "一年前，他回到了村里。"]
)
def test_a_year_in_passing_is_no_duration(text: str) -> None:
    assert not extract_metrics(parse_document(text, "t.txt"))
