"""Invariants, checked on generated text with hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from imr.phi import OPERATORS, KnownIdentifier, detect_identifiers, redact

# Clinical filler the generated names are mixed into.
FILLER = [
    "the",
    "applicant",
    "reports",
    "pain",
    "7/10",
    "Norco",
    "10/325",
    "mg",
    "#120",
    "L4-5",
    "flexion",
    "40",
    "degrees",
    "PT",
    "2x6",
    "sessions",
    "on",
    "06/14/2013",
    ",",
    ".",
    "\n",
    "MRI",
    "Dr.",
    "employed",
    "by",
    "as",
    "DOB:",
    "Claim",
    "No.",
    "(559)",
    "555-0142",
    "CM16-0100001",
    "Mr.",
    "attorney",
]
NAME = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=400))
def test_redact_never_raises_on_arbitrary_text(text: str) -> None:
    spans = detect_identifiers(text)
    for name in OPERATORS:
        result = redact(text, spans, name)
        for replacement in result.replacements:
            assert result.text[replacement.start : replacement.end] == replacement.text


@SETTINGS
@given(st.lists(st.sampled_from(FILLER), max_size=60), st.text(max_size=40))
def test_detection_never_raises_with_parties(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    parties = [
        KnownIdentifier("EMPLOYEE", "Rosa M. Quintero"),
        KnownIdentifier("PHONE", "559-555-0142"),
        KnownIdentifier("DATE_OF_BIRTH", "1971-02-11"),
        KnownIdentifier("ADDRESS", "4471 N. Cedar Ave., Apt 3B, Fresno, CA 93726"),
    ]
    spans = detect_identifiers(text, parties)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    redact(text, spans)


@SETTINGS
@given(
    first=NAME,
    last=NAME,
    employer=st.lists(NAME, min_size=2, max_size=3),
    words=st.lists(st.sampled_from(FILLER), min_size=5, max_size=40),
    slots=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=5),
    forms=st.lists(st.sampled_from(["full", "title", "surname", "reversed", "caps", "employer"]), min_size=5),
)
def test_redacted_text_holds_no_known_party_text(
    first: str, last: str, employer: list[str], words: list[str], slots: list[int], forms: list[str]
) -> None:
    company = " ".join(employer) + ", Inc."
    for name in [first, last, *employer]:
        assume(not any(name.casefold() in w.casefold() or w.casefold() in name.casefold() for w in FILLER))
    spelled = {
        "full": f"{first} {last}",
        "title": f"Mr. {last}",
        "surname": last,
        "reversed": f"{last.upper()}, {first.upper()}",
        "caps": f"{first.upper()} {last.upper()}",
        "employer": " ".join(employer),
    }
    pieces = list(words)
    for slot, form in zip(slots, forms, strict=False):
        pieces.insert(min(slot, len(pieces)), spelled[form])
    text = " ".join(pieces)
    parties = [KnownIdentifier("EMPLOYEE", f"{first} Q. {last}"), KnownIdentifier("EMPLOYER", company)]

    spans = detect_identifiers(text, parties)
    redacted = redact(text, spans).text
    for span in spans:
        if span.recogniser == "known_party":
            assert text[span.start : span.end] not in redacted
    for word in [last, last.upper(), " ".join(employer)]:
        assert word not in redacted
