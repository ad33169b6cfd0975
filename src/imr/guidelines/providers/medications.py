"""Variables for medication requests: the drug asked for, how long it has been taken, and what the record says
around it (GI risk, opioid monitoring, pain relief, spasm), plus the daily morphine equivalent of an opioid.

A drug named in a sentence about the request or the utilization review ("The request for Ultram was denied") is
not a drug the patient takes; one "recently prescribed" or "started" is new, not a continuation.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from imr.facts.medications import NEVER_TAKEN
from imr.guidelines.providers.medication_dosing import (
    _DATE,
    daily_morphine_equivalent,
    doses_per_day,
    parse_record_date,
    use_weeks,
)
from imr.guidelines.registry import Provider
from imr.guidelines.variables import ItemContext, Variable, VariableSpec, negated, present, tri_state
from imr.records import Drug, Fact, Facts, Presence, Span, TreatmentRequest
from imr.requests.vocabulary import load_vocabulary

MORPHINE_FILE = "medications/morphine_equivalents.yaml"
TABLET_FORMS = (None, "tablet", "capsule", "film")  # forms whose quantity counts doses
GI_RISK_AGE = 65  # CPMTG 2009 pp. 68-69: age over 65 is a GI risk factor
ADJUNCT_INGREDIENTS = frozenset({"acetaminophen", "misoprostol", "famotidine", "naloxone"})


# ---------------------------------------------------------------------------------------------------------------
# Sentences: which mentions are about the request, which say a drug is new


_SENTENCE = re.compile(r"(?:[^.;]|\.(?=\d))+(?:[.;]|$)")
_ABOUT_REQUEST = re.compile(
    r"\b(?:request(?:ed|s)?|authoriz\w*|non-?certif\w*|certif\w*|denied|denial|utilization review|UR|"
    r"approv\w*|determination|RFA|treatment plan|plan (?:is|was|includes|included)|recommended|if not)\b",
    re.IGNORECASE,
)
_NEW_START = re.compile(
    r"\b(?:recently prescribed|newly prescribed|(?:was|were|is|has been) (?:also |then |now )?(?:started|begun|added)"
    r"|started on|initial prescription|first prescription|new prescription|initiated|began taking|was given a trial"
    r"|(?:provider|physician|doctor|practitioner|surgeon)s? (?:also |then |now )?"
    r"(?:prescribed|started|added|dispensed))\b",
    re.I,
)
# "before tramadol was started", "since it was started": the start lies in the past, and the drug is taken now
_PAST_START = re.compile(r"\b(?:before|since|until|prior to)\b[^.;,]{0,40}$", re.I)


def _says_newly_started(sentence: str) -> bool:
    return any(not _PAST_START.search(sentence[: m.start()]) for m in _NEW_START.finditer(sentence))


_SURGICAL = re.compile(
    r"\b(?:surgery|surgical|repair|reduction|pinning|fixation|ORIF|arthroscop\w*|release|fusion|decompression|"
    r"reconstruction|tenodesis|arthroplasty|replacement|\w+ectomy|\w+otomy)\b",
    re.IGNORECASE,
)
POSTOPERATIVE_DAYS = 90  # the Opioids guideline follows post-operative use for up to three months (1.4)


@lru_cache(maxsize=64)
def _sentence_bounds(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each sentence of ``text`` starts and ends, found once per text (every item of a case asks again)."""
    matches = list(_SENTENCE.finditer(text))
    return tuple(m.start() for m in matches), tuple(m.end() for m in matches)


def _sentence_of(text: str, start: int) -> tuple[int, int]:
    starts, ends = _sentence_bounds(text)
    index = bisect_right(starts, start) - 1
    if index >= 0 and start < ends[index]:
        return starts[index], ends[index]
    return 0, len(text)


def _sentence(text: str, fact: Fact) -> str:
    first, last = _sentence_of(text, fact.span.start)
    return text[first:last]


def about_request(text: str, fact: Fact) -> bool:
    return bool(_ABOUT_REQUEST.search(_sentence(text, fact)))


_TOPICAL_AFTER = re.compile(
    r"[ \t]*(?:[\w.%/-]+[ \t]+){0,3}?(?:topical|gel|cream|patch|patches|ointment|lotion|spray)\b", re.I
)


def topical_mention(text: str, fact: Fact) -> bool:
    """A drug named as a topical ("Voltaren topical gel", "Flector patch"), told by the words after it or by a
    brand that only comes as a topical."""
    if _TOPICAL_AFTER.match(text, fact.span.end):
        return True
    vocabulary = load_vocabulary()
    return any(hit.payload.brand_form in vocabulary.topical_forms for hit in vocabulary.drug_matcher.find(fact.text))


def _dose_window(facts: Facts, fact: Fact) -> str:
    """The words after a drug up to the next drug or the end of the sentence: its dosing."""
    _, end = _sentence_of(facts.text, fact.span.start)
    later = [f.span.start for f in facts.of_kind("medication", None) if f.span.start > fact.span.start]
    return facts.text[fact.span.start : min([end, *later])]


def _record(facts: Facts, kind: str, presence: Presence | None = Presence.PRESENT) -> tuple[Fact, ...]:
    return tuple(f for f in facts.of_kind(kind, presence) if not about_request(facts.text, f))


def _ingredients(name: str) -> tuple[str, ...]:
    return tuple(name.split("/"))


def _same_drug(fact: Fact, drug: Drug) -> bool:
    if fact.value == drug.name:
        return True
    if drug.drug_class == "topical_compound":
        return False
    actives = set(_ingredients(drug.name)) - ADJUNCT_INGREDIENTS
    return bool(actives & (set(_ingredients(fact.value)) - ADJUNCT_INGREDIENTS))


@dataclass(frozen=True, slots=True)
class _Use:
    in_use: tuple[Fact, ...]  # the drug as a current medication
    new: tuple[Fact, ...]  # the drug as just started
    weeks: float | None
    dose_text: str | None


def _use_of(facts: Facts, drug: Drug, reference: dt.date | None) -> _Use:
    mentions = [f for f in _record(facts, "medication") if _same_drug(f, drug)]
    # a drug started at an earlier visit whose response the record measures since is taken, not new
    responded = tuple(
        f
        for kind in ("pain_change", "pain_relief", "function_gain", "function_static")
        for f in facts.of_kind(kind)
        if f.about is not None and _same_drug(Fact(f.kind, f.about, f.text, f.span), drug)
    )
    started = any(_says_newly_started(_sentence(facts.text, f)) for f in mentions)
    # once the record says the drug was started, its other mentions ("Nucynta was chosen because ...") are the new drug
    new = tuple(mentions) if started and not responded else ()
    in_use = tuple(f for f in mentions if f not in new)
    weeks = next((w for f in in_use if (w := use_weeks(_sentence(facts.text, f), reference)) is not None), None)
    dose = next((window for f in in_use if doses_per_day(window := _dose_window(facts, f))), None)
    if dose is None:  # not taken yet, or taken at no stated dose: the dose the plan writes is the one requested
        planned = [f for f in facts.of_kind("medication") if _same_drug(f, drug)]
        dose = next((window for f in planned if doses_per_day(window := _dose_window(facts, f))), None)
    return _Use(in_use, new, weeks, dose)


def _surgery_done(facts: Facts, reference: dt.date | None) -> tuple[Fact, ...] | None:
    """A surgery the record dates within the post-operative window before the request, as a pseudo-fact."""
    if reference is None:
        return None
    for match in _SENTENCE.finditer(facts.text):
        sentence = match.group(0)
        if not _SURGICAL.search(sentence) or _ABOUT_REQUEST.search(sentence):
            continue
        for date_match in _DATE.finditer(sentence):
            day = parse_record_date(date_match.group(0))
            if day and reference - dt.timedelta(days=POSTOPERATIVE_DAYS) <= day <= reference:
                span = Span(match.start(), match.end())
                return (Fact("surgery", "surgery_done", sentence.strip(), span, date=day),)
    return None


# ---------------------------------------------------------------------------------------------------------------
# The variables


SPECS: tuple[VariableSpec, ...] = (
    VariableSpec(
        "drug_name", "string", "generic name of the requested drug ('/' joins compound ingredients)", "request"
    ),
    VariableSpec(
        "drug_class", "string", "drug class of the request (opioid, nsaid, ppi, topical_compound, ...)", "request"
    ),
    VariableSpec("drug_form", "string", "dosage form of the request (patch, gel, tablet, ...)", "request"),
    VariableSpec("drug_ingredients", "array", "the generic ingredients of the requested drug or compound", "request"),
    VariableSpec("drug_quantity", "number", "units requested ('#60')", "request"),
    VariableSpec("drug_quantity_stated", "boolean", "the request states how much is dispensed", "request"),
    VariableSpec("drug_doses_per_day", "number", "most doses a day, from the request or the record's dosing"),
    VariableSpec(
        "drug_supply_days", "number", "days the request supplies (days' supply, or quantity / doses a day)", "computed"
    ),
    VariableSpec("drug_postoperative", "boolean", "the drug is for care after a surgery (asked so, or surgery done)"),
    VariableSpec("drug_in_use", "boolean", "the record lists the requested drug as already taken"),
    VariableSpec("drug_use_weeks", "number", "weeks the drug has been taken before the request (0 for a new drug)"),
    VariableSpec("drug_course_weeks", "number", "weeks of use by the end of the requested supply", "computed"),
    VariableSpec("drug_benefit_documented", "boolean", "pain relief or functional benefit from medication documented"),
    VariableSpec("drug_pain_reduction_percent", "number", "percent pain reduction the record states"),
    VariableSpec("drug_first_line_tried", "boolean", "an antidepressant or anticonvulsant (first-line) was tried"),
    VariableSpec("drug_non_opioid_tried", "boolean", "a non-opioid analgesic (NSAID, acetaminophen, AED, ...) tried"),
    VariableSpec("drug_indications", "array", "indications the record names (erectile_dysfunction, chemotherapy)"),
    VariableSpec("nsaid_tried", "boolean", "an oral NSAID was tried or is taken"),
    VariableSpec("nsaid_therapy", "string", "NSAID treatment: continuing, new (requested in this case) or none"),
    VariableSpec("acetaminophen_tried", "boolean", "acetaminophen was tried or is taken"),
    VariableSpec(
        "gi_risk_factor",
        "boolean",
        "a GI risk factor: age > 65, ulcer/bleed/perforation, aspirin, corticosteroid or anticoagulant, several NSAIDs",
    ),
    VariableSpec("gi_symptoms", "boolean", "dyspepsia or other GI complaints"),
    VariableSpec("oral_nsaid_unsuitable", "boolean", "oral NSAIDs are contraindicated or oral drugs not tolerated"),
    VariableSpec("neuropathic_pain", "boolean", "neuropathic pain: radiculopathy/neuropathy, radiating pain, numbness"),
    VariableSpec("muscle_spasm", "boolean", "muscle spasm on examination or complaint"),
    VariableSpec("insomnia", "boolean", "insomnia or sleep disturbance"),
    VariableSpec("opioid_in_use", "boolean", "an opioid is already taken"),
    VariableSpec("opioid_prescribed", "boolean", "an opioid is taken or requested in the same case"),
    VariableSpec("opioid_severe_injury", "boolean", "a severe injury: fracture, crush injury, major trauma, burns"),
    VariableSpec(
        "opioid_situation",
        "string",
        "which part of the Opioids guideline governs: postoperative, severe_acute (a severe injury under three"
        " months old), continuing (an opioid is already taken) or initiating",
    ),
    VariableSpec("opioid_med_per_day", "number", "morphine-equivalent mg a day of the requested opioid", "computed"),
    VariableSpec(
        "opioid_med_known", "boolean", "the request and record allow the morphine equivalent to be computed", "computed"
    ),
    VariableSpec("opioid_pain_specialist", "boolean", "a pain specialist was consulted"),
    VariableSpec("opioid_cures_checked", "boolean", "the CURES prescription database was checked"),
    VariableSpec("opioid_risk_screening", "boolean", "screening for risk of addiction or misuse documented"),
    VariableSpec("opioid_udt", "boolean", "urine drug testing documented"),
    VariableSpec("opioid_agreement", "boolean", "a written opioid treatment agreement documented"),
    VariableSpec("opioid_analgesia", "boolean", "pain relief from the medication documented (the first of the 4 A's)"),
    VariableSpec("opioid_adverse_effects_assessed", "boolean", "side effects were asked about"),
    VariableSpec("opioid_aberrant_assessed", "boolean", "aberrant drug-taking was looked for (or UDT/CURES done)"),
    VariableSpec("opioid_taper_indication", "boolean", "aberrant behaviour, misuse or severe adverse events noted"),
)


def _any(*groups: Iterable[Fact]) -> tuple[Fact, ...]:
    return tuple(f for group in groups for f in group)


def _flag(found: tuple[Fact, ...], denied: tuple[Fact, ...] = ()) -> Variable:
    return tri_state(found, denied)


def _sure(found: tuple[Fact, ...]) -> Variable:
    """A yes/no that silence answers no: nothing in the record says it."""
    return Variable(bool(found), found)


def _classes_tried(facts: Facts, classes: tuple[str, ...]) -> tuple[Fact, ...]:
    return tuple(
        f
        for f in facts.of_kind("medication", None)
        if f.detail in classes
        and (f.presence is Presence.PRESENT or (f.presence is Presence.ABSENT and f.cue != NEVER_TAKEN))
        and not about_request(facts.text, f)
    )


def _drug_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    drug = request.drug
    if drug is None:
        return {}
    reference = context.dates.request_date
    use = _use_of(facts, drug, reference)
    per_day = doses_per_day(request.text) or (doses_per_day(use.dose_text) if use.dose_text else None)
    if per_day is None and drug.quantity and drug.days_supply:
        per_day = round(drug.quantity / drug.days_supply, 2)
    supply: float | None = float(drug.days_supply) if drug.days_supply else None
    if supply is None and drug.quantity and per_day and drug.form in TABLET_FORMS:
        supply = round(drug.quantity / per_day, 1)
    weeks = use.weeks if use.in_use else 0.0
    course = round(weeks + supply / 7, 1) if weeks is not None and supply is not None else None
    surgery = _surgery_done(facts, reference)
    postoperative = request.postoperative or request.associated_surgical or surgery is not None
    med = daily_morphine_equivalent(drug.name, drug.strength, per_day) if drug.drug_class == "opioid" else None
    situation = _opioid_situation(facts, postoperative, bool(use.in_use), context)
    return {
        "drug_name": Variable(drug.name),
        "drug_class": Variable(drug.drug_class),
        "drug_form": Variable(drug.form),
        "drug_ingredients": Variable(_ingredients(drug.name)),
        "drug_quantity": Variable(drug.quantity),
        "drug_quantity_stated": Variable(drug.quantity is not None),
        "drug_doses_per_day": Variable(per_day),
        "drug_supply_days": Variable(supply),
        "drug_postoperative": Variable(postoperative, surgery or ()),
        "drug_in_use": Variable(bool(use.in_use), use.in_use or use.new),
        "drug_use_weeks": Variable(weeks, use.in_use),
        "drug_course_weeks": Variable(course, use.in_use),
        "opioid_situation": Variable(situation),
        "opioid_med_per_day": Variable(med),
        "opioid_med_known": Variable(med is not None),
    }


ACUTE_MONTHS = 3  # Opioids guideline: acute up to four weeks, subacute one to three months


def _opioid_situation(facts: Facts, postoperative: bool, drug_in_use: bool, context: ItemContext) -> str:
    if postoperative:
        return "postoperative"
    injury = facts.injury_date or context.dates.injury_date
    reference = context.dates.request_date
    recent = injury is not None and reference is not None and (reference - injury).days < ACUTE_MONTHS * 30.4375
    if recent and _severe_injury(facts):
        return "severe_acute"
    if drug_in_use or _opioids_in_use(facts):
        return "continuing"
    return "initiating"


def _severe_injury(facts: Facts) -> tuple[Fact, ...]:
    fractures = tuple(f for f in present(facts, "red_flag") if "fractur" in f.text.lower())
    return _any(_record(facts, "severe_injury"), fractures)


def _opioids_in_use(facts: Facts) -> tuple[Fact, ...]:
    """Opioids the record lists as taken: not those it says were just started, whichever mention says so."""
    opioids = tuple(f for f in _record(facts, "medication") if f.detail == "opioid")
    started = {f.value for f in opioids if _says_newly_started(_sentence(facts.text, f))}
    return tuple(f for f in opioids if f.value not in started)


def _gi_risk(facts: Facts) -> Variable:
    found = list(_record(facts, "gi_risk"))
    age = tuple(f for f in facts.facts if f.kind == "age")
    if facts.age is not None and facts.age > GI_RISK_AGE:
        found.extend(age)
    steroids = [
        f
        for f in _record(facts, "medication")
        if f.detail == "corticosteroid" and not re.search(r"inject", _sentence(facts.text, f), re.I)
    ]
    found.extend(steroids)
    nsaids = [f for f in _record(facts, "medication") if f.detail == "nsaid" and not topical_mention(facts.text, f)]
    if len({f.value for f in nsaids}) >= 2:
        found.extend(nsaids)
    return _flag(tuple(found), negated(facts, "gi_risk"))


def _credited_elsewhere(fact: Fact, drug: Drug | None) -> bool:
    """A response the record credits to another treatment than the requested drug ("pain from 8/10 to 5/10 after
    gabapentin was started" says nothing of Norco)."""
    if fact.about is None or drug is None:
        return False
    return not _same_drug(Fact(fact.kind, fact.about, fact.text, fact.span), drug)


def _responses(facts: Facts, kind: str, drug: Drug | None) -> tuple[Fact, ...]:
    """Response facts of ``kind`` for the requested drug: those credited to it first, then uncredited ones; never
    those credited to another treatment."""
    found = tuple(f for f in _record(facts, kind) if not _credited_elsewhere(f, drug))
    return tuple(sorted(found, key=lambda f: f.about is None))


def _pain_reduction(facts: Facts, drug: Drug | None) -> Variable:
    """The percent pain reduction the record states or measures between visits, for the requested drug."""
    measured = tuple(f for f in _responses(facts, "pain_change", drug) if f.measure is not None)
    for fact in (*_responses(facts, "pain_relief", drug), *measured):
        if (
            fact.measure is not None
            and fact.measure.change_percent is not None
            and fact.measure.after < fact.measure.before
        ):
            return Variable(-fact.measure.change_percent, (fact,))
        percent = re.search(r"(\d{1,3})\s*%", fact.text)
        if percent:
            return Variable(int(percent.group(1)), (fact,))
        scale = re.search(r"from\s+(\d{1,2})(?:/10)?\s+to\s+(\d{1,2})/10", fact.text)
        if scale and int(scale.group(1)) > 0:
            before, after = int(scale.group(1)), int(scale.group(2))
            return Variable(round(100 * (before - after) / before), (fact,))
    return Variable(None)


# drugs asked for alongside another (a PPI with an NSAID, a laxative with an opioid): the benefit that matters is the
# other drug's, so responses are not sorted by the drug they are credited to
_COMPANION_CLASSES = frozenset({"ppi", "h2_blocker", "gi_protectant", "laxative", "antiemetic"})


def _record_variables(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    drug = request.drug if request.drug is None or request.drug.drug_class not in _COMPANION_CLASSES else None
    lowered = tuple(
        f
        for f in _responses(facts, "pain_change", drug)
        if f.measure is not None and f.measure.after < f.measure.before
    )
    relief = _responses(facts, "pain_relief", drug) + lowered
    gains = _responses(facts, "function_gain", drug)
    static = _record(facts, "function_static")
    medication = _record(facts, "medication")
    oral_nsaids = tuple(f for f in medication if f.detail == "nsaid" and not topical_mention(facts.text, f))
    in_use_nsaids = tuple(f for f in oral_nsaids if not _says_newly_started(_sentence(facts.text, f)))
    requested_nsaid = any(r.drug and r.drug.drug_class == "nsaid" for r in (request, *context.other_requests))
    opioids = _opioids_in_use(facts)
    requested_opioid = tuple(r for r in context.other_requests if r.drug and r.drug.drug_class == "opioid")
    neuropathic = _any(
        tuple(f for f in present(facts, "diagnosis") if f.value in ("neuralgia", "neuropathic_pain", "crps")),
        present(facts, "neuro_symptom"),
        present(facts, "neuro_sign", "sensory_loss"),
    )
    spasm = _any(_record(facts, "spasm"), tuple(f for f in present(facts, "diagnosis") if "spasm" in f.text.lower()))
    nsaid_tried = _any(
        tuple(f for f in _classes_tried(facts, ("nsaid",)) if not topical_mention(facts.text, f)),
        _record(facts, "nsaid_mention"),
    )
    aberrant = _record(facts, "aberrant_behaviour")
    udt = _record(facts, "urine_drug_test")
    cures = _record(facts, "cures_check")
    indications = _record(facts, "drug_indication")
    return {
        "drug_benefit_documented": _flag(_any(relief, gains), _any(static, negated(facts, "pain_relief"))),
        "drug_pain_reduction_percent": _pain_reduction(facts, drug),
        "drug_first_line_tried": _flag(_classes_tried(facts, ("antidepressant", "anticonvulsant"))),
        "drug_non_opioid_tried": _flag(
            _any(_classes_tried(facts, ("nsaid", "analgesic", "anticonvulsant", "antidepressant")), nsaid_tried)
        ),
        "drug_indications": Variable(tuple(dict.fromkeys(f.value for f in indications)), indications),
        "nsaid_tried": _flag(nsaid_tried),
        "nsaid_therapy": Variable(
            "continuing" if in_use_nsaids else "new" if requested_nsaid else "none", in_use_nsaids
        ),
        "acetaminophen_tried": _flag(
            tuple(f for f in _classes_tried(facts, ("analgesic",)) if "acetaminophen" in f.value)
        ),
        "gi_risk_factor": _gi_risk(facts),
        "gi_symptoms": _flag(_record(facts, "gi_symptom"), _record(facts, "gi_symptom", Presence.ABSENT)),
        "oral_nsaid_unsuitable": _flag(
            _any(_record(facts, "oral_intolerance"), _record(facts, "gi_risk", Presence.PRESENT))
        ),
        "neuropathic_pain": _sure(neuropathic),
        "muscle_spasm": _flag(spasm, _record(facts, "spasm", Presence.ABSENT)),
        "insomnia": _flag(_record(facts, "insomnia"), _record(facts, "insomnia", Presence.ABSENT)),
        "opioid_in_use": _sure(opioids),
        "opioid_prescribed": Variable(bool(opioids or requested_opioid), opioids),
        "opioid_severe_injury": _sure(_severe_injury(facts)),
        "opioid_pain_specialist": _flag(_record(facts, "pain_specialist")),
        "opioid_cures_checked": _flag(cures, _record(facts, "cures_check", Presence.ABSENT)),
        "opioid_risk_screening": _flag(
            _record(facts, "risk_screening"), _record(facts, "risk_screening", Presence.ABSENT)
        ),
        "opioid_udt": _flag(udt, _record(facts, "urine_drug_test", Presence.ABSENT)),
        "opioid_agreement": _flag(
            _record(facts, "treatment_agreement"), _record(facts, "treatment_agreement", Presence.ABSENT)
        ),
        "opioid_analgesia": _flag(relief, _any(negated(facts, "pain_relief"), static)),
        "opioid_adverse_effects_assessed": _flag(_record(facts, "adverse_effects", None)),
        "opioid_aberrant_assessed": _flag(_any(_record(facts, "aberrant_behaviour", None), udt, cures)),
        "opioid_taper_indication": _sure(_any(aberrant, _record(facts, "opioid_harm"))),
    }


def compute(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    values = {spec.name: Variable(None) for spec in SPECS}
    if request.drug is None:
        return values
    values.update(_record_variables(facts, request, context))
    values.update(_drug_variables(facts, request, context))
    return values


PROVIDER = Provider("medications", SPECS, compute)
