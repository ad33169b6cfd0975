"""Public copies that identify nobody: the planted case through the real ``imr review``, and properties of the
public letter over generated names.

The planted case (tests/fixtures/redaction) holds identifiers of every kind; benchmarks/redaction.py measures
them in the text, HTML and PDF public copies, and in the records redacted the same way. Here every kind must be
hidden in every format (100%), no clinical term may be altered, and the set must stay honest: what it says the
private letter prints, the private letter prints.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from benchmarks.redaction import COLUMNS, RedactionReport, holds, html_as_read, load_manifest, measure, table
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from imr.phi import KnownIdentifier
from imr.phi.clinical import clinical_ranges
from imr.phi.vocabulary import load_vocabulary
from imr.review.document import FinalDetermination, LetterItemView
from imr.review.public import public_letter
from imr.review.render import render_html, render_pdf, render_text
from imr.review.summary import SummarySentence

MANIFEST = load_manifest()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> RedactionReport:
    return measure(tmp_path_factory.mktemp("planted") / "out", MANIFEST)


def test_the_set_plants_enough_identifiers_of_every_kind() -> None:
    kinds = {p.kind for p in MANIFEST.identifiers}
    assert len(MANIFEST.identifiers) >= 60
    for kind in ("worker first name", "worker initials", "family member", "coworker", "supervisor", "insurer"):
        assert kind in kinds
    for kind in ("UR review company", "clinic named in a request title", "licence number", "city"):
        assert kind in kinds


def test_the_set_is_honest(report: RedactionReport) -> None:
    """What the manifest says the private letter prints, it prints: otherwise the letter's columns prove nothing."""
    assert report.not_printed == []


@pytest.mark.parametrize("column", COLUMNS)
def test_every_planted_identifier_is_hidden(report: RedactionReport, column: str) -> None:
    assert [(kind, value) for where, kind, value in report.survivors if where == column] == []
    assert report.recall(column) == 1.0, table(report)


@pytest.mark.parametrize("column", COLUMNS)
def test_no_clinical_term_is_altered(report: RedactionReport, column: str) -> None:
    assert report.clinical_checked[column] > 0
    assert [term for where, term in report.damaged if where == column] == []


def test_removed_names_leave_placeholders_never_gaps(report: RedactionReport) -> None:
    for name, text in report.public.items():
        assert not re.search(r"\b(?:by|with|at|to|for|per)\s+[,.;:)]", text), name
        assert "by [provider], dated" in " ".join(text.split()), name


def test_the_reviewer_is_described_in_the_statutory_wording_only(report: RedactionReport) -> None:
    for text in (*report.public.values(), *report.private.values()):
        flat = " ".join(text.split())
        assert "at least five years and is currently working at least 24 hours a week in active practice" in flat
        assert not any(holds(flat, r.value) for r in MANIFEST.reviewer)


def test_the_public_html_escapes_what_it_prints(tmp_path: Path) -> None:
    letter = _letter("Ms. Okoro", "Okoro & Sons", "Ms. Okoro reports <b>pain</b> & stiffness")
    public = public_letter(
        letter, [KnownIdentifier("EMPLOYEE", "Ada Okoro"), KnownIdentifier("EMPLOYER", "Okoro & Sons")]
    )
    source = render_html(public)
    assert "&lt;b&gt;pain&lt;/b&gt; &amp; stiffness" in source
    assert "Okoro" not in source and "[worker]" in source and "[employer]" in source


# ---- properties over generated names --------------------------------------------------------------------------

_VOCABULARY = load_vocabulary()
_ORDINARY = {
    w.casefold().rstrip(".")
    for name in ("NAME_STOPWORD", "AMBIGUOUS_GIVEN_NAME", "MONTH", "CA_CITY", "GENERIC_ORG_WORD", "ORGANIZATION_HEAD")
    for w in _VOCABULARY.words(name)
}
NAME = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True).filter(lambda n: n.casefold() not in _ORDINARY)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FILLER = (
    "The injured worker reports low back pain 6/10 after lifting; PT 2x6 and Norco 10/325 mg #90 were requested; "
    "Spurling test negative; Modified Duty; CPT 97110; the records were reviewed"
)


def _letter(name: str, employer: str, sentence: str) -> FinalDetermination:
    item = LetterItemView(
        index=1,
        request=f"Physical therapy 2 times a week for 6 weeks with {name}",
        decision="upheld",
        decision_word="Upheld",
        claims_administrator_line=f"{employer} cited MTUS Chronic Pain Medical Treatment Guidelines",
        reviewer_line="Decision based on MTUS Chronic Pain Medical Treatment Guidelines (2016).",
        rationale=f"{sentence}. {_FILLER}. Therefore, the request is not medically necessary.",
    )
    return FinalDetermination(
        organisation="MAXIMUS Federal Services",
        guideline_label="MAXIMUS",
        case_number="CM16-0100001",
        priority="standard",
        header=(("Case Number", "CM16-0100001"), ("Date of Injury", "2016-02-18")),
        how_made="MAXIMUS Federal Services gave the complete case file to an expert reviewer.",
        documents=(f"Progress report by {name}, dated 2016-08-15",),
        summary=(SummarySentence(f"{sentence}. {_FILLER}.", ()),),
        items=(item,),
        status="draft",
    )


def _spellings(first: str, last: str, employer: list[str]) -> list[str]:
    company = " ".join(employer)
    return [
        f"{first} {last}",
        f"{first} Q. {last}",
        f"Ms. {last}",
        f"Dr. {last}",
        f"{last.upper()}, {first.upper()}",
        f"{last}, {first}",
        first,
        last,
        f"{first[0]}.{last[0]}.",
        f"{first[0]}. {last[0]}.",
        f"Pt {first[0]}{last[0]}",
        company,
        company.upper(),
        f"{company}, Inc.",
    ]


def _forbidden(first: str, last: str, employer: list[str]) -> list[str]:
    """What no public format may print: the names, the words of the employer's name, the initials."""
    return [first, last, *employer, " ".join(employer).upper(), f"{first[0]}.{last[0]}.", f"{first[0]}{last[0]}"]


def _generated(
    first: str, last: str, employer: list[str], picks: list[int]
) -> tuple[FinalDetermination, list[KnownIdentifier]]:
    spellings = _spellings(first, last, employer)
    chosen = [spellings[i % len(spellings)] for i in picks]
    sentence = " and ".join(f"{spelling} was named" for spelling in chosen)
    letter = _letter(chosen[0], " ".join(employer), sentence)
    parties = [
        KnownIdentifier("EMPLOYEE", f"{first} Q. {last}"),
        KnownIdentifier("EMPLOYER", " ".join(employer) + ", Inc."),
    ]
    return letter, parties


def _assume_distinct(first: str, last: str, employer: list[str]) -> None:
    words = [first, last, *employer]
    assume(len({w.casefold() for w in words}) == len(words))
    for initials in (f"{first[0]}{last[0]}", f"{first[0]}.{last[0]}."):  # "PT", "H.A." are clinical abbreviations
        assume(not clinical_ranges(initials) and initials not in _FILLER)
    for word in words:
        assume(not clinical_ranges(word) and word.casefold() not in _FILLER.casefold())


@SETTINGS
@given(
    first=NAME,
    last=NAME,
    employer=st.lists(NAME, min_size=2, max_size=3),
    picks=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6),
)
def test_no_party_name_or_variant_survives_in_text_or_html(
    first: str, last: str, employer: list[str], picks: list[int]
) -> None:
    _assume_distinct(first, last, employer)
    letter, parties = _generated(first, last, employer, picks)
    public = public_letter(letter, parties)
    for text in (render_text(public), html_as_read(render_html(public))):
        for value in _forbidden(first, last, employer):
            assert not holds(text, value), value
        assert "Spurling test negative" in text and "CPT 97110" in text and "Modified Duty" in text


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=NAME, last=NAME, employer=st.lists(NAME, min_size=2, max_size=2), picks=st.permutations(range(14)))
def test_no_party_name_or_variant_survives_in_the_pdf(
    first: str, last: str, employer: list[str], picks: list[int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    from benchmarks.redaction import pdf_text

    _assume_distinct(first, last, employer)
    letter, parties = _generated(first, last, employer, list(picks))
    path = tmp_path_factory.mktemp("pdf") / "letter.pdf"
    path.write_bytes(render_pdf(render_html(public_letter(letter, parties))))
    text = pdf_text(path)
    for value in _forbidden(first, last, employer):
        assert not holds(text, value), value
    assert dt.date(2016, 2, 18).isoformat() in text
