"""Decide the cases written from the guidelines (benchmarks/guideline_cases.yaml) and report the agreement:
`make cases`. An undecided item counts as a disagreement. With --floor, exit 1 when the share of items decided as
the guideline says falls below the floor in benchmarks/replay_floor.json ("guideline_cases").

    python -m benchmarks.guideline_cases [--floor] [--verbose]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "benchmarks" / "guideline_cases.yaml"
FLOOR = ROOT / "benchmarks" / "replay_floor.json"


def _cases() -> list[dict[str, Any]]:
    body = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = body["cases"]
    return cases


def run(verbose: bool) -> tuple[int, int, list[str]]:
    from imr.guidelines.decide import decide_case
    from imr.records import DecisionCase

    items = agreed = 0
    misses: list[str] = []
    for case in _cases():
        date = case["request_date"]
        decision_case = DecisionCase(
            summary=case["summary"],
            requests=tuple(case["requests"]),
            request_date=date if isinstance(date, dt.date) else dt.date.fromisoformat(date),
            source=case["id"],
        )
        determination = decide_case(decision_case)
        for item, expected in zip(determination.items, case["expect"], strict=True):
            items += 1
            decided = item.decision.value if item.decision else "undecided"
            rule = "+".join(item.rule_ids) or (item.undecided_reason or "")[:90]
            if decided == expected:
                agreed += 1
                if verbose:
                    print(f"ok    {case['id']}: {decided} ({rule})")
            else:
                misses.append(f"MISS  {case['id']}: expected {expected}, decided {decided} ({rule})")
    return items, agreed, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor", action="store_true", help="fail below the floor in replay_floor.json")
    parser.add_argument("--verbose", action="store_true", help="list the items decided as the guideline says too")
    arguments = parser.parse_args()
    items, agreed, misses = run(arguments.verbose)
    for line in misses:
        print(line)
    share = agreed / items if items else 0.0
    print(f"{agreed} of {items} items decided as the guideline says ({share:.0%})")
    if arguments.floor:
        floor = json.loads(FLOOR.read_text(encoding="utf-8")).get("guideline_cases", 0.0)
        if share < floor:
            print(f"below the floor of {floor:.0%}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
