"""Deadlines on the edges: month ends, leap day, weekends, holidays, expedited and formulary clocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imr.cases.deadlines import compute_deadlines, filing_deadline
from imr.cases.model import load_case
from imr.errors import CaseFileError
from tests.cases.case_builder import make_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
D = dt.date.fromisoformat


def _served(served: str, method: str, received: str | None = None) -> dict[str, Any]:
    """Changes that put UR decision and service on ``served`` and keep the other dates consistent."""
    return {
        "dates.injury": "2014-06-01",
        "dates.request_for_authorization": served,
        "dates.ur_decision": served,
        "dates.ur_decision_served": {"method": method, "date": served},
        "dates.application_received": received or served,
        "application.signature.date": received or served,
        "dates.notice_of_assignment": None,
        "dates.records_received": None,
    }


@pytest.mark.parametrize(
    ("served", "method", "due", "rolled"),
    [
        ("2017-01-31", "electronic", "2017-03-02", False),  # across a 28-day February
        ("2016-01-30", "electronic", "2016-02-29", False),  # lands on leap day, a Monday
        ("2016-02-29", "mail", "2016-04-04", False),  # starts on leap day: 35 days -> Monday Apr 4
        ("2015-01-31", "personal", "2015-03-02", False),  # 2015-03-02 is a Monday
        ("2016-09-08", "electronic", "2016-10-11", True),  # Sat Oct 8 -> Sun -> Columbus Day Mon -> Tue
        ("2016-10-25", "fax", "2016-11-28", True),  # Thanksgiving Thu Nov 24, Fri 25, weekend -> Mon 28
        ("2016-11-25", "electronic", "2016-12-27", True),  # Sun Dec 25, Christmas observed Mon 26 -> Tue 27
        ("2017-03-09", "mail", "2017-04-13", False),  # Thursday, no roll
        ("2017-05-07", "electronic", "2017-06-06", False),
        ("2017-11-12", "electronic", "2017-12-12", False),
        ("2017-12-02", "electronic", "2018-01-02", True),  # Jan 1 2018 Monday holiday -> Tue Jan 2
    ],
)
def test_filing_deadline_edges(tmp_path: Path, served: str, method: str, due: str, rolled: bool) -> None:
    deadline = filing_deadline(make_case(tmp_path, **_served(served, method)))
    assert deadline.due == D(due)
    assert deadline.rolled is rolled
    assert deadline.start == D(served)


def test_rolled_deadline_explains_what_it_skipped(tmp_path: Path) -> None:
    deadline = filing_deadline(make_case(tmp_path, **_served("2016-09-08", "electronic")))
    assert deadline.nominal == D("2016-10-08")
    assert deadline.skipped == ("2016-10-08 Saturday", "2016-10-09 Sunday", "2016-10-10 Columbus Day")
    assert "so the period ends 2016-10-11 (CCP §§ 12, 12a)" in deadline.basis


# -- records -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "sent", "electronic", "due"),
    [
        ("standard", "2016-09-21", False, "2016-10-06"),  # mailed notice: 15 days, a Thursday
        ("standard", "2016-09-21", True, "2016-10-03"),  # electronic notice: 12 days, a Monday
        ("standard", "2016-09-23", False, "2016-10-11"),  # 15 days -> Sat Oct 8 -> past Columbus Day
        ("standard", "2017-06-30", True, "2017-07-12"),  # July 4 inside the period does not matter
        ("expedited", "2016-10-14", True, "2016-10-15"),  # 24 hours: a Saturday, not rolled
    ],
)
def test_records_deadline(tmp_path: Path, priority: str, sent: str, electronic: bool, due: str) -> None:
    case = make_case(
        tmp_path,
        **{
            "priority": priority,
            "dates.notice_of_assignment": {"sent": sent, "electronic": electronic},
            "dates.records_received": None,
        },
    )
    records = compute_deadlines(case).records
    assert records.due == D(due)
    assert records.start == D(sent)


def test_no_records_deadline_before_the_notice(tmp_path: Path) -> None:
    case = make_case(tmp_path, **{"dates.notice_of_assignment": None, "dates.records_received": None})
    deadlines = compute_deadlines(case)
    assert deadlines.records.due is None
    assert deadlines.decision.due is None
    assert "records" in deadlines.decision.basis
    assert [d.name for d in deadlines.all()] == ["filing", "records", "decision"]


# -- decision ------------------------------------------------------------------------------------------------


def test_decision_counts_from_the_later_of_application_and_records(tmp_path: Path) -> None:
    case = make_case(tmp_path, **{"dates.records_received": "2016-10-04"})
    decision = compute_deadlines(case).decision
    assert decision.start == D("2016-10-04")
    assert decision.due == D("2016-11-03")


def test_decision_on_a_sunday_rolls_to_monday(tmp_path: Path) -> None:
    case = make_case(tmp_path, **{"dates.records_received": "2016-10-07"})
    decision = compute_deadlines(case).decision
    assert (decision.nominal, decision.due) == (D("2016-11-06"), D("2016-11-07"))


def test_expedited_decision_is_three_days(tmp_path: Path) -> None:
    case = make_case(tmp_path, **{"priority": "expedited", "dates.records_received": "2016-10-04"})
    assert compute_deadlines(case).decision.due == D("2016-10-07")


def _formulary_case(tmp_path: Path, *, flags: tuple[bool, bool], priority: str = "standard") -> Any:
    return make_case(
        tmp_path,
        **{
            "priority": priority,
            "dates.injury": "2017-06-01",
            "dates.request_for_authorization": "2018-01-02",
            "dates.ur_decision": "2018-01-05",
            "dates.ur_decision_served": {"method": "electronic", "date": "2018-01-05"},
            "dates.application_received": "2018-01-09",
            "application.signature.date": "2018-01-08",
            "dates.notice_of_assignment": {"sent": "2018-01-10", "electronic": True},
            "dates.records_received": "2018-01-11",
            "items[0].formulary_drug": flags[0],
            "items[1].formulary_drug": flags[1],
        },
    )


def test_formulary_only_dispute_takes_five_working_days_skipping_a_holiday(tmp_path: Path) -> None:
    # From Thursday 2018-01-11: Fri 12, (weekend), (MLK Day Mon 15), Tue 16, Wed 17, Thu 18, Fri 19.
    deadlines = compute_deadlines(_formulary_case(tmp_path, flags=(True, True)))
    assert deadlines.decision.due == D("2018-01-19")
    assert "working days" in deadlines.decision.basis
    assert deadlines.formulary_decision is None


def test_mixed_dispute_has_both_clocks(tmp_path: Path) -> None:
    deadlines = compute_deadlines(_formulary_case(tmp_path, flags=(False, True)))
    # 30 days -> Saturday Feb 10, Sunday, Lincoln Day Monday Feb 12 -> Tuesday Feb 13
    assert deadlines.decision.due == D("2018-02-13")
    assert deadlines.formulary_decision is not None
    assert deadlines.formulary_decision.due == D("2018-01-19")
    assert deadlines.formulary_decision.basis.startswith("Formulary-drug item(s) 2:")
    assert len(deadlines.all()) == 4


def test_a_drug_request_is_a_formulary_dispute_unless_the_case_file_says_otherwise(tmp_path: Path) -> None:
    case = _formulary_case(tmp_path, flags=(False, True))
    items = [item.model_copy(update={"formulary_drug": None}) for item in case.items]
    inferred = compute_deadlines(case.model_copy(update={"items": items}))
    drugs = [i + 1 for i, item in enumerate(case.items) if "norco" in item.request.lower()]
    assert drugs, "the example case disputes a drug"
    assert inferred.formulary_decision is not None
    assert inferred.formulary_decision.basis.startswith(f"Formulary-drug item(s) {drugs[0]}:")
    assert "read as formulary-drug disputes" in inferred.formulary_decision.basis
    # an explicit false wins over the drug name
    explicit = [item.model_copy(update={"formulary_drug": False}) for item in case.items]
    assert compute_deadlines(case.model_copy(update={"items": explicit})).formulary_decision is None


def test_a_request_that_names_no_drug_is_no_formulary_dispute(tmp_path: Path) -> None:
    case = _formulary_case(tmp_path, flags=(False, False))
    items = [
        item.model_copy(update={"formulary_drug": None, "request": "Medication management visit"})
        for item in case.items
    ]
    deadlines = compute_deadlines(case.model_copy(update={"items": items}))
    assert deadlines.formulary_decision is None
    assert "working days" not in deadlines.decision.basis


def test_expedited_wins_over_formulary(tmp_path: Path) -> None:
    deadlines = compute_deadlines(_formulary_case(tmp_path, flags=(True, True), priority="expedited"))
    assert deadlines.decision.due == D("2018-01-16")  # 3 days -> Sun Jan 14 -> MLK Day -> Tue Jan 16


def test_formulary_flag_before_2018_keeps_the_30_day_clock(tmp_path: Path) -> None:
    case = make_case(tmp_path, **{"items[1].formulary_drug": True})
    decision = compute_deadlines(case).decision
    assert decision.due == D("2016-11-07")
    assert "applies only to disputes from 2018-01-01" in decision.basis


def test_dates_beyond_the_holiday_calendar_are_an_error(tmp_path: Path) -> None:
    case = make_case(tmp_path, **_served("2030-12-20", "electronic"))
    with pytest.raises(CaseFileError) as caught:
        compute_deadlines(case)
    assert caught.value.field == "dates.ur_decision_served.date"
    assert "outside the holiday calendar (2013-2030)" in caught.value.message


# -- the example folders (the dates their case.yaml comments promise) ----------------------------------------


@pytest.mark.parametrize(
    ("name", "filing", "records", "decision"),
    [
        ("standard-lumbar-pt-mri-norco", "2016-10-03", "2016-10-11", "2016-11-07"),
        ("expedited-lumbar-microdiscectomy", "2016-11-04", "2016-10-12", "2016-10-17"),
        ("ineligible-late-filing", "2017-04-12", None, None),
        ("conflicted-psych-reviewer", "2017-07-06", "2017-07-10", "2017-08-07"),
    ],
)
def test_example_deadlines(name: str, filing: str, records: str | None, decision: str | None) -> None:
    deadlines = compute_deadlines(load_case(EXAMPLES / name))
    assert deadlines.case_number == load_case(EXAMPLES / name).case_number
    assert deadlines.filing.due == D(filing)
    assert deadlines.records.due == (D(records) if records else None)
    assert deadlines.decision.due == (D(decision) if decision else None)
