"""How well the public copies hide the planted identifiers, and what they do to clinical text.

The case folder tests/fixtures/redaction/planted-case plants identifiers of every kind (listed with their kinds
in tests/fixtures/redaction/planted.yaml) among clinical text. This runs the real ``imr review`` on it and
looks for every planted value in each public format: the text letter, the HTML letter as a reader sees it
(tags dropped, entities unescaped) and the text pypdfium2 extracts from the PDF. A fourth column redacts each
record with the same public redaction, the way the API would, to cover the identifiers no letter quotes.

`python -m benchmarks.redaction` prints the table (kind x format: identifiers hidden / identifiers planted,
and in brackets how many of them the private letter printed) and the clinical terms altered; tests/review/
test_public_copies.py runs the same measurement and requires 100% and no damage.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from imr.cases import load_case
from imr.phi import redact_for_publication
from imr.review import run_review
from imr.review.parties import case_parties
from imr.text.sources import extract_pdf_text

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "redaction"
MANIFEST = FIXTURES / "planted.yaml"
FORMATS = ("text", "html", "pdf")
RECORDS = "records"
COLUMNS = (*FORMATS, RECORDS)


@dataclass(frozen=True)
class Planted:
    value: str
    kind: str
    in_letter: bool = False


@dataclass(frozen=True)
class Manifest:
    case: Path
    panel: Path
    today: dt.date
    identifiers: tuple[Planted, ...]
    clinical: tuple[Planted, ...]
    reviewer: tuple[Planted, ...]


def load_manifest(path: Path = MANIFEST) -> Manifest:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))

    def planted(entries: list[dict[str, Any]], kind: str = "clinical term") -> tuple[Planted, ...]:
        return tuple(Planted(e["value"], e.get("kind", kind), bool(e.get("in_letter", False))) for e in entries)

    return Manifest(
        case=(path.parent / data["case"]).resolve(),
        panel=(path.parent / data["panel"]).resolve(),
        today=dt.date.fromisoformat(str(data["today"])),
        identifiers=planted(data["identifiers"]),
        clinical=planted(data["clinical"]),
        reviewer=planted(data["reviewer"]),
    )


def _pattern(value: str) -> re.Pattern[str]:
    """``value`` as a whole word (so "Tom" is not found in "Tomas"), whitespace matching any whitespace."""
    words = [re.escape(word) for word in value.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def holds(text: str, value: str) -> bool:
    """Whether ``text`` prints ``value``, however the lines were wrapped (also across a wrap that split it)."""
    if _pattern(value).search(text):
        return True
    squeezed = "".join(value.split())
    return len(squeezed) >= 6 and squeezed in "".join(text.split())


def html_as_read(source: str) -> str:
    """What a reader of the HTML sees: the tags dropped and the entities unescaped ("O&#39;Neil" is O'Neil)."""
    body = re.sub(r"(?is)<(script|style|title)\b.*?</\1>", " ", source)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def pdf_text(path: Path) -> str:
    return extract_pdf_text(path.read_bytes(), path.name)


def letter_formats(folder: Path) -> dict[str, str]:
    return {
        "text": (folder / "letter.txt").read_text(encoding="utf-8"),
        "html": html_as_read((folder / "letter.html").read_text(encoding="utf-8")),
        "pdf": pdf_text(folder / "letter.pdf"),
    }


@dataclass
class Cell:
    planted: int = 0
    hidden: int = 0
    printed: int = 0  # how many the private copy printed

    @property
    def recall(self) -> float:
        return self.hidden / self.planted if self.planted else 1.0


@dataclass
class RedactionReport:
    cells: dict[tuple[str, str], Cell] = field(default_factory=lambda: defaultdict(Cell))
    survivors: list[tuple[str, str, str]] = field(default_factory=list)  # (format, kind, value)
    damaged: list[tuple[str, str]] = field(default_factory=list)  # (format, clinical term)
    clinical_checked: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    not_printed: list[str] = field(default_factory=list)  # planted `in_letter` but absent from the private letter
    public: dict[str, str] = field(default_factory=dict)
    private: dict[str, str] = field(default_factory=dict)

    @property
    def kinds(self) -> list[str]:
        return sorted({kind for kind, _ in self.cells})

    def recall(self, column: str) -> float:
        cells = [cell for (_, name), cell in self.cells.items() if name == column]
        planted = sum(c.planted for c in cells)
        return sum(c.hidden for c in cells) / planted if planted else 1.0


def measure(out: Path, manifest: Manifest | None = None) -> RedactionReport:
    """Run ``imr review`` on the planted case into ``out`` and measure the public copies (and the records)."""
    manifest = manifest or load_manifest()
    result = run_review(manifest.case, manifest.panel, out, today=manifest.today)
    if result.outcome != "drafted":
        raise RuntimeError(f"the planted case was not drafted: {result.message}")
    report = RedactionReport(public=letter_formats(out / "public"), private=letter_formats(out))
    case = load_case(manifest.case)
    records = {r.file: (manifest.case / r.file).read_text(encoding="utf-8") for r in case.records}
    parties = case_parties(case)
    public_records = "\n\n".join(redact_for_publication(text, parties).text for text in records.values())
    all_records = "\n\n".join(records.values())

    for planted in (*manifest.identifiers, *manifest.reviewer):
        if planted.in_letter and not all(holds(report.private[f], planted.value) for f in FORMATS):
            report.not_printed.append(planted.value)
        for column in COLUMNS:
            if column == RECORDS and not holds(all_records, planted.value):
                continue  # planted in the case file only (the reviewer's hours are in the panel file)
            cell = report.cells[(planted.kind, column)]
            cell.planted += 1
            private = all_records if column == RECORDS else report.private[column]
            cell.printed += holds(private, planted.value)
            public = public_records if column == RECORDS else report.public[column]
            if holds(public, planted.value):
                report.survivors.append((column, planted.kind, planted.value))
            else:
                cell.hidden += 1

    for term in manifest.clinical:
        for column in COLUMNS:
            if column == RECORDS:
                before = [t for t in records.values() if holds(t, term.value)]
                after = [redact_for_publication(t, parties).text for t in before]
            else:
                before = [report.private[column]] if holds(report.private[column], term.value) else []
                after = [report.public[column]] if before else []
            if not before:
                if term.in_letter and column != RECORDS:
                    report.not_printed.append(term.value)
                continue
            report.clinical_checked[column] += 1
            if not all(holds(text, term.value) for text in after):
                report.damaged.append((column, term.value))
    return report


def table(report: RedactionReport) -> str:
    """The table the README prints: hidden/planted per kind and column, [printed by the private letter]."""
    width = max(len(kind) for kind in report.kinds) + 2
    head = "kind".ljust(width) + "".join(column.rjust(16) for column in COLUMNS)
    lines = [head, "-" * len(head)]
    for kind in report.kinds:
        row = kind.ljust(width)
        for column in COLUMNS:
            cell = report.cells.get((kind, column))
            if cell is None or not cell.planted:
                row += "-".rjust(16)
                continue
            shown = f"{cell.hidden}/{cell.planted}"
            if column != RECORDS:
                shown += f" [{cell.printed}]"
            row += shown.rjust(16)
        lines.append(row)
    lines.append("-" * len(head))
    lines.append("recall".ljust(width) + "".join(f"{report.recall(c):.0%}".rjust(16) for c in COLUMNS))
    damage = "".join(
        f"{sum(1 for f, _ in report.damaged if f == c)}/{report.clinical_checked[c]}".rjust(16) for c in COLUMNS
    )
    lines.append("clinical terms altered".ljust(width) + damage)
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = measure(Path(folder) / "out")
    print(table(report))
    for column, kind, value in report.survivors:
        print(f"survived in {column}: {kind}: {value!r}")
    for column, term in report.damaged:
        print(f"altered in {column}: {term!r}")
    for value in report.not_printed:
        print(f"planted for the letter but not printed by it: {value!r}")
    return 1 if report.survivors or report.damaged else 0


if __name__ == "__main__":
    sys.exit(main())
