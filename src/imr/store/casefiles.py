"""Case files between the store and the folder form the engine reads.

A stored case keeps its case file (case.yaml as data, without the records list) in ``cases.application`` and each
record as an uploaded file. ``write_case_folder`` lays a stored case out as a case folder (case.yaml and its record
files) so that every step runs the same code as the folder commands; ``read_case_folder`` reads an existing case
folder for ``imr cases import``.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, cast

import yaml
from pydantic import ValidationError
from sqlalchemy import String

from imr.cases import CaseFile, load_case
from imr.cases.model import CASE_FILE_NAME, PDF_SUFFIXES, TEXT_SUFFIXES, consistency_problems
from imr.cases.yaml_input import raise_problems, raise_validation_error
from imr.errors import CaseFileError, InputError, StoreError
from imr.serialise import to_jsonable
from imr.store.models import Case
from imr.text.sources import MAX_INPUT_BYTES, decode_bytes

RECORD_FIELDS = ("type", "author", "organisation", "date")
# Control characters but tab and line breaks: PostgreSQL cannot store a NUL in text at all (SQLite can), so both
# databases refuse them here alike; no name, date or reason needs one.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CASE_NUMBER_LENGTH = cast(String, Case.__table__.c.case_number.type).length  # what cases.case_number holds


@dataclass(frozen=True, slots=True)
class RecordUpload:
    """One record as it arrives: its file name, bytes and the case file's description of it."""

    file_name: str
    content: bytes
    record_type: str
    author: str
    date: str
    organisation: str | None = None


def checked_application(application: object, *, source: str) -> CaseFile:
    """The case file a stored case holds (no records yet), checked as ``imr review`` checks case.yaml."""
    if not isinstance(application, dict):
        raise CaseFileError("expected a case file (a mapping of its fields)", source=source)
    data = {key: value for key, value in application.items() if key != "records"}
    for where in _control_characters(data, ""):
        raise CaseFileError("holds a control character (such as NUL)", source=source, field=where)
    number = data.get("case_number")
    if isinstance(number, str) and CASE_NUMBER_LENGTH and len(number) > CASE_NUMBER_LENGTH:
        raise CaseFileError(f"at most {CASE_NUMBER_LENGTH} characters", source=source, field="case_number")
    try:
        case = CaseFile.model_validate(data)
    except ValidationError as exc:
        raise_validation_error(exc, CaseFileError, source=source)
    problems = consistency_problems(case)
    if problems:
        raise_problems(problems, CaseFileError, source=source)
    return case


def _control_characters(value: object, where: str) -> Iterator[str]:
    """The path of every key or string value under ``value`` holding a control character."""
    if isinstance(value, str) and CONTROL_CHARACTER.search(value):
        yield where or "case"
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if CONTROL_CHARACTER.search(str(key)):
                yield path
            yield from _control_characters(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _control_characters(item, f"{where}[{index}]")


def checked_text(value: str, *, field: str, source: str | None = None) -> str:
    """``value``, unless it holds a control character other than tab and line breaks."""
    if CONTROL_CHARACTER.search(value):
        raise StoreError("holds a control character (such as NUL)", source=source, field=field)
    return value


def application_data(case: CaseFile) -> dict[str, Any]:
    """The case file as JSON, without its records list (records are stored as rows)."""
    data: dict[str, Any] = to_jsonable(case.model_dump(mode="json", exclude_none=True))
    data.pop("records", None)
    return data


MAX_NAME_BYTES = 200  # well inside every file system's limit on one name (255 bytes)


def safe_file_name(name: str, *, field: str = "file_name") -> str:
    """A record's file name as stored: one plain printable name ending .txt, .text, .md or .pdf, no folders, no
    hidden files, not the case file's own name, short enough in bytes for any file system."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    usable = (
        base
        and not base.startswith(".")
        and base == name.strip()
        and base.isprintable()
        and len(base.encode("utf-8")) <= MAX_NAME_BYTES
        and base.lower() != CASE_FILE_NAME
    )
    if not usable:
        raise StoreError(f"not a usable record file name: {name[:80]!r}", field=field)
    if PurePath(base).suffix.lower() not in TEXT_SUFFIXES | PDF_SUFFIXES:
        raise StoreError(f"{base[:80]!r}: a record is a text (.txt, .text, .md) or PDF (.pdf) file", field=field)
    return base


def checked_record(upload: RecordUpload) -> tuple[str, str]:
    """The media type and SHA-256 of an upload; an empty, binary, oversized or unreadable file is one InputError."""
    name = safe_file_name(upload.file_name)
    described = (upload.record_type, upload.author, upload.organisation, upload.date)
    for field, value in zip(RECORD_FIELDS, described, strict=True):
        checked_text(value or "", field=field, source=name)
    if len(upload.content) > MAX_INPUT_BYTES:
        raise InputError(f"file too large ({len(upload.content):,} bytes; at most {MAX_INPUT_BYTES:,})", source=name)
    source = decode_bytes(upload.content, name)  # refuses empty, binary and unreadable PDF files
    if not source.text.strip():
        raise InputError("no text could be read from this file", source=name)
    if source.from_pdf != (PurePath(name).suffix.lower() in PDF_SUFFIXES):
        kind = "a PDF" if source.from_pdf else "not a PDF"
        raise InputError(f"the file is {kind}, but its name ends {PurePath(name).suffix}", source=name)
    media_type = "application/pdf" if source.from_pdf else "text/plain"
    return media_type, hashlib.sha256(upload.content).hexdigest()


def write_case_folder(case: Case, folder: Path) -> Path:
    """Lay ``case`` out in ``folder`` as case.yaml with its record files; the path of case.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for record in case.records:
        (folder / record.file_name).write_bytes(record.content)
        entry: dict[str, Any] = {
            "file": record.file_name,
            "type": record.record_type,
            "author": record.author,
            "date": record.record_date.isoformat(),
        }
        if record.organisation:
            entry["organisation"] = record.organisation
        records.append(entry)
    path = folder / CASE_FILE_NAME
    text = yaml.safe_dump({**case.application, "records": records}, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def laid_out(case: Case) -> Iterator[Path]:
    """``case`` written out as a case folder in a temporary folder, for as long as the block runs; its case.yaml."""
    with tempfile.TemporaryDirectory(prefix="imr-case-") as temporary:
        yield write_case_folder(case, Path(temporary))


def write_files(folder: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Stored files (a determination's) written under ``folder`` by their relative names."""
    for name, content in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its name relative to it (with "/")."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def read_case_folder(folder: Path) -> tuple[CaseFile, list[RecordUpload]]:
    """An existing case folder, checked whole (every problem named at once), with its records' bytes."""
    case = load_case(folder)
    assert case.folder is not None
    uploads = []
    for index, record in enumerate(case.records):
        path = case.record_path(record)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CaseFileError(
                f"cannot read {record.file} ({exc.strerror})", source=str(folder), field=f"records[{index}]"
            ) from exc
        uploads.append(
            RecordUpload(
                record.file, content, str(record.type), record.author, record.date.isoformat(), record.organisation
            )
        )
    return case, uploads
