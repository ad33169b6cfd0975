"""The review process on the store: take in, screen, assign, draft, change, sign, publish; every action audited.

Each action is one transaction that checks the actor's role and the case's version, changes the case, and records
an audit event with the case's hash before and after. A refused action changes nothing and is audited as refused
(in a transaction of its own). The engine and the signature run outside any transaction, on the case laid out in a
temporary folder exactly as the folder commands read it; their output is stored in one transaction that first checks
the case has not moved on meanwhile, so a crash or a rival leaves the case as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from imr.cases import assign_reviewer, check_eligibility, compute_deadlines, load_case
from imr.cases.model import RecordFile
from imr.cases.panel import Panel, Reviewer
from imr.errors import (
    ConflictError,
    ImrError,
    NotFoundError,
    SignedCaseError,
    StoreError,
)
from imr.review import ReviewerDecision, check_signature, sign_determination
from imr.review.output import json_bytes
from imr.review.process import DETERMINATION_FILE
from imr.review.signature import SIGNATURE_FILE, Verification, check_signed_files
from imr.review.signing_key import organisation_public_key
from imr.serialise import to_jsonable
from imr.store import views
from imr.store.access import MANAGE, can_see, require_assigned_reviewer, require_role, require_visible
from imr.store.audit import case_hash, record_event
from imr.store.casefiles import (
    RecordUpload,
    application_data,
    checked_application,
    checked_record,
    checked_text,
    folder_files,
    laid_out,
    read_case_folder,
    write_case_folder,
    write_files,
)
from imr.store.database import Store
from imr.store.engine_runner import DraftRunner, run_here
from imr.store.models import (
    Case,
    CaseRecord,
    CaseSignature,
    CaseStatus,
    DeterminationFile,
    Draft,
    ItemChange,
    Note,
    Role,
    User,
    utc_now,
)

T = TypeVar("T")
DECISIONS = ("upheld", "overturned")
MAX_TEXT = 20_000  # characters of a reason, note, guideline or rationale
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds in PostgreSQL; a larger one names no row anywhere


@dataclass(slots=True)
class Action:
    """What one action works on: the acting user and the case (set by the operation when it creates one)."""

    actor: User
    case: Case | None
    detail: dict[str, Any] = field(default_factory=dict)


def _decision_due(deadlines: Mapping[str, Any]) -> dt.date | None:
    decision = deadlines.get("decision") or {}
    due = decision.get("due") if isinstance(decision, dict) else None
    return dt.date.fromisoformat(due) if isinstance(due, str) else None


class CaseService:
    """Every action a user takes on cases, against one store."""

    def __init__(self, store: Store, *, draft_runner: DraftRunner = run_here) -> None:
        self.store = store
        self.run_draft = draft_runner

    # ------------------------------------------------------------------ running actions

    def _actor(self, session: Session, actor_id: int) -> User:
        actor = session.get(User, actor_id)
        if actor is None or not actor.active:
            raise NotFoundError("no such user (or the account is disabled)", field="user")
        return actor

    def _case(self, session: Session, case_id: int) -> Case:
        # Looked up only in range: a larger id overflows the database's integer (a DataError, an OverflowError).
        case = session.get(Case, case_id) if 0 < case_id <= MAX_ID else None
        if case is None:
            raise NotFoundError(f"no case with id {case_id}", field="case")
        return case

    def _act(
        self,
        actor_id: int,
        name: str,
        case_id: int | None,
        operation: Callable[[Session, Action], T],
        *,
        expected_version: int | None = None,
        may_change_signed: bool = False,
    ) -> T:
        try:
            with self.store.session() as session:
                actor = self._actor(session, actor_id)
                case = self._case(session, case_id) if case_id is not None else None
                action = Action(actor, case)
                before = None
                if case is not None:
                    require_visible(actor, case)
                    if case.status == CaseStatus.signed and not may_change_signed:
                        raise SignedCaseError(
                            f"case {case.case_number} is signed; a signed determination cannot be changed"
                        )
                    if expected_version is not None and case.version != expected_version:
                        raise ConflictError(
                            f"case {case.case_number} changed since you loaded it (version {expected_version}, "
                            f"now {case.version}); reload it and try again"
                        )
                    before = case_hash(session, case)
                result = operation(session, action)
                if action.case is not None:
                    action.case.updated_at = utc_now()  # moves the version on, for the next version check
                    session.flush()
                    after = case_hash(session, action.case)
                else:
                    after = None
                record_event(session, actor, name, case=action.case, detail=action.detail, before=before, after=after)
                return result
        except (StaleDataError, OperationalError) as exc:
            conflict = ConflictError("someone else changed this case at the same moment; reload it and try again")
            self._refused(actor_id, name, case_id, conflict)
            raise conflict from exc
        except IntegrityError as exc:
            conflict = ConflictError(f"{name}: clashes with what is already stored")
            self._refused(actor_id, name, case_id, conflict)
            raise conflict from exc
        except DataError as exc:  # a value the checks let through but the column cannot hold: still the user's input
            refused = StoreError(f"{name}: a value the database cannot store ({_constraint(exc)})")
            self._refused(actor_id, name, case_id, refused)
            raise refused from exc
        except ImrError as exc:
            self._refused(actor_id, name, case_id, exc)
            raise

    def _refused(self, actor_id: int, name: str, case_id: int | None, error: ImrError) -> None:
        with self.store.session() as session:
            actor = session.get(User, actor_id)
            known = case_id is not None and 0 < case_id <= MAX_ID and session.get(Case, case_id) is not None
            known_case = case_id if known else None
            record_event(
                session,
                actor,
                name,
                case_id=known_case,
                outcome="refused",
                detail={"error": str(error), "kind": error.__class__.__name__},
            )

    def _read(self, actor_id: int, case_id: int, reader: Callable[[Session, User, Case], T]) -> T:
        with self.store.session() as session:
            actor = self._actor(session, actor_id)
            case = self._case(session, case_id)
            require_visible(actor, case)
            return reader(session, actor, case)

    # ------------------------------------------------------------------ intake

    def create_case(self, actor_id: int, application: object, records: Sequence[RecordUpload] = ()) -> int:
        """A new case from its case file (and any records); its id."""

        def create(session: Session, action: Action) -> int:
            require_role(action.actor, MANAGE, "take a case in")
            checked = checked_application(application, source="case")  # after the role check: 403 before 422
            if session.scalar(select(Case.id).where(Case.case_number == checked.case_number)) is not None:
                raise ConflictError(f"case {checked.case_number} is already in the store", field="case_number")
            case = Case(
                case_number=checked.case_number,
                priority=checked.priority,
                status=CaseStatus.intake,
                application=application_data(checked),
                created_by=action.actor.id,
            )
            session.add(case)
            session.flush()
            action.case = case
            for upload in records:
                _add_record(session, action.actor, case, upload)
            action.detail = {"case_number": case.case_number, "records": [u.file_name for u in records]}
            return case.id

        return self._act(actor_id, "create_case", None, create)

    def add_record(
        self, actor_id: int, case_id: int, upload: RecordUpload, *, expected_version: int | None = None
    ) -> int:
        def add(session: Session, action: Action) -> int:
            require_role(action.actor, MANAGE, "upload a record")
            assert action.case is not None
            record = _add_record(session, action.actor, action.case, upload)
            action.detail = {"file_name": record.file_name, "sha256": record.sha256, "size": record.size}
            if action.case.status == CaseStatus.drafted:  # the draft did not read this record: draft again to sign
                action.case.status = CaseStatus.assigned
                action.detail["draft_outdated"] = True
            return record.id

        return self._act(actor_id, "add_record", case_id, add, expected_version=expected_version)

    def update_application(
        self, actor_id: int, case_id: int, application: object, *, expected_version: int | None = None
    ) -> None:
        """Correct the case file before the draft is signed; the case goes back to intake, to be screened again."""

        def update(session: Session, action: Action) -> None:
            require_role(action.actor, MANAGE, "correct a case file")
            case = action.case
            assert case is not None
            checked = checked_application(application, source="case")  # after the access checks: 403 before 422
            if checked.case_number != case.case_number:
                raise StoreError("the case number cannot be changed", field="case_number")
            case.application = application_data(checked)
            case.priority = checked.priority
            case.status, case.eligibility, case.deadlines, case.due_date = CaseStatus.intake, None, None, None
            case.reviewer_id, case.assignment = None, None
            action.detail = {"fields": sorted(k for k in checked.model_fields_set if k != "records")}

        self._act(actor_id, "update_case", case_id, update, expected_version=expected_version)

    def import_folder(self, actor_id: int, folder: Path) -> int:
        """A case folder of the folder commands (case.yaml and its records) taken into the store."""
        case_file, uploads = read_case_folder(folder)
        return self.create_case(actor_id, application_data(case_file), uploads)

    # ------------------------------------------------------------------ screening and assignment

    def screen(
        self, actor_id: int, case_id: int, *, expected_version: int | None = None, today: dt.date | None = None
    ) -> str:
        """Eligibility and deadlines; the case's new status."""

        def screen_case(session: Session, action: Action) -> str:
            require_role(action.actor, MANAGE, "screen a case")
            case = action.case
            assert case is not None
            if case.status == CaseStatus.drafted:
                raise ConflictError("the case is drafted; correct its case file first to screen it again")
            with laid_out(case) as path:
                case_file = load_case(path)
                eligibility = check_eligibility(case_file, today=today)
                deadlines = compute_deadlines(case_file)
            case.eligibility = to_jsonable(eligibility)
            case.deadlines = to_jsonable(deadlines)
            case.due_date = deadlines.decision.due
            case.status = {"eligible": CaseStatus.eligible, "deferred": CaseStatus.deferred}.get(
                str(eligibility.outcome), CaseStatus.ineligible
            )
            if case.status != CaseStatus.eligible:
                case.reviewer_id, case.assignment = None, None
            action.detail = {"outcome": str(eligibility.outcome), "due": str(case.due_date)}
            return str(case.status)

        return self._act(actor_id, "screen", case_id, screen_case, expected_version=expected_version)

    def assign(self, actor_id: int, case_id: int, *, expected_version: int | None = None) -> str | None:
        """The panel's best qualified, conflict-free reviewer; their reviewer code, or None when nobody qualifies."""

        def assign_case(session: Session, action: Action) -> str | None:
            require_role(action.actor, MANAGE, "assign a reviewer")
            case = action.case
            assert case is not None
            if case.status not in {CaseStatus.eligible, CaseStatus.assigned, CaseStatus.no_reviewer}:
                raise ConflictError(f"the case is {case.status}: screen it (eligible) before assigning a reviewer")
            reviewers = _panel_reviewers(session)
            if not reviewers:
                raise StoreError("no active reviewer has a panel entry; add reviewers first", field="panel")
            with laid_out(case) as path:
                assignment = assign_reviewer(load_case(path), Panel(reviewers=[r for r, _ in reviewers]))
            chosen = next(
                (user for entry, user in reviewers if assignment.chosen and entry.id == assignment.chosen.reviewer_id),
                None,
            )
            case.reviewer_id = chosen.id if chosen else None
            case.status = CaseStatus.assigned if chosen else CaseStatus.no_reviewer
            case.assignment = {
                "reviewer_code": chosen.reviewer_code if chosen else None,
                "summary": assignment.summary(),
                "qualifications": to_jsonable(assignment.qualifications),
                "needs": to_jsonable(assignment.needs),
                "passed_over": to_jsonable(assignment.passed_over),
            }
            action.detail = {"reviewer_code": case.assignment["reviewer_code"]}
            return chosen.reviewer_code if chosen else None

        return self._act(actor_id, "assign", case_id, assign_case, expected_version=expected_version)

    # ------------------------------------------------------------------ the engine's draft

    def draft(
        self, actor_id: int, case_id: int, *, expected_version: int | None = None, today: dt.date | None = None
    ) -> int:
        """Run the engine on the case as stored; the draft's number. Refused unless a reviewer is assigned."""

        def snapshot(session: Session, actor: User, case: Case) -> tuple[int, Case]:
            if actor.role == Role.reviewer:
                require_assigned_reviewer(actor, case, "draft the determination")
            if case.status == CaseStatus.signed:
                raise SignedCaseError(f"case {case.case_number} is signed; a signed determination cannot be changed")
            if case.status not in {CaseStatus.assigned, CaseStatus.drafted} or case.reviewer is None:
                raise ConflictError(f"the case is {case.status}: assign a reviewer before drafting")
            if expected_version is not None and case.version != expected_version:
                raise ConflictError(f"case {case.case_number} changed since you loaded it; reload it and try again")
            _ = case.records, case.reviewer.reviewer_profile  # loaded before the session closes
            return case.version, case

        try:
            version, case = self._read(actor_id, case_id, snapshot)
        except ImrError as exc:
            self._refused(actor_id, "draft", case_id, exc)
            raise
        with tempfile.TemporaryDirectory(prefix="imr-draft-") as temporary:
            root = Path(temporary)
            case_path = write_case_folder(case, root / "case")
            panel_path = root / "panel.yaml"
            assert case.reviewer is not None
            panel_path.write_text(yaml.safe_dump({"reviewers": [case.reviewer.reviewer_profile]}), encoding="utf-8")
            try:
                result = self.run_draft(case_path, panel_path, root / "out", today)
            except ImrError as exc:
                self._refused(actor_id, "draft", case_id, exc)
                raise
            if result.outcome != "drafted" or result.records is None:
                error = ConflictError(f"the engine did not draft: {result.message}")
                self._refused(actor_id, "draft", case_id, error)
                raise error
            files = folder_files(root / "out")
            determination = json.loads(files[DETERMINATION_FILE])
            determination["case"] = f"store:{case.case_number}"
            files[DETERMINATION_FILE] = json_bytes(determination)
            text = result.records.text
            documents = [{**to_jsonable(d), "text": text[d.start : d.end]} for d in result.records.documents]

        def store_draft(session: Session, action: Action) -> int:
            stored = action.case
            assert stored is not None
            number = len(stored.drafts) + 1
            draft = Draft(
                case_id=stored.id,
                number=number,
                determination=determination,
                documents=documents,
                created_by=action.actor.id,
            )
            session.add(draft)
            session.flush()
            session.add_all(_file_rows(files, case_id=stored.id, draft_id=draft.id))
            stored.status = CaseStatus.drafted
            undecided = [i["index"] for i in determination["letter"]["items"] if i["decision"] is None]
            action.detail = {"draft": number, "items": len(determination["letter"]["items"]), "undecided": undecided}
            return number

        return self._act(actor_id, "draft", case_id, store_draft, expected_version=version)

    # ------------------------------------------------------------------ the physician reviewer's part

    def change_item(
        self,
        actor_id: int,
        case_id: int,
        item: int,
        *,
        decision: str,
        reason: str,
        guideline: str | None = None,
        rationale: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """The assigned reviewer's decision for one item of the newest draft, with the reason they give."""
        decision = decision.strip().lower()
        if decision not in DECISIONS:
            raise StoreError(f"decision must be upheld or overturned, not {decision[:40]!r}", field="decision")
        if not reason.strip():
            raise StoreError("a reason is required for every change", field="reason")
        for name, value in (("reason", reason), ("guideline", guideline), ("rationale", rationale)):
            if value is not None and len(value) > MAX_TEXT:
                raise StoreError(f"too long (at most {MAX_TEXT:,} characters)", field=name)
            checked_text(value or "", field=name)

        def change(session: Session, action: Action) -> int:
            case = action.case
            assert case is not None
            require_assigned_reviewer(action.actor, case, "change a decision")
            _require_drafted(case, "changing a decision")
            draft = _newest_draft(case)
            items = {i["index"]: i for i in draft.determination["letter"]["items"]}
            if item not in items:
                raise NotFoundError(f"the draft has no item {item} (items {', '.join(map(str, items))})", field="item")
            engine = items[item]["decision"]
            if decision != engine and not ((guideline or "").strip() and (rationale or "").strip()):
                raise StoreError(
                    "a reversed or undecided item needs your own guideline and rationale", field="rationale"
                )
            change_row = ItemChange(
                case_id=case.id,
                draft_id=draft.id,
                item_index=item,
                decision=decision,
                guideline=(guideline or "").strip() or None,
                rationale=(rationale or "").strip() or None,
                reason=reason.strip(),
                changed_by=action.actor.id,
            )
            session.add(change_row)
            action.detail = {"item": item, "engine": engine, "decision": decision, "reason": reason.strip()}
            session.flush()
            return change_row.id

        return self._act(actor_id, "change_item", case_id, change, expected_version=expected_version)

    def add_note(self, actor_id: int, case_id: int, text: str) -> int:
        if not text.strip():
            raise StoreError("an empty note", field="text")
        if len(text) > MAX_TEXT:
            raise StoreError(f"too long (at most {MAX_TEXT:,} characters)", field="text")
        checked_text(text, field="text")

        def note(session: Session, action: Action) -> int:
            assert action.case is not None
            row = Note(case_id=action.case.id, author_id=action.actor.id, text=text.strip())
            session.add(row)
            session.flush()
            action.detail = {"note": row.id}
            return row.id

        return self._act(actor_id, "add_note", case_id, note)

    def sign(
        self, actor_id: int, case_id: int, *, expected_version: int | None = None, now: dt.datetime | None = None
    ) -> Verification:
        """Sign the newest draft with the reviewer's changes, as the assigned reviewer; what verify then finds."""

        def snapshot(
            session: Session, actor: User, case: Case
        ) -> tuple[int, Case, Draft, dict[int, ReviewerDecision], list[DeterminationFile]]:
            require_assigned_reviewer(actor, case, "sign the determination")
            if case.status == CaseStatus.signed:
                raise SignedCaseError(f"case {case.case_number} is already signed; it cannot be signed again")
            if expected_version is not None and case.version != expected_version:
                raise ConflictError(f"case {case.case_number} changed since you loaded it; reload it and try again")
            _require_drafted(case, "signing")
            draft = _newest_draft(case)
            _ = case.records, case.reviewer  # loaded before the session closes
            files = list(session.scalars(select(DeterminationFile).where(DeterminationFile.draft_id == draft.id)))
            return case.version, case, draft, _reviewer_decisions(session, draft), files

        try:
            version, case, draft, decisions, files = self._read(actor_id, case_id, snapshot)
            with tempfile.TemporaryDirectory(prefix="imr-sign-") as temporary:
                root = Path(temporary)
                case_path = write_case_folder(case, root / "case")
                out = root / "out"
                write_files(out, ((file.name, file.content) for file in files))
                assert case.reviewer is not None and case.reviewer.reviewer_code is not None
                sign_determination(out, case.reviewer.reviewer_code, decisions=decisions, now=now, case_path=case_path)
                signed = folder_files(out)
                verification = check_signature(out, organisation_public_key())
        except ImrError as exc:
            self._refused(actor_id, "sign", case_id, exc)
            raise
        signature_bytes = signed.pop(SIGNATURE_FILE)
        record = json.loads(signature_bytes)

        def store_signature(session: Session, action: Action) -> Verification:
            stored = action.case
            assert stored is not None
            signature = CaseSignature(
                case_id=stored.id,
                draft_id=draft.id,
                signed_by=action.actor.id,
                signed_at=dt.datetime.fromisoformat(record["signed_at"]),
                key_fingerprint=verification.key,
                record=record,
            )
            session.add(signature)
            session.flush()
            session.add_all(
                _file_rows({**signed, SIGNATURE_FILE: signature_bytes}, case_id=stored.id, signature_id=signature.id)
            )
            session.flush()  # the files first: the database refuses any row added to a case once it is signed
            stored.status = CaseStatus.signed
            action.detail = {"draft": draft.number, "changed_items": record["changed_items"], "key": verification.key}
            return verification

        return self._act(actor_id, "sign", case_id, store_signature, expected_version=version)

    def attempt_change_signed(self, actor_id: int, case_id: int, what: str) -> None:
        """Any update to a signed determination: always refused, and the attempt audited."""

        def refuse(session: Session, action: Action) -> None:
            assert action.case is not None
            raise SignedCaseError(f"case {action.case.case_number} is signed: {what} is refused")

        self._act(actor_id, "change_signed", case_id, refuse, may_change_signed=True)

    # ------------------------------------------------------------------ reading

    def verify(self, actor_id: int, case_id: int) -> Verification:
        """Check the stored signed determination against the organisation's key, naming any file that changed."""

        return self._read(actor_id, case_id, lambda session, actor, case: verify_stored_case(session, case))

    def case(self, actor_id: int, case_id: int) -> dict[str, Any]:
        return self._read(actor_id, case_id, views.case_detail)

    def trail(self, actor_id: int, case_id: int) -> dict[str, Any]:
        return self._read(actor_id, case_id, views.draft_trail)

    def letter(self, actor_id: int, case_id: int, kind: str, *, public: bool = False) -> tuple[bytes, str, str]:
        if kind not in views.MEDIA_TYPES:
            raise StoreError(f"no letter format {kind[:20]!r}: text, html or pdf", field="format")
        return self._read(actor_id, case_id, lambda s, a, c: views.letter_file(s, a, c, kind, public))

    def record_file(self, actor_id: int, case_id: int, record_id: int) -> tuple[bytes, str, str]:
        def read(session: Session, actor: User, case: Case) -> tuple[bytes, str, str]:
            record = next((r for r in case.records if r.id == record_id), None)
            if record is None:
                raise NotFoundError(f"case {case.case_number} has no record {record_id}", field="record")
            return record.content, record.media_type, record.file_name

        return self._read(actor_id, case_id, read)

    def queue(self, actor_id: int, today: dt.date | None = None) -> list[dict[str, Any]]:
        with self.store.session() as session:
            return views.queue(session, self._actor(session, actor_id), today)

    def cases(self, actor_id: int) -> list[dict[str, Any]]:
        """Every case the actor may see, newest first (signed and closed ones too)."""
        with self.store.session() as session:
            actor = self._actor(session, actor_id)
            rows = session.scalars(select(Case).order_by(Case.id.desc()))
            return [views.case_summary(actor, case) for case in rows if can_see(actor, case)]

    def audit(self, actor_id: int, case_id: int | None = None, *, limit: int = 500) -> list[dict[str, Any]]:
        with self.store.session() as session:
            actor = self._actor(session, actor_id)
            if case_id is None:
                require_role(actor, MANAGE, "read the whole audit log")
                return views.audit_log(session, actor, None, limit)
            case = self._case(session, case_id)
            require_visible(actor, case)
            return views.audit_log(session, actor, case)


def verify_stored_case(session: Session, case: Case) -> Verification:
    """Check a stored signed determination against the organisation's key, naming any file that changed."""
    signature = session.scalar(select(CaseSignature).where(CaseSignature.case_id == case.id))
    if signature is None:
        raise NotFoundError(f"case {case.case_number} is not signed", field="case")
    files = session.scalars(select(DeterminationFile).where(DeterminationFile.signature_id == signature.id))
    stored = {file.name: file.content for file in files}
    return check_signed_files(stored, organisation_public_key(), source=f"case {case.case_number}")


def verify_case_number(store: Store, case_number: str) -> Verification:
    """verify_stored_case for the case with this number (the organisation's own check, from the command line)."""
    with store.session() as session:
        case = session.scalar(select(Case).where(Case.case_number == case_number))
        if case is None:
            raise NotFoundError(f"no case {case_number} in the store", field="--case")
        return verify_stored_case(session, case)


def _constraint(exc: IntegrityError | DataError) -> str:
    text = str(exc.orig).strip().splitlines()
    return text[0] if text else "a constraint"


def _add_record(session: Session, actor: User, case: Case, upload: RecordUpload) -> CaseRecord:
    media_type, digest = checked_record(upload)
    try:
        described = RecordFile.model_validate(
            {
                "file": upload.file_name,
                "type": upload.record_type,
                "author": upload.author,
                "organisation": upload.organisation,
                "date": upload.date,
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise StoreError(str(first["msg"]), source=upload.file_name, field=".".join(map(str, first["loc"]))) from exc
    if any(record.file_name == upload.file_name for record in case.records):
        raise ConflictError(f"the case already has a record named {upload.file_name}", field="file_name")
    record = CaseRecord(
        case_id=case.id,
        file_name=described.file,
        record_type=described.type,
        author=described.author,
        organisation=described.organisation,
        record_date=described.date,
        media_type=media_type,
        sha256=digest,
        size=len(upload.content),
        content=upload.content,
        uploaded_by=actor.id,
    )
    session.add(record)
    case.records.append(record)
    session.flush()
    return record


def _panel_reviewers(session: Session) -> list[tuple[Reviewer, User]]:
    users = session.scalars(
        select(User)
        .where(User.role == Role.reviewer, User.active.is_(True), User.reviewer_profile.is_not(None))
        .order_by(User.id)
    )
    return [(Reviewer.model_validate(user.reviewer_profile), user) for user in users]


def _file_rows(
    files: Mapping[str, bytes], *, case_id: int, draft_id: int | None = None, signature_id: int | None = None
) -> list[DeterminationFile]:
    """The rows of a draft's (``draft_id``) or the signed determination's (``signature_id``) files."""
    return [
        DeterminationFile(
            case_id=case_id,
            draft_id=draft_id,
            signature_id=signature_id,
            name=name,
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
        )
        for name, content in files.items()
    ]


def _require_drafted(case: Case, action: str) -> None:
    """A draft is decided and signed only while it is the case's latest step: once the case file is corrected (or
    the case screened or assigned again) the newest draft was made from another case file, and must be redone."""
    if case.status != CaseStatus.drafted:
        raise ConflictError(f"the case is {case.status}: draft it (again) before {action}")


def _newest_draft(case: Case) -> Draft:
    if not case.drafts:
        raise ConflictError(f"case {case.case_number} has no draft yet; draft it first")
    return case.drafts[-1]


def _reviewer_decisions(session: Session, draft: Draft) -> dict[int, ReviewerDecision]:
    """The reviewer's newest change to each item of ``draft``."""
    return {
        item: ReviewerDecision(change.decision, change.guideline, change.rationale)
        for item, change in views.draft_changes(session, draft).items()
    }
