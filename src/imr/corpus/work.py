"""What a worker does with a batch of sources: read each letter (and, asked to, decide it) into table rows.

Runs in a local worker process or on a Dask worker, so it takes and returns only plain, picklable values, and
never raises for one bad file: the file becomes an error row and the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from imr.corpus.rows import Row, citation_rows, item_row, letter_row
from imr.corpus.sources import SourceRef
from imr.errors import ImrError

_known_in_this_worker: frozenset[str] = frozenset()


def remember_known(known: frozenset[str]) -> None:
    """Process-pool initialiser: the content hashes earlier builds read, so this worker skips them."""
    global _known_in_this_worker
    _known_in_this_worker = known


@dataclass(slots=True)
class FileResult:
    """The rows one source file gave. ``letter`` is None for an error or a content already read."""

    file: Row
    letter: Row | None = None
    items: list[Row] = field(default_factory=list)
    citations: list[Row] = field(default_factory=list)
    errors: list[Row] = field(default_factory=list)


def _error_row(ref: SourceRef, content_hash: str | None, error: BaseException) -> Row:
    if isinstance(error, ImrError):
        kind, reason = type(error).__name__, error.message
    else:  # a defect of ours, not of the file: still one line, and the batch goes on
        kind, reason = "InternalError", f"{type(error).__name__}: {error}"
    return {"file": ref.name, "content_hash": content_hash, "error": kind, "reason": " ".join(reason.split())}


def _file_row(ref: SourceRef, content_hash: str | None, status: str) -> Row:
    return {
        "file": ref.name,
        "size": ref.size,
        "mtime_ns": ref.mtime_ns,
        "content_hash": content_hash,
        "status": status,
    }


def _decided_rows(letter: Any) -> list[Any]:
    from imr.letters.replay import replay_letter  # the engine loads only in builds that decide

    return replay_letter(letter)


def read_one(ref: SourceRef, known: Collection[str], decide: bool, *, also_known: Collection[str] = ()) -> FileResult:
    from imr.letters.read import read_letter

    content_hash: str | None = None
    try:
        data = ref.read_bytes()
        content_hash = hashlib.sha256(data).hexdigest()
        if content_hash in known or content_hash in also_known:
            return FileResult(_file_row(ref, content_hash, "duplicate"))
        letter = read_letter(data, name=ref.name)
    except Exception as error:  # every failure of one file is recorded, none stops the batch
        return FileResult(_file_row(ref, content_hash, "error"), errors=[_error_row(ref, content_hash, error)])
    result = FileResult(_file_row(ref, content_hash, "letter"))
    kind = "pdf" if data.startswith(b"%PDF-") else "text"
    result.letter = letter_row(letter, letter_id=content_hash, kind=kind, size=len(data))
    replayed: list[Any] = [None] * len(letter.items)
    if decide:
        try:
            replayed = _decided_rows(letter)
        except Exception as error:  # the letter is still read; the engine's failure is recorded
            result.errors.append(_error_row(ref, content_hash, error))
    case_number = result.letter["case_number"]
    for item, decided in zip(letter.items, replayed, strict=True):
        result.items.append(item_row(content_hash, case_number, item, decided))
        result.citations.extend(citation_rows(content_hash, item))
    return result


def read_batch(refs: Iterable[SourceRef], decide: bool, known: frozenset[str] | None = None) -> list[FileResult]:
    """Read a batch. Contents met twice within the batch are read once; ``known`` defaults to what the pool's
    initialiser remembered."""
    earlier = known if known is not None else _known_in_this_worker
    seen: set[str] = set()
    results: list[FileResult] = []
    for ref in refs:
        result = read_one(ref, earlier, decide, also_known=seen)
        if result.file["content_hash"]:
            seen.add(result.file["content_hash"])
        results.append(result)
    return results
