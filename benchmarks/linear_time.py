"""Time per kilobyte of each stage, from 10 KB to 1 MB of input (python -m benchmarks.linear_time; `make bench-linear`).

A stage whose time grows faster than its input (a backtracking pattern, a quadratic scope) shows here as a rising
ms/KB. The inputs are real text made long: the seed letter with its case summary repeated, a request title
repeated, a case summary repeated. Writes benchmarks/linear_results.json.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_6a0a26d25a8a10ba.txt"
RESULTS = ROOT / "benchmarks" / "linear_results.json"
SIZES_KB = (10, 100, 1000)


def _grown(text: str, size: int) -> str:
    return (text * (size // max(len(text), 1) + 1))[:size]


def _letter_of(size: int) -> str:
    letter = SEED.read_text(encoding="utf-8")
    marker = "CLINICAL CASE SUMMARY"
    start = letter.upper().find(marker)
    if start < 0:
        return _grown(letter, size)
    body_start = letter.find("\n", start) + 1
    end = letter.find("\n\n", body_start + 200)
    summary = letter[body_start:end]
    padding = size - len(letter)
    grown = _grown(summary + " ", len(summary) + max(padding, 0))
    return letter[:body_start] + grown + letter[end:]


def _padded_guideline(size: int) -> str:
    """The seed letter with its reviewer guideline line stretched by spaces: once a cubic backtracking case."""
    letter = SEED.read_text(encoding="utf-8")
    start = letter.index("MAXIMUS guideline:")
    end = letter.index("\n", letter.index("Page(s)", start))
    line = "MAXIMUS guideline: Decision based on MTUS page(s) " + " " * size + "x Page(s): 98-99."
    return letter[:start] + line + letter[end:]


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _read_or_refuse(read: Callable[..., object], text: str) -> None:
    from imr.errors import ImrError

    # refusing a text that is no letter is an answer too; the time to give it is what is measured
    with contextlib.suppress(ImrError):
        read(text, name="grown.txt")


def main() -> None:
    from imr.facts import extract_facts
    from imr.guidelines.decide import decide_case
    from imr.letters.read import read_letter
    from imr.records import DecisionCase
    from imr.requests import parse_request

    summary = read_letter(SEED).case_summary
    clinical = summary.text if summary else "Low back pain after lifting, treated with physical therapy."
    title = "Physical therapy 2 times a week for 6 weeks for the lumbar spine and left knee, "
    stages: dict[str, Callable[[int], Callable[[], object]]] = {
        "read_letter": lambda n: lambda: read_letter(_letter_of(n), name="grown.txt"),
        "read_letter_blank_lines": lambda n: (
            lambda: _read_or_refuse(read_letter, "IMR ISSUES, DECISIONS AND RATIONALES\n" + "\n" * n)
        ),
        "read_letter_spaced_guideline": lambda n: lambda: _read_or_refuse(read_letter, _padded_guideline(n)),
        "parse_request": lambda n: lambda: parse_request(_grown(title, n)),
        "extract_facts": lambda n: lambda: extract_facts(_grown(clinical + " ", n)),
        "decide": lambda n: (
            lambda: decide_case(
                DecisionCase(
                    summary=_grown(clinical + " ", n),
                    requests=(
                        "Physical therapy 2x4 for the lumbar spine",
                        "Norco 10/325 #120",
                        "MRI of the lumbar spine",
                    ),
                    request_date=dt.date(2016, 12, 1),
                )
            )
        ),
    }
    decide_case(DecisionCase(summary=clinical, requests=("PT x 6",), request_date=dt.date(2016, 12, 1)))  # warm
    results: dict[str, dict[str, float]] = {}
    for stage, make in stages.items():
        results[stage] = {}
        for size_kb in SIZES_KB:
            seconds = _seconds(make(size_kb * 1000))
            results[stage][f"{size_kb}KB_ms_per_KB"] = round(seconds * 1000 / size_kb, 2)
        print(stage, results[stage], flush=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
