"""Sentence bounds in record text: a break after . ! or ? before a capital, a quote or a bracket, or at a blank
line. Plain and fast; the clinical pipeline has its own sentencizer for ConText."""

from __future__ import annotations

import re

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"])|\n\s*\n")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
