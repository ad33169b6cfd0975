"""Measured values in a record: pain ratings and amounts of activity, each dated by the visit it was recorded at,
and the changes between them.

"On 06/20/2016 she rated her burning right arm pain 8/10 and slept about 3 hours a night. ... On 09/26/2016 she
rates the burning pain 5/10 ... she sleeps 5 to 6 hours a night" holds two pain ratings and two amounts of sleep;
paired by visit they give a fall in pain of 3 points and a gain of 2.5 hours of sleep. Words are data
(data/context/response.yaml).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from imr.data_files import package_data_path, read_package_yaml, validated
from imr.facts.reading import Sentences
from imr.records import Measure, Span
from imr.text.dates import parse_date

RESPONSE_FILE = "context/response.yaml"
PAIN = "pain"
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
}
_NUMBER = r"(?:\d{1,3}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + ")"
_AMOUNT = rf"(?P<value>{_NUMBER})(?:\s*(?:to|-|–|or)\s*(?P<high>{_NUMBER}))?"
# "11/18/2016", "6/3/09", "02-11-2016" (published summaries), "November 18, 2016", "2016-11-18"
_DATE = (
    r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4})"
)
# "8/10", "6-7/10", "8 out of 10"; never a date ("9/10/2016") or a fraction of something else ("1/10th")
_RATING = re.compile(
    r"(?<![\d/.])(?P<value>\d{1,2}(?:\.\d)?)(?:\s*(?:-|–|to)\s*(?P<high>\d{1,2}(?:\.\d)?))?"
    r"\s*(?:/\s*10|out of 10|on a scale of 10)\b(?![/\d])",
    re.IGNORECASE,
)
# the value before, given with the value after: "pain from 8/10 to 5/10", "5/10, down from 8/10", "sleeps 6
# hours a night instead of 3", "walks 4 blocks (previously 1)"
_FROM_TO = re.compile(rf"\bfrom\s+(?:an?\s+)?(?P<previous>{_NUMBER})(?:\s*/\s*10)?\s+to\s+(?:an?\s+)?$", re.I)
_SINCE = re.compile(
    r"\s*(?:(?:a|per|each)\s+(?:night|day)\s*)?,?\s*\(?\s*(?:instead of|compared (?:with|to)|(?:down|up) from|"
    rf"improved from|decreased from|increased from|previously|was|before)\s+(?:about\s+|only\s+|an?\s+)?"
    rf"(?P<previous>{_NUMBER})\b",
    re.IGNORECASE,
)
_PAIN_WORD = re.compile(r"\b(?:pain|VAS|NRS|rates?|rated|rating|scale|level)\b", re.IGNORECASE)
_WITH_MEDICATION = re.compile(r"^\W{0,3}(?:with|on)\s+(?:(?:the|her|his|pain)\s+)?(?:medications?|meds|medicine)\b")
_WITHOUT_MEDICATION = re.compile(
    r"^\W{0,3}(?:without|off|before)(?:\s+(?:the|her|his|pain)?\s*(?:medications?|meds))?\b"
)


class ActivityModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    words: list[str] = Field(min_length=1)
    units: list[str] = Field(min_length=1)


class ResponseFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    visit_date_cues: list[str]
    pain_sites: dict[str, list[str]]
    activities: list[ActivityModel]
    gain_cues: list[str]
    loss_cues: list[str]
    gain_markers: list[str]
    activity_ends: list[str]
    started_cues: list[str]


@lru_cache(maxsize=1)
def response_file() -> ResponseFileModel:
    model: ResponseFileModel = validated(
        ResponseFileModel, read_package_yaml(RESPONSE_FILE), package_data_path(RESPONSE_FILE)
    )
    return model


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Patterns:
    visit_date: re.Pattern[str]
    sites: tuple[tuple[str, re.Pattern[str]], ...]
    activities: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    model = response_file()
    cue = rf"\b(?:{alternation(model.visit_date_cues)})\b\W{{0,3}}(?:the\s+)?"
    # after a cue ("On 06/20/2016"), at a line start ("06/20/2016: follow-up"), or opening a sentence
    visit_date = re.compile(rf"(?:{cue}|^[ \t\-•*]*|(?<=[.;]\s))(?P<date>{_DATE})", re.IGNORECASE | re.MULTILINE)
    sites = tuple(
        (site, re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)) for site, words in model.pain_sites.items()
    )
    activities = tuple(
        (activity.name, pattern)
        for activity in model.activities
        for pattern in _activity_patterns(alternation(activity.words), alternation(activity.units))
    )
    return _Patterns(visit_date, sites, activities)


def _activity_patterns(words: str, units: str) -> tuple[re.Pattern[str], ...]:
    """ "slept about 3 hours", "can walk two blocks", "sitting tolerance of 20 minutes"; "6 hours of sleep"."""
    return (
        re.compile(rf"\b(?:{words})\b[^.;:\d]{{0,30}}?\b{_AMOUNT}\s*(?P<unit>{units})\b", re.IGNORECASE),
        re.compile(rf"\b{_AMOUNT}\s*(?P<unit>{units})\s+of\s+(?:{words})\b", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class Value:
    """One measured value: of pain (at a site) or of an activity, as recorded at one visit."""

    kind: str  # "pain" or an activity name ("sleep", "walking")
    value: float
    unit: str  # "/10" for pain; the activity's unit as written
    span: Span  # the words that give it: "rates the burning pain 5/10", "sleeps 5 to 6 hours"
    date: dt.date | None
    site: str | None = None  # for pain: "neck", "arm", ...; None when unsaid
    qualifier: str | None = None  # for pain: "with medication" or "without medication"
    previous: float | None = None  # the value before, when the same words give it ("5/10, down from 8/10")


@dataclass(frozen=True, slots=True)
class Change:
    """The same thing measured at two visits."""

    before: Value
    after: Value

    @property
    def measure(self) -> Measure:
        return Measure(self.before.value, self.after.value, self.after.unit, self.before.span, self.before.date)


def number(word: str) -> float:
    word = word.lower()
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


def _amount(match: re.Match[str]) -> float:
    low = number(match.group("value"))
    high = match.group("high")
    return (low + number(high)) / 2 if high else low


def visit_dates(text: str) -> list[tuple[int, dt.date]]:
    """``(position, date)`` of every date the text gives as a visit's, in order."""
    found = []
    for match in _patterns().visit_date.finditer(text):
        raw = match.group("date")
        day = parse_date(raw.replace("-", "/") if re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", raw) else raw)
        if day is not None:
            found.append((match.start("date"), day))
    return found


def measured_values(text: str, sentences: Sentences, documents: Sequence[int] = ()) -> list[Value]:
    """Every pain rating and activity amount, dated by the last visit date before it in its document."""
    dates = visit_dates(text)
    positions = [position for position, _ in dates]
    starts = sorted({0, *documents})
    values: list[Value] = []
    for value in [*_ratings(text, sentences), *_activities(text, sentences)]:
        index = bisect.bisect_right(positions, value.span.end) - 1
        document = starts[bisect.bisect_right(starts, value.span.start) - 1]
        if index >= 0 and positions[index] >= document:
            value = dataclasses.replace(value, date=dates[index][1])
        values.append(value)
    return sorted(values, key=lambda v: v.span.start)


def _ratings(text: str, sentences: Sentences) -> Iterable[Value]:
    previous_end = 0
    for match in _RATING.finditer(text):
        first, last = sentences.around(match.start())
        if match.end() > last:
            continue
        window_start = max(previous_end, first, match.start() - 70, text.rfind(";", first, match.start()) + 1)
        before = text[window_start : match.start()]
        previous_end = match.end()
        words = _PAIN_WORD.search(before)
        if words is None:
            continue
        after = text[match.end() : min(last, match.end() + 30)]
        qualifier = None
        if _WITHOUT_MEDICATION.search(after):
            qualifier = "without medication"
        elif _WITH_MEDICATION.search(after):
            qualifier = "with medication"
        site = next((name for name, pattern in _patterns().sites if pattern.search(before)), None)
        previous = _FROM_TO.search(before) or _SINCE.match(after)
        yield Value(
            PAIN,
            _amount(match),
            "/10",
            Span(window_start + words.start(), match.end()),
            None,
            site,
            qualifier,
            number(previous.group("previous")) if previous else None,
        )


def _activities(text: str, sentences: Sentences) -> Iterable[Value]:
    for name, pattern in _patterns().activities:
        for match in pattern.finditer(text):
            first, last = sentences.around(match.start())
            if match.end() > last:
                continue
            span = Span(match.start(), match.end())
            unit = match.group("unit").lower()
            if match.group("high") and re.search(
                r"\bfrom\s+$", text[max(first, match.start() - 40) : match.start("value")]
            ):
                # "sleep improved from 3 to 6 hours": a change, not a range
                yield Value(name, number(match.group("high")), unit, span, None, previous=number(match.group("value")))
                continue
            since = _SINCE.match(text, match.end(), last)
            previous = number(since.group("previous")) if since else None
            yield Value(name, _amount(match), unit, span, None, previous=previous)


def changes(values: Sequence[Value]) -> list[Change]:
    """Each value paired with the latest earlier-dated value of the same thing: for pain, of the same site (or one
    unsaid) and the same qualifier; for an activity, in the same unit."""
    groups: dict[tuple[str, str | None, str], list[Value]] = defaultdict(list)
    for value in sorted((v for v in values if v.date is not None), key=lambda v: (v.date, v.span.start)):
        unit = value.unit if value.kind == PAIN else _unit_group(value.unit)
        groups[value.kind, value.qualifier, unit].append(value)
    found: list[Change] = []
    for members in groups.values():
        latest: dict[str | None, Value] = {}  # by site, from the dates before the one being paired
        for _, visit in itertools.groupby(members, key=lambda v: v.date):
            same_day = list(visit)
            for value in same_day:
                earlier = _latest_comparable(latest, value.site)
                if earlier is not None:
                    found.append(Change(earlier, value))
            latest.update((value.site, value) for value in same_day)
    return sorted(found, key=lambda change: change.after.span.start)


def _latest_comparable(latest: dict[str | None, Value], site: str | None) -> Value | None:
    candidates = list(latest.values()) if site is None else [v for v in (latest.get(site), latest.get(None)) if v]
    return max(candidates, key=lambda v: (v.date or dt.date.min, v.span.start), default=None)


def _unit_group(unit: str) -> str:
    return unit.rstrip("s") if unit not in {"lbs", "lb", "pounds"} else "lb"
