"""Redaction operators, the replacement map, and configuration errors that name the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from imr.errors import ImrError
from imr.phi import (
    IdentifierSpan,
    IdentifierSpanError,
    KnownIdentifier,
    RedactionConfig,
    RedactionConfigError,
    RedactionOperatorError,
    detect_identifiers,
    load_redaction_config,
    read_redaction_config,
    redact,
    redact_for_publication,
)

TEXT = "This 45 year-old female sustained an injury on 6/3/09 while employed by Acme Widgets. Tel 559-555-0142."
PARTIES = [KnownIdentifier("EMPLOYER", "Acme Widgets, Inc.")]


def test_remove_leaves_the_gap_of_the_published_letters() -> None:
    result = redact(TEXT, detect_identifiers(TEXT, PARTIES))
    assert result.text == "This 45 year-old female sustained an injury on 6/3/09 while employed by . Tel ."


@pytest.mark.parametrize(
    ("operator", "expected"),
    [
        ("mask", "while employed by [REDACTED]. Tel [REDACTED]."),
        ("tag", "while employed by [EMPLOYER]. Tel [PHONE]."),
    ],
)
def test_operators_by_name(operator: str, expected: str) -> None:
    assert redact(TEXT, detect_identifiers(TEXT, PARTIES), operator).text.endswith(expected)


def test_replacements_map_old_spans_to_new() -> None:
    spans = detect_identifiers(TEXT, PARTIES)
    result = redact(TEXT, spans, "tag")
    assert [r.original for r in result.replacements] == list(spans)
    for replacement in result.replacements:
        assert result.text[replacement.start : replacement.end] == replacement.text
        assert replacement.operator == "tag"
    assert [TEXT[r.original.start : r.original.end] for r in result.replacements] == [
        "Acme Widgets",
        "559-555-0142",
    ]


def test_overlapping_spans_given_to_redact_are_merged() -> None:
    spans = [
        IdentifierSpan("EMPLOYER", 72, 84, 1.0, "a", "x"),
        IdentifierSpan("ORGANIZATION", 72, 76, 0.6, "b", "y"),
    ]
    result = redact(TEXT, spans, "tag")
    assert "employed by [EMPLOYER]." in result.text
    assert len(result.replacements) == 1


def test_unknown_operator_names_it() -> None:
    with pytest.raises(RedactionOperatorError) as caught:
        redact(TEXT, [], "blackout")
    assert isinstance(caught.value, ImrError)
    assert (
        str(caught.value) == "operator: unknown redaction operator 'blackout' (known: mask, placeholder, remove, tag)"
    )


def test_span_past_the_end_is_refused() -> None:
    with pytest.raises(IdentifierSpanError, match=r"span 3..99 \(PHONE\) ends past the text \(5 chars\)"):
        redact("short", [IdentifierSpan("PHONE", 3, 99, 1.0, "r", "x")])


def test_config_chooses_types_and_operators() -> None:
    config = load_redaction_config({"operator": "mask", "operators": {"PHONE": "tag"}, "entity_types": ["PHONE"]})
    result = redact(TEXT, detect_identifiers(TEXT, PARTIES), config)
    assert result.text.endswith("while employed by Acme Widgets. Tel [PHONE].")


def test_redact_for_publication() -> None:
    result = redact_for_publication(TEXT, PARTIES)
    assert "Acme" not in result.text and "0142" not in result.text
    assert "6/3/09" in result.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"operator": "blackout"}, "operator", "operator: unknown redaction operator 'blackout'"),
        ({"operators": {"PHONEE": "tag"}}, "operators", "operators.PHONEE: unknown entity type 'PHONEE'"),
        (
            {"operators": {"PHONE": "shred"}},
            "operators",
            "operators.PHONE: unknown redaction operator 'shred'",
        ),
        ({"entity_types": ["SSN", "BLOOD_TYPE"]}, "entity_types", "unknown entity type 'BLOOD_TYPE'"),
        ({"min_score": 2}, "min_score", "less than or equal to 1"),
        ({"operater": "tag"}, "operater", "Extra inputs are not permitted"),
    ],
)
def test_bad_config_names_the_key(data: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(RedactionConfigError) as caught:
        load_redaction_config(data, source="public.yaml")
    assert caught.value.field == field
    assert caught.value.source == "public.yaml"
    assert message in str(caught.value)


def test_config_file(tmp_path: Path) -> None:
    path = tmp_path / "redaction.yaml"
    path.write_text("operator: tag\noperators:\n  EMPLOYEE: remove\n", encoding="utf-8")
    assert read_redaction_config(path) == RedactionConfig(operator="tag", operators={"EMPLOYEE": "remove"})
    path.write_text("operator: [unclosed\n", encoding="utf-8")
    with pytest.raises(RedactionConfigError, match="cannot read redaction configuration"):
        read_redaction_config(path)
