"""The variables rule expressions may use, computed from the request, the facts and the case dates.

A value of ``None`` means the record does not document it; a criterion that needs it is *undocumented*.
Every variable keeps the facts it was derived from, so a criterion's evidence can be quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from imr.facts import extract_facts
from imr.facts.lexicon import modality_lexicon
from imr.records import Fact, Facts, Presence, Span, TreatmentRequest
from imr.text.dates import DATE_PATTERN, parse_date

VariableType = Literal["number", "boolean", "string", "array"]
# Where a variable's value comes from: the request title (parsed with the vocabulary files), arithmetic on dates,
# counts and doses, a data file of record readers (data/variables), or a record reader written in code.
VariableOrigin = Literal["request", "computed", "data", "code"]
Value = int | float | bool | str | tuple[str, ...] | None

# Which prior-treatment modalities count against a service's allowance (CPMTG: PT and OT share one allowance).
MODALITY_GROUPS: dict[str, tuple[str, ...]] = {
    "physical_therapy": ("physical_therapy", "occupational_therapy"),
    "occupational_therapy": ("physical_therapy", "occupational_therapy"),
    "aquatic_therapy": ("aquatic_therapy", "physical_therapy", "occupational_therapy"),
    "chiropractic": ("chiropractic",),
    "massage": ("massage",),
    "acupuncture": ("acupuncture",),
}


@dataclass(frozen=True, slots=True)
class VariableSpec:
    name: str
    type: VariableType
    description: str
    origin: VariableOrigin = "code"


@dataclass(frozen=True, slots=True)
class Variable:
    value: Value
    evidence: tuple[Fact, ...] = ()


CORE_SPECS: tuple[VariableSpec, ...] = (
    VariableSpec("service", "string", "the requested service (vocabulary key)", "request"),
    VariableSpec("regions", "array", "body regions of the request", "request"),
    VariableSpec("requested_sessions", "number", "sessions requested", "request"),
    VariableSpec("request_additional", "boolean", "the request says additional/continued", "request"),
    VariableSpec("request_weeks", "number", "weeks of treatment requested", "request"),
    VariableSpec("purchase", "boolean", "DME asked for as a purchase (false: rental)", "request"),
    VariableSpec("rental_days", "number", "rental days requested", "request"),
    VariableSpec("postoperative", "boolean", "the request is for care after surgery", "request"),
    VariableSpec("retrospective", "boolean", "the request is retrospective", "request"),
    VariableSpec("prior_therapy", "boolean", "the same kind of treatment was given before"),
    VariableSpec("continued_care", "boolean", "more of a treatment already given (prior therapy or 'additional')"),
    VariableSpec("surgery_type", "string", "the surgery the record names (rotator_cuff_repair, lumbar_fusion, ...)"),
    VariableSpec("prior_sessions", "number", "sessions of the same kind already given (largest count stated)"),
    VariableSpec("total_sessions", "number", "sessions already given plus those requested", "computed"),
    VariableSpec("diagnosis_classes", "array", "diagnosis classes found (neuralgia, myalgia, crps, ...)"),
    VariableSpec(
        "months_since_injury",
        "number",
        "months the complaint has lasted at the request: from the injury date, or from an earlier onset the record"
        " shows (a stated duration, an earlier dated study or visit), whichever is longer",
        "computed",
    ),
    VariableSpec("age", "number", "age in years", "computed"),
)


@dataclass(frozen=True, slots=True)
class CaseDates:
    request_date: dt.date | None = None
    injury_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SurgeryLink:
    """The surgery disputed in the same case that an item serves, and the engine's decision on it: ``necessary`` is
    True when it is overturned (medically necessary), False when upheld, None when it could not be decided.
    ``index`` is None when the item cannot be matched to one surgery; ``title`` then says which could be meant."""

    index: int | None
    title: str
    necessary: bool | None


@dataclass(frozen=True, slots=True)
class CompanionLink:
    """The opioid disputed in the same case that a companion drug (a laxative or an antiemetic for opioid side
    effects) is asked for with, and the engine's decision on it: ``necessary`` True when it is overturned, False when
    upheld, None when it could not be decided."""

    index: int
    title: str
    necessary: bool | None


def linked_item_phrase(noun: str, index: int, title: str, necessary: bool | None) -> str:
    """How a rationale names the item another depends on, with the decision on it: "the surgery requested in item 1
    (Right knee arthroscopy), which is not medically necessary"."""
    named = f"the {noun} requested in item {index} ({title.strip()})"
    if necessary is None:
        return f"{named}, on which no decision could be reached"
    return f"{named}, which is {'' if necessary else 'not '}medically necessary"


@dataclass(frozen=True, slots=True)
class ItemContext:
    """What else the engine knows when deciding one item: the dates, what UR already certified of it, the
    other items disputed in the same case (a surgery named in one item tells the type of another's
    post-operative therapy), and the decision on a surgery disputed alongside it."""

    dates: CaseDates
    authorized_sessions: int | None = None
    other_requests: tuple[TreatmentRequest, ...] = ()
    surgery: SurgeryLink | None = None
    opioid: CompanionLink | None = None


def present(facts: Facts, kind: str, value: str | None = None) -> tuple[Fact, ...]:
    found = facts.of_kind(kind)
    return found if value is None else tuple(f for f in found if f.value == value)


def negated(facts: Facts, kind: str) -> tuple[Fact, ...]:
    return facts.of_kind(kind, Presence.ABSENT)


def tri_state(present: tuple[Fact, ...], absent: tuple[Fact, ...]) -> Variable:
    if present:
        return Variable(True, present)
    if absent:
        return Variable(False, absent)
    return Variable(None)


def _prior(facts: Facts, request: TreatmentRequest) -> tuple[Variable, Variable]:
    modalities = MODALITY_GROUPS.get(request.service, (request.service,))
    mentions = tuple(f for f in present(facts, "prior_treatment") if f.value in modalities)
    counted = tuple(f for f in mentions if f.count is not None)
    denied = tuple(f for f in negated(facts, "prior_treatment") if f.value in modalities)
    if counted:
        largest = max(counted, key=lambda f: f.count or 0)
        prior_sessions = Variable(largest.count, (largest,))
    else:
        prior_sessions = Variable(None, mentions)
    if mentions:
        prior_therapy = Variable(True, mentions)
    elif request.additional:
        prior_therapy = Variable(True)
    elif denied:
        prior_therapy = Variable(False, denied)
        prior_sessions = Variable(0, denied)
    else:
        prior_therapy = Variable(None)
    return prior_therapy, prior_sessions


_DURATION_NUMBER = re.compile(r"\b(\d{1,2}|[a-z]+)[- \s]+(months?|years?|yrs?)\b", re.IGNORECASE)
_SEVERAL = 3  # "several months": read as the least that "several" can mean
_NOT_THIS_COMPLAINT = re.compile(
    r"\b(?:born|birth|DOB|prior injury|previous injury|prior claim|previous claim)\b", re.I
)
_EARLIEST_YEAR = 1990


def _stated_months(text: str) -> float | None:
    match = _DURATION_NUMBER.search(text)
    if match is None:
        return None
    token = match.group(1).lower()
    count = int(token) if token.isdigit() else _SEVERAL if token == "several" else None
    if count is None:
        count = modality_lexicon().number_words.get(token)
    if count is None:
        return None
    return float(count * 12 if match.group(2).lower().startswith(("year", "yr")) else count)


def record_onset_months(facts: Facts, reference: dt.date | None) -> tuple[float | None, tuple[Fact, ...]]:
    """How long before ``reference`` the record shows the complaint began: the longest stated duration ("neck pain for
    the past 8 months"), or the earliest dated event of the record (published case summaries shift the injury date
    close to the UR decision, while "lumbar CT (3-21-13)" shows a longer history). Dates of birth and of an earlier,
    other injury are not counted."""
    if reference is None:
        return None, ()
    best: float | None = None
    evidence: tuple[Fact, ...] = ()
    for fact in present(facts, "duration"):
        months = _stated_months(fact.text)
        if months is not None and (best is None or months > best):
            best, evidence = months, (fact,)
    for match in re.finditer(DATE_PATTERN, facts.text):
        day = parse_date(match.group(0))
        if day is None or day.year < _EARLIEST_YEAR or day >= reference:
            continue
        start = max(facts.text.rfind(". ", 0, match.start()), 0)
        if _NOT_THIS_COMPLAINT.search(facts.text[start : match.end()]):
            continue
        months = _months_between(day, reference)
        if months is not None and (best is None or months > best):
            span = Span(match.start(), match.end())
            best, evidence = months, (Fact("statement", "dated_event", match.group(0), span, date=day),)
    return best, evidence


def _months_between(start: dt.date | None, end: dt.date | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).days / 30.4375, 1)


def compute_core_variables(
    facts: Facts,
    request: TreatmentRequest,
    dates: CaseDates,
    authorized_sessions: int | None = None,
    other_requests: tuple[TreatmentRequest, ...] = (),
) -> dict[str, Variable]:
    """``authorized_sessions``: visits UR already certified out of the original request; they count as given."""
    prior_therapy, prior_sessions = _prior(facts, request)
    if authorized_sessions:
        already = prior_sessions.value if isinstance(prior_sessions.value, int) else 0
        prior_sessions = Variable(already + authorized_sessions, prior_sessions.evidence)
        prior_therapy = Variable(True, prior_therapy.evidence)
    total: Value = None
    if isinstance(prior_sessions.value, int) and request.sessions is not None:
        total = prior_sessions.value + request.sessions
    injury_date = facts.injury_date or dates.injury_date
    months = _months_between(injury_date, dates.request_date)
    injury_fact = facts.first("injury_date")
    duration_evidence: tuple[Fact, ...] = (injury_fact,) if injury_fact else ()
    onset_months, onset_evidence = record_onset_months(facts, dates.request_date)
    if onset_months is not None and (months is None or onset_months > months):
        months, duration_evidence = onset_months, onset_evidence
    values: dict[str, Variable] = {
        "service": Variable(request.service),
        "regions": Variable(tuple(r.region for r in request.regions)),
        "requested_sessions": Variable(request.sessions),
        "request_additional": Variable(request.additional),
        "request_weeks": Variable(request.weeks),
        "purchase": Variable(request.purchase),
        "rental_days": Variable(request.rental_days),
        "postoperative": Variable(request.postoperative or request.associated_surgical),
        "retrospective": Variable(request.retrospective),
        "prior_therapy": prior_therapy,
        "continued_care": Variable(prior_therapy.value is True or request.additional is True, prior_therapy.evidence),
        "surgery_type": _surgery_type(facts, tuple(o for o in other_requests if same_region(request, o))),
        "prior_sessions": prior_sessions,
        "total_sessions": Variable(total, prior_sessions.evidence),
        "diagnosis_classes": _diagnosis_classes(facts),
        "months_since_injury": Variable(months, duration_evidence),
        "age": Variable(facts.age, tuple(f for f in facts.facts if f.kind == "age")),
    }
    return values


# a limb region holds the joints and segments of that limb: therapy for the "left upper extremity" may follow a
# shoulder surgery
_LIMBS = {
    "upper_extremity": frozenset({"shoulder", "upper_arm", "elbow", "forearm", "wrist", "hand", "finger"}),
    "lower_extremity": frozenset({"hip", "thigh", "knee", "lower_leg", "ankle", "foot", "toe"}),
}


def regions_meet(first: str, second: str) -> bool:
    """The same region, or a limb and a part of it."""
    return first == second or second in _LIMBS.get(first, ()) or first in _LIMBS.get(second, ())


def same_region(request: TreatmentRequest, other: TreatmentRequest) -> bool:
    """Whether two requests may concern the same body part: either names none, or their regions meet."""
    if not request.regions or not other.regions:
        return True
    return any(regions_meet(a.region, b.region) for a in request.regions for b in other.regions)


def _surgery_type(facts: Facts, other_requests: tuple[TreatmentRequest, ...] = ()) -> Variable:
    """The surgery the record names; failing that, the surgery disputed in another item of the same case
    ("Left shoulder arthroscopy with Bankart repair" tells what the post-operative therapy follows)."""
    named = tuple(f for f in present(facts, "surgery") if f.value != "surgery")
    if named:
        return Variable(named[-1].value, (named[-1],))
    for other in other_requests:
        in_title = _surgeries_named_in(other.text) if other.service == "surgery" else ()
        if in_title:
            return Variable(in_title[-1])
    return Variable(None)


@lru_cache(maxsize=256)
def _surgeries_named_in(title: str) -> tuple[str, ...]:
    """The named surgeries in a request title; cached, as every other item of the case asks again."""
    return tuple(f.value for f in present(extract_facts(title), "surgery") if f.value != "surgery")


def _diagnosis_classes(facts: Facts) -> Variable:
    found = present(facts, "diagnosis")
    classes: list[str] = []
    for fact in found:
        if fact.value not in classes:
            classes.append(fact.value)
    return Variable(tuple(classes), found)
