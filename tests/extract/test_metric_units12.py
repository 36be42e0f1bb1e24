"""Units 对, 尾, 片 (对 and 片 only after digits) and 微克/立方米."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _found(text: str) -> dict[str, tuple[str, str]]:
    doc = parse_document(text, "t.txt")
    return {m.name: (m.attrs["value"], m.attrs["unit"]) for m in extract_metrics(doc)}


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("节日期间加开旅客列车42对。", "42对", "42", "对"),
        ("活动为60多对夫妇拍了婚纱照。", "60多对", "60", "对"),
        ("向长江放流鱼苗20万尾。", "20万尾", "200000", "尾"),
        ("海关查获假药3.5万片。", "3.5万片", "35000", "片"),
        ("全市PM2.5年均浓度为28微克/立方米。", "28微克/立方米", "28", "微克/立方米"),
    ],
)
def test_new_units(text: str, figure: str, value: str, unit: str) -> None:
    assert _found(text)[figure] == (value, unit)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("村里三对夫妻一起开了农家乐。", "三对"),
        ("远处一片金黄的稻田。", "一片"),
        ("老师和学生一对一辅导。", "一对"),
        ("站在十字路口等车。", "十字"),
    ],
)
def test_not_counted_in_words(text: str, word: str) -> None:
    assert word not in _found(text)


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("去年卖出草莓十几万斤。", "十几万斤", "100000"),
        ("景区接待游客六百多万人次。", "六百多万人次", "6000000"),
        ("新栽树苗三十几万株。", "三十几万株", "300000"),
    ],
)
def test_hedge_before_scale_in_words(text: str, figure: str, value: str) -> None:
    assert _found(text)[figure][0] == value
