"""Run batches of sources on workers: a local pool of processes, or an existing Dask distributed cluster.

Both keep a bounded number of batches in flight, so memory does not grow with the corpus, and yield each batch's
results as it completes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from imr.corpus.sources import SourceRef
from imr.corpus.work import FileResult, read_batch, remember_known
from imr.errors import ImrError

Batches = Iterator[list[SourceRef]]


class WorkerError(ImrError):
    """A local worker process died; the parts already written stay, and the next build resumes."""


class ClusterError(ImrError):
    """The Dask scheduler could not be reached or a task could not run there."""


def run_local(batches: Batches, *, workers: int, decide: bool, known: frozenset[str]) -> Iterator[list[FileResult]]:
    """A pool of ``workers`` processes (spawned, so they start clean whatever threads this process runs)."""
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=remember_known, initargs=(known,)) as pool:
            pending: set[Future[list[FileResult]]] = set()
            for batch in islice(batches, 2 * workers):
                pending.add(pool.submit(read_batch, batch, decide))
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    for batch in islice(batches, 1):
                        pending.add(pool.submit(read_batch, batch, decide))
                    yield future.result()
    except BrokenProcessPool as exc:
        raise WorkerError("a worker process died (out of memory, or killed); what was written is kept") from exc


def run_dask(
    batches: Batches, *, scheduler: str, decide: bool, known: frozenset[str], timeout: float = 20.0
) -> Iterator[list[FileResult]]:
    """The same batches as tasks on a Dask cluster; the workers open the files by path, so they must see them."""
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler ({exc})", source=scheduler) from exc
    try:
        workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        # scattered inside a list: a bare set would be scattered element by element
        known_on_workers: Any = client.scatter([known], broadcast=True)[0] if known else None
        first = [
            client.submit(read_batch, batch, decide, known_on_workers, pure=False)
            for batch in islice(batches, 2 * workers)
        ]
        if not first:
            return
        in_flight = as_completed(first, loop=client.loop)
        for future in in_flight:
            for batch in islice(batches, 1):
                in_flight.add(client.submit(read_batch, batch, decide, known_on_workers, pure=False))
            result: list[FileResult] = future.result()
            future.release()
            yield result
    finally:
        client.close()
