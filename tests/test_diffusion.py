"""Dates on the graph and the diffusion table, on a small dated JSONL corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.diffusion import COLUMNS
from kg.query import format_result, load_store, make_bindings, resolve_query, run_query

# One programme per sentence, so each record says plainly where it runs. The dates
# are out of corpus order and one is written with slashes.
RECORDS = [
    {"id": "a", "date": "2019-03-05", "text": "重庆市梁平区推行“三比三亮”工作法。"},
    {"id": "b", "date": "2021-06-01", "text": "四川省隆昌市学习借鉴“三比三亮”工作法。"},
    {
        "id": "c",
        "date": "2018/1/10",
        "text": "重庆市梁平区双桂街道推行“三比三亮”工作法。",
    },
    {"id": "d", "date": "2022-05-04", "text": "西藏自治区察雅县推行“三比三亮”工作法。"},
    {"id": "e", "text": "重庆市荣昌区推行“三比三亮”工作法。"},  # no date
]
# place → (first date, last date, documents, example document)
EXPECTED = {
    "梁平区": ("2018-01-10", "2019-03-05", "2", "news.jsonl#c"),
    "隆昌市": ("2021-06-01", "2021-06-01", "1", "news.jsonl#b"),
    "察雅县": ("2022-05-04", "2022-05-04", "1", "news.jsonl#d"),
    "荣昌区": ("", "", "1", "news.jsonl#e"),
}


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dated")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS),
        encoding="utf-8",
    )
    out = root / "out"
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "-o", str(out), "--no-html", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_timeline_dates_reach_documents_edges_and_programmes(dated_build: Path) -> None:
    graph = json.loads((dated_build / "graph.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["document:news.jsonl#c"]["date"] == "2018-01-10"
    assert nodes["document:news.jsonl#e"].get("date") is None
    programme = nodes["programme:三比三亮工作法"]
    assert (programme["first_date"], programme["last_date"]) == (
        "2018-01-10",
        "2022-05-04",
    )
    runs_in = {
        nodes[e["target"]]["name"]: (e.get("first_date"), e.get("last_date"))
        for e in graph["edges"]
        if e["type"] == "runs_in"
    }
    assert runs_in["梁平区"] == ("2019-03-05", "2019-03-05")
    assert runs_in["双桂街道"] == ("2018-01-10", "2018-01-10")
    assert runs_in["荣昌区"] == (None, None)


def _diffusion(dated_build: Path) -> tuple[bytes, list[dict[str, str]]]:
    out = dated_build / "diffusion.csv"
    result = CliRunner().invoke(
        cli, ["export", "-f", "diffusion", "-g", str(dated_build), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    with out.open(encoding="utf-8-sig", newline="") as f:
        return data, list(csv.DictReader(f))


def test_diffusion_csv_round_trips_with_the_documented_columns(
    dated_build: Path,
) -> None:
    data, rows = _diffusion(dated_build)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert list(rows[0]) == list(COLUMNS)
    got = {
        r["place"]: (
            r["first_date"],
            r["last_date"],
            r["documents"],
            r["example_document"],
        )
        for r in rows
        if r["programme"] == "三比三亮工作法"
    }
    assert got == EXPECTED
    by_place = {r["place"]: r for r in rows}
    assert by_place["梁平区"]["code"] == "500155"
    assert by_place["梁平区"]["province"] == "重庆市"
    assert by_place["梁平区"]["prefecture"] == ""  # a municipality's district
    assert by_place["梁平区"]["places"] == "双桂街道"
    assert (by_place["隆昌市"]["prefecture"], by_place["隆昌市"]["province"]) == (
        "内江市",
        "四川省",
    )
    # Dated rows by first date, the undated one last.
    assert [r["place"] for r in rows] == ["梁平区", "隆昌市", "察雅县", "荣昌区"]


def test_diffusion_csv_reads_in_pandas(dated_build: Path) -> None:
    pd = pytest.importorskip("pandas")
    _diffusion(dated_build)
    table = pd.read_csv(
        dated_build / "diffusion.csv", encoding="utf-8-sig", parse_dates=["first_date"]
    )
    assert list(table.columns) == list(COLUMNS)
    first = table.groupby("place")["first_date"].min()
    assert str(first["梁平区"].date()) == "2018-01-10"


def test_programme_timeline_query_gives_the_diffusion_table(dated_build: Path) -> None:
    _, rows = _diffusion(dated_build)
    text, named = resolve_query("programme-timeline")
    result = run_query(
        load_store(dated_build),
        text,
        make_bindings([("programme", "三比三亮工作法")], named),
    )
    answered = list(csv.DictReader(io.StringIO(format_result(result, "csv"))))
    keys = ("programme", "place", "code", "province", "first_date", "last_date")
    keys += ("documents", "example_document")
    assert [{k: r[k] for k in keys} for r in answered] == [
        {k: str(r[k]) for k in keys} for r in rows
    ]


def test_diffusion_columns_are_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in readme, column
    assert "programme-timeline" in readme
