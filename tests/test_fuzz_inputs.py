"""Fuzzing the request parser, fact extraction, the engine and the case-file loader: whatever the text, each
returns or raises the project's own error, never anything else. Bounded here; `make fuzz` runs a long campaign
(IMR_FUZZ_EXAMPLES sets the examples per property)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr.errors import ImrError
from imr.facts import extract_facts
from imr.guidelines.case_input import cases_from_text
from imr.guidelines.decide import decide_case
from imr.records import DecisionCase
from imr.requests import parse_request

EXAMPLES = int(os.environ.get("IMR_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="IMR_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow],
)

WORDS = [
    "physical",
    "therapy",
    "x",
    "6",
    "2x4",
    "for",
    "the",
    "lumbar",
    "spine",
    "left",
    "right",
    "bilateral",
    "knee",
    "Norco",
    "10/325",
    "#120",
    "MRI",
    "EMG/NCS",
    "no",
    "not",
    "denies",
    "without",
    "pain",
    "radiating",
    "to",
    "leg",
    "numbness",
    "weakness",
    "3/5",
    "since",
    "01/02/2016",
    "post-op",
    "remaining",
    "IMR",
    "eligible",
    "portion",
    "of",
    "was",
    "authorized",
    "(",
    ")",
    ",",
    ".",
    ";",
    ":",
    "-",
    "/",
    "%",
    "mg",
    "days",
    "weeks",
    "months",
    "visits",
    "sessions",
    "retro",
    "DOS",
    "\n",
    "\t",
    "\u00a0",
    "\ufeff",
    "\ud800",
    "\x00",
    "é",
    "½",
]
clinical_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
)


@FUZZ
@given(clinical_text)
def test_the_request_parser_returns_or_raises_its_own_error(title: str) -> None:
    with contextlib.suppress(ImrError):
        parse_request(title)


@FUZZ
@given(clinical_text)
def test_fact_extraction_always_returns_facts_pointing_into_the_text(text: str) -> None:
    facts = extract_facts(text)
    for fact in facts.facts:
        assert 0 <= fact.span.start <= fact.span.end <= len(text)


@FUZZ
@given(
    clinical_text, st.lists(clinical_text, min_size=1, max_size=3), st.dates(dt.date(2005, 1, 1), dt.date(2030, 1, 1))
)
def test_the_engine_decides_or_leaves_undecided_whatever_it_is_given(
    summary: str, requests: list[str], day: dt.date
) -> None:
    try:
        determination = decide_case(DecisionCase(summary=summary, requests=tuple(requests), request_date=day))
    except ImrError:
        return
    assert len(determination.items) == len(requests)
    for item in determination.items:
        assert item.decision is not None or item.undecided_reason


yaml_like = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda summary, requests, date: f"summary: {summary}\nrequests: {requests}\nrequest_date: {date}\n",
        st.text(max_size=60),
        st.text(max_size=60),
        st.text(alphabet="0123456789-/: ", max_size=12),
    ),
)


@FUZZ
@given(yaml_like)
def test_the_case_file_loader_returns_cases_or_one_line(text: str) -> None:
    try:
        cases = cases_from_text(text, "case.yaml")
    except ImrError as error:
        assert "\n" not in str(error)
        return
    assert cases
