"""The 64 real 2016 letters (../shared/corpus, when present): read without error, items and decisions agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imr.letters.read import read_letter
from imr.records import Decision

pytestmark = pytest.mark.corpus
_MARKER = re.compile(r":\s*(Upheld|Overturned)\s*(?:\n|$)")


def test_corpus_letters_read_completely(corpus: list[Path]) -> None:
    assert len(corpus) == 64
    totals = {Decision.UPHELD: 0, Decision.OVERTURNED: 0}
    for path in corpus:
        letter = read_letter(path)
        markers = _MARKER.findall(letter.text.replace("\r", ""))
        assert [item.decision.value.capitalize() for item in letter.items] == markers, path.name
        header = letter.header
        for field in (
            "date_assigned",
            "date_of_injury",
            "decision_date",
            "ur_denial_date",
            "application_received",
        ):
            assert getattr(header, field) is not None, (path.name, field)
        assert header.case_number is not None and header.case_number.text == path.stem
        assert letter.reviewer.specialties and letter.reviewer.licensure_states, path.name
        assert letter.case_summary is not None and len(letter.case_summary.text) > 200
        for item in letter.items:
            totals[item.decision] += 1
            assert item.rationale is not None and item.reviewer_guideline is not None
            assert len(item.title.text) < 200 and "\n" not in item.title.text, item.title.text
    # criteria.md: 132 items, 106 upheld and 26 overturned
    assert totals == {Decision.UPHELD: 106, Decision.OVERTURNED: 26}
