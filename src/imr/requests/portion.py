"""The "remaining IMR eligible portion" form of an item title.

When the claims administrator authorized part of a request, the letter titles the item with the whole story:

    Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the Claims
    Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #35 is

or, when what was authorized was something else:

    Physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow was the original request. The
    Claims Administrator authorized 2 sessions of occupational therapy, leaving the original request IMR
    eligible. The original request, physical therapy 2 times a week for 6 weeks (12 sessions) to the right
    elbow is

The disputed request is the last part; the first is kept as the original request.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Each clause is an atomic group ending in its own words, so the first "was the original request." ends the original
# request for good; a clause ends after a word ("(?<=\S)"), so the lazy search for its words does not rescan a run of
# spaces from each of them. (Left to backtrack, 200,000 characters repeating the first clause took 25 s.)
_PORTION = re.compile(
    r"^\s*(?>(?P<original>.+?)(?<=\S)\s+was\s+the\s+original\s+request\s*\.)\s*"
    r"(?:"
    r"(?>(?P<authorized>.+?)(?<=\S)\s+(?:was|were)\s+authorized\s+by\s+the\s+Claims\s+Administrator\s*\.)\s*"
    r"The\s+remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request"
    r"|"
    r"The\s+Claims\s+Administrator\s+authorized\s+"
    r"(?>(?P<other>.+?)(?<=\S),?\s+leaving\s+the\s+original\s+request\s+IMR\s+eligible\s*\.)"
    r"\s*The\s+original\s+request"
    r")"
    r"\s*,?\s*(?P<remaining>.*?\S)(?:\s+is)?\s*:?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_MENTIONS_ORIGINAL = re.compile(r"original\s+request", re.IGNORECASE)  # a cheap test before the full form


class Portion(NamedTuple):
    start: int  # the disputed request, as offsets into the title text
    end: int
    original: str | None  # the original request, whitespace collapsed; None when the title is plain


def split_portion(text: str) -> Portion:
    match = _PORTION.match(text) if _MENTIONS_ORIGINAL.search(text) else None
    if match is None:
        return Portion(0, len(text), None)
    return Portion(match.start("remaining"), match.end("remaining"), " ".join(match.group("original").split()))
