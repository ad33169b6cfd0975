"""The same build on a Dask distributed cluster (a LocalCluster of two worker processes) gives the same tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from imr.corpus.build import build_corpus
from imr.corpus.executors import ClusterError
from imr.corpus.query import run_query

_CONTENT = "SELECT letter_id, case_number, items, upheld, overturned FROM letters ORDER BY letter_id"
_ITEMS = "SELECT letter_id, item, title, service, decision, reviewer_family FROM items ORDER BY letter_id, item"


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_build_on_the_cluster_matches_the_local_build(
    cluster: LocalCluster, letters_folder: Path, tmp_path: Path
) -> None:
    (letters_folder / "junk.txt").write_text("not a letter at all\n", encoding="utf-8")
    local = build_corpus([letters_folder], tmp_path / "local", workers=2)
    distributed = build_corpus([letters_folder], tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert (distributed.read, distributed.failed) == (local.read, local.failed) == (local.listed - 1, 1)
    for sql in (_CONTENT, _ITEMS, "SELECT error, reason FROM errors"):
        assert run_query(tmp_path / "dask", sql).rows == run_query(tmp_path / "local", sql).rows


def test_the_cluster_skips_what_an_earlier_build_read(
    cluster: LocalCluster, letters_folder: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    first = build_corpus([letters_folder], corpus, scheduler=cluster.scheduler_address)
    (letters_folder / "copy.txt").write_bytes(next(letters_folder.glob("2016/*.txt")).read_bytes())
    again = build_corpus([letters_folder], corpus, scheduler=cluster.scheduler_address)
    assert (again.unchanged, again.read, again.duplicates) == (first.listed, 0, 1)


def test_an_unreachable_scheduler_is_one_clear_error(letters_folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        build_corpus([letters_folder], tmp_path / "corpus", scheduler="tcp://127.0.0.1:9", scheduler_timeout=2)
