"""A broken rule file is one clear error naming the file, the rule and the key."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from imr.errors import RuleFileError
from imr.guidelines.load import build_rules
from imr.guidelines.variables import CaseDates
from imr.records import Decision
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
    (
        "surgery link twice",
        lambda d: _rule(d).update(
            serves_surgery=True, criteria=[{**_rule(d)["criteria"][0], "id": "surgery-certified"}]
        ),
        "do not list it too",
        "criteria",
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


def test_the_same_acupuncture_request_is_judged_by_the_edition_in_force() -> None:
    import datetime as dt

    from imr.facts import extract_facts
    from imr.guidelines.decide import decide_item

    facts = extract_facts(
        "The 47-year-old male injured his low back on 09/12/2016 lifting a pallet. He rates his low back pain 7/10"
        " despite medication, and continues physical therapy and a home exercise program."
    )
    request = "Acupuncture x 8 for the lumbar spine"
    old = decide_item(1, request, facts, CaseDates(request_date=dt.date(2017, 6, 1)))
    new = decide_item(1, request, facts, CaseDates(request_date=dt.date(2018, 3, 1)))
    after = decide_item(1, request, facts, CaseDates(request_date=dt.date(2020, 3, 1)))
    # 8 treatments exceed the 3-6 of the 2007 acupuncture guidelines, but stay within ACOEM's 12
    assert (old.decision, old.rule_ids) == (Decision.UPHELD, ("acupuncture-2007.initial-course",))
    assert (new.decision, new.rule_ids) == (Decision.OVERTURNED, ("acoem-lbd-2016.acupuncture.first-course",))
    assert new.citations[0].text.startswith("ACOEM") and "Low Back Disorders" in new.citations[0].text
    # past the edition the book holds, nothing older is applied
    assert after.decision is None and "holds none of its rules" in (after.undecided_reason or "")


def test_a_partial_edition_names_the_rules_it_holds_and_the_missing_drug_list() -> None:
    import datetime as dt

    from imr.facts import extract_facts
    from imr.guidelines.decide import decide_item

    facts = extract_facts("The 47-year-old male has chronic low back pain 7/10.")
    mri = decide_item(1, "MRI of the lumbar spine", facts, CaseDates(request_date=dt.date(2018, 3, 1)))
    neck = decide_item(1, "Acupuncture x 6 for the cervical spine", facts, CaseDates(request_date=dt.date(2018, 3, 1)))
    assert neck.decision is None and "Acupuncture for low back pain, a first course" in (neck.undecided_reason or "")
    drug = decide_item(1, "Norco 10/325mg #120", facts, CaseDates(request_date=dt.date(2018, 3, 1)))
    before = decide_item(1, "Norco 10/325mg #120", facts, CaseDates(request_date=dt.date(2017, 12, 15)))
    assert mri.decision is None and "holds none of its rules for mri" in (mri.undecided_reason or "")
    assert "MTUS Drug List" not in (mri.undecided_reason or "")
    assert drug.decision is None and "MTUS Drug List" in (drug.undecided_reason or "")
    assert before.decision is None and "MTUS Drug List" not in (before.undecided_reason or "")


def test_every_rule_for_a_service_of_a_surgery_reads_the_surgery_decision() -> None:
    from imr.guidelines.load import rule_book

    for rule in rule_book().rules:
        when = rule.model.applies_to.when or ""
        for_surgery = (
            ("postoperative" in when and "not postoperative" not in when)
            or ("preoperative_test" in when and "not preoperative_test" not in when)
            or bool({"assistant_surgeon", "preoperative_clearance"} & set(rule.model.applies_to.services))
            # equipment that exists only for a fusion
            or "bone_growth_stimulator" in when
        )
        assert rule.model.serves_surgery is for_surgery, rule.id
        if for_surgery:
            assert rule.model.criteria[0].id == "surgery-certified", rule.id


def test_words_inside_string_literals_are_not_variables() -> None:
    from imr.guidelines.load import _compile

    compiled = _compile("drug_name == 'hydrocodone/acetaminophen' or 'failed back' in regions", "x.yaml", "f", {})
    assert compiled.names == ("drug_name", "regions")


def test_an_unknown_number_leaves_a_criterion_undocumented_only_when_the_answer_turns_on_it() -> None:
    from imr.guidelines.evaluate import evaluate_expression
    from imr.guidelines.load import _compile
    from imr.guidelines.variables import Variable
    from imr.records import CriterionStatus

    compiled = _compile("drug_use_weeks < 12 or chronic", "x.yaml", "f", {})
    names = frozenset({"chronic"})
    unknown_weeks = {"drug_use_weeks": Variable(None)}
    assert evaluate_expression(compiled, {**unknown_weeks, "chronic": Variable(True)}, names) is CriterionStatus.MET
    assert (
        evaluate_expression(compiled, {**unknown_weeks, "chronic": Variable(False)}, names)
        is CriterionStatus.UNDOCUMENTED
    )
    assert (
        evaluate_expression(compiled, {"drug_use_weeks": Variable(20), "chronic": Variable(False)}, names)
        is CriterionStatus.UNMET
    )


def test_an_unknown_string_is_tried_with_every_value_the_expression_names() -> None:
    from imr.guidelines.evaluate import evaluate_expression
    from imr.guidelines.load import _compile
    from imr.guidelines.variables import Variable
    from imr.records import CriterionStatus

    compiled = _compile("'shoulder' in regions or procedure_site == 'shoulder'", "x.yaml", "f", {})
    unknown_site = {"procedure_site": Variable(None)}
    assert evaluate_expression(compiled, {**unknown_site, "regions": Variable(("shoulder",))}) is CriterionStatus.MET
    assert (
        evaluate_expression(compiled, {**unknown_site, "regions": Variable(("knee",))}) is CriterionStatus.UNDOCUMENTED
    )
