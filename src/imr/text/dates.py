"""Dates as letters and records write them."""

from __future__ import annotations

import datetime as dt
import re

# "11/18/2016", "6/3/09", "November 18, 2016", "Nov. 18, 2016", "2016-11-18", and the month-day-year with hyphens of
# 2016 case summaries, "11-17-2016", "3-21-13" (never inside a longer run of digits and hyphens)
DATE_PATTERN = (
    r"(?:\d{1,2}/\d{1,2}/\d{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{4}-\d{2}-\d{2}|(?<![\d-])\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})(?![\d-]))"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def parse_date(raw: str) -> dt.date | None:
    """Parse the date forms letters use: 11/18/2016, 6/3/09, November 18, 2016, 2016-11-18, 11-18-2016, 3-21-13."""
    value = raw.strip()
    try:
        if "/" in value:
            month, day, year = (int(p) for p in value.split("/"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if "-" in value:
            month, day, year = (int(p) for p in value.split("-"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            return dt.date(year, month, day)
        words = re.match(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$", value)
        if words and words.group(1).lower() in _MONTHS:
            return dt.date(int(words.group(3)), _MONTHS[words.group(1).lower()], int(words.group(2)))
    except ValueError:
        return None
    return None


def letter_date(day: dt.date) -> str:
    """A date as a letter writes it: ``December 5, 2026``."""
    return f"{day:%B} {day.day}, {day.year}"
