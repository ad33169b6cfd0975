"""What the store shows a user: plain JSON-ready views of cases, drafts, letters, the queue and the audit log.

Every view is built for one actor: a reviewer's name is shown to administrators only (everyone else sees the
reviewer's panel code), and a reviewer sees only the cases assigned to them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from imr.cases import load_case
from imr.errors import NotFoundError
from imr.review.document import LetterItemView
from imr.review.parties import case_parties
from imr.review.public import public_letter
from imr.review.render import render_html, render_pdf, render_text
from imr.review.reviewer_decisions import ReviewerDecision, preview_decisions
from imr.review.sign import letter_from_json
from imr.store.access import can_see, sees_reviewer_names
from imr.store.casefiles import laid_out
from imr.store.models import (
    AuditEvent,
    Case,
    CaseSignature,
    CaseStatus,
    DeterminationFile,
    Draft,
    ItemChange,
    Note,
    User,
)

OPEN = (
    CaseStatus.intake,
    CaseStatus.deferred,
    CaseStatus.eligible,
    CaseStatus.assigned,
    CaseStatus.drafted,
    CaseStatus.no_reviewer,
)
LETTER_NAMES = {
    ("text", False): "letter.txt",
    ("html", False): "letter.html",
    ("pdf", False): "letter.pdf",
    ("text", True): "public/letter.txt",
    ("html", True): "public/letter.html",
    ("pdf", True): "public/letter.pdf",
}
SUFFIXES = {"text": "txt", "html": "html", "pdf": "pdf"}
MEDIA_TYPES = {"text": "text/plain; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def reviewer_label(actor: User, reviewer: User | None) -> dict[str, Any] | None:
    if reviewer is None:
        return None
    label: dict[str, Any] = {"code": reviewer.reviewer_code}
    if sees_reviewer_names(actor) and reviewer.reviewer_profile:
        label["name"] = reviewer.reviewer_profile.get("name")
    return label


def case_summary(actor: User, case: Case, today: dt.date | None = None) -> dict[str, Any]:
    today = today or today_utc()
    days_left = (case.due_date - today).days if case.due_date else None
    employee = case.application.get("employee", {})
    return {
        "id": case.id,
        "case_number": case.case_number,
        "priority": case.priority,
        "status": case.status,
        "version": case.version,
        "due_date": case.due_date.isoformat() if case.due_date else None,
        "days_left": days_left,
        "overdue": days_left is not None and days_left < 0 and case.status != CaseStatus.signed,
        "employee": employee.get("name"),
        "items": len(case.application.get("items", [])),
        "reviewer": reviewer_label(actor, case.reviewer),
    }


CONFLICT_SHOWN = "a conflict of interest with a party to this case (the details are kept for administrators)"


def assignment_for(actor: User, assignment: dict[str, Any] | None) -> dict[str, Any] | None:
    """The assignment as ``actor`` may see it: a conflict's reason names the party the reviewer is tied to, which
    would tell who the reviewer is, so only administrators read it; everyone else reads that there was a conflict."""
    if assignment is None or sees_reviewer_names(actor):
        return assignment
    passed_over = []
    for entry in assignment.get("passed_over") or []:
        reasons = [
            {**reason, "text": CONFLICT_SHOWN} if reason.get("code") == "conflict" else reason
            for reason in entry.get("reasons", [])
        ]
        passed_over.append({**entry, "reasons": reasons})
    return {**assignment, "passed_over": passed_over}


def case_detail(session: Session, actor: User, case: Case) -> dict[str, Any]:
    notes = list(session.scalars(select(Note).where(Note.case_id == case.id).order_by(Note.id)))
    signature = session.scalar(select(CaseSignature).where(CaseSignature.case_id == case.id))
    authors = usernames(session, {note.author_id for note in notes})
    return {
        **case_summary(actor, case),
        "application": case.application,
        "eligibility": case.eligibility,
        "deadlines": case.deadlines,
        "assignment": assignment_for(actor, case.assignment),
        "records": [
            {
                "id": record.id,
                "file_name": record.file_name,
                "type": record.record_type,
                "author": record.author,
                "organisation": record.organisation,
                "date": record.record_date.isoformat(),
                "media_type": record.media_type,
                "sha256": record.sha256,
                "size": record.size,
            }
            for record in case.records
        ],
        "drafts": len(case.drafts),
        "notes": [
            {
                "id": note.id,
                "author": authors[note.author_id],
                "text": note.text,
                "at": note.created_at.isoformat(),
            }
            for note in notes
        ],
        "signature": (
            {
                "signed_at": signature.signed_at.isoformat(),
                "key": signature.key_fingerprint,
                "changed_items": signature.record.get("changed_items", []),
            }
            if signature
            else None
        ),
    }


def queue(session: Session, actor: User, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Open cases (a reviewer's own only), overdue first, then by due date, expedited before standard."""
    cases = [case for case in session.scalars(select(Case).where(Case.status.in_(OPEN))) if can_see(actor, case)]
    rows = [case_summary(actor, case, today) for case in cases]
    far = dt.date.max.isoformat()
    return sorted(rows, key=lambda r: (not r["overdue"], r["due_date"] or far, r["priority"] != "expedited", r["id"]))


def _located(evidence: dict[str, Any], documents: list[dict[str, Any]]) -> dict[str, Any]:
    span = evidence.get("span") or {}
    start, end = span.get("start"), span.get("end")
    for number, document in enumerate(documents):
        if isinstance(start, int) and isinstance(end, int) and document["start"] <= start < document["end"]:
            local_end = min(end, document["end"]) - document["start"]
            return {
                **evidence,
                "document": number,
                "file": document["file"],
                "start": start - document["start"],
                "end": local_end,
            }
    return {**evidence, "document": None, "file": None}


def newest_draft(case: Case) -> Draft:
    if not case.drafts:
        raise NotFoundError(f"case {case.case_number} has no draft yet", field="draft")
    return case.drafts[-1]


def draft_changes(session: Session, draft: Draft) -> dict[int, ItemChange]:
    rows = session.scalars(select(ItemChange).where(ItemChange.draft_id == draft.id).order_by(ItemChange.id))
    return {row.item_index: row for row in rows}


def draft_trail(session: Session, actor: User, case: Case) -> dict[str, Any]:
    """The newest draft: per item the rule, citations and every criterion with its evidence located in a record."""
    draft = newest_draft(case)
    documents = draft.documents
    changes = draft_changes(session, draft)
    letter_items = {item["index"]: item for item in draft.determination["letter"]["items"]}
    items = []
    for item in draft.determination["determination"]["items"]:
        index = item["index"]
        change = changes.get(index)
        items.append(
            {
                "index": index,
                "request": item["request_text"],
                "engine_decision": item["decision"],
                "decision": change.decision if change else item["decision"],
                "rule_ids": item.get("rule_ids", []),
                "citations": [c["text"] for c in item.get("citations", [])],
                "rationale": letter_items.get(index, {}).get("rationale"),
                "criteria": [
                    {
                        "id": criterion["id"],
                        "description": criterion["description"],
                        "status": criterion["status"],
                        "sentence": criterion.get("sentence"),
                        "evidence": [_located(e, documents) for e in criterion.get("evidence", [])],
                    }
                    for criterion in item.get("criteria", [])
                ],
                "change": (
                    {
                        "decision": change.decision,
                        "reason": change.reason,
                        "guideline": change.guideline,
                        "rationale": change.rationale,
                        "at": change.changed_at.isoformat(),
                    }
                    if change
                    else None
                ),
            }
        )
    return {
        "case_id": case.id,
        "case_number": case.case_number,
        "version": case.version,
        "draft": draft.number,
        "created_at": draft.created_at.isoformat(),
        "documents": [
            {
                "number": n,
                "file": d["file"],
                "kind": d["kind"],
                "author": d["author"],
                "date": d["date"],
                "text": d["text"],
            }
            for n, d in enumerate(documents)
        ],
        "items": items,
    }


def letter_file(session: Session, actor: User, case: Case, kind: str, public: bool) -> tuple[bytes, str, str]:
    """The letter in ``kind`` (text, html, pdf): the signed one once signed, else a preview of the newest draft with
    the reviewer's changes so far. Bytes, media type and file name."""
    name = LETTER_NAMES[(kind, public)]
    download = f"{case.case_number}{'-public' if public else ''}.{SUFFIXES[kind]}"
    signature = session.scalar(select(CaseSignature).where(CaseSignature.case_id == case.id))
    if signature is not None:
        stored = session.scalar(
            select(DeterminationFile).where(
                DeterminationFile.signature_id == signature.id, DeterminationFile.name == name
            )
        )
        if stored is None:
            raise NotFoundError(f"the signed determination holds no {name}", field="kind")
        return stored.content, MEDIA_TYPES[kind], download
    draft = newest_draft(case)
    changes = draft_changes(session, draft)
    if not changes:
        stored = session.scalar(
            select(DeterminationFile).where(DeterminationFile.draft_id == draft.id, DeterminationFile.name == name)
        )
        if stored is None:
            raise NotFoundError(f"the draft holds no {name}", field="kind")
        return stored.content, MEDIA_TYPES[kind], download
    letter = letter_from_json(draft.determination["letter"])
    decisions = {i: ReviewerDecision(c.decision, c.guideline, c.rationale) for i, c in changes.items()}
    items: tuple[LetterItemView, ...] = preview_decisions(letter.items, decisions)
    letter = dataclasses.replace(letter, items=items)
    if public:
        with laid_out(case) as case_path:
            letter = public_letter(letter, case_parties(load_case(case_path)))
    html = render_html(letter)
    content = {
        "text": lambda: render_text(letter).encode("utf-8"),
        "html": lambda: html.encode("utf-8"),
        "pdf": lambda: render_pdf(html),
    }
    return content[kind](), MEDIA_TYPES[kind], download


def usernames(session: Session, ids: set[int]) -> dict[int, str]:
    """The user names of the users ``ids`` (only those: a case page does not read the whole user table)."""
    if not ids:
        return {}
    return {user.id: user.username for user in session.scalars(select(User).where(User.id.in_(ids)))}


def audit_log(session: Session, actor: User, case: Case | None, limit: int = 500) -> list[dict[str, Any]]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if case is not None:
        query = query.where(AuditEvent.case_id == case.id)
    events = list(session.scalars(query))
    names = usernames(session, {event.actor_id for event in events if event.actor_id is not None})
    return [
        {
            "id": event.id,
            "at": event.at.isoformat(),
            "actor": names.get(event.actor_id) if event.actor_id else None,
            "action": event.action,
            "outcome": event.outcome,
            "case_id": event.case_id,
            "detail": event.detail,
            "hash_before": event.hash_before,
            "hash_after": event.hash_after,
        }
        for event in events
    ]
