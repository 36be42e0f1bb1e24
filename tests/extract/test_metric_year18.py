"""Years of figures in undated texts (issue 20, round 18): the text pins its own
year by a named-year event held today or yesterday, by an event named after 举办的
with its year, by the year of a five-year plan it says this year is, or by a year it
compares with 去年. Made-up
snippets, none from a gold text."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _years(text: str) -> dict[str, int | None]:
    doc = parse_document(text, "t.txt")
    return {m.name: m.attrs["year"] for m in extract_metrics(doc)}


@pytest.mark.parametrize(
    ("text", "figure", "year"),
    [
        # a digest whose one dated item is an event of today: the whole text's year
        (
            "快讯\n全县新建村级图书室12个。\n"
            "北京时间8号晚，在邻省举办的2017年“松涛杯”少年篮球赛决赛中，本市队夺冠。",
            "12个",
            2017,
        ),
        (
            "2019年全省乡村厨师技能大赛今天（5月9日）在东湖市开幕。全省今年培训厨师800人。",
            "800人",
            2019,
        ),
        # which year of a five-year plan this year is
        ("今年是“十二五”的开局之年。今年全县新修公路80公里。", "80公里", 2011),
        ("今年是“十三五”规划收官之年。全市新建学校5所。", "5所", 2020),
        # a named year compared with 去年 is 今年
        (
            "2019年全省农业专项资金比去年增长12%。今年1至5月，全省新增合作社300家。",
            "300家",
            2019,
        ),
    ],
)
def test_undated_text_pins_its_year(text: str, figure: str, year: int) -> None:
    assert _years(text)[figure] == year


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # an annual award of the year before, revealed now: not the text's year
        ("省里评出的2016年度十佳农技员昨天揭晓。全县新建农家书屋12个。", "12个"),
        # the Games named years ahead
        ("全市的2030年冬奥会筹备工作今天启动。全市建成滑雪场3个。", "3个"),
        # an annual report compared with 去年 does not pin the year
        (
            "《2019年全省农业报告》显示资金比去年增长。今年全省新增合作社300家。",
            "300家",
        ),
        ("明年是“十二五”的开局之年。今年全县新修公路80公里。", "80公里"),
    ],
)
def test_no_pin_no_year(text: str, figure: str) -> None:
    assert _years(text)[figure] is None


def test_a_dated_text_keeps_its_date() -> None:
    text = "发布日期：2013-05-01\n\n今年是“十二五”的开局之年。全县新修公路80公里。"
    assert _years(text)["80公里"] == 2013
