"""case.yaml: loading, and one clear error per kind of mistake (file, field path, what was expected)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from imr.cases.model import case_json_schema, load_case
from imr.errors import CaseFileError
from tests.cases.case_builder import PROGRESS_REPORT, base_case, delete_field, set_field, write_case


def _error(tmp_path: Path, data: dict[str, Any], files: dict[str, str | bytes] | None = None) -> CaseFileError:
    write_case(tmp_path, data, files)
    with pytest.raises(CaseFileError) as caught:
        load_case(tmp_path)
    return caught.value


def test_valid_case_loads_with_typed_fields(tmp_path: Path) -> None:
    case = load_case(write_case(tmp_path, base_case()))
    assert case.case_number == "CM16-0100001"
    assert case.dates.ur_decision == dt.date(2016, 8, 29)
    assert case.dates.ur_decision_served.method == "mail"
    assert case.items[1].modified_to == "Norco 10/325 mg #60"
    assert case.source == tmp_path / "case.yaml"
    assert case.folder == tmp_path
    assert case.record_path(case.records[0]).read_text(encoding="utf-8") == PROGRESS_REPORT


def test_loader_accepts_the_yaml_path_as_well_as_the_folder(tmp_path: Path) -> None:
    write_case(tmp_path, base_case())
    assert load_case(tmp_path / "case.yaml").case_number == "CM16-0100001"


def test_json_case_file_with_string_dates_loads(tmp_path: Path) -> None:
    write_case(tmp_path, base_case())
    (tmp_path / "case.yaml").write_text(json.dumps(base_case()), encoding="utf-8")
    assert load_case(tmp_path).dates.injury == dt.date(2015, 11, 3)


def test_item_ur_date_falls_back_to_the_case_date(tmp_path: Path) -> None:
    data = base_case()
    set_field(data, "items[1].ur_decision_date", "2016-08-30")
    case = load_case(write_case(tmp_path, data))
    assert case.item_ur_date(0) == dt.date(2016, 8, 29)
    assert case.item_ur_date(1) == dt.date(2016, 8, 30)


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        (
            "items[1].ur_action",
            "approved",
            "items[1].ur_action",
            "expected 'denied' or 'modified', got 'approved'",
        ),
        ("priority", "urgent", "priority", "expected 'standard' or 'expedited', got 'urgent'"),
        ("dates.injury", "2017-02-29", "dates.injury", "expected a date YYYY-MM-DD, got '2017-02-29'"),
        ("dates.injury", "11/03/2015", "dates.injury", "expected a date YYYY-MM-DD, got '11/03/2015'"),
        ("dates.injury", 20151103, "dates.injury", "expected a date YYYY-MM-DD, got 20151103"),
        ("dates.ur_decision_served.method", "courier", "dates.ur_decision_served.method", "expected 'mail'"),
        ("application.signature.signed", "perhaps", "application.signature.signed", "expected true or false"),
        ("employee.address.zip", "9370", "employee.address.zip", "should match pattern"),
        ("requesting_physician.npi", "12345", "requesting_physician.npi", "should match pattern"),
        ("items", [], "items", "List should have at least 1 item"),
        ("records[0].type", "letter", "records[0].type", "expected 'progress_report'"),
    ],
)
def test_bad_values_name_the_field_and_what_was_expected(
    tmp_path: Path, path: str, value: object, field: str, message: str
) -> None:
    data = base_case()
    set_field(data, path, value)
    error = _error(tmp_path, data)
    assert error.field == field
    assert message in error.message
    assert error.source == str(tmp_path / "case.yaml")
    assert str(error).startswith(f"{tmp_path / 'case.yaml'}: {field}: ")
    assert "\n" not in str(error)


@pytest.mark.parametrize("path", ["dates.injury", "case_number", "items[0].ur_action", "employee.address.city"])
def test_missing_field(tmp_path: Path, path: str) -> None:
    data = base_case()
    delete_field(data, path)
    error = _error(tmp_path, data)
    assert (error.field, error.message) == (path, "required field is missing")


@pytest.mark.parametrize(("path", "key"), [("", "reviewer"), ("items[1]", "urAction"), ("dates", "filed")])
def test_unknown_key(tmp_path: Path, path: str, key: str) -> None:
    data = base_case()
    set_field(data, f"{path}.{key}" if path else key, "x")
    error = _error(tmp_path, data)
    assert error.field == (f"{path}.{key}" if path else key)
    assert error.message.startswith("unknown key")


def test_several_problems_are_all_named_on_one_line(tmp_path: Path) -> None:
    data = base_case()
    delete_field(data, "case_number")
    set_field(data, "priority", "urgent")
    set_field(data, "items[0].ur_action", "approved")
    error = _error(tmp_path, data)
    assert error.field is None
    assert error.message.startswith("3 problems: ")
    assert "case_number: required field is missing" in error.message
    assert "priority: expected 'standard' or 'expedited', got 'urgent'" in error.message
    assert "items[0].ur_action: expected 'denied' or 'modified', got 'approved'" in error.message
    assert "\n" not in str(error)
    assert str(error).startswith(f"{tmp_path / 'case.yaml'}: 3 problems: case_number: ")


def test_date_order_and_record_file_problems_are_named_together(tmp_path: Path) -> None:
    data = base_case()
    set_field(data, "dates.ur_decision", "2016-08-20")
    set_field(data, "records[0].file", "missing.txt")
    error = _error(tmp_path, data)
    assert error.message.startswith("2 problems: dates.ur_decision: 2016-08-20 is before")
    assert "records[0].file: record file 'missing.txt' not found" in error.message


def test_many_problems_are_counted_past_the_tenth(tmp_path: Path) -> None:
    data = base_case()
    for i in range(13):
        data[f"extra_{i}"] = i
    error = _error(tmp_path, data)
    assert error.message.startswith("13 problems: ")
    assert error.message.endswith("; and 3 more")


def test_one_problem_keeps_its_field(tmp_path: Path) -> None:
    data = base_case()
    set_field(data, "priority", "urgent")
    error = _error(tmp_path, data)
    assert error.field == "priority"
    assert error.message == "expected 'standard' or 'expedited', got 'urgent'"


@pytest.mark.parametrize(
    "content",
    [
        "Caf\u00e9 visit, \u2019worse\u2019".encode("cp1252"),
        "Caf\u00e9 visit".encode("latin-1") + b" \x81",
        b"\xef\xbb\xbf" + "Caf\u00e9".encode(),
    ],
    ids=["cp1252", "latin-1", "utf-8-bom"],
)
def test_record_files_in_windows_and_latin_encodings_are_accepted(tmp_path: Path, content: bytes) -> None:
    data = base_case()
    case = load_case(write_case(tmp_path, data, {data["records"][0]["file"]: content}))
    assert case.records[0].file == data["records"][0]["file"]


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("dates.ur_decision", "2016-08-20", "dates.ur_decision", "is before dates.request_for_authorization"),
        (
            "dates.ur_decision_served.date",
            "2016-08-28",
            "dates.ur_decision_served.date",
            "is before dates.ur_decision",
        ),
        (
            "dates.records_received",
            "2016-09-01",
            "dates.records_received",
            "is before dates.application_received",
        ),
        ("dates.injury", "1970-01-01", "dates.injury", "is before employee.date_of_birth"),
        (
            "application.signature.date",
            "2016-09-20",
            "dates.application_received",
            "before application.signature",
        ),
        ("items[1].modified_to", None, "items[1].modified_to", "required when ur_action is 'modified'"),
        (
            "items[0].modified_to",
            "PT x 6",
            "items[0].modified_to",
            "only allowed when ur_action is 'modified'",
        ),
    ],
)
def test_contradictions_between_fields(tmp_path: Path, path: str, value: object, field: str, message: str) -> None:
    data = base_case()
    set_field(data, path, value)
    error = _error(tmp_path, data)
    assert error.field == field
    assert message in error.message


def test_signed_without_a_date(tmp_path: Path) -> None:
    data = base_case()
    set_field(data, "application.signature", {"signed": True})
    error = _error(tmp_path, data)
    assert (error.field, error.message) == ("application.signature.date", "required when signed is true")


def test_requesting_physician_needs_npi_or_licence(tmp_path: Path) -> None:
    data = base_case()
    delete_field(data, "requesting_physician.npi")
    error = _error(tmp_path, data)
    assert error.field == "requesting_physician"
    assert "npi or license_number" in error.message
    set_field(data, "requesting_physician.license_number", "G 84213")
    assert load_case(write_case(tmp_path, data)).requesting_physician.license_number == "G 84213"


def test_prior_imr_item_numbers_must_exist(tmp_path: Path) -> None:
    data = base_case()
    prior = {"case_number": "CM15-1", "decision_date": "2015-12-01", "treatment": "PT", "items": [3]}
    set_field(data, "application.prior_imr_decisions", [prior])
    error = _error(tmp_path, data)
    assert error.field == "application.prior_imr_decisions[0].items"
    assert "item number 3 does not exist" in error.message


@pytest.mark.parametrize(
    ("record_file", "files", "message"),
    [
        ("missing.txt", {}, "record file 'missing.txt' not found"),
        ("notes", {"notes/inner.txt": "x"}, "expected a text (.txt, .md) or PDF (.pdf) file"),
        ("notes.txt", {"notes.txt/inner.txt": "x"}, "record file 'notes.txt' is a directory"),
        ("bad.txt", {"bad.txt": b"caf\x00\x01\x02 latte"}, "record file 'bad.txt' is binary, not text"),
        ("scan.pdf", {"scan.pdf": b"not really a pdf"}, "record file 'scan.pdf' is not a PDF"),
        ("empty.txt", {"empty.txt": "  \n"}, "record file 'empty.txt' is empty"),
        ("../outside.txt", {}, "must be a path inside the case folder"),
        ("/etc/hostname.txt", {}, "must be a path inside the case folder"),
        ("letter.docx", {"letter.docx": b"PK"}, "expected a text (.txt, .md) or PDF (.pdf) file"),
    ],
)
def test_unreadable_record_files_are_named(
    tmp_path: Path, record_file: str, files: dict[str, str | bytes], message: str
) -> None:
    data = base_case()
    set_field(data, "records[0].file", record_file)
    error = _error(tmp_path / "case", data, files)
    assert error.field == "records[0].file"
    assert message in error.message


def test_pdf_record_with_header_is_accepted(tmp_path: Path) -> None:
    data = base_case()
    set_field(data, "records[0].file", "scans/report.pdf")
    case = load_case(write_case(tmp_path, data, {"scans/report.pdf": b"%PDF-1.4\n%fake body\n"}))
    assert case.record_path(case.records[0]).name == "report.pdf"


def test_duplicate_record_file(tmp_path: Path) -> None:
    data = base_case()
    data["records"].append(dict(data["records"][0]))
    error = _error(tmp_path, data)
    assert error.field == "records[1].file"
    assert "already listed as records[0]" in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("case_number: [unclosed\n", "invalid YAML at line"),
        ("- just\n- a list\n", "expected a mapping of keys at the top level, got a list"),
        ("", "file is empty"),
    ],
)
def test_unparseable_files(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "case.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError, match=message):
        load_case(tmp_path)


def test_folder_without_case_yaml(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'case.yaml'}: file not found"


def test_json_schema_describes_the_file() -> None:
    schema = case_json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["additionalProperties"] is False
    assert {"case_number", "priority", "dates", "items"} <= set(schema["required"])
    item = schema["$defs"]["DisputedItem"]
    assert item["properties"]["ur_action"]["enum"] == ["denied", "modified"]
    assert schema["$defs"]["CaseDates"]["properties"]["injury"]["format"] == "date"
    assert "_source" not in json.dumps(schema)


def test_unquoted_zip_and_npi_are_read_as_text(tmp_path: Path) -> None:
    data = base_case()
    set_field(data, "employee.address.zip", 2134)  # YAML reads `zip: 02134` as a number
    set_field(data, "requesting_physician.npi", 1942857301)
    case = load_case(write_case(tmp_path, data))
    assert case.employee.address.zip == "02134"
    assert case.requesting_physician.npi == "1942857301"
