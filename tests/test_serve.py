"""kg serve: the real server on a free port, queried with SPARQLWrapper and plain HTTP."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper

from kg.query import load_store
from kg.serve import SparqlServer, make_server

PROGRAMMES = """
PREFIX kg: <https://w3id.org/kg-gov/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?programme ?name WHERE { ?programme a kg:Programme ; skos:prefLabel ?name }
ORDER BY ?name
"""


def _start(built: Path, **options: object) -> SparqlServer:
    server = make_server(
        load_store(built), port=0, view=built / "graph.html", **options
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def built(built_seeds: Path) -> Path:
    (built_seeds / "graph.html").write_text("<html>view</html>", encoding="utf-8")
    return built_seeds


@pytest.fixture(scope="module")
def endpoint(built: Path) -> Iterator[str]:
    server = _start(built)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _http(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def test_serve_binds_localhost_by_default(built: Path) -> None:
    server = make_server(load_store(built), port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_sparqlwrapper_select_json(endpoint: str, method: str) -> None:
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(PROGRAMMES)
    client.setReturnFormat(JSON)
    if method == "POST":
        client.setMethod(POST)
    data = client.query().convert()
    names = {b["name"]["value"] for b in data["results"]["bindings"]}
    assert {"三比三亮", "双网格", "六单工作法"} <= names
    assert data["results"]["bindings"][0]["name"]["xml:lang"] == "zh"


def test_serve_sparqlwrapper_xml_csv_tsv(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(PROGRAMMES)
    client.setReturnFormat(XML)
    document = client.query().convert()
    results = document.getElementsByTagName("result")
    client.setReturnFormat(CSV)
    rows = list(csv.DictReader(io.StringIO(client.query().convert().decode())))
    client.setReturnFormat(TSV)
    tsv = client.query().convert().decode().splitlines()
    assert len(results) == len(rows) == len(tsv) - 1 > 10
    assert "三比三亮" in {r["name"] for r in rows}
    assert tsv[0] == "?programme\t?name" and '"三比三亮"@zh' in "\n".join(tsv)


def test_serve_sparqlwrapper_construct_as_turtle(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(
        "CONSTRUCT { ?p ?r ?o } WHERE "
        "{ BIND(<https://w3id.org/kg-gov/id/place/500155> AS ?p) ?p ?r ?o }"
    )
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    triples = Graph().parse(data=data, format="turtle")
    labels = {str(o) for o in triples.objects(None, None)}
    assert "梁平区" in labels


def test_serve_ask_and_describe(endpoint: str) -> None:
    status, headers, body = _http(
        endpoint + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = _http(
        endpoint
        + "/sparql?"
        + urllib.parse.urlencode(
            {"query": "DESCRIBE <https://w3id.org/kg-gov/id/place/500155>"}
        ),
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) > 5


def test_serve_post_sparql_query_body_and_accept(endpoint: str) -> None:
    status, headers, body = _http(
        endpoint + "/sparql",
        data=PROGRAMMES.encode(),
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "text/html;q=0.9, application/sparql-results+xml",
        },
    )
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(body)
    assert root.tag.endswith("sparql")


@pytest.mark.parametrize(
    "how",
    ["update-form", "update-body", "update-as-query"],
)
def test_serve_refuses_updates_with_403(endpoint: str, how: str) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "update-form":
        data = urllib.parse.urlencode({"update": update}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    elif how == "update-body":
        data, headers = update.encode(), {"Content-Type": "application/sparql-update"}
    else:
        data = urllib.parse.urlencode({"query": update}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = _http(endpoint + "/sparql", data=data, headers=headers)
    assert status == 403 and "read-only" in body
    status, _, body = _http(
        endpoint
        + "/sparql?"
        + urllib.parse.urlencode({"query": "ASK { <urn:a> <urn:b> <urn:c> }"}),
    )
    assert json.loads(body)["boolean"] is False


def test_serve_sparqlwrapper_update_is_refused(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403


@pytest.mark.parametrize(
    "query, headers, status, message",
    [
        ("SELECT * WHERE { ?s ?p }", {}, 400, "invalid SPARQL"),
        (
            "SELECT * WHERE { ?s ?p ?o }",
            {"Accept": "image/png"},
            406,
            "SELECT/ASK results",
        ),
        (None, {}, 400, "exactly one query"),
    ],
)
def test_serve_bad_requests_are_clear_4xx(
    endpoint: str, query: str | None, headers: dict[str, str], status: int, message: str
) -> None:
    params = urllib.parse.urlencode({"query": query}) if query else ""
    got, _, body = _http(endpoint + "/sparql?" + params, headers=headers)
    assert got == status and message in body


def test_serve_wrong_content_type_and_path(endpoint: str) -> None:
    status, _, body = _http(
        endpoint + "/sparql", data=b"{}", headers={"Content-Type": "application/json"}
    )
    assert status == 415
    status, _, body = _http(endpoint + "/nothing-here")
    assert status == 404 and "/sparql" in body


def test_serve_query_page_and_view_need_no_network(endpoint: str) -> None:
    status, headers, page = _http(endpoint + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "programmes-per-district" in page and 'fetch("/sparql"' in page
    status, _, view = _http(endpoint + "/graph.html")
    assert status == 200 and "view" in view


def test_serve_refuses_a_view_of_another_build(built: Path) -> None:
    """After a rebuild the view on disk is not of the store's build (kg.outputs)."""
    server = _start(built, view_current=lambda: False)
    host, port = server.server_address[:2]
    try:
        status, _, body = _http(f"http://{host}:{port}/graph.html")
        assert status == 503 and "rebuilt since kg serve started" in body
    finally:
        server.shutdown()
        server.server_close()


def test_serve_caps_the_result_size(built: Path) -> None:
    server = _start(built, max_rows=5)
    host, port = server.server_address[:2]
    try:
        status, headers, body = _http(
            f"http://{host}:{port}/sparql?"
            + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
        )
        assert status == 200 and headers.get("X-KG-Truncated") == "true"
        assert len(json.loads(body)["results"]["bindings"]) == 5
    finally:
        server.shutdown()
        server.server_close()


def test_serve_times_out_a_long_query(built: Path) -> None:
    server = _start(built, timeout=0.3, max_rows=10**9)
    host, port = server.server_address[:2]
    crossing = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^10 rows
    try:
        status, _, body = _http(
            f"http://{host}:{port}/sparql?"
            + urllib.parse.urlencode({"query": crossing})
        )
        assert status == 503 and "timed out" in body
    finally:
        server.shutdown()
        server.server_close()
