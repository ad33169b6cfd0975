"""Compose the CLINICAL CASE SUMMARY from the facts found in the records and the case's own data.

Every sentence keeps the record spans it was built from (or names the application as its source), so a reader
of the JSON can check each statement against the file it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from imr.cases import CaseFile
from imr.records import Fact, Facts, Presence, Span
from imr.review.records import CaseRecords, SourceRef
from imr.text.dates import letter_date
from imr.text.wording import join_words, lower_first

_MODALITY_WORDS = {
    "physical_therapy": "physical therapy",
    "occupational_therapy": "occupational therapy",
    "chiropractic": "chiropractic care",
    "massage": "massage therapy",
    "acupuncture": "acupuncture",
    "aquatic_therapy": "aquatic therapy",
}
_WORK_WORDS = {
    "off_work": "is off work",
    "modified": "is working with restrictions",
    "part_time": "is working part time",
    "full_duty": "is working full duty",
}


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    sources: tuple[SourceRef, ...]
    from_application: bool = False


def _refs(records: CaseRecords, facts: Iterable[Fact]) -> tuple[SourceRef, ...]:
    return tuple(records.locate(f.span) for f in facts)


def _unique_by_text(facts: Iterable[Fact]) -> list[Fact]:
    seen: set[str] = set()
    kept: list[Fact] = []
    for fact in facts:
        key = fact.text.lower().strip()
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def _opening(case: CaseFile, facts: Facts, records: CaseRecords) -> SummarySentence:
    age = next(iter(f for f in facts.facts if f.kind == "age"), None)
    sex = next(iter(f for f in facts.facts if f.kind == "sex"), None)
    who = "The injured worker"
    if age and sex:
        who = f"The injured worker is a {age.value}-year-old {sex.value} who"
    elif age:
        who = f"The injured worker is {age.value} years old and"
    injury = letter_date(case.dates.injury)
    sources = _refs(records, [f for f in (age, sex) if f is not None])
    return SummarySentence(f"{who} reported an industrial injury on {injury}.", sources, from_application=True)


def _mechanism(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    mechanism = facts.first("mechanism")
    if mechanism is None:
        return None
    quote = " ".join(mechanism.text.split())
    return SummarySentence(f'The records describe how it happened: "{quote}".', _refs(records, [mechanism]))


def _words(text: str) -> str:
    """A quote on one line: records wrap mid-phrase ("Gabapentin\n300 mg")."""
    return " ".join(text.split())


def _diagnoses(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    recorded = facts.of_kind("diagnosis")
    # where the records list their diagnoses, those are the diagnoses; a complaint in the history is not one
    assessed = [d for d in recorded if d.section == "assessment"]
    found = _unique_by_text(assessed or recorded)
    # "back pain" adds nothing beside "low back pain"
    diagnoses = [d for d in found if not any(d.text.lower() in o.text.lower() and d is not o for o in found)][:6]
    if not diagnoses:
        return None
    named = [_with_site(records.text, d) for d in diagnoses]
    words = list(dict.fromkeys(lower_first(_words(records.text[span.start : span.end])) for span in named))
    return SummarySentence(
        f"The diagnoses recorded include {join_words(words)}.", tuple(records.locate(span) for span in named)
    )


_SITE_WORD = re.compile(
    r"(?:\b(?:right|left|bilateral|cervical|thoracic|lumbar|lumbosacral|neck|back|shoulder|elbow|wrist|hand|hip|"
    r"knee|ankle|foot|spine|spinal)\s+)+$",
    re.IGNORECASE,
)


def _with_site(text: str, fact: Fact) -> Span:
    """A diagnosis with the site written before it: "cervical strain", not "strain"."""
    site = _SITE_WORD.search(text, max(0, fact.span.start - 40), fact.span.start)
    return Span(site.start(), fact.span.end) if site else fact.span


def _treatment(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    history = facts.of_kind("prior_treatment")
    if not history:
        return None
    parts: list[str] = []
    used: list[Fact] = []
    for modality, label in _MODALITY_WORDS.items():
        mentions = [f for f in history if f.value == modality]
        if not mentions:
            continue
        counted = [f for f in mentions if f.count is not None]
        if counted:
            best = max(counted, key=lambda f: f.count or 0)
            parts.append(f"{best.count} sessions of {label}")
            used.append(best)
        else:
            parts.append(f"{label} (number of sessions not stated)")
            used.append(mentions[0])
    return SummarySentence(f"Treatment to date has included {join_words(parts)}.", _refs(records, used))


def _treatment_not_given(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    """ "She has never had chiropractic care or acupuncture": what the records say was not given."""
    given = {f.value for f in facts.of_kind("prior_treatment")}
    denied: dict[str, Fact] = {}
    for fact in facts.of_kind("prior_treatment", Presence.ABSENT):
        if fact.value not in given:
            denied.setdefault(fact.value, fact)
    if not denied:
        return None
    labels = [_MODALITY_WORDS.get(key, key.replace("_", " ")) for key in denied]
    return SummarySentence(
        f"The records state that no {' or '.join(labels)} has been given.", _refs(records, denied.values())
    )


_RESPONSE_KINDS = ("pain_change", "pain_relief", "function_gain", "function_static")


def _responses(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    """What the records document of the response to a treatment: measured changes and named gains or losses."""
    by_treatment: dict[str, list[Fact]] = {}
    for fact in facts.facts:
        said = fact.measure is not None or fact.detail is not None
        if fact.about and fact.presence is Presence.PRESENT and said and fact.kind in _RESPONSE_KINDS:
            by_treatment.setdefault(fact.about, []).append(fact)
    if not by_treatment:
        return None
    clauses: list[str] = []
    used: list[Fact] = []
    for treatment, found in by_treatment.items():
        described = [d for f in found if (d := _response_words(f))]
        if described:
            label = _MODALITY_WORDS.get(treatment, treatment)
            clauses.append(f"with {label}, {join_words(list(dict.fromkeys(described)))}")
            used.extend(found)
    if not clauses:
        return None
    return SummarySentence(f"The records document a response {'; '.join(clauses)}.", _refs(records, used))


def _response_words(fact: Fact) -> str | None:
    measure = fact.measure
    if fact.kind in ("pain_change", "pain_relief") and measure is not None:
        since = f" on {_date(measure.before_date)}" if measure.before_date else ""
        until = f" on {_date(fact.date)}" if fact.date else ""
        before, after = (f"{_number(v)}/10" for v in (measure.before, measure.after))
        return f"pain from {before}{since} to {after}{until}"
    if measure is not None and fact.detail:
        whole = measure.after == int(measure.after)
        to = f"{_number(measure.after)} {measure.unit}" if whole else f'"{_words(fact.text)}"'
        return f"{fact.detail} from {_number(measure.before)} {measure.unit} to {to}"
    if fact.detail and fact.kind == "function_gain":
        return f"{fact.detail} resumed"
    if fact.detail and fact.kind == "function_static":
        return f"{fact.detail} given up"
    return None


def _number(value: float) -> str:
    """8.0 -> "8"; a range read by its middle (6-7/10 -> 6.5) keeps its half."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def _date(day: dt.date | None) -> str:
    return letter_date(day) if day else ""


def _work(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    statuses = facts.of_kind("work_status")
    if not statuses:
        return None
    latest = max(statuses, key=lambda f: f.span.start)
    return SummarySentence(
        f"According to the most recent record, the worker {_WORK_WORDS.get(latest.value, 'has a work status of')} "
        f'("{latest.text}").',
        _refs(records, [latest]),
    )


# a drug named as a drug-test result is no medication: "urine drug screen positive for hydrocodone and hydromorphone"
_TEST_RESULT = re.compile(
    r"(?:\b(?:positive|negative|consistent)\s+(?:for|with)\b|\b(?:urine|UDS|UDT|toxicology|drug screen|drug test)\b)"
    r"[^.;]{0,60}$",
    re.IGNORECASE,
)


def _medications(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    taken = [
        f
        for f in facts.of_kind("medication")
        if not _TEST_RESULT.search(records.text, max(0, f.span.start - 80), f.span.start)
    ]
    current = _unique_by_text(taken)
    by_drug: dict[str, Fact] = {}
    for medication in current:
        existing = by_drug.get(medication.value)
        if existing is None or (medication.count_text and not existing.count_text):
            by_drug[medication.value] = medication
    if not by_drug:
        return None
    chosen = list(by_drug.values())[:8]
    return SummarySentence(
        f"Medications in the records include {join_words([_words(m.text) for m in chosen])}.", _refs(records, chosen)
    )


def _findings(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    signs = _unique_by_text(facts.of_kind("neuro_sign"))[:4]
    normal = _unique_by_text(facts.of_kind("neuro_exam_normal"))[:2]
    if signs:
        return SummarySentence(
            f"Examination findings include {join_words([lower_first(s.text) for s in signs])}.", _refs(records, signs)
        )
    if normal:
        return SummarySentence(
            f'The neurological examination was recorded as normal ("{normal[0].text}").', _refs(records, normal[:1])
        )
    return None


def _requests(case: CaseFile) -> SummarySentence:
    items = [item.request.strip() for item in case.items]
    ur_date = letter_date(case.dates.ur_decision)
    rfa = letter_date(case.dates.request_for_authorization)
    denied = [i.request.strip() for i in case.items if i.ur_action == "denied"]
    modified = [
        f"{i.request.strip()} (certified instead: {i.modified_to})" for i in case.items if i.ur_action == "modified"
    ]
    outcome: list[str] = []
    if denied:
        outcome.append(f"denied {join_words(denied)}")
    if modified:
        outcome.append(f"modified {join_words(modified)}")
    text = (
        f"In a request for authorization dated {rfa}, the requesting physician asked for {join_words(items)}. "
        f"In a decision dated {ur_date}, utilization review {' and '.join(outcome)}."
    )
    return SummarySentence(text, (), from_application=True)


def compose_summary(case: CaseFile, facts: Facts, records: CaseRecords) -> tuple[SummarySentence, ...]:
    parts = [
        _opening(case, facts, records),
        _mechanism(facts, records),
        _diagnoses(facts, records),
        _treatment(facts, records),
        _treatment_not_given(facts, records),
        _responses(facts, records),
        _findings(facts, records),
        _work(facts, records),
        _medications(facts, records),
        _requests(case),
    ]
    return tuple(p for p in parts if p is not None)
