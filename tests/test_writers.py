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

import kg.rdf
from kg.graph import to_networkx, to_node_link
from kg.ingest import parse_document
from kg.link import link
from kg.model import Document, Mention
from kg.rdf import (
    SentenceIndex,
    _nt,
    _written,
    sentence_index,
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


@pytest.mark.perf  # a fast path (the sentence index) against the document's own search
@pytest.mark.parametrize(
    "text",
    [
        "第一句。第二句！第三句",
        "大力建设" * 10 + "农\n\n家书屋，覆盖全村。又一句。",  # ingest drops characters
        "标题\n\n正文第一句。\n正文第二句；第三句？",
    ],
)
def test_sentence_index_finds_the_sentences_the_document_finds(text: str) -> None:
    doc = parse_document(text, "t")
    index = sentence_index(doc)
    assert isinstance(index, SentenceIndex) and index.text == doc.text
    for pos in range(-1, len(text) + 2):
        expected = doc.sentence_index(doc.to_clean(pos))
        assert max(0, bisect_left(index.ends, pos) - 1) == expected, pos
    n = len(doc.sentences)
    for first in range(n):
        for last in range(first, n):
            expected = doc.to_original(doc.sentences[first][0], doc.sentences[last][1])
            got = (index.spans[2 * first], index.spans[2 * last + 1])
            assert got == expected


def _with_sentences(doc: Document, sentences: tuple[tuple[int, int], ...]) -> Document:
    return Document(
        doc.doc_id, doc.text, doc.clean, doc.offsets, doc.paragraphs, sentences, ()
    )


@pytest.mark.parametrize(
    "sentences",
    [
        ((0, 3), (3, 3), (3, 6)),  # an empty sentence
        ((3, 6), (0, 3)),  # out of order
        ((0, 4), (3, 6)),  # overlapping
    ],
)
def test_sentence_index_leaves_irregular_documents_to_themselves(
    sentences: tuple[tuple[int, int], ...],
) -> None:
    doc = _with_sentences(parse_document("第一句。第二句。", "t"), sentences)
    assert sentence_index(doc) is doc


@pytest.mark.perf  # a fast path against the plain one; tests/test_rdf_reference.py checks the RDF
def test_rdf_from_sentence_indexes_is_the_rdf_from_documents(
    seed_docs: list[tuple[Document, list[Mention]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the build keeps of each document gives the statements that asking each
    document gives, for regular and irregular documents (and mentions over two
    sentences, between them…)."""
    regular = parse_document("大力建设。农家书屋。覆盖全村。", "regular")
    irregular = _with_sentences(
        parse_document(regular.text, "irregular"),
        ((5, 10), (0, 5), (10, 15), (10, 10)),
    )

    def mentions(doc: Document) -> list[Mention]:
        return [
            Mention(doc.doc_id, start, end, text, "organization", "t", text or "空")
            for start, end in [(0, 2), (3, 7), (9, 12), (12, 12), (4, 11)]
            for text in [doc.text[start:end]]
        ]

    extracted = [
        *seed_docs,
        (regular, mentions(regular)),
        (irregular, mentions(irregular)),
    ]
    graph = to_networkx(link(extracted))
    docs = {doc.doc_id: doc for doc, _ in extracted}
    indexes = {doc_id: sentence_index(doc) for doc_id, doc in docs.items()}
    assert indexes["irregular"] is irregular
    assert sum(isinstance(i, SentenceIndex) for i in indexes.values()) == len(docs) - 1
    got = to_statements(graph, indexes)
    with monkeypatch.context() as m:  # every document asked
        m.setattr(kg.rdf, "sentence_index", lambda doc: doc)
        expected = to_statements(graph, docs)
    assert got.trig() == expected.trig()
    assert "nif:anchorOf" in got.trig()


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


@pytest.mark.perf  # a fast path against the plain one; tests/test_rdf_reference.py checks the RDF
def test_rdf_from_quads_writes_what_the_statements_write() -> None:
    """Turtle and TriG from pyoxigraph quads (``kg export``) equal those from the
    statements themselves."""
    import pyoxigraph as ox

    statements = to_statements(_parallel_edges())
    quads = list(ox.parse(serialize(statements, "nquads"), format=ox.RdfFormat.N_QUADS))
    for fmt in ("turtle", "trig", "nquads", "ntriples"):
        assert serialize(quads, fmt) == serialize(statements, fmt), fmt


def _awkward_graph() -> tuple[nx.MultiDiGraph, dict[str, object]]:
    """Documents whose ids are prefixes of each other (x:1, x:10: TriG and Turtle
    order them differently), a mention that is a whole sentence (its span is its
    sentence), an entity and an edge read from several documents, one post reached
    by two edges (current and former), an edge with no evidence, a mention of a
    document the writer has no text for."""
    texts = {
        "x:1": "标题一\n\n第一句。第二句！",
        "x:10": "甲乙。丙丁。",
        "x:1a": "戊己。",
    }
    docs = {doc_id: parse_document(text, doc_id) for doc_id, text in texts.items()}
    graph = nx.MultiDiGraph()

    def mention(doc: str, start: int, end: int) -> dict[str, object]:
        return {"doc": doc, "start": start, "end": end}

    graph.add_node(
        "place:1",
        type="place",
        name="一",
        aliases=["壹"],
        mentions=[mention("x:1", 0, 3), mention("x:1", 5, 8), mention("x:10", 0, 2)],
        level="county",
        code="1",
    )
    graph.add_node(
        "person:甲@1",
        type="person",
        name="甲",
        aliases=[],
        mentions=[mention("x:10", 0, 1), mention("x:1a", 0, 1), mention("none", 0, 1)],
        kind="official",
    )
    graph.add_node("place:2", type="place", name="二", aliases=[], level="province")
    for former, docs_of in ((False, ["x:10", "x:1"]), (True, ["x:1a", "x:10"])):
        graph.add_edge(
            "person:甲@1",
            "place:1",
            type="holds_post",
            title="书记",
            former=former,
            evidence=[mention(d, 0, 1) for d in docs_of],
        )
    graph.add_edge(
        "place:1",
        "place:2",
        type="part_of",
        evidence=[mention("x:10", 3, 5), mention("x:1", 0, 3), mention("x:10", 0, 2)],
    )
    graph.add_edge("place:1", "place:2", type="part_of", source="gazetteer")
    return graph, docs


@pytest.mark.perf  # a fast path against the plain one; tests/test_rdf_reference.py checks the RDF
@pytest.mark.parametrize("with_docs", [True, False])
def test_streamed_rdf_writes_what_the_statements_write(
    tmp_path: object, with_docs: bool
) -> None:
    import io

    from kg.rdf import write_turtle_trig_streamed

    graph, docs = _awkward_graph()
    given = docs if with_docs else None
    statements = to_statements(graph, given)  # type: ignore[arg-type]
    turtle, trig, spool = io.BytesIO(), io.StringIO(), io.BytesIO()
    write_turtle_trig_streamed(
        graph,
        given,  # type: ignore[arg-type]
        turtle=turtle,
        trig=trig,
        spool=spool,
    )
    assert trig.getvalue() == statements.trig()
    assert turtle.getvalue().decode("utf-8") == statements.turtle()
    turtle_text = turtle.getvalue().decode("utf-8")
    doc = "<https://w3id.org/kg-gov/id/document/"
    if with_docs:  # the mention that is a whole sentence: one subject, both roles
        title = f"{doc}x:1#char=0,3>"
        assert (
            f"\n{title}\n    kg:sentence {title} ;\n    a nif:Sentence" in turtle_text
        )
    # Spans as subjects: x:1's before x:10's in Turtle, graphs the other way in TriG.
    if with_docs:
        assert turtle_text.index(f"\n{doc}x:1#") < turtle_text.index(f"\n{doc}x:10#")
    assert trig.getvalue().index(f"\n{doc}x:10> {{") < trig.getvalue().index(
        f"\n{doc}x:1> {{"
    )


def test_a_failed_write_leaves_neither_half_a_file_nor_its_temporary(
    tmp_path: object,
) -> None:
    from pathlib import Path

    from kg.files import atomic_output

    out = Path(str(tmp_path)) / "graph.json"
    out.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(out) as tmp:
        tmp.write_text("half")
        raise RuntimeError("writer failed")
    assert out.read_text() == "old"
    assert list(out.parent.iterdir()) == [out]
    with atomic_output(out) as tmp:
        tmp.write_text("new")
    assert out.read_text() == "new"
    assert list(out.parent.iterdir()) == [out]
