"""A real letter is never refused, nor read differently, for a formality: a last rationale without its full stop, an
item title wrapped over lines, the long heading of a partly authorized request. Each mutation below is made on the
seed and fixture letters and must read with the items and decisions of the letter as published."""

from __future__ import annotations

import re
import textwrap
from itertools import pairwise
from pathlib import Path

import pytest

from imr.letters.read import read_letter
from imr.records import Decision, Layout, Letter, LetterItem
from tests.conftest import FIXTURES, SEEDS

LETTER_FILES = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "letters").glob("*.txt"))
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _words(text: str) -> str:
    return " ".join(text.split())


def _decisions(letter: Letter) -> list[Decision]:
    return [item.decision for item in letter.items]


def _titles(letter: Letter) -> list[str]:
    return [_words(item.title.text) for item in letter.items]


def _line_break(text: str) -> str:
    """How the letter's extraction ends a printed line: the seeds put an empty line after every line."""
    lines = text.split("\n")
    after_empty = sum(1 for previous, line in pairwise(lines) if line.strip() and previous == "")
    after_text = sum(1 for previous, line in pairwise(lines) if line.strip() and previous.strip())
    return "\n\n" if after_empty > 2 * max(after_text, 1) else "\n"


def _single_spaced(text: str) -> str:
    """A seed as the 2016 extraction writes it: one text line per printed line, no empty lines."""
    return "\n".join(line for line in text.split("\n") if line)


def _published(path: Path, *, single_spaced: bool = False) -> Letter:
    text = path.read_text(encoding="utf-8")
    return read_letter(_single_spaced(text) if single_spaced else text, name=path.name)


def _assert_same_items(mutated: Letter, published: Letter) -> None:
    assert len(mutated.items) == len(published.items)
    assert _decisions(mutated) == _decisions(published)


@pytest.mark.parametrize("path", LETTER_FILES, ids=[p.stem for p in LETTER_FILES])
def test_the_last_rationale_without_its_full_stop(path: Path) -> None:
    published = _published(path)
    rationale = published.items[-1].rationale
    assert rationale is not None and rationale.text.endswith(".")
    stop = rationale.span.end - 1
    assert published.text[stop] == "."
    mutated = read_letter(published.text[:stop] + published.text[stop + 1 :], name=path.name)
    _assert_same_items(mutated, published)
    assert _titles(mutated) == _titles(published)
    last = mutated.items[-1].rationale
    assert last is not None and last.text == rationale.text[:-1]


def _wrap_titles(letter: Letter) -> str:
    """Break every title at its space nearest the middle, as a narrower page would."""
    text = letter.text
    line_break = _line_break(text)
    breaks: list[int] = []
    for item in letter.items:
        start, end = item.title.span.start, item.title.span.end
        spaces = [i for i in range(start + 1, end - 1) if text[i] == " " and text[i - 1] not in ". \n"]
        if spaces:
            breaks.append(min(spaces, key=lambda i: abs(i - (start + end) // 2)))
    assert breaks, "no title has two words"
    for at in sorted(breaks, reverse=True):
        text = text[:at] + line_break + text[at + 1 :]
    return text


@pytest.mark.parametrize("path", LETTER_FILES, ids=[p.stem for p in LETTER_FILES])
def test_item_titles_wrapped_over_two_lines(path: Path) -> None:
    published = _published(path)
    mutated = read_letter(_wrap_titles(published), name=path.name)
    _assert_same_items(mutated, published)
    assert _titles(mutated) == _titles(published)


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_item_titles_wrapped_in_a_single_spaced_letter(path: Path) -> None:
    published = _published(path, single_spaced=True)
    mutated = read_letter(_wrap_titles(published), name=path.name)
    _assert_same_items(mutated, published)
    assert _titles(mutated) == _titles(published)


# The two forms the 2016 letters title a partly authorized request with (tests/requests/test_parse_table.py holds
# them as published): the form, and what it says was authorized. {title} is the seed item's own title.
PARTIAL_FORMS = {
    "remaining-portion": (
        "{title} was the original request. Part of the request was authorized by the Claims Administrator. The"
        " remaining IMR eligible portion of the original request, {title} is",
        "Part of the request",
    ),
    "other-authorized": (
        "{title} was the original request. The Claims Administrator authorized 2 sessions of occupational therapy,"
        " leaving the original request IMR eligible. The original request, {title} is",
        "2 sessions of occupational therapy",
    ),
}


def _lines(heading: str, width: int | None) -> list[str]:
    """``heading`` wrapped at ``width``; without one, every sentence ends a line and its last word starts one (the
    narrowest page: "... was authorized by the Claims" / "Administrator.")."""
    if width is not None:
        return textwrap.wrap(heading, width, break_on_hyphens=False)
    return re.sub(r" (\S+\.) ", r"\n\1\n", heading).split("\n")


def _partial_heading(letter: Letter, index: int, form: str, width: int | None) -> str:
    """``letter`` with item ``index`` titled as a partly authorized request, its heading wrapped at ``width``."""
    text = letter.text
    item = letter.items[index]
    heading = PARTIAL_FORMS[form][0].format(title=_words(item.title.text))
    decision = text[item.decision_span.start : item.decision_span.end]
    lines = _lines(f"{heading}:  {decision}", width)
    return text[: item.heading.span.start] + _line_break(text).join(lines) + text[item.decision_span.end :]


@pytest.mark.parametrize(
    "width", [None, 40, 57, 64, 75, 90, 200], ids=lambda width: f"width-{width}" if width else "line-per-sentence"
)
@pytest.mark.parametrize("form", sorted(PARTIAL_FORMS))
@pytest.mark.parametrize("single_spaced", [False, True], ids=["as-extracted", "single-spaced"])
@pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_a_partly_authorized_item(path: Path, single_spaced: bool, form: str, width: int | None) -> None:
    published = _published(path, single_spaced=single_spaced)
    assert published.layout is Layout.SEED
    for index, item in enumerate(published.items):
        mutated = read_letter(_partial_heading(published, index, form, width), name=path.name)
        _assert_same_items(mutated, published)
        assert _titles(mutated) == _titles(published)
        partial = mutated.items[index]
        assert partial.original_request is not None and partial.authorized_portion is not None
        assert _words(partial.original_request.text) == _words(item.title.text)
        assert _words(partial.authorized_portion.text) == PARTIAL_FORMS[form][1]
        assert _service(partial) == _service(item)


def _service(item: LetterItem) -> str | None:
    return item.request.service if item.request is not None else None
