"""RDF: the graph as triples on standard vocabularies, written as Turtle.

Places are ``schema:AdministrativeArea`` linked by ``schema:containedInPlace``; posts
follow W3C ORG (person ``org:holds`` a ``org:Post`` that is ``org:postIn`` an
``org:Organization``); names are ``skos:prefLabel``/``skos:altLabel`` in ``@zh``;
provenance is ``prov:wasDerivedFrom`` an RFC 5147 character span of the document.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SDO, SKOS, XSD

from kg.graph import write_atomic
from kg.ontology import KG, PREFIXES, entity_iri, span_iri

_CLASSES = {
    "document": (DCTERMS.BibliographicResource, PROV.Entity),
    "article": (KG.Article, PROV.Entity),
    "place": (SDO.Place,),
    "person": (SDO.Person,),
    "organization": (ORG.Organization,),
    "programme": (KG.Programme, SKOS.Concept),
    "metric": (KG.Metric,),
}
_EDGES = {
    "part_of": SDO.containedInPlace,
    "runs_in": KG.runsIn,
    "measured_in": KG.measuredIn,
    "measures": KG.measures,
    "authored": DCTERMS.creator,  # inverted below: article dcterms:creator person
    "located_in": KG.locatedIn,
    "in_document": DCTERMS.isPartOf,
    "about": KG.focusPlace,
    "variant_of": KG.variantOf,
}


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """Translate the NetworkX graph into an rdflib graph."""
    rdf_graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        rdf_graph.bind(prefix, namespace)
    for node_id, attrs in sorted(graph.nodes(data=True)):
        subject = entity_iri(node_id)
        for cls in _CLASSES[attrs["type"]]:
            rdf_graph.add((subject, RDF.type, cls))
        rdf_graph.add((subject, SKOS.prefLabel, Literal(attrs["name"], lang="zh")))
        for alias in attrs.get("aliases", []):
            rdf_graph.add((subject, SKOS.altLabel, Literal(alias, lang="zh")))
        for mention in attrs.get("mentions", []):
            rdf_graph.add(
                (
                    subject,
                    PROV.wasDerivedFrom,
                    span_iri(mention["doc"], mention["start"], mention["end"]),
                )
            )
        _add_type_specific(rdf_graph, subject, attrs)
    for source, target, attrs in sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])
    ):
        _add_edge(rdf_graph, source, target, attrs)
    return rdf_graph


def _add_type_specific(
    rdf_graph: Graph, subject: URIRef, attrs: dict[str, object]
) -> None:
    kind = attrs["type"]
    if kind == "place":
        rdf_graph.add((subject, KG.level, Literal(attrs.get("level"))))
        if attrs.get("level") not in ("zone", "landmark"):
            rdf_graph.add((subject, RDF.type, SDO.AdministrativeArea))
        if attrs.get("code"):
            rdf_graph.add((subject, KG.divisionCode, Literal(attrs["code"])))
    elif kind == "person":
        rdf_graph.add((subject, KG.kind, Literal(attrs.get("kind"))))
    elif kind == "programme":
        for part in attrs.get("components") or []:  # type: ignore[attr-defined]
            rdf_graph.add((subject, KG.component, Literal(part, lang="zh")))
    elif kind == "metric":
        rdf_graph.add(
            (
                subject,
                KG.value,
                Literal(Decimal(str(attrs["value"])), datatype=XSD.decimal),
            )
        )
        rdf_graph.add((subject, KG.unit, Literal(attrs["unit"])))
        rdf_graph.add((subject, KG.approximate, Literal(bool(attrs.get("approx")))))
        if attrs.get("subject"):
            rdf_graph.add((subject, KG.subject, Literal(attrs["subject"], lang="zh")))
        if attrs.get("year"):
            rdf_graph.add(
                (subject, KG.year, Literal(str(attrs["year"]), datatype=XSD.gYear))
            )


def _add_edge(
    rdf_graph: Graph, source: str, target: str, attrs: dict[str, object]
) -> None:
    kind = attrs["type"]
    s, o = entity_iri(source), entity_iri(target)
    if kind == "holds_post":
        # person org:holds post; post org:postIn organisation (or place); ORG keeps the
        # title as the post's label and kg:former says whether it is still held.
        title = str(attrs.get("title") or "member")
        post = URIRef(f"{s}/post/{quote(target, safe='')}/{quote(title, safe='')}")
        rdf_graph.add((post, RDF.type, ORG.Post))
        rdf_graph.add((s, ORG.holds, post))
        rdf_graph.add((post, ORG.heldBy, s))
        rdf_graph.add((post, ORG.postIn, o))
        if attrs.get("title"):
            rdf_graph.add((post, SKOS.prefLabel, Literal(attrs["title"], lang="zh")))
        rdf_graph.add((post, KG.former, Literal(bool(attrs.get("former")))))
        for ev in attrs.get("evidence", []):  # type: ignore[attr-defined]
            rdf_graph.add(
                (post, PROV.wasDerivedFrom, span_iri(ev["doc"], ev["start"], ev["end"]))
            )
        return
    predicate = _EDGES.get(str(kind), KG[str(kind)])
    if kind == "authored":
        rdf_graph.add((o, predicate, s))
    else:
        rdf_graph.add((s, predicate, o))


def write_turtle(rdf_graph: Graph, path: Path) -> None:
    """Write Turtle atomically; ``longturtle`` sorts subjects so output is stable."""
    write_atomic(path, rdf_graph.serialize(format="longturtle"))
