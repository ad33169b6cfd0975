"""Sessions, frequency and duration in a request title: "2x4", "x 6", "#6", "TWELVE (12)", "12-18 sessions".

The title is lower-cased and its numbers found once: digits, number words from ``numbers.yaml`` ("six",
"twice"), a word confirmed in parentheses ("TWELVE (12)") and ranges ("12-18", "1 to 2", read at the bound
``numbers.yaml`` names). The rules then look at the words around each number, in a fixed order; a number one
rule has used is not read again ("2 times a week for 6 weeks (12 sessions)" is a frequency, a duration and a
count, not four counts):

1. frequency x weeks   "PT 2X4", "2x6 weeks", "two times four visits (8)"
2. frequency per week  "3 times a week", "1 to 2 times per week", "3 visits per week", "twice weekly"
3. duration in weeks   "for 4 weeks", "for one week"
4. explicit count      "TWELVE (12) PHYSICAL THERAPY SESSIONS", "six sessions", "(12 sessions)", "visits (8)"
5. times / x / #       "x 6", "times 12", "#2"
6. leading count       "1 knee scooter", "One (1) x-ray"

Sessions are the explicit count when there is one, else frequency x weeks when both are given, else unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from imr.requests.schema import NumbersFile

_CONFIRMED = re.compile(r"\s*\(\s*(\d{1,4})\s*\)")
_RANGE_JOIN = re.compile(r"\s*(?:-|to|or)\s*")
_WINDOW = 40  # characters before a number that a rule looks back over

_SESSION_NOUN = r"(?:sessions?|visits?|treatments?|appointments?)"
_WEEK = r"(?:weeks?|wks?)(?![a-z])"
_X_GAP = re.compile(r"\s*(?:x|×|times)\s*")
_PER_WEEK = re.compile(
    rf"\s*(?:x|times|{_SESSION_NOUN})?\s*(?:(?:a|per|each|every|in\s+a|/)\s*{_WEEK}|weekly(?![a-z]))"
)
_WEEKS = re.compile(rf"[\s\-]*{_WEEK}")
_EXPLICIT_AFTER = re.compile(rf"\s*(?:[a-z][a-z'\-]*\s+){{0,4}}?{_SESSION_NOUN}(?![a-z])")
_EXPLICIT_BEFORE = re.compile(rf"{_SESSION_NOUN}\s*\(\s*$")
_CLOSE = re.compile(r"\s*\)")
_TIMES_BEFORE = re.compile(r"(?:(?<![a-z])x|(?<![a-z])times|#|(?<![a-z])(?:qty|quantity)\s*:?)\s*$")
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:weeks?|wks?|days?|months?|hours?|hrs?|minutes?|mins?|%|mg|mcg|cc|ml|g)(?![a-z])"
)
_LEADING_AFTER = re.compile(r"\s+[a-z]")
UNIT = r"(?P<unit>days?|weeks?|months?)"  # the unit group of a DurationRule


class Number(NamedTuple):
    """A number or range in the lower-cased title, with the value the grammar reads."""

    start: int
    end: int
    value: int | None  # None for zero: a count of 0 is no count


class Counts(NamedTuple):
    sessions: int | None = None
    frequency_per_week: int | None = None
    weeks: int | None = None
    explicit_sessions: bool = False


@dataclass(frozen=True, slots=True)
class DurationRule:
    """A duration around a number: ``before`` must end just before it, ``after`` must follow it.

    ``after`` has a ``unit`` group (days/weeks/months); an empty unit means days ("day supply: 30").
    """

    after: re.Pattern[str]
    before: re.Pattern[str] | None = None


_SUPPLY = (
    # "30 day supply", "Three months coverage of Viagra 50mg"
    DurationRule(re.compile(rf"[\s\-]*{UNIT}'?s?\s*(?:supply|coverage)(?![a-z])")),
    # "day supply: 30"
    DurationRule(re.compile(r"(?P<unit>)"), re.compile(r"days?'?\s*supply\s*:?\s*$")),
    # "supply of 30 days"
    DurationRule(re.compile(rf"[\s\-]*{UNIT}(?![a-z])"), re.compile(r"(?:supply|coverage)\s*(?:of|for|:)?\s*$")),
)


@dataclass(frozen=True, slots=True)
class CountGrammar:
    words: dict[str, int]
    upper: bool
    days_per_week: int
    days_per_month: int
    token: re.Pattern[str]  # digits (with any "10/325", "7.5" tail, to reject them) or a number word

    @classmethod
    def build(cls, model: NumbersFile) -> CountGrammar:
        words = {word.lower(): value for word, value in {**model.words, **model.multiplicatives}.items()}
        spelled = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        token = re.compile(rf"\d+(?:[.,/:]\d+)*|(?<![a-z\-])(?:{spelled})(?![a-z\-])")
        return cls(words, model.range_bound == "upper", model.days_per_week, model.days_per_month, token)

    # ------------------------------------------------------------------------------------------ numbers

    def numbers(self, text: str) -> list[Number]:
        """The numbers and ranges in ``text`` (already lower-cased), left to right."""
        atoms: list[tuple[int, int, int]] = []
        for match in self.token.finditer(text):
            token = match.group()
            start, end = match.span()
            if atoms and start < atoms[-1][1]:
                continue  # the "(12)" of "TWELVE (12)"
            if token[0].isdigit():
                if not token.isdigit() or len(token) > 4 or text[start - 1 : start] in (".", ","):
                    continue  # "10/325", "7.5", "12/07/2016": not a count
                value = int(token)
            else:
                value = self.words[token]
            confirmed = _CONFIRMED.match(text, end)
            if confirmed:  # "TWELVE (12)"
                value, end = int(confirmed.group(1)), confirmed.end()
            atoms.append((start, end, value))
        numbers: list[Number] = []
        index = 0
        while index < len(atoms):
            start, end, value = atoms[index]
            if index + 1 < len(atoms) and _RANGE_JOIN.fullmatch(text, end, atoms[index + 1][0]):
                other = atoms[index + 1][2]
                value = max(value, other) if self.upper else min(value, other)
                end = atoms[index + 1][1]
                index += 1
            numbers.append(Number(start, end, value or None))
            index += 1
        return numbers

    def value(self, text: str) -> int | None:
        """The value of a number or range as the grammar reads it: "twelve (12)" -> 12, "12-18" -> 18."""
        found = self.numbers(text.lower())
        return found[0].value if found else None

    # ------------------------------------------------------------------------------------------ durations

    def days(self, count: int, unit: str) -> int:
        """A duration in days: "14 days", "2 weeks", "3 months" (months of ``days_per_month`` days)."""
        if unit.startswith("week"):
            return count * self.days_per_week
        if unit.startswith("month"):
            return count * self.days_per_month
        return count

    def duration_days(self, text: str, rules: Sequence[DurationRule]) -> int | None:
        """The first duration one of ``rules`` reads in ``text`` (lower-cased), in days."""
        numbers = self.numbers(text)
        for rule in rules:
            for number in numbers:
                if number.value is None or text[: number.start].rstrip().endswith("#"):
                    continue  # "#60 day supply: 30": 60 is the quantity
                if rule.before is not None and not rule.before.search(
                    text, max(0, number.start - _WINDOW), number.start
                ):
                    continue
                after = rule.after.match(text, number.end)
                if after:
                    return self.days(number.value, after.group("unit"))
        return None

    def supply_days(self, text: str) -> int | None:
        """Days' supply of a medication: "day supply: 30", "Three months coverage"."""
        return self.duration_days(text.lower(), _SUPPLY)

    # ------------------------------------------------------------------------------------------ counts

    def read(self, text: str) -> Counts:
        text = text.lower()
        numbers = self.numbers(text)
        if not numbers:
            return Counts()
        used: set[int] = set()
        frequency: int | None = None
        weeks: int | None = None

        # 1. "2x4", "two times four"
        for i in range(len(numbers) - 1):
            first, second = numbers[i], numbers[i + 1]
            if _X_GAP.fullmatch(text, first.end, second.start):
                frequency, weeks = first.value, second.value
                used |= {i, i + 1}
                break
        # 2. "3 times a week"
        for i, number in enumerate(numbers):
            if i not in used and _PER_WEEK.match(text, number.end):
                frequency = frequency or number.value
                used.add(i)
                break
        # 3. "for 4 weeks"
        for i, number in enumerate(numbers):
            if i not in used and _WEEKS.match(text, number.end):
                weeks = weeks or number.value
                used.add(i)
                break

        sessions = self._explicit(text, numbers, used)
        explicit = sessions is not None
        if sessions is None and frequency is not None and weeks is not None:
            sessions = frequency * weeks
        return Counts(sessions, frequency, weeks, explicit)

    def _explicit(self, text: str, numbers: list[Number], used: set[int]) -> int | None:
        free = [(i, n) for i, n in enumerate(numbers) if i not in used]
        # 4. "six sessions", "TWELVE (12) PHYSICAL THERAPY SESSIONS", "visits (8)"
        for i, number in free:
            after = _EXPLICIT_AFTER.match(text, number.end)
            # no number inside the words read ("1 two sessions"); the numbers are in order, so the next one tells
            if after and not (i + 1 < len(numbers) and numbers[i + 1].start < after.end()):
                return number.value
            before = _EXPLICIT_BEFORE.search(text, max(0, number.start - _WINDOW), number.start)
            if before and _CLOSE.match(text, number.end):
                return number.value
        # 5. "x 6", "times 12", "#2"
        for _, number in free:
            if _TIMES_BEFORE.search(text, max(0, number.start - _WINDOW), number.start) and not (
                _NOT_A_COUNT_AFTER.match(text, number.end)
            ):
                return number.value
        # 6. "1 knee scooter"
        for _, number in free[:1]:
            if not text[: number.start].strip() and _LEADING_AFTER.match(text, number.end):
                return number.value
        return None
