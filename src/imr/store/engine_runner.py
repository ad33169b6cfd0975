"""Where the engine runs for the store: in the calling thread (commands, tests), or in a pool of worker processes
(the web service), so that drafts use every core and the service keeps answering while the engine works.

Either way the engine runs the folder commands' run_review on the case laid out in a temporary folder; a worker
process loads the clinical language models once, when it starts.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from imr.errors import ImrError
from imr.review import ReviewResult, run_review


class DraftRunner(Protocol):
    def __call__(self, case_path: Path, panel_path: Path, out: Path, today: dt.date | None) -> ReviewResult: ...


def run_here(case_path: Path, panel_path: Path, out: Path, today: dt.date | None) -> ReviewResult:
    return run_review(case_path, panel_path, out, today=today)


def _warm() -> None:
    """Load the fact extractor's models in a new worker, before its first draft."""
    from imr.facts import extract_facts

    extract_facts("Low back pain. Physical therapy was not helpful.")


class ProcessDraftRunner:
    """Drafts in ``workers`` spawned processes (default: one per core)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
        )

    def __call__(self, case_path: Path, panel_path: Path, out: Path, today: dt.date | None) -> ReviewResult:
        try:
            return self._pool.submit(run_here, case_path, panel_path, out, today).result()
        except BrokenProcessPool as exc:
            raise ImrError("the engine's worker process stopped; try again") from exc

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
