"""The clinical allow-list (data/phi/clinical_terms.yaml): every example, and clinical text that shares a party's
name coming through redaction intact."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from imr.errors import RuleFileError
from imr.phi import KnownIdentifier, redact_for_publication
from imr.phi.clinical import build_clinical_terms, clinical_ranges, load_clinical_terms
from imr.phi.data_files import read_data_file

TERMS = load_clinical_terms()
KEPT = [
    pytest.param(term.name, text, kept, id=f"{term.name}-{n}")
    for term in TERMS
    for n, (text, kept) in enumerate(term.kept_examples)
]
NOT_KEPT = [
    pytest.param(term.name, text, id=f"{term.name}-not-{n}")
    for term in TERMS
    for n, text in enumerate(term.not_kept_examples)
]


def _found(name: str, text: str) -> list[str]:
    term = next(t for t in TERMS if t.name == name)
    return [text[r.start : r.end] for r in clinical_ranges(text, (term,))]


@pytest.mark.parametrize(("name", "text", "kept"), KEPT)
def test_kept_example(name: str, text: str, kept: str) -> None:
    assert kept in _found(name, text)


@pytest.mark.parametrize(("name", "text"), NOT_KEPT)
def test_not_kept_example(name: str, text: str) -> None:
    assert _found(name, text) == []


PARTIES = [
    KnownIdentifier("ADJUSTER", "Marcus Jones"),
    KnownIdentifier("PROVIDER", "Helen Parkinson, MD"),
    KnownIdentifier("EMPLOYEE", "Patrick Thomas Soma"),
    KnownIdentifier("ZIP_CODE", "90805"),
    KnownIdentifier("CLAIM_NUMBER", "97112"),
]


@pytest.mark.parametrize(
    ("text", "kept", "removed"),
    [
        ("Healed Jones fracture; Ms. Jones was told.", "Jones fracture", "Ms. Jones"),
        ("History of Parkinson disease; Dr. Parkinson reviewed it.", "Parkinson disease", "Dr. Parkinson"),
        ("a history of Parkinson's, per Helen Parkinson, MD", "Parkinson's", "Helen Parkinson, MD"),
        ("Patrick test positive on the right; Patrick reports pain.", "Patrick test", "Patrick reports"),
        ("Thomas test negative. Mr. Soma returned.", "Thomas test", "Mr. Soma"),
        ("Therapeutic exercise 97110 x 6 and CPT 97140", "97110 x 6 and CPT 97140", ""),
        ("CT 72131 of the lumbar spine", "CT 72131", ""),
        ("Work status: Modified Duty, no lifting", "Modified Duty", ""),
        ("She was working at Modified Duty since May.", "Modified Duty since May", ""),
        ("PT 2x6, DC if sedated, follow up with OT", "PT 2x6, DC if sedated, follow up with OT", ""),
        ("She fell at her birthday party on 03/12/2016.", "03/12/2016", ""),
        ("Pain since her birthday, 03/12/2016.", "03/12/2016", ""),
    ],
)
def test_clinical_text_survives_a_party_of_the_same_name(text: str, kept: str, removed: str) -> None:
    public = redact_for_publication(text, PARTIES).text
    assert kept in public
    if removed:
        assert removed not in public


def test_the_case_s_own_number_wins_over_a_listed_cpt_code() -> None:
    """A listed code alone is kept unless it is the case's own claim number (overrides_parties: false)."""
    public = redact_for_publication("Claim 97112 was accepted; billed 97112 and 97110.", PARTIES).text
    assert "97112" not in public and "97110" in public


def test_a_detection_reaching_beyond_a_term_is_kept_whole() -> None:
    public = redact_for_publication("mail to 12 Oak Street, Portland, OR 97110 today", []).text
    assert "97110" not in public and "Portland" not in public


def _file() -> dict[str, Any]:
    data, _ = read_data_file("clinical_terms.yaml")
    assert isinstance(data, dict)
    return copy.deepcopy(data)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: d["terms"][0].update(patterns=["("]), "terms.0 (eponym)", "bad regex"),
        (lambda d: d["terms"][0].update(patterns=["{{NO_SUCH}}"]), "terms.0 (eponym)", "unknown fragment"),
        (lambda d: d["terms"][0].pop("overrides_parties"), "terms.0.overrides_parties", "Field required"),
        (
            lambda d: d["terms"][0]["examples"]["kept"].append({"text": "no eponym", "term": "Jones fracture"}),
            "terms.0.examples.kept.7",
            "does not occur",
        ),
        (lambda d: d["lists"].update(lower=["x"]), "lists", "UPPER_CASE"),
    ],
)
def test_a_broken_file_names_the_key(change: Any, field: str, message: str) -> None:
    data = _file()
    change(data)
    with pytest.raises(RuleFileError) as caught:
        build_clinical_terms(data, "data/phi/clinical_terms.yaml")
    assert caught.value.source == "data/phi/clinical_terms.yaml"
    assert caught.value.field == field
    assert message in str(caught.value)
