"""Check the engine against the 2016 corpus (../shared/corpus/imr-2016): `make corpus-check`, run by CI when the
corpus is present. The tests never read it; the repository does not copy it.

1. Every letter is read with no error; each item's decision agrees with the letter's "Upheld"/"Overturned"
   markers, every header date parses, and the totals are 132 items, 106 upheld and 26 overturned.
2. The replay's balanced accuracy, share of decided items and share decided by a guideline rule (not the
   associated-service process rule) stay at or above benchmarks/replay_floor.json.

3. `imr corpus build` over the corpus, the five seeds and a junk file: every letter lands in the letters table,
   the junk file alone in the errors table, and DuckDB reads the tables directly.

Exit code 0 when all hold, 1 otherwise, with one line per failure.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imr.records import Letter

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "imr-2016"
FLOOR = ROOT / "benchmarks" / "replay_floor.json"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
_MARKER = re.compile(r":\s*(Upheld|Overturned)\s*(?:\n|$)")
HEADER_DATES = ("date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received")


def check_reading(letters: list[tuple[Path, Letter]]) -> list[str]:
    problems: list[str] = []
    totals = {"upheld": 0, "overturned": 0}
    for path, letter in letters:
        markers = [m.lower() for m in _MARKER.findall(letter.text.replace("\r", ""))]
        decisions = [item.decision.value for item in letter.items]
        if decisions != markers:
            problems.append(f"{path.name}: items {decisions} but the letter says {markers}")
        header = letter.header
        problems += [
            f"{path.name}: header {field} not read" for field in HEADER_DATES if getattr(header, field) is None
        ]
        if header.case_number is None or header.case_number.text != path.stem:
            problems.append(f"{path.name}: case number not read")
        for decision in decisions:
            totals[decision] += 1
    if totals != {"upheld": 106, "overturned": 26}:
        problems.append(f"totals {totals}, expected 106 upheld and 26 overturned")
    return problems


def check_corpus_build(expected_letters: int) -> list[str]:
    import shutil
    import tempfile

    import duckdb

    from imr.corpus.build import build_corpus
    from imr.corpus.tables import table_glob

    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="imr-corpus-check-") as work:
        junk = Path(work) / "junk"
        junk.mkdir()
        (junk / "junk.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n")
        seeds = Path(work) / "seeds"
        shutil.copytree(SEEDS, seeds)
        out = Path(work) / "corpus"
        summary = build_corpus([CORPUS, seeds, junk], out, workers=2)
        connection = duckdb.connect()
        letters = connection.execute(f"SELECT count(*) FROM read_parquet('{table_glob(out, 'letters')}')").fetchall()
        errors = connection.execute(f"SELECT file FROM read_parquet('{table_glob(out, 'errors')}')").fetchall()
    print(f"corpus build: {summary.read} letters read, {summary.failed} failed, in {summary.seconds:.1f} s")
    if letters != [(expected_letters,)]:
        problems.append(f"corpus build: {letters[0][0]} letters in the table, expected {expected_letters}")
    if [Path(row[0]).name for row in errors] != ["junk.pdf"]:
        problems.append(f"corpus build: errors table holds {errors}, expected the junk file alone")
    return problems


def main() -> int:
    from imr.letters.read import read_letter
    from imr.letters.replay import agreement, replay_letter

    paths = sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"no corpus at {CORPUS}; nothing to check")
        return 0
    letters = [(path, read_letter(path)) for path in paths]
    problems = check_reading(letters)
    summary = agreement(row for _, letter in letters for row in replay_letter(letter))
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    balanced = summary.balanced_accuracy()
    print(
        f"{len(letters)} letters, {summary.items} items; decided {summary.share_decided:.1%},"
        f" by a guideline rule {summary.share_by_guideline_rule:.1%};"
        f" accuracy on decided {summary.accuracy_decided:.3f}; balanced accuracy {balanced:.3f}"
        f" (floor {floor['balanced_accuracy']});"
        f" cited guideline agrees on {summary.citation_agreed}/{summary.citation_checked}"
    )
    if balanced < floor["balanced_accuracy"]:
        problems.append(f"balanced accuracy {balanced:.3f} below the floor {floor['balanced_accuracy']}")
    if summary.share_decided < floor["share_decided"]:
        problems.append(f"share decided {summary.share_decided:.3f} below the floor {floor['share_decided']}")
    if summary.share_by_guideline_rule < floor["share_by_guideline_rule"]:
        problems.append(
            f"share decided by a guideline rule {summary.share_by_guideline_rule:.3f} below the floor"
            f" {floor['share_by_guideline_rule']}"
        )
    problems += check_corpus_build(len(letters) + len(list(SEEDS.glob("*.txt"))))
    for problem in problems:
        print(f"Error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
