"""``kg validate``: the RDF kg wrote, every graph of it, against kg's SHACL shapes.

An output folder is checked by the RDF files its build wrote (graph.ttl, graph.trig or
both: ``kg build --rdf-format trig`` writes no graph.ttl), as its ``kg-manifest.json``
lists them, after checking that every file listed is the one the build wrote (size
and SHA-256, ``kg.outputs``); a file by its extension,
in any format kg writes (``kg export``). Files holding named graphs (TriG, N-Quads,
JSON-LD) are checked as the union of all their graphs, not just the default one: kg
puts each document's statements in a graph of its own.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import InputError
from kg.outputs import checked_set
from kg.rdf import BUILD_FORMATS, FORMATS, RDFLIB_NAMES, file_name, validate

# file extension -> rdflib parser, for every format kg writes (and RDF/XML's others)
PARSERS = {f".{ext}": RDFLIB_NAMES[fmt] for fmt, (_, ext, _) in FORMATS.items()}
PARSERS |= {".owl": "xml", ".xml": "xml", ".nt11": "nt"}


def rdf_files(path: Path) -> list[Path]:
    """The files to check: ``path`` itself, or the RDF files of an output folder.

    Raises:
        InputError: no such file, or a folder without RDF from ``kg build``.
        OutputError: a folder that does not hold one build's complete files.
    """
    outputs = checked_set(path, hashes=True) if path.is_dir() else None
    if outputs is not None:
        found = [file for name, file in sorted(outputs.files.items()) if _is_rdf(name)]
        if not found:
            raise InputError(
                f"{path}: its build wrote no RDF (kg build --no-rdf); "
                "build it with RDF to validate it"
            )
        return found
    if path.is_dir():
        found = [path / file_name(fmt) for fmt in BUILD_FORMATS]
        found = [file for file in found if file.is_file()]
        if not found:
            names = " or ".join(file_name(fmt) for fmt in BUILD_FORMATS)
            raise InputError(f"{path}: no {names}; run kg build first")
        return found
    if not path.is_file():
        raise InputError(f"{path}: no such file; run kg build first")
    return [path]


def _is_rdf(name: str) -> bool:
    return Path(name).suffix.lower() in PARSERS


def parser_of(path: Path) -> str:
    """The rdflib parser for a file, by its extension.

    Raises:
        InputError: an extension that names no RDF syntax (or none at all).

    Examples:
        >>> parser_of(Path("out/graph.trig")), parser_of(Path("kg.JSONLD"))
        ('trig', 'json-ld')
    """
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        known = ", ".join(sorted(PARSERS))
        what = f"extension {path.suffix!r}" if path.suffix else "no extension"
        raise InputError(
            f"{path}: {what}, so the RDF syntax is unknown (name the file {known})"
        )
    return parser


def read_rdf(path: Path) -> Graph:
    """Every statement of an RDF file, whatever graph it is in, as one graph.

    Raises:
        InputError: unknown syntax, or not valid RDF in it.
    """
    parser = parser_of(path)
    dataset = Dataset()
    try:
        dataset.parse(path, format=parser)
    except Exception as e:  # rdflib's parsers raise many kinds; one line says which
        reason = " ".join(str(e).split()) or type(e).__name__
        raise InputError(f"{path}: not valid {parser}: {reason[:300]}") from e
    union = Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def validate_path(path: Path) -> list[tuple[Path, bool, str]]:
    """Check a file or an output folder's RDF files against kg's SHACL shapes.

    Returns:
        For each file: its path, whether it conforms, and pySHACL's report.

    Raises:
        InputError: nothing to check, or a file that is not RDF kg can read.
        OntologyError: pySHACL is not installed.
    """
    results = []
    for file in rdf_files(path):
        conforms, report = validate(read_rdf(file))
        results.append((file, conforms, report))
    return results
