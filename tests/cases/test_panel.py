"""The reviewer panel file: loading the example panel and one clear error per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from imr.cases.panel import load_panel, panel_json_schema
from imr.errors import PanelError

EXAMPLE_PANEL = Path(__file__).resolve().parents[2] / "examples" / "panel.yaml"


def test_example_panel_loads_with_canonical_specialty_names() -> None:
    panel = load_panel(EXAMPLE_PANEL)
    assert [r.id for r in panel.reviewers] == ["R-101", "R-102", "R-103", "R-104", "R-105", "R-106", "R-107"]
    whitley = panel.reviewer("R-105")
    assert whitley is not None
    assert whitley.board_certifications == ["Orthopaedic Surgery"]  # written "Orthopedic Surgery"
    r101 = panel.reviewer("R-101")
    assert r101 is not None
    assert r101.specialties == ("Physical Medicine and Rehabilitation", "Pain Medicine")
    assert panel.reviewer("R-999") is None


def _reviewer(**changes: object) -> dict[str, object]:
    reviewer: dict[str, object] = {
        "id": "R-1",
        "name": "Test Reviewer",
        "degree": "MD",
        "board_certifications": ["Occupational Medicine"],
        "licensed_states": ["CA"],
        "years_in_practice": 10,
        "active_practice_hours_per_week": 30,
        "caseload": 4,
        "disciplinary_history": False,
    }
    reviewer.update(changes)
    return reviewer


def _error(tmp_path: Path, data: object) -> PanelError:
    path = tmp_path / "panel.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(PanelError) as caught:
        load_panel(path)
    assert caught.value.source == str(path)
    return caught.value


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"board_certifications": ["Orthopedic Surgeon"]},
            "reviewers[0].board_certifications",
            "unknown specialty 'Orthopedic Surgeon'; did you mean 'Orthopaedic Surgery'?",
        ),
        (
            {"licensed_states": ["California"]},
            "reviewers[0].licensed_states",
            "expected a two-letter state code such as 'CA', got 'California'",
        ),
        ({"caseload": -1}, "reviewers[0].caseload", "greater than or equal to 0"),
        (
            {"years_in_practice": "ten"},
            "reviewers[0].years_in_practice",
            "expected a whole number, got 'ten'",
        ),
        ({"disciplinary_history": "maybe"}, "reviewers[0].disciplinary_history", "expected true or false"),
        (
            {"affiliations": {"insurers": ["X"], "lawyers": ["Y"]}},
            "reviewers[0].affiliations.lawyers",
            "unknown key",
        ),
        ({"id": "R 1"}, "reviewers[0].id", "should match pattern"),
    ],
)
def test_bad_reviewer_fields(tmp_path: Path, changes: dict[str, object], field: str, message: str) -> None:
    error = _error(tmp_path, {"reviewers": [_reviewer(**changes)]})
    assert error.field == field
    assert message in error.message


def test_missing_field(tmp_path: Path) -> None:
    reviewer = _reviewer()
    del reviewer["disciplinary_history"]
    error = _error(tmp_path, {"reviewers": [reviewer]})
    assert (error.field, error.message) == ("reviewers[0].disciplinary_history", "required field is missing")


def test_duplicate_ids(tmp_path: Path) -> None:
    error = _error(tmp_path, {"reviewers": [_reviewer(), _reviewer()]})
    assert "reviewer id 'R-1' appears more than once" in error.message


def test_empty_panel_and_missing_file(tmp_path: Path) -> None:
    assert "at least 1 item" in _error(tmp_path, {"reviewers": []}).message
    with pytest.raises(PanelError, match="file not found"):
        load_panel(tmp_path / "nope.yaml")


def test_state_codes_are_upper_cased(tmp_path: Path) -> None:
    path = tmp_path / "panel.yaml"
    path.write_text(yaml.safe_dump({"reviewers": [_reviewer(licensed_states=["ca", "nv"])]}), encoding="utf-8")
    assert load_panel(path).reviewers[0].licensed_states == ["CA", "NV"]


def test_panel_schema() -> None:
    schema = panel_json_schema()
    assert schema["$defs"]["Reviewer"]["additionalProperties"] is False
