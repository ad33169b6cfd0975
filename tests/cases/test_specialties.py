"""The specialty table: its keyword examples, needs from parsed requests, aliases, and malformed files."""

from __future__ import annotations

import pytest

from imr.cases.specialties import (
    FALLBACK_NEED,
    need_for_text,
    needs_for_request,
    parse_specialty_file,
    specialty_table,
    suitable_specialties,
)
from imr.errors import RuleFileError
from imr.records import BodyRegion, TreatmentRequest

TABLE = specialty_table()
EXAMPLES = [(need.id, text) for need in TABLE.needs for text in need.examples]


@pytest.mark.parametrize(("need_id", "text"), EXAMPLES)
def test_keyword_examples(need_id: str, text: str) -> None:
    assert need_for_text(text) == need_id


@pytest.mark.parametrize(
    ("text", "need_id"),
    [
        ("Norco 10/325mg #120", "medication"),
        ("Post-operative physical therapy 12 visits for the right shoulder", "physical_medicine"),
        ("TENS unit purchase", "dme"),
        ("Right L4-L5 microdiscectomy and foraminotomy", "spine_surgery"),
        ("Associated surgical service: 1 day inpatient stay", "surgical_support"),
        ("Gym membership for 6 months", FALLBACK_NEED),
        ("", FALLBACK_NEED),
    ],
)
def test_need_for_text(text: str, need_id: str) -> None:
    assert need_for_text(text) == need_id


def _request(service: str, category: str, *regions: str, associated: bool = False) -> TreatmentRequest:
    return TreatmentRequest(
        text="x",
        service=service,
        category=category,
        regions=tuple(BodyRegion(r) for r in regions),
        associated_surgical=associated,
    )


@pytest.mark.parametrize(
    ("request_", "needs"),
    [
        (_request("surgery", "surgery", "lumbar_spine"), ("spine_surgery",)),
        (_request("surgery", "surgery", "wrist"), ("hand_surgery",)),
        (_request("surgery", "surgery", "knee"), ("orthopaedic_surgery",)),
        (_request("surgery", "surgery"), ("orthopaedic_surgery",)),
        (_request("tens", "physical_medicine"), ("dme",)),  # the service is more specific than the category
        (_request("acupuncture", "physical_medicine", "cervical_spine"), ("acupuncture",)),
        (_request("physical_therapy", "physical_medicine", "lumbar_spine"), ("physical_medicine",)),
        (_request("psychotherapy", "behavioral"), ("psychological",)),
        (_request("medication", "medication"), ("medication",)),
        (_request("surgery", "surgery", "lumbar_spine", associated=True), ("surgical_support",)),
        (_request("teleportation", "unheard_of"), ()),
    ],
)
def test_needs_for_request(request_: TreatmentRequest, needs: tuple[str, ...]) -> None:
    assert needs_for_request(request_) == needs


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("PM&R", "Physical Medicine and Rehabilitation"),
        ("physical medicine & rehabilitation", "Physical Medicine and Rehabilitation"),
        ("Orthopedic Surgery", "Orthopaedic Surgery"),
        ("Neurosurgery", "Neurological Surgery"),
        ("  Occupational   Medicine ", "Occupational Medicine"),
        ("Orthopedic Surgeon", None),
    ],
)
def test_canonical_specialty(name: str, canonical: str | None) -> None:
    assert TABLE.canonical_specialty(name) == canonical


def test_suitable_specialties() -> None:
    suited = suitable_specialties(["spine_surgery", "psychological"])
    assert suited == {
        "spine_surgery": ("Orthopaedic Surgery", "Neurological Surgery"),
        "psychological": ("Psychiatry", "Psychology"),
    }
    with pytest.raises(KeyError):
        suitable_specialties(["astrology"])


_SPECIALTIES = "specialties:\n  - {name: Psychiatry, aliases: []}\n"


@pytest.mark.parametrize(
    ("needs", "message"),
    [
        (
            "  - {id: general_medicine, label: g, specialties: [Dermatology]}\n",
            "unknown specialty 'Dermatology'",
        ),
        (
            "  - {id: psych, label: p, specialties: [Psychiatry]}\n",
            "fallback need 'general_medicine' is missing",
        ),
        (
            "  - {id: general_medicine, label: g, specialties: [Psychiatry], patterns: ['(unclosed']}\n",
            "pattern '(unclosed' does not compile",
        ),
    ],
)
def test_malformed_specialty_file(needs: str, message: str) -> None:
    with pytest.raises(RuleFileError, match=message.replace("(", r"\(")):
        parse_specialty_file(_SPECIALTIES + "needs:\n" + needs, source="specialties.yaml")
