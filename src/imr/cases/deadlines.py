"""The IMR clocks of a case: filing, records and decision deadlines.

* **Filing** (LC 4610.5(h)(1); 8 CCR 9792.10.1(b)(1)): the application must be *received* within 30 days of
  service of the UR decision, plus 5 days when the decision was served by mail (CCP § 1013(a), as the WCAB
  applied it in *Avila*, 2015). No extension is added for fax, electronic or personal service.
* **Records** (8 CCR 9792.10.5): the IMRO must receive the records within 15 days of the mailing of the notice
  of assignment, 12 days when the notice went electronically, 24 hours for expedited review. (LC 4610.5(l) as
  enacted said 10 days; the regulation is modelled.)
* **Decision** (LC 4610.6(d)): 30 days from receipt of the request and the supporting records; 5 working
  days for a formulary-drug dispute (disputes from 2018-01-01, when the MTUS Drug Formulary took effect; an item
  the case file does not mark either way is one when its request names a drug);
  3 days for expedited review. "Receipt of the request and records" is the later of
  ``dates.application_received`` and ``dates.records_received``; without a records date the decision
  deadline is not yet known. These timelines are directory (*Margaris* 2016, *Ramirez* 2017): a late
  decision stays valid.

**Weekends and holidays.** A period counted in calendar days whose last day falls on a Saturday, Sunday or
California judicial holiday ends on the next business day instead: CCP § 12 leaves the last day out when it
is a holiday and § 12a extends the period to the next day that is not one (see :mod:`imr.cases.calendar`).
This is applied to every calendar-day period here (filing, 15/12-day records, 30-day and 3-day decision).
The 24-hour records period is not rolled (it is counted in hours), and working-day periods skip holidays as
they count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imr.cases.calendar import CalendarRangeError, CaliforniaCalendar, RolledDate, california_calendar
from imr.cases.model import CaseFile
from imr.errors import CaseFileError, RequestParseError
from imr.guidelines.editions import subject_to_drug_formulary
from imr.requests import parse_request

FILING_DAYS = 30
MAIL_EXTENSION_DAYS = 5
RECORDS_DAYS_MAILED_NOTICE = 15
RECORDS_DAYS_ELECTRONIC_NOTICE = 12
DECISION_DAYS = 30
FORMULARY_DECISION_WORKING_DAYS = 5
EXPEDITED_DECISION_DAYS = 3
FORMULARY_IN_FORCE = dt.date(2018, 1, 1)


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str  # "filing", "records", "decision", "formulary_decision"
    due: dt.date | None  # None while the clock has not started
    start: dt.date | None  # the day the period counts from (not itself counted)
    basis: str  # one sentence: the rule, the start, the count, and any roll-forward
    nominal: dt.date | None = None  # the last day as counted, before rolling past weekends/holidays
    skipped: tuple[str, ...] = ()  # days rolled past, e.g. "2016-10-08 Saturday"

    @property
    def rolled(self) -> bool:
        return self.due is not None and self.nominal is not None and self.due != self.nominal


@dataclass(frozen=True, slots=True)
class Deadlines:
    case_number: str
    filing: Deadline
    records: Deadline
    decision: Deadline
    formulary_decision: Deadline | None = None  # only when some, not all, items are formulary-drug disputes

    def all(self) -> tuple[Deadline, ...]:
        found = (self.filing, self.records, self.decision, self.formulary_decision)
        return tuple(d for d in found if d is not None)


def compute_deadlines(case: CaseFile, calendar: CaliforniaCalendar | None = None) -> Deadlines:
    """All deadlines of ``case`` (see the module docstring for the rules and the weekend/holiday roll)."""
    cal = calendar or california_calendar()
    decision, formulary = _decision_deadlines(case, cal)
    return Deadlines(
        case_number=case.case_number,
        filing=filing_deadline(case, cal),
        records=records_deadline(case, cal),
        decision=decision,
        formulary_decision=formulary,
    )


def filing_deadline(case: CaseFile, calendar: CaliforniaCalendar | None = None) -> Deadline:
    cal = calendar or california_calendar()
    served = case.dates.ur_decision_served
    days = FILING_DAYS + (MAIL_EXTENSION_DAYS if served.method == "mail" else 0)
    rolled = _add_days(cal, case, served.date, days, "dates.ur_decision_served.date")
    period = (
        f"{days} days ({FILING_DAYS}, plus {MAIL_EXTENSION_DAYS} because it was served by mail)"
        if served.method == "mail"
        else f"{days} days"
    )
    basis = (
        f"Application must be received within {period} of service of the UR decision"
        f" ({served.method}, {served.date.isoformat()}){_roll_note(rolled)}."
    )
    return _deadline("filing", served.date, basis, rolled)


def records_deadline(case: CaseFile, calendar: CaliforniaCalendar | None = None) -> Deadline:
    cal = calendar or california_calendar()
    notice = case.dates.notice_of_assignment
    if notice is None:
        return Deadline(
            "records", None, None, "No notice of assignment has been sent yet; the records clock starts then."
        )
    if case.priority == "expedited":
        due = notice.sent + dt.timedelta(days=1)
        basis = (
            "Expedited review: records due within 24 hours of the notice of assignment"
            f" ({notice.sent.isoformat()}); the time of day is not recorded, so the next calendar day."
            " Hours are not rolled past holidays."
        )
        return Deadline("records", due, notice.sent, basis, nominal=due)
    days = RECORDS_DAYS_ELECTRONIC_NOTICE if notice.electronic else RECORDS_DAYS_MAILED_NOTICE
    how = "sent electronically" if notice.electronic else "mailed"
    rolled = _add_days(cal, case, notice.sent, days, "dates.notice_of_assignment.sent")
    basis = (
        f"Records due within {days} days of the notice of assignment, {how} {notice.sent.isoformat()}"
        f"{_roll_note(rolled)}."
    )
    return _deadline("records", notice.sent, basis, rolled)


def _decision_deadlines(case: CaseFile, cal: CaliforniaCalendar) -> tuple[Deadline, Deadline | None]:
    d = case.dates
    if d.records_received is None:
        waiting = "The decision clock starts when the request and the supporting records have both been received."
        return Deadline("decision", None, None, waiting), None
    start = max(d.application_received, d.records_received)
    field = "dates.records_received" if start == d.records_received else "dates.application_received"
    received = f"request and records received by {start.isoformat()}"

    if case.priority == "expedited":
        rolled = _add_days(cal, case, start, EXPEDITED_DECISION_DAYS, field)
        basis = f"Expedited review: {EXPEDITED_DECISION_DAYS} days after the {received}{_roll_note(rolled)}."
        return _deadline("decision", start, basis, rolled), None

    formulary = [i for i in range(len(case.items)) if _is_formulary_drug(case, i) and _formulary_in_force(case, i)]
    flagged_early = [i for i, item in enumerate(case.items) if item.formulary_drug and i not in formulary]
    early_note = ""
    if flagged_early:
        numbers = ", ".join(str(i + 1) for i in flagged_early)
        early_note = (
            f" Item(s) {numbers} are marked as formulary drugs, but the 5-working-day clock applies only to"
            f" disputes from {FORMULARY_IN_FORCE.isoformat()}."
        )

    working = _formulary_deadline(case, cal, start, field, received)
    if formulary and len(formulary) == len(case.items):
        return working, None

    rolled = _add_days(cal, case, start, DECISION_DAYS, field)
    basis = f"{DECISION_DAYS} days after the {received}{_roll_note(rolled)}.{early_note}"
    regular = _deadline("decision", start, basis, rolled)
    if formulary:
        numbers = ", ".join(str(i + 1) for i in formulary)
        inferred = [i + 1 for i in formulary if case.items[i].formulary_drug is None]
        note = (
            f" Item(s) {', '.join(map(str, inferred))} name a drug and are read as formulary-drug disputes;"
            f" set formulary_drug in the case file to say otherwise."
            if inferred
            else ""
        )
        working = Deadline(
            "formulary_decision",
            working.due,
            working.start,
            f"Formulary-drug item(s) {numbers}: {working.basis}{note}",
        )
        return regular, working
    return regular, None


def _formulary_deadline(case: CaseFile, cal: CaliforniaCalendar, start: dt.date, field: str, received: str) -> Deadline:
    try:
        due = cal.add_business_days(start, FORMULARY_DECISION_WORKING_DAYS)
    except CalendarRangeError as exc:
        raise CaseFileError(exc.message, source=_source(case), field=field) from None
    basis = f"{FORMULARY_DECISION_WORKING_DAYS} working days after the {received} (formulary-drug dispute)."
    return Deadline("decision", due, start, basis)


def _is_formulary_drug(case: CaseFile, index: int) -> bool:
    """As the case file says; when it is silent, a request that names a drug (the request vocabulary reads it)."""
    flag = case.items[index].formulary_drug
    if flag is not None:
        return flag
    try:
        return subject_to_drug_formulary(parse_request(case.items[index].request))
    except RequestParseError:
        return False


def _formulary_in_force(case: CaseFile, index: int) -> bool:
    return case.item_ur_date(index) >= FORMULARY_IN_FORCE


def _add_days(cal: CaliforniaCalendar, case: CaseFile, start: dt.date, days: int, field: str) -> RolledDate:
    try:
        return cal.add_calendar_days(start, days)
    except CalendarRangeError as exc:
        raise CaseFileError(exc.message, source=_source(case), field=field) from None


def _deadline(name: str, start: dt.date, basis: str, rolled: RolledDate) -> Deadline:
    return Deadline(name, rolled.due, start, basis, nominal=rolled.nominal, skipped=rolled.skipped)


def _roll_note(rolled: RolledDate) -> str:
    if not rolled.rolled:
        return f": {rolled.due.isoformat()}"
    days = ", ".join(rolled.skipped)
    return (
        f": day {rolled.nominal.isoformat()} is not a business day ({days}),"
        f" so the period ends {rolled.due.isoformat()} (CCP §§ 12, 12a)"
    )


def _source(case: CaseFile) -> str | None:
    return str(case.source) if case.source is not None else None
