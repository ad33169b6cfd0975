"""Normalisation keeps an exact map back to the source text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from imr.text import MappedText, normalise_document

SEED_STYLE = (
    "The applicant is a represented  \n\nemployee who has filed \n\na claim.\n\n \n\nNext para-\n\ngraph here.\n"
)


def test_seed_double_spacing_collapses_and_paragraphs_survive() -> None:
    document = normalise_document(SEED_STYLE * 2)
    assert "represented  \nemployee" in document.text
    assert "\n\nNext para-\ngraph" in document.text


def test_reflow_keeps_redaction_gaps_and_joins_hyphenated_words() -> None:
    document = normalise_document("employed by  \n. Request was non-\ncertified on 1/6/14.\n")
    flowing = document.reflow()
    assert flowing.text == "employed by  . Request was non-certified on 1/6/14."


def test_reflow_spans_point_at_the_source() -> None:
    source = "Case summary line one\nline two ends here.\n\nSecond paragraph.\n"
    flowing = normalise_document(source).reflow()
    start = flowing.text.index("line two")
    span = flowing.span(start, start + len("line two"))
    assert source[span.start : span.end] == "line two"


def test_unicode_hyphen_placeholder_becomes_hyphen() -> None:
    assert normalise_document("Electro\ufffediagnostic testing").text == "Electro-diagnostic testing"


@settings(deadline=None)
@given(st.text(max_size=400))
def test_every_character_maps_into_the_source(source: str) -> None:
    document = normalise_document(source)
    assert len(document.offsets) == len(document.text) + 1
    assert all(0 <= offset <= len(source) for offset in document.offsets)
    flowing = document.reflow()
    assert isinstance(flowing, MappedText)
    if flowing.text:
        span = flowing.span()
        assert 0 <= span.start <= span.end <= len(source)
