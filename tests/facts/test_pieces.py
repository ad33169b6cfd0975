"""Long records are read in pieces: offsets still point into the original text, and the facts are the same."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr.facts import extract_facts
from imr.facts.context import span_presence
from imr.facts.pieces import piece_bounds
from imr.facts.pipeline import clinical_pipeline
from imr.records import Presence

NOTE = """PROGRESS REPORT
Date of examination: 08/15/2016

SUBJECTIVE
She reports low back pain 7/10 and denies numbness. She has completed 12 therapy sessions.

DIAGNOSES
1. Lumbar strain without radiculopathy.

PLAN
1. Chiropractic manipulation x 6 visits.

"""


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=8, max_value=60))
@settings(max_examples=200, deadline=None)
def test_pieces_cover_the_text_in_order(text: str, limit: int) -> None:
    bounds = piece_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(bounds))
    assert all(end - start <= limit for start, end in bounds)


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "She reports low back pain rated 7/10 with radiation to the right leg. "
    text = sentence * 200
    bounds = piece_bounds(text, 3_000)
    assert len(bounds) > 1
    for start, end in bounds:
        assert text[start:end].startswith("She reports") and text[start:end].rstrip().endswith("leg.")


def test_paragraphs_are_kept_whole_and_joined_up_to_the_limit() -> None:
    text = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."
    assert piece_bounds(text, 40) == [(0, 37), (37, len(text))]


def test_facts_of_many_records_are_the_facts_of_each_shifted_to_its_place() -> None:
    one = extract_facts(NOTE)
    copies = 40
    many = extract_facts(NOTE * copies, documents=[i * len(NOTE) for i in range(copies)])
    assert len(many.facts) == copies * len(one.facts)
    expected = [(f.kind, f.value, f.presence, f.section, f.text) for f in one.facts] * copies
    assert [(f.kind, f.value, f.presence, f.section, f.text) for f in many.facts] == expected
    for fact in many.facts:
        assert many.text[fact.span.start : fact.span.end] == fact.text


def test_a_text_longer_than_spacy_allows_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # spaCy refuses documents over nlp.max_length (a million characters); a smaller limit shows the same
    monkeypatch.setattr(clinical_pipeline(), "max_length", 5_000)
    text = "Long record.\n\n" + NOTE * 30
    facts = extract_facts(text)
    assert len([f for f in facts.facts if f.kind == "prior_treatment"]) == 30


def test_span_context_far_into_a_long_text() -> None:
    text = NOTE * 50 + "The MRI showed no disc herniation."
    start = text.rindex("disc herniation")
    assert span_presence(text, [(start, start + len("disc herniation"))]) == [Presence.ABSENT]
    first = [m.start() for m in re.finditer("radiculopathy", text)][7]
    assert span_presence(text, [(first, first + len("radiculopathy"))]) == [Presence.ABSENT]
