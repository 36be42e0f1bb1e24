"""The writers' shortcuts give exactly what the plain way gives.

The byte-identity of whole builds is checked against reference outputs; these tests
pin the equivalences the fast paths rely on, on cases a corpus may not hold.
"""

from __future__ import annotations

import json
from bisect import bisect_left

import networkx as nx
import pytest
from rdflib.namespace import RDF, XSD

from kg.graph import to_node_link
from kg.ingest import parse_document
from kg.rdf import (
    _nt,
    _sentence_bounds,
    _written,
    serialize,
    to_statements,
)

XSD_NS = str(XSD)


@pytest.mark.parametrize(
    "term",
    [
        "<https://w3id.org/kg-gov/id/place/500155>",  # a prefixed name
        "<https://w3id.org/kg-gov/id/place/a%20b>",  # not a local name: stays
        "<https://w3id.org/kg-gov/id/document/a%2Fb.txt#char=1,2>",  # a span
        "<http://example.org/a#b>",  # no prefix
        f'"12"^^<{XSD_NS}integer>',
        f'"true"^^<{XSD_NS}boolean>',
        f'"1"^^<{XSD_NS}boolean>',  # not the bare boolean
        '"x"^^<http://example.org/dt>',  # datatype without prefix
        '"a^^b"@zh',
        '"a\\"^^xsd:integer"',  # looks typed inside the quotes only
        '"ends with ^^"',
        '"plain"',
        "_:b0",
    ],
)
def test_written_form_turns_back_into_the_same_term(term: str) -> None:
    assert _nt(_written(term)) == term


def test_rdf_type_as_a_predicate_is_a() -> None:
    assert _nt("a") == f"<{RDF.type}>"


@pytest.mark.parametrize(
    "text",
    [
        "第一句。第二句！第三句",
        "大力建设" * 10 + "农\n\n家书屋，覆盖全村。又一句。",  # ingest drops characters
        "标题\n\n正文第一句。\n正文第二句；第三句？",
    ],
)
def test_sentence_bounds_find_the_sentences_the_document_finds(text: str) -> None:
    doc = parse_document(text, "t")
    found, ends = _sentence_bounds(doc)
    assert found is doc and ends is not None
    for pos in range(-1, len(text) + 2):
        expected = doc.sentence_index(doc.to_clean(pos))
        assert max(0, bisect_left(ends, pos) - 1) == expected, pos


def _parallel_edges() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in ("place:a", "place:b"):
        graph.add_node(node, type="place", name=node, aliases=[], mentions=[])
    for doc in ("3", "1", "2", "1"):  # ties on (source, target, type)
        graph.add_edge(
            "place:b",
            "place:a",
            type="part_of",
            evidence=[{"doc": doc, "start": 0, "end": 1}],
        )
    graph.add_edge("place:a", "place:b", type="about", evidence=[])
    return graph


def test_graph_json_breaks_edge_ties_by_their_json() -> None:
    graph = _parallel_edges()
    got = to_node_link(graph)["edges"]
    data = nx.node_link_data(graph, edges="edges")
    expected = sorted(
        data["edges"],
        key=lambda e: (
            e["source"],
            e["target"],
            e["type"],
            json.dumps(e, sort_keys=True),
        ),
    )
    for edge in expected:
        edge.pop("key", None)
    assert got == expected


def test_rdf_from_quads_writes_what_the_statements_write() -> None:
    """Turtle and TriG from pyoxigraph quads (``kg export``) equal those from the
    statements themselves."""
    import pyoxigraph as ox

    statements = to_statements(_parallel_edges())
    quads = list(ox.parse(serialize(statements, "nquads"), format=ox.RdfFormat.N_QUADS))
    for fmt in ("turtle", "trig", "nquads", "ntriples"):
        assert serialize(quads, fmt) == serialize(statements, fmt), fmt
