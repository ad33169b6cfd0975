"""A broken rule file is one clear error naming the file, the rule and the key."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from imr.errors import RuleFileError
from imr.guidelines.load import build_rules
from imr.guidelines.variables import CaseDates
from tests.conftest import REPOSITORY

SOURCE = "imr/data/guidelines/mtus-cpmtg-2009.yaml"
BASE: dict[str, Any] = yaml.safe_load((REPOSITORY / "src" / SOURCE).read_text(encoding="utf-8"))


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def _rule(data: dict[str, Any]) -> dict[str, Any]:
    rule: dict[str, Any] = data["rules"][0]
    return rule


CASES = [
    (
        "unknown variable",
        lambda d: _rule(d)["criteria"][0].update(expression="visits_left > 2"),
        "unknown variable 'visits_left'",
        "criteria[0](within-allowance).expression",
    ),
    (
        "bad expression",
        lambda d: _rule(d)["criteria"][0].update(expression="requested_sessions <="),
        "does not compile",
        "criteria[0](within-allowance).expression",
    ),
    (
        "unknown placeholder",
        lambda d: _rule(d)["criteria"][0].update(met="{nonsense} visits"),
        "unknown placeholder",
        "criteria[0](within-allowance).met",
    ),
    (
        "missing citation",
        lambda d: _rule(d).pop("citation"),
        "Field required",
        "rules.0(cpmtg-2009.physical-medicine.initial-course).citation",
    ),
    (
        "unknown key",
        lambda d: _rule(d).update(colour="red"),
        "Extra inputs",
        "rules.0(cpmtg-2009.physical-medicine.initial-course).colour",
    ),
    (
        "one-sided examples",
        lambda d: _rule(d).update(examples=[e for e in _rule(d)["examples"] if e["expect"] == "upheld"] * 2),
        "both an upheld and an overturned",
        "examples",
    ),
    ("bad id", lambda d: _rule(d).update(id="Not An Id"), "String should match", "id"),
    (
        "table key",
        lambda d: _rule(d)["tables"]["allowance"].update(key="colour"),
        "unknown variable 'colour'",
        "tables.allowance",
    ),
]


@pytest.mark.parametrize(("name", "change", "message", "field"), CASES, ids=[c[0] for c in CASES])
def test_broken_rule_file(name: str, change: Any, message: str, field: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        build_rules(_broken(change), SOURCE)
    text = str(caught.value)
    assert text.startswith(SOURCE + ": ") and message in text and field in text and "\n" not in text


def test_the_edition_is_chosen_by_date() -> None:
    import datetime as dt

    from imr.facts import extract_facts
    from imr.guidelines.decide import decide_item

    facts = extract_facts("The 40-year-old male strained his low back on 01/04/2014. Diagnosis: lumbar strain.")
    request = "Physical therapy x 8 for the lumbar spine"
    early = decide_item(1, request, facts, CaseDates(request_date=dt.date(2015, 3, 1)))
    late = decide_item(1, request, facts, CaseDates(request_date=dt.date(2016, 9, 1)))
    later = decide_item(1, request, facts, CaseDates(request_date=dt.date(2018, 3, 1)))
    assert early.rule_ids[0].startswith("cpmtg-2009") and early.citations[0].edition == "2009"
    assert late.rule_ids[0].startswith("cpmtg-2016") and late.citations[0].edition == "2016"
    assert later.decision is None and later.undecided_reason is not None
    assert "ACOEM-based MTUS" in later.undecided_reason and "older editions" in later.undecided_reason
    undated = decide_item(1, request, facts, CaseDates(request_date=None))
    assert undated.decision is None and "date" in (undated.undecided_reason or "")
