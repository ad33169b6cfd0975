"""A broken recogniser or vocabulary file is a RuleFileError naming the file, the entry and the key."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from imr.errors import RuleFileError
from imr.phi.catalogue import build_catalogue, load_catalogue
from imr.phi.vocabulary import build_vocabulary, load_vocabulary, loose_literal

SOURCE = "data/phi/recognisers.yaml"


def recogniser_file(**recogniser: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": "phone",
        "entity_type": "PHONE",
        "patterns": [{"name": "p", "regex": r"\d{3}-\d{4}", "score": 0.5}],
        "examples": {"positive": [{"text": "call 555-0142", "match": "555-0142"}]},
    }
    entry.update(recogniser)
    return {"version": 1, "recognisers": [entry]}


def build(data: dict[str, Any]) -> None:
    build_catalogue(data, SOURCE, load_vocabulary())


def test_a_good_file_builds() -> None:
    catalogue = build_catalogue(recogniser_file(), SOURCE, load_vocabulary())
    assert catalogue.recogniser("phone").patterns[0].score == 0.5


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"entity_type": "PHONE_NUMBER"}, "recognisers.0.entity_type", "unknown entity type 'PHONE_NUMBER'"),
        (
            {"patterns": [{"name": "p", "regex": "(", "score": 0.5}]},
            "recognisers.0.patterns.0 (phone/p)",
            "bad regex",
        ),
        (
            {"patterns": [{"name": "p", "regex": "{{NO_SUCH}}", "score": 0.5}]},
            "recognisers.0.patterns.0 (phone/p)",
            "unknown fragment {{NO_SUCH}}",
        ),
        ({"patterns": [{"name": "p", "regex": "x", "score": 1.5}]}, "recognisers.0.patterns.0.score", "1"),
        ({"patterns": [{"name": "p", "regex": "x"}]}, "recognisers.0.patterns.0", "needs a score"),
        (
            {"patterns": [{"name": "p", "regex": "x", "requires_label": True}]},
            "recognisers.0",
            "require a label",
        ),
        (
            {"examples": {"positive": [{"text": "call me", "match": "555"}]}},
            "recognisers.0.examples.positive.0",
            "does not occur in",
        ),
        ({"colour": "red"}, "recognisers.0.colour", "Extra inputs are not permitted"),
    ],
)
def test_bad_recogniser(change: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        build(recogniser_file(**change))
    assert caught.value.source == SOURCE
    assert caught.value.field == field
    assert message in caught.value.message


def test_duplicate_recogniser_names() -> None:
    data = recogniser_file()
    data["recognisers"].append(copy.deepcopy(data["recognisers"][0]))
    with pytest.raises(RuleFileError, match="duplicate recogniser name 'phone'"):
        build(data)


def test_fragment_cycle() -> None:
    data = recogniser_file(patterns=[{"name": "p", "regex": "{{A}}", "score": 0.5}])
    data["fragments"] = {"A": "x{{B}}", "B": "{{A}}"}
    with pytest.raises(RuleFileError, match="fragment A refers to itself via A -> B"):
        build(data)


def test_bad_vocabulary() -> None:
    with pytest.raises(RuleFileError) as caught:
        build_vocabulary({"version": 1, "lists": {"titles": ["Mr."]}}, "data/phi/vocabulary.yaml")
    assert caught.value.field == "lists"
    assert "must be UPPER_CASE" in caught.value.message


def test_packaged_files_load() -> None:
    assert len(load_catalogue().recognisers) >= 20
    assert load_vocabulary().variants("STREET_SUFFIX", "St.") == ("Street", "St.")


@pytest.mark.parametrize(
    ("literal", "matches", "misses"),
    [
        ("M.D.", ["M.D.", "MD", "M.D"], ["M D"]),
        ("applicant's attorney", ["applicant's attorney", "applicant’s\nattorney"], ["applicants attorney"]),
    ],
)
def test_loose_literal(literal: str, matches: list[str], misses: list[str]) -> None:
    import regex

    pattern = regex.compile(loose_literal(literal))
    assert all(pattern.fullmatch(text) for text in matches)
    assert not any(pattern.fullmatch(text) for text in misses)
