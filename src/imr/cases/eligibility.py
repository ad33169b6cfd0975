"""The Administrative Director's eligibility screen of an IMR application (8 CCR 9792.10.3).

One check per rule, each with a reason a person can read:

* ``timely_filing``: received within 30 days of service of the UR decision (+5 if served by mail), with the
  CCP § 12a roll when the last day is not a business day (see :mod:`imr.cases.deadlines`);
* ``signed``: the employee (or representative) signed the DWC Form IMR;
* ``ur_decision_attached``: a copy of the UR decision came with it (no reminder letter since 2014-04-01);
* ``liability_not_disputed``: a liability dispute defers IMR until the WCAB resolves it;
* ``not_previously_decided``: no earlier IMR determination on the same treatment (items already decided are
  listed in ``excluded_items``; the check fails only when nothing is left to review);
* ``ur_not_conditionally_non_certified``: a UR denial for want of information (CNC) cannot go to IMR;
* ``imr_applies_by_date``: injury on/after 2013-01-01, or UR decision on/after 2013-07-01 (LC 4610.5(a)).

Outcome: ``ineligible`` when any check other than the liability one fails; otherwise ``deferred`` when
liability is disputed; otherwise ``eligible``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from imr.cases.calendar import CaliforniaCalendar
from imr.cases.deadlines import Deadline, filing_deadline
from imr.cases.model import CaseFile
from imr.errors import CaseFileError

IMR_INJURY_START = dt.date(2013, 1, 1)
IMR_UR_DECISION_START = dt.date(2013, 7, 1)


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    DEFERRED = "deferred"


class CheckName(StrEnum):
    TIMELY_FILING = "timely_filing"
    SIGNED = "signed"
    UR_DECISION_ATTACHED = "ur_decision_attached"
    LIABILITY_NOT_DISPUTED = "liability_not_disputed"
    NOT_PREVIOUSLY_DECIDED = "not_previously_decided"
    UR_NOT_CONDITIONALLY_NON_CERTIFIED = "ur_not_conditionally_non_certified"
    IMR_APPLIES_BY_DATE = "imr_applies_by_date"


@dataclass(frozen=True, slots=True)
class EligibilityCheck:
    name: CheckName
    passed: bool
    reason: str


@dataclass(frozen=True, slots=True)
class EligibilityReport:
    case_number: str
    outcome: Outcome
    checks: tuple[EligibilityCheck, ...]
    filing_deadline: Deadline
    excluded_items: tuple[int, ...] = ()  # 1-based numbers of items an earlier IMR already decided

    @property
    def failed(self) -> tuple[EligibilityCheck, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def check(self, name: CheckName | str) -> EligibilityCheck:
        return next(c for c in self.checks if c.name == name)


def check_eligibility(
    case: CaseFile, today: dt.date | None = None, *, calendar: CaliforniaCalendar | None = None
) -> EligibilityReport:
    """Screen ``case``. ``today`` (default: the system date) guards against dates that have not happened yet:
    a case date after ``today`` raises :class:`CaseFileError`, since no screen can rest on it."""
    _refuse_future_dates(case, today or dt.date.today())
    deadline = filing_deadline(case, calendar)
    excluded, previously = _previous_imr(case)
    checks = (
        _timely(case, deadline),
        _signed(case),
        _attached(case),
        _liability(case),
        previously,
        _cnc(case),
        _applies_by_date(case),
    )
    return EligibilityReport(case.case_number, _outcome(checks), checks, deadline, excluded)


def _outcome(checks: tuple[EligibilityCheck, ...]) -> Outcome:
    failed = {c.name for c in checks if not c.passed}
    if failed - {CheckName.LIABILITY_NOT_DISPUTED}:
        return Outcome.INELIGIBLE
    if failed:
        return Outcome.DEFERRED
    return Outcome.ELIGIBLE


def _timely(case: CaseFile, deadline: Deadline) -> EligibilityCheck:
    received = case.dates.application_received
    assert deadline.due is not None  # the filing clock always starts at service
    if received <= deadline.due:
        reason = f"Received {received.isoformat()}, on or before the filing deadline {deadline.due.isoformat()}."
        return EligibilityCheck(CheckName.TIMELY_FILING, True, reason)
    late = (received - deadline.due).days
    reason = (
        f"Received {received.isoformat()}, {late} day{'s' if late != 1 else ''} after the filing deadline"
        f" {deadline.due.isoformat()}. {deadline.basis}"
    )
    return EligibilityCheck(CheckName.TIMELY_FILING, False, reason)


def _signed(case: CaseFile) -> EligibilityCheck:
    signature = case.application.signature
    if signature.signed and signature.date is not None:
        return EligibilityCheck(CheckName.SIGNED, True, f"Signed {signature.date.isoformat()}.")
    return EligibilityCheck(
        CheckName.SIGNED, False, "The application is not signed by the employee or a representative."
    )


def _attached(case: CaseFile) -> EligibilityCheck:
    if case.application.ur_decision_attached:
        return EligibilityCheck(CheckName.UR_DECISION_ATTACHED, True, "A copy of the UR decision is attached.")
    return EligibilityCheck(
        CheckName.UR_DECISION_ATTACHED, False, "No copy of the UR decision was attached to the application."
    )


def _liability(case: CaseFile) -> EligibilityCheck:
    if not case.application.liability_disputed:
        return EligibilityCheck(CheckName.LIABILITY_NOT_DISPUTED, True, "Liability is not disputed.")
    reason = (
        "The claims administrator disputes liability; IMR is deferred until the WCAB resolves it (8 CCR 9792.10.3)."
    )
    return EligibilityCheck(CheckName.LIABILITY_NOT_DISPUTED, False, reason)


def _previous_imr(case: CaseFile) -> tuple[tuple[int, ...], EligibilityCheck]:
    priors = case.application.prior_imr_decisions
    name = CheckName.NOT_PREVIOUSLY_DECIDED
    if not priors:
        return (), EligibilityCheck(name, True, "No earlier IMR determination on this treatment.")
    every = range(1, len(case.items) + 1)
    decided = sorted({n for p in priors for n in (p.items or every)})
    cited = "; ".join(f"{p.case_number} of {p.decision_date.isoformat()} ({p.treatment})" for p in priors)
    if len(decided) == len(case.items):
        return tuple(decided), EligibilityCheck(name, False, f"Already decided by IMR: {cited}.")
    numbers = ", ".join(str(n) for n in decided)
    reason = f"Item(s) {numbers} already decided by IMR ({cited}); the other items remain eligible."
    return tuple(decided), EligibilityCheck(name, True, reason)


def _cnc(case: CaseFile) -> EligibilityCheck:
    name = CheckName.UR_NOT_CONDITIONALLY_NON_CERTIFIED
    if not case.application.ur_conditionally_non_certified:
        return EligibilityCheck(name, True, "The UR decision was not a conditional non-certification.")
    reason = "UR denied the request because requested information was not received (conditionally non-certified)."
    return EligibilityCheck(name, False, reason)


def _applies_by_date(case: CaseFile) -> EligibilityCheck:
    name = CheckName.IMR_APPLIES_BY_DATE
    injury, decided = case.dates.injury, case.dates.ur_decision
    if injury >= IMR_INJURY_START:
        return EligibilityCheck(name, True, f"Injury on {injury.isoformat()}, on or after 2013-01-01.")
    if decided >= IMR_UR_DECISION_START:
        reason = f"UR decision on {decided.isoformat()}, on or after 2013-07-01 (any injury date)."
        return EligibilityCheck(name, True, reason)
    reason = (
        f"Injury on {injury.isoformat()} (before 2013-01-01) and UR decision on {decided.isoformat()}"
        " (before 2013-07-01): the dispute goes the pre-2013 route, not IMR."
    )
    return EligibilityCheck(name, False, reason)


def _refuse_future_dates(case: CaseFile, today: dt.date) -> None:
    d = case.dates
    named: list[tuple[str, dt.date | None]] = [
        ("dates.injury", d.injury),
        ("dates.request_for_authorization", d.request_for_authorization),
        ("dates.ur_decision", d.ur_decision),
        ("dates.ur_decision_served.date", d.ur_decision_served.date),
        ("dates.application_received", d.application_received),
        ("dates.records_received", d.records_received),
        ("dates.notice_of_assignment.sent", d.notice_of_assignment.sent if d.notice_of_assignment else None),
        ("application.signature.date", case.application.signature.date),
    ]
    for field, day in named:
        if day is not None and day > today:
            raise CaseFileError(
                f"{day.isoformat()} is after today ({today.isoformat()})",
                source=str(case.source) if case.source else None,
                field=field,
            )
