"""Deciding one item from a text, for the tests that change one fact and watch the decision change.

A row names the two summaries, the request (``"before|after"`` when the request changes too), the date and the
outcomes; ``None`` stands for an item left undecided.
"""

from __future__ import annotations

import datetime as dt

from imr.facts import extract_facts
from imr.guidelines.decide import decide_item
from imr.guidelines.variables import CaseDates


def decision_and_rules(summary: str, request: str, day: dt.date) -> tuple[str | None, tuple[str, ...]]:
    item = decide_item(1, request, extract_facts(summary), CaseDates(request_date=day))
    return (item.decision.value if item.decision else None), item.rule_ids


def decision_of(summary: str, request: str, day: dt.date) -> str | None:
    return decision_and_rules(summary, request, day)[0]


def requests_before_and_after(requests: str) -> tuple[str, str]:
    before, _, after = requests.partition("|")
    return before, after or before
