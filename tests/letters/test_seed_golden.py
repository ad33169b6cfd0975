"""Each seed letter is read exactly as its reviewed golden file says (juriscraper style: a missing golden file
is written and the test fails until a person has reviewed it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from imr.letters.export import letter_to_dict
from imr.letters.read import read_letter
from tests.conftest import seed_files

SEEDS = seed_files()


def _flatten(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{path}.{key}" if path else key))
        return out
    if isinstance(value, list):
        out = {f"{path}.#": len(value)}
        for index, item in enumerate(value):
            out.update(_flatten(item, f"{path}[{index}]"))
        return out
    return {path: value}


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_letter_matches_golden(seed: Path) -> None:
    golden = seed.with_suffix(".compare.json")
    actual = letter_to_dict(read_letter(seed, name=seed.name))
    if not golden.exists():
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.fail(f"wrote {golden.name}: review it, then run the tests again")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    wanted, got = _flatten(expected), _flatten(json.loads(json.dumps(actual)))
    differences = {k: (wanted.get(k), got.get(k)) for k in wanted.keys() | got.keys() if wanted.get(k) != got.get(k)}
    assert not differences, differences


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_every_span_points_at_its_text(seed: Path) -> None:
    letter = read_letter(seed)
    source = letter.text
    for item in letter.items:
        for field in (item.title, item.rationale):
            assert field is not None
            quoted = source[field.span.start : field.span.end]
            assert "".join(quoted.split()) == "".join(field.text.split())
        assert source[item.decision_span.start : item.decision_span.end] == item.decision.value.capitalize()
    assert letter.case_summary is not None
    summary = source[letter.case_summary.span.start : letter.case_summary.span.end]
    assert "".join(summary.split()) == "".join(letter.case_summary.text.split())


def test_seed_items_and_decisions() -> None:
    decided = {p.name: [(i.title.text, i.decision.value) for i in read_letter(p).items] for p in SEEDS}
    assert sum(len(v) for v in decided.values()) == 7
    assert all(decision == "upheld" for items in decided.values() for _, decision in items)
    assert decided["002_95e1945bc69d4d51.txt"] == [
        ("PT 2X4 FOR THE L/S", "upheld"),
        ("MRI FOR THE C/S AND L/S", "upheld"),
    ]
