"""The command line: one line per problem, non-zero exit, no traceback; good files still read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from imr.cli import app
from tests.conftest import REPOSITORY, seed_files

runner = CliRunner()


def test_parse_json_lists_file_and_decisions() -> None:
    seeds = [str(p) for p in seed_files()]
    result = runner.invoke(app, ["parse", *seeds, "--format", "json"])
    assert result.exit_code == 0
    letters = json.loads(result.stdout)
    assert [letter["file"] for letter in letters] == seeds
    assert all(item["decision"] in {"upheld", "overturned"} for letter in letters for item in letter["items"])


def test_parse_reports_each_bad_file_on_one_line_and_reads_the_rest(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.pdf"
    binary.write_bytes(b"%PDF-1.7 not really")
    seed = str(seed_files()[0])
    result = runner.invoke(app, ["parse", str(empty), seed, str(binary), "--format", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == [f"Error: {empty}: empty file", f"Error: {binary}: " + errors[1].split(": ", 2)[2]]
    assert "Traceback" not in result.output
    assert [letter["file"] for letter in json.loads(result.stdout)] == [seed]


def test_parse_reads_standard_input() -> None:
    text = seed_files()[1].read_bytes()
    result = runner.invoke(app, ["parse", "-", "--format", "json"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["file"] == "<stdin>"


def test_decide_text_and_errors(tmp_path: Path) -> None:
    case = REPOSITORY / "examples" / "decide" / "lumbar-pt.yaml"
    result = runner.invoke(app, ["decide", str(case)])
    assert result.exit_code == 0
    assert "IMR ISSUES, DECISIONS AND RATIONALES" in result.stdout and "DRAFT" in result.stdout
    missing = tmp_path / "case.yaml"
    missing.write_text("summary: The worker hurt his back.\n")
    result = runner.invoke(app, ["decide", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {missing}: requests: required field is missing"
    bad_date = tmp_path / "date.yaml"
    bad_date.write_text("summary: x\nrequests: [MRI of the lumbar spine]\nrequest_date: 31/31/2016\n")
    result = runner.invoke(app, ["decide", str(bad_date)])
    assert result.exit_code == 1 and "request_date" in result.stderr and "\n" not in result.stderr.strip()


def test_decide_reads_a_case_folder_or_its_case_file() -> None:
    folder = REPOSITORY / "examples" / "standard-lumbar-pt-mri-norco"
    for argument in (folder, folder / "case.yaml"):
        result = runner.invoke(app, ["decide", str(argument), "--format", "json"])
        assert result.exit_code == 0, result.stderr
        body = json.loads(result.stdout)
        assert body["source"] == "CM16-0187342"
        assert body["items"][0]["request_text"].startswith("Physical therapy 2 times a week")


def test_decide_reports_a_bad_case_folder_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(REPOSITORY / "examples" / "standard-lumbar-pt-mri-norco", folder)
    case_file = folder / "case.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("injury: 2015-11-03", "injury: 2015-13-03"), encoding="utf-8")
    result = runner.invoke(app, ["decide", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {case_file}: dates.injury: expected a date YYYY-MM-DD, got '2015-13-03'")
    case_file.write_text(text, encoding="utf-8")
    (folder / "xray_lumbar_2015-11-10.txt").unlink()
    result = runner.invoke(app, ["decide", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {case_file}: records[2].file: record file 'xray_lumbar_2015-11-10.txt' not found"
    )
    result = runner.invoke(app, ["decide", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "nowhere" in result.stderr
    assert "Traceback" not in result.output


def test_decide_leaves_an_unreadable_request_undecided(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps({"summary": "Low back pain.", "requests": ["a purple widget"], "request_date": "2016-09-01"})
    )
    result = runner.invoke(app, ["decide", str(case), "--format", "json"])
    assert result.exit_code == 0
    item = json.loads(result.stdout)["items"][0]
    assert item["decision"] is None and "could not be read" in item["undecided_reason"]


def test_decide_json_lines_batch(tmp_path: Path) -> None:
    line = {
        "summary": "The worker strained his low back.",
        "requests": ["Physical therapy x 6 for the lumbar spine"],
        "request_date": "2016-09-01",
    }
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n")
    result = runner.invoke(app, ["decide", str(batch), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len([ln for ln in result.stdout.splitlines() if ln.strip()]) == 2


def test_malformed_rule_file_is_one_line(tmp_path: Path) -> None:
    from imr.errors import RuleFileError
    from imr.guidelines.load import load_rule_file

    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nguideline: {id: x}\nrules: []\n")
    try:
        load_rule_file(broken)
    except RuleFileError as error:
        assert str(error).startswith(f"{broken}: guideline.title")
    else:
        raise AssertionError("no error")


def test_guidelines_list_filters_by_date_and_service_and_pipes() -> None:
    result = runner.invoke(app, ["guidelines", "list", "--on", "2016-09-01", "--service", "mri", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all("mri" in row["services"] for row in rows)
    assert all(row["in_force_from"] <= "2016-09-01" <= (row["in_force_to"] or "9999") for row in rows)
    tsv = runner.invoke(app, ["guidelines", "list", "--on", "2018-03-01", "--format", "tsv"])
    assert tsv.exit_code == 0
    assert {line.split("\t")[0] for line in tsv.stdout.splitlines()} == {
        "acoem-lbd-2016.acupuncture.first-course",
        "acoem-lbd-2016.acupuncture.continued",
        "formulary-2018.compounded-drug.need-not-documented",
    }


def test_guidelines_list_rejects_a_bad_date_and_an_empty_result_in_one_line() -> None:
    bad = runner.invoke(app, ["guidelines", "list", "--on", "2018-13-01"])
    assert bad.exit_code == 1 and bad.stderr.strip() == "Error: --on: '2018-13-01' is not a date (YYYY-MM-DD)"
    empty = runner.invoke(app, ["guidelines", "list", "--on", "2018-03-01", "--service", "mri"])
    assert empty.exit_code == 1 and empty.stderr.strip() == "Error: no rule matches those filters"
