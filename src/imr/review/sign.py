"""Signing: the physician reviewer accepts the draft, may change any item's decision, and signs.

The signed letter records the date of signing (the signer's name stays in signature.json, inside the review
organisation, and never appears in a letter). A signed determination cannot be changed or signed again.

Signing copies the draft folder, signs the copy and swaps it into place at one commit point (imr.folder_commit),
under the folder's lock: the folder holds either the whole draft or the whole signed determination, and of two
signers at once, one signs and the other is refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from imr.cases import load_case
from imr.errors import SignatureError
from imr.folder_commit import commit_folder
from imr.review.document import FinalDetermination, LetterItemView
from imr.review.output import write_json, write_letter_files
from imr.review.parties import case_parties
from imr.review.process import DETERMINATION_FILE, SIGNATURE_FILE
from imr.review.records import SourceRef
from imr.review.summary import SummarySentence
from imr.serialise import to_jsonable

_WORDS = {"upheld": "Upheld", "overturned": "Overturned"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def letter_from_json(data: Mapping[str, Any]) -> FinalDetermination:
    summary = tuple(
        SummarySentence(s["text"], tuple(SourceRef(**r) for r in s["sources"]), s["from_application"])
        for s in data["summary"]
    )
    items = tuple(LetterItemView(**item) for item in data["items"])
    fields = {k: v for k, v in data.items() if k not in {"summary", "items", "header", "documents"}}
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


def verify_signature(out: Path) -> dict[str, Any]:
    """The signature record, after checking the determination was not changed since signing."""
    signature_path = out / SIGNATURE_FILE
    if not signature_path.exists():
        raise SignatureError("not signed", source=str(out))
    signature = _json_object(signature_path, out)
    if _digest(out / DETERMINATION_FILE) != signature.get("determination_sha256"):
        raise SignatureError("the determination was changed after it was signed", source=str(out))
    return signature


def sign_determination(
    out: Path,
    signer: str,
    *,
    changes: Mapping[int, str] | None = None,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> FinalDetermination:
    """Sign the draft in ``out``. ``changes`` maps item numbers to "upheld"/"overturned" decided by the physician."""
    if not out.is_dir():  # checked before locking, so that a mistyped name leaves no lock file behind
        raise SignatureError("no draft determination here (run imr review first)", source=str(out))
    with commit_folder(out, copy_current=True) as staging:
        return _sign_in(staging, out, signer, changes=changes, reason=reason, now=now)


def _sign_in(
    staging: Path,
    out: Path,
    signer: str,
    *,
    changes: Mapping[int, str] | None,
    reason: str | None,
    now: dt.datetime | None,
) -> FinalDetermination:
    """sign_determination on ``staging``, a copy of ``out`` that replaces it once signed."""
    determination_path = staging / DETERMINATION_FILE
    if (staging / SIGNATURE_FILE).exists():
        verify_signature(out)
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
    changes = dict(changes or {})
    items = []
    for item in letter.items:
        if item.index in changes:
            decision = changes.pop(item.index)
            if decision not in _WORDS:
                raise SignatureError(f"item {item.index}: decision must be upheld or overturned", source=str(out))
            note = f" The physician reviewer decided this item: {reason.strip()}" if reason else ""
            item = dataclasses.replace(
                item,
                decision=decision,
                decision_word=_WORDS[decision],
                changed_by_reviewer=True,
                rationale=item.rationale + note,
            )
        elif item.decision is None:
            raise SignatureError(f"item {item.index} is undecided: give it a decision to sign", source=str(out))
        items.append(item)
    if changes:
        raise SignatureError(f"no item numbered {sorted(changes)}", source=str(out))
    signed_at = now or dt.datetime.now(dt.UTC)
    letter = dataclasses.replace(letter, items=tuple(items), status="signed", signed_on=signed_at.date().isoformat())
    case = load_case(Path(record["case"]))
    write_letter_files(staging, letter, case_parties(case))
    record["letter"] = to_jsonable(letter)
    record["status"] = "signed"
    write_json(determination_path, record)
    write_json(
        staging / SIGNATURE_FILE,
        {
            "signed_by": signer.strip(),
            "signed_at": signed_at.isoformat(),
            "changed_items": sorted(int(i.index) for i in items if i.changed_by_reviewer),
            "determination_sha256": _digest(determination_path),
        },
    )
    return letter
