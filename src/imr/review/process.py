"""run_review: one case folder in; the draft Final Determination (text, HTML, PDF, JSON, public copies) out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imr.cases import (
    Assignment,
    EligibilityReport,
    assign_reviewer,
    check_eligibility,
    compute_deadlines,
    load_case,
    load_panel,
)
from imr.errors import ImrError, SignatureError
from imr.folder_commit import commit_folder
from imr.guidelines.decide import decide_case
from imr.guidelines.export import determination_to_dict
from imr.review.config import load_organisation
from imr.review.document import FinalDetermination, build_final_determination
from imr.review.notices import past_due_warning
from imr.review.output import OUTPUT_NAMES, write_json, write_letter_files
from imr.review.parties import case_parties
from imr.review.records import CaseRecords, case_facts, case_folder, decision_case, read_case_records
from imr.review.signature import SIGNATURE_FILE
from imr.review.summary import compose_summary
from imr.serialise import to_jsonable

DETERMINATION_FILE = "determination.json"


@dataclass(frozen=True, slots=True)
class ReviewResult:
    outcome: str  # "drafted", "ineligible", "deferred", "no_reviewer"
    message: str
    out: Path
    files: dict[str, Path]
    letter: FinalDetermination | None = None
    eligibility: EligibilityReport | None = None
    assignment: Assignment | None = None
    records: CaseRecords | None = None  # the records as the engine read them (evidence spans point into .text)


def _assignment_json(assignment: Assignment) -> dict[str, Any]:
    """The assigned reviewer's id (whom imr sign accepts as signer), qualifications and reasons, never a name."""
    return {
        "assigned": assignment.assigned,
        "reviewer_id": assignment.chosen.reviewer_id if assignment.chosen else None,
        "qualifications": to_jsonable(assignment.qualifications),
        "passed_over": to_jsonable(assignment.passed_over),
        "needs": to_jsonable(assignment.needs),
    }


def run_review(
    case_path: Path,
    panel_path: Path,
    out: Path,
    *,
    organisation_path: Path | None = None,
    today: dt.date | None = None,
) -> ReviewResult:
    """Screen, assign, summarise, decide and write the draft letter. Bad input raises an ImrError.

    The output replaces ``out`` as a whole at one commit point (imr.folder_commit): a failure leaves it as it was.
    """
    with commit_folder(out, owned=OUTPUT_NAMES) as staging:
        return _review_into(staging, case_path, panel_path, out, organisation_path=organisation_path, today=today)


def _review_into(
    staging: Path,
    case_path: Path,
    panel_path: Path,
    out: Path,
    *,
    organisation_path: Path | None,
    today: dt.date | None,
) -> ReviewResult:
    """run_review, writing into ``staging`` the output that will replace ``out``."""
    if (out / SIGNATURE_FILE).exists():
        raise SignatureError(f"{out} holds a signed determination; it cannot be overwritten", source=str(out))
    organisation = load_organisation(organisation_path)
    case = load_case(case_path)
    folder = case_folder(case_path)
    eligibility = check_eligibility(case, today=today)
    deadlines = compute_deadlines(case)
    record: dict[str, Any] = {
        "case": str(case_path.resolve()),  # imr sign reads the case again, from wherever it is run
        "case_number": case.case_number,
        "eligibility": to_jsonable(eligibility),
        "deadlines": to_jsonable(deadlines),
    }
    if eligibility.outcome != "eligible":
        reasons = "; ".join(check.reason for check in eligibility.failed)
        write_json(staging / "eligibility.json", record)
        return ReviewResult(
            str(eligibility.outcome), f"application {eligibility.outcome}: {reasons}", out, {}, None, eligibility
        )
    panel = load_panel(panel_path)
    assignment = assign_reviewer(case, panel)
    record["assignment"] = _assignment_json(assignment)
    if assignment.qualifications is None:
        write_json(staging / "assignment.json", record)
        return ReviewResult("no_reviewer", assignment.summary(), out, {}, None, eligibility, assignment)
    records = read_case_records(case, folder)
    if not records.treating_text.strip():
        raise ImrError("the case lists no readable treating records", source=str(case_path), field="records")
    facts = case_facts(records)
    determination = decide_case(decision_case(case, records), facts=facts)
    summary = compose_summary(case, facts, records)
    decided_on = today or dt.date.today()
    letter = build_final_determination(
        case,
        organisation,
        assignment.qualifications,
        summary,
        determination,
        records,
        decided_on,
        past_due_warning(deadlines, decided_on),
    )
    record.update(
        {
            "status": "draft",
            "letter": to_jsonable(letter),
            "determination": determination_to_dict(determination),
            "records": to_jsonable(records.documents),
        }
    )
    written = write_letter_files(staging, letter, case_parties(case))
    files = {kind: out / path.relative_to(staging) for kind, path in written.items()}
    write_json(staging / DETERMINATION_FILE, record)
    files["json"] = out / DETERMINATION_FILE
    undecided = sum(1 for item in letter.items if item.decision is None)
    message = f"draft written to {out} ({len(letter.items)} items, {undecided} left for the physician reviewer)"
    return ReviewResult("drafted", message, out, files, letter, eligibility, assignment, records)
