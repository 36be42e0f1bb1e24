"""RDF: the graph as quads on standard vocabularies, written fast.

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

Speed: rdflib's Turtle writer took ~2 s of a 4.6 s held-out build and 28 s per million
triples (FIELD-NOTES). Statements are built here as strings (cheap to hash, sort and
join): subjects and graph names as N-Triples terms, predicates and objects already in
their Turtle form, so Turtle and TriG blocks are joined from them with no lookup. A
build writes both one document's graph at a time (``write_turtle_trig_streamed``),
never holding every statement; N-Quads and N-Triples turn the Turtle forms back. Handing statements to
pyoxigraph as Python objects costs ~6 µs a triple, more than writing.
pyoxigraph writes RDF/XML, loads, queries and serves (``kg.query``, ``kg.serve``).
Output is deterministic: graphs and subjects sorted, each subject's statements in the
(sorted) order the graph yields them.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, ORG, PROV, QB, RDF, SDO, SKOS, XSD

from kg.errors import OntologyError
from kg.files import atomic_output
from kg.model import Document
from kg.ontology import (
    KG,
    NIF,
    PREFIXES,
    component_iri,
    entity_iri_text,
    post_iri,
    read_shapes_text,
)

# Formats kg writes: name → (pyoxigraph format, file extension, holds named graphs).
FORMATS: dict[str, tuple[ox.RdfFormat | None, str, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl", False),
    "trig": (ox.RdfFormat.TRIG, "trig", True),
    "nquads": (ox.RdfFormat.N_QUADS, "nq", True),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt", False),
    "rdfxml": (ox.RdfFormat.RDF_XML, "rdf", False),
    "jsonld": (None, "jsonld", True),  # our own writer: compact, with the context
}
# What ``kg build`` writes, one document's graph at a time (``kg export`` the rest).
BUILD_FORMATS = ("turtle", "trig")


def file_name(fmt: str) -> str:
    """The file a format is written to in an output folder: ``graph.ttl``, …"""
    return f"graph.{FORMATS[fmt][1]}"


# The same formats by rdflib's plugin names, for reading kg's files back with rdflib.
RDFLIB_NAMES = {
    "turtle": "turtle",
    "trig": "trig",
    "nquads": "nquads",
    "ntriples": "nt",
    "rdfxml": "xml",
    "jsonld": "json-ld",
}

# Statements hold subjects and graph names as N-Triples terms (what output is sorted
# by) and predicates and objects as they are written in Turtle ("written" forms:
# ``place:500155``, ``"12"^^xsd:integer``, ``true``, ``a``), made once when a
# statement is made, so Turtle and TriG are joined from them with no lookup per
# triple. ``_nt`` turns a written form back into N-Triples for the other syntaxes.
# Strings hash and sort ~10x faster than pyoxigraph objects.

_NAMESPACES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_PREFIX_OF = {ns: prefix for prefix, ns in _NAMESPACES.items()}
# A prefixed name's local part that needs no escape in Turtle (PN_LOCAL, kept simple:
# ASCII letters, digits, '_', '-', inner '.', and the CJK and full-width ranges).
_WORD = "A-Za-z0-9_\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
_LOCAL = re.compile(f"[{_WORD}](?:[{_WORD}.\\-]*[{_WORD}\\-])?")


def _iri(value: object) -> str:
    return f"<{value}>"


def _written_iri(term: str) -> str:
    """``prefix:local`` when the IRI is a namespace (ending in # or /) plus a local
    name that needs no escape; else the IRI term as it is. Only the last '#' or '/'
    can start a local name: neither is a name character."""
    cut = max(term.rfind("#"), term.rfind("/"))  # in the term: 1 + in the IRI
    if cut > 1:
        prefix = _PREFIX_OF.get(term[1 : cut + 1])
        if prefix and _LOCAL.fullmatch(term, cut + 1, len(term) - 1):
            return f"{prefix}:{term[cut + 1 : -1]}"
    return term


def _written(term: str) -> str:
    """An N-Triples term as Turtle writes it: IRIs (and datatypes) as prefixed names
    if possible, booleans bare; other literals and blank nodes unchanged."""
    if term.startswith("<"):
        return _written_iri(term)
    if term == _TRUE or term == _FALSE:
        return "true" if term == _TRUE else "false"
    if term.endswith(">") and '"^^<' in term:
        lexical, _, datatype = term.rpartition("^^")
        return f"{lexical}^^{_written_iri(datatype)}"
    return term


def _nt(written: str) -> str:
    """The N-Triples term of a written form (``_written`` undone)."""
    first = written[0]
    if first == "<" or written.startswith("_:"):
        return written
    if first == '"':
        lexical, hat, datatype = written.rpartition("^^")
        # Typed with a prefixed datatype: the part after the last ^^ has no quote
        # (in a plain or tagged literal it would hold the closing one).
        if hat and datatype[:1] not in ("", "<") and '"' not in datatype:
            return f"{lexical}^^{_nt(datatype)}"
        return written
    if written == "true" or written == "false":
        return _TRUE if written == "true" else _FALSE
    if written == "a":
        return _A_NT
    prefix, _, local = written.partition(":")
    return f"<{_NAMESPACES[prefix]}{local}>"


def _nt_cached() -> Callable[[str], str]:
    """``_nt`` for one writing: IRIs and plain literals (most terms) as they are,
    the rest (prefixed names, recurring) looked up once."""
    cache: dict[str, str] = {}

    def nt(written: str) -> str:
        first = written[0]
        if first == "<" or (first == '"' and written[-1] == '"'):
            return written
        found = cache.get(written)
        if found is None:
            found = cache[written] = _nt(written)
        return found

    return nt


# Sized for the whole bulk corpus (~450,000 nodes): a smaller cache is emptied and
# refilled over and over once the graph has more nodes than it holds.
@lru_cache(maxsize=1 << 20)
def _node(node_id: str) -> str:
    """A node's IRI as an N-Triples term (as a subject or graph name)."""
    return f"<{entity_iri_text(node_id)}>"


@lru_cache(maxsize=1 << 20)
def _node_w(node_id: str) -> str:
    """A node's IRI as written (as an object)."""
    return _written_iri(_node(node_id))


@lru_cache(maxsize=1 << 18)
def _doc_base(doc_id: str) -> str:
    return entity_iri_text("document:" + doc_id)


# A span IRI (``…#char=10,14``) is written as it is: its local name after '#' holds
# '=' and ',', and no namespace of kg's holds the '#char=' (or what follows) that a
# longer namespace ending after it would need. So is any IRI that holds '#char='.
_SPAN = "#char="
assert not any(_SPAN in ns for ns in _NAMESPACES.values())


def _span_at(doc_id: str, start: int, end: int) -> str:
    """``span_iri`` as a term, without re-encoding the document id every time."""
    return f"<{_doc_base(doc_id)}#char={start},{end}>"


def _span(ref: Mapping[str, Any]) -> str:
    return _span_at(ref["doc"], ref["start"], ref["end"])


def _plain(text: str) -> str:
    """A string literal. JSON's escapes (\\" \\\\ \\n \\t \\uXXXX …) are all valid
    N-Triples/Turtle escapes, and the C JSON encoder is fast on long sentences."""
    return encode_basestring(text)


def _zh(text: str) -> str:
    return encode_basestring(text) + "@zh"


# XSD is an rdflib DefinedNamespace: attribute access is slow, so look up once.
_DECIMAL, _INTEGER, _GYEAR = str(XSD.decimal), str(XSD.integer), str(XSD.gYear)
_DATE = str(XSD.date)
_TRUE, _FALSE = (f'"{v}"^^<{XSD.boolean}>' for v in ("true", "false"))
_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)
_A_NT = _iri(RDF.type)
_DATATYPE_W = {dt: _written_iri(_iri(dt)) for dt in (_DECIMAL, _INTEGER, _GYEAR, _DATE)}


def _typed(value: str, datatype: str) -> str:
    """A typed literal, written."""
    return f"{encode_basestring(value)}^^{_DATATYPE_W[datatype]}"


def _bool(value: object) -> str:
    """A boolean, written (``true``/``false``)."""
    return "true" if value else "false"


_A = "a"  # rdf:type, written as a predicate
_T = {  # every predicate and class kg writes, written, made once
    name: _written_iri(_iri(term))
    for name, term in {
        "pref": SKOS.prefLabel,
        "alt": SKOS.altLabel,
        "derived": PROV.wasDerivedFrom,
        "level": KG.level,
        "code": KG.divisionCode,
        "inferred": KG.inferred,
        "kind": KG.personKind,
        "scope": KG.scope,
        "scheme": SKOS.inScheme,
        "programmes": KG.programmes,
        "identifier": DCTERMS.identifier,
        "characters": KG.characters,
        "title": DCTERMS.title,
        "date": DCTERMS.date,
        "dateSource": KG.dateSource,
        "source": DCTERMS.source,
        "publisher": DCTERMS.publisher,
        "format": DCTERMS.format,
        "pages": KG.pages,
        "page": KG.page,
        "anchor": NIF.anchorOf,
        "sentence": KG.sentence,
        "rule": KG.rule,
        "Sentence": NIF.Sentence,
        "partOf": DCTERMS.isPartOf,
        "AdministrativeArea": SDO.AdministrativeArea,
        "ProgrammeComponent": KG.ProgrammeComponent,
        "Concept": SKOS.Concept,
        "componentOf": KG.componentOf,
        "broader": SKOS.broader,
        "component": KG.component,
        "narrower": SKOS.narrower,
        "dataSet": QB.dataSet,
        "metrics": KG.metrics,
        "value": KG.value,
        "unit": KG.unit,
        "approximate": KG.approximate,
        "subject": KG.subject,
        "year": KG.year,
        "Post": ORG.Post,
        "postIn": ORG.postIn,
        "former": KG.former,
        "holds": ORG.holds,
        "heldBy": ORG.heldBy,
        "formerlyHeld": KG.formerlyHeld,
        "formerlyHeldBy": KG.formerlyHeldBy,
    }.items()
}
_CLASSES: dict[str, tuple[str, ...]] = {
    kind: tuple(_written_iri(_iri(c)) for c in classes)
    for kind, classes in {
        "document": (DCTERMS.BibliographicResource, PROV.Entity),
        "article": (SDO.Article, PROV.Entity),
        "place": (SDO.Place,),
        "person": (SDO.Person,),
        "organization": (ORG.Organization,),
        "programme": (KG.Programme, SKOS.Concept),
        "metric": (KG.Metric, QB.Observation),
    }.items()
}
_EDGES: dict[str, str] = {
    kind: _written_iri(_iri(term))
    for kind, term in {
        "part_of": SDO.containedInPlace,
        "runs_in": KG.runsIn,
        "measured_in": KG.measuredIn,
        "measures": KG.measures,
        "authored": DCTERMS.creator,  # inverted: article dcterms:creator person
        "located_in": SDO.location,
        "in_document": DCTERMS.isPartOf,
        "about": SDO.about,
        "variant_of": KG.variantOf,
    }.items()
}


class Statements:
    """RDF statements grouped by graph and subject, deduplicated.

    Graph ``""`` is the default graph; the others are named by a document's IRI.
    Graph names and subjects are N-Triples terms; each subject's statements are
    (predicate, object) pairs in their written (Turtle) form (see ``_written``).
    Output order is fixed: graphs and subjects sorted, each subject's statements in
    the order they were added.
    """

    def __init__(self) -> None:
        self.graphs: dict[str, dict[str, dict[tuple[str, str], None]]] = {}
        self.sentences: set[str] = set()  # sentences already described
        # Document id → what the mentions and sentences of a document need.
        self.bounds: dict[str, _Bounds] = {}

    def add(self, s: str, p: str, o: str, graph: str = "") -> None:
        """Add one statement of N-Triples terms."""
        p = _A if p == _A_NT else _written(p)
        self.put(s, p, _written(o), graph)

    def put(self, s: str, p: str, o: str, graph: str = "") -> None:
        """Add one statement whose predicate and object are written already."""
        self.graphs.setdefault(graph, {}).setdefault(s, {})[(p, o)] = None

    def about(self, s: str, graph: str = "") -> dict[tuple[str, str], None]:
        """The written statements of ``s`` in ``graph``, to add many at once."""
        return self.graphs.setdefault(graph, {}).setdefault(s, {})

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> Statements:
        """Group pyoxigraph quads (``str()`` of a term is its N-Triples form)."""
        statements = cls()
        for q in quads:
            graph = (
                "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
            )
            statements.add(str(q.subject), str(q.predicate), str(q.object), graph)
        return statements

    def nquads(self) -> str:
        """Every statement as N-Quads, the default graph first."""
        lines = []
        nt = _nt_cached()
        for name in sorted(self.graphs):
            tail = f" {name} .\n" if name else " .\n"
            subjects = self.graphs[name]
            for s in sorted(subjects):
                lines.extend(f"{s} {nt(p)} {nt(o)}{tail}" for p, o in subjects[s])
        return "".join(lines)

    def union(self) -> dict[str, dict[tuple[str, str], None]]:
        """Subject → statements of all graphs together, each once."""
        merged: dict[str, dict[tuple[str, str], None]] = {}
        for name in sorted(self.graphs):
            for s, pairs in self.graphs[name].items():
                merged.setdefault(s, {}).update(pairs)
        return merged

    def ntriples(self) -> str:
        """The union of all graphs as N-Triples, each statement once."""
        merged = self.union()
        nt = _nt_cached()
        return "".join(
            f"{s} {nt(p)} {nt(o)} .\n" for s in sorted(merged) for p, o in merged[s]
        )

    def turtle(self) -> str:
        """The union of all graphs as Turtle, one block per subject."""
        merged = self.union()
        return _header() + "".join(_blocks(sorted(merged), merged))

    def trig(self) -> str:
        """The default graph, then each named graph in a ``<graph> { … }`` block."""
        texts = [_header()]
        for name in sorted(self.graphs):
            subjects = self.graphs[name]
            texts.append(_trig_graph(name, _blocks(sorted(subjects), subjects)))
        return "".join(texts)


# Blocks are handed to a file this many at a time: one write per block costs more,
# one string of the whole file costs its size in memory again.
_BATCH = 2048


def _header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes().items()) + "\n"


def _block(subject: str, pairs: Mapping[tuple[str, str], None]) -> str:
    """One subject (written), not indented: predicates in first-seen order, objects
    of one predicate joined with commas (one per line from three on)."""
    # Most blocks are short: written out without grouping (same text).
    n = len(pairs)
    if n == 1:  # a third of all blocks (a span's sentence, …)
        for p, o in pairs:
            return f"{subject}\n    {p} {o} .\n\n"
    elif n == 2:
        (p1, o1), (p2, o2) = pairs
        if p1 == p2:
            return f"{subject}\n    {p1} {o1} , {o2} .\n\n"
        return f"{subject}\n    {p1} {o1} ;\n    {p2} {o2} .\n\n"
    elif n == 3:  # a sentence, …
        (p1, o1), (p2, o2), (p3, o3) = pairs
        if p1 != p2 and p1 != p3 and p2 != p3:
            return f"{subject}\n    {p1} {o1} ;\n    {p2} {o2} ;\n    {p3} {o3} .\n\n"
    by_predicate: dict[str, list[str]] = {}
    for p, o in pairs:
        objects = by_predicate.get(p)
        if objects is None:
            by_predicate[p] = [o]
        else:
            objects.append(o)
    lines = []
    for p, objects in by_predicate.items():
        if len(objects) == 1:
            lines.append(f"    {p} {objects[0]}")
        elif len(objects) == 2:
            lines.append(f"    {p} {objects[0]} , {objects[1]}")
        else:
            lines.append(f"    {p} " + " ,\n        ".join(objects))
    return f"{subject}\n" + " ;\n".join(lines) + " .\n\n"


def _indented(text: str) -> str:
    """Blocks inside a TriG graph: four spaces before every line; the blank lines
    between blocks stay empty. No term holds a line break (N-Triples escapes them)."""
    text = "    " + text[:-2].replace("\n", "\n    ") + "\n\n"
    return text.replace("\n    \n", "\n\n")


def _trig_graph(name: str, blocks: list[str]) -> str:
    """One graph in TriG: the default graph's blocks as they are, a named graph's
    indented inside ``<name> { … }``."""
    text = "".join(blocks)
    if not name:
        return text
    return f"{_written(name)} {{\n{_indented(text) if text else ''}}}\n\n"


def write_turtle_trig_streamed(
    graph: nx.MultiDiGraph,
    docs: Mapping[str, Document | SentenceIndex] | None,
    *,
    turtle: BinaryIO | None,
    trig: TextIO | None,
    spool: BinaryIO,
) -> None:
    """``to_statements(graph, docs)``'s ``turtle()`` and ``trig()``, the same bytes, without
    holding every statement: each document's graph is made, written and dropped in
    turn (spans and sentences, most of the statements, are in one graph only).

    What is held: the default graph, which becomes each subject's union (the Turtle
    block of an entity needs its statements of every graph), and per document the
    node mentions and edges to replay. Replaying ``to_statements``'s additions for
    one graph only gives that graph exactly: every addition names its graph.

    A document's spans and sentences (``<doc#char=…>``) sort together in Turtle: any
    term between two of them starts with ``<doc#char=`` too, and a document IRI
    holds no '#' (it is percent-encoded). So their Turtle blocks are kept in
    ``spool`` (a binary temporary file), one run per document, and copied into place
    while the other subjects are written in order.
    """
    header = _header()
    default = Statements()
    # Document id → [(subject, its mentions in that document)], in node order; and
    # → [edge], in edge order.
    mentions: dict[str, list[tuple[str, list[Mapping[str, Any]]]]] = {}
    edges: dict[str, list[tuple[str, str, Mapping[str, Any], list[Any]]]] = {}

    def defer(
        _acc: Statements,
        s: str,
        node_mentions: Iterable[Mapping[str, Any]],
        _docs: object,
    ) -> None:
        current, run = None, []
        for mention in node_mentions:
            doc_id = mention["doc"]
            if doc_id != current:
                current, run = doc_id, []
                mentions.setdefault(doc_id, []).append((s, run))
            run.append(mention)

    for node_id, attrs in sorted(graph.nodes(data=True)):
        _add_node(default, node_id, attrs, docs, defer)
    for source, target, attrs in _sorted_edges(graph):
        evidence = attrs.get("evidence")
        if not evidence:
            _add_edge(default, source, target, attrs)
            continue
        by_doc: dict[str, list[Mapping[str, Any]]] = {}
        for ev in evidence:
            found = by_doc.get(ev["doc"])
            if found is None:
                by_doc[ev["doc"]] = [ev]
            else:
                found.append(ev)
        for doc_id, doc_evidence in by_doc.items():
            edges.setdefault(doc_id, []).append((source, target, attrs, doc_evidence))
    union = default.graphs.get("", {})  # the default graph, then each subject's union
    if trig is not None:
        trig.write(header)
        keys = sorted(union)
        for start in range(0, len(keys), _BATCH):
            trig.write("".join(_blocks(keys[start : start + _BATCH], union)))
        del keys
    runs: list[tuple[str, int, int]] = []  # (Turtle sort key, spool offset, length)
    names = sorted((_doc_graph(d), d) for d in mentions.keys() | edges.keys())
    for name, doc_id in names:
        acc = Statements()
        for s, run in mentions.pop(doc_id, ()):
            _add_mentions(acc, s, run, docs)
        for source, target, attrs, evidence in edges.pop(doc_id, ()):
            _add_edge(acc, source, target, attrs, only=(name, evidence))
        subjects = acc.graphs.get(name, {})
        made, local = [], []
        prefix = f"<{_doc_base(doc_id)}#char="
        for s in sorted(subjects):
            pairs = subjects[s]
            if s.startswith(prefix):  # a span or a sentence: in this graph only
                block = _block(s, pairs)
                local.append(block)
            else:  # an entity or a post: its union grows, in graph order
                if turtle is not None:
                    held = union.get(s)
                    if held is None:
                        union[s] = dict(pairs)
                    else:
                        held.update(pairs)
                if trig is None:  # its block here is TriG's only
                    continue
                block = _block(_entity_written(s), pairs)
            made.append(block)
        if trig is not None:
            trig.write(_trig_graph(name, made))
        if turtle is not None and local:
            data = "".join(local).encode("utf-8")
            runs.append((prefix, spool.tell(), len(data)))
            spool.write(data)
    if turtle is None:
        return
    runs.sort()
    turtle.write(header.encode("utf-8"))
    _write_turtle_merged(turtle, union, runs, spool)


def _write_turtle_merged(
    turtle: BinaryIO,
    union: dict[str, dict[tuple[str, str], None]],
    runs: list[tuple[str, int, int]],
    spool: BinaryIO,
) -> None:
    """Turtle in subject order: the union's subjects, with each document's run of
    spans and sentences (sorted already, in ``spool``) where its key falls."""
    keys = sorted(union)
    spool.flush()
    batch: list[str] = []
    r = 0

    def flush() -> None:
        if batch:
            turtle.write("".join(batch).encode("utf-8"))
            batch.clear()

    for s in keys:
        while r < len(runs) and runs[r][0] < s:
            flush()
            _, offset, length = runs[r]
            spool.seek(offset)
            turtle.write(spool.read(length))
            r += 1
        batch.append(_block(_subject_written(s), union.pop(s)))
        if len(batch) >= _BATCH:
            flush()
    flush()
    for _, offset, length in runs[r:]:
        spool.seek(offset)
        turtle.write(spool.read(length))


def _blocks(
    keys: Iterable[str], subjects: Mapping[str, Mapping[tuple[str, str], None]]
) -> list[str]:
    """The blocks of ``keys`` (N-Triples subjects) in ``subjects``."""
    return [_block(_subject_written(s), subjects[s]) for s in keys]


def _subject_written(s: str) -> str:
    if _SPAN in s:  # a span or a sentence: most subjects, each in one graph
        return s
    return _entity_written(s)


@lru_cache(maxsize=1 << 20)
def _entity_written(s: str) -> str:
    """A subject other than a span: an entity is one in every document naming it.
    An IRI, or a blank node from pyoxigraph quads."""
    return _written_iri(s) if s[0] == "<" else _written(s)


def to_statements(
    graph: nx.MultiDiGraph, docs: Mapping[str, Document | SentenceIndex] | None = None
) -> Statements:
    """The graph as RDF: default graph plus one named graph per document.

    Args:
        graph: the NetworkX graph of ``kg.graph.to_networkx`` (or ``read_node_link``).
        docs: the parsed documents by id (or their ``sentence_index``); when given,
            every span is linked to the sentence it is in and the sentence text is
            included.

    Raises:
        OntologyError: an edge type kg's ontology has no term for.
    """
    acc = Statements()
    for node_id, attrs in sorted(graph.nodes(data=True)):
        _add_node(acc, node_id, attrs, docs)
    for source, target, attrs in _sorted_edges(graph):
        _add_edge(acc, source, target, attrs)
    return acc


_SORTED_JSON = json.JSONEncoder(sort_keys=True)


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    """Edges by (source, target, type, JSON of the attributes). The JSON (with the
    evidence, long) is made only for edges that tie on the rest: sorting by the
    first three, then each run of ties by JSON, gives the same stable order."""
    edges = sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"]))
    start = 0
    while start < len(edges):
        source, target, attrs = edges[start]
        stop = start + 1
        while (
            stop < len(edges)
            and edges[stop][0] == source
            and edges[stop][1] == target
            and edges[stop][2]["type"] == attrs["type"]
        ):
            stop += 1
        if stop - start > 1:
            edges[start:stop] = sorted(
                edges[start:stop], key=lambda e: _SORTED_JSON.encode(e[2])
            )
        start = stop
    return edges


def to_quads(
    graph: nx.MultiDiGraph, docs: Mapping[str, Document | SentenceIndex] | None = None
) -> list[ox.Quad]:
    """``to_statements`` as pyoxigraph quads (for a store or pyoxigraph's writers)."""
    data = to_statements(graph, docs).nquads().encode("utf-8")
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def reference_quads(
    graph: nx.MultiDiGraph, docs: Mapping[str, Document | SentenceIndex] | None = None
) -> list[ox.Quad]:
    """The RDF of ``graph`` as pyoxigraph quads, made without kg's string writer.

    The reference for kg's writers (``Statements``' and ``write_turtle_trig_streamed``):
    the same statements (``to_statements``, all in memory), each read from its Turtle
    form by pyoxigraph's own parser, so no kg code joins blocks, turns written forms
    back (``_nt``) or streams documents. ``tests/test_rdf_reference.py`` checks that
    what ``kg build`` writes is isomorphic to it.
    """
    statements = to_statements(graph, docs)
    header = _header().encode("utf-8")
    quads: list[ox.Quad] = []
    for name in sorted(statements.graphs):
        subjects = statements.graphs[name]
        body = "".join(
            f"{s} {p} {o} .\n" for s, pairs in subjects.items() for p, o in pairs
        )
        graph_name = ox.NamedNode(name[1:-1]) if name else ox.DefaultGraph()
        parsed = ox.parse(header + body.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        quads.extend(
            ox.Quad(q.subject, q.predicate, q.object, graph_name) for q in parsed
        )
    return quads


def write_rdf_reference(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    docs: Mapping[str, Document | SentenceIndex] | None = None,
    *,
    formats: Iterable[str] = BUILD_FORMATS,
) -> list[Path]:
    """``write_rdf`` through pyoxigraph's serialisers (``reference_quads``): the
    same graphs, in pyoxigraph's layout; slower, and every statement in memory.
    Triple formats get the union of all graphs, as ``write_rdf`` writes it.

    Raises:
        ValueError: an unknown format, or JSON-LD (kg's own writer only).
    """
    quads = reference_quads(graph, docs)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        ox_format, _, datasets = FORMATS.get(fmt, (None, "", False))
        if ox_format is None:
            raise ValueError(f"no reference writer for RDF format {fmt!r}")
        data: Iterable[ox.Quad | ox.Triple] = quads
        if not datasets:  # the union: each triple once
            data = dict.fromkeys(
                ox.Triple(q.subject, q.predicate, q.object) for q in quads
            )
        path = out_dir / file_name(fmt)
        text = ox.serialize(data, format=ox_format, prefixes=prefixes())
        write_bytes_atomic(path, text or b"")
        paths.append(path)
    return paths


def _add_node(
    acc: Statements,
    node_id: str,
    attrs: Mapping[str, Any],
    docs: Mapping[str, Document | SentenceIndex] | None,
    add_mentions: Callable[..., None] | None = None,
) -> None:
    """A node's statements; its mentions go to ``add_mentions`` (default:
    ``_add_mentions`` into ``acc``), which the streamed writer defers per document."""
    s = _node(node_id)
    kind = attrs["type"]
    own = acc.about(s)  # the default graph's statements of s: added to directly
    for pair in _CLASS_PAIRS[kind]:
        own[pair] = None
    own[(_T["pref"], _zh(attrs["name"]))] = None
    alt = _T["alt"]
    for alias in attrs.get("aliases", []):
        own[(alt, _zh(alias))] = None
    mentions = attrs.get("mentions")
    if mentions:
        (add_mentions or _add_mentions)(acc, s, mentions, docs)
    if kind == "place":
        level = attrs.get("level")
        own[_shared_pair("level", _plain(str(level)))] = None
        if level not in ("zone", "landmark"):
            own[_ADMINISTRATIVE] = None
        if attrs.get("code"):
            own[(_T["code"], _plain(str(attrs["code"])))] = None
        own[_shared_pair("inferred", _bool(attrs.get("inferred")))] = None
    elif kind == "person":
        own[_shared_pair("kind", _plain(str(attrs.get("kind"))))] = None
    elif kind == "programme":
        own[_IN_PROGRAMMES] = None
        own[_shared_pair("scope", _plain(str(attrs.get("scope") or "local")))] = None
        for part in attrs.get("components") or []:
            _add_component(acc, node_id, s, part)
    elif kind == "metric":
        _add_metric(own, attrs)
    elif kind == "document":
        own[(_T["identifier"], _plain(attrs["name"]))] = None
        if attrs.get("chars") is not None:
            own[(_T["characters"], _typed(str(attrs["chars"]), _INTEGER))] = None
        _add_document_meta(own, attrs)


# The media type of each format a document's text can come from (dcterms:format).
MEDIA_TYPES = {
    "text": "text/plain",
    "jsonl": "application/jsonl",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
# A URL written as an IRI: nothing N-Triples and Turtle forbid inside <…>.
_URL = re.compile(r"https?://[^\x00-\x20<>\"{}|\\^`]+")


def _add_document_meta(
    own: dict[tuple[str, str], None], attrs: Mapping[str, Any]
) -> None:
    """Title, date (and where it was read), source, publisher, format and pages of a
    document (``kg.metadata``), the Dublin Core terms where there is one."""
    if attrs.get("format") in MEDIA_TYPES:
        own[(_T["format"], _plain(MEDIA_TYPES[attrs["format"]]))] = None
    if attrs.get("title"):
        own[(_T["title"], _zh(attrs["title"]))] = None
    if attrs.get("date"):
        own[(_T["date"], _typed(attrs["date"], _DATE))] = None
        if attrs.get("date_source"):
            own[(_T["dateSource"], _plain(attrs["date_source"]))] = None
    source = attrs.get("source")
    if source and _URL.fullmatch(source):  # else in graph.json only (a relative link)
        own[(_T["source"], f"<{source}>")] = None
    if attrs.get("publisher"):
        own[(_T["publisher"], _zh(attrs["publisher"]))] = None
    if attrs.get("pages"):
        own[(_T["pages"], _typed(str(attrs["pages"]), _INTEGER))] = None


def _add_mentions(
    acc: Statements,
    s: str,
    mentions: Iterable[Mapping[str, Any]],
    docs: Mapping[str, Document | SentenceIndex] | None,
) -> None:
    """``s prov:wasDerivedFrom span`` in the span's document graph, and the span's
    sentence, which carries its text once. Inlined: mentions are most of the work."""
    graphs, derived, sentence_p = acc.graphs, _T["derived"], _T["sentence"]
    rule_p = _T["rule"]
    bounds = acc.bounds
    for mention in mentions:
        doc_id, start, end = mention["doc"], mention["start"], mention["end"]
        found = bounds.get(doc_id)
        if found is None:  # a document's first mention
            found = bounds[doc_id] = _document_bounds(
                doc_id, graphs, docs.get(doc_id) if docs else None
            )
        base, named, text, located, asked = found
        span = f"<{base}#char={start},{end}>"
        about = named.get(s)
        if about is None:
            about = named[s] = {}
        about[(derived, span)] = None
        about_span = named.get(span)
        if about_span is None:
            about_span = named[span] = {}
        if "page" in mention:  # a PDF's: the page beside the offsets
            about_span[(_T["page"], _typed(str(mention["page"]), _INTEGER))] = None
        rule = mention.get("rule")
        if rule:
            about_span[(rule_p, _plain(rule))] = None
        if text is None:
            continue
        # A mention can run over a sentence end (a title over two lines): take all.
        if located is not None:
            ends, spans = located
            first = max(0, bisect_left(ends, start) - 1)
            last = max(0, bisect_left(ends, end - 1) - 1)
            begin = spans[2 * first]
            stop = spans[2 * last + 1] if last >= first else begin
        else:  # a document that is asked (see ``sentence_index``)
            assert asked is not None
            first = asked.sentence_index(asked.to_clean(start))
            last = asked.sentence_index(asked.to_clean(end - 1))
            begin, stop = asked.to_original(
                asked.sentences[first][0], asked.sentences[last][1]
            )
        sentence = f"<{base}#char={begin},{stop}>"
        about_span[(sentence_p, sentence)] = None
        if sentence not in acc.sentences:  # many mentions share a sentence
            acc.sentences.add(sentence)
            about = named.get(sentence)
            if about is None:
                about = named[sentence] = {}
            about[_A_SENTENCE] = None
            about[(_T["anchor"], _plain(text[begin:stop]))] = None
            about[_part_of(doc_id)] = None


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """What the RDF writer needs of a document: its text and where its sentences are.

    ``ends[j]`` is the original offset of the last character before sentence j (-1
    for the first); ``spans[2j]`` and ``spans[2j + 1]`` are sentence j's start and
    end in ``text``. Sentences are in order and none is empty, so a mention starting
    at ``p`` is in sentence ``max(0, bisect_left(ends, p) - 1)``.

    Two arrays of machine integers where a ``Document`` holds tuples of Python ints
    and a second, cleaned copy of the text: a large build keeps every document until
    its files are written (on the bulk corpus, 415 MB as documents, 110 MB as these,
    the text included), and a forked writer copies every page it reads.
    """

    text: str
    ends: array[int]
    spans: array[int]


def sentence_index(doc: Document) -> SentenceIndex | Document:
    """``doc``'s ``SentenceIndex``; ``doc`` itself where bisecting original offsets
    would not find a span's sentence (offsets or sentences out of order, an empty
    sentence): the writer then asks the document."""
    offsets, sentences = doc.offsets, doc.sentences
    if not isinstance(offsets, range) or offsets.step != 1:
        if not all(a < b for a, b in pairwise(offsets)):
            return doc
    if sentences and (
        sentences[0][0] < 0
        or sentences[-1][1] > len(offsets)
        or any(s >= e for s, e in sentences)
        or not all(e <= s for (_, e), (s, _) in pairwise(sentences))
    ):
        return doc
    ends = array("q", [-1 if s == 0 else offsets[s - 1] for s, _ in sentences])
    spans = array("q")
    for s, e in sentences:
        spans.extend(doc.to_original(s, e))
    return SentenceIndex(doc.text, ends, spans)


# What ``_add_mentions`` keeps of a document: its IRI, the statements of its graph,
# its text (None: no sentences to link to), the ``ends`` (as a list: bisecting a list
# is faster) and spans of its ``SentenceIndex``, or the document to ask instead.
_Bounds = tuple[
    str,
    dict[str, dict[tuple[str, str], None]],
    str | None,
    tuple[list[int], Sequence[int]] | None,
    Document | None,
]


def _document_bounds(
    doc_id: str,
    graphs: dict[str, dict[str, dict[tuple[str, str], None]]],
    doc: SentenceIndex | Document | None,
) -> _Bounds:
    base, named = _doc_base(doc_id), graphs.setdefault(_doc_graph(doc_id), {})
    if doc is not None and not isinstance(doc, SentenceIndex):
        doc = sentence_index(doc)
    if isinstance(doc, SentenceIndex):
        if not doc.spans:  # no sentences
            return base, named, None, None, None
        return base, named, doc.text, (list(doc.ends), doc.spans), None
    if doc is None or not doc.sentences:
        return base, named, None, None, None
    return base, named, doc.text, None, doc


@lru_cache(maxsize=1 << 18)
def _doc_graph(doc_id: str) -> str:
    return _node("document:" + doc_id)


def _doc_graph_w(doc_id: str) -> str:
    return _node_w("document:" + doc_id)


# Statements many subjects share are one tuple each, not one per subject: less memory
# and no tuple to make.
_CLASS_PAIRS = {
    kind: tuple((_A, c) for c in classes) for kind, classes in _CLASSES.items()
}
_ADMINISTRATIVE = (_A, _T["AdministrativeArea"])
_IN_PROGRAMMES = (_T["scheme"], _T["programmes"])
_IN_METRICS = (_T["dataSet"], _T["metrics"])
_A_SENTENCE = (_A, _T["Sentence"])


@lru_cache(maxsize=1 << 12)
def _shared_pair(predicate: str, value: str) -> tuple[str, str]:
    """(predicate, value) for a value of few kinds (a level, a unit, a boolean)."""
    return (_T[predicate], value)


@lru_cache(maxsize=1 << 18)
def _part_of(doc_id: str) -> tuple[str, str]:
    return (_T["partOf"], _doc_graph_w(doc_id))


def _add_component(
    acc: Statements, programme_id: str, programme: str, part: str
) -> None:
    """A component is a narrower SKOS concept of its programme, in the same scheme."""
    c = _iri(component_iri(programme_id, part))
    c_w, programme_w = _written_iri(c), _node_w(programme_id)
    acc.put(c, _A, _T["ProgrammeComponent"])
    acc.put(c, _A, _T["Concept"])
    acc.put(c, _T["pref"], _zh(part))
    acc.put(c, _T["scheme"], _T["programmes"])
    acc.put(c, _T["componentOf"], programme_w)
    acc.put(c, _T["broader"], programme_w)
    acc.put(programme, _T["component"], c_w)
    acc.put(programme, _T["narrower"], c_w)


def _add_metric(own: dict[tuple[str, str], None], attrs: Mapping[str, Any]) -> None:
    """A metric's own statements, into ``own`` (its default-graph statements)."""
    value = Decimal(str(attrs["value"]))
    own[_IN_METRICS] = None
    own[(_T["value"], _typed(str(value), _DECIMAL))] = None
    own[_shared_pair("unit", _plain(str(attrs["unit"])))] = None
    own[_shared_pair("approximate", _bool(attrs.get("approx")))] = None
    if attrs.get("subject"):
        own[(_T["subject"], _zh(str(attrs["subject"])))] = None
    if attrs.get("year"):
        own[(_T["year"], _typed(str(attrs["year"]), _GYEAR))] = None


def _add_edge(
    acc: Statements,
    source: str,
    target: str,
    attrs: Mapping[str, Any],
    only: tuple[str, list[Mapping[str, Any]]] | None = None,
) -> None:
    """One edge: its triple goes to the graph of every document it was read from.
    ``only``: (graph, the edge's evidence in it): add only what goes to that graph
    (the streamed writer, one document's graph at a time; an edge read from
    thousands of documents made looking its graph up each time quadratic)."""
    kind = str(attrs["type"])
    if only is None:
        evidence = attrs.get("evidence") or []
        graphs = sorted({_doc_graph(ev["doc"]) for ev in evidence}) or [""]
    else:
        graphs, evidence = [only[0]], only[1]
    if kind == "holds_post":
        _add_post(acc, source, target, attrs, graphs, evidence)
        return
    if kind not in _EDGES:
        raise OntologyError(f"edge type {kind!r} ({source} → {target}) has no RDF term")
    predicate = _EDGES[kind]
    if kind == "authored":  # inverted: the article is the subject
        s, o = _node(target), _node_w(source)
    else:
        s, o = _node(source), _node_w(target)
    for graph in graphs:
        acc.put(s, predicate, o, graph)


def _add_post(
    acc: Statements,
    source: str,
    target: str,
    attrs: Mapping[str, Any],
    graphs: list[str],
    evidence: Iterable[Mapping[str, Any]],
) -> None:
    """W3C ORG: person → post → organisation; a former post is not ``org:holds``."""
    title = str(attrs.get("title") or "")
    post = _iri(post_iri(source, target, title or "member"))
    post_w, person, person_w = _written_iri(post), _node(source), _node_w(source)
    where = _node_w(target)
    former = bool(attrs.get("former"))
    holds = _T["formerlyHeld"] if former else _T["holds"]
    held_by = _T["formerlyHeldBy"] if former else _T["heldBy"]
    for graph in graphs:
        acc.put(post, _A, _T["Post"], graph)
        if title:
            acc.put(post, _T["pref"], _zh(title), graph)
        acc.put(post, _T["postIn"], where, graph)
        acc.put(post, _T["former"], _bool(former), graph)
        acc.put(person, holds, post_w, graph)
        acc.put(post, held_by, person_w, graph)
    for ev in evidence:
        span, graph = _span(ev), _doc_graph(ev["doc"])
        acc.put(post, _T["derived"], span, graph)
        if ev.get("rule"):
            acc.put(span, _T["rule"], _plain(ev["rule"]), graph)


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


def serialize(data: Statements | Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialise as one of ``FORMATS``; triple formats get the union of all graphs.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(FORMATS)}")
    statements = data if isinstance(data, Statements) else Statements.from_quads(data)
    ox_format, _, datasets = FORMATS[fmt]
    if fmt in ("nquads", "ntriples", "turtle", "trig"):  # written here, fast
        return str(getattr(statements, fmt)()).encode("utf-8")
    if datasets:
        text, source_format = statements.nquads(), ox.RdfFormat.N_QUADS
    else:
        text, source_format = statements.ntriples(), ox.RdfFormat.N_TRIPLES
    parsed = ox.parse(text.encode("utf-8"), format=source_format)
    if ox_format is None:
        return _jsonld(parsed)
    # With no output file pyoxigraph returns the bytes.
    return ox.serialize(parsed, format=ox_format, prefixes=prefixes()) or b""


def _compact(iri: str, namespaces: list[tuple[str, str]]) -> str:
    for prefix, ns in namespaces:
        if (
            iri.startswith(ns)
            and len(iri) > len(ns)
            and not iri[len(ns) :].startswith("//")
        ):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _jsonld(quads: Iterable[ox.Quad]) -> bytes:
    """Compact JSON-LD: CURIEs from the shipped context, one object per subject."""
    namespaces = sorted(prefixes().items(), key=lambda kv: -len(kv[1]))
    compacted: dict[str, str] = {}

    def curie(iri: str) -> str:
        if iri not in compacted:
            compacted[iri] = _compact(iri, namespaces)
        return compacted[iri]

    graphs: dict[str, dict[str, dict[str, Any]]] = {}
    for q in quads:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value  # type: ignore[union-attr]
        s = curie(q.subject.value)  # type: ignore[union-attr]
        node = graphs.setdefault(name, {}).setdefault(s, {"@id": s})
        if q.predicate.value == _RDF_TYPE:
            node.setdefault("@type", []).append(curie(q.object.value))  # type: ignore[union-attr]
            continue
        p = curie(q.predicate.value)
        o = q.object
        if isinstance(o, ox.NamedNode):
            value: dict[str, str] = {"@id": curie(o.value)}
        elif isinstance(o, ox.Literal) and o.language:
            value = {"@value": o.value, "@language": o.language}
        elif isinstance(o, ox.Literal) and o.datatype.value != _STRING:
            value = {"@value": o.value, "@type": curie(o.datatype.value)}
        else:
            value = {"@value": o.value}  # type: ignore[union-attr]
        node.setdefault(p, []).append(value)
    top: list[dict[str, Any]] = list(graphs.get("", {}).values())
    for name in sorted(n for n in graphs if n):
        top.append(
            {
                "@id": curie(name),
                "@graph": list(graphs[name].values()),
            }
        )
    doc = {**jsonld_context(), "@graph": top}
    return (json.dumps(doc, ensure_ascii=False, indent=0) + "\n").encode("utf-8")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` via a temporary file and a rename, so no reader sees half."""
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)


def write_rdf(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    docs: Mapping[str, Document | SentenceIndex] | None = None,
    *,
    formats: Iterable[str] = BUILD_FORMATS,
) -> list[Path]:
    """Write ``graph.<ext>`` in each format (default: Turtle and TriG) to ``out_dir``.

    Returns:
        The paths written.
    """
    return _write_rdf(graph, out_dir, docs, list(formats))


def _write_rdf(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    docs: Mapping[str, Document | SentenceIndex] | None,
    formats: list[str],
) -> list[Path]:
    paths = {fmt: out_dir / file_name(fmt) for fmt in formats}
    out_dir.mkdir(parents=True, exist_ok=True)
    if "turtle" in paths or "trig" in paths:
        # One document's graph at a time, never all statements at once; both files
        # renamed into place only when both are complete.
        with contextlib.ExitStack() as stack:
            turtle = trig = None
            if "turtle" in paths:
                tmp = stack.enter_context(atomic_output(paths["turtle"]))
                turtle = stack.enter_context(tmp.open("wb"))
            if "trig" in paths:
                tmp = stack.enter_context(atomic_output(paths["trig"]))
                trig = stack.enter_context(
                    tmp.open("w", encoding="utf-8", newline="\n")
                )
            spool = stack.enter_context(tempfile.TemporaryFile(dir=out_dir))
            write_turtle_trig_streamed(
                graph, docs, turtle=turtle, trig=trig, spool=spool
            )
    others = [fmt for fmt in formats if fmt not in BUILD_FORMATS]
    if others:
        statements = to_statements(graph, docs)
        for fmt in others:
            write_bytes_atomic(paths[fmt], serialize(statements, fmt))
        del statements  # freed here, while the collector is off
    _forget_terms()
    return list(paths.values())


def _forget_terms() -> None:
    """Empty the term caches: sized for the whole corpus, they would otherwise hold
    every node's IRI for the rest of the build (tens of MB on the bulk corpus)."""
    for cached in (_node, _node_w, _doc_base, _entity_written, _doc_graph, _part_of):
        cached.cache_clear()


def to_rdflib(data: Statements | Iterable[ox.Quad]) -> Dataset:
    """The statements as an rdflib ``Dataset`` (what pySHACL and rdflib users want)."""
    dataset = Dataset()
    dataset.parse(data=serialize(data, "nquads"), format="nquads")
    return dataset


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The union graph as an rdflib ``Graph``, with kg's prefixes bound."""
    rdf_graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        rdf_graph.bind(prefix, namespace)
    data = serialize(to_statements(graph), "ntriples")
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
