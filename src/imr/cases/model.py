"""An IMR case on disk: a folder holding ``case.yaml`` (the DWC Form IMR application and the UR decision) and
the record files the reviewer will read.

The pydantic models here are the file's schema (``imr schema case`` prints it). ``load_case`` validates the
file, checks that its dates tell a possible story and that every listed record file can be read, and raises
:class:`imr.errors.CaseFileError` naming the file, the field (``items[1].ur_action``; list indexes count from
0) and what was expected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from imr.cases.yaml_input import IsoDate, raise_problems, raise_validation_error, read_yaml_mapping
from imr.errors import CaseFileError
from imr.text.sources import decode_text

Priority = Literal["standard", "expedited"]
ServiceMethod = Literal["mail", "electronic", "personal", "fax"]
UrAction = Literal["denied", "modified"]
DocumentType = Literal["progress_report", "pt_note", "ur_decision", "imaging_report", "application", "other"]
Representing = Literal["applicant", "defense"]

CASE_FILE_NAME = "case.yaml"
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
PDF_SUFFIXES = frozenset({".pdf"})

_PHONE = r"^\+?[0-9()\-. ]{7,20}( ?(x|ext\.?) ?[0-9]{1,6})?$"


def _digits_as_text(width: int) -> BeforeValidator:
    """YAML reads an unquoted ZIP or NPI as a number; take it back as text (zero-padded to ``width``)."""

    def convert(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:0{width}d}"
        return value

    return BeforeValidator(convert)


ZipCode = Annotated[str, Field(pattern=r"^\d{5}(-\d{4})?$"), _digits_as_text(5)]
Npi = Annotated[str, Field(pattern=r"^\d{10}$"), _digits_as_text(10)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Address(_Model):
    street: str = Field(min_length=1, description="Street and number, suite if any")
    city: str = Field(min_length=1)
    state: str = Field(default="CA", pattern=r"^[A-Z]{2}$", description="Two-letter state code")
    zip: ZipCode


class Service(_Model):
    """How and when the UR decision was served on the employee (starts the 30-day filing window)."""

    method: ServiceMethod
    date: IsoDate


class NoticeOfAssignment(_Model):
    """The IMRO's Notice of Assignment and Request for Information (starts the records clock)."""

    sent: IsoDate
    electronic: bool = Field(description="Sent electronically (12-day records clock) rather than by mail (15)")


class CaseDates(_Model):
    injury: IsoDate
    request_for_authorization: IsoDate
    ur_decision: IsoDate
    ur_decision_served: Service
    application_received: IsoDate = Field(description="Day the DWC Form IMR reached the AD / IMRO")
    records_received: IsoDate | None = Field(default=None, description="Day the record set was complete")
    notice_of_assignment: NoticeOfAssignment | None = None


class Signature(_Model):
    signed: bool
    date: IsoDate | None = None


class PriorImrDecision(_Model):
    """An earlier IMR determination on the same treatment."""

    case_number: str = Field(min_length=1)
    decision_date: IsoDate
    treatment: str = Field(min_length=1)
    items: list[int] = Field(
        default_factory=list,
        description="1-based numbers of this application's items it already decided; empty means all of them",
    )


class Application(_Model):
    signature: Signature
    ur_decision_attached: bool
    liability_disputed: bool = Field(default=False, description="Claims administrator disputes liability")
    ur_conditionally_non_certified: bool = Field(
        default=False, description="UR denied because requested information was not received (CNC)"
    )
    prior_imr_decisions: list[PriorImrDecision] = Field(default_factory=list)


class Employee(_Model):
    name: str = Field(min_length=1)
    date_of_birth: IsoDate
    claim_number: str = Field(min_length=1)
    address: Address
    phone: str | None = Field(default=None, pattern=_PHONE)


class Employer(_Model):
    name: str = Field(min_length=1)
    address: Address | None = None


class ClaimsAdministrator(_Model):
    company: str = Field(min_length=1)
    adjuster: str | None = None
    address: Address
    phone: str | None = Field(default=None, pattern=_PHONE)


class RequestingPhysician(_Model):
    name: str = Field(min_length=1)
    specialty: str = Field(min_length=1)
    npi: Npi | None = Field(default=None, description="10-digit National Provider Identifier")
    license_number: str | None = Field(default=None, min_length=2)
    medical_group: str | None = Field(default=None, description="Practice or medical group")
    address: Address
    phone: str | None = Field(default=None, pattern=_PHONE)

    @model_validator(mode="after")
    def _identified(self) -> RequestingPhysician:
        if not self.npi and not self.license_number:
            raise ValueError("give npi or license_number (neither is present)")
        return self


class Attorney(_Model):
    name: str = Field(min_length=1)
    firm: str | None = None
    address: Address | None = None
    represents: Representing


class Provider(_Model):
    """Another treating provider (therapist, consultant, clinic) the reviewer must not be affiliated with."""

    name: str = Field(min_length=1)
    role: str = Field(min_length=1, description="e.g. physical therapist, chiropractor, pain management")
    organisation: str | None = None


class DisputedItem(_Model):
    request: str = Field(min_length=1, description="The treatment as the application lists it")
    ur_action: UrAction
    modified_to: str | None = Field(default=None, description="What UR certified instead (only when modified)")
    ur_decision_date: IsoDate | None = Field(default=None, description="Only if it differs from dates.ur_decision")
    ur_guideline: str | None = Field(default=None, description="The guideline UR relied on, as the letter prints it")
    formulary_drug: bool | None = Field(
        default=None,
        description="A drug dispute under the MTUS Drug Formulary; when left out, a request that names a drug is one",
    )


class RecordFile(_Model):
    file: str = Field(min_length=1, description="Path relative to the case folder")
    type: DocumentType
    author: str = Field(min_length=1)
    organisation: str | None = None
    date: IsoDate


class CaseFile(_Model):
    """One IMR case: the application, the UR decision and the records."""

    case_number: str = Field(
        min_length=1, description="IMR case number: CM, the two-digit year, a hyphen and seven digits"
    )
    priority: Priority
    dates: CaseDates
    application: Application
    employee: Employee
    employer: Employer
    claims_administrator: ClaimsAdministrator
    requesting_physician: RequestingPhysician
    attorneys: list[Attorney] = Field(default_factory=list)
    other_providers: list[Provider] = Field(default_factory=list)
    items: list[DisputedItem] = Field(min_length=1)
    records: list[RecordFile] = Field(default_factory=list)

    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        """The case.yaml this case was loaded from (``None`` when built in memory)."""
        return self._source

    @property
    def folder(self) -> Path | None:
        return self._source.parent if self._source is not None else None

    def record_path(self, record: RecordFile) -> Path:
        if self.folder is None:
            raise CaseFileError("case was not loaded from a folder; record files have no location", field="records")
        return self.folder / record.file

    def item_ur_date(self, index: int) -> dt.date:
        """The UR decision date that applies to item ``index`` (0-based)."""
        return self.items[index].ur_decision_date or self.dates.ur_decision


def case_json_schema() -> dict[str, Any]:
    """JSON Schema of ``case.yaml`` (draft 2020-12), for ``imr schema case``."""
    schema = CaseFile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def load_case(folder_or_yaml: Path) -> CaseFile:
    """Read and check a case folder (or its ``case.yaml``); raise :class:`CaseFileError` on any problem."""
    path = Path(folder_or_yaml)
    if path.is_dir():
        path = path / CASE_FILE_NAME
    source = str(path)
    data = read_yaml_mapping(path, CaseFileError)
    try:
        case = CaseFile.model_validate(data)
    except ValidationError as exc:
        raise_validation_error(exc, CaseFileError, source=source)
    problems = consistency_problems(case) + record_file_problems(case, path.parent)
    if problems:
        raise_problems(problems, CaseFileError, source=source)
    case._source = path
    return case


def consistency_problems(case: CaseFile) -> list[tuple[str, str]]:
    """Dates out of order and fields that contradict each other, as ``(field path, message)`` pairs."""
    d = case.dates
    out: list[tuple[str, str]] = []

    def order(earlier: tuple[str, dt.date | None], later: tuple[str, dt.date | None]) -> None:
        (e_name, e_day), (l_name, l_day) = earlier, later
        if e_day is not None and l_day is not None and l_day < e_day:
            out.append((l_name, f"{l_day.isoformat()} is before {e_name} ({e_day.isoformat()})"))

    order(("employee.date_of_birth", case.employee.date_of_birth), ("dates.injury", d.injury))
    order(("dates.injury", d.injury), ("dates.request_for_authorization", d.request_for_authorization))
    order(("dates.request_for_authorization", d.request_for_authorization), ("dates.ur_decision", d.ur_decision))
    order(("dates.ur_decision", d.ur_decision), ("dates.ur_decision_served.date", d.ur_decision_served.date))
    order(("dates.ur_decision", d.ur_decision), ("dates.application_received", d.application_received))
    notice = d.notice_of_assignment.sent if d.notice_of_assignment else None
    order(("dates.application_received", d.application_received), ("dates.notice_of_assignment.sent", notice))
    order(("dates.application_received", d.application_received), ("dates.records_received", d.records_received))

    signature = case.application.signature
    if signature.signed and signature.date is None:
        out.append(("application.signature.date", "required when signed is true"))
    order(("application.signature.date", signature.date), ("dates.application_received", d.application_received))

    for i, item in enumerate(case.items):
        if item.ur_action == "modified" and not item.modified_to:
            out.append((f"items[{i}].modified_to", "required when ur_action is 'modified'"))
        if item.ur_action == "denied" and item.modified_to:
            out.append((f"items[{i}].modified_to", "only allowed when ur_action is 'modified'"))
        item_date = (f"items[{i}].ur_decision_date", item.ur_decision_date)
        order(("dates.request_for_authorization", d.request_for_authorization), item_date)
        order(item_date, ("dates.application_received", d.application_received))

    for i, prior in enumerate(case.application.prior_imr_decisions):
        for number in prior.items:
            if not 1 <= number <= len(case.items):
                out.append(
                    (
                        f"application.prior_imr_decisions[{i}].items",
                        f"item number {number} does not exist (the application has {len(case.items)})",
                    )
                )
        if prior.decision_date > d.application_received:
            out.append(
                (
                    f"application.prior_imr_decisions[{i}].decision_date",
                    f"{prior.decision_date.isoformat()} is after dates.application_received",
                )
            )

    seen: dict[str, int] = {}
    for i, record in enumerate(case.records):
        key = record.file.strip()
        if key in seen:
            out.append((f"records[{i}].file", f"{key!r} is already listed as records[{seen[key]}]"))
        seen.setdefault(key, i)
    return out


def record_file_problems(case: CaseFile, folder: Path) -> list[tuple[str, str]]:
    """Every record must be a readable text or PDF file inside the case folder: the ones that are not, as
    ``(field path, message)`` pairs. Text may be UTF-8, Windows-1252 or Latin-1 (see imr.text.sources)."""
    out: list[tuple[str, str]] = []
    for i, record in enumerate(case.records):
        problem = _record_file_problem(record.file, folder)
        if problem:
            out.append((f"records[{i}].file", problem))
    return out


def _record_file_problem(file: str, folder: Path) -> str | None:
    rel = PurePosixPath(file.replace("\\", "/"))
    if rel.is_absolute() or ".." in rel.parts:
        return f"{file!r} must be a path inside the case folder"
    suffix = rel.suffix.lower()
    if suffix not in TEXT_SUFFIXES | PDF_SUFFIXES:
        return f"{file!r}: expected a text (.txt, .md) or PDF (.pdf) file"
    path = folder.joinpath(*rel.parts)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return f"record file {file!r} not found"
    except IsADirectoryError:
        return f"record file {file!r} is a directory"
    except OSError as exc:
        return f"record file {file!r} cannot be read ({exc.strerror})"
    if not content.strip():
        return f"record file {file!r} is empty"
    if suffix in PDF_SUFFIXES:
        return None if content.startswith(b"%PDF-") else f"record file {file!r} is not a PDF (no %PDF- header)"
    if decode_text(content) is None:
        return f"record file {file!r} is binary, not text"
    return None
