"""kg's fast string writer of RDF against the reference writer through pyoxigraph.

``kg build`` writes graph.ttl and graph.trig by joining strings (``kg.rdf``: fast, one
document's graph at a time). ``kg.rdf.reference_quads`` makes the same graph's RDF
with pyoxigraph's own parser and terms; whatever the fast writer does, the graphs it
writes must be isomorphic to the reference's, graph by graph.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode as RdflibBNode
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.build import build
from kg.graph import read_node_link
from kg.ingest import SourceText, iter_corpus, list_corpus, read_document
from kg.model import Document
from kg.rdf import reference_quads, write_rdf_reference
from tests.conftest import SEEDS

HELDOUT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "heldout"

Key = tuple[str, str, str]


def _documents(corpus: Path) -> dict[str, Document]:
    root, files = list_corpus(corpus)
    return {
        s.doc_id: read_document(s)
        for s in iter_corpus(root, files)
        if isinstance(s, SourceText)
    }


def _term(term: object) -> URIRef | Literal | RdflibBNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return RdflibBNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _by_graph(quads: list[ox.Quad]) -> dict[str, list[ox.Quad]]:
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        graphs[name].append(q)
    return graphs


def _isomorphic(a: list[ox.Quad], b: list[ox.Quad]) -> bool:
    """Whether two graphs are isomorphic: equal, when neither has a blank node
    (kg mints IRIs for everything); else rdflib's canonical comparison."""
    blank = any(
        isinstance(t, ox.BlankNode) for q in (*a, *b) for t in (q.subject, q.object)
    )
    if not blank:
        return {(q.subject, q.predicate, q.object) for q in a} == {
            (q.subject, q.predicate, q.object) for q in b
        }
    graphs = []
    for quads in (a, b):
        g = Graph()
        for q in quads:
            g.add((_term(q.subject), _term(q.predicate), _term(q.object)))
        graphs.append(g)
    return isomorphic(*graphs)


def _check(corpus: Path, out: Path) -> None:
    """``out``: what ``kg build`` wrote of ``corpus``."""
    graph = read_node_link(out / "graph.json")
    reference = reference_quads(graph, _documents(corpus))
    written = list(ox.parse(path=out / "graph.trig", format=ox.RdfFormat.TRIG))
    expected, got = _by_graph(reference), _by_graph(written)
    assert sorted(got) == sorted(expected)
    differ = [n for n in expected if not _isomorphic(expected[n], got[n])]
    assert not differ, f"graphs not isomorphic to the reference: {differ[:5]}"
    # graph.ttl: the union of all graphs
    union = list(ox.parse(path=out / "graph.ttl", format=ox.RdfFormat.TURTLE))
    assert _isomorphic(reference, union)


def test_fast_rdf_writer_is_isomorphic_to_the_reference_on_the_seeds(
    built_seeds: Path,
) -> None:
    _check(SEEDS, built_seeds)


@pytest.mark.perf
@pytest.mark.skipif(not HELDOUT.is_dir(), reason="no held-out corpus here")
def test_fast_rdf_writer_is_isomorphic_to_the_reference_on_the_heldout(
    tmp_path: Path,
) -> None:
    build(HELDOUT, tmp_path / "out", html=False, jobs=1, cache=False)
    _check(HELDOUT, tmp_path / "out")


def test_reference_writer_files_read_back_as_the_reference(
    built_seeds: Path, tmp_path: Path
) -> None:
    """``write_rdf_reference``'s files (pyoxigraph's serialisers) hold its quads."""
    graph = read_node_link(built_seeds / "graph.json")
    docs = _documents(SEEDS)
    ttl, trig = write_rdf_reference(graph, tmp_path / "ref", docs)
    reference = reference_quads(graph, docs)
    read = list(ox.parse(path=trig, format=ox.RdfFormat.TRIG))
    assert set(read) == set(reference)
    triples = {(q.subject, q.predicate, q.object) for q in reference}
    read_union = {
        (q.subject, q.predicate, q.object)
        for q in ox.parse(path=ttl, format=ox.RdfFormat.TURTLE)
    }
    assert read_union == triples
    with pytest.raises(ValueError, match="jsonld"):
        write_rdf_reference(graph, tmp_path / "ref", docs, formats=["jsonld"])
