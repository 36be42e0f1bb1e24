"""Metric subjects (issue 20, round 19): a bracketed second classifier after a unit
(5万台（套）) is no noun counted; a span of time in words after a noun and a verb of
founding (联盟成立三年来) keeps that noun, not the bare 时间. Made-up snippets."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _subjects(text: str) -> dict[str, object]:
    doc = parse_document(text, "t.txt")
    return {m.name: m.attrs.get("subject") for m in extract_metrics(doc)}


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("全县购置农用机具约3.1万台（套），保障秋收。", "约3.1万台", "农用机具"),
        ("博物馆展出400余件（套）馆藏文物。", "400余件", "馆藏文物"),
        ("医院新添300余台（套）检测设备。", "300余台", "检测设备"),
    ],
)
def test_bracketed_classifier_is_part_of_the_unit(
    text: str, figure: str, subject: str
) -> None:
    assert _subjects(text)[figure] == subject


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("志愿服务总队组建三年来，服务群众8000多人次。", "三年", "志愿服务总队"),
        ("协同发展规划实施两年来，各项任务稳步推进。", "两年", "协同发展规划"),
    ],
)
def test_time_since_a_start_keeps_what_started(
    text: str, figure: str, subject: str
) -> None:
    assert _subjects(text)[figure] == subject


@pytest.mark.parametrize(
    "text",
    ["三年来，全镇新修道路20公里。", "他们坚持了三年来之不易。"],
)
def test_time_without_a_start_stays_a_time(text: str) -> None:
    assert _subjects(text).get("三年") in (None, "时间")
