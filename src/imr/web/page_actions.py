"""The case page's forms: screen, assign, draft, change an item's decision, add a note, sign.

Every post carries the session's CSRF token and the case version the page showed; it runs one service action, then
sends the browser back to the case page (303) with a message. A form the service refuses for what was typed in it (a
change without a reason, a sign without the confirmation) is shown again with the reason and the typed text; a
refusal for anything else (a stale version, a role) is the error page, which says what to do.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from imr.errors import ImrError, StoreError
from imr.store.users import UserView
from imr.web.errors import status_of
from imr.web.page_case import FormProblem, case_page
from imr.web.page_forms import checked_form, optional_text, page_user, service, text_field, version_field
from imr.web.page_render import flash, redirect

router = APIRouter()
FORM_STATUSES = frozenset({400, 422})  # what the user typed was refused: show their form again
SIGN_CONFIRMATION = "I have read the letter and sign it"


def _case_url(case_id: int, anchor: str = "") -> str:
    return f"/cases/{case_id}" + (f"#{anchor}" if anchor else "")


async def _form_refused(
    request: Request, user: UserView, case_id: int, problem: FormProblem, error: ImrError
) -> Response:
    status = status_of(error)
    if status not in FORM_STATUSES:
        raise error
    return await run_in_threadpool(case_page, request, user, case_id, problem=problem, status_code=status)


@router.post("/cases/{case_id:int}/screen", summary="Screen the case: eligibility and deadlines")
async def screen(case_id: int, request: Request) -> Response:
    user = page_user(request)
    form = await checked_form(request)
    status = await run_in_threadpool(service(request).screen, user.id, case_id, expected_version=version_field(form))
    flash(request, "success" if status == "eligible" else "info", f"Screened: the case is {status.replace('_', ' ')}.")
    return redirect(_case_url(case_id))


@router.post("/cases/{case_id:int}/assign", summary="Assign a qualified, conflict-free reviewer")
async def assign(case_id: int, request: Request) -> Response:
    user = page_user(request)
    form = await checked_form(request)
    code = await run_in_threadpool(service(request).assign, user.id, case_id, expected_version=version_field(form))
    if code:
        flash(request, "success", f"Assigned to reviewer {code}.")
    else:
        flash(request, "error", "Nobody on the panel is qualified and free of conflicts; the reasons are listed.")
    return redirect(_case_url(case_id))


@router.post("/cases/{case_id:int}/draft", summary="Run the engine: the draft determination")
async def draft(case_id: int, request: Request) -> Response:
    user = page_user(request)
    form = await checked_form(request)
    number = await run_in_threadpool(service(request).draft, user.id, case_id, expected_version=version_field(form))
    flash(request, "success", f"Draft {number} is ready for the reviewer.")
    return redirect(_case_url(case_id))


@router.post("/cases/{case_id:int}/items/{item:int}/decision", summary="The reviewer's decision for one item")
async def change_item(case_id: int, item: int, request: Request) -> Response:
    user = page_user(request)
    form = await checked_form(request)
    values = {name: text_field(form, name) for name in ("decision", "reason", "guideline", "rationale")}
    try:
        await run_in_threadpool(
            service(request).change_item,
            user.id,
            case_id,
            item,
            decision=values["decision"],
            reason=values["reason"],
            guideline=optional_text(form, "guideline"),
            rationale=optional_text(form, "rationale"),
            expected_version=version_field(form),
        )
    except ImrError as error:
        problem = FormProblem(f"item-{item}", _sentence(error), values)
        return await _form_refused(request, user, case_id, problem, error)
    flash(request, "success", f"Item {item}: your decision ({values['decision'].strip().lower()}) is recorded.")
    return redirect(_case_url(case_id, f"item-{item}"))


@router.post("/cases/{case_id:int}/notes", summary="Add a note to the case")
async def add_note(case_id: int, request: Request) -> Response:
    user = page_user(request)
    form = await checked_form(request)
    text = text_field(form, "text")
    try:
        await run_in_threadpool(service(request).add_note, user.id, case_id, text)
    except ImrError as error:
        return await _form_refused(request, user, case_id, FormProblem("note", _sentence(error), {"text": text}), error)
    flash(request, "success", "Your note is added.")
    return redirect(_case_url(case_id, "notes"))


@router.post("/cases/{case_id:int}/sign", summary="Sign the determination (the assigned reviewer only)")
async def sign(case_id: int, request: Request) -> Response:
    user = page_user(request)
    form = await checked_form(request)
    try:
        if text_field(form, "confirm") != "yes":
            raise StoreError(f'tick "{SIGN_CONFIRMATION}" to sign', field="confirm")
        verification = await run_in_threadpool(
            service(request).sign, user.id, case_id, expected_version=version_field(form)
        )
    except ImrError as error:
        return await _form_refused(request, user, case_id, FormProblem("sign", _sentence(error)), error)
    if verification.verified:
        flash(request, "success", "The determination is signed, and its signature verifies.")
    else:
        flash(
            request,
            "error",
            "The determination is signed, but its signature does not verify: " + "; ".join(verification.problems),
        )
    return redirect(_case_url(case_id))


def _sentence(error: ImrError) -> str:
    """The service's one-line message as a sentence for the form ("a reason is required..." -> "A reason ...")."""
    text = " ".join(error.message.split())[:500]
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
