"""The California holiday calendar: every rule's examples, observance shifts, years in force, counting."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.cases.calendar import (
    CalendarRangeError,
    california_calendar,
    load_holiday_file,
    observed_date,
    parse_holiday_file,
    rule_date,
)
from imr.errors import RuleFileError

D = dt.date.fromisoformat
SPEC = load_holiday_file()
ENTRIES = {h.id: h for h in SPEC.holidays}
EXAMPLES = [(h.id, year, day) for h in SPEC.holidays for year, day in h.examples.items()]


def test_every_rule_has_examples() -> None:
    assert all(h.examples for h in SPEC.holidays)


@pytest.mark.parametrize(("holiday_id", "year", "expected"), EXAMPLES)
def test_rule_examples(holiday_id: str, year: int, expected: dt.date) -> None:
    entry = ENTRIES[holiday_id]
    assert observed_date(entry, rule_date(entry, year, ENTRIES)) == expected
    assert california_calendar().holiday(expected) is not None


def test_holidays_of_2016() -> None:
    days = [(h.date.isoformat(), h.label()) for h in california_calendar().holidays_in(2016)]
    assert days == [
        ("2016-01-01", "New Year's Day"),
        ("2016-01-18", "Dr. Martin Luther King, Jr. Day"),
        ("2016-02-12", "Lincoln Day"),
        ("2016-02-15", "Presidents' Day"),
        ("2016-03-31", "Cesar Chavez Day"),
        ("2016-05-30", "Memorial Day"),
        ("2016-07-04", "Independence Day"),
        ("2016-09-05", "Labor Day"),
        ("2016-10-10", "Columbus Day"),
        ("2016-11-11", "Veterans Day"),
        ("2016-11-24", "Thanksgiving Day"),
        ("2016-11-25", "Day after Thanksgiving"),
        ("2016-12-26", "Christmas Day (observed)"),
    ]


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2022-06-20", None),  # Juneteenth is a holiday only from 2023
        ("2023-06-19", "Juneteenth"),
        ("2021-09-24", None),  # Native American Day counts from 2022
        ("2022-09-23", "Native American Day"),
        ("2021-10-11", "Columbus Day"),  # until 2021
        ("2022-10-10", None),
        ("2021-12-31", "New Year's Day (observed)"),  # Saturday Jan 1 2022 observed the Friday before
        ("2017-11-10", "Veterans Day (observed)"),
        ("2017-11-11", None),  # the Saturday itself is a weekend day, not the holiday entry
        ("2016-02-29", None),
    ],
)
def test_holidays_by_year(day: str, name: str | None) -> None:
    holiday = california_calendar().holiday(D(day))
    assert (holiday.label() if holiday else None) == name


@pytest.mark.parametrize("year", range(2013, 2031))
def test_every_year_has_its_holidays_on_weekdays(year: int) -> None:
    holidays = california_calendar().holidays_in(year)
    assert 12 <= len(holidays) <= 15
    assert all(h.date.weekday() < 5 for h in holidays)


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2016-10-08", "Saturday"),
        ("2016-10-09", "Sunday"),
        ("2016-10-10", "Columbus Day"),
        ("2016-10-11", None),
        ("2016-02-29", None),
    ],
)
def test_closed_because(day: str, why: str | None) -> None:
    assert california_calendar().closed_because(D(day)) == why


def test_roll_forward_leaves_a_business_day_alone() -> None:
    rolled = california_calendar().roll_forward(D("2016-10-11"))
    assert (rolled.due, rolled.rolled, rolled.skipped) == (D("2016-10-11"), False, ())


def test_add_calendar_days_rolls_over_a_long_weekend() -> None:
    rolled = california_calendar().add_calendar_days(D("2016-11-19"), 5)  # Thanksgiving Thursday
    assert (rolled.nominal, rolled.due) == (D("2016-11-24"), D("2016-11-28"))


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2016-11-22", 1, "2016-11-23"),
        ("2016-11-22", 2, "2016-11-28"),  # skips Thanksgiving, the day after and the weekend
        ("2016-12-23", 1, "2016-12-27"),  # Christmas observed Monday Dec 26
        ("2016-02-26", 1, "2016-02-29"),  # leap day is an ordinary Monday
        ("2016-12-30", 1, "2017-01-03"),  # across the year end and New Year's observed
    ],
)
def test_add_business_days(start: str, days: int, due: str) -> None:
    assert california_calendar().add_business_days(D(start), days) == D(due)


def test_negative_or_zero_periods_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        california_calendar().add_calendar_days(D("2016-01-04"), -1)
    with pytest.raises(ValueError):
        california_calendar().add_business_days(D("2016-01-04"), 0)


@pytest.mark.parametrize("day", ["2012-12-31", "2031-01-02"])
def test_outside_the_calendar(day: str) -> None:
    with pytest.raises(CalendarRangeError, match="outside the holiday calendar"):
        california_calendar().is_business_day(D(day))


_HEAD = "first_year: 2016\nlast_year: 2017\nholidays:\n"


_ENTRY = "  - {id: x, name: X, source: s, rule: %s}\n"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (_ENTRY % "{kind: fixed, month: 2, day: 30}", "holidays[0].rule.fixed", "month 2 has no day 30"),
        (_ENTRY % "{kind: easter}", "holidays[0].rule", "does not match any of"),
        (_ENTRY % "{kind: day_after, of: y}", None, "'of' must name a holiday"),
        (_ENTRY % "{kind: fixed, month: 1, day: 1}, when: 1", "holidays[0].when", "unknown key"),
        (
            _ENTRY % "{kind: nth_weekday, month: 1, weekday: funday, n: 1}",
            "holidays[0].rule.nth_weekday.weekday",
            "expected 'monday'",
        ),
    ],
)
def test_malformed_holiday_file(body: str, field: str | None, message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_holiday_file(_HEAD + body, source="holidays.yaml")
    assert caught.value.source == "holidays.yaml"
    assert caught.value.field == field
    assert message in caught.value.message


def test_duplicate_holiday_id() -> None:
    entry = "  - {id: x, name: X, source: s, rule: {kind: fixed, month: 1, day: 1}}\n"
    with pytest.raises(RuleFileError, match="holiday id 'x' appears more than once"):
        parse_holiday_file(_HEAD + entry + entry, source="holidays.yaml")
