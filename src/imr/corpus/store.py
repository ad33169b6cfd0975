"""The corpus folder on disk: what earlier builds read, and parts written whole or not at all."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from imr.corpus.rows import Row
from imr.corpus.tables import FILES, PARTS, SCHEMAS, TABLES, parts_folder, table_files
from imr.corpus.work import FileResult
from imr.errors import ImrError, InputError

MARKER = "corpus.json"
_FORMAT_VERSION = 1
_STAGING_PREFIX = ".staging-"
_TMP_PREFIX = ".tmp-"


class CorpusError(ImrError):
    """A corpus folder that cannot be used: not a corpus, tables unreadable, a query that fails."""


@dataclass(slots=True)
class CorpusState:
    """What earlier builds saw: contents by hash, and files by path with their signature."""

    known_hashes: set[str] = field(default_factory=set)
    signatures: dict[str, tuple[int, int]] = field(default_factory=dict)


def open_corpus_folder(corpus: Path) -> None:
    """Check ``corpus`` is a corpus folder, or make a new or empty folder one."""
    marker = corpus / MARKER
    if corpus.exists() and not corpus.is_dir():
        raise CorpusError("exists and is not a folder", source=str(corpus))
    if corpus.is_dir() and any(corpus.iterdir()) and not marker.is_file():
        raise CorpusError("not a corpus folder (no corpus.json); choose an empty or new folder", source=str(corpus))
    if not marker.is_file():
        corpus.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"format": _FORMAT_VERSION}, indent=2) + "\n", encoding="utf-8")


def clear_leftovers(corpus: Path) -> None:
    """Remove what an interrupted build left half written. Call it holding the build lock."""
    for leftover in [*corpus.glob(f"{_STAGING_PREFIX}*"), *parts_folder(corpus).glob(f"{_TMP_PREFIX}*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def load_state(corpus: Path) -> CorpusState:
    state = CorpusState()
    for path in table_files(corpus, FILES):
        try:
            table = pq.read_table(path, columns=["file", "size", "mtime_ns", "content_hash"])
        except (OSError, pa.ArrowException) as exc:
            raise CorpusError(f"unreadable part ({exc})", source=str(path)) from exc
        for file, size, mtime_ns, content_hash in zip(*(table.column(i).to_pylist() for i in range(4)), strict=True):
            if content_hash:
                state.known_hashes.add(content_hash)
                state.signatures[file] = (size, mtime_ns)
    return state


def write_build_record(corpus: Path, record: dict[str, object]) -> None:
    marker = corpus / MARKER
    temporary = corpus / f"{_TMP_PREFIX}{MARKER}"
    temporary.write_text(json.dumps({"format": _FORMAT_VERSION, "last_build": record}, indent=2) + "\n", "utf-8")
    os.replace(temporary, marker)


class PartWriter:
    """Buffers rows and writes them as one part: every table's file in a hidden folder, renamed into place."""

    def __init__(self, parts: Path, *, flush_every: int = 500) -> None:
        self.parts = parts
        self.flush_every = flush_every
        self._rows: dict[str, list[Row]] = {table: [] for table in TABLES}
        self._files_buffered = 0
        self._sequence = 0
        self._run = uuid.uuid4().hex[:12]
        parts.mkdir(parents=True, exist_ok=True)

    def add(self, result: FileResult) -> None:
        rows = self._rows
        rows[FILES].append(result.file)
        if result.letter is not None:
            rows["letters"].append(result.letter)
        rows["items"].extend(result.items)
        rows["citations"].extend(result.citations)
        rows["errors"].extend(result.errors)
        self._files_buffered += 1
        if self._files_buffered >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self._files_buffered:
            return
        self._sequence += 1
        name = f"part-{self._run}-{self._sequence:06d}"
        staging = self.parts / f"{_TMP_PREFIX}{name}"
        staging.mkdir()
        for table, rows in self._rows.items():
            try:
                arrow = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
            except (pa.ArrowException, TypeError, ValueError) as exc:
                raise CorpusError(f"rows do not fit the table's schema ({exc})", source=table) from exc
            pq.write_table(arrow, staging / f"{table}.parquet", compression="zstd")
        os.rename(staging, self.parts / name)
        self._rows = {table: [] for table in TABLES}
        self._files_buffered = 0


def staging_parts(corpus: Path) -> Path:
    """Where a forced build writes: beside the live parts, swapped in only when the build completes."""
    return corpus / f"{_STAGING_PREFIX}{uuid.uuid4().hex[:12]}" / PARTS


def swap_in(corpus: Path, staged: Path) -> None:
    live = parts_folder(corpus)
    retired = corpus / f"{_STAGING_PREFIX}retired-{uuid.uuid4().hex[:8]}"
    if live.exists():
        os.rename(live, retired)
    os.rename(staged, live)
    shutil.rmtree(staged.parent, ignore_errors=True)
    shutil.rmtree(retired, ignore_errors=True)


def require_readable(corpus: Path) -> None:
    if not corpus.is_dir():
        raise InputError("no such folder", source=str(corpus))
    if not (corpus / MARKER).is_file():
        raise CorpusError("no corpus here: build one with `imr corpus build SRC --out DIR`", source=str(corpus))


@contextmanager
def build_lock(corpus: Path) -> Iterator[None]:
    """One build at a time per corpus folder; a second one fails with one line instead of mixing parts."""
    with open(corpus / ".lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise CorpusError(
                "another build is writing this corpus; wait for it to finish", source=str(corpus)
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
