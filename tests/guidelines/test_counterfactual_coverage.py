"""Every rule in the rule book is reached by at least one one-fact-changed row of the counterfactual tables."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.load import rule_book
from imr.guidelines.variables import CaseDates
from tests.guidelines import (
    test_counterfactuals,
    test_counterfactuals_physical_medicine,
    test_equipment_and_care,
    test_medications,
    test_procedures,
    test_services,
    test_surgery,
)


def _rows() -> list[tuple[str, str, str, dt.date]]:
    rows = [
        (before, after, requests, test_counterfactuals.D2014)
        for _, before, after, requests, *_ in test_counterfactuals.ROWS
    ]
    for module in (
        test_counterfactuals_physical_medicine,
        test_equipment_and_care,
        test_medications,
        test_procedures,
        test_services,
        test_surgery,
    ):
        rows += [(row[1], row[2], row[3], row[4]) for row in module.ROWS]
    return rows


@lru_cache(maxsize=1)
def _reached() -> frozenset[str]:
    used: set[str] = set()
    for before, after, requests, date in _rows():
        request_before, _, request_after = requests.partition("|")
        for summary, request in ((before, request_before), (after, request_after or request_before)):
            item = decide_item(1, request, extract_facts(summary), CaseDates(request_date=date))
            used.update(item.rule_ids)
    return frozenset(used)


def test_every_rule_is_reached_by_a_counterfactual_row() -> None:
    missing = sorted(rule.id for rule in rule_book().rules if rule.id not in _reached())
    assert missing == []
