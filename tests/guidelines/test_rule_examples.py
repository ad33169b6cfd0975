"""Every rule's examples reach their stated outcome through the whole engine (facts, request, rule)."""

from __future__ import annotations

import pytest

from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.load import LoadedRule, rule_book
from imr.guidelines.schema import ExampleModel
from imr.guidelines.variables import CaseDates

CASES = [(rule, example) for rule in rule_book().rules for example in rule.model.examples]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{rule.id}[{example.expect}]" for rule, example in CASES])
def test_rule_example(rule: LoadedRule, example: ExampleModel) -> None:
    facts = extract_facts(example.summary)
    item = decide_item(1, example.request, facts, CaseDates(request_date=example.request_date))
    assert item.rule_ids and rule.id in item.rule_ids, (item.rule_ids, item.undecided_reason)
    assert item.decision is not None
    assert item.decision.value == example.expect, item.rationale


def test_every_rule_has_an_upheld_and_an_overturned_example_unless_not_recommended() -> None:
    for rule in rule_book().rules:
        outcomes = {example.expect for example in rule.model.examples}
        if rule.model.recommendation == "criteria":
            assert outcomes == {"upheld", "overturned"}, rule.id


def test_every_example_says_what_it_shows() -> None:
    missing = [rule.id for rule in rule_book().rules for example in rule.model.examples if example.shows is None]
    assert missing == []


def test_every_criteria_rule_shows_an_undocumented_criterion_leading_to_upheld() -> None:
    """The burden of documentation: a plausible criterion the record does not document is not met."""
    for rule in rule_book().rules:
        if rule.model.recommendation == "criteria":
            assert any(e.shows == "undocumented" and e.expect == "upheld" for e in rule.model.examples), rule.id


def test_every_rule_without_criteria_shows_two_upheld_examples() -> None:
    for rule in rule_book().rules:
        if rule.model.recommendation != "criteria":
            upheld = [e for e in rule.model.examples if e.expect == "upheld" and e.shows == "not_recommended"]
            assert len(upheld) >= 2, rule.id
