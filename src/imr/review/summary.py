"""Compose the CLINICAL CASE SUMMARY from the facts found in the records and the case's own data.

Every sentence keeps the record spans it was built from (or names the application as its source), so a reader
of the JSON can check each statement against the file it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from imr.cases import CaseFile
from imr.records import Fact, Facts
from imr.review.records import CaseRecords, SourceRef
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
    injury = case.dates.injury.strftime("%B %-d, %Y")
    sources = _refs(records, [f for f in (age, sex) if f is not None])
    return SummarySentence(f"{who} reported an industrial injury on {injury}.", sources, from_application=True)


def _mechanism(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    mechanism = facts.first("mechanism")
    if mechanism is None:
        return None
    quote = " ".join(mechanism.text.split())
    return SummarySentence(f'The records describe how it happened: "{quote}".', _refs(records, [mechanism]))


def _diagnoses(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    found = _unique_by_text(facts.of_kind("diagnosis"))
    # "back pain" adds nothing beside "low back pain"
    diagnoses = [d for d in found if not any(d.text.lower() in o.text.lower() and d is not o for o in found)][:6]
    if not diagnoses:
        return None
    words = [lower_first(d.text) for d in diagnoses]
    return SummarySentence(f"The diagnoses recorded include {join_words(words)}.", _refs(records, diagnoses))


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


def _medications(facts: Facts, records: CaseRecords) -> SummarySentence | None:
    current = _unique_by_text(facts.of_kind("medication"))
    by_drug: dict[str, Fact] = {}
    for medication in current:
        existing = by_drug.get(medication.value)
        if existing is None or (medication.count_text and not existing.count_text):
            by_drug[medication.value] = medication
    if not by_drug:
        return None
    chosen = list(by_drug.values())[:8]
    return SummarySentence(
        f"Medications in the records include {join_words([m.text for m in chosen])}.", _refs(records, chosen)
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
    ur_date = case.dates.ur_decision.strftime("%B %-d, %Y")
    rfa = case.dates.request_for_authorization.strftime("%B %-d, %Y")
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
        _findings(facts, records),
        _work(facts, records),
        _medications(facts, records),
        _requests(case),
    ]
    return tuple(p for p in parts if p is not None)
