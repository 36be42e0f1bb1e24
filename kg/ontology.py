"""Namespaces: kg's own terms plus the standard vocabularies it reuses."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

KG = Namespace("https://w3id.org/kg-gov/ontology#")
ID = Namespace("https://w3id.org/kg-gov/id/")

PREFIXES = {
    "kg": KG,
    "kgid": ID,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "schema": SDO,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of a node: readable, stable across rebuilds (derived from the node id).

    Examples:
        >>> str(entity_iri("place:500155"))
        'https://w3id.org/kg-gov/id/place/500155'
        >>> str(entity_iri("programme:三比三亮"))
        'https://w3id.org/kg-gov/id/programme/%E4%B8%89%E6%AF%94%E4%B8%89%E4%BA%AE'
    """
    kind, _, rest = entity_id.partition(":")
    return ID[f"{kind}/{quote(rest, safe='')}"]


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """An RFC 5147 fragment IRI for characters ``start``–``end`` of a document."""
    return URIRef(f"{entity_iri('document:' + doc_id)}#char={start},{end}")
