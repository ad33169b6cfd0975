"""Invariants of the request parser on arbitrary text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from imr.errors import RequestParseError
from imr.records import Span, TreatmentRequest
from imr.requests import load_vocabulary, parse_request

VOCABULARY = load_vocabulary()

# Words the grammar reacts to, so generated text reaches the counting, region and drug rules rather than
# failing at "no known service" every time.
_WORDS = [
    "PT",
    "physical therapy",
    "MRI",
    "Norco",
    "10/325mg",
    "#120",
    "x",
    "times",
    "2x4",
    "twelve",
    "(12)",
    "sessions",
    "visits",
    "per",
    "week",
    "weeks",
    "for",
    "the",
    "left",
    "right",
    "bilateral",
    "knee",
    "L/S",
    "C/S",
    "RUE",
    "lower extremities",
    "Additional",
    "Initial",
    "Retrospective",
    "Post-op",
    "DOS:",
    "11/11/2016",
    "Associated surgical service:",
    "purchase",
    "14 days rental",
    "day supply:",
    "30",
    "12-18",
    "1 to 2",
    "was the original request.",
    "was authorized by the Claims Administrator.",
    "The remaining IMR eligible portion of the original request,",
    "is",
    "\ufffe",
    "%",
    "5%",
    "#",
    "-",
    "/",
    "0",
    "99999",
    "twice",
    "a",
    "(",
    ")",
    ",",
    "Lidoderm",
    "patch",
    "Flurbiprofen",
    "Lidocaine",
    "injection",
]
_TITLES = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=14).map(" ".join)


def _check(request: TreatmentRequest) -> None:
    assert request.service in VOCABULARY.services
    assert request.category == VOCABULARY.services[request.service].category
    for count in (request.sessions, request.frequency_per_week, request.weeks, request.rental_days):
        assert count is None or count > 0  # unknown stays None, never 0
    assert len(set(request.regions)) == len(request.regions)
    for region in request.regions:
        assert region.region in VOCABULARY.regions
        assert region.laterality in (None, "left", "right", "bilateral")
        if region.laterality is not None:
            assert VOCABULARY.regions[region.region].lateral
    if request.drug is not None:
        assert request.service == "medication"
        assert request.drug.drug_class in VOCABULARY.drug_classes
        assert request.drug.quantity is None or request.drug.quantity > 0
    assert len(set(request.unknown)) == len(request.unknown)
    assert request.text == " ".join(request.text.split())


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_request_parse_error(text: str) -> None:
    try:
        request = parse_request(text)
    except RequestParseError as error:
        assert error.field == "request"
        return
    _check(request)


@settings(max_examples=400, deadline=None)
@given(_TITLES)
def test_title_like_text_parses_or_raises_request_parse_error(text: str) -> None:
    try:
        request = parse_request(text)
    except RequestParseError:
        return
    _check(request)


@settings(max_examples=200, deadline=None)
@given(_TITLES, st.integers(min_value=0, max_value=10_000))
def test_a_span_stays_inside_the_given_span(text: str, start: int) -> None:
    span = Span(start, start + len(text))
    try:
        request = parse_request(text, span=span)
    except RequestParseError:
        return
    assert request.span is not None
    assert span.start <= request.span.start <= request.span.end <= span.end


@settings(max_examples=200, deadline=None)
@given(_TITLES)
def test_parsing_is_deterministic_and_whitespace_blind(text: str) -> None:
    try:
        first = parse_request(text)
    except RequestParseError:
        return
    spaced = parse_request("  " + text.replace(" ", "  \n ") + " ")
    assert spaced == first
