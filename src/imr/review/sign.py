"""Signing: the physician reviewer accepts the draft, may change any item's decision, and signs.

Only the reviewer assigned at review time (determination.json holds the assignment) may sign. Every item must be
decided; a reversed or undecided item carries the reviewer's own guideline and rationale
(imr.review.reviewer_decisions).
The signed letter records the date of signing (the signer's id stays in signature.json, inside the review
organisation, and never appears in a letter). signature.json signs a manifest of every file of the folder with the
organisation's Ed25519 key (imr.review.signature). A signed determination cannot be changed or signed again.

Signing copies the draft folder, signs the copy and swaps it into place at one commit point (imr.folder_commit),
under the folder's lock: the folder holds either the whole draft or the whole signed determination, and of two
signers at once, one signs and the other is refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from imr.cases import load_case
from imr.errors import SignatureError
from imr.folder_commit import commit_folder
from imr.review.document import FinalDetermination, LetterItemView
from imr.review.notices import letter_notices
from imr.review.output import write_json, write_letter_files
from imr.review.parties import case_parties
from imr.review.process import DETERMINATION_FILE
from imr.review.records import SourceRef
from imr.review.reviewer_decisions import ReviewerDecision, apply_decisions
from imr.review.signature import SIGNATURE_FILE, write_signature
from imr.review.signing_key import organisation_signing_key
from imr.review.summary import SummarySentence
from imr.serialise import to_jsonable
from imr.text.dates import letter_date


def letter_from_json(data: Mapping[str, Any]) -> FinalDetermination:
    summary = tuple(
        SummarySentence(s["text"], tuple(SourceRef(**r) for r in s["sources"]), s["from_application"])
        for s in data["summary"]
    )
    items = tuple(LetterItemView(**item) for item in data["items"])
    fields = {k: v for k, v in data.items() if k not in {"summary", "items", "header", "documents"}}
    notices = letter_notices()  # a draft written before the letters carried the appeal notice gets it now
    fields.setdefault("appeal_heading", notices.appeal_heading)
    fields.setdefault("appeal_notice", notices.appeal_notice)
    return FinalDetermination(
        **fields,
        header=tuple((label, value) for label, value in data["header"]),
        documents=tuple(data["documents"]),
        summary=summary,
        items=items,
    )


def _json_object(path: Path, out: Path) -> dict[str, Any]:
    """A JSON object read from ``path``; anything else (unreadable, not JSON, not an object) is one SignatureError."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SignatureError(f"{path.name} cannot be read as JSON ({exc.__class__.__name__})", source=str(out)) from exc
    if not isinstance(value, dict):
        raise SignatureError(f"{path.name} does not hold a JSON object", source=str(out))
    return value


def sign_determination(
    out: Path,
    signer: str,
    *,
    decisions: Mapping[int, ReviewerDecision] | None = None,
    now: dt.datetime | None = None,
    case_path: Path | None = None,
) -> FinalDetermination:
    """Sign the draft in ``out`` as ``signer``, with the physician reviewer's ``decisions`` by item number.

    ``case_path`` is where the case file is now, when not where determination.json says (the store lays a stored
    case out in a temporary folder).
    """
    if not out.is_dir():  # checked before locking, so that a mistyped name leaves no lock file behind
        raise SignatureError("no draft determination here (run imr review first)", source=str(out))
    key = organisation_signing_key()
    with commit_folder(out, copy_current=True) as staging:
        return _sign_in(staging, out, signer, key, decisions=decisions or {}, now=now, case_path=case_path)


def _sign_in(
    staging: Path,
    out: Path,
    signer: str,
    key: Ed25519PrivateKey,
    *,
    decisions: Mapping[int, ReviewerDecision],
    now: dt.datetime | None,
    case_path: Path | None = None,
) -> FinalDetermination:
    """sign_determination on ``staging``, a copy of ``out`` that replaces it once signed."""
    determination_path = staging / DETERMINATION_FILE
    if (staging / SIGNATURE_FILE).exists():
        raise SignatureError("already signed; a signed determination cannot be changed", source=str(out))
    if not determination_path.exists():
        raise SignatureError("no draft determination here (run imr review first)", source=str(out))
    if not signer.strip():
        raise SignatureError("the signing reviewer must be named", source=str(out), field="reviewer")
    record = _json_object(determination_path, out)
    try:
        letter = letter_from_json(record["letter"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SignatureError(f"{DETERMINATION_FILE} does not hold a draft letter ({exc})", source=str(out)) from exc
    _check_signer(record, signer.strip(), out)
    items = apply_decisions(letter.items, decisions, source=str(out))
    signed_at = now or dt.datetime.now(dt.UTC)
    letter = dataclasses.replace(
        letter, items=items, status="signed", signed_on=letter_date(signed_at.date()), past_due_warning=None
    )
    case = load_case(case_path or Path(record["case"]))
    write_letter_files(staging, letter, case_parties(case))
    record["reviewer_decisions"] = _decisions_record(record["letter"]["items"], items)
    record["letter"] = to_jsonable(letter)
    record["status"] = "signed"
    write_json(determination_path, record)
    changed = sorted(item.index for item in items if item.changed_by_reviewer)
    write_signature(staging, key, signed_by=signer.strip(), signed_at=signed_at.isoformat(), changed_items=changed)
    return letter


def _check_signer(record: Mapping[str, Any], signer: str, out: Path) -> None:
    """Only the reviewer assigned at review time may sign."""
    assignment = record.get("assignment")
    assigned = assignment.get("reviewer_id") if isinstance(assignment, dict) else None
    if not isinstance(assigned, str) or not assigned:
        raise SignatureError(
            f"{DETERMINATION_FILE} names no assigned reviewer (drafted by an older imr: run imr review again)",
            source=str(out),
        )
    if signer != assigned:
        raise SignatureError(f"{signer} is not the reviewer assigned to this case; only they may sign", source=str(out))


def _decisions_record(drafted: list[Mapping[str, Any]], signed: tuple[LetterItemView, ...]) -> list[dict[str, Any]]:
    """For the trail: every item whose decision, guideline or rationale the reviewer changed, beside the engine's."""
    changes = []
    for engine, item in zip(drafted, signed, strict=True):
        fields = ("decision", "reviewer_line", "rationale")
        if any(engine[name] != getattr(item, name) for name in fields):
            changes.append(
                {
                    "item": item.index,
                    "engine": {name: engine[name] for name in fields},
                    "reviewer": {name: getattr(item, name) for name in fields},
                }
            )
    return changes
