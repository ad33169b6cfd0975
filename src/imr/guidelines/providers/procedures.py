"""Variables for injections, surgery and the services that go with it, equipment (DME) and home health care.

The rules live in data/guidelines/*.procedures.yaml and odg-procedures.yaml. Three kinds of source feed them:

* the request title: which surgery, equipment, injectate or home care is asked for ("Left shoulder arthroscopy
  with Bankart repair" is a shoulder stabilisation; "Slingshot sling" is a sling; "Home aide 6 hours per day,
  5 times a week" is 30 hours a week);
* the case's other items: an "Associated surgical service: Cold therapy for one week" serves the surgery named
  in another item of the same case;
* the record: concept facts (data/facts/concepts/procedures.yaml and the other concept files) and, for what a
  scan or a nerve study showed, the sentences that report imaging or electrodiagnostic results, read with their
  own negation ("revealed no evidence for a Bankart lesion or posterior labral tear").

Unknown stays ``None`` so that a criterion needing it is *undocumented*; every value keeps its evidence.
"""

from __future__ import annotations

from imr.guidelines.providers.procedure_records import (
    _care_need,
    _cts_electrodiagnostic,
    _diagnostic_block,
    _knee_findings,
    _lesion_on_imaging,
    _prior_injection,
    _procedure,
    _radiating,
    _radiculopathy_corroborated,
    _relief,
    _texts,
)
from imr.guidelines.providers.procedure_requests import (
    _PERSONAL_WORDS,
    _SKILLED_WORDS,
    _home_days,
    _home_hours,
    _injection_agent,
    _levels_within_two,
    _requested_days,
)
from imr.guidelines.registry import Provider
from imr.guidelines.variables import ItemContext, Variable, VariableSpec, negated, present, tri_state
from imr.records import Facts, TreatmentRequest

# ---------------------------------------------------------------------------------------------------------------

SPECS: tuple[VariableSpec, ...] = (
    VariableSpec(
        "procedure", "string", "the surgery in question: the request's own, else the case's (slap_repair, ...)"
    ),
    VariableSpec(
        "procedure_site", "string", "where that surgery is done: shoulder, knee, hand_wrist, lumbar_spine, ..."
    ),
    VariableSpec("requested_days", "number", "days of use or rental the request asks for", "request"),
    VariableSpec(
        "injection_agent",
        "string",
        "what a joint injection injects: corticosteroid, hyaluronic_acid, unspecified",
        "request",
    ),
    VariableSpec(
        "levels_within_two",
        "boolean",
        "the injection names no more than two spinal levels (true if none named)",
        "request",
    ),
    VariableSpec(
        "radiculopathy_corroborated", "boolean", "a scan or nerve study shows root compromise or radiculopathy"
    ),
    VariableSpec("radicular_pain", "boolean", "radicular pain or a radiculopathy diagnosis (false: axial pain only)"),
    VariableSpec(
        "prior_esi", "boolean", "an epidural steroid injection was given before (false when none is recorded)"
    ),
    VariableSpec("prior_facet_blocks", "boolean", "facet joint injections or medial branch blocks were given before"),
    VariableSpec("prior_tpi", "boolean", "trigger point injections were given before (false when none is recorded)"),
    VariableSpec("prior_steroid_injection", "boolean", "a corticosteroid joint injection was given before"),
    VariableSpec("prior_injection_relief_percent", "number", "percent relief from the earlier injection of this kind"),
    VariableSpec("prior_injection_relief_weeks", "number", "weeks the relief from the earlier injection lasted"),
    VariableSpec(
        "tpi_within_four",
        "boolean",
        "no more than four trigger point injections a session (true if unstated)",
        "request",
    ),
    VariableSpec("diagnostic_block_positive", "boolean", "a diagnostic medial branch block gave a positive response"),
    VariableSpec("lesion_on_imaging", "boolean", "imaging clearly shows the lesion the requested surgery repairs"),
    VariableSpec("knee_instability", "boolean", "the knee gives way or is lax on examination"),
    VariableSpec("knee_ligament_tear", "boolean", "a cruciate or collateral ligament tear"),
    VariableSpec("cts_electrodiagnostic", "boolean", "a nerve conduction study confirms median nerve entrapment"),
    VariableSpec("skilled_care_need", "boolean", "needs skilled care (nursing, wound care, IV drugs, therapy at home)"),
    VariableSpec("personal_care_need", "boolean", "needs personal care (bathing, dressing, transfers, ADLs)"),
    VariableSpec("home_health_hours_per_week", "number", "hours of home care a week the request asks for", "request"),
    VariableSpec(
        "home_health_within_60_days", "boolean", "the home care requested lasts no more than 60 days", "request"
    ),
)


def compute(facts: Facts, request: TreatmentRequest, context: ItemContext) -> dict[str, Variable]:
    procedure, site = _procedure(facts, request, context)
    procedure_name = procedure.value if isinstance(procedure.value, str) else None
    prior_esi, esi_sentences = _prior_injection(facts, "epidural_steroid_injection")
    prior_facet, facet_sentences = _prior_injection(facts, "facet_injection")
    prior_tpi, tpi_sentences = _prior_injection(facts, "trigger_point_injection")
    prior_steroid, steroid_sentences = _prior_injection(facts, "joint_injection")
    same_kind = {
        "epidural_steroid_injection": esi_sentences,
        "facet_injection": facet_sentences,
        "trigger_point_injection": tpi_sentences,
        "joint_injection": steroid_sentences,
    }.get(request.service, ())
    relief_percent, relief_weeks = _relief(same_kind)
    radiating, not_radiating = _radiating(facts.text)
    radicular = (
        present(facts, "diagnosis", "neuralgia") + _texts(present(facts, "neuro_symptom"), r"radiat") + radiating
    )
    axial = (
        present(facts, "axial_pain")
        + tuple(f for f in negated(facts, "diagnosis") if f.value == "neuralgia")
        + not_radiating
    )
    knee_instability, knee_tear = _knee_findings(facts)
    tpi_count = request.sessions if request.service == "trigger_point_injection" else None
    return {
        "procedure": procedure,
        "procedure_site": site,
        "requested_days": _requested_days(request),
        "injection_agent": Variable(_injection_agent(request)),
        "levels_within_two": Variable(_levels_within_two(request)),
        "radiculopathy_corroborated": _radiculopathy_corroborated(facts),
        "radicular_pain": tri_state(radicular, axial),
        "prior_esi": Variable(prior_esi.value is True, prior_esi.evidence),
        "prior_facet_blocks": prior_facet,
        "prior_tpi": Variable(prior_tpi.value is True, prior_tpi.evidence),
        "prior_steroid_injection": prior_steroid,
        "prior_injection_relief_percent": relief_percent,
        "prior_injection_relief_weeks": relief_weeks,
        "tpi_within_four": Variable(tpi_count is None or tpi_count <= 4),
        "diagnostic_block_positive": _diagnostic_block(facts),
        "lesion_on_imaging": _lesion_on_imaging(facts, procedure_name),
        "knee_instability": knee_instability,
        "knee_ligament_tear": knee_tear,
        "cts_electrodiagnostic": _cts_electrodiagnostic(facts),
        "skilled_care_need": _care_need(facts, request, "skilled", _SKILLED_WORDS),
        "personal_care_need": _care_need(facts, request, "personal", _PERSONAL_WORDS),
        "home_health_hours_per_week": _home_hours(request),
        "home_health_within_60_days": _home_days(request) if request.service == "home_health" else Variable(None),
    }


PROVIDER = Provider("procedures", SPECS, compute)
