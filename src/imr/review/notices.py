"""The notices a Final Determination carries: the right to appeal (always) and, in a draft, a past-due warning.
Their wording is data (``imr/data/config/letter_notices.yaml``); dates are written as letters write them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from imr.cases.deadlines import Deadline, Deadlines
from imr.data_files import read_package_yaml, validated
from imr.text.dates import letter_date

NOTICES_FILE = "config/letter_notices.yaml"
_DEADLINE_NAMES = {
    "decision": "the IMR decision deadline",
    "formulary_decision": "the formulary-drug decision deadline",
}


class LetterNotices(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    appeal_heading: str = Field(min_length=1)
    appeal_notice: str = Field(min_length=1)
    past_due_warning: str = Field(min_length=1)


@lru_cache(maxsize=1)
def letter_notices() -> LetterNotices:
    return validated(LetterNotices, read_package_yaml(NOTICES_FILE), f"imr/data/{NOTICES_FILE}")


def letter_date_text(iso: str) -> str:
    """An ISO date (``2016-08-29``) as a letter writes it; text that is not one is returned as it is."""
    try:
        return letter_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def earliest_decision_deadline(deadlines: Deadlines) -> Deadline | None:
    """The decision deadline that falls first (a formulary-drug item's may come before the others'), if known."""
    known = [d for d in (deadlines.decision, deadlines.formulary_decision) if d is not None and d.due is not None]
    return min(known, key=lambda d: d.due or dt.date.max, default=None)


def past_due_warning(deadlines: Deadlines, decided_on: dt.date) -> str | None:
    """The draft's warning when ``decided_on`` is after the decision's due date; None when on time or not known."""
    deadline = earliest_decision_deadline(deadlines)
    if deadline is None or deadline.due is None or decided_on <= deadline.due:
        return None
    late = (decided_on - deadline.due).days
    return letter_notices().past_due_warning.format(
        due=letter_date(deadline.due),
        deadline=_DEADLINE_NAMES.get(deadline.name, deadline.name),
        days=f"{late} day{'s' if late != 1 else ''}",
    )
