"""Build or extend a corpus: list the sources, skip what earlier builds read, read the rest on workers, write parts.

summary = build_corpus([Path("letters/")], Path("corpus/"), workers=2)
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from imr.corpus.executors import run_dask, run_local
from imr.corpus.sources import SourceRef, list_sources
from imr.corpus.store import (
    PartWriter,
    build_lock,
    clear_leftovers,
    load_state,
    open_corpus_folder,
    staging_parts,
    swap_in,
    write_build_record,
)
from imr.corpus.tables import parts_folder
from imr.corpus.work import FileResult


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, files: int, failed: int) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, files: int, failed: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(slots=True)
class BuildSummary:
    listed: int = 0  # letters found under the sources
    unchanged: int = 0  # skipped without opening: same path, size and modification time as a file already read
    read: int = 0  # letters read into the tables
    items: int = 0
    failed: int = 0  # files that went to the errors table
    duplicates: int = 0  # contents already read under another name, or earlier
    seconds: float = 0.0
    workers: int = 0
    scheduler: str | None = None
    forced: bool = False
    decided: bool = False

    @property
    def opened(self) -> int:
        return self.read + self.failed + self.duplicates

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _batches(refs: Iterable[SourceRef], size: int) -> Iterator[list[SourceRef]]:
    batch: list[SourceRef] = []
    for ref in refs:
        batch.append(ref)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_corpus(
    sources: list[Path],
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    scheduler_timeout: float = 20.0,
    decide: bool = False,
    force: bool = False,
    batch_size: int = 8,
    flush_every: int = 500,
    progress: Progress | None = None,
) -> BuildSummary:
    """Read every letter under ``sources`` into the Parquet tables in ``out``.

    A file whose path and signature an earlier build recorded is not opened; a content already read (by hash)
    is not read again; ``force`` reads everything into fresh tables swapped in at the end. Parts are written
    as batches complete, so an interrupted build keeps what it finished and the next one resumes from there.
    """
    progress = progress or NoProgress()
    started = time.perf_counter()
    workers = max(1, workers or os.cpu_count() or 1)
    summary = BuildSummary(workers=workers, scheduler=scheduler, forced=force, decided=decide)
    open_corpus_folder(out)
    with build_lock(out):
        clear_leftovers(out)
        state = load_state(out) if not force else None
        refs = list(list_sources(sources))
        summary.listed = len(refs)
        if state is not None:
            changed = [ref for ref in refs if state.signatures.get(ref.name) != (ref.size, ref.mtime_ns)]
            summary.unchanged = len(refs) - len(changed)
            refs = changed
        known = frozenset(state.known_hashes) if state is not None else frozenset()
        parts = staging_parts(out) if force else parts_folder(out)
        writer = PartWriter(parts, flush_every=flush_every)
        progress.start(len(refs))
        batches = _batches(refs, batch_size)
        if scheduler:
            results = run_dask(batches, scheduler=scheduler, decide=decide, known=known, timeout=scheduler_timeout)
        else:
            results = run_local(batches, workers=workers, decide=decide, known=known)
        seen: set[str] = set()
        try:
            for batch in results:
                failed = 0
                for result in batch:
                    failed += _record(result, seen, writer, summary)
                progress.advance(len(batch), failed)
        finally:
            writer.flush()
            progress.finish()
        if force:
            swap_in(out, parts)
        summary.seconds = round(time.perf_counter() - started, 3)
        write_build_record(out, summary.as_dict())
    return summary


def _record(result: FileResult, seen: set[str], writer: PartWriter, summary: BuildSummary) -> int:
    """Count and keep one file's rows; a content another worker read in this build is kept once."""
    content_hash = result.file["content_hash"]
    if result.letter is not None and content_hash in seen:
        result = FileResult({**result.file, "status": "duplicate"})
    if content_hash:
        seen.add(content_hash)
    status = result.file["status"]
    summary.read += status == "letter"
    summary.failed += status == "error"
    summary.duplicates += status == "duplicate"
    summary.items += len(result.items)
    writer.add(result)
    return int(status == "error")
