"""A sanity check that parsing stays fast: the vocabulary is compiled once and a title costs a few scans.

Measured on the development machine (2 shared cores): about 9,000 titles a second over the corpus table.
The bound here is loose so a busy CI machine does not fail it; a parser that recompiled its expressions
per title would still fall far below it.
"""

from __future__ import annotations

import time

from imr.requests import load_vocabulary, parse_request
from tests.requests.test_parse_table import ALL_ROWS

TITLES = [title for title, _ in ALL_ROWS]


def _titles_per_second() -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for title in TITLES:
            parse_request(title)
        best = min(best, time.perf_counter() - started)
    return len(TITLES) / best


def test_parsing_is_fast() -> None:
    load_vocabulary()  # reading and compiling the vocabulary is a one-off cost, not part of the figure
    assert _titles_per_second() > 1_500
