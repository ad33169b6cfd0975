"""Audit events and the case hash they record before and after every action."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from imr.store.models import AuditEvent, Case, CaseSignature, Draft, ItemChange, Note, User


def case_hash(session: Session, case: Case) -> str:
    """SHA-256 of everything stored for ``case``: its row, records, drafts, changes, notes and signature."""
    changes = session.scalars(select(ItemChange.id).where(ItemChange.case_id == case.id).order_by(ItemChange.id))
    notes = session.scalars(select(Note.id).where(Note.case_id == case.id).order_by(Note.id))
    signature = session.scalar(select(CaseSignature.record).where(CaseSignature.case_id == case.id))
    drafts = session.scalars(select(Draft.id).where(Draft.case_id == case.id).order_by(Draft.id))
    state: dict[str, Any] = {
        "case_number": case.case_number,
        "status": case.status,
        "application": case.application,
        "eligibility": case.eligibility,
        "deadlines": case.deadlines,
        "assignment": case.assignment,
        "reviewer_id": case.reviewer_id,
        "records": [record.sha256 for record in case.records],
        "drafts": list(drafts),
        "changes": list(changes),
        "notes": list(notes),
        "signature": signature,
    }
    canonical = json.dumps(state, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def record_event(
    session: Session,
    actor: User | None,
    action: str,
    *,
    case: Case | None = None,
    case_id: int | None = None,
    outcome: str = "done",
    detail: dict[str, Any] | None = None,
    before: str | None = None,
    after: str | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        action=action,
        outcome=outcome,
        case_id=case.id if case is not None else case_id,
        detail=detail or {},
        hash_before=before,
        hash_after=after,
    )
    session.add(event)
    return event
