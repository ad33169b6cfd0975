"""The California calendar for IMR time periods: holidays, business days and the CCP § 12a roll-forward.

Counting rules used everywhere in :mod:`imr.cases`:

* **Calendar days** are counted as Code of Civil Procedure § 12 says: leave out the day of the
  triggering event, count the last day. When the last day is a holiday it is left out too and the period
  ends on the next day that is not one (CCP §§ 12, 12a). "Holiday" there means every Saturday, every Sunday
  and every judicial holiday of CCP § 135; ``src/imr/data/holidays/california.yaml`` lists those by rule
  and year, with the provision each follows.
* **Business days / working days** (the 5-working-day formulary clock, the IMRO's 1-business-day notice)
  are the days that are not holidays in that same sense. The regulations do not define them more
  precisely; using one calendar for both keeps a period from ending on a day the next act cannot be done.
* Periods stated in **hours** (24 hours for expedited records) are not rolled: CCP § 12 speaks of days.

Dates outside the years the holiday file covers raise :class:`CalendarRangeError`: holidays are set by statute
and change, so the calendar does not guess beyond the years it was written for.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from imr.cases.yaml_input import IsoDate, parse_yaml_mapping, raise_validation_error
from imr.errors import ImrError, RuleFileError

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DATA_FILE = "holidays/california.yaml"


class CalendarRangeError(ImrError):
    """A date lies outside the years the holiday file covers."""


# ----------------------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Holiday:
    """A day off: ``date`` is the day observed, ``actual`` the date the rule gives (differs after a shift)."""

    date: dt.date
    actual: dt.date
    holiday_id: str
    name: str
    source: str

    @property
    def shifted(self) -> bool:
        return self.date != self.actual

    def label(self) -> str:
        return f"{self.name} (observed)" if self.shifted else self.name


@dataclass(frozen=True, slots=True)
class RolledDate:
    """The last day of a period: ``nominal`` as counted, ``due`` after rolling past holidays."""

    nominal: dt.date
    due: dt.date
    skipped: tuple[str, ...] = ()  # "2016-10-08 Saturday", "2016-10-10 Columbus Day", ...

    @property
    def rolled(self) -> bool:
        return self.due != self.nominal


@dataclass(frozen=True, slots=True, eq=False)
class CaliforniaCalendar:
    first_year: int
    last_year: int
    by_date: Mapping[dt.date, Holiday]

    def _check(self, day: dt.date) -> None:
        if not self.first_year <= day.year <= self.last_year:
            raise CalendarRangeError(
                f"{day.isoformat()} is outside the holiday calendar ({self.first_year}-{self.last_year})",
                source=_DATA_FILE,
            )

    def holiday(self, day: dt.date) -> Holiday | None:
        self._check(day)
        return self.by_date.get(day)

    def holidays_in(self, year: int) -> tuple[Holiday, ...]:
        self._check(dt.date(year, 1, 1))
        return tuple(h for d, h in sorted(self.by_date.items()) if d.year == year)

    def closed_because(self, day: dt.date) -> str | None:
        """Why ``day`` is not a business day ("Saturday", "Columbus Day", ...), or ``None`` if it is one."""
        self._check(day)
        if day.weekday() >= 5:
            return _WEEKDAYS[day.weekday()].capitalize()
        holiday = self.by_date.get(day)
        return holiday.label() if holiday else None

    def is_business_day(self, day: dt.date) -> bool:
        return self.closed_because(day) is None

    def roll_forward(self, day: dt.date) -> RolledDate:
        """``day`` if it is a business day, else the next one (CCP § 12a)."""
        skipped: list[str] = []
        due = day
        while (why := self.closed_because(due)) is not None:
            skipped.append(f"{due.isoformat()} {why}")
            due += dt.timedelta(days=1)
        return RolledDate(nominal=day, due=due, skipped=tuple(skipped))

    def add_calendar_days(self, start: dt.date, days: int) -> RolledDate:
        """The last day of a period of ``days`` calendar days after ``start`` (CCP §§ 12, 12a)."""
        if days < 0:
            raise ValueError("days must not be negative")
        return self.roll_forward(start + dt.timedelta(days=days))

    def add_business_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th business day after ``start`` (``start`` itself is not counted)."""
        if days < 1:
            raise ValueError("days must be at least 1")
        day = start
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if self.is_business_day(day):
                counted += 1
        return day


# ----------------------------------------------------------------------------------------------------------
# The data file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Fixed(_Strict):
    kind: Literal["fixed"]
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    @model_validator(mode="after")
    def _real_day(self) -> _Fixed:
        # 2000 is a leap year, so Feb 29 passes here; a rule for Feb 29 would still be odd, but not invalid.
        if self.day > _stdlib_calendar.monthrange(2000, self.month)[1]:
            raise ValueError(f"month {self.month} has no day {self.day}")
        return self


class _NthWeekday(_Strict):
    kind: Literal["nth_weekday"]
    month: int = Field(ge=1, le=12)
    weekday: Weekday
    n: int = Field(ge=1, le=4)  # a 5th weekday does not exist in every month


class _LastWeekday(_Strict):
    kind: Literal["last_weekday"]
    month: int = Field(ge=1, le=12)
    weekday: Weekday


class _DayAfter(_Strict):
    kind: Literal["day_after"]
    of: str


_Rule = Annotated[_Fixed | _NthWeekday | _LastWeekday | _DayAfter, Field(discriminator="kind")]


class HolidayEntry(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    source: str = Field(min_length=1)
    rule: _Rule
    observance: Literal["none", "weekend_shift"] = "none"
    from_year: int | None = None
    until_year: int | None = None
    examples: dict[int, IsoDate] = Field(default_factory=dict)

    def in_force(self, year: int) -> bool:
        return (self.from_year is None or year >= self.from_year) and (
            self.until_year is None or year <= self.until_year
        )


class HolidayFile(_Strict):
    first_year: int = Field(ge=1900, le=2200)
    last_year: int = Field(ge=1900, le=2200)
    holidays: list[HolidayEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> HolidayFile:
        if self.last_year < self.first_year:
            raise ValueError("last_year is before first_year")
        ids = [h.id for h in self.holidays]
        for h in self.holidays:
            if ids.count(h.id) > 1:
                raise ValueError(f"holiday id {h.id!r} appears more than once")
            if isinstance(h.rule, _DayAfter):
                target = next((t for t in self.holidays if t.id == h.rule.of), None)
                if target is None or isinstance(target.rule, _DayAfter):
                    raise ValueError(f"holiday {h.id!r}: 'of' must name a holiday with a date rule")
        return self


def rule_date(entry: HolidayEntry, year: int, entries: Mapping[str, HolidayEntry]) -> dt.date:
    """The date a holiday rule gives in ``year``, before any weekend shift."""
    rule = entry.rule
    if isinstance(rule, _Fixed):
        return dt.date(year, rule.month, rule.day)
    if isinstance(rule, _NthWeekday):
        first = dt.date(year, rule.month, 1)
        offset = (_WEEKDAYS.index(rule.weekday) - first.weekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (rule.n - 1))
    if isinstance(rule, _LastWeekday):
        last = dt.date(year, rule.month, _stdlib_calendar.monthrange(year, rule.month)[1])
        back = (last.weekday() - _WEEKDAYS.index(rule.weekday)) % 7
        return last - dt.timedelta(days=back)
    return rule_date(entries[rule.of], year, entries) + dt.timedelta(days=1)


def observed_date(entry: HolidayEntry, actual: dt.date) -> dt.date:
    if entry.observance == "weekend_shift":
        if actual.weekday() == 5:  # Saturday -> the Friday before
            return actual - dt.timedelta(days=1)
        if actual.weekday() == 6:  # Sunday -> the Monday after (Gov. Code § 6701)
            return actual + dt.timedelta(days=1)
    return actual


def build_calendar(spec: HolidayFile) -> CaliforniaCalendar:
    entries = {h.id: h for h in spec.holidays}
    by_date: dict[dt.date, Holiday] = {}
    # One year past the end: a Saturday Jan 1 is observed on Dec 31 of the year before.
    for year in range(spec.first_year, spec.last_year + 2):
        for entry in spec.holidays:
            if not entry.in_force(year):
                continue
            actual = rule_date(entry, year, entries)
            day = observed_date(entry, actual)
            if spec.first_year <= day.year <= spec.last_year:
                by_date.setdefault(day, Holiday(day, actual, entry.id, entry.name, entry.source))
    return CaliforniaCalendar(spec.first_year, spec.last_year, MappingProxyType(by_date))


def parse_holiday_file(text: str, *, source: str) -> HolidayFile:
    data = parse_yaml_mapping(text, RuleFileError, source=source)
    try:
        return HolidayFile.model_validate(data)
    except ValidationError as exc:
        raise_validation_error(exc, RuleFileError, source=source)


@lru_cache(maxsize=1)
def load_holiday_file() -> HolidayFile:
    text = resources.files("imr").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    return parse_holiday_file(text, source=f"imr/data/{_DATA_FILE}")


@lru_cache(maxsize=1)
def california_calendar() -> CaliforniaCalendar:
    """The packaged calendar (loaded once)."""
    return build_calendar(load_holiday_file())
