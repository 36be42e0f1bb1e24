"""Namespaces: kg's own terms plus the standard vocabularies it reuses.

Every ``kg:`` term is declared, with Chinese and English labels, in ``kg/ontology.ttl``;
``KG`` is a ``DefinedNamespace`` so a misspelt term raises instead of minting a new IRI.
"""

from __future__ import annotations

import re
from importlib import resources
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
)

BASE = "https://w3id.org/kg-gov/"


class KG(DefinedNamespace):
    """kg's own terms: only what ORG, PROV-O, SKOS, schema.org and Data Cube lack."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # Classes
    Programme: URIRef  # a named initiative, local or national (三比三亮, 河长制)
    ProgrammeComponent: URIRef  # one numbered part of a programme
    Metric: URIRef  # a normalised figure (a qb:Observation)
    # Places
    level: URIRef
    divisionCode: URIRef
    inferred: URIRef
    # People and posts
    personKind: URIRef
    former: URIRef
    formerlyHeld: URIRef
    formerlyHeldBy: URIRef
    # Programmes
    runsIn: URIRef
    scope: URIRef  # local | provincial | national
    component: URIRef
    componentOf: URIRef
    variantOf: URIRef
    # Metrics (Data Cube components)
    value: URIRef
    unit: URIRef
    approximate: URIRef
    subject: URIRef
    year: URIRef
    measures: URIRef
    measuredIn: URIRef
    metrics: URIRef  # the qb:DataSet of every metric
    metricStructure: URIRef  # its qb:DataStructureDefinition
    # Documents and provenance
    characters: URIRef
    dateSource: URIRef  # where a document's dcterms:date was read
    pages: URIRef  # pages of a PDF
    page: URIRef  # the page of a PDF a character span starts on
    sentence: URIRef
    rule: URIRef  # the id of the rule that found a text span (kg/rules)
    programmes: URIRef  # the skos:ConceptScheme of programmes


ID = Namespace(BASE + "id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

NODE_KINDS = (
    "document",
    "article",
    "place",
    "person",
    "organization",
    "programme",
    "metric",
)

# One prefix per kind of node, so ``place:500155`` in graph.json is ``place:500155`` in
# Turtle, JSON-LD and SPARQL too.
PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(str(KG._NS)),
    **{kind: Namespace(f"{ID}{kind}/") for kind in NODE_KINDS},
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "schema": SDO,
    "dcterms": DCTERMS,
    "qb": QB,
    "nif": NIF,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


# Kept as they are in an IRI path segment (RFC 3987 ipchar): unreserved ASCII and
# sub-delims, ':' and '@', and the BMP ucschar ranges (Chinese stays Chinese). The
# regex finds what may need encoding: other ASCII ('/', '#', '?', '%', space), Unicode
# spaces, non-characters and anything outside the BMP (checked one by one).
_MAYBE_UNSAFE = re.compile(
    r"[^A-Za-z0-9\-._~!$&'()*+,;=:@\u00A1-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]|\s"
)


def _is_ucschar(ch: str) -> bool:
    """RFC 3987 ucschar, less the Unicode spaces and line separators (unreadable)."""
    code = ord(ch)
    if ch.isspace() or code < 0xA0 or 0xD800 <= code <= 0xF8FF:
        return False
    return not (0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


def _encode(match: re.Match[str]) -> str:
    ch = match.group()
    return ch if _is_ucschar(ch) else quote(ch, safe="")


def iri_segment(text: str) -> str:
    """``text`` as one readable IRI path segment: only what must be is %-encoded.

    Examples:
        >>> iri_segment("三比三亮")
        '三比三亮'
        >>> iri_segment("sub/a b.txt#1")
        'sub%2Fa%20b.txt%231'
        >>> iri_segment("全角\u3000空格𠀋")
        '全角%E3%80%80空格𠀋'
    """
    return _MAYBE_UNSAFE.sub(_encode, text)


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of a node: readable, stable across rebuilds (derived from the node id).

    Examples:
        >>> str(entity_iri("place:500155"))
        'https://w3id.org/kg-gov/id/place/500155'
        >>> str(entity_iri("programme:三比三亮"))
        'https://w3id.org/kg-gov/id/programme/三比三亮'
        >>> str(entity_iri("person:谢建望@梁平区"))
        'https://w3id.org/kg-gov/id/person/谢建望@梁平区'
    """
    kind, _, rest = entity_id.partition(":")
    return ID[f"{kind}/{iri_segment(rest)}"]


_ID_TEXT = str(ID)


def entity_iri_text(entity_id: str) -> str:
    """``entity_iri`` as a plain string: rdflib's URIRef checks every IRI it makes,
    which is most of the time of writing RDF node by node.

    Examples:
        >>> entity_iri_text("programme:三比三亮") == str(entity_iri("programme:三比三亮"))
        True
    """
    kind, _, rest = entity_id.partition(":")
    return f"{_ID_TEXT}{kind}/{iri_segment(rest)}"


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """An RFC 5147 fragment IRI for characters ``start``–``end`` of a document.

    Examples:
        >>> str(span_iri("a/b.txt", 3, 7))
        'https://w3id.org/kg-gov/id/document/a%2Fb.txt#char=3,7'
    """
    return URIRef(f"{entity_iri('document:' + doc_id)}#char={start},{end}")


def post_iri(person_id: str, target_id: str, title: str) -> URIRef:
    """The ``org:Post`` a person holds in an organisation or place, under a title.

    Examples:
        >>> str(post_iri("person:张三@梁平区", "place:500155", "区长"))
        'https://w3id.org/kg-gov/id/person/张三@梁平区/post/place:500155/区长'
    """
    return URIRef(
        f"{entity_iri(person_id)}/post/{iri_segment(target_id)}/{iri_segment(title)}"
    )


def component_iri(programme_id: str, part: str) -> URIRef:
    """The SKOS concept of one component of a programme.

    Examples:
        >>> str(component_iri("programme:双网格", "网格员"))
        'https://w3id.org/kg-gov/id/programme/双网格/网格员'
    """
    return URIRef(f"{entity_iri(programme_id)}/{iri_segment(part)}")


def read_ontology_text() -> str:
    """The packaged ``ontology.ttl``."""
    return resources.files("kg").joinpath("ontology.ttl").read_text(encoding="utf-8")


def read_shapes_text() -> str:
    """The packaged SHACL shapes, ``shapes.ttl``."""
    return resources.files("kg").joinpath("shapes.ttl").read_text(encoding="utf-8")
