"""Benchmarks: `make bench` (python -m benchmarks.run). Speed and memory are measured here, never in tests.

Figures: letters read per second from text and from PDF, peak memory reading the whole corpus, request titles
parsed per second, items decided per second (warm, facts extracted once per letter, and cold with extraction),
the CLI's start time, and the seconds fact extraction takes over a generated 500-page case file (about 1.5 MB;
benchmarks/long_record.py). The corpus is ../shared/corpus/imr-2016 when present; the seeds otherwise.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "imr-2016"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _rate(count: int, work: Callable[[], None], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return count / statistics.median(times)


def main() -> None:
    from imr.facts import extract_facts
    from imr.guidelines.decide import decide_item
    from imr.guidelines.variables import CaseDates
    from imr.letters.read import read_letter, read_letter_text
    from imr.letters.replay import edition_date
    from imr.requests import parse_request
    from imr.text.sources import read_source

    pdfs = sorted(CORPUS.glob("*.pdf"))
    texts = [(p.name, read_source(p).text) for p in pdfs] or [
        (p.name, p.read_text()) for p in sorted(SEEDS.glob("*.txt"))
    ]
    results: dict[str, float | int | str] = {"corpus_letters": len(pdfs), "text_letters": len(texts)}

    results["letters_per_second_text"] = round(_rate(len(texts), lambda: [read_letter_text(t, n) for n, t in texts]), 1)
    if pdfs:
        results["letters_per_second_pdf"] = round(_rate(len(pdfs), lambda: [read_letter(p) for p in pdfs], 1), 1)
        tracemalloc.start()
        letters = [read_letter(p) for p in pdfs]
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results["peak_python_memory_mb_reading_corpus"] = round(peak / 2**20, 1)
    else:
        letters = [read_letter_text(t, n) for n, t in texts]
    titles = [item.title.text for letter in letters for item in letter.items]
    results["request_titles_per_second"] = round(_rate(len(titles), lambda: [parse_request(t) for t in titles]), 0)

    prepared = []
    for letter in letters:
        summary = letter.case_summary.text if letter.case_summary else ""
        prepared.append((letter, summary, extract_facts(summary), CaseDates(request_date=edition_date(letter))))
    items = sum(len(letter.items) for letter, *_ in prepared)

    def decide_warm() -> None:
        for letter, _, facts, dates in prepared:
            for item in letter.items:
                decide_item(item.index, item.title.text, facts, dates)

    def decide_cold() -> None:
        for letter, summary, _, dates in prepared:
            facts = extract_facts(summary)
            for item in letter.items:
                decide_item(item.index, item.title.text, facts, dates)

    results["items_decided_per_second_warm"] = round(_rate(items, decide_warm), 1)
    results["items_decided_per_second_with_fact_extraction"] = round(_rate(items, decide_cold, 1), 1)
    results["letters_fact_extraction_per_second"] = round(
        _rate(len(prepared), lambda: [extract_facts(s) for _, s, _, _ in prepared], 1), 1
    )
    starts = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "imr.cli", "--help"], check=True, capture_output=True)
        starts.append(time.perf_counter() - start)
    results["cli_start_seconds"] = round(statistics.median(starts), 2)
    from benchmarks.long_record import measure as measure_long_record

    results.update(measure_long_record())
    results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
