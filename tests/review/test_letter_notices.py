"""What the letter that goes out carries: the right to appeal, dates as letters write them, the case number and
page on every PDF page, and (in the draft only) a warning when the decision is past its due date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from imr.cases import compute_deadlines, load_case
from imr.review import run_review, sign_determination
from imr.review.notices import letter_date, letter_notices, past_due_warning
from tests.conftest import REPOSITORY

EXAMPLES = REPOSITORY / "examples"
PANEL = EXAMPLES / "panel.yaml"
CASE = EXAMPLES / "standard-lumbar-pt-mri-norco"
CASE_NUMBER = "CM16-0187342"
LATE = dt.date(2017, 11, 1)  # a year after the decision was due
ON_TIME = dt.date(2016, 10, 20)
LETTERS = ("letter.txt", "letter.html", "letter.pdf", "public/letter.txt", "public/letter.html", "public/letter.pdf")


def _pages(path: Path) -> list[str]:
    document = pdfium.PdfDocument(path)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def _flat(folder: Path, name: str) -> str:
    text = "\n".join(_pages(folder / name)) if name.endswith(".pdf") else (folder / name).read_text(encoding="utf-8")
    return " ".join(text.replace("&#39;", "'").split())


def _review(out: Path, today: dt.date) -> Path:
    result = run_review(CASE, PANEL, out, today=today)
    assert result.outcome == "drafted", result.message
    return out


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _review(tmp_path_factory.mktemp("late"), LATE)


@pytest.fixture(scope="module")
def on_time(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _review(tmp_path_factory.mktemp("on-time"), ON_TIME)


def test_dates_are_written_as_letters_write_them() -> None:
    assert letter_date(dt.date(2026, 12, 5)) == "December 5, 2026"
    assert letter_date(dt.date(2016, 3, 14)) == "March 14, 2016"


@pytest.mark.parametrize("name", LETTERS)
def test_every_letter_and_public_copy_carries_the_appeal_notice(late: Path, name: str) -> None:
    text = _flat(late, name)
    assert letter_notices().appeal_heading in text
    assert "Workers' Compensation Appeals Board" in text
    assert "verified appeal within 30 days of the date this determination was mailed" in text
    assert "4610.6(h)" in text


@pytest.mark.parametrize("name", ["letter.txt", "letter.html", "public/letter.txt"])
def test_letter_dates_are_spelled_out(late: Path, name: str) -> None:
    text = _flat(late, name)
    assert "Decision Date: November 1, 2017" in text or "Decision Date</td><td>November 1, 2017" in text
    assert "UR Denial Date" in text and "August 29, 2016" in text
    assert "2016-08-29" not in text


@pytest.mark.parametrize("name", ["letter.pdf", "public/letter.pdf"])
def test_every_pdf_page_shows_the_case_number_and_its_page(late: Path, name: str) -> None:
    pages = _pages(late / name)
    assert len(pages) > 1
    assert "Page 1 of" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"Case {CASE_NUMBER} \u2014 Page {number} of {len(pages)}" in text


def test_a_late_draft_warns_and_its_public_copy_does_not(late: Path) -> None:
    for name in ("letter.txt", "letter.html", "letter.pdf"):
        assert "PAST DUE" in _flat(late, name), name
        assert "due by November 7, 2016" in _flat(late, name), name
    for name in ("public/letter.txt", "public/letter.html", "public/letter.pdf"):
        assert "PAST DUE" not in _flat(late, name), name


def test_a_draft_on_time_does_not_warn(on_time: Path) -> None:
    for name in LETTERS:
        assert "PAST DUE" not in _flat(on_time, name), name


def test_the_signed_letter_drops_the_draft_warning(late: Path, tmp_path: Path) -> None:
    out = tmp_path / "signed"
    shutil.copytree(late, out)
    letter = sign_determination(out, "R-101", now=dt.datetime(2017, 11, 2, 9, tzinfo=dt.UTC))
    assert letter.signed_on == "November 2, 2017"
    text = _flat(out, "letter.txt")
    assert "PAST DUE" not in text
    assert "Signed by the physician reviewer on November 2, 2017." in text
    assert letter_notices().appeal_heading in text


def test_the_warning_starts_the_day_after_the_due_date() -> None:
    deadlines = compute_deadlines(load_case(CASE))
    due = deadlines.decision.due
    assert due == dt.date(2016, 11, 7)
    assert past_due_warning(deadlines, due) is None
    warning = past_due_warning(deadlines, due + dt.timedelta(days=1))
    assert warning is not None and "it is 1 day late" in warning
