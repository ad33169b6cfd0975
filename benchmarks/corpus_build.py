"""Benchmark of `imr corpus build` (python -m benchmarks.corpus_build; `make bench-corpus`).

Over N copies of the 2016 corpus PDFs (each copy's bytes made distinct by a trailing PDF comment, so every file
is really read): letters a second with 1 and 2 local workers, the cost of reading over the raw text extraction of
the same PDFs, the peak memory of the whole process tree (the command and its workers) for one copy and for ten
copies read with --force, and a projection for the whole public collection. Writes benchmarks/corpus_results.json.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "imr-2016"
RESULTS = ROOT / "benchmarks" / "corpus_results.json"
PUBLIC_COLLECTION = 1_500_000  # letters published since 2013
CLUSTER_WORKERS = 16


def _copies(pdfs: list[Path], folder: Path, copies: int) -> Path:
    for copy in range(copies):
        target = folder / f"copy-{copy:02d}"
        target.mkdir(parents=True)
        for pdf in pdfs:
            (target / f"{pdf.stem}-{copy:02d}.pdf").write_bytes(pdf.read_bytes() + f"\n% copy {copy}\n".encode())
    return folder


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a worker that just ended
            total += member.memory_info().rss
    return total


def _build(sources: Path, out: Path, *arguments: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of the process tree of one `imr corpus build`."""
    command = [sys.executable, "-m", "imr.cli", "corpus", "build", str(sources), "--out", str(out), *arguments]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.is_set():
            try:
                peak = max(peak, _tree_rss(watched))
            except psutil.Error:
                return
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = child.communicate()
    finished.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"corpus build failed: {errors.decode(errors='replace').strip()}")
    return seconds, peak / 2**20


def _extraction_cost(pdfs: list[Path]) -> tuple[float, float]:
    """Seconds to extract the text of every PDF, and seconds to read every letter from the same bytes."""
    from imr.letters.read import read_letter
    from imr.text.sources import extract_pdf_text

    data = [p.read_bytes() for p in pdfs]
    read_letter(data[0], name=pdfs[0].name)  # warm: vocabularies and patterns load once per process
    started = time.perf_counter()
    for blob, pdf in zip(data, pdfs, strict=True):
        extract_pdf_text(blob, pdf.name)
    extraction = time.perf_counter() - started
    started = time.perf_counter()
    for blob, pdf in zip(data, pdfs, strict=True):
        read_letter(blob, name=pdf.name)
    reading = time.perf_counter() - started
    return extraction, reading


def main() -> None:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no corpus PDFs in {CORPUS}")
    copies = int(os.environ.get("IMR_BENCH_COPIES", "10"))
    results: dict[str, float | int] = {"corpus_pdfs": len(pdfs), "copies": copies}
    work = Path(tempfile.mkdtemp(prefix="imr-corpus-bench-"))
    try:
        one = _copies(pdfs, work / "one", 1)
        many = _copies(pdfs, work / "many", copies)
        letters = len(pdfs) * copies
        for workers in (1, 2):
            seconds, _ = _build(many, work / f"out-{workers}", "--workers", str(workers), "--force")
            results[f"letters_per_second_{workers}_worker{'s' if workers > 1 else ''}"] = round(letters / seconds, 1)
        results["speed_up_2_workers"] = round(
            results["letters_per_second_2_workers"] / results["letters_per_second_1_worker"], 2
        )
        _, peak_one = _build(one, work / "mem-one", "--workers", "2", "--force")
        _, peak_many = _build(many, work / "mem-many", "--workers", "2", "--force")
        results["peak_memory_mb_one_copy"] = round(peak_one, 1)
        results[f"peak_memory_mb_{copies}_copies"] = round(peak_many, 1)
        extraction, reading = _extraction_cost(pdfs)
        results["raw_extraction_letters_per_second"] = round(len(pdfs) / extraction, 1)
        results["reading_over_raw_extraction"] = round(reading / extraction, 2)
        rate = results["letters_per_second_2_workers"]
        per_worker = rate / 2
        results["projected_hours_public_collection_this_machine"] = round(PUBLIC_COLLECTION / rate / 3600, 1)
        results[f"projected_hours_public_collection_{CLUSTER_WORKERS}_workers"] = round(
            PUBLIC_COLLECTION / (per_worker * CLUSTER_WORKERS) / 3600, 1
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
