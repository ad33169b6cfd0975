"""Bad input is one clear error naming the file; the others are still read."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr.errors import ImrError, InputError, LetterFormatError
from imr.letters.read import read_letter
from tests.conftest import seed_files

SEED = seed_files()[2]


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="empty file"):
        read_letter(empty)


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary file"):
        read_letter(binary)


def test_corrupt_pdf(tmp_path: Path) -> None:
    corrupt = tmp_path / "broken.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage")
    with pytest.raises(InputError, match="PDF"):
        read_letter(corrupt)


def test_text_without_decisions() -> None:
    with pytest.raises(LetterFormatError, match="no known layout"):
        read_letter("Dear applicant, thank you for your letter of 1/2/2016.\nRegards.")


def test_letter_cut_off_in_the_middle_of_an_item() -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("Decision rationale: The request for MRI")]
    with pytest.raises(LetterFormatError, match="item 2") as caught:
        read_letter(cut, name="cut.txt")
    assert str(caught.value).startswith("cut.txt: ")


def test_letter_cut_off_mid_sentence() -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("conservative treatment.")]
    with pytest.raises(LetterFormatError, match="cut off"):
        read_letter(cut, name="cut.txt")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_letter(Path("does/not/exist.txt"))


def test_error_message_is_one_line_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(ImrError) as caught:
        read_letter(empty, name="empty.txt")
    assert str(caught.value) == "empty.txt: empty file"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_reader_raises_only_project_errors_on_any_text(text: str) -> None:
    with contextlib.suppress(ImrError):
        read_letter(text + "\nIMR ISSUES, DECISIONS AND RATIONALES\n" + text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_reader_raises_only_project_errors_on_any_bytes(data: bytes) -> None:
    with contextlib.suppress(ImrError):
        read_letter(data)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=4000))
def test_any_truncation_of_a_seed_reads_or_fails_cleanly(cut: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    try:
        letter = read_letter(text[:cut] if cut else " ")
    except ImrError:
        return
    assert letter.items


def test_a_last_rationale_without_its_full_stop_is_read() -> None:
    text = SEED.read_text(encoding="utf-8").rstrip()
    assert text.endswith("not medically necessary.")
    letter = read_letter(text[:-1] + "\n", name="no-stop.txt")
    rationale = letter.items[-1].rationale
    assert rationale is not None and rationale.text.endswith("not medically necessary")


@pytest.mark.parametrize(
    "ending", ["the failure of", "documentation regarding the", "treatment,", "including (", "and"]
)
def test_a_rationale_ending_on_a_joining_word_is_cut_off(ending: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text[: text.index("conservative treatment.")].rstrip()
    cut = cut[: cut.rindex("There is a lack")] + "There is a lack of " + ending
    with pytest.raises(LetterFormatError, match="cut off"):
        read_letter(cut, name="cut.txt")
