"""Command line: ``kg build`` and ``kg eval``. Thin: each command calls the library."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from kg.errors import KgError


class _Commands(click.Group):
    """kg's commands: a file the system refuses (-o naming a file, a folder that
    cannot be written) is a one-line error naming it, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as e:
            raise click.ClickException(os_error_line(e)) from e


def os_error_line(error: OSError) -> str:
    """An operating-system error as one line: the file and the reason.

    Examples:
        >>> os_error_line(NotADirectoryError(20, "Not a directory", "out/.kg-cache"))
        'out/.kg-cache: Not a directory (a file stands where a folder is needed)'
        >>> os_error_line(OSError("no file named"))
        'no file named'
    """
    if error.filename is None or not error.strerror:
        return str(error)
    line = f"{error.filename}: {error.strerror}"
    if isinstance(error, NotADirectoryError | FileExistsError):
        line += " (a file stands where a folder is needed)"
    return line


@click.group(cls=_Commands)
@click.version_option(package_name="kg")
def cli() -> None:
    """Knowledge graphs from Chinese local-governance texts.

    Example: kg build seeds -o output
    """
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _seeds() -> Path:
    """The seed texts shipped inside the package (kg/seeds)."""
    from importlib import resources

    return Path(str(resources.files("kg") / "seeds"))


@cli.command()
@click.argument("corpus", type=click.Path(path_type=Path), required=False)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option("--no-html", is_flag=True, help="Skip the HTML view.")
@click.option(
    "--no-rdf", is_flag=True, help="Skip the RDF files (graph.ttl, graph.trig)."
)
@click.option(
    "--rdf-format",
    "rdf_formats",
    type=click.Choice(["turtle", "trig"]),
    multiple=True,
    help="Write only this RDF file: turtle (graph.ttl) or trig (graph.trig, a named "
    "graph per document). Default: both.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for extraction (default: one per core).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Re-extract every document and build even when nothing changed (ignore "
    "and leave OUT/.kg-cache alone).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    default=None,
    help="Extract on a Dask scheduler, e.g. tcp://10.0.0.5:8786 (needs kg[cluster]).",
)
@click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="JSONL: the field holding a record's text.",
)
@click.option(
    "--id-field",
    default="id",
    show_default=True,
    help="JSONL: the field holding a record's id (else FILE:LINE is the id).",
)
@click.option(
    "--rules",
    "rule_packs",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A rule pack (a folder of <label>/*.toml, like kg/rules) added to kg's rules; "
    "repeatable. See `kg rules --check`.",
)
@click.option(
    "--include",
    "include",
    metavar="PATTERN",
    multiple=True,
    help="Read a folder's README, SOURCES and LICENSE files whose name (or path) "
    "matches PATTERN, e.g. 'README*' (they are left out otherwise; repeatable).",
)
def build(
    corpus: Path | None,
    out_dir: Path,
    no_html: bool,
    no_rdf: bool,
    rdf_formats: tuple[str, ...],
    jobs: int | None,
    no_cache: bool,
    cluster: str | None,
    text_field: str,
    id_field: str,
    rule_packs: tuple[Path, ...],
    include: tuple[str, ...],
) -> None:
    """Build graph.json, graph.ttl, graph.trig and graph.html from a folder of texts.

    CORPUS is a folder (read recursively: .txt and .md, UTF-8 or GB18030, or UTF-16
    with a byte-order mark; .jsonl and .jsonl.gz, one record per line; .html, .docx
    and .pdf with kg[formats]) or a file; it defaults to the five seed texts shipped
    with kg. Other files, and a folder's README, SOURCES and LICENSE files (see
    --include), are counted in the summary as skipped. Exits with status 1 when some
    document or folder could not be read (the others are still built), each named
    on a line of its own with the reason.

    When the corpus files, the options and kg are those of the last build into OUT
    and its outputs are untouched, says "up to date" and writes nothing.

    Example: kg build

    Example: kg build tests/gold/heldout -o /tmp/heldout

    Example: kg build news.jsonl.gz --text-field body -o /tmp/news -j 2

    Example: kg build reports/ --rules my-county-rules -o /tmp/reports
    """
    from kg.build import build as run_build
    from kg.rdf import BUILD_FORMATS

    if no_rdf and rdf_formats:
        raise click.UsageError("--no-rdf and --rdf-format exclude each other")
    if out_dir.exists() and not out_dir.is_dir():
        raise click.ClickException(
            f"{out_dir}: is a file; -o names the folder to write the outputs in"
        )
    progress = _Progress(sys.stderr)
    notes = _ProgressNotes(progress)
    try:
        report = run_build(
            corpus if corpus is not None else _seeds(),
            out_dir,
            html=not no_html,
            rdf=not no_rdf,
            rdf_formats=rdf_formats or BUILD_FORMATS,
            progress=progress.update,
            on_stage=progress.stage,
            jobs=jobs,
            cache=not no_cache,
            cluster=cluster,
            text_field=text_field,
            id_field=id_field,
            rules=rule_packs,
            include=include,
        )
    except KgError as e:
        raise click.ClickException(str(e)) from e
    finally:
        notes.close()
        progress.finish()
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(report.nodes_by_type.items()))
    if report.up_to_date:
        click.echo(
            f"up to date: the corpus files, options and kg are those of the last build "
            f"into {out_dir}, whose outputs are untouched (--no-cache builds anyway)"
        )
    click.echo(f"documents read: {report.documents} ({report.chars:,} characters)")
    if report.skipped:
        from kg.formats import describe_skipped

        click.echo(describe_skipped(report.skipped))
    if not no_cache and not report.up_to_date:
        click.echo(f"extracted: {report.extracted}, from cache: {report.cached}")
    click.echo(f"nodes: {kinds}")
    click.echo(f"edges: {report.edges}")
    click.echo(f"errors: {len(report.errors)}")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.stages.items())
    click.echo(f"time: {report.seconds:.1f} s" + (f" ({stages})" if stages else ""))
    done = "kept" if report.up_to_date else "wrote"
    click.echo(f"{done}: " + ", ".join(str(p) for p in report.outputs))
    if report.errors:
        raise SystemExit(1)


class _Progress:
    """Documents and MB/s on one stderr line, redrawn at most 5 times a second.

    Only on a terminal: logs and captured output get the summary, not 1,000 redraws.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.live = bool(getattr(stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.shown = 0.0
        self.line = ""
        self.pid = os.getpid()

    def update(self, documents: int, nbytes: int) -> None:
        now = time.perf_counter()
        if not self.live or now - self.shown < 0.2:
            return
        self.shown = now
        self.line = progress_line(documents, nbytes, now - self.started)
        click.echo("\r" + self.line, file=self.stream, nl=False)

    def stage(self, what: str) -> None:
        """Reading is over: say what the build does now (it can take minutes)."""
        if not self.live:
            return
        seconds = time.perf_counter() - self.started
        # Padded so that it covers the longer progress line it replaces.
        text = f"{what} ({seconds:.0f} s)"
        click.echo("\r" + text.ljust(len(self.line)), file=self.stream, nl=False)
        self.line = text

    def note(self, text: str) -> None:
        """A line of its own above the progress line (a long document's steps)."""
        click.echo("\r" + text.ljust(len(self.line)), file=self.stream)
        if self.live and self.line and os.getpid() == self.pid:
            click.echo(self.line, file=self.stream, nl=False)

    def finish(self) -> None:
        if self.line:
            click.echo("", file=self.stream)


class _ProgressNotes(logging.Handler):
    """Prints the ``kg.progress`` log (steps of long documents) while it is open.

    Forked workers inherit it, so their long documents are told too.
    """

    def __init__(self, progress: _Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.logger = logging.getLogger("kg.progress")
        self.level_before = self.logger.level
        self.logger.setLevel(logging.INFO)
        self.logger.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.progress.note(self.format(record))

    def close(self) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self.level_before)
        super().close()


def progress_line(documents: int, nbytes: int, seconds: float) -> str:
    """The progress text.

    Examples:
        >>> progress_line(74471, 105_800_000, 20.0)
        'documents 74,471  105.8 MB  5.3 MB/s'
    """
    rate = nbytes / 1e6 / seconds if seconds > 0 else 0.0
    return f"documents {documents:,}  {nbytes / 1e6:.1f} MB  {rate:.1f} MB/s"


@cli.command(name="explain")
@click.argument("text", required=False)
@click.option(
    "--doc",
    "doc_path",
    type=click.Path(path_type=Path),
    help="Explain a document (.txt, .md) instead of TEXT.",
)
@click.option(
    "--at",
    type=click.IntRange(min=0),
    default=None,
    help="With --doc: only the sentence holding this character offset.",
)
@click.option(
    "--rules",
    "rule_packs",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A rule pack (folder of <label>/*.toml) to add to kg's rules; repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for tools.")
def explain(
    text: str | None,
    doc_path: Path | None,
    at: int | None,
    rule_packs: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Show each mention kg finds, with the rule that found it, and the candidates
    a rule turned down.

    Every mention is printed with its type, normalised attributes, the id of its
    rule and the rule's file, line and why.

    Examples:

        kg explain "在梁平区梁山街道八角社区开展“三比三亮”活动"

        kg explain --doc seeds/004_60b050a7622a78d4.txt --at 1532 --json
    """
    import json

    from kg.explain import explain_text, format_explanation, read_explained
    from kg.lang.rules import use_packs

    if (text is None) == (doc_path is None):
        raise click.UsageError("give either TEXT or --doc FILE")
    if at is not None and doc_path is None:
        raise click.UsageError("--at needs --doc FILE")
    try:
        use_packs(rule_packs)
        found = (
            read_explained(doc_path, at=at)
            if doc_path is not None
            else explain_text(text or "")
        )
    except KgError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_explanation(found))


@cli.command(name="rules")
@click.option(
    "--rules",
    "rule_packs",
    type=click.Path(path_type=Path),
    multiple=True,
    help="A rule pack to load with kg's rules; repeatable.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Check every example and counterexample (exit status 1 if one fails).",
)
@click.option("--label", default=None, help="Only the rules of this label (place …).")
def rules_command(rule_packs: tuple[Path, ...], check: bool, label: str | None) -> None:
    """List the rules (id, kind, file:line, why), kg's and the packs'; --check runs
    their examples through the extractors, as the test suite does.

    Example: kg rules --rules my-county-rules --check
    """
    from kg.lang.examples import check_rule
    from kg.lang.rules import load_rules, use_packs

    try:
        use_packs(rule_packs)
        ruleset = load_rules()
    except KgError as e:
        raise click.ClickException(str(e)) from e
    chosen = [r for r in ruleset if label is None or r.label == label]
    if rule_packs:  # a pack is checked with kg's rules around it, but listed alone
        chosen = [r for r in chosen if r.pack is not None]
    failures = []
    for r in chosen:
        click.echo(f"{r.id}  {r.kind}  {r.location}\n    {r.why}")
        if check:
            failures.extend(check_rule(r))
    if check:
        for failure in failures:
            click.echo(f"FAILED {failure}", err=True)
        click.echo(
            f"{len(chosen)} rules, {len(failures)} failed examples", err=bool(failures)
        )
        if failures:
            raise SystemExit(1)


@cli.command(name="eval")
@click.argument(
    "gold_dirs",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, exists=True, file_okay=False),
)
@click.option(
    "-g",
    "--graph",
    "graph_paths",
    type=click.Path(path_type=Path),
    multiple=True,
    help="The graph.json to score (or its output folder): one for every GOLD_DIR, "
    "or one per GOLD_DIR in the same order. Default: output/graph.json.",
)
@click.option(
    "--baseline",
    "baselines",
    type=click.Choice(["quotes", "numbers", "jieba"]),
    multiple=True,
    help="Also score a naive baseline on the same gold: quotes (anything quoted is "
    "a programme), numbers (a number and the next character are a metric), jieba "
    "(posseg ns tokens are places, nr tokens people). Needs the texts: --corpus.",
)
@click.option(
    "--corpus",
    "corpora",
    type=click.Path(path_type=Path, exists=True),
    multiple=True,
    help="The texts of each GOLD_DIR, in the same order, for --baseline (default: "
    "the GOLD_DIR itself when it holds the texts).",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="List every miss, false hit and wrong link, grouped by kind of error.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(
    gold_dirs: tuple[Path, ...],
    graph_paths: tuple[Path, ...],
    baselines: tuple[str, ...],
    corpora: tuple[Path, ...],
    show_errors: bool,
    as_json: bool,
) -> None:
    """Score built graphs against hand-made annotations (see tests/gold/README.md).

    One table per GOLD_DIR and, for several, a total.

    \b
    Example: kg build seeds -o output && kg eval tests/gold -g output/graph.json
    Example: kg eval tests/gold tests/gold/heldout -g output -g /tmp/heldout \\
          --baseline quotes --corpus seeds --corpus tests/gold/heldout --errors
    """
    import json

    from kg.evaluate import as_dict, format_scores, total

    graphs = _pair("-g/--graph", gold_dirs, graph_paths or (Path("output"),))
    texts = _pair("--corpus", gold_dirs, corpora) if corpora else gold_dirs
    try:
        results = [
            (str(gold), *_eval_one(gold, graph, corpus, baselines))
            for gold, graph, corpus in zip(gold_dirs, graphs, texts, strict=True)
        ]
    except KgError as e:
        raise click.ClickException(str(e)) from e
    if len(results) > 1:
        results.append(
            (
                "total",
                total(r[1] for r in results),
                [
                    (
                        name,
                        kind,
                        total(
                            rb[2]
                            for r in results
                            for rb in r[2]
                            if rb[:2] == (name, kind)
                        ),
                    )
                    for name, kind, _ in results[0][2]
                ],
            )
        )
    if as_json:
        data = {
            label: {
                **as_dict(scores),
                "baselines": {f"{n}/{k}": as_dict(b)["types"][k] for n, k, b in base},
            }
            for label, scores, base in results
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for i, (label, scores, base) in enumerate(results):
        if i:
            click.echo("")
        if len(results) > 1:
            click.echo(f"== {label} ==")
        click.echo(format_scores(scores, errors=show_errors, baselines=base))


def _pair(
    option: str, gold_dirs: tuple[Path, ...], values: tuple[Path, ...]
) -> tuple[Path, ...]:
    """One value for every gold folder, or one per gold folder."""
    if len(values) == 1:
        return values * len(gold_dirs)
    if len(values) != len(gold_dirs):
        raise click.UsageError(
            f"give {option} once, or once per GOLD_DIR ({len(gold_dirs)})"
        )
    return values


def _eval_one(
    gold: Path, graph: Path, corpus: Path, baselines: tuple[str, ...]
) -> tuple[Any, list[tuple[str, str, Any]]]:
    """kg's scores on one gold folder, and each baseline's on the types it predicts."""
    from kg.baselines import BASELINES, baseline_graph
    from kg.evaluate import evaluate, evaluate_graph

    if graph.is_dir():
        from kg.outputs import checked_set

        checked_set(graph)  # one build's files (kg.outputs), else a one-line error
        graph = graph / "graph.json"
    scores = evaluate(gold, graph)
    rows = []
    for name in baselines:
        theirs = evaluate_graph(gold, baseline_graph(corpus, name))
        rows += [(name, kind, theirs) for kind in BASELINES[name][0]]
    return scores, rows


@cli.command(name="query")
@click.argument("query", required=False)
@click.option(
    "-g",
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="An output folder (graph.trig or graph.ttl is loaded) or an RDF file.",
)
@click.option(
    "-p",
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="Bind a variable (repeatable); the value never enters the query text.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
def query_command(
    query: str | None,
    graph_path: Path,
    params: tuple[tuple[str, str], ...],
    fmt: str,
    list_queries: bool,
) -> None:
    """Run SPARQL over the built graph: a named query, a .rq file or a query string.

    Example: kg query officials -p place 梁平区
    """
    from kg.query import (
        format_result,
        load_store,
        make_bindings,
        named_queries,
        resolve_query,
        run_query,
    )

    if list_queries or not query:
        for name, named in named_queries().items():
            click.echo(f"{name}: {named.description}")
            for p in named.params:
                click.echo(f"    -p {p.name} ({p.kind}): {p.help}")
        return
    try:
        text, named = resolve_query(query)
        bindings = make_bindings(params, named)
        store = load_store(graph_path)
        click.echo(format_result(run_query(store, text, bindings), fmt).rstrip("\n"))
    except KgError as e:
        raise click.ClickException(str(e)) from e


@cli.command(name="export")
@click.option(
    "-f",
    "--format",
    "fmt",
    required=True,
    type=click.Choice(
        [
            *("graphml", "gexf", "json", "csv", "neo4j", "diffusion"),
            *("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"),
        ]
    ),
    help="File format.",
)
@click.option(
    "-g",
    "--graph",
    "graph_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="The kg build output folder to read.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="File (folder for csv, neo4j) to write; default: next to graph.json.",
)
def export_command(fmt: str, graph_dir: Path, out: Path | None) -> None:
    """Write the built graph as GraphML, GEXF, CSV, Neo4j import CSVs or RDF, or
    the diffusion table (one row per programme and district, with first dates).

    Example: kg export -f graphml -o /tmp/kg.graphml

    Example: kg export -f diffusion -o /tmp/diffusion.csv
    """
    from kg.export import export_graph

    try:
        paths = export_graph(fmt, graph_dir, out)
    except KgError as e:
        raise click.ClickException(str(e)) from e
    click.echo("wrote: " + ", ".join(str(p) for p in paths))


@cli.command(name="text")
@click.argument("doc")
@click.option(
    "-c",
    "--corpus",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The corpus folder DOC is relative to, as graph.json names documents "
    "(default: the current folder, then the seeds shipped with kg).",
)
@click.option(
    "--span",
    metavar="START:END",
    default=None,
    help="Print only these characters (a mention's start and end in graph.json).",
)
@click.option(
    "--meta",
    "show_meta",
    is_flag=True,
    help="Print the document's metadata as JSON instead of its text.",
)
@click.option("--text-field", default="text", show_default=True, help="JSONL: text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL: id.")
def text_command(
    doc: str,
    corpus: Path | None,
    span: str | None,
    show_meta: bool,
    text_field: str,
    id_field: str,
) -> None:
    """Print the canonical text of a document: the text every offset of graph.json
    indexes (for .html, .docx and .pdf, the text kg made of the file).

    DOC is a file, or a JSONL record as FILE#ID or FILE:LINE.

    Example: kg text 004_60b050a7622a78d4.txt --span 174:177

    Example: kg text -c corpus reports/2023.pdf --meta
    """
    import json

    from kg.ingest import find_source, read_document

    if corpus is None and not Path(doc.split("#")[0]).exists():
        if (_seeds() / doc).is_file():
            corpus = _seeds()
    try:
        document = read_document(
            find_source(doc, corpus=corpus, text_field=text_field, id_field=id_field)
        )
    except KgError as e:
        raise click.ClickException(str(e)) from e
    if show_meta:
        meta = {"id": document.doc_id, "chars": len(document.text)}
        meta.update(document.meta._asdict())
        meta["pages"] = list(document.meta.pages)
        click.echo(json.dumps(meta, ensure_ascii=False, indent=2))
        return
    text = document.text
    if span is not None:
        start, sep, end = span.partition(":")
        if not (sep and start.isdigit() and end.isdigit()):
            raise click.BadParameter(f"{span!r} is not START:END", param_hint="--span")
        if int(end) > len(text) or int(start) > int(end):
            raise click.BadParameter(
                f"{span} is outside the text ({len(text)} characters)",
                param_hint="--span",
            )
        click.echo(text[int(start) : int(end)])
        return
    click.echo(text, nl=False)


@cli.command(name="validate")
@click.argument("graph", type=click.Path(path_type=Path), default=Path("output"))
def validate_command(graph: Path) -> None:
    """Check the RDF output against kg's SHACL shapes (kg/shapes.ttl).

    GRAPH is a kg build output folder (each RDF file the build wrote is checked:
    graph.ttl, graph.trig or both) or an RDF file (.ttl, .trig, .nq, .nt, .jsonld,
    .rdf); every named graph is checked, not only the default one. Exits with status
    1 and prints pySHACL's report when one does not conform.

    Example: kg validate output
    """
    from kg.validate import validate_path

    try:
        results = validate_path(graph)
    except KgError as e:
        raise click.ClickException(str(e)) from e
    for path, conforms, report in results:
        if not conforms:
            click.echo(f"{path}: does not conform to kg's SHACL shapes")
            click.echo(report)
    for path, conforms, _ in results:
        if conforms:
            click.echo(f"{path}: conforms to kg's SHACL shapes")
    if not all(conforms for _, conforms, _ in results):
        raise SystemExit(1)


@cli.command(name="serve")
@click.argument(
    "graph_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    default=8000,
    type=click.IntRange(0, 65535),
    show_default=True,
    help="Port (0: any free one).",
)
@click.option(
    "--timeout",
    default=10.0,
    type=click.FloatRange(min=0, min_open=True),
    show_default=True,
    help="Seconds a query may run; then it is stopped and gets 503.",
)
@click.option(
    "--max-rows", default=10_000, show_default=True, help="Rows (or triples) at most."
)
def serve_command(
    graph_dir: Path, host: str, port: int, timeout: float, max_rows: int
) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint, with a query page.

    SPARQL is at /sparql (GET or POST; JSON, XML, CSV, TSV; Turtle for CONSTRUCT),
    the query page at /, the graph view at /graph.html. Binds 127.0.0.1 unless told.
    Queries run in worker processes: one still running after --timeout seconds is
    stopped (the client gets 503) and its worker replaced. Ctrl-C stops the server.

    Example: kg serve output --port 8000
    """
    from kg.outputs import checked_set
    from kg.query import load_store
    from kg.serve import make_server

    try:
        outputs = checked_set(graph_dir)
        store = load_store(graph_dir)
    except KgError as e:
        raise click.ClickException(str(e)) from e
    view: Path | None = graph_dir / "graph.html"
    if outputs is not None and "graph.html" not in outputs.files:
        view = None  # not this build's view (kg build --no-html)
    try:
        server = make_server(
            store,
            host=host,
            port=port,
            timeout=timeout,
            max_rows=max_rows,
            view=view,
            view_current=outputs.current if outputs is not None else None,
        )
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e}") from e
    bound_host, bound_port = server.server_address[:2]
    click.echo(
        f"SPARQL endpoint: http://{bound_host}:{bound_port}/sparql ({len(store):,} quads)"
    )
    click.echo(f"query page: http://{bound_host}:{bound_port}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main() -> None:
    """The ``kg`` command (``python -m kg``)."""
    cli()


if __name__ == "__main__":
    main()
