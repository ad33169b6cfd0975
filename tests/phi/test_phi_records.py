"""Recall and precision on records with planted identifiers (tests/phi/records); clinical text survives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from imr.phi import OPERATORS, IdentifierSpan, KnownIdentifier, detect_identifiers, redact

RECORD_DIR = Path(__file__).parent / "records"
RECORD_NAMES = ("progress_report", "pt_note", "ur_letter")


@dataclass(frozen=True)
class PlantedRecord:
    name: str
    text: str
    parties: tuple[KnownIdentifier, ...]
    planted: tuple[str, ...]
    survive: tuple[str, ...]

    def planted_ranges(self) -> list[tuple[int, int, str]]:
        """Every occurrence of every planted identifier."""
        ranges = []
        for value in self.planted:
            start = self.text.find(value)
            assert start >= 0, f"{self.name}: planted {value!r} is not in the text"
            while start >= 0:
                ranges.append((start, start + len(value), value))
                start = self.text.find(value, start + 1)
        return ranges

    def false_positives(self, spans: tuple[IdentifierSpan, ...]) -> list[str]:
        """Detected spans that overlap no planted identifier."""
        planted = self.planted_ranges()
        return [
            self.text[s.start : s.end]
            for s in spans
            if not any(s.start < end and start < s.end for start, end, _ in planted)
        ]


def load_record(name: str) -> PlantedRecord:
    text = (RECORD_DIR / f"{name}.txt").read_text(encoding="utf-8")
    manifest = yaml.safe_load((RECORD_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return PlantedRecord(
        name=name,
        text=text,
        parties=tuple(KnownIdentifier(p["entity_type"], p["value"]) for p in manifest["parties"]),
        planted=tuple(manifest["planted"]),
        survive=tuple(manifest["survive"]),
    )


# The brief's own list of clinical strings that must come through; each occurs in at least one record.
CLINICAL_EXAMPLES = (
    "Norco 10/325 mg #120",
    "28 sessions",
    "flexion 40 degrees",
    "L4-5",
    "pain 7/10",
    "date of injury 06/14/2013",
)


@pytest.fixture(scope="module", params=RECORD_NAMES)
def record(request: pytest.FixtureRequest) -> PlantedRecord:
    return load_record(request.param)


@pytest.mark.parametrize("operator", sorted(OPERATORS))
def test_every_planted_identifier_is_redacted(record: PlantedRecord, operator: str) -> None:
    spans = detect_identifiers(record.text, record.parties)
    redacted = redact(record.text, spans, operator).text
    left = [value for value in record.planted if value in redacted]
    assert left == [], f"{record.name}: still in the {operator} output: {left}"


def test_every_planted_occurrence_is_covered(record: PlantedRecord) -> None:
    spans = detect_identifiers(record.text, record.parties)
    covered = {i for s in spans for i in range(s.start, s.end)}
    missed = [v for start, end, v in record.planted_ranges() if not set(range(start, end)) <= covered]
    assert missed == []


def test_clinical_text_survives(record: PlantedRecord) -> None:
    redacted = redact(record.text, detect_identifiers(record.text, record.parties)).text
    lost = [value for value in record.survive if value not in redacted]
    assert lost == [], f"{record.name}: clinical text lost: {lost}"


def test_the_brief_s_clinical_examples_survive() -> None:
    records = [load_record(name) for name in RECORD_NAMES]
    for value in CLINICAL_EXAMPLES:
        holders = [r for r in records if value in r.text]
        assert holders, f"no record holds {value!r}"
        for r in holders:
            assert value in redact(r.text, detect_identifiers(r.text, r.parties)).text


def test_no_false_positives_on_the_planted_records(record: PlantedRecord) -> None:
    spans = detect_identifiers(record.text, record.parties)
    assert record.false_positives(spans) == []


def test_planted_identifiers_are_found_without_parties_where_patterns_can(record: PlantedRecord) -> None:
    """Without the case's party data, every identifier with a pattern shape (phone, e-mail, SSN, address,
    titled or credentialed name, labelled field) is still found; only bare names and firms are left."""
    spans = detect_identifiers(record.text)
    covered = {i for s in spans for i in range(s.start, s.end)}
    pattern_shaped = [
        v for v in record.planted if any(ch.isdigit() for ch in v) or "@" in v or v.startswith(("Dr.", "Ms."))
    ]
    missed = [
        v for start, end, v in record.planted_ranges() if v in pattern_shaped and not set(range(start, end)) <= covered
    ]
    assert missed == []
    assert record.false_positives(spans) == []


def test_published_seed_letters_hold_no_identifier() -> None:
    """The seed letters are already redacted by the Division: every detection in them would be wrong."""
    seeds = sorted((Path(__file__).parents[1] / "fixtures" / "seeds").glob("*.txt"))
    assert seeds
    found = {p.name: detect_identifiers(p.read_text(encoding="utf-8")) for p in seeds}
    assert {name: spans for name, spans in found.items() if spans} == {}


def test_detection_throughput_on_a_5_kb_record(benchmark: Any) -> None:
    """pytest-benchmark; a single plain run when benchmarks are disabled (the default in pyproject)."""
    record = load_record("ur_letter")
    text = (record.text * 3)[:5000]
    spans = benchmark(detect_identifiers, text, record.parties)
    assert len(text) == 5000
    assert len(spans) > 40
