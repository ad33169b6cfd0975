"""Reading a case folder as a reviewer reads it: the treating records, each a document with its sections, apart
from the UR letter, whose summary of the records and guideline quotes are not the treating record."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from imr.cases import load_case
from imr.errors import CaseFileError
from imr.guidelines.decide import decide_case
from imr.records import Determination, Facts, Presence
from imr.review.records import CaseRecords, case_facts, decision_case, read_case_records, read_decision_case
from imr.review.summary import compose_summary
from tests.cases.case_builder import base_case, write_case
from tests.conftest import FIXTURES

CASE = FIXTURES / "records" / "neck-first-chiropractic"


@pytest.fixture(scope="module")
def records() -> CaseRecords:
    return read_case_records(load_case(CASE), CASE)


@pytest.fixture(scope="module")
def facts(records: CaseRecords) -> Facts:
    return case_facts(records)


@pytest.fixture(scope="module")
def summary(records: CaseRecords, facts: Facts) -> str:
    return " ".join(sentence.text for sentence in compose_summary(load_case(CASE), facts, records))


@pytest.fixture(scope="module")
def determination(records: CaseRecords, facts: Facts) -> Determination:
    return decide_case(decision_case(load_case(CASE), records), facts=facts)


def test_the_ur_letter_follows_the_treating_records(records: CaseRecords) -> None:
    assert records.treating_text.startswith("CENTRAL VALLEY SPINE")
    assert "NOTICE OF UTILIZATION REVIEW" not in records.treating_text
    assert "NOTICE OF UTILIZATION REVIEW" in records.text[len(records.treating_text) :]
    assert [d.kind for d in records.documents] == ["progress_report", "ur_decision"]


def test_no_fact_comes_from_the_ur_letter(records: CaseRecords, facts: Facts) -> None:
    assert facts.text == records.treating_text
    assert all(fact.span.end <= len(records.treating_text) for fact in facts.facts)


def test_a_first_trial_requested_in_the_plan_is_no_treatment_history(facts: Facts) -> None:
    history = {(f.value, f.presence, f.count) for f in facts.facts if f.kind == "prior_treatment"}
    assert history == {
        ("physical_therapy", Presence.PRESENT, 12),
        ("chiropractic", Presence.ABSENT, None),
        ("acupuncture", Presence.ABSENT, None),
    }


def test_denied_and_differential_diagnoses_are_not_established(facts: Facts) -> None:
    radiculopathy = [f.presence for f in facts.facts if f.kind == "diagnosis" and f.value == "neuralgia"]
    assert Presence.PRESENT not in radiculopathy
    assert set(radiculopathy) == {Presence.ABSENT, Presence.POSSIBLE}


def test_the_gabapentin_response_is_documented_for_gabapentin(facts: Facts) -> None:
    responses = {(f.kind, f.value, f.detail) for f in facts.facts if f.about == "gabapentin"}
    assert responses >= {
        ("pain_change", "decreased", None),
        ("function_gain", "gain", "sleep"),
        ("function_gain", "gain", "household chores"),
    }


def test_the_summary_states_what_the_records_say(summary: str) -> None:
    assert "12 sessions of physical therapy" in summary
    assert "no chiropractic care or acupuncture has been given" in summary
    assert "with gabapentin, pain from 8/10 on June 20, 2016 to 5/10 on September 26, 2016" in summary
    assert "household chores resumed" in summary
    assert "radiculopathy" not in summary
    assert "sessions of chiropractic" not in summary


def test_no_decision_quotes_the_ur_letter(records: CaseRecords, determination: Determination) -> None:
    for item in determination.items:
        for criterion in item.criteria:
            for evidence in criterion.evidence:
                assert evidence.span.end <= len(records.treating_text), (item.request_text, evidence.quote)
    assert "not document objective functional improvement" not in " ".join(i.rationale for i in determination.items)


def test_read_decision_case_reads_a_folder_or_its_case_file() -> None:
    for path in (CASE, CASE / "case.yaml"):
        case, facts = read_decision_case(Path(path))
        assert case.requests[0].startswith("Chiropractic treatment") and facts.text == case.summary


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Patient\u2019s caf\u00e9 shift: pain 6/10.\n".encode("cp1252"), "Patient\u2019s caf\u00e9 shift: pain 6/10."),
        (
            ("R\u00e9sum\u00e9 of care, \u00bd dose. " * 8).encode("latin-1") + b"\x81",
            "R\u00e9sum\u00e9 of care, \u00bd dose. R\u00e9sum\u00e9",
        ),
        (b"\xef\xbb\xbf" + "Caf\u00e9 shift.\n".encode(), "Caf\u00e9 shift."),
        (codecs.BOM_UTF16_LE + "Caf\u00e9 shift.\n".encode("utf-16-le"), "Caf\u00e9 shift."),
    ],
    ids=["cp1252", "latin-1", "utf-8-bom", "utf-16-bom"],
)
def test_records_in_windows_1252_latin_1_or_with_a_bom_are_read(tmp_path: Path, content: bytes, expected: str) -> None:
    data = base_case()
    write_case(tmp_path, data, {data["records"][0]["file"]: content})
    records = read_case_records(load_case(tmp_path), tmp_path)
    assert records.text.startswith(expected)
    assert "\ufeff" not in records.text


def test_a_binary_record_is_refused_with_one_line(tmp_path: Path) -> None:
    data = base_case()
    write_case(tmp_path, data, {data["records"][0]["file"]: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    with pytest.raises(CaseFileError) as caught:
        load_case(tmp_path)
    assert str(caught.value).endswith("records[0].file: record file 'progress.txt' is binary, not text")
