"""The public redaction read as a spec: one sentence per row, the case's parties given, the placeholder seen."""

from __future__ import annotations

import pytest

from imr.errors import RuleFileError
from imr.phi import KnownIdentifier, identifiers_named_in, redact_for_publication
from imr.phi.placeholders import build_placeholders

WORKER = KnownIdentifier("EMPLOYEE", "Rosalind Quintero")
PARTIES = [
    WORKER,
    KnownIdentifier("EMPLOYER", "Tidewater Seafood & Cold Storage"),
    KnownIdentifier("CITY", "Carson"),
    KnownIdentifier("CITY", "Long Beach"),
    KnownIdentifier("ATTORNEY", "Siobhan O'Neil"),
    KnownIdentifier("PROVIDER", "Kenneth Yamasaki, MD"),
    KnownIdentifier("LICENSE_NUMBER", "G 84213"),
    KnownIdentifier("ADDRESS", "1847 Tamarind Hollow Lane, Long Beach, CA 90805"),
    KnownIdentifier("PHONE", "(562) 555-0147"),
    KnownIdentifier("EMPLOYEE", "May Chen"),  # a second worker only to show what "May" alone is not
]


def public(text: str) -> str:
    return redact_for_publication(text, PARTIES).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the worker in every spelling a record uses
        ("Rosalind reports pain 6/10.", "[worker] reports pain 6/10."),
        ("Seen with R.Q. today; R. Q. returned.", "Seen with [worker] today; [worker] returned."),
        ("Pt RQ better.", "Pt [worker] better."),
        ("RE: QUINTERO, ROSALIND", "RE: [worker]"),
        ("Ms. Quintero and Mr. Quintero", "[worker] and [worker]"),
        ("Rosalind's pain is worse", "[worker]'s pain is worse"),
        # a relative who shares the surname is a person of their own
        ("her husband Tom Quintero drove", "her husband [person] drove"),
        # names with an apostrophe or an ampersand, as plain text
        ("per Siobhan O'Neil and Ms. O'Neil", "per [attorney] and [attorney]"),
        ("employed by Tidewater Seafood & Cold Storage", "employed by [employer]"),
        ("TIDEWATER SEAFOOD AND COLD STORAGE", "[employer]"),
        # places: the employer's city alone, a street without its number
        ("at the Carson dock", "at the [city] dock"),
        ("lives in long beach", "lives in [city]"),
        ("she fell on Tamarind Hollow Ln near home", "she fell on [address] near home"),
        # numbers: a licence with a space, a phone number split by a wrapped line
        ("CA License: G 84213; also G84213", "CA License: [license number]; also [license number]"),
        ("call (562) 555-\n0147 after 5", "call [phone number] after 5"),
        # never a gap
        (
            "Progress report by Kenneth Yamasaki, MD, dated 2016-08-15",
            "Progress report by [provider], dated 2016-08-15",
        ),
        # not identifiers
        ("injury of May 29, 2009", "injury of May 29, 2009"),
        ("Will continue PT 2x6", "Will continue PT 2x6"),
    ],
)
def test_public_redaction(text: str, expected: str) -> None:
    assert public(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She lives with her husband Tom and daughter Maya.",
            "She lives with her husband [person] and daughter [person].",
        ),
        ("lifting with coworker Dana Whitfield", "lifting with coworker [person]"),
        ("reported to her supervisor Mr. Ortega", "reported to her supervisor [person]"),
        ("Insurer: Redwood Mutual Insurance Company", "Insurer: [claims administrator]"),
        ("reviewed by Sierra Summit Review Services", "reviewed by [organization]"),
        ("sent to Bayside Urgent Care", "sent to [organization]"),
        ("Lic# PT 28841", "Lic# [license number]"),
        ("Tomas Beltran, DPT, PT 28841", "[provider], [license number]"),
        ("Electronically signed by: Priscilla Anand", "Electronically signed by: [provider]"),
        ("She lives in Bakersfield.", "She lives in [city]."),
    ],
)
def test_without_party_data_the_recognisers_find(text: str, expected: str) -> None:
    assert redact_for_publication(text).text == expected


def test_a_name_found_once_is_found_again_in_any_spelling() -> None:
    records = "She was lifting with coworker Dana Whitfield. Her husband Tom drove her home."
    named = identifiers_named_in([records], PARTIES)
    assert [(n.entity_type, n.value) for n in named] == [("PERSON", "Dana Whitfield"), ("PERSON", "Tom")]
    letter = "Dana saw the fall; WHITFIELD, DANA signed; D.W. and Tom agreed."
    assert redact_for_publication(letter, [*PARTIES, *named]).text == (
        "[person] saw the fall; [person] signed; [person] and [person] agreed."
    )


def test_party_values_already_known_are_not_found_again() -> None:
    assert identifiers_named_in(["Patient: Rosalind Quintero"], PARTIES) == ()


def test_the_review_organisation_is_public() -> None:
    text = "MAXIMUS Federal Services gave the file to a reviewer; Acme Review Services did the UR."
    assert redact_for_publication(text, public_terms=["MAXIMUS Federal Services"]).text == (
        "MAXIMUS Federal Services gave the file to a reviewer; [organization] did the UR."
    )


def test_every_entity_type_needs_a_placeholder() -> None:
    with pytest.raises(RuleFileError, match="no placeholder for") as caught:
        build_placeholders({"version": 1, "placeholders": {"EMPLOYEE": "worker"}}, "data/phi/placeholders.yaml")
    assert caught.value.field == "placeholders"
    with pytest.raises(RuleFileError, match="plain word") as caught:
        build_placeholders({"version": 1, "placeholders": {"EMPLOYEE": "[worker]"}}, "data/phi/placeholders.yaml")
    assert caught.value.field == "placeholders"
