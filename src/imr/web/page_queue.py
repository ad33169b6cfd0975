"""The start page: my queue of open cases (overdue first, then by due date, expedited before standard), and the
cases already closed (signed, ineligible or deferred) that I may still open."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from imr.web.page_forms import page_user, service
from imr.web.page_render import render

router = APIRouter()


@router.get("/", summary="My queue")
def queue_page(request: Request) -> Response:
    user = page_user(request)
    cases = service(request)
    queue = cases.queue(user.id)
    open_ids = {row["id"] for row in queue}
    closed = [row for row in cases.cases(user.id) if row["id"] not in open_ids]
    return render(request, "queue.html", {"title": "My queue", "queue": queue, "closed": closed}, user=user)
