"""Rendering a workbench page: its template with the user, the CSRF token and any flashed messages, sent with
headers that keep the page out of caches and let it load nothing but the service's own /static files."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from imr.review.config import load_organisation
from imr.store.users import UserView
from imr.web.security import csrf_token

ROLE_LABELS = {"case_manager": "Case manager", "reviewer": "Physician reviewer", "administrator": "Administrator"}
MANAGING_ROLES = frozenset({"case_manager", "administrator"})
FLASH_KEY = "flash"
WHO_KEY = "who"
FLASH_KINDS = frozenset({"success", "error", "info"})

# No inline script or style and no other origin: whatever a record's text holds cannot run in the page.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@lru_cache(maxsize=1)
def organisation_name() -> str:
    return load_organisation().name


def install_page_globals(request: Request) -> None:
    """Give every template (error.html included, which errors.py renders) the organisation's name and role labels."""
    templates: Jinja2Templates = request.app.state.templates
    templates.env.globals.setdefault("organisation", organisation_name())
    templates.env.globals.setdefault("role_labels", ROLE_LABELS)


def flash(request: Request, kind: str, message: str) -> None:
    """A message shown once, on the next page rendered for this session."""
    assert kind in FLASH_KINDS, kind
    waiting = request.session.get(FLASH_KEY)
    messages = waiting if isinstance(waiting, list) else []
    request.session[FLASH_KEY] = [*messages[-4:], [kind, message[:500]]]


def _take_flashes(request: Request) -> list[tuple[str, str]]:
    waiting = request.session.pop(FLASH_KEY, None)
    if not isinstance(waiting, list):
        return []
    return [(str(kind), str(text)) for kind, text in waiting if kind in FLASH_KINDS]


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    user: UserView | None,
    status_code: int = 200,
) -> Response:
    install_page_globals(request)
    if user is not None:
        label = [user.username, user.role, user.reviewer_code]
        if request.session.get(WHO_KEY) != label:
            request.session[WHO_KEY] = label  # for the header of error pages, which errors.py renders without a user
    templates: Jinja2Templates = request.app.state.templates
    page_context = {
        "user": user,
        "manages": user is not None and user.role in MANAGING_ROLES,
        "csrf": csrf_token(request),
        "flashes": _take_flashes(request),
        **context,
    }
    response = templates.TemplateResponse(request, template, page_context, status_code=status_code)
    response.headers.update(PAGE_HEADERS)
    return response


def redirect(url: str) -> Response:
    """After a form post: see the result with a GET (303), so reloading never posts twice."""
    return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})
