"""An organisation's rule pack (IMR_RULES_PATH): rules, variables and concepts of its own, validated like the
built-in ones, listed with them and used by the engine; `imr guidelines check` runs a file's examples.

The pack is read when the process starts, so each test runs the command line in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RULE_FILE = """version: 1
guideline:
  id: acme-acoem-elbow-2018
  title: ACOEM Practice Guidelines
  family: acoem_current
  edition: Elbow Disorders (2018), as licensed by the organisation
  source: ACOEM Elbow Disorders guideline, incorporated in the MTUS by reference
  mtus: true
  effective_from: 2018-01-01
  precedence: 10
rules:
  - id: acme.elbow.counterforce-brace
    title: Counterforce brace for lateral epicondylalgia
    applies_to:
      services: [dme]
      regions: [elbow]
      when: "dme_kind == 'elbow_brace'"
    citation: {chapter: Elbow Disorders, section: Counterforce braces}
    statement: >-
      The organisation's licensed text supports a counterforce brace when grip is weak from lateral elbow pain.
    criteria:
      - id: grip-weakness
        description: grip weakness from the elbow is documented
        expression: "grip_weakness_documented"
        met: "Grip weakness is documented ({quote[grip_weakness_documented]})."
        unmet: "Grip strength is normal ({quote[grip_weakness_documented]})."
        undocumented: "Grip weakness is not documented."
    examples:
      - summary: "The injured worker has lateral elbow pain with a weak grip on the right."
        request: "Counterforce elbow brace, right"
        request_date: 2018-06-01
        expect: overturned
        shows: met
      - summary: "The injured worker has lateral elbow pain. Grip strength is normal."
        request: "Counterforce elbow brace, right"
        request_date: 2018-06-01
        expect: upheld
        shows: undocumented
"""

VARIABLE_FILE = """version: 1
variables:
  - name: grip_weakness_documented
    type: boolean
    description: grip weakness is documented
    true_when: [{kind: grip_weakness}]
    examples:
      - {text: "He has a weak grip on the right.", expect: true}
      - {text: "Elbow pain.", expect: null}
"""

CONCEPT_FILE = """version: 1
concepts:
  - category: GRIP_WEAKNESS
    value: weak
    phrases: [weak grip, grip weakness, decreased grip strength]
"""

CASE = {
    "summary": "The injured worker has lateral elbow pain since 2017 with a weak grip on the right.",
    "requests": ["Counterforce elbow brace, right"],
    "request_date": "2018-06-01",
}


def _pack(tmp_path: Path, rule_file: str = RULE_FILE) -> Path:
    pack = tmp_path / "pack"
    (pack / "variables").mkdir(parents=True)
    (pack / "concepts").mkdir()
    (pack / "acme-elbow-2018.yaml").write_text(rule_file, encoding="utf-8")
    (pack / "variables" / "acme.yaml").write_text(VARIABLE_FILE, encoding="utf-8")
    (pack / "concepts" / "acme.yaml").write_text(CONCEPT_FILE, encoding="utf-8")
    return pack


def _imr(*args: str, pack: Path | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("IMR_RULES_PATH", None)
    if pack is not None:
        env["IMR_RULES_PATH"] = str(pack)
    return subprocess.run(
        [sys.executable, "-m", "imr.cli", *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_pack_rules_are_listed_checked_and_used(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    listed = _imr("guidelines", "list", "--on", "2018-06-01", "--format", "tsv", pack=pack)
    assert listed.returncode == 0, listed.stderr
    assert "acme.elbow.counterforce-brace\tacme-acoem-elbow-2018" in listed.stdout

    checked = _imr("guidelines", "check", str(pack / "acme-elbow-2018.yaml"), pack=pack)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 rules, 2 examples, ok" in checked.stdout

    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    decided = _imr("decide", str(case), "--format", "json", pack=pack)
    assert decided.returncode == 0, decided.stderr
    item = json.loads(decided.stdout)["items"][0]
    assert item["decision"] == "overturned"
    assert item["rule_ids"] == ["acme.elbow.counterforce-brace"]

    without = _imr("decide", str(case), "--format", "json", pack=None)
    assert json.loads(without.stdout)["items"][0]["rule_ids"] != ["acme.elbow.counterforce-brace"]


def test_check_reports_an_example_that_fails(tmp_path: Path) -> None:
    wrong = RULE_FILE.replace("lateral elbow pain. Grip strength is normal.", "lateral elbow pain and a weak grip.")
    pack = _pack(tmp_path, wrong)
    checked = _imr("guidelines", "check", str(pack / "acme-elbow-2018.yaml"), pack=pack)
    assert checked.returncode == 1
    assert "FAIL" in checked.stdout and "example 2: expected upheld, the engine decided overturned" in checked.stdout


def test_a_rule_file_checked_before_it_is_installed(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    candidate = tmp_path / "candidate.yaml"
    candidate.write_text((pack / "acme-elbow-2018.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (pack / "acme-elbow-2018.yaml").unlink()
    checked = _imr("guidelines", "check", str(candidate), pack=pack)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("version: 1\nguideline: [\n", "invalid YAML at line"),
        (RULE_FILE.replace("    statement:", "    statment:"), "rules.0(acme.elbow.counterforce-brace)"),
        (RULE_FILE.replace('"grip_weakness_documented"', '"grip_strength_of_doom"'), "unknown variable"),
    ],
)
def test_a_malformed_pack_file_is_one_line_naming_it(tmp_path: Path, broken: str, message: str) -> None:
    pack = _pack(tmp_path, broken)
    listed = _imr("guidelines", "list", pack=pack)
    assert listed.returncode == 1
    error = listed.stderr.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in listed.stderr
    assert "acme-elbow-2018.yaml" in error and message in error


def test_a_missing_pack_folder_is_named(tmp_path: Path) -> None:
    listed = _imr("guidelines", "list", pack=tmp_path / "nowhere")
    assert listed.returncode == 1
    assert "IMR_RULES_PATH names a folder that does not exist" in listed.stderr and "nowhere" in listed.stderr


def test_check_of_a_built_in_file_replaces_it() -> None:
    built_in = Path(__file__).parents[2] / "src" / "imr" / "data" / "guidelines" / "acoem-ch8-neck-2004.yaml"
    checked = _imr("guidelines", "check", str(built_in), pack=None)
    assert checked.returncode == 0, checked.stdout + checked.stderr
