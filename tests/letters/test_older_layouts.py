"""The three older layouts are read as their golden files (tests/fixtures/letters/*.expected.json) say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from imr.letters.layout import classify_layout
from imr.letters.read import read_letter
from imr.records import GuidelineLine, Letter
from tests.conftest import FIXTURES

LETTERS = sorted((FIXTURES / "letters").glob("*.txt"))


def _expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return data


def _line(line: GuidelineLine | None) -> str | None:
    return line.raw.text if line is not None else None


@pytest.fixture(params=LETTERS, ids=[p.stem for p in LETTERS])
def letter_and_expected(request: pytest.FixtureRequest) -> tuple[Letter, dict[str, Any]]:
    path: Path = request.param
    return read_letter(path), _expected(path)


def test_layout_is_classified_first(letter_and_expected: tuple[Letter, dict[str, Any]]) -> None:
    letter, expected = letter_and_expected
    assert letter.layout.value == expected["layout"]
    assert classify_layout(letter.text) is not None


def test_header(letter_and_expected: tuple[Letter, dict[str, Any]]) -> None:
    letter, expected = letter_and_expected
    assert letter.header.case_number is not None
    assert letter.header.case_number.text == expected["case_number"]
    for key, value in expected["dates"].items():
        field = getattr(letter.header, key)
        assert field is not None, key
        assert field.value.isoformat() == value
        assert letter.text[field.span.start : field.span.end] == expected["dates_raw"][key]


def test_reviewer(letter_and_expected: tuple[Letter, dict[str, Any]]) -> None:
    letter, expected = letter_and_expected
    reviewer = expected["reviewer"]
    assert [s.text for s in letter.reviewer.specialties] == reviewer["specialties"]
    assert [s.text for s in letter.reviewer.subspecialties] == reviewer["subspecialties"]
    assert [s.text for s in letter.reviewer.licensure_states] == reviewer["licensure_states"]
    assert letter.reviewer.reviewer_noun == reviewer["reviewer_noun"]


def test_summary_and_documents(letter_and_expected: tuple[Letter, dict[str, Any]]) -> None:
    letter, expected = letter_and_expected
    assert letter.case_summary is not None
    assert letter.case_summary.text.startswith(expected["case_summary_first_60"])
    assert [d.text for d in letter.documents_reviewed] == expected["documents_reviewed"]


def test_items(letter_and_expected: tuple[Letter, dict[str, Any]]) -> None:
    letter, expected = letter_and_expected
    assert len(letter.items) == expected["item_count"]
    for item, wanted in zip(letter.items, expected["items"], strict=True):
        assert item.title.text == wanted["title"]
        assert item.decision.value == wanted["decision"]
        assert _line(item.claims_administrator_guideline) == wanted["claims_administrator_guideline"]["text"]
        assert _line(item.reviewer_guideline) == wanted["reviewer_guideline"]["text"]
        assert item.rationale is not None
        assert item.rationale.text.startswith(wanted["rationale_first_60"])
        assert item.request is not None, item.title.text
