"""Build small case folders for the tests: one valid case, and a way to change any field by its path."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

from imr.cases.model import CaseFile, load_case

PROGRESS_REPORT = "PR-2 progress report. Low back pain 6/10. Straight leg raise negative. Plan: PT 2x6.\n"

_BASE: dict[str, Any] = {
    "case_number": "CM16-0100001",
    "priority": "standard",
    "dates": {
        "injury": "2015-11-03",
        "request_for_authorization": "2016-08-22",
        "ur_decision": "2016-08-29",
        "ur_decision_served": {"method": "mail", "date": "2016-08-29"},
        "application_received": "2016-09-19",
        "notice_of_assignment": {"sent": "2016-09-23", "electronic": False},
        "records_received": "2016-10-07",
    },
    "application": {
        "signature": {"signed": True, "date": "2016-09-12"},
        "ur_decision_attached": True,
        "liability_disputed": False,
        "ur_conditionally_non_certified": False,
        "prior_imr_decisions": [],
    },
    "employee": {
        "name": "Rita Example",
        "date_of_birth": "1974-05-19",
        "claim_number": "WC-TEST-1",
        "address": {"street": "1 Test Lane", "city": "Fresno", "state": "CA", "zip": "93701"},
        "phone": "(559) 555-0100",
    },
    "employer": {"name": "Acme Freight Lines, Inc."},
    "claims_administrator": {
        "company": "Golden Poppy Claims Services, Inc.",
        "adjuster": "Dana Adjuster",
        "address": {"street": "2 Claims Plaza", "city": "Irvine", "state": "CA", "zip": "92614"},
    },
    "requesting_physician": {
        "name": "Kenneth Yamasaki, MD",
        "specialty": "Occupational Medicine",
        "npi": "1942857301",
        "medical_group": "Harborview Occupational Medical Group",
        "address": {"street": "3 Clinic Way", "city": "Long Beach", "state": "CA", "zip": "90806"},
    },
    "items": [
        {
            "request": "Physical therapy 2 times a week for 6 weeks for the lumbar spine",
            "ur_action": "denied",
            "ur_guideline": "MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99",
        },
        {
            "request": "Norco 10/325 mg #120",
            "ur_action": "modified",
            "modified_to": "Norco 10/325 mg #60",
        },
    ],
    "records": [
        {
            "file": "progress.txt",
            "type": "progress_report",
            "author": "Kenneth Yamasaki, MD",
            "organisation": "Harborview Occupational Medical Group",
            "date": "2016-08-15",
        }
    ],
}


def base_case() -> dict[str, Any]:
    return copy.deepcopy(_BASE)


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(index) if index else key for key, index in _STEP.findall(path)]


def set_field(data: dict[str, Any], path: str, value: Any) -> None:
    """``set_field(d, "items[1].ur_action", "x")``."""
    steps = _steps(path)
    node: Any = data
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = value


def delete_field(data: dict[str, Any], path: str) -> None:
    steps = _steps(path)
    node: Any = data
    for step in steps[:-1]:
        node = node[step]
    del node[steps[-1]]


def write_case(folder: Path, data: dict[str, Any], files: dict[str, str | bytes] | None = None) -> Path:
    """Write ``case.yaml`` and the record files (default: ``progress.txt``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for name, content in (files if files is not None else {"progress.txt": PROGRESS_REPORT}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def make_case(folder: Path, **changes: Any) -> CaseFile:
    """Load the base case with fields changed: ``make_case(tmp, **{"dates.injury": "2016-01-01"})``."""
    data = base_case()
    for path, value in changes.items():
        set_field(data, path, value)
    return load_case(write_case(folder, data))
