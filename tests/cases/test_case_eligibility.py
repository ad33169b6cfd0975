"""Eligibility screen: every check passing and failing, and how the outcome follows from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imr.cases.eligibility import CheckName, Outcome, check_eligibility
from imr.cases.model import load_case
from imr.errors import CaseFileError
from tests.cases.case_builder import make_case

TODAY = dt.date(2025, 1, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_eligible_case_passes_every_check(tmp_path: Path) -> None:
    report = check_eligibility(make_case(tmp_path), TODAY)
    assert report.outcome is Outcome.ELIGIBLE
    assert [c.name for c in report.checks] == list(CheckName)
    assert all(c.passed for c in report.checks)
    assert report.failed == ()
    assert report.filing_deadline.due == dt.date(2016, 10, 3)
    assert report.check(CheckName.TIMELY_FILING).reason == (
        "Received 2016-09-19, on or before the filing deadline 2016-10-03."
    )


# -- timely filing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "served", "received", "timely"),
    [
        # mail: 30 + 5 days. 2016-08-29 + 35 = Monday 2016-10-03.
        ("mail", "2016-08-29", "2016-10-03", True),
        ("mail", "2016-08-29", "2016-10-04", False),  # one day late is late
        # electronic: 30 days. 2016-08-29 + 30 = Wednesday 2016-09-28.
        ("electronic", "2016-08-29", "2016-09-28", True),
        ("electronic", "2016-08-29", "2016-09-29", False),
        ("fax", "2016-08-29", "2016-09-29", False),
        ("personal", "2016-08-29", "2016-09-28", True),
        # 2016-09-08 + 30 = Saturday 2016-10-08; Sunday, then Columbus Day: received Tuesday 10-11 is timely.
        ("electronic", "2016-09-08", "2016-10-11", True),
        ("electronic", "2016-09-08", "2016-10-12", False),
    ],
)
def test_filing_window(tmp_path: Path, method: str, served: str, received: str, timely: bool) -> None:
    case = make_case(
        tmp_path,
        **{
            "dates.ur_decision": served,
            "dates.ur_decision_served": {"method": method, "date": served},
            "dates.application_received": received,
            "dates.notice_of_assignment": None,
            "dates.records_received": None,
        },
    )
    report = check_eligibility(case, TODAY)
    check = report.check(CheckName.TIMELY_FILING)
    assert check.passed is timely
    assert report.outcome is (Outcome.ELIGIBLE if timely else Outcome.INELIGIBLE)


def test_late_reason_counts_the_days_and_explains_the_deadline(tmp_path: Path) -> None:
    case = make_case(
        tmp_path,
        **{"dates.application_received": "2016-10-06", "dates.notice_of_assignment": None},
    )
    reason = check_eligibility(case, TODAY).check(CheckName.TIMELY_FILING).reason
    assert reason.startswith("Received 2016-10-06, 3 days after the filing deadline 2016-10-03.")
    assert "plus 5 because it was served by mail" in reason


# -- the other checks, each failing on its own ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "check", "outcome", "reason"),
    [
        (
            {"application.signature": {"signed": False}},
            CheckName.SIGNED,
            Outcome.INELIGIBLE,
            "not signed",
        ),
        (
            {"application.ur_decision_attached": False},
            CheckName.UR_DECISION_ATTACHED,
            Outcome.INELIGIBLE,
            "No copy of the UR decision",
        ),
        (
            {"application.liability_disputed": True},
            CheckName.LIABILITY_NOT_DISPUTED,
            Outcome.DEFERRED,
            "deferred until the WCAB resolves it",
        ),
        (
            {"application.ur_conditionally_non_certified": True},
            CheckName.UR_NOT_CONDITIONALLY_NON_CERTIFIED,
            Outcome.INELIGIBLE,
            "conditionally non-certified",
        ),
        (
            {
                "application.prior_imr_decisions": [
                    {
                        "case_number": "CM15-0099999",
                        "decision_date": "2016-01-15",
                        "treatment": "PT and Norco",
                    }
                ]
            },
            CheckName.NOT_PREVIOUSLY_DECIDED,
            Outcome.INELIGIBLE,
            "Already decided by IMR: CM15-0099999 of 2016-01-15 (PT and Norco).",
        ),
    ],
)
def test_each_check_fails_alone(
    tmp_path: Path, changes: dict[str, object], check: CheckName, outcome: Outcome, reason: str
) -> None:
    report = check_eligibility(make_case(tmp_path, **changes), TODAY)
    assert [c.name for c in report.failed] == [check]
    assert reason in report.check(check).reason
    assert report.outcome is outcome


def test_liability_dispute_with_another_failure_is_ineligible_not_deferred(tmp_path: Path) -> None:
    case = make_case(tmp_path, **{"application.liability_disputed": True, "application.ur_decision_attached": False})
    report = check_eligibility(case, TODAY)
    assert {c.name for c in report.failed} == {
        CheckName.LIABILITY_NOT_DISPUTED,
        CheckName.UR_DECISION_ATTACHED,
    }
    assert report.outcome is Outcome.INELIGIBLE


def test_prior_imr_on_some_items_excludes_them_and_keeps_the_rest(tmp_path: Path) -> None:
    prior = {"case_number": "CM16-0011111", "decision_date": "2016-03-01", "treatment": "Norco", "items": [2]}
    report = check_eligibility(make_case(tmp_path, **{"application.prior_imr_decisions": [prior]}), TODAY)
    check = report.check(CheckName.NOT_PREVIOUSLY_DECIDED)
    assert check.passed
    assert check.reason.startswith("Item(s) 2 already decided by IMR")
    assert report.excluded_items == (2,)
    assert report.outcome is Outcome.ELIGIBLE


def test_prior_imr_covering_every_item_by_number(tmp_path: Path) -> None:
    priors = [
        {"case_number": "CM16-1", "decision_date": "2016-03-01", "treatment": "PT", "items": [1]},
        {"case_number": "CM16-2", "decision_date": "2016-04-01", "treatment": "Norco", "items": [2]},
    ]
    report = check_eligibility(make_case(tmp_path, **{"application.prior_imr_decisions": priors}), TODAY)
    assert not report.check(CheckName.NOT_PREVIOUSLY_DECIDED).passed
    assert report.excluded_items == (1, 2)
    assert report.outcome is Outcome.INELIGIBLE


# -- IMR applicability by date (LC 4610.5) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("injury", "ur_decision", "applies"),
    [
        ("2013-01-01", "2013-05-01", True),  # injury on the start date
        ("2012-12-31", "2013-06-30", False),  # old injury, UR the day before the cut-over
        ("2012-12-31", "2013-07-01", True),  # old injury, UR on the cut-over date
        ("2009-06-03", "2014-01-06", True),
    ],
)
def test_imr_applies_by_date(tmp_path: Path, injury: str, ur_decision: str, applies: bool) -> None:
    case = make_case(
        tmp_path,
        **{
            "dates.injury": injury,
            "dates.request_for_authorization": injury,
            "dates.ur_decision": ur_decision,
            "dates.ur_decision_served": {"method": "electronic", "date": ur_decision},
            "dates.application_received": ur_decision,
            "dates.notice_of_assignment": None,
            "dates.records_received": None,
            "application.signature.date": ur_decision,
        },
    )
    report = check_eligibility(case, TODAY)
    assert report.check(CheckName.IMR_APPLIES_BY_DATE).passed is applies
    assert report.outcome is (Outcome.ELIGIBLE if applies else Outcome.INELIGIBLE)


# -- today ---------------------------------------------------------------------------------------------------


def test_a_date_after_today_is_refused(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    with pytest.raises(CaseFileError) as caught:
        check_eligibility(case, dt.date(2016, 10, 1))
    assert caught.value.field == "dates.records_received"
    assert caught.value.message == "2016-10-07 is after today (2016-10-01)"


def test_today_defaults_to_the_system_date(tmp_path: Path) -> None:
    assert check_eligibility(make_case(tmp_path)).outcome is Outcome.ELIGIBLE


# -- the example folders -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("standard-lumbar-pt-mri-norco", Outcome.ELIGIBLE),
        ("expedited-lumbar-microdiscectomy", Outcome.ELIGIBLE),
        ("ineligible-late-filing", Outcome.INELIGIBLE),
        ("conflicted-psych-reviewer", Outcome.ELIGIBLE),
    ],
)
def test_examples(name: str, outcome: Outcome) -> None:
    report = check_eligibility(load_case(EXAMPLES / name), TODAY)
    assert report.outcome is outcome


def test_late_example_is_one_day_late() -> None:
    report = check_eligibility(load_case(EXAMPLES / "ineligible-late-filing"), TODAY)
    assert [c.name for c in report.failed] == [CheckName.TIMELY_FILING]
    assert report.failed[0].reason.startswith("Received 2017-04-13, 1 day after the filing deadline 2017-04-12.")
