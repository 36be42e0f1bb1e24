"""Web pages, Word files, PDFs and document metadata (kg.formats, kg.metadata).

Every fixture is written by the tests themselves: an HTML page with navigation, a
related-links box and a footer; a GBK page; a .docx written with python-docx; a
two-column PDF written with reportlab (a word split over a line, a sentence running
from one column into the next, page numbers); a PDF with no text layer. Each is
checked for its article text without boilerplate, the offsets of every mention, its
title and date, and the programme 三比三亮. A folder mixing every format (and files
kg does not read) builds into one graph.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.extract import extract
from kg.ingest import SourceText, find_source, list_corpus, read_document
from kg.metadata import describe
from kg.model import Document

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>梁平区推行“三比三亮”工作法_重庆市梁平区人民政府</title>
<meta name="SiteName" content="重庆市梁平区人民政府">
<meta name="ArticleTitle" content="梁平区推行“三比三亮”工作法">
<meta name="PubDate" content="2023-03-05 10:20">
<meta name="ContentSource" content="梁平区委组织部">
<link rel="canonical" href="http://www.cqlp.gov.cn/zwxx/2023/0305/123.html">
<script>var tracker = "首页统计";</script>
</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="crumb">当前位置：首页 &gt; 政务信息 &gt; 部门动态</div>
<div class="article">
<h1>梁平区推行“三比三亮”工作法</h1>
<div class="info">发布时间：2023-03-05 10:20　来源：梁平区委组织部　浏览次数：128</div>
<div class="content">
<p>今年以来，梁平区在全区村（社区）推行“三比三亮”工作法，比作风、比能力、比实绩，亮身份、亮承诺、亮成效，引导党员干部在基层治理中当先锋、作表率。</p>
<p>梁山街道八角社区把“三比三亮”与网格治理结合起来，组织党员认领网格，全年为群众办实事120余件。</p>
<p>下一步，梁平区将总结推广八角社区等地的经验做法，推动基层治理提质增效。</p>
</div></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">梁平区召开全区组织工作会议</a></li>
<li><a href="/b">合川区推行院落会议事制度</a></li></ul></div>
<div class="footer">版权所有：重庆市梁平区人民政府办公室　渝ICP备05003300号　网站标识码：5002280001</div>
</body></html>
"""

# A GB2312-labelled page (GBK bytes) with no date or title meta tags: the date comes
# from its 发布日期 line, the title from <title>, the publisher from its 来源 line.
GBK_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>合川区学习梁平区“三比三亮”经验</title></head><body>
<table class="top"><tr><td><a href="/">网站首页</a></td><td><a href="/xxgk">信息公开</a></td>
<td><a href="/zxft">在线访谈</a></td></tr></table>
<div class="title">合川区学习梁平区“三比三亮”经验</div>
<div class="sub">发布日期：2023年4月12日　信息来源：合川区委组织部</div>
<div id="zoom">
<p>4月11日，合川区组织各镇街党（工）委书记赴梁平区学习“三比三亮”工作法，实地察看了梁山街道八角社区网格治理情况。</p>
<p>双凤镇党委书记秦军臣表示，将结合院落会议事制度，把“三比三亮”经验用到实处，让党员亮身份、亮承诺、亮成效。</p>
</div>
<div class="bottom">主办：重庆市合川区人民政府办公室　联系我们　网站地图</div>
</body></html>
"""

BOILERPLATE = (
    "首页",
    "当前位置",
    "相关链接",
    "版权所有",
    "浏览次数",
    "网站地图",
    "统计",
)


def _write_docx(path: Path) -> None:
    import datetime

    import docx

    document = docx.Document()
    document.core_properties.title = "梁平区“三比三亮”工作情况报告"
    document.core_properties.created = datetime.datetime(2023, 6, 1, 9, 0)
    document.add_heading("梁平区“三比三亮”工作情况报告", level=1)
    document.add_paragraph(
        "今年以来，梁平区在全区推行“三比三亮”工作法，各村（社区）党组织比作风、"
        "比能力、比实绩，亮身份、亮承诺、亮成效。"
    )
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("街道", "社区", "办实事"), strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ("梁山街道", "八角社区", "120件"), strict=True
    ):
        cell.text = text
    document.add_paragraph("表格之后的段落：下一步将在全区推广八角社区的经验。")
    document.save(str(path))


def _write_pdf(path: Path) -> None:
    """Two pages; page 1 has a title line and two columns. 三比|三亮 is split over a
    line of the left column, whose last sentence runs on into the right column; the
    pages carry page numbers."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built in: no font file
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setDateFormatter(lambda *_: "D:20230305120000+08'00'")
    pdf.setTitle("梁平区“三比三亮”工作法调研报告")
    pdf.setFont("STSong-Light", 16)
    pdf.drawString(120, 790, "梁平区“三比三亮”工作法调研报告")
    pdf.setFont("STSong-Light", 10)
    left = [
        "　　今年以来，重庆市梁平区在全区推行“三比",
        "三亮”工作法，比作风、比能力、比实绩，亮身",
        "份、亮承诺、亮成效，引导党员干部在基层治",
        "理中当先锋、作表率。梁山街道八角社区组织",
        "党员认领网格，全年为群众办实事一百二十余",
    ]
    right = [
        "件，群众满意度明显提升。",
        "　　合川区双凤镇推行院落会议事制度，每月",
        "召开一次院落会，收集群众意见建议。",
    ]
    for column, x in ((left, 50), (right, 310)):
        for n, line in enumerate(column):
            pdf.drawString(x, 740 - 14 * n, line)
    pdf.drawString(290, 40, "- 1 -")
    pdf.showPage()
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(50, 740, "　　下一步，梁平区将把“三比三亮”工作法推广到全区各镇街。")
    pdf.drawString(290, 40, "- 2 -")
    pdf.showPage()
    pdf.save()


def _write_scanned_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.rect(50, 50, 300, 400, fill=1)  # an image of a page: no text layer
    pdf.showPage()
    pdf.save()


JSONL_RECORD = {
    "id": "n1",
    "date": "2023-04-01",
    "title": "梁平区“三比三亮”见成效",
    "url": "https://www.example.gov.cn/news/n1.html",
    "text": "梁平区推行“三比三亮”工作法以来，基层治理水平明显提升。",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of every format kg reads, plus files it does not."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "web").mkdir()
    (root / "web" / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "web" / "gbk.htm").write_bytes(GBK_PAGE.encode("gbk"))
    _write_docx(root / "report.docx")
    _write_pdf(root / "survey.pdf")
    (root / "news.jsonl").write_text(
        json.dumps(JSONL_RECORD, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    # A date line at the end beats the file name's date; the other has only that.
    (root / "20230101_简报.txt").write_text(
        "梁平区“三比三亮”简报\n\n八角社区推行“三比三亮”工作法。\n\n梁平区委组织部\n2023年5月6日\n",
        encoding="utf-8",
    )
    (root / "2023-07-08 通报.txt").write_text(
        "通报\n\n各镇街继续推行“三比三亮”工作法。\n", encoding="utf-8"
    )
    for name in ("old.doc", "a.xls", "b.xls", ".DS_Store"):
        (root / name).write_bytes(b"\xd0\xcf\x11\xe0 not read")
    return root


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("mixed-out")
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "-o", str(out), "-j", "1"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def _read(corpus: Path, name: str) -> Document:
    return read_document(find_source(name, corpus=corpus))


def _check_offsets_and_programme(doc: Document) -> None:
    """The offset invariant of every mention, and 三比三亮 found."""
    mentions = extract(doc)
    for mention in mentions:
        assert doc.text[mention.start : mention.end] == mention.text
        assert 0 <= mention.start < mention.end <= len(doc.text)
    programmes = {m.name for m in mentions if m.label == "programme"}
    # the fullest name the text writes (三比三亮工作法) or the bare formula
    assert any(name.startswith("三比三亮") for name in programmes), (
        doc.doc_id,
        programmes,
    )


def test_html_main_text_without_navigation_title_date_publisher(corpus: Path) -> None:
    doc = _read(corpus, "web/page.html")
    assert doc.text.startswith("梁平区推行“三比三亮”工作法\n\n今年以来")
    assert "八角社区把“三比三亮”与网格治理结合起来" in doc.text
    for boilerplate in BOILERPLATE:
        assert boilerplate not in doc.text, boilerplate
    assert doc.meta.format == "html"
    assert doc.meta.title == "梁平区推行“三比三亮”工作法"
    assert (doc.meta.date, doc.meta.date_source) == ("2023-03-05", "metadata:pubdate")
    assert doc.meta.publisher == "梁平区委组织部"
    assert doc.meta.source == "http://www.cqlp.gov.cn/zwxx/2023/0305/123.html"
    _check_offsets_and_programme(doc)


def test_html_gbk_page_date_from_its_own_line(corpus: Path) -> None:
    doc = _read(corpus, "web/gbk.htm")
    assert "双凤镇党委书记秦军臣表示" in doc.text
    for boilerplate in ("网站首页", "在线访谈", "联系我们", "网站地图"):
        assert boilerplate not in doc.text
    assert doc.meta.title == "合川区学习梁平区“三比三亮”经验"
    assert (doc.meta.date, doc.meta.date_source) == ("2023-04-12", "metadata:发布时间")
    assert doc.meta.publisher == "合川区委组织部"
    _check_offsets_and_programme(doc)


def test_docx_paragraphs_and_tables_in_reading_order(corpus: Path) -> None:
    doc = _read(corpus, "report.docx")
    lines = doc.text.splitlines()
    assert lines[0] == "梁平区“三比三亮”工作情况报告"
    # The table sits between the two paragraphs, a row per line, cells by tabs.
    body = lines.index("街道\t社区\t办实事")
    assert lines[body + 1] == "梁山街道\t八角社区\t120件"
    assert lines[body - 1].startswith("今年以来") and lines[body + 2].startswith(
        "表格之后"
    )
    assert doc.meta.format == "docx"
    assert doc.meta.title == "梁平区“三比三亮”工作情况报告"
    assert (doc.meta.date, doc.meta.date_source) == (
        "2023-06-01",
        "metadata:docx created",
    )
    _check_offsets_and_programme(doc)


def test_docx_python_docx_template_date_is_no_date(tmp_path: Path) -> None:
    import docx

    document = docx.Document()  # created 2013-12-23: python-docx's template
    document.add_paragraph("八角社区推行“三比三亮”工作法。")
    document.save(str(tmp_path / "x.docx"))
    doc = read_document(SourceText("x.docx", (tmp_path / "x.docx").read_bytes()))
    assert doc.meta.date is None


def test_pdf_columns_and_split_word_joined_page_kept(corpus: Path) -> None:
    doc = _read(corpus, "survey.pdf")
    # 三比|三亮 split over a line, and the sentence running on into the next column.
    assert "在全区推行“三比三亮”工作法" in doc.text
    assert "全年为群众办实事一百二十余件，群众满意度明显提升。" in doc.text
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    assert doc.text.index("合川区双凤镇") > doc.text.index("群众满意度")
    assert doc.meta.format == "pdf"
    assert doc.meta.title == "梁平区“三比三亮”工作法调研报告"
    assert (doc.meta.date, doc.meta.date_source) == (
        "2023-03-05",
        "metadata:pdf CreationDate",
    )
    assert len(doc.meta.pages) == 2
    assert doc.text[doc.meta.pages[1] :].startswith("下一步")
    _check_offsets_and_programme(doc)


def test_pdf_without_text_layer_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    _write_scanned_pdf(path)
    with pytest.raises(InputError, match=r"^scan\.pdf: no text layer \(scanned\?\)"):
        read_document(SourceText("scan.pdf", path.read_bytes()))


def test_broken_files_are_input_errors(tmp_path: Path) -> None:
    for name in ("a.pdf", "a.docx"):
        with pytest.raises(InputError, match=name.replace(".", r"\.")):
            read_document(SourceText(name, b"not really a " + name.encode()))


def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def without_trafilatura(name: str, *args: object) -> object:
        if name == "trafilatura":
            raise ImportError("No module named 'trafilatura'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_trafilatura)
    with pytest.raises(InputError) as error:
        read_document(SourceText("a.html", HTML_PAGE.encode()))
    assert "pip install 'kg[html]'" in str(error.value)
    assert "\n" not in str(error.value)


def test_metadata_order_format_field_text_file_name() -> None:
    text = "通知\n\n正文。\n\n2023年5月6日\n"
    fields = {"date": "2022-01-02"}
    assert describe("20210101.txt", text, fields=fields).date_source == "field:date"
    assert describe("20210101.txt", text).date_source == "text:end"
    assert describe("20210101.txt", "通知\n\n正文。\n").date_source == "file name"
    assert describe("a.txt", "通知\n\n正文。\n").date is None


def test_mixed_folder_builds_one_graph(corpus: Path, built: tuple[Path, str]) -> None:
    out, output = built
    assert "documents read: 7" in output
    assert "errors: 0" in output
    assert (
        "skipped 1 .doc, 2 .xls (not supported: .doc: convert to .docx; "
        ".xls: spreadsheets are not read)" in output
    )
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    documents = {n["name"]: n for n in data["nodes"] if n["type"] == "document"}
    assert {name: n["format"] for name, n in documents.items()} == {
        "20230101_简报.txt": "text",
        "2023-07-08 通报.txt": "text",
        "news.jsonl#n1": "jsonl",
        "report.docx": "docx",
        "survey.pdf": "pdf",
        "web/gbk.htm": "html",
        "web/page.html": "html",
    }
    dates = {name: (n["date"], n["date_source"]) for name, n in documents.items()}
    assert dates["20230101_简报.txt"] == ("2023-05-06", "text:end")
    assert dates["2023-07-08 通报.txt"] == ("2023-07-08", "file name")
    assert dates["news.jsonl#n1"] == ("2023-04-01", "field:date")
    record = documents["news.jsonl#n1"]
    assert record["title"] == JSONL_RECORD["title"]
    assert record["source"] == JSONL_RECORD["url"]
    assert documents["20230101_简报.txt"]["title"] == "梁平区“三比三亮”简报"
    assert documents["survey.pdf"]["pages"] == 2
    # 三比三亮 is read from every document, at offsets of each canonical text.
    texts = {name: _read(corpus, name).text for name in documents}
    (programme,) = (
        n
        for n in data["nodes"]
        if n["type"] == "programme" and "三比三亮" in {n["name"], *n["aliases"]}
    )
    assert {m["doc"] for m in programme["mentions"]} == set(documents)
    for mention in programme["mentions"]:
        assert "三比三亮" in texts[mention["doc"]][mention["start"] : mention["end"]]
    spans = [m for n in data["nodes"] for m in n.get("mentions", [])]
    spans += [s for e in data["edges"] for s in e["evidence"]]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(texts[span["doc"]])
        # A PDF's spans carry their page beside the offsets.
        assert ("page" in span) == (span["doc"] == "survey.pdf")
    pdf = [m for m in programme["mentions"] if m["doc"] == "survey.pdf"]
    assert sorted(m["page"] for m in pdf) == [1, 1, 2]


def test_mixed_folder_rdf_has_document_metadata(built: tuple[Path, str]) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, XSD

    from kg.ontology import KG, entity_iri

    out, _ = built
    union = Graph().parse(out / "graph.ttl")
    page = entity_iri("document:web/page.html")
    assert (page, DCTERMS.date, Literal("2023-03-05", datatype=XSD.date)) in union
    assert (page, DCTERMS.publisher, Literal("梁平区委组织部", lang="zh")) in union
    assert (
        page,
        DCTERMS.source,
        URIRef("http://www.cqlp.gov.cn/zwxx/2023/0305/123.html"),
    ) in union
    assert (page, KG.dateSource, Literal("metadata:pubdate")) in union
    assert (page, DCTERMS.format, Literal("text/html")) in union
    pdf = entity_iri("document:survey.pdf")
    assert (pdf, KG.pages, Literal(2)) in union
    assert any(
        str(s).startswith(str(pdf) + "#char=")
        for s, _, _ in union.triples((None, KG.page, None))
    )


def test_mixed_folder_view_shows_document_metadata(built: tuple[Path, str]) -> None:
    from kg.graph import read_node_link
    from kg.viz import view_data

    out, _ = built
    data = view_data(read_node_link(out / "graph.json"))
    meta = dict(zip(data["docs"], data["doc_meta"], strict=True))
    assert meta["web/page.html"]["publisher"] == "梁平区委组织部"
    assert meta["survey.pdf"]["date"] == "2023-03-05"
    (programme_id,) = (
        key for key in data["details"] if key.startswith("programme:三比三亮")
    )
    evidence = data["details"][programme_id]["evidence"]
    assert all(
        ("page" in ev) == (data["docs"][ev["doc"]] == "survey.pdf") for ev in evidence
    )


def test_kg_text_prints_the_canonical_text(corpus: Path) -> None:
    runner = CliRunner()
    for name in ("survey.pdf", "web/gbk.htm", "report.docx", "news.jsonl#n1"):
        result = runner.invoke(cli, ["text", name, "-c", str(corpus)])
        assert result.exit_code == 0, result.output
        assert result.output == _read(corpus, name).text
    text = _read(corpus, "survey.pdf").text
    start = text.index("三比三亮")
    result = runner.invoke(
        cli, ["text", "survey.pdf", "-c", str(corpus), "--span", f"{start}:{start + 4}"]
    )
    assert result.output == "三比三亮\n"
    result = runner.invoke(cli, ["text", "survey.pdf", "-c", str(corpus), "--meta"])
    meta = json.loads(result.output)
    assert meta["format"] == "pdf" and len(meta["pages"]) == 2
    result = runner.invoke(cli, ["text", "nothing.pdf", "-c", str(corpus)])
    assert result.exit_code == 1 and "no such file" in result.output


def test_list_corpus_counts_what_it_skips(corpus: Path) -> None:
    from collections import Counter

    skipped: Counter[str] = Counter()
    _, files = list_corpus(corpus, skipped=skipped)
    assert skipped == {".doc": 1, ".xls": 2}  # .DS_Store is hidden: not counted
    assert len(files) == 7


def test_kg_build_with_no_arguments_builds_the_packaged_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a folder with no seeds/ in it
    result = CliRunner().invoke(cli, ["build", "--no-rdf", "--no-html", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "documents read: 5" in result.output
    assert (tmp_path / "output" / "graph.json").is_file()


def test_mixed_folder_outputs_are_byte_identical_run_to_run(
    corpus: Path, built: tuple[Path, str], tmp_path: Path
) -> None:
    from kg.build import build

    first, _ = built  # -j 1 through the CLI; now two workers and no cache
    build(corpus, tmp_path, jobs=2, cache=False)
    for name in ("graph.json", "graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name


def test_html_empty_page_is_an_error_and_bare_text_is_kept() -> None:
    with pytest.raises(InputError, match="no main text"):
        read_document(SourceText("e.html", b"<html><body><p> </p></body></html>"))
    short = "<html><head><title>通知</title></head><body><p>推行“三比三亮”工作法。</p></body></html>"
    doc = read_document(SourceText("s.html", short.encode()))
    assert doc.text == "通知\n\n推行“三比三亮”工作法。\n"
