"""Every example in data/phi/recognisers.yaml, run against its own recogniser (the eyecite habit)."""

from __future__ import annotations

import pytest

from imr.phi.catalogue import load_catalogue
from imr.phi.detect import detect_identifiers, find_with_recogniser

CATALOGUE = load_catalogue()
POSITIVE = [
    pytest.param(spec.name, example.text, example.match, id=f"{spec.name}-{n}")
    for spec in CATALOGUE.recognisers
    for n, example in enumerate(spec.positive_examples)
]
NEGATIVE = [
    pytest.param(spec.name, text, id=f"{spec.name}-{n}")
    for spec in CATALOGUE.recognisers
    for n, text in enumerate(spec.negative_examples)
]
KEPT = [pytest.param(rule.name, text, id=rule.name) for rule in CATALOGUE.keep for text in rule.examples]


@pytest.mark.parametrize(("name", "text", "match"), POSITIVE)
def test_positive_example(name: str, text: str, match: str) -> None:
    found = [text[s.start : s.end] for s in find_with_recogniser(name, text)]
    assert match in found


@pytest.mark.parametrize(("name", "text"), NEGATIVE)
def test_negative_example(name: str, text: str) -> None:
    assert [text[s.start : s.end] for s in find_with_recogniser(name, text)] == []


@pytest.mark.parametrize(("name", "text"), KEPT)
def test_public_identifiers_are_never_detected(name: str, text: str) -> None:
    assert detect_identifiers(text) == ()


def test_every_recogniser_explains_its_detections() -> None:
    for spec in CATALOGUE.recognisers:
        for example in spec.positive_examples:
            for span in find_with_recogniser(spec.name, example.text):
                assert span.recogniser == spec.name
                assert spec.name in span.reason and "pattern" in span.reason
