from __future__ import annotations

import pytest

from kg.extract.programmes import classify, extract_programmes
from tests.conftest import make_doc


def local(text: str) -> list[str]:
    return sorted(
        {
            m.name
            for m in extract_programmes(make_doc(text))
            if m.attrs["class"] == "local"
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展“三比三亮”赛出新业绩", ["三比三亮"]),
        ("完善“双网格”激发治理效能", ["双网格"]),
        ("“六单工作法”架起桥梁", ["六单工作法"]),
        ("以消费品为支柱的“1+3+1”现代工业产业体系", ["1+3+1"]),
        ("构建4+X乡村社会组织体系", ["4+X"]),
    ],
)
def test_programmes_local_initiatives(text: str, expected: list[str]) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("两个确立", "national"),
        ("中国式现代化", "national"),
        ("头雁效应", "metaphor"),
        ("绣花功夫", "metaphor"),
        ("选出好干部、配出好班子、换出好风气。", "quotation"),
    ],
)
def test_programmes_doctrine_metaphor_quotation_are_not_local(
    name: str, cls: str
) -> None:
    assert classify(name) == cls
    assert local(f"发挥“{name}”作用") == []


def test_programmes_components_in_parentheses() -> None:
    doc = make_doc("开展“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化)活动")
    (mention,) = extract_programmes(doc)
    assert mention.attrs["components"] == [
        "比能力亮素质",
        "比服务亮承诺",
        "比业绩亮变化",
    ]


def test_programmes_quoted_parts_of_a_formula_are_components() -> None:
    doc = make_doc("打造“三专三辅”乡村文化人才队伍。一是“三专”引领,二是“三辅”补充。")
    first = next(m for m in extract_programmes(doc) if m.name == "三专三辅")
    assert first.attrs["components"] == ["三专", "三辅"]
