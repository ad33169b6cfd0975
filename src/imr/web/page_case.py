"""The case page: the case manager's overview (application, screening, deadlines, assignment, actions) or, for the
assigned physician reviewer, the workbench: the records beside the engine's draft, every criterion pointing at its
evidence in the records. Any other reviewer is refused by the service (403)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from imr.store.users import UserView
from imr.web.page_evidence import criterion_evidence, marked_documents
from imr.web.page_forms import page_user, service
from imr.web.page_render import render

router = APIRouter()

LETTER_FORMATS = (("text", "Text"), ("html", "HTML"), ("pdf", "PDF"))
DECISION_LABELS = {
    "upheld": "Upheld: not medically necessary",
    "overturned": "Overturned: medically necessary",
}


@dataclass(frozen=True, slots=True)
class FormProblem:
    """A form the service refused (a missing reason, no confirmation...): shown again, with what was typed."""

    form: str  # "item-<n>", "note" or "sign"
    message: str
    values: dict[str, str] = field(default_factory=dict)


def _draft_items(trail: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **item,
            "criteria": [
                {**criterion, "shown_evidence": criterion_evidence(criterion)} for criterion in item["criteria"]
            ],
        }
        for item in trail["items"]
    ]


def case_context(request: Request, user: UserView, case_id: int, problem: FormProblem | None = None) -> dict[str, Any]:
    """Everything the case page shows ``user`` (the service checks they may see the case at all)."""
    cases = service(request)
    case = cases.case(user.id, case_id)
    trail = cases.trail(user.id, case_id) if case["drafts"] else None
    verification = cases.verify(user.id, case_id) if case["signature"] else None
    reviewing = user.role == "reviewer"  # the service shows a reviewer only the cases assigned to them
    items = _draft_items(trail) if trail else []
    return {
        "title": f"Case {case['case_number']}",
        "case": case,
        "trail": trail,
        "items": items,
        "documents": marked_documents(trail["documents"], items) if trail and reviewing else [],
        "record_ids": {record["file_name"]: record["id"] for record in case["records"]},
        "verification": verification,
        "reviewing": reviewing,
        "signed": case["signature"] is not None,
        "problem": problem,
        "letter_formats": LETTER_FORMATS,
        "decision_labels": DECISION_LABELS,
    }


def case_page(
    request: Request, user: UserView, case_id: int, *, problem: FormProblem | None = None, status_code: int = 200
) -> Response:
    context = case_context(request, user, case_id, problem)
    return render(request, "case.html", context, user=user, status_code=status_code)


@router.get("/cases/{case_id:int}", summary="The case page")
def read_case(case_id: int, request: Request) -> Response:
    user = page_user(request)
    return case_page(request, user, case_id)
