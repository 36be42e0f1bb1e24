"""kg query: named queries on the seeds, bindings (never pasted), formats, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.query import (
    format_result,
    load_store,
    make_bindings,
    named_queries,
    resolve_query,
    run_query,
)
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def store(built_seeds: Path) -> ox.Store:
    return load_store(built_seeds)


def _rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    text, named = resolve_query(name)
    result = run_query(store, text, make_bindings(list(params.items()), named))
    return list(csv.DictReader(io.StringIO(format_result(result, "csv"))))


def test_query_ships_the_named_queries_with_descriptions() -> None:
    queries = named_queries()
    assert {
        "programmes-per-district",
        "shared-programmes",
        "officials",
        "officials-all",
        "programme-metrics",
        "place-hierarchy",
        "mentions",
    } <= set(queries)
    for query in queries.values():
        assert query.description and query.params


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_every_named_query_answers_on_the_seeds(
    store: ox.Store, name: str
) -> None:
    assert _rows(store, name)


def test_query_programmes_per_district_counts_places_below(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "梁平区推行“院坝三议”工作法\n\n梁平区大力推行“院坝三议”工作法。"
        "在梁平区梁山街道八角社区,“院坝三议”工作法让居民议事有了平台。\n",
        encoding="utf-8",
    )
    from kg.build import build

    build(corpus, tmp_path / "out", html=False)
    rows = _rows(
        load_store(tmp_path / "out"), "programmes-per-district", district="梁平区"
    )
    assert {r["district"] for r in rows} == {"梁平区"}
    by_name = {r["programme"]: r for r in rows}
    # “院坝三议”工作法 (its fullest name) runs in 梁平区 and in 梁山街道 below it
    assert int(by_name["院坝三议工作法"]["places"]) == 2


def test_query_programmes_per_district_on_the_seeds(store: ox.Store) -> None:
    rows = _rows(store, "programmes-per-district", district="梁平区")
    assert {r["district"] for r in rows} == {"梁平区"}
    assert "三比三亮" in {r["programme"] for r in rows}


def test_query_shared_programmes_joins_variants(store: ox.Store) -> None:
    rows = _rows(store, "shared-programmes")
    assert any({"合川区", "梁平区"} <= set(r["names"].split("、")) for r in rows)
    assert all(int(r["districts"]) > 1 for r in rows)


def test_query_officials_current_only_and_all(store: ox.Store) -> None:
    current = _rows(store, "officials", place="合川区")
    every = _rows(store, "officials-all", place="合川区")
    assert {r["person"] for r in current} < {r["person"] for r in every}
    former = {r["person"] for r in every if r["former"] == "true"}
    assert former and not former & {r["person"] for r in current}


def test_query_place_hierarchy_lists_places_below_a_district(store: ox.Store) -> None:
    rows = _rows(store, "place-hierarchy", district="梁平区")
    parents = {r["place"]: r["parent"] for r in rows}
    assert parents["八角社区"] == "梁山街道" and parents["梁山街道"] == "梁平区"


def test_query_mentions_give_document_and_sentence(
    store: ox.Store, built_seeds: Path
) -> None:
    rows = _rows(store, "mentions", programme="三比三亮")
    assert rows
    for row in rows:
        start, end = map(int, row["span"].removeprefix("char=").split(","))
        text = (SEEDS / row["document"]).read_text(encoding="utf-8")
        assert text[start:end] == "三比三亮"
        assert "三比三亮" in row["sentence"]


def test_query_bound_values_are_never_pasted_into_the_query(store: ox.Store) -> None:
    evil = '梁平区"@zh } } INSERT DATA { <x:a> <x:b> <x:c> } #'
    before = len(store)
    assert _rows(store, "officials", place=evil) == []
    assert len(store) == before


def test_query_unknown_parameter_and_bad_value_are_errors() -> None:
    _, named = resolve_query("officials")
    with pytest.raises(QueryError, match="no parameter 'city'"):
        make_bindings([("city", "梁平区")], named)
    with pytest.raises(QueryError, match="not a valid integer"):
        make_bindings([("n", "many")], named_query_with_int())


def named_query_with_int():  # a query with an integer parameter, made on the fly
    from kg.query import parse_named_query

    return parse_named_query("q", "# param: n integer  a number\nSELECT ?n {}")


@pytest.mark.parametrize(
    "text, message",
    [
        ("SELECT * WHERE { ?s ?p }", "invalid SPARQL"),
        ("INSERT DATA { <x:a> <x:b> <x:c> }", "read-only"),
        ("no-such-query", "not a named query"),
    ],
)
def test_query_bad_queries_are_clear_errors(
    store: ox.Store, text: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        query_text, _ = resolve_query(text)
        run_query(store, query_text)


def test_query_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="run kg build first"):
        load_store(tmp_path)


def test_cli_query_table_csv_json_and_rq_file(
    built_seeds: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    table = runner.invoke(
        cli,
        ["query", "officials", "-g", str(built_seeds), "-p", "place", "梁平区"],
        catch_exceptions=False,
    )
    # an official of 梁平区 in the seeds is listed (no name of the seed text written here)
    assert table.exit_code == 0 and "rows)" in table.output
    assert "(0 rows)" not in table.output and "梁平区" in table.output
    as_json = runner.invoke(
        cli, ["query", "shared-programmes", "-g", str(built_seeds), "-f", "json"]
    )
    data = json.loads(as_json.output)
    assert data["head"]["vars"][0] == "programme" and data["results"]["bindings"]
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }", encoding="utf-8")
    counted = runner.invoke(
        cli, ["query", str(rq), "-g", str(built_seeds), "-f", "tsv"]
    )
    assert (
        counted.exit_code == 0
        and int(counted.output.split()[1].split("^^")[0].strip('"')) > 100
    )
    listing = runner.invoke(cli, ["query", "--list"])
    assert (
        "programmes-per-district" in listing.output and "-p district" in listing.output
    )


def test_cli_query_errors_exit_1_with_a_message(built_seeds: Path) -> None:
    result = CliRunner().invoke(
        cli, ["query", "SELECT * WHERE {", "-g", str(built_seeds)]
    )
    assert result.exit_code == 1 and "invalid SPARQL" in result.output
