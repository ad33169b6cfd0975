"""Reviewer assignment: the chosen reviewer, every pass-over reason, conflicts, ranking, nobody eligible."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from imr.cases import assign
from imr.cases.assign import PassOverCode, ReviewerQualifications, assign_reviewer, case_item_needs
from imr.cases.conflicts import name_key
from imr.cases.model import CaseFile, load_case
from imr.cases.panel import Panel, load_panel
from imr.errors import ImrError, RequestParseError
from imr.records import TreatmentRequest
from tests.cases.case_builder import make_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PANEL = load_panel(EXAMPLES / "panel.yaml")


def _codes(assignment: assign.Assignment) -> dict[str, list[PassOverCode]]:
    return {p.reviewer_id: [r.code for r in p.reasons] for p in assignment.passed_over}


def _panel(*reviewers: dict[str, Any]) -> Panel:
    base: dict[str, Any] = {
        "name": "Someone",
        "degree": "MD",
        "board_certifications": ["Physical Medicine and Rehabilitation"],
        "licensed_states": ["CA"],
        "years_in_practice": 10,
        "active_practice_hours_per_week": 30,
        "caseload": 5,
        "disciplinary_history": False,
    }
    return Panel.model_validate({"reviewers": [{**base, **r} for r in reviewers]})


@pytest.fixture(autouse=True)
def _keywords_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Derive needs from keywords here, so these tests do not move with the request parser (tested below)."""
    monkeypatch.setattr(assign, "_request_parser", lambda: None)


# -- the example cases ---------------------------------------------------------------------------------------


def test_standard_case_chooses_the_ca_licensed_pmr_reviewer() -> None:
    result = assign_reviewer(load_case(EXAMPLES / "standard-lumbar-pt-mri-norco"), PANEL)
    assert result.chosen is not None
    assert result.chosen.reviewer_id == "R-101"
    assert result.item_needs == (("physical_medicine",), ("imaging",), ("medication",))
    codes = _codes(result)
    assert codes["R-102"] == [PassOverCode.CONFLICT]
    assert codes["R-103"] == [PassOverCode.RANKED_LOWER]
    assert codes["R-104"] == [PassOverCode.SPECIALTY, PassOverCode.SPECIALTY]
    assert codes["R-105"] == [PassOverCode.SPECIALTY, PassOverCode.EXPERIENCE]
    assert codes["R-107"] == [
        PassOverCode.SPECIALTY,
        PassOverCode.SPECIALTY,
        PassOverCode.ACTIVE_PRACTICE,
        PassOverCode.DISCIPLINE,
    ]
    reasons = {p.reviewer_id: [r.text for r in p.reasons] for p in result.passed_over}
    assert reasons["R-102"] == [
        "affiliated with the claims administrator, Golden Poppy Claims Services, Inc."
        " (panel lists 'Golden Poppy Claims Services')"
    ]
    assert reasons["R-103"] == ["qualified, but ranked below R-101: not licensed in California, while R-101 is"]
    assert reasons["R-105"][1] == "4 years in practice (at least 5 required)"
    assert reasons["R-107"][2:] == [
        "16 hours a week in active practice (at least 24 required)",
        "has a history of disciplinary action",
    ]
    assert [p.reviewer_id for p in result.passed_over if p.qualified] == ["R-103"]


def test_expedited_spine_case_goes_to_the_neurosurgeon() -> None:
    result = assign_reviewer(load_case(EXAMPLES / "expedited-lumbar-microdiscectomy"), PANEL)
    assert result.chosen is not None and result.chosen.reviewer_id == "R-104"
    assert result.item_needs == (("spine_surgery",), ("surgical_support",))
    assert _codes(result)["R-105"] == [PassOverCode.EXPERIENCE]
    assert result.summary() == "Reviewer R-104 assigned for spine surgery, services associated with surgery."


def test_only_suitable_reviewer_conflicted_means_nobody() -> None:
    result = assign_reviewer(load_case(EXAMPLES / "conflicted-psych-reviewer"), PANEL)
    assert result.chosen is None
    assert result.qualifications is None
    assert not result.assigned
    assert len(result.passed_over) == len(PANEL.reviewers)
    r106 = next(p for p in result.passed_over if p.reviewer_id == "R-106")
    assert [r.text for r in r106.reasons] == [
        "affiliated with the requesting physician's medical group, Inland Valley Orthopaedic & Rehabilitation"
        " Medical Group, Inc. (panel lists 'Inland Valley Orthopaedic and Rehabilitation Medical Group')"
    ]
    assert all(PassOverCode.SPECIALTY in codes for rid, codes in _codes(result).items() if rid != "R-106")
    assert result.summary().startswith("No eligible reviewer on the panel for psychological treatment")


# -- identity kept apart from qualifications -----------------------------------------------------------------


def test_qualifications_carry_no_identity() -> None:
    result = assign_reviewer(load_case(EXAMPLES / "standard-lumbar-pt-mri-norco"), PANEL)
    assert result.chosen is not None and result.chosen.name == "Catherine Morrow-Ellis"
    qualifications = result.qualifications
    assert qualifications == ReviewerQualifications(
        degree="MD",
        board_certifications=("Physical Medicine and Rehabilitation",),
        subspecialties=("Pain Medicine",),
        relevant_specialties=("Physical Medicine and Rehabilitation", "Pain Medicine"),
        licensed_states=("CA",),
        california_licensed=True,
        years_in_practice=18,
        active_practice_hours_per_week=32.0,
    )
    names = {f.name for f in dataclasses.fields(ReviewerQualifications)}
    assert not names & {"name", "reviewer_id", "id"}
    assert "Morrow" not in repr(qualifications)


# -- specialty needs -----------------------------------------------------------------------------------------


def test_needs_as_a_list_apply_to_every_item(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    result = assign_reviewer(case, PANEL, specialty_needs=["spine_surgery"])
    assert result.item_needs == (("spine_surgery",), ("spine_surgery",))
    assert result.chosen is not None and result.chosen.reviewer_id == "R-104"


def test_needs_as_a_callable_per_item(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    seen: list[str] = []

    def needs(text: str) -> str:
        seen.append(text)
        return "psychological" if text.startswith("Physical") else "medication"

    assert case_item_needs(case, needs) == (("psychological",), ("medication",))
    assert seen == [item.request for item in case.items]


@pytest.mark.parametrize("needs", [["astrology"], lambda text: "astrology", []])
def test_unknown_or_empty_needs_are_refused(tmp_path: Path, needs: Any) -> None:
    with pytest.raises(ImrError) as caught:
        assign_reviewer(make_case(tmp_path), PANEL, specialty_needs=needs)
    assert caught.value.field == "specialty_needs"


def test_keywords_are_used_when_there_is_no_request_parser(tmp_path: Path) -> None:
    assert case_item_needs(make_case(tmp_path)) == (("physical_medicine",), ("medication",))


@pytest.mark.parametrize(
    "name",
    [
        "standard-lumbar-pt-mri-norco",
        "expedited-lumbar-microdiscectomy",
        "ineligible-late-filing",
        "conflicted-psych-reviewer",
    ],
)
def test_the_real_request_parser_agrees_with_the_keywords_on_the_examples(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse_request = pytest.importorskip("imr.requests").parse_request
    case = load_case(EXAMPLES / name)
    by_keywords = case_item_needs(case)
    monkeypatch.setattr(assign, "_request_parser", lambda: parse_request)
    assert case_item_needs(case) == by_keywords


def test_the_request_parser_is_used_when_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(text: str) -> TreatmentRequest:
        if text.startswith("Norco"):
            raise RequestParseError("no known service", field="request")
        return TreatmentRequest(text=text, service="psychotherapy", category="behavioral")

    monkeypatch.setattr(assign, "_request_parser", lambda: parse)
    # The first item takes the parser's answer; the second falls back to keywords when the parser gives up.
    assert case_item_needs(make_case(tmp_path)) == (("psychological",), ("medication",))


# -- qualification rules on a small panel --------------------------------------------------------------------


def _base_case(tmp_path: Path) -> CaseFile:
    return make_case(tmp_path)


def test_ranking_prefers_california_then_caseload_then_id(tmp_path: Path) -> None:
    panel = _panel(
        {"id": "R-9", "caseload": 1, "licensed_states": ["NV"]},
        {"id": "R-3", "caseload": 4},
        {"id": "R-2", "caseload": 4},
        {"id": "R-1", "caseload": 7},
    )
    result = assign_reviewer(_base_case(tmp_path), panel, specialty_needs=["physical_medicine"])
    assert result.chosen is not None and result.chosen.reviewer_id == "R-2"
    reasons = {p.reviewer_id: p.reasons[0].text for p in result.passed_over}
    assert reasons == {
        "R-9": "qualified, but ranked below R-2: not licensed in California, while R-2 is",
        "R-3": "qualified, but ranked below R-2: same caseload (4) as R-2; ties go to the lower id",
        "R-1": "qualified, but ranked below R-2: caseload 7 is higher than R-2's 4",
    }


def test_out_of_state_reviewer_is_chosen_when_no_california_licensee_qualifies(tmp_path: Path) -> None:
    panel = _panel({"id": "R-1", "licensed_states": ["NV"]}, {"id": "R-2", "disciplinary_history": True})
    result = assign_reviewer(_base_case(tmp_path), panel, specialty_needs=["physical_medicine"])
    assert result.chosen is not None and result.chosen.reviewer_id == "R-1"
    assert result.qualifications is not None and not result.qualifications.california_licensed


@pytest.mark.parametrize(
    ("changes", "code", "text"),
    [
        ({"years_in_practice": 4}, PassOverCode.EXPERIENCE, "4 years in practice (at least 5 required)"),
        ({"active_practice_hours_per_week": 23.5}, PassOverCode.ACTIVE_PRACTICE, "23.5 hours a week"),
        ({"licensed_states": []}, PassOverCode.LICENCE, "no state licence on file"),
        ({"disciplinary_history": True}, PassOverCode.DISCIPLINE, "has a history of disciplinary action"),
        ({"board_certifications": ["Psychiatry"]}, PassOverCode.SPECIALTY, "no certification suited to"),
    ],
)
def test_each_minimum(tmp_path: Path, changes: dict[str, Any], code: PassOverCode, text: str) -> None:
    result = assign_reviewer(
        _base_case(tmp_path), _panel({"id": "R-1", **changes}), specialty_needs=["physical_medicine"]
    )
    assert result.chosen is None
    (passed,) = result.passed_over
    assert [r.code for r in passed.reasons] == [code]
    assert passed.reasons[0].text.startswith(text)


def test_the_minimums_are_inclusive(tmp_path: Path) -> None:
    panel = _panel({"id": "R-1", "years_in_practice": 5, "active_practice_hours_per_week": 24})
    result = assign_reviewer(_base_case(tmp_path), panel, specialty_needs=["physical_medicine"])
    assert result.chosen is not None


def test_subspecialty_counts_towards_suitability(tmp_path: Path) -> None:
    panel = _panel({"id": "R-1", "board_certifications": ["Anesthesiology"], "subspecialties": ["Pain Medicine"]})
    result = assign_reviewer(_base_case(tmp_path), panel, specialty_needs=["medication"])
    assert result.qualifications is not None
    assert result.qualifications.relevant_specialties == ("Anesthesiology", "Pain Medicine")


@pytest.mark.parametrize(
    ("affiliations", "reason"),
    [
        ({"employers": ["ACME FREIGHT LINES"]}, "affiliated with the employer, Acme Freight Lines, Inc."),
        (
            {"providers": ["Dr. Kenneth Yamasaki"]},
            "affiliated with the requesting physician, Kenneth Yamasaki, MD",
        ),
        ({"providers": ["Rita Example"]}, "affiliated with the employee, Rita Example"),
        (
            {"medical_groups": ["Harborview Occupational Medical Group, A Professional Corporation"]},
            "affiliated with the requesting physician's medical group, Harborview Occupational Medical Group",
        ),
        ({"insurers": ["golden poppy claims services llc"]}, "affiliated with the claims administrator"),
    ],
)
def test_conflicts(tmp_path: Path, affiliations: dict[str, list[str]], reason: str) -> None:
    result = assign_reviewer(
        _base_case(tmp_path),
        _panel({"id": "R-1", "affiliations": affiliations}),
        specialty_needs=["medication"],
    )
    assert result.chosen is None
    (passed,) = result.passed_over
    assert [r.code for r in passed.reasons] == [PassOverCode.CONFLICT]
    assert passed.reasons[0].text.startswith(reason)


def test_a_near_name_is_not_a_conflict(tmp_path: Path) -> None:
    panel = _panel({"id": "R-1", "affiliations": {"insurers": ["Golden Poppy Insurance Company"]}})
    result = assign_reviewer(_base_case(tmp_path), panel, specialty_needs=["medication"])
    assert result.chosen is not None


def test_reviewer_who_is_a_party_is_conflicted(tmp_path: Path) -> None:
    panel = _panel({"id": "R-1", "name": "Yamasaki, Kenneth"})
    result = assign_reviewer(_base_case(tmp_path), panel, specialty_needs=["medication"])
    assert result.chosen is None
    assert result.passed_over[0].reasons[0].text == "is the requesting physician in this case"


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("Golden Poppy Claims Services, Inc.", "golden poppy claims services", True),
        ("Reyes, Alan J., M.D.", "Dr. Alan Reyes", True),
        (
            "Inland Valley Orthopaedic & Rehabilitation",
            "Inland Valley Orthopaedic and Rehabilitation, Inc.",
            True,
        ),
        ("Bayline Insurance Services, LLC", "Bayline Insurance Services Corp.", True),
        ("Golden Poppy Claims Services", "Golden Poppy Insurance", False),
        ("Alan Reyes", "Alana Reyes", False),
    ],
)
def test_name_key(left: str, right: str, same: bool) -> None:
    assert (name_key(left) == name_key(right)) is same


def test_empty_names_never_match() -> None:
    assert name_key("Inc., LLC") == frozenset()
