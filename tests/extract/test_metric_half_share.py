"""A half as a share (metric:pattern.half-share): 50 %, approximate when hedged."""

import pytest

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _found(text: str) -> dict[str, tuple[str, str, bool]]:
    doc = parse_document(text, "t.txt")
    return {
        m.name: (m.attrs["value"], m.attrs["unit"], m.attrs["approx"])
        for m in extract_metrics(doc)
    }


@pytest.mark.parametrize(
    ("text", "figure", "approx"),
    [
        ("全镇一半以上的村建起了合作社。", "一半以上", True),
        ("参加培训的学员近一半来自山区。", "近一半", True),
        ("超过半数的商户用上了电子支付。", "超过半数", True),
        ("新工艺让耗电量降低了一半。", "一半", False),
        ("议案获得过半数代表赞成。", "过半数", True),
        ("受访者中约半数表示满意。", "约半数", True),
    ],
)
def test_half_share_is_fifty_percent(text: str, figure: str, approx: bool) -> None:
    assert _found(text)[figure] == ("50", "%", approx)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("她带着另一半回到了老家。", "一半"),
        ("这座桥已经用了近半个世纪。", "近半"),
        ("村里几位年过半百的党员。", "过半"),
        ("赛程过半，两队积分相同。", "过半"),
        ("全省小麦收割过半。", "过半"),
        ("路修了一半儿就停了。", "一半"),
    ],
)
def test_not_a_half_share(text: str, word: str) -> None:
    assert not any(
        word in name and name.endswith(("半", "半数")) for name in _found(text)
    )
