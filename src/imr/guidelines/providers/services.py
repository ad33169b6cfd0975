"""Variables for diagnostics, evaluation and management, behavioural services, programmes and laboratory tests.

Values come from facts the extractor found (data/facts/concepts/services.yaml and the other concept files), from
the request title, or from a clause of the record that says what no single concept holds ("An electrodiagnostic
study dated 11/30/2016 revealed ..."). Such clauses become facts of kind ``statement``, so a criterion can quote
them like any other evidence. ``None`` means the record does not say.
"""

from __future__ import annotations

import datetime as dt
import re

from imr.guidelines.providers.services_text import (
    _ASKED,
    _DAYS_PER_UNIT,
    _ENTRAPMENT_DIAGNOSES,
    _HAND,
    _LAB_PANELS,
    _PRIOR,
    _PROGRAM,
    _PSYCHOTHERAPY,
    _RADIATING,
    _RESULT,
    _SITE_WORDS,
    _SPINE,
    _bounds,
    _facts,
    _near_region,
    _nerve_named,
    _number,
    _sentence,
    _statements,
)
from imr.guidelines.registry import Provider
from imr.guidelines.variables import (
    ItemContext,
    Variable,
    VariableOrigin,
    VariableSpec,
    VariableType,
    negated,
    present,
    tri_state,
)
from imr.records import Fact, Facts, Span, TreatmentRequest
from imr.text.dates import DATE_PATTERN, parse_date

# ---------------------------------------------------------------------------------------------- diagnostics


def _nerve_variables(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    diagnoses = _facts(facts, "diagnosis")
    of_a_nerve = tuple(f for f in diagnoses if _nerve_named(facts.text, f))
    named = (
        tuple(f for f in _facts(facts, "nerve_entrapment") if f.value != "plexopathy")
        + tuple(f for f in diagnoses if f.value in _ENTRAPMENT_DIAGNOSES)
        + of_a_nerve
    )
    provocative = tuple(
        f for f in present(facts, "neuro_sign", "provocative_test") if re.search("tinel|phalen", f.text, re.I)
    )
    symptoms = [(f, _sentence(facts.text, f)) for f in present(facts, "neuro_symptom")]
    hand = tuple(f for f, sentence in symptoms if _HAND.search(sentence) and not _RADIATING.search(sentence))
    radiating = tuple(f for f, sentence in symptoms if _RADIATING.search(sentence) and _SPINE.search(sentence))
    denied = tuple(
        f
        for f in negated(facts, "nerve_entrapment") + negated(facts, "diagnosis")
        if f.value in ("median", "ulnar", "radial", "entrapment", *_ENTRAPMENT_DIAGNOSES) or _nerve_named(facts.text, f)
    )
    radicular = tuple(f for f in diagnoses if f.value == "neuralgia" and f not in of_a_nerve) + radiating
    kinds = {_ENTRAPMENT_DIAGNOSES.get(f.value, f.value) for f in named if f not in of_a_nerve}
    kinds |= {name for f in of_a_nerve if (name := _nerve_named(facts.text, f))}
    kinds |= {"radiculopathy"} if radicular else set()
    kinds |= {"plexopathy"} if _facts(facts, "nerve_entrapment", "plexopathy") else set()
    inconclusive = _statements(
        facts.text,
        "inconclusive_study",
        r"(?:nerve conduction|NCS|NCV|electrodiagnostic)[^.;]{0,60}\b(?:inconclusive|equivocal|non-?diagnostic)\b",
    )
    return {
        "nerve_entrapment_suspected": tri_state(named + provocative + hand, denied),
        "radiculopathy_suspected": Variable(bool(radicular), radicular),
        "several_nerve_diagnoses": Variable(len(kinds) >= 2 or bool(inconclusive), named + radicular + inconclusive),
    }


def _imaging_variables(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    planned = present(facts, "procedure_planned") + present(facts, "surgical_candidacy")
    return {
        "procedure_planned_for_region": tri_state(_near_region(facts, planned, request, window=25), ()),
    }


# ---------------------------------------------------------------------------------------- behavioural services


def _session_counts(text: str) -> tuple[Fact, ...]:
    """ "4 sessions of cognitive behavioral therapy", "CBT x 6", as already given (not as requested)."""
    number = r"(\d{1,2}|[a-z]+)"
    pattern = (
        rf"{number}\s+(?:prior\s+|previous\s+)?(?:sessions?|visits?)\s+of\s+{_PSYCHOTHERAPY}"
        rf"|{_PSYCHOTHERAPY}\s*(?:x|times)\s*{number}\b"
    )
    found: list[Fact] = []
    for match in re.finditer(pattern, text, re.I):
        count = _number(match.group(1) or match.group(2))
        first, _ = _bounds(text, match.start(), match.end())
        if count is not None and not _ASKED.search(text[first : match.start()]):
            found.append(
                Fact("statement", "prior_sessions", match.group(0), Span(match.start(), match.end()), count=count)
            )
    return tuple(found)


def _behavioural_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    text = facts.text
    given = _statements(text, "prior_psychotherapy", rf"{_PRIOR}[^.;]{{0,40}}\b{_PSYCHOTHERAPY}\b")
    counts = _session_counts(text)
    continued = bool(given or counts) or request.additional is True
    prior = Variable(max(f.count or 0 for f in counts), counts) if counts else Variable(None if continued else 0, given)
    total = prior.value + request.sessions if isinstance(prior.value, int) and request.sessions is not None else None
    ongoing = _statements(
        text,
        "cbt_in_place",
        r"\b(?:currently|ongoing|continues?|in)\b[^.;]{0,30}\b(?:psychotherapy|cognitive behaviou?ral therapy|CBT)\b",
    )
    with_cbt = any(r.service == "psychotherapy" and "biofeedback" not in r.text.lower() for r in context.other_requests)
    return {
        "psych_continued": Variable(continued, given + counts),
        "psych_prior_sessions": prior,
        "psych_total_sessions": Variable(total, prior.evidence),
        "cbt_program": Variable(True, given + ongoing) if given or ongoing or with_cbt else Variable(None),
    }


# -------------------------------------------------------------------------------------------------- programmes


def _days(count: int, unit: str) -> float:
    return count / 8 if unit.lower() in ("hours", "hrs") else count * _DAYS_PER_UNIT[unit.lower()]


def _program_variables(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    text = facts.text
    attended = _statements(text, "prior_program", rf"{_PRIOR}[^.;]{{0,40}}\b{_PROGRAM}\b")
    prior_days = Variable(None if attended else 0, attended)
    for m in re.finditer(
        rf"(\d{{1,3}}|[a-z]+)\s+(hours|days?|sessions?|weeks?)\s+(?:of|in)\s+(?:the\s+|a\s+)?{_PROGRAM}", text, re.I
    ):
        count = _number(m.group(1))
        if count is not None:
            fact = Fact("statement", "prior_program", m.group(0), Span(m.start(), m.end()), count=count)
            prior_days, attended = Variable(_days(count, m.group(2)), (fact,)), attended or (fact,)
    asked = re.search(r"(\d{1,3})\s*(hours|hrs|days?|sessions?|weeks?)\b", request.text, re.I)
    requested = Variable(_days(int(asked.group(1)), asked.group(2)) if asked else None)
    total = None
    if isinstance(prior_days.value, int | float) and isinstance(requested.value, int | float):
        total = prior_days.value + requested.value
    return {
        "program_continued": Variable(bool(attended) or request.additional is True, attended),
        "program_requested_days": requested,
        "program_prior_days": prior_days,
        "program_total_days": Variable(total, prior_days.evidence),
    }


# ------------------------------------------------------------------------------------------------ laboratory


def _drug_test_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    text = facts.text
    done: list[Fact] = []
    last: dt.date | None = None
    for fact in present(facts, "urine_drug_test"):
        first, end = _bounds(text, fact.span.start, fact.span.end)
        clause = text[first:end]
        if _ASKED.search(clause) and not _RESULT.search(clause):
            continue
        done.append(fact)
        dates = [d for d in (parse_date(m.group(0)) for m in re.finditer(DATE_PATTERN, clause)) if d is not None]
        last = max([*dates, last] if last else dates) if dates else last
    days = None if last is None or context.dates.request_date is None else (context.dates.request_date - last).days
    misuse = present(facts, "substance_misuse") + present(facts, "aberrant_behaviour")
    opioid_requested = any(
        r.drug is not None and r.drug.drug_class == "opioid" for r in (*context.other_requests, request)
    )
    opioids = present(facts, "opioid") + tuple(f for f in present(facts, "medication") if f.detail == "opioid")
    risk = "high" if misuse else "moderate" if present(facts, "psychosocial") else "low"
    return {
        "opioid_therapy": Variable(True, opioids) if opioids or opioid_requested else Variable(None),
        "drug_test_documented": Variable(bool(done), tuple(done)),
        "months_since_drug_test": Variable(None if days is None else round(days / 30.4375, 1), tuple(done)),
        "drug_test_risk": Variable(risk, misuse),
    }


def _sites(facts: Facts) -> tuple[Fact, ...]:
    """Where the planned surgery operates: concepts, and "abdominal surgery" (core reads "surgery" alone)."""
    named = tuple(
        Fact("statement", _SITE_WORDS[m.group(1).lower()], m.group(0), Span(m.start(), m.end()))
        for m in re.finditer(r"\b(abdominal|thoracic|lung|vascular|aortic)\s+surg\w*", facts.text, re.I)
    )
    return present(facts, "surgical_site") + named


def _surgery_risk(facts: Facts, context: ItemContext) -> tuple[str | None, bool]:
    """The cardiac risk of the planned surgery (high, intermediate, low) and whether it is expected to bleed."""
    words = " ".join([facts.text, *(r.text for r in context.other_requests if r.category == "surgery")])
    named = {f.value for f in present(facts, "surgery")}
    sites = {f.value for f in _sites(facts)}
    major = bool(named & {"knee_arthroplasty", "lumbar_fusion", "cervical_fusion"}) or bool(
        re.search(r"arthroplasty|joint replacement|fusion|open reduction", words, re.I)
    )
    if "vascular" in sites:
        return "high", major
    if major or sites & {"abdominal", "thoracic"}:
        return "intermediate", major
    if named & {"shoulder_arthroscopy", "knee_meniscectomy", "carpal_tunnel_release"} or re.search(
        r"arthroscop|carpal tunnel release|trigger finger|endoscopic", words, re.I
    ):
        return "low", major
    return None, major


def _laboratory_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    sites = _sites(facts)
    level, major = _surgery_risk(facts, context)
    implanted = tuple(
        f for f in present(facts, "surgery") if f.value in ("knee_arthroplasty", "lumbar_fusion", "cervical_fusion")
    )
    foreign = present(facts, "foreign_material")
    preoperative = request.associated_surgical or bool(
        re.search(r"pre-?\s?op|prior to surgery|before surgery", request.text, re.I)
    )
    return {
        "preoperative_test": Variable(preoperative),
        "lab_panel": Variable(
            next((name for name, pattern in _LAB_PANELS if re.search(pattern, request.text, re.I)), "other")
        ),
        "major_blood_loss_expected": Variable(major),
        "foreign_material": tri_state(tuple(f for f in foreign if f.value == "implant") + implanted, ()),
        "abdominal_or_thoracic_surgery": Variable(any(f.value in ("abdominal", "thoracic") for f in sites), sites),
        "surgery_risk_level": Variable(level, sites),
        "nsaid_use": tri_state(
            tuple(f for f in present(facts, "medication") if f.detail == "nsaid") + present(facts, "nsaid_mention"), ()
        ),
    }


def compute(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    injury = facts.injury_date or context.dates.injury_date
    request_date = context.dates.request_date
    days = None if injury is None or request_date is None else (request_date - injury).days
    fact = facts.first("injury_date")
    evidence = (fact,) if fact else ()
    values = {
        "days_since_injury": Variable(days, evidence),
        "weeks_since_injury": Variable(None if days is None else round(days / 7, 1), evidence),
    }
    values.update(_nerve_variables(facts, request))
    values.update(_imaging_variables(facts, request))
    values.update(_behavioural_variables(facts, request, context))
    values.update(_program_variables(facts, request))
    values.update(_drug_test_variables(facts, request, context))
    values.update(_laboratory_variables(facts, request, context))
    return values


_SPEC_ROWS: tuple[tuple[str, VariableType, str] | tuple[str, VariableType, str, VariableOrigin], ...] = (
    ("days_since_injury", "number", "days from the injury to the request", "computed"),
    ("weeks_since_injury", "number", "weeks from the injury to the request", "computed"),
    (
        "nerve_entrapment_suspected",
        "boolean",
        "a nerve entrapment (carpal, cubital tunnel) is suspected, or the fingers are numb",
    ),
    ("radiculopathy_suspected", "boolean", "radiculopathy is diagnosed or suspected, or pain radiates from the spine"),
    (
        "several_nerve_diagnoses",
        "boolean",
        "more than one nerve diagnosis in question, or an inconclusive earlier study",
    ),
    ("procedure_planned_for_region", "boolean", "an injection or surgery is planned for the region to be imaged"),
    ("psych_continued", "boolean", "psychotherapy, CBT or biofeedback was already given, or more is asked for"),
    ("psych_prior_sessions", "number", "psychotherapy sessions already given"),
    ("psych_total_sessions", "number", "psychotherapy sessions given plus those requested", "computed"),
    ("cbt_program", "boolean", "a cognitive behavioural therapy programme is in place or requested with it"),
    ("program_continued", "boolean", "the patient has already attended the programme"),
    (
        "program_requested_days",
        "number",
        "full-day programme sessions requested (8 hours a day, 5 days a week)",
        "request",
    ),
    ("program_prior_days", "number", "full-day programme sessions already attended"),
    ("program_total_days", "number", "programme days attended plus those requested", "computed"),
    ("opioid_therapy", "boolean", "opioids are taken or requested"),
    ("drug_test_documented", "boolean", "a urine drug test has already been done"),
    ("months_since_drug_test", "number", "months since the last urine drug test", "computed"),
    ("drug_test_risk", "string", "risk of misuse for test frequency: high, moderate or low"),
    ("preoperative_test", "boolean", "the test is requested before surgery", "request"),
    (
        "lab_panel",
        "string",
        "the laboratory test: cbc, metabolic, coagulation, urinalysis, glucose or other",
        "request",
    ),
    ("major_blood_loss_expected", "boolean", "the surgery is expected to lose significant blood"),
    ("foreign_material", "boolean", "the surgery implants foreign material (mesh, hardware, prosthesis)"),
    ("abdominal_or_thoracic_surgery", "boolean", "the surgery is abdominal or thoracic"),
    ("surgery_risk_level", "string", "cardiac risk of the surgery: high, intermediate or low"),
    ("nsaid_use", "boolean", "an NSAID is taken"),
)
SPECS: tuple[VariableSpec, ...] = tuple(VariableSpec(*row) for row in _SPEC_ROWS)

PROVIDER = Provider("services", SPECS, compute)
