"""Facts placed in the sections they were written in, and what a section changes about them.

The plan section proposes: a treatment named there ("Chiropractic manipulation x 6 visits") is a request, not
treatment history, and a drug named there is proposed, not taken, unless the plan carries it on ("Continue
gabapentin 300 mg three times a day").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import lru_cache

from imr.facts.sections import PLAN, SectionMap, section_file
from imr.records import Fact, Presence

_NOT_HISTORY_IN_PLAN = frozenset({"prior_treatment"})


@lru_cache(maxsize=1)
def _continues() -> re.Pattern[str]:
    words = sorted(section_file().plan_continues, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def placed_in_sections(text: str, facts: Iterable[Fact], sections: SectionMap) -> list[Fact]:
    placed: list[Fact] = []
    for fact in facts:
        section = sections.at(fact.span.start)
        if section == PLAN and fact.kind in _NOT_HISTORY_IN_PLAN:
            continue
        if section == PLAN and _proposed_drug(text, fact):
            fact = dataclasses.replace(fact, presence=Presence.HYPOTHETICAL)
        placed.append(dataclasses.replace(fact, section=section) if section else fact)
    return placed


def _proposed_drug(text: str, fact: Fact) -> bool:
    return (
        fact.kind == "medication"
        and fact.presence is Presence.PRESENT
        and not _continues().search(_clause_around(text, fact.span.start, fact.span.end))
    )


def _clause_around(text: str, start: int, end: int) -> str:
    """The words around a mention on its line, back to the last sentence end and on to the next one:
    "Continue gabapentin 300 mg", "Norco 10/325 mg #120, refill"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = re.split(r"[.;]\s", text[line_start:start])[-1]
    after = re.split(r"[.;](?:\s|$)", text[end : line_end if line_end >= 0 else len(text)])[0]
    return before + text[start:end] + after
