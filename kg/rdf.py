"""RDF: the graph as quads on standard vocabularies, written fast with Oxigraph.

Vocabularies (all declared or reused in ``kg/ontology.ttl``):

- places are ``schema:Place`` / ``schema:AdministrativeArea`` linked by
  ``schema:containedInPlace``;
- posts follow W3C ORG: a person ``org:holds`` an ``org:Post`` that is ``org:postIn``
  an ``org:Organization`` (or a place). A post no longer held is linked with
  ``kg:formerlyHeld``/``kg:formerlyHeldBy`` instead, so ``?post org:heldBy ?person``
  asks for current holders only; ``kg:former`` states it as a boolean too;
- programmes are ``skos:Concept`` in the ``kg:programmes`` concept scheme, their
  components narrower concepts;
- metrics are RDF Data Cube observations (``qb:Observation`` in ``kg:metrics``);
- documents and articles are ``dcterms``/``schema:Article`` resources.

Provenance: one named graph per document, named by the document's IRI. A fact that a
document states (an edge with evidence there, an entity's ``prov:wasDerivedFrom`` an
RFC 5147 character span, a post) is in that document's graph; what kg knows from no
particular text (types, names, gazetteer hierarchy) is in the default graph. Span IRIs
carry the offsets themselves (``…/document/x.txt#char=10,14``), and when the build has
the texts each span points to its sentence (``kg:sentence``), whose text is given once.
Turtle, N-Triples and RDF/XML hold the union of all graphs.

rdflib's Turtle writer took ~2 s of a 4.6 s held-out build and 28 s per million triples
(FIELD-NOTES); pyoxigraph writes the same in ~0.6 s, so quads are built as pyoxigraph
terms and serialised by it. Output is deterministic: subjects sorted per graph, each
subject's statements in the (sorted) order the graph yields them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, ORG, PROV, QB, RDF, SDO, SKOS, XSD

from kg.errors import OntologyError
from kg.model import Document
from kg.ontology import (
    KG,
    NIF,
    PREFIXES,
    component_iri,
    entity_iri,
    post_iri,
    read_shapes_text,
    span_iri,
)

Term = ox.NamedNode | ox.Literal

# Formats kg writes: name → (pyoxigraph format, file extension, holds named graphs).
FORMATS: dict[str, tuple[ox.RdfFormat | None, str, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl", False),
    "trig": (ox.RdfFormat.TRIG, "trig", True),
    "nquads": (ox.RdfFormat.N_QUADS, "nq", True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt", False),
    "rdfxml": (ox.RdfFormat.RDF_XML, "rdf", False),
    "jsonld": (None, "jsonld", True),  # our own writer: compact, with the context
}


@cache
def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


@lru_cache(maxsize=1 << 16)
def _node(node_id: str) -> ox.NamedNode:
    return _iri(str(entity_iri(node_id)))


def _span(ref: Mapping[str, Any]) -> ox.NamedNode:
    return _iri(str(span_iri(ref["doc"], ref["start"], ref["end"])))


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _typed(value: str, datatype: Any) -> ox.Literal:
    return ox.Literal(value, datatype=_iri(str(datatype)))


def _bool(value: object) -> ox.Literal:
    return _typed("true" if value else "false", XSD.boolean)


_A = _iri(str(RDF.type))
_P = {  # predicates used in loops, made once
    "pref": _iri(str(SKOS.prefLabel)),
    "alt": _iri(str(SKOS.altLabel)),
    "derived": _iri(str(PROV.wasDerivedFrom)),
}
_CLASSES: dict[str, tuple[Any, ...]] = {
    "document": (DCTERMS.BibliographicResource, PROV.Entity),
    "article": (SDO.Article, PROV.Entity),
    "place": (SDO.Place,),
    "person": (SDO.Person,),
    "organization": (ORG.Organization,),
    "programme": (KG.Programme, SKOS.Concept),
    "metric": (KG.Metric, QB.Observation),
}
_EDGES: dict[str, Any] = {
    "part_of": SDO.containedInPlace,
    "runs_in": KG.runsIn,
    "measured_in": KG.measuredIn,
    "measures": KG.measures,
    "authored": DCTERMS.creator,  # inverted: article dcterms:creator person
    "located_in": SDO.location,
    "in_document": DCTERMS.isPartOf,
    "about": SDO.about,
    "variant_of": KG.variantOf,
}


class _Quads:
    """Statements grouped by graph and subject, without duplicates, in a fixed order."""

    def __init__(self) -> None:
        self.graphs: dict[str, dict[ox.NamedNode, dict[tuple[Term, Term], None]]] = {}

    def add(self, s: ox.NamedNode, p: Term, o: Term, graph: str = "") -> None:
        self.graphs.setdefault(graph, {}).setdefault(s, {})[(p, o)] = None

    def quads(self) -> Iterator[ox.Quad]:
        for name in sorted(self.graphs):
            graph = _iri(name) if name else ox.DefaultGraph()
            subjects = self.graphs[name]
            for s in sorted(subjects, key=lambda n: n.value):
                for p, o in subjects[s]:
                    yield ox.Quad(s, p, o, graph)  # type: ignore[arg-type]


def to_quads(
    graph: nx.MultiDiGraph, docs: Mapping[str, Document] | None = None
) -> list[ox.Quad]:
    """The graph as RDF quads: default graph plus one named graph per document.

    Args:
        graph: the NetworkX graph of ``kg.graph.to_networkx`` (or ``read_node_link``).
        docs: the parsed documents by id; when given, every span is linked to the
            sentence it is in and the sentence text is included.
    """
    acc = _Quads()
    for node_id, attrs in sorted(graph.nodes(data=True)):
        _add_node(acc, node_id, attrs, docs)
    edges = sorted(
        graph.edges(data=True),
        key=lambda e: (e[0], e[1], e[2]["type"], json.dumps(e[2], sort_keys=True)),
    )
    for source, target, attrs in edges:
        _add_edge(acc, source, target, attrs)
    return list(acc.quads())


def _add_node(
    acc: _Quads,
    node_id: str,
    attrs: Mapping[str, Any],
    docs: Mapping[str, Document] | None,
) -> None:
    s = _node(node_id)
    kind = attrs["type"]
    for cls in _CLASSES[kind]:
        acc.add(s, _A, _iri(str(cls)))
    acc.add(s, _P["pref"], _zh(attrs["name"]))
    for alias in attrs.get("aliases", []):
        acc.add(s, _P["alt"], _zh(alias))
    for mention in attrs.get("mentions", []):
        span = _span(mention)
        acc.add(s, _P["derived"], span, _doc_graph(mention["doc"]))
        _add_span(acc, span, mention, docs)
    if kind == "place":
        acc.add(s, _iri(str(KG.level)), ox.Literal(str(attrs.get("level"))))
        if attrs.get("level") not in ("zone", "landmark"):
            acc.add(s, _A, _iri(str(SDO.AdministrativeArea)))
        if attrs.get("code"):
            acc.add(s, _iri(str(KG.divisionCode)), ox.Literal(str(attrs["code"])))
        acc.add(s, _iri(str(KG.inferred)), _bool(attrs.get("inferred")))
    elif kind == "person":
        acc.add(s, _iri(str(KG.personKind)), ox.Literal(str(attrs.get("kind"))))
    elif kind == "programme":
        acc.add(s, _iri(str(SKOS.inScheme)), _iri(str(KG.programmes)))
        for part in attrs.get("components") or []:
            _add_component(acc, node_id, s, part)
    elif kind == "metric":
        _add_metric(acc, s, attrs)
    elif kind == "document":
        acc.add(s, _iri(str(DCTERMS.identifier)), ox.Literal(attrs["name"]))
        if attrs.get("chars") is not None:
            acc.add(
                s, _iri(str(KG.characters)), _typed(str(attrs["chars"]), XSD.integer)
            )


def _doc_graph(doc_id: str) -> str:
    return _node("document:" + doc_id).value


def _add_span(
    acc: _Quads,
    span: ox.NamedNode,
    ref: Mapping[str, Any],
    docs: Mapping[str, Document] | None,
) -> None:
    """Link a span to its sentence; the sentence carries its text once."""
    doc = docs.get(ref["doc"]) if docs else None
    if doc is None or not doc.sentences:
        return
    graph = _doc_graph(ref["doc"])
    acc.add(
        span,
        _iri(str(NIF.anchorOf)),
        ox.Literal(doc.text[ref["start"] : ref["end"]]),
        graph,
    )
    # A mention can run over a sentence end (a title over two lines): take them all.
    first = doc.sentence_index(doc.to_clean(ref["start"]))
    last = doc.sentence_index(doc.to_clean(ref["end"] - 1))
    start, end = doc.to_original(doc.sentences[first][0], doc.sentences[last][1])
    sentence = _iri(str(span_iri(ref["doc"], start, end)))
    acc.add(span, _iri(str(KG.sentence)), sentence, graph)
    acc.add(sentence, _A, _iri(str(NIF.Sentence)), graph)
    acc.add(sentence, _iri(str(NIF.anchorOf)), ox.Literal(doc.text[start:end]), graph)
    acc.add(sentence, _iri(str(DCTERMS.isPartOf)), _iri(graph), graph)


def _add_component(
    acc: _Quads, programme_id: str, programme: ox.NamedNode, part: str
) -> None:
    """A component is a narrower SKOS concept of its programme, in the same scheme."""
    c = _iri(str(component_iri(programme_id, part)))
    acc.add(c, _A, _iri(str(KG.ProgrammeComponent)))
    acc.add(c, _A, _iri(str(SKOS.Concept)))
    acc.add(c, _P["pref"], _zh(part))
    acc.add(c, _iri(str(SKOS.inScheme)), _iri(str(KG.programmes)))
    acc.add(c, _iri(str(KG.componentOf)), programme)
    acc.add(c, _iri(str(SKOS.broader)), programme)
    acc.add(programme, _iri(str(KG.component)), c)
    acc.add(programme, _iri(str(SKOS.narrower)), c)


def _add_metric(acc: _Quads, s: ox.NamedNode, attrs: Mapping[str, Any]) -> None:
    value = Decimal(str(attrs["value"]))
    acc.add(s, _iri(str(QB.dataSet)), _iri(str(KG.metrics)))
    acc.add(s, _iri(str(KG.value)), _typed(str(value), XSD.decimal))
    acc.add(s, _iri(str(KG.unit)), ox.Literal(str(attrs["unit"])))
    acc.add(s, _iri(str(KG.approximate)), _bool(attrs.get("approx")))
    if attrs.get("subject"):
        acc.add(s, _iri(str(KG.subject)), _zh(str(attrs["subject"])))
    if attrs.get("year"):
        acc.add(s, _iri(str(KG.year)), _typed(str(attrs["year"]), XSD.gYear))


def _add_edge(acc: _Quads, source: str, target: str, attrs: Mapping[str, Any]) -> None:
    """One edge: its triple goes to the graph of every document it was read from."""
    kind = str(attrs["type"])
    evidence = attrs.get("evidence") or []
    graphs = sorted({_doc_graph(ev["doc"]) for ev in evidence}) or [""]
    s, o = _node(source), _node(target)
    if kind == "holds_post":
        _add_post(acc, source, target, attrs, graphs)
        return
    if kind not in _EDGES:
        raise OntologyError(f"edge type {kind!r} ({source} → {target}) has no RDF term")
    predicate = _iri(str(_EDGES[kind]))
    for graph in graphs:
        if kind == "authored":
            acc.add(o, predicate, s, graph)
        else:
            acc.add(s, predicate, o, graph)


def _add_post(
    acc: _Quads,
    source: str,
    target: str,
    attrs: Mapping[str, Any],
    graphs: list[str],
) -> None:
    """W3C ORG: person → post → organisation; a former post is not ``org:holds``."""
    title = str(attrs.get("title") or "")
    post = _iri(str(post_iri(source, target, title or "member")))
    person, where = _node(source), _node(target)
    former = bool(attrs.get("former"))
    holds = KG.formerlyHeld if former else ORG.holds
    held_by = KG.formerlyHeldBy if former else ORG.heldBy
    for graph in graphs:
        acc.add(post, _A, _iri(str(ORG.Post)), graph)
        if title:
            acc.add(post, _P["pref"], _zh(title), graph)
        acc.add(post, _iri(str(ORG.postIn)), where, graph)
        acc.add(post, _iri(str(KG.former)), _bool(former), graph)
        acc.add(person, _iri(str(holds)), post, graph)
        acc.add(post, _iri(str(held_by)), person, graph)
    for ev in attrs.get("evidence") or []:
        acc.add(post, _P["derived"], _span(ev), _doc_graph(ev["doc"]))


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """All statements of all graphs, once each, grouped by subject (sorted)."""
    by_subject: dict[ox.NamedNode, dict[tuple[Term, Term], None]] = {}
    for q in quads:
        by_subject.setdefault(q.subject, {})[(q.predicate, q.object)] = None  # type: ignore[index]
    return [
        ox.Triple(s, p, o)
        for s in sorted(by_subject, key=lambda n: n.value)
        for p, o in by_subject[s]
    ]


def prefixes() -> dict[str, str]:
    """Prefix → namespace, for writers and queries."""
    return {k: str(v) for k, v in PREFIXES.items()}


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context kg's JSON-LD uses (also shipped as kg/jsonld-context.json).

    Examples:
        >>> jsonld_context()["@context"]["schema"]
        'https://schema.org/'
    """
    return {"@context": prefixes()}


def serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    """Serialise quads as one of ``FORMATS``; triple formats get the union graph.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(FORMATS)}")
    ox_format, _, datasets = FORMATS[fmt]
    if ox_format is None:
        return _jsonld(quads)
    data: Iterable[ox.Quad] | Iterable[ox.Triple] = (
        quads if datasets else union_triples(quads)
    )
    # With no output file pyoxigraph returns the bytes.
    return ox.serialize(data, format=ox_format, prefixes=prefixes()) or b""


def _compact(iri: str, namespaces: list[tuple[str, str]]) -> str:
    for prefix, ns in namespaces:
        if (
            iri.startswith(ns)
            and len(iri) > len(ns)
            and not iri[len(ns) :].startswith("//")
        ):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _jsonld(quads: list[ox.Quad]) -> bytes:
    """Compact JSON-LD: CURIEs from the shipped context, one object per subject."""
    namespaces = sorted(prefixes().items(), key=lambda kv: -len(kv[1]))
    graphs: dict[str, dict[str, dict[str, Any]]] = {}
    for q in quads:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value  # type: ignore[union-attr]
        s = _compact(q.subject.value, namespaces)  # type: ignore[union-attr]
        node = graphs.setdefault(name, {}).setdefault(s, {"@id": s})
        if q.predicate == _A:
            node.setdefault("@type", []).append(_compact(q.object.value, namespaces))  # type: ignore[union-attr]
            continue
        p = _compact(q.predicate.value, namespaces)
        o = q.object
        if isinstance(o, ox.NamedNode):
            value: dict[str, str] = {"@id": _compact(o.value, namespaces)}
        elif isinstance(o, ox.Literal) and o.language:
            value = {"@value": o.value, "@language": o.language}
        elif isinstance(o, ox.Literal) and o.datatype.value != str(XSD.string):
            value = {"@value": o.value, "@type": _compact(o.datatype.value, namespaces)}
        else:
            value = {"@value": o.value}  # type: ignore[union-attr]
        node.setdefault(p, []).append(value)
    top: list[dict[str, Any]] = list(graphs.get("", {}).values())
    for name in sorted(n for n in graphs if n):
        top.append(
            {
                "@id": _compact(name, namespaces),
                "@graph": list(graphs[name].values()),
            }
        )
    doc = {**jsonld_context(), "@graph": top}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` via a temporary file and a rename, so no reader sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_rdf(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    docs: Mapping[str, Document] | None = None,
    *,
    formats: Iterable[str] = ("turtle", "trig"),
) -> list[Path]:
    """Write ``graph.<ext>`` in each format (default: Turtle and TriG) to ``out_dir``.

    Returns:
        The paths written.
    """
    quads = to_quads(graph, docs)
    paths = []
    for fmt in formats:
        path = out_dir / f"graph.{FORMATS[fmt][1]}"
        write_bytes_atomic(path, serialize(quads, fmt))
        paths.append(path)
    return paths


def to_rdflib(quads: Iterable[ox.Quad]) -> Dataset:
    """The quads as an rdflib ``Dataset`` (what pySHACL and rdflib users want)."""
    dataset = Dataset()
    dataset.parse(data=serialize(list(quads), "nquads"), format="nquads")
    return dataset


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The union graph as an rdflib ``Graph``, with kg's prefixes bound."""
    rdf_graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        rdf_graph.bind(prefix, namespace)
    data = serialize(to_quads(graph), "ntriples")
    rdf_graph.parse(data=data, format="nt")
    return rdf_graph


def validate(rdf_graph: Graph) -> tuple[bool, str]:
    """Check a graph against kg's SHACL shapes (``kg/shapes.ttl``) with pySHACL.

    Returns:
        Whether it conforms, and pySHACL's report text.

    Raises:
        OntologyError: pySHACL is not installed (``pip install "kg[shacl]"``).
    """
    try:
        from pyshacl import validate as shacl_validate
    except ImportError as e:
        raise OntologyError('kg validate needs pySHACL: pip install "kg[shacl]"') from e
    shapes = Graph().parse(data=read_shapes_text(), format="turtle")
    conforms, _, text = shacl_validate(rdf_graph, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)
