"""Fact extraction reads like a spec: one clinical sentence, the fact it yields, and what the record says of it."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.facts.lexicon import MedicationCueExample, medication_cues
from imr.records import Presence

ROWS: list[tuple[str, str, str, Presence]] = [
    # (sentence, kind, value, presence)
    ("There is no evidence of functional improvement.", "function_gain", "gain", Presence.ABSENT),
    ("There is a lack of documentation of functional improvement.", "function_gain", "gain", Presence.UNDOCUMENTED),
    ("The therapy has been helpful and she returned to full duty.", "function_gain", "gain", Presence.PRESENT),
    ("Naproxen allows him to keep working.", "function_gain", "gain", Presence.PRESENT),
    (
        "The Oswestry score showed an improvement in the Oswestry index from 40 to 24.",
        "function_gain",
        "gain",
        Presence.PRESENT,
    ),
    ("The applicant has plateaued.", "function_static", "static", Presence.PRESENT),
    ("The diagnosis is lumbar radiculopathy.", "diagnosis", "neuralgia", Presence.PRESENT),
    ("Diagnoses: myofascial pain of the neck.", "diagnosis", "myalgia", Presence.PRESENT),
    ("He has complex regional pain syndrome of the right hand.", "diagnosis", "crps", Presence.PRESENT),
    ("X-rays showed osteoarthritis of the knee.", "diagnosis", "osteoarthritis", Presence.PRESENT),
    ("There was a positive straight leg raise on the left.", "neuro_sign", "positive_slr", Presence.PRESENT),
    ("Strength was 4/5 in the left extensor hallucis longus.", "neuro_sign", "weakness", Presence.PRESENT),
    ("She denied any numbness, tingling or weakness of her arms.", "neuro_sign", "weakness", Presence.ABSENT),
    ("Exam showed decreased sensation in the L5 dermatome.", "neuro_sign", "sensory_loss", Presence.PRESENT),
    ("Reflexes were diminished at the ankle.", "neuro_sign", "reflex_change", Presence.PRESENT),
    (
        "Deep tendon reflexes, motor strength, and sensation were intact.",
        "neuro_exam_normal",
        "normal_neuro",
        Presence.PRESENT,
    ),
    ("She reports numbness in the hand.", "neuro_symptom", "paresthesia", Presence.PRESENT),
    ("There are no red flags.", "red_flag", "red_flag", Presence.ABSENT),
    ("He reports new bowel incontinence.", "red_flag", "red_flag", Presence.PRESENT),
    ("She remains off work on temporary total disability.", "work_status", "off_work", Presence.PRESENT),
    ("He is working modified duty.", "work_status", "modified", Presence.PRESENT),
    ("She returned to part-time work at four hours per day.", "work_status", "part_time", Presence.PRESENT),
    ("He continues a home exercise program.", "home_exercise", "home_exercise", Presence.PRESENT),
    ("She has a flare-up of low back pain.", "flare_up", "flare_up", Presence.PRESENT),
    ("There is no report of acute flare-up.", "flare_up", "flare_up", Presence.UNDOCUMENTED),
    ("He is a surgical candidate.", "surgical_candidacy", "considering_surgery", Presence.PRESENT),
    ("She is status post rotator cuff repair.", "surgery", "rotator_cuff_repair", Presence.PRESENT),
    ("He failed conservative treatment.", "conservative_failed", "failed_conservative", Presence.PRESENT),
    ("An MRI of the lumbar spine was obtained.", "imaging", "imaging", Presence.PRESENT),
    ("EMG/NCS showed carpal tunnel syndrome.", "electrodiagnostic", "electrodiagnostic", Presence.PRESENT),
    ("He takes Norco 10/325 mg three times a day.", "medication", "hydrocodone/acetaminophen", Presence.PRESENT),
    ("She stopped ibuprofen.", "medication", "ibuprofen", Presence.ABSENT),
    # a diagnosis written with "without" is denied, however the cue is worded
    ("Cervical strain without cervical radiculopathy.", "diagnosis", "neuralgia", Presence.ABSENT),
    (
        "Cervical strain without signs or symptoms of cervical radiculopathy.",
        "diagnosis",
        "neuralgia",
        Presence.ABSENT,
    ),
    ("Neck pain w/o radiculopathy.", "diagnosis", "neuralgia", Presence.ABSENT),
    ("Lumbar sprain without clinical evidence of radiculopathy.", "diagnosis", "neuralgia", Presence.ABSENT),
    # a differential diagnosis is possible, not established
    (
        "Differential diagnosis includes cervical radiculopathy versus ulnar neuritis.",
        "diagnosis",
        "neuralgia",
        Presence.POSSIBLE,
    ),
    ("Cervical radiculopathy versus myofascial pain.", "diagnosis", "myalgia", Presence.POSSIBLE),
    ("Lumbar strain vs. facet syndrome.", "diagnosis", "myalgia", Presence.POSSIBLE),
    ("DDx: carpal tunnel syndrome.", "diagnosis", "carpal_tunnel", Presence.POSSIBLE),
    ("EMG to rule out cervical radiculopathy.", "diagnosis", "neuralgia", Presence.POSSIBLE),
    ("The differential diagnosis is broad.", "diagnostic_uncertainty", "uncertain", Presence.PRESENT),
    # "versus" qualifies diagnoses only: two pain ratings compared are both recorded
    ("Pain is 4/10 with versus 8/10 without medication.", "pain_intensity", "moderate_to_severe", Presence.PRESENT),
]


@pytest.mark.parametrize(("sentence", "kind", "value", "presence"), ROWS, ids=[r[0][:50] for r in ROWS])
def test_sentence_yields_fact(sentence: str, kind: str, value: str, presence: Presence) -> None:
    facts = extract_facts(sentence)
    found = [f for f in facts.facts if f.kind == kind and f.value == value]
    assert found, [(f.kind, f.value, f.presence) for f in facts.facts]
    assert found[0].presence is presence
    assert sentence[found[0].span.start : found[0].span.end] == found[0].text


@pytest.mark.parametrize(
    ("sentence", "modality", "count", "count_text"),
    [
        (
            "The applicant had had 28 prior sessions of physical therapy.",
            "physical_therapy",
            28,
            "28 prior sessions of",
        ),
        ("She completed 20 to 22 sessions of physical therapy through May.", "physical_therapy", 22, None),
        ("He had at least eight prior sessions of massage therapy.", "massage", 8, None),
        ("She has had 1 session of physical therapy.", "physical_therapy", 1, None),
        (
            "Treatment has included unspecified amounts of physical therapy.",
            "physical_therapy",
            None,
            "unspecified amounts of",
        ),
        ("He has received numerous chiropractic treatments.", "chiropractic", None, "numerous"),
        ("She completed 12 visits of occupational therapy.", "occupational_therapy", 12, None),
        ("She has completed 12 therapy sessions.", "physical_therapy", 12, None),
        ("She has had 12 sessions of therapy with some benefit.", "physical_therapy", 12, None),
        ("Physical therapy: 24 sessions between 12/2015 and 06/2016.", "physical_therapy", 24, None),
        ("- Chiropractic: 6 visits in 01/2016, stopped by the patient.", "chiropractic", 6, None),
        ("She attended physical therapy for 12 sessions.", "physical_therapy", 12, None),
        ("She underwent physical therapy, 12 visits, with little benefit.", "physical_therapy", 12, None),
        ("She has attended twelve (12) physical therapy visits.", "physical_therapy", 12, None),
        ("She has finished 12 of 12 authorized physical therapy visits.", "physical_therapy", 12, None),
        ("PT x12 visits completed.", "physical_therapy", 12, None),
        ("He completed six physical therapy visits between 07-2016 and 08-2016.", "physical_therapy", 6, "six"),
    ],
)
def test_prior_treatment_counts(sentence: str, modality: str, count: int | None, count_text: str | None) -> None:
    history = [f for f in extract_facts(sentence).facts if f.kind == "prior_treatment" and f.value == modality]
    assert history and history[0].presence is Presence.PRESENT
    assert history[0].count == count
    if count_text is not None:
        assert history[0].count_text == count_text


def test_a_requested_count_is_not_treatment_given() -> None:
    text = "UR denied a request for 12 sessions of physical therapy, noting 28 prior sessions of physical therapy."
    counts = [f.count for f in extract_facts(text).facts if f.kind == "prior_treatment"]
    assert counts == [28]


@pytest.mark.parametrize(
    "sentence",
    [
        "Request a first trial of chiropractic treatment 2 times a week for 3 weeks.",
        "Plan: first trial of chiropractic care, 6 visits.",
        "Physical therapy: 12 sessions requested.",
        "She is to start physical therapy for 12 sessions.",
        "Physical therapy: 2 times a week for 6 weeks.",
    ],
)
def test_a_proposed_treatment_is_not_treatment_history(sentence: str) -> None:
    assert not [f for f in extract_facts(sentence).facts if f.kind == "prior_treatment"]


def test_no_prior_treatment_is_a_negative_fact() -> None:
    facts = extract_facts("He has had no chiropractic care.")
    history = [f for f in facts.facts if f.kind == "prior_treatment"]
    assert history and history[0].presence is Presence.ABSENT


def test_demographics_injury_and_mechanism() -> None:
    text = "The injured worker is a 57-year-old male who injured his low back lifting a pallet on 06/14/2013."
    facts = extract_facts(text)
    assert facts.age == 57 and facts.sex == "male" and facts.injury_date == dt.date(2013, 6, 14)
    mechanism = facts.first("mechanism")
    assert mechanism is not None and mechanism.value.startswith("lifting a pallet")


def test_silence_yields_no_fact() -> None:
    facts = extract_facts("The patient was seen in the clinic today.")
    assert not [f for f in facts.facts if f.kind in {"function_gain", "red_flag", "neuro_sign", "work_status"}]


def test_a_treatment_requested_after_its_name_is_no_treatment_given() -> None:
    facts = extract_facts("No acupuncture has been given. Six sessions of acupuncture were requested.")
    given = [f for f in facts.facts if f.kind == "prior_treatment" and f.presence.value == "present"]
    assert given == []
    done = extract_facts("Physical therapy x 12 was authorized in October and completed.")
    assert [f.count for f in done.facts if f.kind == "prior_treatment"] == [12]


@pytest.mark.parametrize("example", medication_cues().examples, ids=lambda e: e.text)
def test_medication_cue_examples(example: MedicationCueExample) -> None:
    mentions = [f for f in extract_facts(example.text).facts if f.kind == "medication" and f.value == example.drug]
    assert mentions, example.text
    assert (mentions[0].presence is Presence.PRESENT) is example.taken


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Low back pain without leg numbness, tingling, or bowel or bladder complaints.", "red_flag"),
        ("There was no suspicion of occult fracture, avascular necrosis or tumor.", "red_flag"),
        ("No history of trauma, fever, cancer, osteoporosis, or steroid use.", "red_flag"),
    ],
)
def test_a_negation_reaches_the_end_of_its_list(text: str, kind: str) -> None:
    found = [f for f in extract_facts(text).facts if f.kind == kind]
    assert found and all(f.presence is Presence.ABSENT for f in found), [(f.text, f.presence) for f in found]


def test_a_negated_list_does_not_reach_past_its_clause() -> None:
    facts = extract_facts("He has no fever, but has numbness of the leg.")
    numbness = [f for f in facts.facts if f.kind == "neuro_symptom"]
    assert numbness and all(f.presence is Presence.PRESENT for f in numbness)


def test_a_finding_not_addressed_is_undocumented_and_anatomy_is_no_finding() -> None:
    facts = extract_facts("Homebound status was not addressed. MRI showed chondromalacia of the tibial plateau.")
    assert [f.presence for f in facts.facts if f.kind == "self_transport"] == [Presence.UNDOCUMENTED]
    assert not [f for f in facts.facts if f.kind == "function_static"]


def test_a_word_count_before_the_treatment_needs_its_unit_after_it() -> None:
    def counts(text: str) -> list[int | None]:
        return [f.count for f in extract_facts(text).facts if f.kind == "prior_treatment"]

    assert counts("She completed two physical therapy sessions.") == [2]
    assert counts("She completed physical therapy; two physical therapy visits are left.") != [2]
