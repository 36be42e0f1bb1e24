"""SPARQL over the built graph, with Oxigraph: load, named queries, bindings, output.

Named queries are ``kg/queries/<name>.rq``. Their header comments describe them and
declare parameters::

    # param: district label  the district's name (梁平区); all districts when omitted

A parameter is a projected variable of the query; the user's value goes in through
Oxigraph's ``substitutions`` (SPARQL SEP-0007 pre-binding), never into the query text.
An omitted parameter stays unbound, so the query answers for every value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.ontology import read_ontology_text
from kg.outputs import OutputSet, checked_set
from kg.rdf import prefixes

ONTOLOGY_GRAPH = "https://w3id.org/kg-gov/ontology"
# Which file of an output folder to load, best first: TriG keeps the document graphs.
GRAPH_FILES = ("graph.trig", "graph.nq", "graph.ttl", "graph.nt")
PARAM_KINDS = ("label", "iri", "string", "integer", "decimal", "boolean")
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s+(\w+)\s+(.*)$")

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query: the variable it binds and how to read a value."""

    name: str
    kind: str
    help: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query shipped in ``kg/queries``."""

    name: str
    text: str
    description: str
    params: tuple[Param, ...]


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the description and ``# param:`` lines of a query's header comments.

    Examples:
        >>> q = parse_named_query("q", "# Hi.\\n# param: x label  a name\\nSELECT ?x {}")
        >>> q.description, q.params[0].kind
        ('Hi.', 'label')
    """
    lines: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM.match(line)
        if match:
            pname, kind, help_text = match.groups()
            if kind not in PARAM_KINDS:
                raise QueryError(f"query {name}: parameter {pname} has kind {kind!r}")
            params.append(Param(pname, kind, help_text.strip()))
        else:
            lines.append(line.lstrip("#").strip())
    return NamedQuery(name, text, " ".join(x for x in lines if x), tuple(params))


def named_queries() -> dict[str, NamedQuery]:
    """Every query in ``kg/queries``, by name (the file name without ``.rq``)."""
    folder = resources.files("kg").joinpath("queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return found


def resolve_query(spec: str) -> tuple[str, NamedQuery | None]:
    """A named query, a ``.rq`` file or the query text itself → (text, named query).

    Raises:
        QueryError: ``spec`` ends in ``.rq`` but the file cannot be read.
    """
    queries = named_queries()
    if spec in queries:
        return queries[spec].text, queries[spec]
    if spec.endswith(".rq"):
        path = Path(spec)
        try:
            return path.read_text(encoding="utf-8"), None
        except OSError as e:
            raise QueryError(f"{spec}: cannot read the query file ({e})") from e
    if re.fullmatch(r"[\w-]+", spec):  # one word: meant as a name
        known = ", ".join(queries)
        raise QueryError(f"{spec!r} is not a named query ({known}), .rq file or query")
    return spec, None


def parse_term(value: str, kind: str = "label") -> ox.NamedNode | ox.Literal:
    """A user's value as an RDF term of the given kind.

    ``iri`` accepts a full IRI or a node id such as ``place:500155``; ``label`` is a
    Chinese name (``@zh``), as kg writes every name.

    Examples:
        >>> parse_term("place:500155", "iri").value
        'https://w3id.org/kg-gov/id/place/500155'
        >>> parse_term("梁平区")
        <Literal value=梁平区 language=zh>
        >>> parse_term("2023", "integer").datatype.value[-7:]
        'integer'
    """
    try:
        if kind == "iri":
            prefix, _, local = value.partition(":")
            known = prefixes()
            return ox.NamedNode(known[prefix] + local if prefix in known else value)
        if kind == "label":
            return ox.Literal(value, language="zh")
        if kind == "string":
            return ox.Literal(value)
        if kind == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError("expected true or false")
            return ox.Literal(value.lower(), datatype=ox.NamedNode(_XSD + "boolean"))
        if kind in ("integer", "decimal"):
            float(value)  # a number at all, or the ValueError below
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + kind))
    except ValueError as e:
        raise QueryError(f"{value!r} is not a valid {kind}: {e}") from e
    raise QueryError(f"unknown parameter kind {kind!r}")


def make_bindings(
    pairs: Sequence[tuple[str, str]], named: NamedQuery | None = None
) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Turn ``-p NAME VALUE`` pairs into substitutions, checked against the query.

    Raises:
        QueryError: a named query does not declare the parameter.
    """
    declared = {p.name: p for p in named.params} if named else {}
    bindings: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    for name, value in pairs:
        if named and name not in declared:
            known = ", ".join(declared) or "none"
            raise QueryError(f"query {named.name} has no parameter {name!r} ({known})")
        kind = declared[name].kind if name in declared else _guess_kind(value)
        bindings[ox.Variable(name)] = parse_term(value, kind)
    return bindings


def _guess_kind(value: str) -> str:
    """For ad-hoc queries: a node id or IRI is an IRI, anything else a Chinese label."""
    prefix = value.partition(":")[0]
    return "iri" if prefix in prefixes() or "://" in value else "label"


def find_graph_file(path: Path, outputs: OutputSet | None = None) -> Path:
    """The RDF file to load: ``path`` itself, or the best file of an output folder
    (of those its build wrote, ``outputs``, when it has a manifest).

    Raises:
        QueryError: nothing to load.
    """
    if path.is_dir():
        for name in GRAPH_FILES:
            if outputs is not None and name not in outputs.files:
                continue  # not this build's: another build's, or not kg's
            if (path / name).is_file():
                return path / name
        if outputs is not None:
            raise QueryError(
                f"{path}: its build wrote no RDF (kg build --no-rdf); "
                "build it with RDF to query it"
            )
        raise QueryError(f"{path}: no {', '.join(GRAPH_FILES)}; run kg build first")
    if not path.is_file():
        raise QueryError(f"{path}: no such file; run kg build first")
    return path


def load_store(path: Path) -> ox.Store:
    """An in-memory Oxigraph store with the graph at ``path`` and kg's ontology.

    The ontology goes into its own named graph, so class and property labels can be
    queried; the document graphs of TriG/N-Quads are kept as they are.

    Raises:
        QueryError: the file is missing or is not valid RDF.
        OutputError: an output folder that does not hold one build's files.
    """
    outputs = checked_set(path) if path.is_dir() else None
    file = find_graph_file(path, outputs)
    try:
        rdf_format = ox.RdfFormat.from_extension(file.suffix.lstrip("."))
    except ValueError as e:
        raise QueryError(f"{file}: unknown RDF file extension") from e
    store = ox.Store()
    try:
        store.bulk_load(path=file, format=rdf_format)
    except (SyntaxError, OSError, ValueError) as e:
        raise QueryError(f"{file}: cannot load: {e}") from e
    if outputs is not None:
        outputs.confirm()  # no build switched the files while they were read
    store.load(
        read_ontology_text(),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(ONTOLOGY_GRAPH),
    )
    return store


_UPDATE = re.compile(
    r"^(?:\s*(?:#[^\n]*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>))*\s*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I,
)


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL update rather than a query.

    Examples:
        >>> is_update("PREFIX a: <x:> INSERT DATA { a:s a:p a:o }")
        True
        >>> is_update("SELECT * WHERE { ?s ?p ?o }")
        False
    """
    return bool(_UPDATE.match(text))


def run_query(
    store: ox.Store,
    text: str,
    bindings: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
) -> Result:
    """Run a SPARQL query over the union of all graphs, with pre-bound variables.

    Raises:
        QueryError: the query is not valid SPARQL, is an update, or a bound variable is
            not projected by the query.
    """
    try:
        return store.query(
            text,
            use_default_graph_as_union=True,
            prefixes=prefixes(),
            substitutions=dict(bindings or {}),
        )
    except SyntaxError as e:
        if is_update(text):
            raise QueryError("read-only: SPARQL updates are refused") from e
        raise QueryError(f"invalid SPARQL query: {e}") from e
    except (RuntimeError, OSError, ValueError) as e:
        raise QueryError(f"query failed: {e}") from e


def _compact(iri: str, namespaces: Iterable[tuple[str, str]]) -> str:
    for prefix, ns in namespaces:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def term_text(term: object, namespaces: Iterable[tuple[str, str]] = ()) -> str:
    """A term as a person reads it: a node id for kg's IRIs, the value of a literal.

    Examples:
        >>> ns = sorted(prefixes().items(), key=lambda kv: -len(kv[1]))
        >>> term_text(ox.NamedNode("https://w3id.org/kg-gov/id/place/500155"), ns)
        'place:500155'
        >>> term_text(ox.Literal("梁平区", language="zh"))
        '梁平区'
        >>> term_text(None)
        ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact(term.value, namespaces)
    if isinstance(term, ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def format_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, max_width: int = 60
) -> str:
    """A plain-text table, aligned for Chinese (wide characters count two columns).

    Examples:
        >>> print(format_table(["a", "name"], [["1", "梁平区"]]))
        a | name
        --+-------
        1 | 梁平区
    """
    cells = [[_clip(c, max_width) for c in row] for row in rows]
    widths = [_width(h) for h in header]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        padded = [
            v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)
        ]
        return " | ".join(padded).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in cells)])


def solution_rows(result: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT result as readable strings."""
    namespaces = sorted(prefixes().items(), key=lambda kv: -len(kv[1]))
    header = [v.value for v in result.variables]
    rows = [
        [term_text(solution[i], namespaces) for i in range(len(header))]
        for solution in result
    ]
    return header, rows


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result: a table, or CSV, TSV, SPARQL JSON or XML results.

    CONSTRUCT and DESCRIBE results are written as Turtle whatever ``fmt`` says.
    """
    if isinstance(result, ox.QueryTriples):
        data = ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=prefixes())
        return (data or b"").decode("utf-8")
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            return "true" if bool(result) else "false"
        header, rows = solution_rows(result)
        return format_table(header, rows) + f"\n({len(rows)} rows)"
    formats = {
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
    }
    if fmt not in formats:
        raise QueryError(f"unknown result format {fmt!r}; known: {RESULT_FORMATS}")
    return (result.serialize(format=formats[fmt]) or b"").decode("utf-8")
