"""Detection read as a spec: one clinical sentence per row."""

from __future__ import annotations

import itertools

import pytest

from imr.phi import IdentifierSpan, KnownIdentifier, detect_identifiers
from imr.phi.merge import merge_overlapping


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.entity_type, text[s.start : s.end]) for s in detect_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOB: 02/11/1971   DOI: 06/14/2013", [("DATE_OF_BIRTH", "02/11/1971")]),
        ("DOI: 06/14/2013   DOB: 02/11/1971", [("DATE_OF_BIRTH", "02/11/1971")]),
        ("She was born on March 9, 1958 and injured on 06/14/2013.", [("DATE_OF_BIRTH", "March 9, 1958")]),
        ("The date of injury was 06/14/2013; dates of service 07/01/2013 to 12/31/2013.", []),
        ("IMR Case Number: CM16-0100001 Claim Number: 05-448812", [("CLAIM_NUMBER", "05-448812")]),
        (
            "Fax (559) 555-0189; e-mail intake@valleyortho.example.com",
            [
                ("PHONE", "(559) 555-0189"),
                ("EMAIL", "intake@valleyortho.example.com"),
            ],
        ),
        ("Per Dr. Okafor, Norco 10/325 mg #120 was refilled.", [("PROVIDER", "Dr. Okafor")]),
        ("The applicant is a represented Acme employee.", []),
        ("12 sessions of PT 2x6 to the L4-5 level; pain 7/10.", []),
        ("WCAB ADJ9123456, SSN 547-22-8190", [("CASE_NUMBER", "ADJ9123456"), ("SSN", "547-22-8190")]),
        ("Patient: Rosa Quintero", [("EMPLOYEE", "Rosa Quintero")]),
        ("", []),
    ],
)
def test_detects(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


def test_spans_are_sorted_and_disjoint() -> None:
    text = "Dr. Alan Whitfield, M.D., 1450 W. Shaw Avenue, Fresno, CA 93711, Tel (559) 555-0188"
    spans = detect_identifiers(text, [KnownIdentifier("PROVIDER", "Alan Whitfield")])
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_overlap_is_merged_to_cover_both_with_the_stronger_kind() -> None:
    # The case file names "Sierra Valley Packing"; the record writes "Sierra Valley Packing Cooperative".
    text = "employed by Sierra Valley Packing Cooperative as a sorter"
    spans = detect_identifiers(text, [KnownIdentifier("EMPLOYER", "Sierra Valley Packing")])
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "Sierra Valley Packing Cooperative"
    assert spans[0].recogniser == "known_party"
    assert "overlapping span(s) from employer_by_employment" in spans[0].reason


def span(kind: str, start: int, end: int, score: float, name: str = "r") -> IdentifierSpan:
    return IdentifierSpan(kind, start, end, score, name, "test")


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # higher score wins
        ([span("PERSON", 0, 10, 0.7), span("PROVIDER", 4, 8, 0.9)], [("PROVIDER", 0, 10, 0.9)]),
        # equal scores: the longer wins
        ([span("PERSON", 0, 4, 0.8), span("PROVIDER", 2, 12, 0.8)], [("PROVIDER", 0, 12, 0.8)]),
        # a chain of overlaps is one run
        (
            [span("A", 0, 4, 0.5), span("B", 3, 8, 0.6), span("C", 7, 9, 0.5)],
            [("B", 0, 9, 0.6)],
        ),
        # touching spans stay apart
        ([span("A", 0, 4, 0.5), span("B", 4, 8, 0.6)], [("A", 0, 4, 0.5), ("B", 4, 8, 0.6)]),
    ],
)
def test_merge(spans: list[IdentifierSpan], expected: list[tuple[str, int, int, float]]) -> None:
    merged = merge_overlapping(spans)
    assert [(s.entity_type, s.start, s.end, s.score) for s in merged] == expected
    assert merge_overlapping(reversed(spans)) == merged


def test_every_detection_explains_itself() -> None:
    text = "DOB: 02/11/1971, tel 559-555-0142, seen by Priya Raman, M.D."
    spans = detect_identifiers(text)
    assert [s.recogniser for s in spans] == ["date_of_birth", "phone_number", "provider_with_credential"]
    assert spans[0].reason == "pattern numeric of date_of_birth (score 0.01); context 'DOB' raised it to 0.90"
    assert spans[1].reason.startswith("pattern nanp_formatted of phone_number (score 0.75); context 'tel'")
    assert spans[2].reason == "pattern name_then_credential of provider_with_credential (score 0.85)"


def test_min_score_filters() -> None:
    text = "Lena Fosse, PT"  # name_then_comma_credential scores 0.7
    assert detect_identifiers(text, min_score=0.8) == ()
    assert len(detect_identifiers(text, min_score=0.7)) == 1


def test_bad_span_values_are_refused() -> None:
    with pytest.raises(ValueError, match=r"bad identifier span 5\.\.5"):
        IdentifierSpan("PHONE", 5, 5, 0.5, "r", "x")
    with pytest.raises(ValueError, match=r"outside 0\.\.1"):
        IdentifierSpan("PHONE", 0, 5, 1.5, "r", "x")
