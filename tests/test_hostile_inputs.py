"""Inputs that must not hurt: wrong types, lone surrogates, impossible dates written unquoted, deep nesting.

Each gives the project's own error (or a result), never a traceback of another kind.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imr.cli import app
from imr.errors import CaseFileError, InputError
from imr.facts import extract_facts
from imr.guidelines.case_input import cases_from_text
from imr.guidelines.decide import decide_case
from imr.records import DecisionCase
from imr.text.clean import checked_text

CASE = "summary: Low back pain for three months.\nrequests: [Physical therapy x 6]\n"


def test_a_lone_surrogate_becomes_a_replacement_character_and_offsets_stay() -> None:
    text = "Low back pain \ud800 after lifting."
    cleaned = checked_text(text, "x")
    assert len(cleaned) == len(text) and "\ufffd" in cleaned
    cleaned.encode("utf-8")
    decided = decide_case(DecisionCase(summary=text, requests=("Norco \udc80 #60",), request_date=dt.date(2016, 12, 1)))
    assert len(decided.items) == 1


def test_a_record_that_is_not_text_is_one_input_error() -> None:
    with pytest.raises(InputError, match="expected text, got NoneType"):
        extract_facts(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="expected text, got bytes"):
        decide_case(DecisionCase(summary=b"pain", requests=("PT x 6",), request_date=dt.date(2016, 12, 1)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2016-02-30", "request_date: .*day value is outside expected range"),
        ("2099-13-45", "request_date: .*month value is outside expected range"),
    ],
)
def test_an_impossible_unquoted_date_names_its_field(date: str, message: str) -> None:
    with pytest.raises(CaseFileError, match=message):
        cases_from_text(CASE + f"request_date: {date}\n", "case.yaml")


def test_a_valid_unquoted_date_is_still_a_date() -> None:
    (case,) = cases_from_text(CASE + "request_date: 2016-12-01\n", "case.yaml")
    assert case.request_date == dt.date(2016, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(json.loads("[" * 600 + "]" * 600)),
        "[" * 5000,
        "\n".join([json.dumps({"a": json.loads("[" * 600 + "]" * 600)})] * 2),
    ],
    ids=["json", "unclosed yaml", "json lines"],
)
def test_deep_nesting_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(CaseFileError, match="nested") as raised:
        cases_from_text(text, "case.json")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (CASE + "request_date: 2016-02-30\n", "request_date: Input should be a valid date"),
        (json.dumps(json.loads("[" * 300 + "]" * 300)), "nested more than 50 levels deep"),
    ],
    ids=["impossible date", "deep nesting"],
)
def test_imr_decide_answers_a_hostile_case_file_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["decide", str(case)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content", ["{broken", "[1, 2]", '{"letter": 5}', "[" * 5000])
def test_signing_a_damaged_draft_is_one_error(tmp_path: Path, content: str) -> None:
    from imr.errors import SignatureError
    from imr.review.sign import sign_determination

    draft = tmp_path / "draft"
    draft.mkdir()
    (draft / "determination.json").write_text(content, encoding="utf-8")
    with pytest.raises(SignatureError, match=r"determination\.json"):
        sign_determination(draft, "R-101")
    assert (draft / "determination.json").read_text(encoding="utf-8") == content
