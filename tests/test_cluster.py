"""``kg build --cluster``: extraction on Dask distributed, against a local cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import KgError
from tests.conftest import SEEDS

# Run with --perf (CI does): a local Dask cluster: another path to the same outputs.
pytestmark = pytest.mark.perf

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Two worker processes, one thread each: a cluster in miniature."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    ) as cluster:
        yield cluster.scheduler_address


def test_cluster_build_equals_a_local_build(scheduler: str, tmp_path: Path) -> None:
    local = build(SEEDS, tmp_path / "local", html=False, jobs=1, cache=False)
    remote = build(
        SEEDS,
        tmp_path / "remote",
        html=False,
        cache=False,
        cluster=scheduler,
        chunk_chars=4_000,  # several chunks, so both workers get some
    )
    assert remote.extracted == local.extracted == 5
    for name in ("graph.json", "graph.ttl"):
        assert (tmp_path / "local" / name).read_bytes() == (
            tmp_path / "remote" / name
        ).read_bytes(), name


def test_cluster_work_really_runs_on_the_workers(scheduler: str) -> None:
    from kg.cache import extractor_version
    from kg.extraction import extract_batch
    from kg.ingest import SourceText

    with distributed.Client(scheduler) as client:
        future = client.submit(
            extract_batch,
            [(0, None, SourceText("a.txt", "梁平区".encode()))],
            pure=False,
        )
        version, outcomes = future.result()
        assert version == extractor_version()  # the workers run these rules
        assert outcomes[0][3] is None
        who = client.who_has(future)
        assert who and all(w.startswith("tcp://") for ws in who.values() for w in ws)


def test_unreachable_cluster_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(
        KgError, match=r"cannot reach the cluster at tcp://127\.0\.0\.1:9"
    ):
        build(SEEDS, tmp_path / "out", cluster="tcp://127.0.0.1:9")
