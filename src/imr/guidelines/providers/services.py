"""Variables for diagnostics, evaluation and management, behavioural services and programmes.

Each value comes from facts the extractor found (concepts in data/facts/concepts/services.yaml and core.yaml),
from the request title, or from a sentence of the record read for a statement no single concept holds ("an
electrodiagnostic study dated 11/30/2016 revealed ..."). Such statements become facts of kind ``statement`` so
that a criterion can still quote them. ``None`` means the record does not say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from imr.facts.lexicon import modality_lexicon
from imr.guidelines.registry import Provider
from imr.guidelines.variables import ItemContext, Variable, VariableSpec, negated, present, tri_state
from imr.records import Fact, Facts, Presence, Span, TreatmentRequest
from imr.text.dates import DATE_PATTERN, parse_date

SUSPECTED = (Presence.PRESENT, Presence.POSSIBLE)
_HAND = re.compile(r"\b(?:hands?|fingers?|digits?|thumbs?|wrists?|palms?|median|ulnar)\b", re.I)
# a study already done, as opposed to one asked for: "An electrodiagnostic study dated 11/30/2016 revealed ..."
_RESULT = re.compile(
    r"\b(?:revealed|reveals|showed|shows|demonstrated|demonstrates|indicative of|consistent with|was normal|"
    r"were normal|was negative|was unremarkable|were unremarkable|findings|impression|performed on|results?)\b",
    re.I,
)
_ASKED = re.compile(
    r"\b(?:order(?:ed)?|request(?:ed|s)?|recommend(?:ed|s)?|plan(?:ned)?|pending|authoriz\w*|certified|"
    r"non-?certified|denied|appeal(?:ed)?|scheduled|sought|will)\b",
    re.I,
)
_STUDY_TERMS = {
    "emg": r"\b(?:EMG|NCS|NCV)\b|(?i:electrodiagnostic|electromyogra\w*|nerve conduction)",
    "mri": r"\bMRI\b|(?i:magnetic resonance)",
    "ct": r"\bCT\b|(?i:computed tomography|CAT scan)",
    "xray": r"(?i:x-?rays?|radiographs?|plain films?)",
}
_STUDY_TERMS["ncs"] = _STUDY_TERMS["emg_ncs"] = _STUDY_TERMS["emg"]
_REGION_WORDS = {
    "cervical_spine": r"cervical|neck|c-spine",
    "thoracic_spine": r"thoracic|mid ?back|upper back|t-spine",
    "lumbar_spine": r"lumbar|lumbosacral|low back|l-spine",
    "hip": r"hips?|femoral|femur|acetabul\w*|pelvi\w*|groin",
    "wrist": r"wrists?|scaphoid|carp\w+|distal radius",
    "hand": r"hands?|fingers?|thumbs?|metacarp\w*",
    "elbow": r"elbows?|olecranon|epicondyl\w*",
    "head": r"head|brain|skull",
}
_FRACTURE = re.compile(r"fractur", re.I)
_OCCULT = re.compile(r"\b(?:occult|stress|insufficiency)\s+fractur", re.I)
_SERIOUS = re.compile(r"tumou?r|malignan|cancer|infection|osteomyelitis|septic|fever|weight loss", re.I)
_PSYCH_THERAPY = r"(?:psychotherapy|cognitive behavioral therapy|cognitive behavioural therapy|CBT|counseling|biofeedback)"
_PROGRAM = r"(?:functional restoration|FRP|HELP program|chronic pain program|multidisciplinary pain program)"
_UNITS_PER_DAY = {"day": 1.0, "days": 1.0, "session": 1.0, "sessions": 1.0, "week": 5.0, "weeks": 5.0}
_PRIOR_CUE = r"(?:completed|attended|underwent|had|has had|received|participated in|finished|prior|previous)"
_LAB_PANELS = (
    ("coagulation", re.compile(r"PT/PTT|PT/INR|\bPTT\b|\bINR\b|prothrombin|coagulation", re.I)),
    ("urinalysis", re.compile(r"\bUA\b|urinalysis", re.I)),
    ("cbc", re.compile(r"\bCBC\b|complete blood count|hemoglobin", re.I)),
    ("metabolic", re.compile(r"\b(?:CMP|BMP)\b|chem|metabolic|electrolytes|creatinine|renal function|liver function|LFT", re.I)),
    ("glucose", re.compile(r"glucose|A1c", re.I)),
)


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in (". ", "; ", "? ", "! ", "\n\n"))
    rights = [i for i in (text.find(mark, end) for mark in (". ", "; ", "? ", "! ")) if i >= 0]
    return left + 1 if left >= 0 else 0, min(rights) if rights else len(text)


def _sentence(text: str, fact: Fact) -> str:
    first, last = _bounds(text, fact.span.start, fact.span.end)
    return text[first:last]


def _facts(facts: Facts, kind: str, value: str | None = None, presences: Iterable[Presence] = SUSPECTED) -> tuple[Fact, ...]:
    wanted = tuple(presences)
    return tuple(f for f in facts.facts if f.kind == kind and f.presence in wanted and (value is None or f.value == value))


def _statements(text: str, name: str, pattern: str) -> tuple[Fact, ...]:
    """Sentences of the record that say something no single concept holds, kept as quotable facts."""
    found: list[Fact] = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        found.append(Fact(kind="statement", value=name, text=match.group(0), span=Span(match.start(), match.end())))
    return tuple(found)


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return modality_lexicon().number_words.get(token.lower())


def _days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    return None if start is None or end is None else (end - start).days


# ---------------------------------------------------------------------------------------------- diagnostics


def _prior_study(facts: Facts, request: TreatmentRequest) -> Variable:
    """A study of the kind requested (for imaging: of a region requested) that has already been done."""
    terms = _STUDY_TERMS.get(request.service)
    if terms is None:
        return Variable(False)
    regions = [_REGION_WORDS[r.region] for r in request.regions if r.region in _REGION_WORDS]
    imaging = request.category == "imaging"
    found: list[Fact] = []
    text = facts.text
    for match in re.finditer(terms, text):
        first, last = _bounds(text, match.start(), match.end())
        sentence = text[first:last]
        if not _RESULT.search(sentence) or _ASKED.search(sentence):
            continue
        if imaging and regions and not any(re.search(words, sentence, re.I) for words in regions):
            continue
        found.append(Fact("statement", "prior_study", sentence.strip(), Span(first, last)))
    return Variable(bool(found), tuple(found[:1]))


def _nerve_variables(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    entrapments = tuple(f for f in _facts(facts, "nerve_entrapment") if f.value != "plexopathy")
    cts = _facts(facts, "diagnosis", "carpal_tunnel")
    provocative = tuple(f for f in present(facts, "neuro_sign", "provocative_test") if re.search("tinel|phalen", f.text, re.I))
    hand = tuple(f for f in present(facts, "neuro_symptom") if _HAND.search(_sentence(facts.text, f)))
    denied = tuple(f for f in negated(facts, "nerve_entrapment") + negated(facts, "diagnosis") if f.value in ("median", "ulnar", "radial", "entrapment", "carpal_tunnel"))
    radicular = _facts(facts, "diagnosis", "neuralgia")
    kinds = {f.value for f in entrapments} | ({"median"} if cts else set())
    kinds |= {"radiculopathy"} if radicular else set()
    kinds |= {"plexopathy"} if _facts(facts, "nerve_entrapment", "plexopathy") else set()
    inconclusive = _statements(facts.text, "inconclusive_ncs", r"(?:nerve conduction|NCS|NCV|electrodiagnostic)[^.;]{0,60}\b(?:inconclusive|equivocal|non-?diagnostic)\b")
    several = len(kinds) >= 2 or bool(inconclusive)
    return {
        "nerve_entrapment_suspected": tri_state(entrapments + cts + provocative + hand, denied),
        "radiculopathy_suspected": Variable(bool(radicular), radicular),
        "several_nerve_diagnoses": Variable(several, entrapments + cts + radicular + inconclusive),
        "prior_same_study": _prior_study(facts, request),
        "significant_change": tri_state(present(facts, "significant_change") + present(facts, "neuro_deterioration"), negated(facts, "significant_change")),
    }


def _near_region(facts: Facts, found: Iterable[Fact], request: TreatmentRequest) -> tuple[Fact, ...]:
    regions = [_REGION_WORDS[r.region] for r in request.regions if r.region in _REGION_WORDS]
    if not regions:
        return tuple(found)
    return tuple(f for f in found if any(re.search(words, _sentence(facts.text, f), re.I) for words in regions))


def _imaging_targets(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    red_flags = _facts(facts, "red_flag")
    fractures = tuple(f for f in facts.facts if f.presence in SUSPECTED and _FRACTURE.search(f.text))
    occult = tuple(f for f in fractures if _OCCULT.search(_sentence(facts.text, f)))
    tears = _facts(facts, "imaging_target", "soft_tissue_tear") + _facts(facts, "diagnosis", "internal_derangement")
    return {
        "suspected_osteonecrosis": tri_state(_facts(facts, "imaging_target", "osteonecrosis"), negated(facts, "imaging_target")),
        "suspected_fracture": tri_state(occult + _near_region(facts, fractures, request), ()),
        "suspected_tumor_or_infection": tri_state(tuple(f for f in red_flags if _SERIOUS.search(f.text)), ()),
        "suspected_soft_tissue_tear": tri_state(_near_region(facts, tears, request), ()),
    }


def _head_variables(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    altered = present(facts, "mental_status", "altered")
    normal = present(facts, "mental_status", "normal") + negated(facts, "mental_status")
    return {
        "altered_mental_status": tri_state(altered, normal),
        "head_injury_risk": tri_state(present(facts, "head_trauma"), negated(facts, "head_trauma")),
        "neuro_deterioration": tri_state(present(facts, "neuro_deterioration"), negated(facts, "neuro_deterioration")),
        "myelopathy_suspected": tri_state(
            _facts(facts, "myelopathy") + _facts(facts, "diagnosis", "multiple_sclerosis"), negated(facts, "myelopathy")
        ),
        "intraoperative_monitoring": Variable(bool(re.search(r"intra-?\s?operative|during surgery", request.text, re.I))),
    }


# ------------------------------------------------------------------------------- evaluation and management


def _management_variables(facts: Facts) -> dict[str, Variable]:
    possible = tuple(f for f in facts.facts if f.presence is Presence.POSSIBLE and f.kind in ("diagnosis", "nerve_entrapment"))
    medications = present(facts, "medication") + present(facts, "opioid")
    return {
        "diagnosis_uncertain": tri_state(present(facts, "diagnostic_uncertainty") + possible, ()),
        "psychosocial_factors": tri_state(_facts(facts, "psychosocial"), negated(facts, "psychosocial")),
        "ongoing_complaints": tri_state(
            present(facts, "ongoing_complaint") + present(facts, "persistent_symptoms") + present(facts, "flare_up"), ()
        ),
        "medications_in_use": tri_state(medications, tuple(f for f in facts.facts if f.kind == "medication" and f.presence is Presence.ABSENT)),
    }


# ---------------------------------------------------------------------------------------- behavioural services


def _session_counts(text: str, subject: str) -> tuple[Fact, ...]:
    number = r"(\d{1,2}|[a-z]+)"
    pattern = rf"{number}\s+(?:prior\s+|previous\s+)?(?:sessions?|visits?)\s+of\s+{subject}|{subject}\s*(?:x|times)\s*{number}\b"
    found: list[Fact] = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        token = match.group(1) or match.group(2)
        count = _number(token)
        first, last = _bounds(text, match.start(), match.end())
        if count is None or _ASKED.search(text[first:match.start()]):
            continue
        found.append(Fact("statement", "prior_sessions", match.group(0), Span(match.start(), match.end()), count=count))
    return tuple(found)


def _behavioural_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    text = facts.text
    prior_mentions = _statements(text, "prior_psychotherapy", rf"\b{_PRIOR_CUE}\b[^.;]{{0,40}}\b{_PSYCH_THERAPY}\b")
    counts = _session_counts(text, _PSYCH_THERAPY)
    continued = bool(prior_mentions or counts) or request.additional is True
    prior = Variable(0) if not continued else Variable(None, prior_mentions)
    if counts:
        prior = Variable(max(f.count or 0 for f in counts), counts)
    total = prior.value + request.sessions if isinstance(prior.value, int) and request.sessions is not None else None
    in_program = prior_mentions + _statements(text, "cbt_in_place", rf"\b(?:currently|ongoing|continues?|in)\b[^.;]{{0,30}}\b(?:psychotherapy|cognitive behavioral therapy|CBT)\b")
    co_requested = any(
        r.service == "psychotherapy" and "biofeedback" not in r.text.lower() for r in context.other_requests
    )
    stalled_prior = tuple(f for f in present(facts, "prior_treatment") if f.value in ("physical_therapy", "occupational_therapy", "chiropractic", "aquatic_therapy"))
    stalled = present(facts, "function_static") + present(facts, "conservative_failed") + present(facts, "persistent_symptoms")
    evaluated = _statements(text, "psychological_evaluation", r"\b(?:psychological|psychiatric|psych)\s+(?:evaluation|consultation|assessment|testing)\b[^.;]{0,60}\b(?:revealed|diagnosed|found|showed|recommended (?:psychotherapy|cognitive|CBT|counseling|treatment))")
    return {
        "psych_continued": Variable(continued, prior_mentions + counts),
        "psych_prior_sessions": prior,
        "psych_total_sessions": Variable(total, prior.evidence),
        "psych_diagnosis": tri_state(tuple(f for f in present(facts, "psychosocial") if f.value in ("depression", "anxiety", "ptsd", "adjustment")), ()),
        "psych_evaluation_done": tri_state(evaluated, ()),
        "physical_medicine_stalled": tri_state(stalled if stalled_prior else (), ()),
        "biofeedback_request": Variable("biofeedback" in request.text.lower()),
        "cbt_program": Variable(True, in_program) if in_program or co_requested else Variable(None),
    }


# -------------------------------------------------------------------------------------------------- programmes


def _program_days(text: str) -> Variable:
    hours = re.search(r"(\d{1,3})\s*(?:hours|hrs)\b", text, re.I)
    if hours:
        return Variable(int(hours.group(1)) / 8)
    units = re.search(r"(\d{1,2})\s*(days?|sessions?|weeks?)\b", text, re.I)
    if units:
        return Variable(int(units.group(1)) * _UNITS_PER_DAY[units.group(2).lower()])
    return Variable(None)


def _program_variables(facts: Facts, request: TreatmentRequest) -> dict[str, Variable]:
    text = facts.text
    prior_program = _statements(text, "prior_program", rf"\b{_PRIOR_CUE}\b[^.;]{{0,40}}\b{_PROGRAM}\b")
    prior_days: Variable = Variable(0 if not prior_program else None)
    for match in re.finditer(rf"(\d{{1,3}}|[a-z]+)\s+(hours|days?|sessions?|weeks?)\s+(?:of|in)\s+(?:the\s+|a\s+)?{_PROGRAM}", text, re.I):
        count = _number(match.group(1))
        if count is not None:
            unit = match.group(2).lower()
            days = count / 8 if unit == "hours" else count * _UNITS_PER_DAY[unit]
            fact = Fact("statement", "prior_program", match.group(0), Span(match.start(), match.end()), count=count)
            prior_days = Variable(days, (fact,))
            prior_program = prior_program or (fact,)
    requested = _program_days(request.text)
    total = (
        prior_days.value + requested.value
        if isinstance(prior_days.value, int | float) and isinstance(requested.value, int | float)
        else None
    )
    prior_pm = tuple(f for f in present(facts, "prior_treatment") if f.value in ("physical_therapy", "occupational_therapy"))
    static = present(facts, "function_static")
    completed = _statements(text, "work_program_done", r"\b(?:completed|finished|attended|underwent|prior|previous)\b[^.;]{0,30}\bwork (?:conditioning|hardening)\b")
    return {
        "program_continued": Variable(bool(prior_program) or request.additional is True, prior_program),
        "program_requested_days": requested,
        "program_prior_days": prior_days,
        "program_total_days": Variable(total, prior_days.evidence),
        "baseline_evaluation": tri_state(present(facts, "program_evaluation"), negated(facts, "program_evaluation")),
        "treatment_options_exhausted": tri_state(present(facts, "options_exhausted"), negated(facts, "options_exhausted")),
        "independent_function_loss": tri_state(present(facts, "independence_loss"), negated(facts, "independence_loss")),
        "motivation_to_change": tri_state(present(facts, "motivation"), negated(facts, "motivation")),
        "negative_predictors_addressed": tri_state(present(facts, "predictors_addressed"), negated(facts, "predictors_addressed")),
        "job_demand_gap": tri_state(present(facts, "job_demand"), negated(facts, "job_demand")),
        "therapy_plateau": tri_state(prior_pm + static if prior_pm and static else (), ()),
        "participation_tolerance": tri_state(present(facts, "participation_tolerance"), negated(facts, "participation_tolerance")),
        "return_to_work_goal": tri_state(present(facts, "return_to_work_goal"), negated(facts, "return_to_work_goal")),
        "work_program_completed": Variable(bool(completed), completed),
        "home_exercise_ineffective": tri_state(present(facts, "gym_need", "home_program_failed"), ()),
        "equipment_need": tri_state(present(facts, "gym_need", "equipment"), negated(facts, "gym_need")),
        "professional_supervision": tri_state(present(facts, "supervised_exercise"), negated(facts, "supervised_exercise")),
        "self_transport_prevented": tri_state(present(facts, "self_transport"), negated(facts, "self_transport")),
    }


# ------------------------------------------------------------------------------------------------ laboratory


def _drug_test_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    text = facts.text
    tests = tuple(f for f in facts.facts if f.kind == "urine_drug_test" and f.presence is Presence.PRESENT)
    done: list[Fact] = []
    last: dt.date | None = None
    for fact in tests:
        first, end = _bounds(text, fact.span.start, fact.span.end)
        sentence = text[first:end]
        if _ASKED.search(sentence) and not _RESULT.search(sentence):
            continue
        done.append(fact)
        for match in re.finditer(DATE_PATTERN, sentence):
            found = parse_date(match.group(0))
            if found and (last is None or found > last):
                last = found
    days = _days_between(last, context.dates.request_date)
    misuse = _facts(facts, "substance_misuse", presences=(Presence.PRESENT,)) + _facts(facts, "aberrant_behaviour", presences=(Presence.PRESENT,))
    opioid_requested = any(r.drug is not None and r.drug.drug_class == "opioid" for r in context.other_requests + (request,))
    opioids = present(facts, "opioid") + tuple(f for f in present(facts, "medication") if f.detail == "opioid")
    risk = "high" if misuse else "moderate" if _facts(facts, "psychosocial", presences=(Presence.PRESENT,)) else "low"
    return {
        "opioid_therapy": Variable(True, opioids) if opioids or opioid_requested else Variable(None),
        "drug_misuse_risk": tri_state(misuse, ()),
        "drug_test_documented": Variable(bool(done), tuple(done)),
        "months_since_drug_test": Variable(None if days is None else round(days / 30.4375, 1), tuple(done)),
        "drug_test_risk": Variable(risk, misuse),
    }


def _surgery_text(facts: Facts, context: ItemContext) -> str:
    return " ".join([facts.text] + [r.text for r in context.other_requests if r.category == "surgery"])


def _laboratory_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    comorbid = present(facts, "comorbidity") + tuple(f for f in present(facts, "weight_bearing") if "obes" in f.text.lower())
    denied = negated(facts, "comorbidity")
    of_kind = {value: tuple(f for f in comorbid if f.value == value) for value in ("pulmonary", "cardiac", "renal", "anemia", "bleeding")}
    anticoagulants = tuple(f for f in facts.facts if f.value == "anticoagulant" and f.presence is Presence.PRESENT)
    sites = present(facts, "surgical_site")
    surgery_words = _surgery_text(facts, context)
    named = {f.value for f in present(facts, "surgery")}
    major = bool(named & {"knee_arthroplasty", "lumbar_fusion", "cervical_fusion"}) or bool(
        re.search(r"arthroplasty|joint replacement|fusion|open reduction", surgery_words, re.I)
    )
    low = bool(named & {"shoulder_arthroscopy", "knee_meniscectomy", "carpal_tunnel_release"}) or bool(
        re.search(r"arthroscop|carpal tunnel release|trigger finger|endoscopic", surgery_words, re.I)
    )
    level: str | None = None
    if any(f.value == "vascular" for f in sites):
        level = "high"
    elif major or any(f.value in ("abdominal", "thoracic") for f in sites):
        level = "intermediate"
    elif low:
        level = "low"
    panel = next((name for name, pattern in _LAB_PANELS if pattern.search(request.text)), "other")
    foreign = present(facts, "foreign_material")
    cancer = tuple(f for f in present(facts, "red_flag") if re.search("cancer|malignan|tumou?r", f.text, re.I))
    return {
        "preoperative_test": Variable(
            request.associated_surgical or bool(re.search(r"pre-?\s?op|prior to surgery|before surgery", request.text, re.I))
        ),
        "lab_panel": Variable(panel),
        "chronic_disease": tri_state(comorbid, denied),
        "electrolyte_drug": tri_state(present(facts, "electrolyte_drug"), ()),
        "anemia_risk": tri_state(of_kind["anemia"] + of_kind["renal"] + of_kind["bleeding"] + cancer, ()),
        "major_blood_loss_expected": Variable(major),
        "bleeding_risk": tri_state(of_kind["bleeding"] + anticoagulants, ()),
        "foreign_material": tri_state(tuple(f for f in foreign if f.value == "implant"), ()),
        "urologic_procedure": tri_state(tuple(f for f in foreign if f.value == "urologic"), ()),
        "pulmonary_risk": tri_state(of_kind["pulmonary"] + of_kind["cardiac"], ()),
        "abdominal_or_thoracic_surgery": Variable(any(f.value in ("abdominal", "thoracic") for f in sites), sites),
        "cardiac_risk_factor": tri_state(of_kind["cardiac"] + of_kind["renal"], ()),
        "surgery_risk_level": Variable(level, sites),
        "nsaid_use": tri_state(tuple(f for f in present(facts, "medication") if f.detail == "nsaid") + present(facts, "nsaid_mention"), ()),
    }


def compute(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    injury = facts.injury_date or context.dates.injury_date
    days = _days_between(injury, context.dates.request_date)
    injury_fact = facts.first("injury_date")
    evidence = (injury_fact,) if injury_fact else ()
    values: dict[str, Variable] = {
        "days_since_injury": Variable(days, evidence),
        "weeks_since_injury": Variable(None if days is None else round(days / 7, 1), evidence),
    }
    values.update(_nerve_variables(facts, request))
    values.update(_imaging_targets(facts, request))
    values.update(_head_variables(facts, request))
    values.update(_management_variables(facts))
    values.update(_behavioural_variables(facts, request, context))
    values.update(_program_variables(facts, request))
    values.update(_drug_test_variables(facts, request, context))
    values.update(_laboratory_variables(facts, request, context))
    return values


SPECS: tuple[VariableSpec, ...] = (
    VariableSpec("days_since_injury", "number", "days from the injury to the request"),
    VariableSpec("weeks_since_injury", "number", "weeks from the injury to the request"),
    VariableSpec("nerve_entrapment_suspected", "boolean", "a peripheral nerve entrapment (carpal or cubital tunnel) is diagnosed or suspected, or the hand is numb or tingling"),
    VariableSpec("radiculopathy_suspected", "boolean", "radiculopathy is diagnosed or suspected"),
    VariableSpec("several_nerve_diagnoses", "boolean", "more than one nerve diagnosis is in question, or a prior nerve conduction study was inconclusive"),
    VariableSpec("prior_same_study", "boolean", "a study of the kind requested (of the region requested) has already been done"),
    VariableSpec("significant_change", "boolean", "a significant change in symptoms or findings since the last study"),
    VariableSpec("suspected_osteonecrosis", "boolean", "osteonecrosis or avascular necrosis is suspected"),
    VariableSpec("suspected_fracture", "boolean", "an occult or stress fracture, or a fracture of the region, is suspected"),
    VariableSpec("suspected_tumor_or_infection", "boolean", "a tumour or infection is suspected"),
    VariableSpec("suspected_soft_tissue_tear", "boolean", "a tear of a ligament, tendon or labrum of the region is suspected"),
    VariableSpec("altered_mental_status", "boolean", "abnormal mental status, disturbed consciousness or a seizure"),
    VariableSpec("head_injury_risk", "boolean", "trauma to the head, loss of consciousness, amnesia, concussion or intoxication"),
    VariableSpec("neuro_deterioration", "boolean", "deterioration or failure to improve after the initial assessment"),
    VariableSpec("myelopathy_suspected", "boolean", "myelopathy, spinal cord compression or another rare neurological disease is suspected"),
    VariableSpec("intraoperative_monitoring", "boolean", "the study is requested for monitoring during surgery"),
    VariableSpec("diagnosis_uncertain", "boolean", "the diagnosis is uncertain, suspected or complex"),
    VariableSpec("psychosocial_factors", "boolean", "psychosocial factors: depression, anxiety, distress, fear avoidance"),
    VariableSpec("ongoing_complaints", "boolean", "ongoing symptoms or complaints are documented"),
    VariableSpec("medications_in_use", "boolean", "the patient takes medications that need monitoring"),
    VariableSpec("psych_continued", "boolean", "psychotherapy, CBT or biofeedback was already given, or more is asked for"),
    VariableSpec("psych_prior_sessions", "number", "psychotherapy sessions already given"),
    VariableSpec("psych_total_sessions", "number", "psychotherapy sessions given plus those requested"),
    VariableSpec("psych_diagnosis", "boolean", "a psychological diagnosis: depression, anxiety, PTSD, adjustment disorder"),
    VariableSpec("psych_evaluation_done", "boolean", "a psychological evaluation has identified the patient for treatment"),
    VariableSpec("physical_medicine_stalled", "boolean", "physical medicine was given without progress"),
    VariableSpec("biofeedback_request", "boolean", "the request is for biofeedback"),
    VariableSpec("cbt_program", "boolean", "a cognitive behavioural therapy programme is in place or requested with it"),
    VariableSpec("program_continued", "boolean", "the patient has already attended the programme"),
    VariableSpec("program_requested_days", "number", "full-day programme sessions requested (8 hours a day)"),
    VariableSpec("program_prior_days", "number", "full-day programme sessions already attended"),
    VariableSpec("program_total_days", "number", "programme days attended plus those requested"),
    VariableSpec("baseline_evaluation", "boolean", "a thorough evaluation with baseline functional testing"),
    VariableSpec("treatment_options_exhausted", "boolean", "other treatment options have been exhausted"),
    VariableSpec("independent_function_loss", "boolean", "significant loss of the ability to function independently"),
    VariableSpec("motivation_to_change", "boolean", "motivation to change, willing to forgo secondary gains"),
    VariableSpec("negative_predictors_addressed", "boolean", "negative predictors of success have been addressed"),
    VariableSpec("job_demand_gap", "boolean", "job demands (medium or heavier) exceed the worker's current ability"),
    VariableSpec("therapy_plateau", "boolean", "physical or occupational therapy was given and has plateaued"),
    VariableSpec("participation_tolerance", "boolean", "able to take part at least four hours a day, three to five days a week"),
    VariableSpec("return_to_work_goal", "boolean", "a defined return-to-work goal agreed by employer and employee"),
    VariableSpec("work_program_completed", "boolean", "a work conditioning or work hardening programme was already completed"),
    VariableSpec("home_exercise_ineffective", "boolean", "a home exercise program has not been effective"),
    VariableSpec("equipment_need", "boolean", "the exercise program needs equipment"),
    VariableSpec("professional_supervision", "boolean", "the exercise is monitored and administered by medical professionals"),
    VariableSpec("self_transport_prevented", "boolean", "a disability prevents the patient from transporting himself or herself"),
    VariableSpec("opioid_therapy", "boolean", "opioids are taken or requested"),
    VariableSpec("drug_misuse_risk", "boolean", "substance misuse, addiction or aberrant drug behaviour"),
    VariableSpec("drug_test_documented", "boolean", "a urine drug test has already been done"),
    VariableSpec("months_since_drug_test", "number", "months since the last urine drug test"),
    VariableSpec("drug_test_risk", "string", "risk of misuse for test frequency: high, moderate or low"),
    VariableSpec("preoperative_test", "boolean", "the test is requested before surgery"),
    VariableSpec("lab_panel", "string", "the laboratory test: cbc, metabolic, coagulation, urinalysis, glucose or other"),
    VariableSpec("chronic_disease", "boolean", "an underlying chronic disease (hypertension, diabetes, heart, lung, kidney)"),
    VariableSpec("electrolyte_drug", "boolean", "a drug that disturbs electrolytes or the kidneys (diuretic, ACE inhibitor)"),
    VariableSpec("anemia_risk", "boolean", "a disease that raises the risk of anaemia"),
    VariableSpec("major_blood_loss_expected", "boolean", "the surgery is expected to lose significant blood"),
    VariableSpec("bleeding_risk", "boolean", "a bleeding history or disorder, or anticoagulants"),
    VariableSpec("foreign_material", "boolean", "the surgery implants foreign material (mesh, hardware, prosthesis)"),
    VariableSpec("urologic_procedure", "boolean", "the surgery is an invasive urologic procedure"),
    VariableSpec("pulmonary_risk", "boolean", "lung or heart disease raising the risk of pulmonary complications"),
    VariableSpec("abdominal_or_thoracic_surgery", "boolean", "the surgery is abdominal or thoracic"),
    VariableSpec("cardiac_risk_factor", "boolean", "a cardiac risk factor (heart disease, stroke, kidney disease, insulin-treated diabetes)"),
    VariableSpec("surgery_risk_level", "string", "cardiac risk of the surgery: high, intermediate or low"),
    VariableSpec("nsaid_use", "boolean", "an NSAID is taken"),
)

PROVIDER = Provider("services", SPECS, compute)
