"""Known party values are found in the spellings records use for them."""

from __future__ import annotations

import pytest

from imr.phi import KnownIdentifier, KnownIdentifierError, detect_identifiers


def found(text: str, entity_type: str, value: str) -> list[str]:
    spans = detect_identifiers(text, [KnownIdentifier(entity_type, value)])
    return [text[s.start : s.end] for s in spans if s.recogniser == "known_party"]


@pytest.mark.parametrize(
    ("entity_type", "value", "text", "expected"),
    [
        ("EMPLOYEE", "John Q. Smith", "seen with John Q. Smith today", "John Q. Smith"),
        ("EMPLOYEE", "John Q. Smith", "Mr. Smith reports pain", "Mr. Smith"),
        ("EMPLOYEE", "John Q. Smith", "pain reported by Smith today", "Smith"),
        ("EMPLOYEE", "John Q. Smith", "John Smith was seen", "John Smith"),
        ("EMPLOYEE", "John Q. Smith", "RE: SMITH, JOHN Q.", "SMITH, JOHN Q."),
        ("EMPLOYEE", "John Q. Smith", "J. Smith signed", "J. Smith"),
        ("EMPLOYEE", "john q. smith", "JOHN SMITH, claimant", "JOHN SMITH"),
        ("EMPLOYEE", "Smith, John Q.", "John Q Smith", "John Q Smith"),
        ("EMPLOYEE", "María López-García", "Ms. López-García", "Ms. López-García"),
        ("PROVIDER", "Dr. Alan R. Whitfield, M.D.", "per Dr. Whitfield", "Dr. Whitfield"),
        ("PROVIDER", "Alan R. Whitfield", "signed Alan Whitfield, MD", "Alan Whitfield, MD"),
        ("EMPLOYER", "Acme Widgets, Inc.", "employed by Acme Widgets as", "Acme Widgets"),
        ("EMPLOYER", "Acme Widgets, Inc.", "ACME WIDGETS INC. payroll", "ACME WIDGETS INC."),
        ("EMPLOYER", "The Acme Widgets Company", "the Acme Widgets Co. yard", "the Acme Widgets Co."),
        ("ATTORNEY", "Greenbaum & Osei, LLP", "Greenbaum and Osei wrote", "Greenbaum and Osei"),
        ("EMPLOYER", "Costco", "works at COSTCO", "COSTCO"),
        (
            "ADDRESS",
            "123 North Main Street, Suite 4, Fresno, CA 93721",
            "at 123 N. Main St., Ste 4",
            "123 N. Main St., Ste 4",
        ),
        (
            "ADDRESS",
            "123 North Main Street, Suite 4, Fresno, CA 93721",
            "lives in Fresno, California 93721",
            "Fresno, California 93721",
        ),
        ("ADDRESS", "123 N Main St", "at 123 North Main Street, Fresno", "123 North Main Street"),
        ("ADDRESS", "123 North Main Street, Fresno, CA 93721", "ZIP 93721-0042", "93721-0042"),
        ("PHONE", "559-555-0142", "call (559) 555 0142 now", "(559) 555 0142"),
        ("PHONE", "(559) 555-0142", "+1 559.555.0142", "+1 559.555.0142"),
        ("SSN", "547-22-8190", "SSN 547228190", "547228190"),
        ("CLAIM_NUMBER", "05-448812-WC-01", "claim 05448812wc01 open", "05448812wc01"),
        ("CASE_NUMBER", "ADJ9123456", "WCAB ADJ 9123456", "ADJ 9123456"),
        ("DATE_OF_BIRTH", "1971-02-11", "born 2/11/71 in", "2/11/71"),
        ("DATE_OF_BIRTH", "02/11/1971", "born February 11th, 1971", "February 11th, 1971"),
        ("DATE_OF_BIRTH", "February 11, 1971", "DOB 11 Feb 1971", "11 Feb 1971"),
        ("EMAIL", "R.Quintero@Example.org", "mail r.quintero@example.org.", "r.quintero@example.org"),
    ],
)
def test_party_spelling_is_found(entity_type: str, value: str, text: str, expected: str) -> None:
    assert expected in found(text, entity_type, value)


@pytest.mark.parametrize(
    ("entity_type", "value", "text"),
    [
        # A surname alone is matched only capitalised: "Long" must not take "long-term" with it.
        ("EMPLOYEE", "Anna Long", "long-term opioid use"),
        # The first name alone is never matched: "May" is a month.
        ("EMPLOYEE", "May Chen", "injury of May 29, 2009"),
        ("EMPLOYEE", "John Smith", "Smithson reported"),
        ("EMPLOYER", "Acme Widgets, Inc.", "Acme reported"),
        ("PHONE", "559-555-0142", "5595550142999"),
        ("DATE_OF_BIRTH", "02/11/1971", "date of injury 02/11/2013"),
        ("CLAIM_NUMBER", "05-448812", "reference 105448812"),
    ],
)
def test_party_does_not_reach_other_text(entity_type: str, value: str, text: str) -> None:
    assert found(text, entity_type, value) == []


def test_party_matches_span_line_breaks() -> None:
    text = "The applicant was employed by Sierra Valley\nPacking Co. as a sorter."
    assert found(text, "EMPLOYER", "Sierra Valley Packing Co.") == ["Sierra Valley\nPacking Co."]


def test_party_reason_never_repeats_the_value() -> None:
    spans = detect_identifiers("Mr. Quintero returned.", [KnownIdentifier("EMPLOYEE", "Rosa Quintero")])
    assert [s.recogniser for s in spans] == ["known_party"]
    assert "Quintero" not in spans[0].reason
    assert "EMPLOYEE" in spans[0].reason


@pytest.mark.parametrize(
    ("entity_type", "value", "field", "message"),
    [
        ("EMPLOYE", "John Smith", "entity_type", "unknown entity type 'EMPLOYE'"),
        ("EMPLOYEE", "   ", "value", "empty value for EMPLOYEE"),
    ],
)
def test_bad_known_identifier(entity_type: str, value: str, field: str, message: str) -> None:
    with pytest.raises(KnownIdentifierError) as caught:
        KnownIdentifier(entity_type, value)
    assert caught.value.field == field
    assert message in str(caught.value)


def test_unreadable_date_of_birth() -> None:
    with pytest.raises(KnownIdentifierError, match="not a date: 'sometime in spring'"):
        detect_identifiers("text", [KnownIdentifier("DATE_OF_BIRTH", "sometime in spring")])
