"""ConText over spans found by patterns: the same rules as the target-rule facts decide their presence."""

from __future__ import annotations

import pytest

from imr.facts.context import span_presence
from imr.records import Presence


def _presence(text: str, *words: str) -> list[Presence | None]:
    spans = []
    for word in words:
        start = text.index(word)
        spans.append((start, start + len(word)))
    return span_presence(text, spans)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The MRI showed a SLAP tear.", "SLAP tear", Presence.PRESENT),
        ("The MRI showed no SLAP tear.", "SLAP tear", Presence.ABSENT),
        ("An EMG was negative for radiculopathy.", "radiculopathy", Presence.ABSENT),
        ("He has never had an epidural injection.", "epidural injection", Presence.ABSENT),
        ("MRI to evaluate for a rotator cuff tear.", "rotator cuff tear", Presence.POSSIBLE),
        ("There is concern for a fracture.", "fracture", Presence.POSSIBLE),
        ("Family history of carpal tunnel syndrome.", "carpal tunnel syndrome", None),
        ("No fracture was seen, but the MRI revealed a Bankart lesion.", "Bankart lesion", Presence.PRESENT),
    ],
)
def test_one_span(text: str, word: str, expected: Presence | None) -> None:
    assert _presence(text, word) == [expected]


def test_several_spans_of_one_sentence_keep_their_own_presence() -> None:
    text = "The MRI revealed a Bankart lesion but no Hill-Sachs lesion."
    assert _presence(text, "Bankart lesion", "Hill-Sachs lesion") == [Presence.PRESENT, Presence.ABSENT]


def test_overlapping_spans_are_each_judged() -> None:
    text = "The MRI showed no rotator cuff tear."
    assert _presence(text, "rotator cuff tear", "cuff tear") == [Presence.ABSENT, Presence.ABSENT]


def test_no_spans() -> None:
    assert span_presence("Anything.", []) == []


@pytest.mark.parametrize("span", [(100, 120), (-9, -1), (5, 5), (27, 18)])
def test_a_span_outside_the_text_is_a_programming_error(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="does not lie inside"):
        span_presence("The MRI showed a SLAP tear.", [span])


def test_a_date_is_no_pain_rating() -> None:
    from imr.facts import extract_facts

    facts = extract_facts("He was injured on 9/10/2017 and rates his pain 2/10.").of_kind("pain_intensity")
    assert [(f.value, f.text) for f in facts] == [("mild", "2/10")]


def test_no_documentation_of_treatment_is_no_treatment_given() -> None:
    from imr.facts import extract_facts

    facts = extract_facts("There is no documentation of prior chiropractic treatment.")
    assert facts.of_kind("prior_treatment") == ()
    assert [f.presence for f in facts.facts if f.kind == "prior_treatment"] == [Presence.UNDOCUMENTED]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "There is no documentation that the medication demonstrated functional improvement.",
            "function_gain",
            [Presence.UNDOCUMENTED],
        ),
        (
            "He completed 4 sessions of physical therapy and never showed any functional improvement.",
            "function_gain",
            [Presence.ABSENT],
        ),
        ("He no longer shows signs of radiculopathy.", "diagnosis", [Presence.ABSENT]),
        ("MRI without contrast demonstrated a medial meniscus tear.", "diagnosis", [Presence.PRESENT]),
        (
            "X-rays were negative for fracture, MRI revealed a full-thickness rotator cuff tear.",
            "diagnosis",
            [Presence.PRESENT],
        ),
        ("Prior physical therapy was not documented.", "prior_treatment", [Presence.UNDOCUMENTED]),
        ("Prior physical therapy: none.", "prior_treatment", [Presence.ABSENT]),
        ("If the patient has had prior physical therapy, documentation is needed.", "prior_treatment", []),
        ("Possible prior physical therapy.", "prior_treatment", []),
        (
            "He denies any prior physical therapy, chiropractic treatment, or acupuncture.",
            "prior_treatment",
            [Presence.ABSENT] * 3,
        ),
        ("The outcome of prior physical therapy is not documented.", "prior_treatment", [Presence.PRESENT]),
        ("The number of prior physical therapy sessions is unclear.", "prior_treatment", [Presence.PRESENT]),
        ("He has completed an unspecified number of physical therapy sessions.", "prior_treatment", [Presence.PRESENT]),
    ],
)
def test_cues_govern_what_they_speak_of(text: str, kind: str, expected: list[Presence]) -> None:
    from imr.facts import extract_facts

    assert [f.presence for f in extract_facts(text).facts if f.kind == kind] == expected
