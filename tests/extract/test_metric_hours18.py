"""Hours and minutes in words (issue 20, round 18): 三小时, 八个小时 and 一个小时,
一分钟 measure a duration like 24小时 in digits; not a point in time (一个小时后), not
every or the last one (每一分钟, 最后一分钟), not a rate's time base (一小时上百公里).
An hour or a minute followed by 的 measures the noun after it. Made-up snippets."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _found(text: str) -> dict[str, dict[str, object]]:
    doc = parse_document(text, "t.txt")
    return {m.name: m.attrs for m in extract_metrics(doc)}


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("抢修队连续奋战八个小时，恢复了供电。", "八个小时", "8"),
        ("暴雨中，他在站台等了三小时才等到班车。", "三小时", "3"),
        ("从县城乘车一个小时就到了省城。", "一个小时", "1"),
        ("坐缆车上山只要一分钟。", "一分钟", "1"),
        ("报名材料不到一分钟就审核通过。", "不到一分钟", "1"),
    ],
)
def test_hours_in_words_are_durations(text: str, figure: str, value: str) -> None:
    assert _found(text)[figure]["value"] == value


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("一个小时后，救援人员赶到了现场。", "一个小时"),
        ("请大家珍惜每一分钟。", "一分钟"),
        ("主队在比赛最后一分钟扳平了比分。", "一分钟"),
        ("列车一小时三百多公里，比过去快多了。", "一小时"),
        ("当地一小时最大降雨量80毫米。", "一小时"),
    ],
)
def test_not_a_duration(text: str, figure: str) -> None:
    assert figure not in _found(text)


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("他每天去果园干上三个小时的农活。", "三个小时", "农活"),
        ("从村里到镇上要走20分钟的山路。", "20分钟", "山路"),
    ],
)
def test_hours_of_a_noun(text: str, figure: str, subject: str) -> None:
    assert _found(text)[figure]["subject"] == subject


def test_hours_of_time_keep_the_clause() -> None:
    # 停留了五分钟的时间: 时间 says nothing, the clause before stays the subject
    assert _found("他在车外停留了5分钟的时间。")["5分钟"]["subject"] != "时间"
