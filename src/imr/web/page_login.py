"""Logging in and out of the workbench: a form with a CSRF token of its own, throttled like the API's login."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from imr.store.users import authenticate
from imr.web.page_forms import checked_form, text_field
from imr.web.page_render import flash, redirect, render
from imr.web.security import LoginThrottle, ThrottledError, end_session, session_user, start_session

router = APIRouter()
MAX_USERNAME, MAX_PASSWORD = 64, 256
NOT_AFTER_LOGIN = frozenset({"/login", "/logout"})


def local_path(target: str) -> str:
    """``target`` when it is a path on this site; "/" otherwise (no open redirect to "//evil.example" or "https:")."""
    parts = urlsplit(target)
    foreign = parts.scheme or parts.netloc or target.startswith("//") or "\\" in target
    if not target.startswith("/") or foreign or any(ord(c) < 32 for c in target) or parts.path in NOT_AFTER_LOGIN:
        return "/"
    return target


def _login_form(
    request: Request, next_path: str, *, username: str = "", error: str | None = None, status_code: int = 200
) -> Response:
    context = {"next": next_path, "username": username, "error": error, "title": "Log in"}
    return render(request, "login.html", context, user=None, status_code=status_code)


@router.get("/login", summary="The login form")
def login_page(request: Request, next_path: Annotated[str, Query(alias="next", max_length=2000)] = "/") -> Response:
    if session_user(request) is not None:
        return redirect(local_path(next_path))
    return _login_form(request, local_path(next_path))


@router.post("/login", summary="Log in from the form")
async def login(request: Request) -> Response:
    form = await checked_form(request)
    username = text_field(form, "username").strip()
    password = text_field(form, "password")
    next_path = local_path(text_field(form, "next") or "/")
    if not username or not password or len(username) > MAX_USERNAME or len(password) > MAX_PASSWORD:
        error = f"Enter your user name (at most {MAX_USERNAME} characters) and password (at most {MAX_PASSWORD})."
        return _login_form(request, next_path, username=username[:MAX_USERNAME], error=error, status_code=422)
    throttle: LoginThrottle = request.app.state.throttle
    client = request.client.host if request.client else "unknown"
    try:
        throttle.check(username, client)
    except ThrottledError as error:
        response = _login_form(
            request,
            next_path,
            username=username,
            error=error.message[:1].upper() + error.message[1:] + ".",
            status_code=429,
        )
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    user = await run_in_threadpool(authenticate, request.app.state.store, username, password)
    if user is None:
        throttle.failed(username, client)
        return _login_form(request, next_path, username=username, error="Wrong user name or password.", status_code=401)
    throttle.succeeded(username)
    start_session(request, user)
    return redirect(next_path)


@router.post("/logout", summary="Log out")
async def logout(request: Request) -> Response:
    if session_user(request) is not None:
        await checked_form(request)
    end_session(request)
    flash(request, "info", "You are logged out.")
    return redirect("/login")
