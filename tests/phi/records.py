"""The planted-identifier records of tests/phi/records: text, parties, planted identifiers, clinical text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from imr.phi import IdentifierSpan, KnownIdentifier

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
