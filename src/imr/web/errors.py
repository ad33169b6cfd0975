"""Errors as the service answers them: a status and one line of JSON (or the login page, for a browser)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from imr.errors import ConflictError, ImrError, InputError, NotFoundError, PermissionDeniedError
from imr.web.security import NotLoggedInError, ThrottledError

log = logging.getLogger("imr.web")


def status_of(error: ImrError) -> int:
    if isinstance(error, NotLoggedInError):
        return 401
    if isinstance(error, ThrottledError):
        return 429
    if isinstance(error, PermissionDeniedError):
        return 403
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, InputError) and "too large" in error.message:
        return 413
    if isinstance(error, InputError):
        return 400
    return 422


def wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:500]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ImrError)
    async def imr_error(request: Request, error: ImrError) -> Response:
        status = status_of(error)
        if status == 401 and wants_page(request):
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(here, safe='/')}", status_code=303)
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, ThrottledError) else None
        return _answer(request, status, str(error), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = []
        for detail in error.errors()[:3]:
            where = ".".join(str(part) for part in detail.get("loc", ()) if part != "body")
            problems.append(f"{where}: {detail.get('msg', 'invalid')}")
        return _answer(request, 422, "; ".join(problems) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _answer(request, error.status_code, str(error.detail), error.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _answer(request, 500, "internal error; it has been logged")


def _answer(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """The error as one line of JSON for the API, or as the error page for the workbench's pages."""
    if wants_page(request):
        page: Response = request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": _one_line(message)},
            status_code=status,
            headers=headers,
        )
        return page
    return JSONResponse({"error": _one_line(message)}, status_code=status, headers=headers)
