"""The letter reader, fuzzed: real letters mutated line by line and character by character, random bytes and
text, and values of the wrong type are either read into a Letter or refused with one ImrError, never anything else.

The default run is small and repeatable. A longer campaign explores new examples on every run:

    IMR_FUZZ_EXAMPLES=20000 pytest tests/letters/test_reader_fuzz.py
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr.errors import ImrError, InputError
from imr.letters.read import read_letter
from imr.records import Letter, Span
from imr.text.sources import MAX_INPUT_BYTES
from tests.conftest import FIXTURES, SEEDS

LETTER_FILES = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "letters").glob("*.txt"))
LETTERS = [path.read_text(encoding="utf-8") for path in LETTER_FILES]
NAME = "fuzzed.txt"

_CAMPAIGN = int(os.environ.get("IMR_FUZZ_EXAMPLES", "0"))


def _fuzz_settings(default_examples: int) -> settings:
    """A few examples, always the same ones, unless IMR_FUZZ_EXAMPLES asks for a campaign of fresh ones."""
    return settings(
        max_examples=_CAMPAIGN or default_examples,
        deadline=None,
        derandomize=not _CAMPAIGN,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


# ------------------------------------------------------------------------------------------------ what is asserted


def _span_is_inside(span: Span, text: str) -> bool:
    return 0 <= span.start <= span.end <= len(text)


def _check_letter(letter: Letter) -> None:
    assert letter.items
    for item in letter.items:
        for field in (item.title, item.heading, item.rationale, item.original_request, item.authorized_portion):
            assert field is None or _span_is_inside(field.span, letter.text)
        assert _span_is_inside(item.decision_span, letter.text)


def read_or_refuse(value: Any, name: str | None = NAME) -> Letter | ImrError:
    """Read ``value``; an ImrError is returned after checking it is one line naming the source (``name``, else
    the path, "<text>", "<bytes>" or "<input>")."""
    try:
        letter = read_letter(value, name=name)
    except ImrError as error:
        message = str(error)
        assert len(message.splitlines()) == 1, message
        assert error.source and message.startswith(f"{error.source}: "), message
        assert name is None or error.source == name, message
        return error
    _check_letter(letter)
    return letter


# ------------------------------------------------------------------------------------------------ mutations

_SPECIAL_CHARACTERS = (
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\x9f\xa0\xad\u2028\u2029\u200b\u200e\u202e\u2060\ufeff\ufffe\uffff"
    "\r\n\t :.,;()[]\"'-/#%&"
)
_CHARACTERS = st.one_of(
    st.characters(codec=None),
    st.sampled_from(_SPECIAL_CHARACTERS),
    st.integers(0xD800, 0xDFFF).map(chr),  # lone surrogates, as a broken decoder leaves them
)
_JUNK = st.text(_CHARACTERS, min_size=1, max_size=40)
# what a very long line may be made of: plain words, runs of spaces or punctuation, the words the reader looks for
_RUN_UNITS = (
    "a",
    " ",
    "\t",
    ".",
    ",",
    ", ",
    ":",
    "1",
    "1-",
    "(",
    ")",
    "-",
    "#1 ",
    "word ",
    "and ",
    "page(s) ",
    "Page(s): 1, ",
    "ACOEM ",
    "MTUS ",
    ": Upheld",
    "is Board Certified in ",
    "was the original request. ",
    "Decision based on MTUS ",
    "Section(s): ",
)
Mutation = Callable[[st.DrawFn, str], str]


def _position(draw: st.DrawFn, text: str) -> int:
    return draw(st.integers(0, len(text)))


def _line_range(draw: st.DrawFn, lines: list[str]) -> tuple[int, int]:
    start = draw(st.integers(0, max(len(lines) - 1, 0)))
    return start, min(len(lines), start + draw(st.integers(1, 6)))


def delete_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    start, end = _line_range(draw, lines)
    return "\n".join(lines[:start] + lines[end:])


def duplicate_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    start, end = _line_range(draw, lines)
    at = draw(st.integers(0, len(lines)))
    return "\n".join(lines[:at] + lines[start:end] + lines[at:])


def swap_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[first], lines[second] = lines[second], lines[first]
    return "\n".join(lines)


def truncate(draw: st.DrawFn, text: str) -> str:
    return text[: _position(draw, text)]


def insert_junk(draw: st.DrawFn, text: str) -> str:
    at = _position(draw, text)
    return text[:at] + draw(_JUNK) + text[at:]


def insert_long_line(draw: st.DrawFn, text: str) -> str:
    unit = draw(st.sampled_from(_RUN_UNITS))
    run = unit * (draw(st.integers(200, 20_000)) // len(unit))
    at = _position(draw, text)
    ending = draw(st.sampled_from(["", "\n"]))
    return text[:at] + run + ending + text[at:]


def replace_characters(draw: st.DrawFn, text: str) -> str:
    characters = list(text)
    for _ in range(draw(st.integers(1, 8))):
        if characters:
            characters[draw(st.integers(0, len(characters) - 1))] = draw(_CHARACTERS)
    return "".join(characters)


def rewrap(draw: st.DrawFn, text: str) -> str:
    """Re-wrap every line at one random width, as another PDF extraction would."""
    width = draw(st.integers(8, 160))
    lines = text.split("\n")
    wrapped = [part for line in lines for part in (textwrap.wrap(line, width, break_on_hyphens=False) or [line])]
    return "\n".join(wrapped)


def join_lines(draw: st.DrawFn, text: str) -> str:
    """Join a few lines into one (an extraction that lost line breaks)."""
    lines = text.split("\n")
    start, end = _line_range(draw, lines)
    return "\n".join([*lines[:start], " ".join(lines[start:end]), *lines[end:]])


def drop_final_full_stop(draw: st.DrawFn, text: str) -> str:
    at = text.rfind(".")
    return text if at < 0 else text[:at] + text[at + 1 :]


def drop_a_full_stop(draw: st.DrawFn, text: str) -> str:
    stops = [i for i, c in enumerate(text) if c == "."]
    if not stops:
        return text
    at = draw(st.sampled_from(stops))
    return text[:at] + text[at + 1 :]


def remove_blank_lines(draw: st.DrawFn, text: str) -> str:
    keep_spaced = draw(st.booleans())  # keep the " " lines that mark a paragraph in the seed extraction
    return "\n".join(line for line in text.split("\n") if line.strip() or (keep_spaced and line))


def change_line_endings(draw: st.DrawFn, text: str) -> str:
    return text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n", "\x0c", "\u2028"])))


# letters a case-blind regular expression takes for s, i and k, which lower() leaves as they are
_CASE_BLIND_LOOKALIKES = {"s": "\u017f", "S": "\u017f", "i": "\u0131", "I": "\u0130", "k": "\u212a", "K": "\u212a"}


def case_blind_lookalikes(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    start, end = _line_range(draw, lines)
    table = str.maketrans(_CASE_BLIND_LOOKALIKES)
    return "\n".join([*lines[:start], *(line.translate(table) for line in lines[start:end]), *lines[end:]])


def change_case(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    start, end = _line_range(draw, lines)
    change = draw(st.sampled_from([str.upper, str.lower, str.title]))
    return "\n".join([*lines[:start], *(change(line) for line in lines[start:end]), *lines[end:]])


MUTATIONS: tuple[Mutation, ...] = (
    delete_lines,
    duplicate_lines,
    swap_lines,
    truncate,
    insert_junk,
    insert_long_line,
    replace_characters,
    rewrap,
    join_lines,
    drop_final_full_stop,
    drop_a_full_stop,
    remove_blank_lines,
    change_line_endings,
    change_case,
    case_blind_lookalikes,
)


@st.composite
def mutated_letters(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(LETTERS))
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        text = mutate(draw, text)
    return text


# ------------------------------------------------------------------------------------------------ the fuzz tests


@_fuzz_settings(400)
@given(mutated_letters())
def test_a_mutated_letter_is_read_or_refused_cleanly(text: str) -> None:
    read_or_refuse(text)


@_fuzz_settings(60)
@given(mutated_letters(), st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16", "utf-8-sig"]))
def test_a_mutated_letter_as_bytes_is_read_or_refused_cleanly(text: str, encoding: str) -> None:
    read_or_refuse(text.encode(encoding, errors="replace"))


_KEYWORDS = st.sampled_from(
    [
        "IMR ISSUES, DECISIONS AND RATIONALES",
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
        "CLINICAL CASE SUMMARY",
        "Case Number:",
        "set forth below:",
        ":  Upheld",
        ": Overturned",
        "Claims Administrator guideline:",
        "MAXIMUS guideline: Decision based on MTUS",
        "Decision rationale:",
        "Notice of Independent Medical Review Determination",
        "MAXIMUS FEDERAL SERVICES, INC.",
        "IMR DECISION(S) AND RATIONALE(S)",
        "MEDICAL PROFESSIONAL REVIEW",
        "ISSUE AT DISPUTE",
        "ISSUE 1:",
        "DECISION: UPHELD",
        "RATIONALE",
        "1) Regarding the request for",
        "1. ",
        "is not medically necessary and appropriate.",
        "Rationale for the Decision:",
        "was the original request.",
        "was authorized by the Claims Administrator.",
        "Page(s):",
        "Section(s):",
        "Date Assigned: 13/45/2016",
        "Dated: 2/30/2013",
        "IMR Case Number: CM13-0000000",
    ]
)
_LETTER_LINES = st.sampled_from(sorted({line for text in LETTERS for line in text.split("\n") if line.strip()}))


@_fuzz_settings(200)
@given(st.lists(st.one_of(_KEYWORDS, _LETTER_LINES, _JUNK), max_size=60), st.sampled_from(["\n", "\n\n", " "]))
def test_letter_words_in_any_order_are_read_or_refused_cleanly(pieces: list[str], separator: str) -> None:
    read_or_refuse(separator.join(pieces))


@_fuzz_settings(100)
@given(st.text(_CHARACTERS, max_size=3000))
def test_any_text_is_read_or_refused_cleanly(text: str) -> None:
    read_or_refuse(text)


@_fuzz_settings(100)
@given(st.one_of(st.binary(max_size=3000), st.binary(max_size=3000).map(lambda data: b"%PDF-1.4\n" + data)))
def test_any_bytes_are_read_or_refused_cleanly(data: bytes) -> None:
    read_or_refuse(data, name=None)


# ------------------------------------------------------------------------------------------------ misuse


class _PathObject(os.PathLike[str]):
    """A path object as a caller may write one, its ``__fspath__`` returning whatever it was given."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __fspath__(self) -> Any:
        return self.value


_NOT_LETTERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.complex_numbers(),
    st.lists(st.text(max_size=5), max_size=3),
    st.tuples(st.binary(max_size=5)),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sets(st.integers(), max_size=2),
    st.just(object()),
    st.just(memoryview(b"IMR ISSUES, DECISIONS AND RATIONALES")),
    st.just(read_letter),
)


@_fuzz_settings(60)
@given(_NOT_LETTERS)
def test_a_value_of_another_type_is_an_input_error(value: Any) -> None:
    refused = read_or_refuse(value, name=None)
    assert isinstance(refused, InputError), refused
    assert "expected a path, bytes or text" in str(refused)


@pytest.mark.parametrize(
    "value",
    [
        Path("letter\x00.txt"),
        Path("\ud800.txt"),
        "\ud800.txt",
        _PathObject(b"/no/such/letter.txt"),
        _PathObject(None),
        _PathObject("letter\x00.txt"),
    ],
    ids=["nul-in-path", "surrogate-in-path", "surrogate-in-text", "bytes-path", "none-path", "nul-path-object"],
)
def test_a_path_that_names_no_file_is_refused_cleanly(value: Any) -> None:
    assert isinstance(read_or_refuse(value, name=None), ImrError)


@pytest.mark.parametrize("name", [5, b"letter.txt", ["letter.txt"]])
def test_a_name_that_is_not_text_is_an_input_error(name: Any) -> None:
    with pytest.raises(InputError, match="name must be text"):
        read_letter(LETTERS[0], name=name)


def test_a_name_with_a_line_break_is_quoted_on_one_line() -> None:
    with pytest.raises(ImrError) as caught:
        read_letter("no letter here", name="two\nlines.txt")
    assert str(caught.value).startswith("two\\nlines.txt: ")


_SAYS_NECESSARY = [path for path in LETTER_FILES if "medically necessary and appropriate" in path.read_text("utf-8")]


@pytest.mark.parametrize("path", _SAYS_NECESSARY, ids=[p.stem for p in _SAYS_NECESSARY])
def test_a_decision_in_case_blind_lookalikes_is_the_decision_it_spells(path: Path) -> None:
    """A KeyError once: "not medically neceſſary" matched the case-blind decision pattern, but lower() kept the "ſ"."""
    text = path.read_text(encoding="utf-8")
    lookalike = text.replace("medically necessary", "med\u0131cally nece\u017f\u017fary")
    published, read = read_letter(text), read_letter(lookalike)
    assert [item.decision for item in read.items] == [item.decision for item in published.items]


def test_bytearray_is_read_as_bytes() -> None:
    letter = read_letter(bytearray(LETTERS[0].encode("utf-8")), name="letter.txt")
    assert letter.items


# ------------------------------------------------------------------------------------------------ size


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_not_read_until_memory_runs_out() -> None:
    with pytest.raises(InputError, match="larger than 20 MB"):
        read_letter("/dev/zero")


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(InputError, match="larger than 20 MB") as caught:
        read_letter(huge, name="huge.txt")
    assert str(caught.value) == "huge.txt: larger than 20 MB: not a determination letter"


def test_huge_bytes_and_text_are_refused() -> None:
    with pytest.raises(InputError, match="larger than 20 MB"):
        read_letter(b"x" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError, match="larger than 20 MB"):
        read_letter("x\n" * (MAX_INPUT_BYTES // 2 + 1))


# ------------------------------------------------------------------------------------------------ time

# Long runs where a backtracking regular expression took time growing with the square (or cube) of the run; each
# shape took from seconds to hours at this size before it was rewritten, and is read in a few hundredths of a second
# now. The test checks each is read (time is measured by `make bench-linear`, never asserted in a test); a pattern
# that backtracks again makes it run for hours instead of passing.
LONG = 200_000
_SEED = LETTERS[1]  # 001: one item, a one-line "Page(s):" guideline
_FEDERAL = (FIXTURES / "letters" / "maximus-federal_2.txt").read_text(encoding="utf-8")
_MARYLAND = (FIXTURES / "letters" / "medical-professional-review_1.txt").read_text(encoding="utf-8")
_MAXIMUS_2013 = (FIXTURES / "letters" / "maximus-2013_1.txt").read_text(encoding="utf-8")


def _before(text: str, anchor: str, insert: str) -> str:
    at = text.index(anchor)
    return text[:at] + insert + text[at:]


def _guideline(text: str, line: str) -> str:
    """``text`` with its first reviewer guideline line replaced by ``line``."""
    start = text.index("MAXIMUS guideline:")
    end = text.index("\n", text.index("Page(s)", start))
    return text[:start] + "MAXIMUS guideline: " + line + text[end:]


_ITEM = "Additional physical therapy:  Upheld"  # the seed's one item


def _no_licensure(text: str) -> str:
    return text.replace("and is licensed to practice in", "and practises in")


LONG_INPUTS: dict[str, Callable[[], str]] = {
    "blank-lines": lambda: "IMR ISSUES, DECISIONS AND RATIONALES\n" + "\n" * LONG,
    "space-lines": lambda: "IMR ISSUES, DECISIONS AND RATIONALES\n" + " \n" * (LONG // 2),
    "decisions-after-the-last-rationale": lambda: _SEED + "x:  Upheld\n" * (LONG // 11),
    "spaces-after-page(s)": lambda: _guideline(
        _SEED, "Decision based on MTUS page(s) " + " " * LONG + "x Page(s): 98-99."
    ),
    "spaces-between-guidelines": lambda: _guideline(
        _SEED,
        "Decision based on MTUS Chronic Pain Treatment Guidelines x"
        + " " * LONG
        + "x and Low Back Complaints Page(s): 98-99.",
    ),
    "commas-in-sections": lambda: _guideline(
        _SEED,
        "Decision based on MTUS Chronic Pain Treatment Guidelines 2016, Section(s): "
        + "a, " * (LONG // 3)
        + "Page(s): 98-99.",
    ),
    "acoem-repeated": lambda: _guideline(
        _SEED, "Decision based on Non-MTUS Citation " + "ACOEM " * (LONG // 6) + "Page(s): 98-99."
    ),
    "spaces-in-prose-guideline": lambda: _before(_FEDERAL, ", pages 98-99, and ODG", " " * LONG),
    "board-certified-repeated": lambda: _no_licensure(
        _before(_SEED, "Physical Medicine &", "x, has a subspecialty in y, is Board Certified in " * (LONG // 50))
    ),
    "original-request-repeated": lambda: _before(_SEED, _ITEM, "x was the original request. " * (LONG // 28)),
    "spaces-in-original-request": lambda: _before(_SEED, _ITEM, "x" + " " * LONG + " was the original request. "),
    "numbered-lines-after-the-items": lambda: _FEDERAL + "\n" + "1. x\n" * (LONG // 5),
    "spaces-in-a-numbered-title": lambda: _before(_FEDERAL, "The Expert Reviewer's decision", " " * LONG),
    "issue-lines-after-the-items": lambda: _MARYLAND + "\n" + "ISSUE 1: x\n" * (LONG // 11),
    "spaces-in-an-issue-title": lambda: _before(_MARYLAND, "DECISION: UPHELD", " " * LONG),
    "requests-without-a-colon": lambda: _MAXIMUS_2013 + "\n" + "1) Regarding the request for x\n" * (LONG // 31),
}


@pytest.mark.parametrize("shape", sorted(LONG_INPUTS))
def test_a_long_run_is_read(shape: str) -> None:
    read_or_refuse(LONG_INPUTS[shape]())
