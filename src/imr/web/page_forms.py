"""Reading the workbench's form posts: the signed-in user, the CSRF token every form carries, and typed fields."""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from imr.errors import StoreError
from imr.store.users import UserView
from imr.store.workflow import CaseService
from imr.web.security import CSRF_FIELD, NotLoggedInError, check_csrf, session_user

MAX_VERSION = 2**31 - 1


def page_user(request: Request) -> UserView:
    """The signed-in user; anyone else is sent to the login page (errors.py turns this error into the redirect)."""
    user = session_user(request)
    if user is None:
        raise NotLoggedInError("log in first")
    return user


def service(request: Request) -> CaseService:
    value: CaseService = request.app.state.service
    return value


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token matches the session's (else a 403)."""
    form = await request.form()
    check_csrf(request, text_field(form, CSRF_FIELD) or None)
    return form


def text_field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def optional_text(form: FormData, name: str) -> str | None:
    return text_field(form, name).strip() or None


def uploaded_files(form: FormData, name: str) -> list[UploadFile]:
    """The files posted under ``name``; a file input left empty sends a nameless, empty part, which is skipped."""
    return [value for value in form.getlist(name) if isinstance(value, UploadFile) and value.filename]


def version_field(form: FormData) -> int | None:
    """The case version the page was rendered from (the service answers 409 when the case has moved on)."""
    value = text_field(form, "version").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_VERSION:
        raise StoreError("the case version must be a whole number; reload the page", field="version")
    return int(value)
