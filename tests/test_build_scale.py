"""Scale features of the build: JSONL corpora, worker processes, the extraction cache."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cache
from kg import codec
from kg.build import build
from kg.cache import ExtractCache, document_key
from kg.cli import cli
from kg.errors import KgError
from kg.executor import SerialExecutor
from kg.extraction import extract_batch
from kg.ingest import SourceText, iter_jsonl
from kg.model import Document, Mention
from tests.conftest import SEEDS


def _seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    data = "\n".join(lines) + "\n"
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _records(field: str = "text", key: str = "id") -> list[str]:
    return [
        json.dumps({key: name, field: text}, ensure_ascii=False)
        for name, text in _seed_texts().items()
    ]


@pytest.fixture(scope="module")
def seeds_jsonl_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A JSONL corpus of the seeds plus one broken line of every kind."""
    folder = tmp_path_factory.mktemp("jsonl")
    records = _records()
    broken = [
        '{"id": "cut", "text": "梁平区',  # truncated JSON
        "[1, 2]",  # not an object
        '{"id": "no-text", "body": "梁平区"}',  # no text field
        '{"id": "blank", "text": "   "}',  # empty text
        records[0],  # duplicate id
        "",  # blank line: skipped silently
        json.dumps(
            {"text": "重庆市梁平区双桂街道办事处。"}, ensure_ascii=False
        ),  # no id
    ]
    corpus = _write_jsonl(folder / "news.jsonl", records + broken)
    out = folder / "out"
    report = build(corpus, out, html=False, rdf=False, jobs=1, cache=False)
    assert report.documents == 6
    return out, corpus


def test_jsonl_broken_lines_are_reported_with_file_and_line(
    seeds_jsonl_build: tuple[Path, Path],
) -> None:
    out, corpus = seeds_jsonl_build
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "-o", str(out), "--no-html", "--no-rdf", "-j", "1"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: news.jsonl:6: broken JSON (Unterminated string starting at column 23)",
        "error: news.jsonl:7: not a JSON object",
        "error: news.jsonl:8: no text in field 'text' (missing)",
        "error: news.jsonl:9: empty text in field 'text'",
        "error: news.jsonl:10: duplicate id (first at line 1), record skipped",
    ]
    assert "documents read: 6" in result.output


def test_jsonl_ids_and_offsets_point_into_the_record_text(
    seeds_jsonl_build: tuple[Path, Path],
) -> None:
    out, _ = seeds_jsonl_build
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    texts = {f"news.jsonl#{name}": text for name, text in _seed_texts().items()}
    texts["news.jsonl:12"] = "重庆市梁平区双桂街道办事处。"
    documents = {n["name"] for n in data["nodes"] if n["type"] == "document"}
    assert documents == set(texts)
    checked = 0
    for node in data["nodes"]:
        for m in node["mentions"]:
            assert texts[m["doc"]][m["start"] : m["end"]]
            checked += 1
    assert checked > 100
    place_docs = {
        m["doc"] for n in data["nodes"] if n["name"] == "梁平区" for m in n["mentions"]
    }
    assert "news.jsonl:12" in place_docs


def test_jsonl_gz_reads_like_jsonl_and_other_fields_can_be_named(
    tmp_path: Path,
) -> None:
    plain = _write_jsonl(tmp_path / "a.jsonl", _records())
    packed = _write_jsonl(tmp_path / "b.jsonl.gz", _records("body", "key"))
    one = build(plain, tmp_path / "one", html=False, rdf=False, jobs=1, cache=False)
    two = build(
        packed,
        tmp_path / "two",
        html=False,
        rdf=False,
        jobs=1,
        cache=False,
        text_field="body",
        id_field="key",
    )
    assert one.errors == two.errors == []
    assert one.nodes_by_type == two.nodes_by_type
    graph_one = (tmp_path / "one" / "graph.json").read_text(encoding="utf-8")
    graph_two = (tmp_path / "two" / "graph.json").read_text(encoding="utf-8")
    assert graph_one.replace("a.jsonl#", "b.jsonl.gz#") == graph_two


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    whole = _write_jsonl(tmp_path / "whole.jsonl.gz", _records())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    items = list(iter_jsonl(cut, "cut.jsonl.gz"))
    assert isinstance(items[0], SourceText)
    assert "cannot read further" in str(items[-1])
    assert str(items[-1]).startswith("cut.jsonl.gz:")


@pytest.mark.perf  # mechanics: workers, memory, fast paths
def test_jsonl_is_streamed_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    line = json.dumps({"text": "梁平区双桂街道" * 20}, ensure_ascii=False)

    def peak(lines: int) -> int:
        path = _write_jsonl(tmp_path / f"{lines}.jsonl.gz", [line] * lines)
        tracemalloc.start()
        count = sum(1 for _ in iter_jsonl(path, path.name))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == lines
        return top

    small, large = peak(500), peak(20_000)
    # 40x the records; a reader that kept them would need 40x the memory.
    assert large < 2 * small + 200_000


@pytest.mark.perf  # mechanics: workers, memory, fast paths
def test_parallel_build_is_byte_identical_to_one_process(tmp_path: Path) -> None:
    one = build(SEEDS, tmp_path / "one", jobs=1, cache=False)
    # Small chunks so that the two workers really share the documents.
    two = build(SEEDS, tmp_path / "two", jobs=2, cache=False, chunk_chars=4_000)
    assert one.extracted == two.extracted == 5
    assert [p.name for p in one.outputs] == [p.name for p in two.outputs]
    for name in ("graph.json", "graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (
            tmp_path / "two" / name
        ).read_bytes(), name


def test_an_error_in_a_writer_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    def broken_writer(*args: object) -> None:
        raise KgError("disk full")

    monkeypatch.setattr("kg.build.write_node_link", broken_writer)
    with pytest.raises(KgError, match="disk full"):
        build(SEEDS, tmp_path / "out", jobs=2, cache=False, html=False)
    assert not (tmp_path / "out" / "graph.json").exists()


def test_cache_re_extracts_only_changed_documents_and_equals_a_fresh_build(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    first = build(corpus, out, html=False, rdf=False, jobs=1)
    assert (first.extracted, first.cached) == (5, 0)
    # Touched, not changed: no longer up to date (kg.cache.last_build), so read
    # again, and every document's extraction comes from the cache.
    for path in corpus.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    again = build(corpus, out, html=False, rdf=False, jobs=1)
    assert (again.extracted, again.cached) == (0, 5)
    changed = corpus / "002_8a88466397e97f6f.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8")
        + "\n重庆市梁平区双桂街道推行“五步议事法”。\n",
        encoding="utf-8",
    )
    (corpus / "new.txt").write_text("云阳县人和街道开展“三事分流”。", encoding="utf-8")
    incremental = build(corpus, out, html=False, rdf=False, jobs=2, chunk_chars=1)
    assert (incremental.extracted, incremental.cached) == (2, 4)
    fresh = build(
        corpus, tmp_path / "fresh", html=False, rdf=False, jobs=1, cache=False
    )
    assert fresh.extracted == 6
    assert (out / "graph.json").read_bytes() == (
        tmp_path / "fresh" / "graph.json"
    ).read_bytes()
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    chars = {
        n["name"]: n.get("chars") for n in data["nodes"] if n["type"] == "document"
    }
    assert chars[changed.name] == len(changed.read_text(encoding="utf-8"))
    new_places = {
        n["name"]
        for n in data["nodes"]
        if n["type"] == "place" and any(m["doc"] == "new.txt" for m in n["mentions"])
    }
    assert "云阳县" in new_places
    assert not (tmp_path / "fresh" / ".kg-cache").exists()


@pytest.mark.perf  # mechanics: workers, memory, fast paths
def test_a_rebuild_extracts_as_it_reads_and_links_without_waiting_for_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a rebuild of a corpus longer than two cache lookups, a changed document is
    sent off for extraction after at most two lookups, and its result is collected
    between lookups: the documents after it wait to be linked for a few lookups,
    not until the whole corpus has been read."""
    import kg.build
    import kg.extraction

    records = [
        {"id": f"n{i}", "text": f"重庆市梁平区双桂街道第{i}次推行“院落会”。"}
        for i in range(40)
    ]
    corpus = tmp_path / "news.jsonl"

    def write(changed: int | None) -> None:
        rows = [
            dict(r, text=r["text"] + "投入资金1.2亿元。") if i == changed else r
            for i, r in enumerate(records)
        ]
        corpus.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
            encoding="utf-8",
        )

    write(None)
    out = tmp_path / "out"
    build(corpus, out, html=False, jobs=1)
    write(changed=3)
    monkeypatch.setattr(kg.extraction, "LOOKUP_BATCH", 4)
    # Synchronous: a batch is extracted as soon as it is sent.
    monkeypatch.setattr(
        kg.build, "executor_for", lambda jobs, cluster, prepare: SerialExecutor()
    )
    waiting: list[int] = []
    settle = kg.extraction.InOrder._settle

    def watched(self: kg.extraction.InOrder, seq: int, *rest: object) -> None:
        settle(self, seq, *rest)  # type: ignore[arg-type]
        waiting.append(len(self._waiting))

    monkeypatch.setattr(kg.extraction.InOrder, "_settle", watched)
    rebuilt = build(corpus, out, html=False, jobs=2)
    assert (rebuilt.extracted, rebuilt.cached) == (1, 39)
    # Sent off at the end of the second lookup (8 documents read), collected at the
    # end of the third: no more than the 8 documents after it ever wait.
    assert max(waiting) <= 8, max(waiting)
    fresh = tmp_path / "fresh"
    build(corpus, fresh, html=False, jobs=1, cache=False)
    for name in ("graph.json", "graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def _die(*args: object, **kwargs: object) -> None:
    os._exit(4)  # what the kernel's OOM killer leaves: no exception, no result


@pytest.mark.parametrize("rebuild", [False, True])
@pytest.mark.perf  # mechanics: workers, memory, fast paths
def test_a_dying_worker_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rebuild: bool
) -> None:
    """A pool worker the kernel kills (out of memory) leaves no exception, only a
    broken pool: the build says so in a KgError (the CLI prints it), in a whole
    build and in a rebuild."""
    import kg.extraction

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    if rebuild:
        build(corpus, out, html=False, rdf=False, jobs=1)
        (corpus / "000.txt").write_text("云阳县人和街道开展“三事分流”。", "utf-8")
        monkeypatch.setattr(kg.extraction, "LOOKUP_BATCH", 1)
    monkeypatch.setattr(kg.extraction, "extract_batch", _die)  # in the workers too
    with pytest.raises(KgError, match=r"extraction worker stopped"):
        build(corpus, out, html=False, rdf=False, jobs=2, chunk_chars=1)


def test_cache_forgets_entries_of_other_rules_and_removed_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = document_key("a.txt", "梁平区", "v1")
    with ExtractCache(tmp_path, "v1") as cache:
        cache.put(key, b"blob")
        cache.put(document_key("gone.txt", "x", "v1"), b"old")
    with ExtractCache(tmp_path, "v1") as cache:
        assert cache.get(key) == b"blob"
        assert cache.prune() == 1  # gone.txt was not asked for
    with ExtractCache(tmp_path, "v1") as cache:  # asked in batches
        absent = [document_key(f"{i}.txt", "x", "v1") for i in range(3)]
        monkeypatch.setattr(kg.cache, "BATCH", 2)
        assert cache.get_many([absent[0], key, *absent[1:]]) == {key: b"blob"}
        assert (cache.hits, cache.misses) == (1, 3)
        assert cache.prune() == 0  # key was asked for
    with ExtractCache(tmp_path, "v2") as cache:
        assert cache.get(key) is None


def test_a_damaged_cache_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".kg-cache").mkdir(parents=True)
    (out / ".kg-cache" / "extract.sqlite").write_bytes(b"not a database" * 100)
    report = build(SEEDS, out, html=False, rdf=False, jobs=1)
    assert report.extracted == 5 and not report.errors


@pytest.mark.perf  # mechanics: workers, memory, fast paths
def test_worker_results_rebuild_equal_documents_and_mentions(
    seed_docs: list[tuple[Document, list[Mention]]],
) -> None:
    for doc, mentions in seed_docs:
        doc_back, mentions_back = codec.decode(codec.encode((doc, mentions)))
        assert doc_back == doc and doc_back.sentence_index(500) == doc.sentence_index(
            500
        )
        assert mentions_back == mentions
        assert [m.attrs for m in mentions_back] == [m.attrs for m in mentions]


def test_worker_reports_bad_documents_by_name() -> None:
    version, outcomes = extract_batch(
        [
            (0, "k0", SourceText("ok.txt", "梁平区".encode())),
            (1, None, SourceText("bad.txt", b"\x00\x01binary")),
        ]
    )
    (seq, key, blob, error), (seq_bad, key_bad, blob_bad, error_bad) = outcomes
    assert (seq, key, error) == (0, "k0", None) and blob is not None
    assert codec.decode(blob)[0].text == "梁平区"
    assert (seq_bad, key_bad, blob_bad) == (1, None, None)
    assert error_bad is not None and error_bad.startswith("bad.txt: binary")
    assert len(version) == 16


@pytest.mark.perf  # mechanics: workers, memory, fast paths
def test_consuming_graph_conversion_equals_the_plain_one() -> None:
    """The build empties the linked graph while converting it (peak memory); the
    graph must be the same as the plain conversion's."""
    from networkx.utils import graphs_equal

    from kg.extract import extract
    from kg.graph import to_networkx
    from kg.ingest import read_document
    from kg.link import link

    docs = [
        read_document(SourceText(name, text)) for name, text in _seed_texts().items()
    ]
    extracted = [(doc, extract(doc)) for doc in docs]
    plain = to_networkx(link(extracted))
    linked = link(extracted)
    consumed = to_networkx(linked, consume=True)
    assert not linked.entities and not linked.relations
    assert graphs_equal(plain, consumed)
    assert list(plain.nodes) == list(consumed.nodes)
    assert list(plain.edges(keys=True, data=True)) == list(
        consumed.edges(keys=True, data=True)
    )


def test_the_build_says_what_it_writes_after_reading(tmp_path: Path) -> None:
    """Writing a large corpus's files takes minutes: the CLI shows these stages."""
    stages: list[str] = []
    build(SEEDS, tmp_path / "out", jobs=1, cache=False, on_stage=stages.append)
    assert stages == [
        "finishing the graph",
        "writing graph.json",
        "writing graph.html",
        "writing graph.ttl and graph.trig",
    ]
    pooled: list[str] = []
    build(SEEDS, tmp_path / "two", jobs=2, cache=False, on_stage=pooled.append)
    assert pooled == stages


def test_cache_version_covers_how_results_are_stored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cached result is stored by ``kg.codec``: a kg whose codec has another
    version must not read another's cache entries as its own."""
    before = kg.cache.package_extractor_version.__wrapped__()  # not the cached answer
    monkeypatch.setattr(codec, "VERSION", codec.VERSION + "-changed")
    assert kg.cache.package_extractor_version.__wrapped__() != before
