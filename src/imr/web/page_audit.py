"""The audit log for case managers and administrators: every action, done or refused, newest first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from imr.web.page_forms import page_user, service
from imr.web.page_render import render

router = APIRouter()


@router.get("/audit", summary="The audit log")
def audit_page(request: Request) -> Response:
    user = page_user(request)
    cases = service(request)
    events = cases.audit(user.id, None)  # the newest 500; refused to anyone but staff
    numbers = {row["id"]: row["case_number"] for row in cases.cases(user.id)}
    context = {"title": "Audit log", "events": events, "case_numbers": numbers}
    return render(request, "audit.html", context, user=user)
