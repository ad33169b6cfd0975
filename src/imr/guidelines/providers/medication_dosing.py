"""Opioid doses: morphine-equivalent factors (data/medications/morphine_equivalents.yaml), doses a day read
from dosing text, and how long a drug has been taken."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from imr.data_files import package_data_path, read_package_yaml, validated

MORPHINE_FILE = "medications/morphine_equivalents.yaml"
TABLET_FORMS = (None, "tablet", "capsule", "film")  # forms whose quantity counts doses
GI_RISK_AGE = 65  # CPMTG 2009 pp. 68-69: age over 65 is a GI risk factor
ADJUNCT_INGREDIENTS = frozenset({"acetaminophen", "misoprostol", "famotidine", "naloxone"})

# ---------------------------------------------------------------------------------------------------------------
# Morphine equivalents (data/medications/morphine_equivalents.yaml)


class _BandModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    up_to: float = Field(gt=0)
    factor: float = Field(gt=0)


class _OpioidModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: Literal["mg", "mcg_per_hour"]
    factor: float | None = Field(default=None, gt=0)
    bands: list[_BandModel] = []
    note: str | None = None

    @model_validator(mode="after")
    def _one_factor(self) -> _OpioidModel:
        if (self.factor is None) == (not self.bands):
            raise ValueError("give exactly one of 'factor' or 'bands'")
        return self


class _ExampleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    drug: str
    strength: str
    doses_per_day: float = Field(gt=0)
    expect: float


class _MorphineFileModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    source: str
    opioids: dict[str, _OpioidModel] = Field(min_length=1)
    examples: list[_ExampleModel] = []


@dataclass(frozen=True, slots=True)
class MorphineTable:
    source: str
    opioids: dict[str, _OpioidModel]
    examples: tuple[_ExampleModel, ...]


def read_morphine_table(raw: object, name: str) -> MorphineTable:
    model = validated(_MorphineFileModel, raw, name)
    return MorphineTable(model.source, model.opioids, tuple(model.examples))


@lru_cache(maxsize=1)
def morphine_table() -> MorphineTable:
    return read_morphine_table(read_package_yaml(MORPHINE_FILE), package_data_path(MORPHINE_FILE))


def opioid_strength(drug_name: str, strength: str | None) -> tuple[str, float, str] | None:
    """(opioid, amount, unit) of one dose: "10/325 mg" of hydrocodone/acetaminophen is 10 mg of hydrocodone.

    In a combination with acetaminophen the opioid is the smaller number, whichever order the strength is
    written in ("300/30 mg" of codeine/acetaminophen is 30 mg of codeine)."""
    if not strength:
        return None
    table = morphine_table().opioids
    opioid = next((part for part in drug_name.split("/") if part in table), None)
    if opioid is None:
        return None
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", strength)]
    if not numbers:
        return None
    unit = "mcg_per_hour" if re.search(r"mcg\s*/\s*h", strength) else "mg" if strength.endswith("mg") else None
    if unit != table[opioid].unit:
        return None
    amount = min(numbers) if "acetaminophen" in drug_name.split("/") else numbers[0]
    return opioid, amount, unit


def daily_morphine_equivalent(drug_name: str, strength: str | None, doses_per_day: float | None) -> float | None:
    """Oral morphine equivalent in mg a day: strength x doses a day x factor (a patch: strength x factor)."""
    found = opioid_strength(drug_name, strength)
    if found is None:
        return None
    opioid, amount, unit = found
    entry = morphine_table().opioids[opioid]
    if unit == "mcg_per_hour":
        daily = amount
    elif doses_per_day is None:
        return None
    else:
        daily = amount * doses_per_day
    factor = entry.factor
    if factor is None:
        factor = next((band.factor for band in entry.bands if daily <= band.up_to), None)
        if factor is None:
            return None
    return round(daily * factor, 1)


# ---------------------------------------------------------------------------------------------------------------
# Doses a day, and how long a drug has been taken


_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "half": 0.5}
_NUMBER = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|half)"
_UNITS = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:-|to)\s*{_NUMBER})?\s*(?:tabs?|tablets?|caps?|capsules?|pills?)\b", re.IGNORECASE
)
_TIMES_A_DAY = re.compile(rf"\b{_NUMBER}\s+times\s+(?:a|per|each)\s+day\b|\b{_NUMBER}\s+times\s+daily\b", re.I)
_EVERY_HOURS = re.compile(r"\b(?:every|q)\s*(\d{1,2})(?:\s*(?:-|to)\s*\d{1,2})?\s*(?:hours?|hrs?|h)\b", re.I)
_FIXED = (
    (re.compile(r"\b(?:four\s+times|q\.?i\.?d\.?)(?![a-z])", re.I), 4.0),
    (re.compile(r"\b(?:three\s+times|t\.?i\.?d\.?)(?![a-z])", re.I), 3.0),
    (re.compile(r"\b(?:twice\s+(?:a|per)\s+day|twice\s+daily|b\.?i\.?d\.?)(?![a-z])", re.I), 2.0),
    (
        re.compile(
            r"\b(?:once\s+(?:a|per)\s+day|once\s+daily|daily|every\s+day|q\.?d\.?|at\s+bedtime|q\.?h\.?s\.?|nightly)"
            r"(?![a-z])",
            re.I,
        ),
        1.0,
    ),
)


def _value(word: str) -> float:
    return _WORDS[word.lower()] if word.lower() in _WORDS else float(word)


def doses_per_day(text: str) -> float | None:
    """The most doses a day the text allows: "1-2 tabs every 4-6 hrs" is 12, "550 mg bid" is 2, "three times a
    day" is 3; None when it gives no frequency ("as needed")."""
    times = _TIMES_A_DAY.search(text)
    every = _EVERY_HOURS.search(text)
    frequency: float | None = None
    if times:
        frequency = _value(times.group(1) or times.group(2))
    elif every and int(every.group(1)) > 0:
        frequency = 24 / int(every.group(1))
    else:
        frequency = next((value for pattern, value in _FIXED if pattern.search(text)), None)
    if frequency is None:
        return None
    units = _UNITS.search(text)
    per_dose = _value(units.group(2) or units.group(1)) if units else 1.0
    return round(per_dose * frequency, 2)


_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})\b")
_SINCE_DATE = re.compile(r"\bsince\s+(?:at\s+least\s+|about\s+|approximately\s+)?(\d{1,2}[/-]\d{1,2}[/-]\d{2,4})", re.I)
_SINCE_YEAR = re.compile(r"\bsince\s+(?:at\s+least\s+)?((?:19|20)\d\d)\b", re.I)
_FOR_SPAN = re.compile(
    r"\bfor\s+(?:the\s+(?:past|last)\s+|at\s+least\s+|over\s+|about\s+|approximately\s+)*"
    r"(\d{1,3}|a|an|one|two|three|four|five|six|several|a\s+few|few|a\s+couple\s+of|many)\s+"
    r"(days?|weeks?|months?|years?)\b",
    re.I,
)
_SPAN_WORDS = {"several": 3, "a few": 2, "few": 2, "a couple of": 2, "many": 6}
_WEEKS_PER = {"day": 1 / 7, "week": 1.0, "month": 4.35, "year": 52.0}


def parse_record_date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def use_weeks(text: str, reference: dt.date | None) -> float | None:
    """How long a drug has been taken, from the words around it: "since at least 11-15-2016" (to the request
    date), "since 2015" (from the end of that year, a lower bound), "for several months" (three)."""
    since = _SINCE_DATE.search(text)
    if since and reference:
        start = parse_record_date(since.group(1))
        if start and start <= reference:
            return round((reference - start).days / 7, 1)
    year = _SINCE_YEAR.search(text)
    if year and reference and int(year.group(1)) <= reference.year:
        return round(max(0, (reference - dt.date(int(year.group(1)), 12, 31)).days) / 7, 1)
    span = _FOR_SPAN.search(text)
    if span:
        word = " ".join(span.group(1).lower().split())
        count = _SPAN_WORDS.get(word) or _WORDS.get(word) or (int(word) if word.isdigit() else None)
        unit = span.group(2).lower().rstrip("s")
        if count:
            return round(count * _WEEKS_PER[unit], 1)
    return None
