"""Intake: a case manager uploads the case file (case.yaml) and its record files in one form.

The records are matched to case.yaml's ``records:`` entries by file name; a record listed but not uploaded, or
uploaded but not listed, is refused with one line on the form, before anything is stored.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from imr.cases.yaml_input import parse_yaml_mapping
from imr.errors import CaseFileError, ImrError, InputError, PermissionDeniedError
from imr.store.casefiles import RecordUpload
from imr.store.users import UserView
from imr.text.sources import MAX_INPUT_BYTES
from imr.web.errors import status_of
from imr.web.page_forms import checked_form, page_user, service, uploaded_files
from imr.web.page_render import MANAGING_ROLES, flash, redirect, render

router = APIRouter()
MAX_CASE_FILE_BYTES = 1_000_000  # a case file is a page or two of YAML
FORM_STATUSES = frozenset({400, 409, 413, 422})


def _require_manager(user: UserView) -> None:
    if user.role not in MANAGING_ROLES:
        raise PermissionDeniedError("take a case in: only a case manager or administrator may do this")


def _intake_form(request: Request, user: UserView, error: str | None = None, status_code: int = 200) -> Response:
    context = {"title": "New case", "error": error, "max_megabytes": MAX_INPUT_BYTES // 1_000_000}
    return render(request, "intake.html", context, user=user, status_code=status_code)


async def _read_limited(upload: UploadFile, limit: int, name: str) -> bytes:
    content = await upload.read(limit + 1)
    if len(content) > limit:
        raise InputError(f"file too large (more than {limit:,} bytes)", source=name)
    return content


def _upload_name(upload: UploadFile) -> str:
    return PurePath((upload.filename or "").replace("\\", "/")).name


def _listed_records(case_file: dict[str, Any], source: str) -> list[dict[str, Any]]:
    listed = case_file.get("records") or []
    if not isinstance(listed, list) or not all(isinstance(e, dict) and isinstance(e.get("file"), str) for e in listed):
        raise CaseFileError("records: expected a list of records, each with file, type, author and date", source=source)
    names = [entry["file"] for entry in listed]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise CaseFileError(f"records: {', '.join(twice)} listed more than once", source=source)
    return listed


def _matched(listed: list[dict[str, Any]], uploaded: dict[str, bytes], source: str) -> list[RecordUpload]:
    """One RecordUpload per listed record, from the file uploaded under its name."""
    missing = [entry["file"] for entry in listed if entry["file"] not in uploaded]
    unlisted = sorted(set(uploaded) - {entry["file"] for entry in listed})
    if missing:
        raise CaseFileError(
            f"records: {', '.join(missing)} listed but not uploaded; choose it with the records", source=source
        )
    if unlisted:
        raise CaseFileError(f"{', '.join(unlisted)} uploaded but not listed under records", source=source)
    return [
        RecordUpload(
            entry["file"],
            uploaded[entry["file"]],
            str(entry.get("type") or ""),
            str(entry.get("author") or ""),
            str(entry.get("date") or ""),
            str(entry["organisation"]) if entry.get("organisation") else None,
        )
        for entry in listed
    ]


async def _take_in(request: Request, user: UserView) -> int:
    form = await checked_form(request)
    case_upload = form.get("case_file")
    if not isinstance(case_upload, UploadFile) or not case_upload.filename:
        raise CaseFileError("choose the case file (case.yaml)", field="case_file")
    source = _upload_name(case_upload) or "case.yaml"
    raw = await _read_limited(case_upload, MAX_CASE_FILE_BYTES, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseFileError(f"not UTF-8 text (byte {exc.start})", source=source) from None
    case_file = parse_yaml_mapping(text, CaseFileError, source=source)
    listed = _listed_records(case_file, source)
    uploaded: dict[str, bytes] = {}
    for upload in uploaded_files(form, "records"):
        name = _upload_name(upload)
        if name in uploaded:
            raise CaseFileError(f"{name} uploaded twice", field="records")
        uploaded[name] = await _read_limited(upload, MAX_INPUT_BYTES, name)
    records = _matched(listed, uploaded, source)
    case_id: int = await run_in_threadpool(service(request).create_case, user.id, case_file, records)
    return case_id


@router.get("/cases/new", summary="The intake form")
def intake_page(request: Request) -> Response:
    user = page_user(request)
    _require_manager(user)
    return _intake_form(request, user)


@router.post("/cases/new", summary="Take a case in: its case file and records")
async def take_in(request: Request) -> Response:
    user = page_user(request)
    _require_manager(user)
    try:
        case_id = await _take_in(request, user)
    except ImrError as error:
        status = status_of(error)
        if status not in FORM_STATUSES:
            raise
        return _intake_form(request, user, " ".join(str(error).split())[:500], status)
    flash(request, "success", "The case is taken in. Screen it next.")
    return redirect(f"/cases/{case_id}")
