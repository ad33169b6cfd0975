"""The JSON API: the whole review process, one endpoint per step, every one behind a login and a role check."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from imr.errors import InputError, PermissionDeniedError
from imr.store.casefiles import RecordUpload
from imr.store.models import Role
from imr.store.users import add_user, authenticate, list_users
from imr.store.workflow import CaseService
from imr.text.sources import MAX_INPUT_BYTES
from imr.web.security import CurrentUser, csrf_token, end_session, start_session

router = APIRouter(prefix="/api")
Text = Annotated[str, Field(min_length=1, max_length=20_000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginBody(_Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class VersionBody(_Body):
    version: int | None = Field(
        default=None, ge=0, le=2**31 - 1, description="The case version you loaded (409 if stale)"
    )


class RequiredVersionBody(_Body):
    version: int = Field(ge=0, le=2**31 - 1, description="The case version you read the draft at (409 if stale)")


class DecisionBody(RequiredVersionBody):
    decision: Literal["upheld", "overturned"]
    reason: Text
    guideline: Text | None = None
    rationale: Text | None = None


class NoteBody(_Body):
    text: Text


class SignBody(RequiredVersionBody):
    confirm: Literal[True] = Field(description="The reviewer confirms they have read the letter and sign it")


class UserBody(_Body):
    username: str = Field(min_length=2, max_length=64)
    password: str = Field(min_length=12, max_length=256)
    role: Literal["case_manager", "reviewer", "administrator"]
    reviewer: dict[str, Any] | None = None


def service(request: Request) -> CaseService:
    value: CaseService = request.app.state.service
    return value


@router.post("/session", summary="Log in")
def login(body: LoginBody, request: Request) -> dict[str, Any]:
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "unknown"
    throttle.check(body.username, client)
    user = authenticate(request.app.state.store, body.username, body.password)
    if user is None:
        throttle.failed(body.username, client)
        raise PermissionDeniedError("wrong user name or password")
    throttle.succeeded(body.username)
    start_session(request, user)
    return {"user": user.username, "role": user.role, "csrf_token": csrf_token(request)}


@router.get("/session", summary="Who is logged in, and the CSRF token to send with changes")
def whoami(user: CurrentUser, request: Request) -> dict[str, Any]:
    return {"user": user.username, "role": user.role, "csrf_token": csrf_token(request)}


@router.delete("/session", summary="Log out", status_code=204)
def logout(user: CurrentUser, request: Request) -> Response:
    end_session(request)
    return Response(status_code=204)


@router.get("/queue", summary="My work queue: open cases, overdue first, then by due date")
def work_queue(user: CurrentUser, request: Request) -> list[dict[str, Any]]:
    return service(request).queue(user.id)


@router.get("/cases", summary="Every case I may see")
def list_cases(user: CurrentUser, request: Request) -> list[dict[str, Any]]:
    return service(request).cases(user.id)


@router.post("/cases", summary="Take a case in (its case file as JSON, without records)", status_code=201)
def create_case(application: dict[str, Any], user: CurrentUser, request: Request) -> dict[str, Any]:
    case_id = service(request).create_case(user.id, application)
    return service(request).case(user.id, case_id)


@router.get("/cases/{case_id}", summary="One case: application, screening, deadlines, assignment, records")
def read_case(case_id: int, user: CurrentUser, request: Request) -> dict[str, Any]:
    return service(request).case(user.id, case_id)


@router.put("/cases/{case_id}", summary="Correct a case's case file (refused, and audited, once signed)")
def update_case(
    case_id: int, application: dict[str, Any], user: CurrentUser, request: Request, version: int | None = None
) -> dict[str, Any]:
    service(request).update_application(user.id, case_id, application, expected_version=version)
    return service(request).case(user.id, case_id)


@router.post("/cases/{case_id}/records", summary="Upload a record (text or PDF)", status_code=201)
async def upload_record(
    case_id: int,
    user: CurrentUser,
    request: Request,
    file: Annotated[UploadFile, File(description="The record: plain text or PDF, at most 20 MB")],
    type: Annotated[str, Form(max_length=40)],
    author: Annotated[str, Form(min_length=1, max_length=255)],
    date: Annotated[str, Form(max_length=10, description="YYYY-MM-DD")],
    organisation: Annotated[str | None, Form(max_length=255)] = None,
    version: Annotated[int | None, Form(ge=0, le=2**31 - 1)] = None,
) -> dict[str, Any]:
    content = await file.read(MAX_INPUT_BYTES + 1)
    name = file.filename or ""
    if len(content) > MAX_INPUT_BYTES:
        raise InputError(f"file too large (more than {MAX_INPUT_BYTES:,} bytes)", source=name or "upload")
    upload = RecordUpload(name, content, type, author, date, organisation)
    await run_in_threadpool(service(request).add_record, user.id, case_id, upload, expected_version=version)
    return await run_in_threadpool(service(request).case, user.id, case_id)


@router.get("/cases/{case_id}/records/{record_id}", summary="A record's file as uploaded")
def record_file(case_id: int, record_id: int, user: CurrentUser, request: Request) -> Response:
    content, media_type, name = service(request).record_file(user.id, case_id, record_id)
    return Response(content, media_type=media_type, headers=_attachment(name))


@router.post("/cases/{case_id}/screen", summary="Check eligibility and compute the deadlines")
def screen(case_id: int, body: VersionBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    service(request).screen(user.id, case_id, expected_version=body.version)
    return service(request).case(user.id, case_id)


@router.post("/cases/{case_id}/assign", summary="Assign a qualified, conflict-free reviewer")
def assign(case_id: int, body: VersionBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    service(request).assign(user.id, case_id, expected_version=body.version)
    return service(request).case(user.id, case_id)


@router.post("/cases/{case_id}/draft", summary="Run the engine: the draft determination", status_code=201)
def draft(case_id: int, body: VersionBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    service(request).draft(user.id, case_id, expected_version=body.version)
    return service(request).trail(user.id, case_id)


@router.get("/cases/{case_id}/draft", summary="The newest draft's trail: rules, criteria and evidence spans")
def read_draft(case_id: int, user: CurrentUser, request: Request) -> dict[str, Any]:
    return service(request).trail(user.id, case_id)


@router.post("/cases/{case_id}/items/{item}/decision", summary="The reviewer's decision for one item, with a reason")
def change_item(case_id: int, item: int, body: DecisionBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    service(request).change_item(
        user.id,
        case_id,
        item,
        decision=body.decision,
        reason=body.reason,
        guideline=body.guideline,
        rationale=body.rationale,
        expected_version=body.version,
    )
    return service(request).trail(user.id, case_id)


@router.post("/cases/{case_id}/notes", summary="Add a note to the case", status_code=201)
def add_note(case_id: int, body: NoteBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    service(request).add_note(user.id, case_id, body.text)
    return service(request).case(user.id, case_id)


@router.post("/cases/{case_id}/sign", summary="Sign the determination (the assigned reviewer only)")
def sign(case_id: int, body: SignBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    verification = service(request).sign(user.id, case_id, expected_version=body.version)
    return {"verified": verification.verified, "key": verification.key, "signed_at": verification.signed_at}


@router.get("/cases/{case_id}/letter", summary="The letter (signed, or a preview of the draft) or its public copy")
def letter(
    case_id: int,
    user: CurrentUser,
    request: Request,
    format: Literal["text", "html", "pdf"] = "text",
    public: bool = False,
) -> Response:
    content, media_type, name = service(request).letter(user.id, case_id, format, public=public)
    return Response(content, media_type=media_type, headers=_attachment(name, inline=format != "pdf"))


@router.get("/cases/{case_id}/verify", summary="Check the signed determination: which file, if any, changed")
def verify(case_id: int, user: CurrentUser, request: Request) -> dict[str, Any]:
    result = service(request).verify(user.id, case_id)
    return {
        "verified": result.verified,
        "key": result.key,
        "signed_at": result.signed_at,
        "problems": list(result.problems),
    }


@router.get("/cases/{case_id}/audit", summary="The case's audit events, newest first")
def case_audit(case_id: int, user: CurrentUser, request: Request) -> list[dict[str, Any]]:
    return service(request).audit(user.id, case_id)


@router.get("/audit", summary="The whole audit log, newest first (case managers and administrators)")
def audit(
    user: CurrentUser, request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> list[dict[str, Any]]:
    return service(request).audit(user.id, None, limit=limit)


@router.get("/users", summary="The users (administrators)")
def users(user: CurrentUser, request: Request) -> list[dict[str, Any]]:
    _administrator(user.role)
    return list_users(request.app.state.store, with_names=True)


@router.post("/users", summary="Add a user (administrators)", status_code=201)
def new_user(body: UserBody, user: CurrentUser, request: Request) -> dict[str, Any]:
    _administrator(user.role)
    created = add_user(
        request.app.state.store, body.username, body.password, body.role, body.reviewer, added_by=user.id
    )
    return {
        "id": created.id,
        "username": created.username,
        "role": created.role,
        "reviewer_code": created.reviewer_code,
    }


def _administrator(role: str) -> None:
    if role != Role.administrator:
        raise PermissionDeniedError("only an administrator may manage users")


def _attachment(name: str, *, inline: bool = False) -> dict[str, str]:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "file"
    return {"Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{safe}"'}
