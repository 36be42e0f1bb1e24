"""Grassroots posts before a name (民警, 刑警, 驻村干部, 中队长, 乡村医生 in
kg/resources/titles.txt): the name is an official holding that post. Made-up sentences."""

import pytest

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("凌晨两点，民警宋立波赶到现场。", "宋立波", "民警"),
        ("社区民警方晓东挨家挨户走访。", "方晓东", "社区民警"),
        ("刑警韩志超带队连夜追查。", "韩志超", "刑警"),
        ("驻村干部马永刚帮村民修好了水渠。", "马永刚", "驻村干部"),
        ("交警大队中队长石海林在风口值守。", "石海林", "中队长"),
        ("乡村医生黄德胜背着药箱出诊。", "黄德胜", "乡村医生"),
        ("辅警曹立新协助疏导交通。", "曹立新", "辅警"),
    ],
)
def test_grassroots_post_before_name(text: str, name: str, title: str) -> None:
    found = _people(text)
    assert name in found
    assert [p["title"] for p in found[name]["posts"]] == [title]


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        ("民警们连夜赶到现场。", "们连夜"),
        ("驻村干部都很辛苦。", "都很辛"),
        ("村医待遇低的问题要解决。", "待遇低"),
    ],
)
def test_grassroots_title_before_no_name(text: str, not_name: str) -> None:
    assert not_name not in _people(text)
