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
