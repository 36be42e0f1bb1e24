"""RDF output: syntaxes read back by rdflib, ontology coverage, SHACL, provenance, IRIs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from kg.build import build
from kg.errors import OntologyError
from kg.graph import read_node_link
from kg.ontology import KG, NIF, entity_iri, read_ontology_text
from kg.rdf import (
    FORMATS,
    RDFLIB_NAMES,
    jsonld_context,
    serialize,
    to_quads,
    to_statements,
    validate,
)
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def quads(built_seeds: Path) -> list[ox.Quad]:
    return list(ox.parse(path=built_seeds / "graph.trig", format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module")
def union(built_seeds: Path) -> Graph:
    """graph.ttl read once by rdflib; tests that change it take a copy."""
    return Graph().parse(built_seeds / "graph.ttl")


def _expected_quads(quads: list[ox.Quad]) -> set[tuple[str, str, str, str]]:
    """The quads as N-Triples strings: what every reader must give back."""
    return {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in quads
    }


def _rdflib_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    assert isinstance(term, Literal)
    return ox.Literal(
        str(term),
        language=term.language,
        datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None,
    ).__str__()


def _graph_name(graph: object) -> str:
    ident = getattr(graph, "identifier", graph)
    return "DEFAULT" if ident in (None, DATASET_DEFAULT_GRAPH_ID) else f"<{ident}>"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rdf_every_syntax_round_trips_through_rdflib(
    quads: list[ox.Quad], fmt: str
) -> None:
    data = serialize(quads, fmt)
    expected = _expected_quads(quads)
    if FORMATS[fmt][2]:  # a dataset format: named graphs must come back too
        dataset = Dataset()
        dataset.parse(data=data, format=RDFLIB_NAMES[fmt])
        got = {
            (
                _rdflib_term(s),
                _rdflib_term(p),
                _rdflib_term(o),
                _graph_name(g),
            )
            for s, p, o, g in dataset.quads((None, None, None, None))
        }
    else:
        rdf_graph = Graph().parse(data=data, format=RDFLIB_NAMES[fmt])
        got = {
            (_rdflib_term(s), _rdflib_term(p), _rdflib_term(o), "")
            for s, p, o in rdf_graph
        }
        expected = {(s, p, o, "") for s, p, o, _ in expected}
    assert got == expected
    assert len(got) > 1000


def test_rdf_output_is_byte_identical_across_builds(
    built_seeds: Path, tmp_path: Path
) -> None:
    build(SEEDS, tmp_path, html=False)
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / name).read_bytes() == (built_seeds / name).read_bytes()


def test_rdf_every_node_and_edge_is_in_the_rdf(built_seeds: Path, union: Graph) -> None:
    graph = read_node_link(built_seeds / "graph.json")
    rdf_graph = union
    for node_id, attrs in graph.nodes(data=True):
        assert (
            entity_iri(node_id),
            SKOS.prefLabel,
            Literal(attrs["name"], lang="zh"),
        ) in (rdf_graph), node_id
    links = {(s, o) for s, _, o in rdf_graph}
    for source, target, attrs in graph.edges(data=True):
        s, o = entity_iri(source), entity_iri(target)
        if attrs["type"] == "holds_post":
            continue  # through an org:Post, checked below
        assert (s, o) in links or (o, s) in links, (source, target, attrs["type"])


def test_rdf_posts_follow_org_and_former_posts_are_not_held(
    built_seeds: Path, union: Graph
) -> None:
    graph = read_node_link(built_seeds / "graph.json")
    rdf_graph = union
    posts = [
        (s, t, a) for s, t, a in graph.edges(data=True) if a["type"] == "holds_post"
    ]
    assert any(a.get("former") for _, _, a in posts) and any(
        not a.get("former") for _, _, a in posts
    )
    for source, target, attrs in posts:
        person = entity_iri(source)
        held = set(rdf_graph.objects(person, ORG.holds))
        former = set(rdf_graph.objects(person, KG.formerlyHeld))
        matching = [
            post
            for post in held | former
            if (post, ORG.postIn, entity_iri(target)) in rdf_graph
        ]
        assert matching, (source, target)
        for post in matching:
            assert (post, RDF.type, ORG.Post) in rdf_graph
            is_former = (post, KG.former, Literal(True)) in rdf_graph
            assert ((post, ORG.heldBy, person) in rdf_graph) == (post in held)
            if attrs.get("former") and post in former:
                assert is_former and (post, KG.formerlyHeldBy, person) in rdf_graph


def test_rdf_spans_and_sentences_point_into_the_documents(union: Graph) -> None:
    rdf_graph = union
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    checked = 0
    for span, sentence in rdf_graph.subject_objects(KG.sentence):
        doc, start, end = _parse_span(str(span))
        s_doc, s_start, s_end = _parse_span(str(sentence))
        assert doc == s_doc and s_start <= start < end <= s_end
        assert str(rdf_graph.value(sentence, NIF.anchorOf)) == texts[doc][s_start:s_end]
        checked += 1
    assert checked > 100


def _parse_span(iri: str) -> tuple[str, int, int]:
    base, _, fragment = iri.partition("#char=")
    start, end = fragment.split(",")
    return unquote(base.rsplit("/document/", 1)[1]), int(start), int(end)


def test_rdf_facts_sit_in_the_graph_of_their_document(built_seeds: Path) -> None:
    graph = read_node_link(built_seeds / "graph.json")
    dataset = Dataset()
    dataset.parse(built_seeds / "graph.trig", format="trig")
    runs_in = [
        (s, t, a) for s, t, a in graph.edges(data=True) if a["type"] == "runs_in"
    ]
    assert runs_in
    for source, target, attrs in runs_in:
        for ev in attrs["evidence"]:
            doc_graph = dataset.graph(entity_iri("document:" + ev["doc"]))
            assert (entity_iri(source), KG.runsIn, entity_iri(target)) in doc_graph


def test_rdf_iris_survive_a_rebuild_of_another_corpus(
    union: Graph, tmp_path: Path
) -> None:
    corpus = tmp_path / "one"
    corpus.mkdir()
    shutil.copy(SEEDS / "004_60b050a7622a78d4.txt", corpus)
    build(corpus, tmp_path / "out", html=False)
    small = Graph().parse(tmp_path / "out" / "graph.ttl")
    full = union
    shared = {s for s in small.subjects(RDF.type, None)} & set(
        full.subjects(RDF.type, None)
    )
    # the places, people and programmes of seed 004 keep their IRIs in the full build
    assert len(shared) > 20
    assert entity_iri("place:500155") in shared


def test_rdf_ontology_labels_every_term_in_chinese_and_english(
    union: Graph,
) -> None:
    ontology = Graph().parse(data=read_ontology_text(), format="turtle")
    data = union
    used = {p for _, p, _ in data} | set(data.objects(None, RDF.type))
    used |= {KG[name] for name in KG.__annotations__}
    used.discard(RDF.type)
    for term in used:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(term, prop)}  # type: ignore[union-attr]
            assert {"zh", "en"} <= langs, (term, prop)


def test_rdf_ontology_declares_no_term_kg_does_not_define() -> None:
    ontology = Graph().parse(data=read_ontology_text(), format="turtle")
    declared = {str(s) for s in ontology.subjects(RDFS.isDefinedBy, None)} | {
        str(s) for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(KG))
    }
    assert {str(KG[name]) for name in KG.__annotations__} == declared


def test_rdf_kg_namespace_refuses_a_misspelt_term() -> None:
    with pytest.raises(AttributeError):
        _ = KG.runIn


def test_rdf_shapes_accept_the_seeds(union: Graph) -> None:
    conforms, report = validate(union)
    assert conforms, report


@pytest.mark.parametrize("breakage", ["no-name", "bad-level", "post-nowhere", "span"])
def test_rdf_shapes_reject_a_broken_graph(union: Graph, breakage: str) -> None:
    rdf_graph = Graph()
    for triple in union:
        rdf_graph.add(triple)
    place = entity_iri("place:500155")
    if breakage == "no-name":
        rdf_graph.remove((place, SKOS.prefLabel, None))
    elif breakage == "bad-level":
        rdf_graph.add((place, KG.level, Literal("galaxy")))
    elif breakage == "post-nowhere":
        post = next(rdf_graph.subjects(RDF.type, ORG.Post))
        rdf_graph.remove((post, ORG.postIn, None))
    else:
        rdf_graph.add(
            (place, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), place)
        )
    conforms, report = validate(rdf_graph)
    assert not conforms
    assert "Constraint Violation" in report


def test_rdf_unknown_edge_type_is_an_ontology_error(built_seeds: Path) -> None:
    graph = read_node_link(built_seeds / "graph.json")
    graph.add_edge("place:500155", "place:50", type="twinned_with", evidence=[])
    with pytest.raises(OntologyError, match="twinned_with"):
        to_quads(graph)


def test_rdf_jsonld_context_file_is_the_one_kg_writes() -> None:
    shipped = json.loads((ROOT / "kg" / "jsonld-context.json").read_text("utf-8"))
    assert shipped == jsonld_context()


def test_rdf_jsonld_uses_the_context_and_names_documents(quads: list[ox.Quad]) -> None:
    doc = json.loads(serialize(quads, "jsonld"))
    assert doc["@context"] == jsonld_context()["@context"]
    ids = {node["@id"] for node in doc["@graph"]}
    assert "place:500155" in ids
    named = [node for node in doc["@graph"] if "@graph" in node]
    assert {n["@id"] for n in named} == {
        f"document:{p.name}" for p in SEEDS.glob("*.txt")
    }


def test_rdf_document_iri_is_its_graph_and_a_resource(built_seeds: Path) -> None:
    dataset = Dataset()
    dataset.parse(built_seeds / "graph.trig", format="trig")
    doc = entity_iri("document:004_60b050a7622a78d4.txt")
    assert (doc, DCTERMS.identifier, Literal("004_60b050a7622a78d4.txt")) in dataset
    assert len(dataset.graph(doc)) > 100


def test_rdf_writers_escape_awkward_names_and_ids() -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    doc = 'sub dir/a#b "x".txt'
    graph.add_node(
        f"document:{doc}", type="document", name=doc, aliases=[], mentions=[]
    )
    graph.add_node(
        "programme:A.",
        type="programme",
        name='名"称\\\n二行',
        aliases=["a b", "１＋１"],
        mentions=[{"doc": doc, "start": 0, "end": 3}],
        components=["第一/部分"],
    )
    graph.add_node(
        "place:x y@z", type="place", name="某地", aliases=[], mentions=[], level="zone"
    )
    graph.add_edge(
        "programme:A.",
        "place:x y@z",
        type="runs_in",
        evidence=[{"doc": doc, "start": 0, "end": 3}],
    )
    statements = to_statements(graph)
    expected = set(Graph().parse(data=serialize(statements, "ntriples"), format="nt"))
    assert len(expected) > 10
    for fmt in FORMATS:
        data = serialize(statements, fmt)
        if FORMATS[fmt][2]:
            dataset = Dataset()
            dataset.parse(data=data, format=RDFLIB_NAMES[fmt])
            got = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
        else:
            got = set(Graph().parse(data=data, format=RDFLIB_NAMES[fmt]))
        assert got == expected, fmt
    name = Literal('名"称\\\n二行', lang="zh")
    assert (entity_iri("programme:A."), SKOS.prefLabel, name) in expected
