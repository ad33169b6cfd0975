"""Every example in the citation vocabulary parses to what it says; a broken vocabulary file is one clear error."""

from __future__ import annotations

from typing import Any

import pytest

from imr.citations import citation_vocabulary, parse_guideline_line
from imr.citations.parse import parse_pages
from imr.citations.vocabulary import build_vocabulary
from imr.errors import RuleFileError
from imr.records import PageRange
from imr.text import MappedText

EXAMPLES = citation_vocabulary().examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:60] for e in EXAMPLES])
def test_vocabulary_example(example: dict[str, Any]) -> None:
    line = parse_guideline_line(MappedText.identity(example["text"]))
    assert line.no_evidence_cited is example["no_evidence_cited"]
    assert line.outside_mtus is example["outside_mtus"]
    assert line.mtus_not_basis is example["mtus_not_basis"]
    assert len(line.citations) == len(example["citations"])
    for citation, expected in zip(line.citations, example["citations"], strict=True):
        assert citation.family == expected["family"]
        if expected["mtus"] is not None:
            assert citation.mtus is expected["mtus"]
        if expected["chapter"] is not None:
            assert citation.chapter == expected["chapter"]
        if expected["edition_year"] is not None:
            assert citation.edition_year == expected["edition_year"]
        if expected["sections"] is not None:
            assert list(citation.sections) == expected["sections"]
        if expected["pages"] is not None:
            assert [str(p) for p in citation.pages] == expected["pages"]
        source = example["text"][citation.span.start : citation.span.end]
        assert source.strip() and citation.raw.split()[0] in source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("98-99", [PageRange(98, 99)]),
        ("98, 99", [PageRange(98, 98), PageRange(99, 99)]),
        ("8, 99", [PageRange(8, 8), PageRange(99, 99)]),
        ("303-305, 177-179", [PageRange(303, 305), PageRange(177, 179)]),
        ("99-98", [PageRange(98, 99)]),
        ("", []),
    ],
)
def test_parse_pages(text: str, expected: list[PageRange]) -> None:
    assert list(parse_pages(text)) == expected


def test_chapters_pair_with_pages_whatever_the_order() -> None:
    line = parse_guideline_line(
        MappedText.identity(
            "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, Chapter 8 Neck and Upper Back "
            "Complaints Page(s): 177-179, 303-305."
        )
    )
    pages = {c.chapter: [str(p) for p in c.pages] for c in line.citations}
    assert pages == {12: ["303-305"], 8: ["177-179"]}


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (
            {"version": 1, "families": [{"key": "x", "title": "X", "mtus": True, "patterns": ["("]}]},
            "families.0",
        ),
        ({"version": 1, "families": [{"key": "x", "title": "X", "patterns": ["a"]}]}, "families.0.mtus"),
        ({"families": []}, "version"),
    ],
)
def test_malformed_vocabulary_names_file_and_key(raw: dict[str, Any], field: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        build_vocabulary(raw, "imr/data/vocabulary/citations.yaml")
    message = str(caught.value)
    assert message.startswith("imr/data/vocabulary/citations.yaml: " + field)
    assert "\n" not in message
