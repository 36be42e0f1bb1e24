from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import decode, parse_document


def test_ingest_decodes_utf8_bom_and_gb18030() -> None:
    text = "梁平区梁山街道八角社区"
    assert decode(text.encode("utf-8"), "a") == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "a") == text
    assert decode(text.encode("gb18030"), "a") == text
    assert decode(text.encode("gbk"), "a") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (bytes(range(128, 256)) * 4, "decode"),
    ],
)
def test_ingest_rejects_bad_input_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=rf"^bad\.txt: .*{reason}"):
        decode(data, "bad.txt")


def test_ingest_repairs_cut_paragraphs_and_keeps_offsets() -> None:
    # seed 000: "融会贯\n\n通" comes from a PDF column break.
    head = "发挥作用,做到学深悟透、融会贯通的目标,内化于心、外化于行,有效推进各项工作落实到位、融会贯"
    text = head + "\n\n通、奋勇争先。"
    doc = parse_document(text, "t")
    assert "融会贯通、奋勇争先" in doc.clean
    i = doc.clean.rindex("贯通")
    start, end = doc.to_original(i, i + 2)
    assert text[start:end] == "贯\n\n通"


def test_ingest_keeps_real_paragraph_breaks() -> None:
    doc = parse_document("选出好干部配出好班子\n\n荷花、石桥、彩色步道。", "t")
    assert "\n" in doc.clean
    assert len(doc.paragraphs) == 2


def test_ingest_splits_articles_at_bylines_and_author_notes() -> None:
    text = (
        "学习笔谈\n\n标题一\n\n□高建波\n\n正文一。\n\n(作者系中共荣昌区委书记)\n\n"
        "标题二\n\n刘华\n\n正文二。\n\n(作者单位:璧山区委组织部)\n"
    )
    doc = parse_document(text, "t")
    assert len(doc.articles) == 2
    first, second = doc.articles
    assert first.title and doc.clean[first.title[0] : first.title[1]] == "标题一"
    assert first.byline and doc.clean[first.byline[0] : first.byline[1]] == "□高建波"
    assert second.byline and doc.clean[second.byline[0] : second.byline[1]] == "刘华"
    # The column header before the first title is not part of any article.
    assert first.start == doc.clean.index("标题一")


def test_ingest_splits_sentences() -> None:
    doc = parse_document("第一句。第二句!“第三句。”最后", "t")
    assert [doc.clean[s:e] for s, e in doc.sentences] == [
        "第一句。",
        "第二句!",
        "“第三句。”",
        "最后",
    ]
