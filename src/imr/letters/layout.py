"""Classify a letter's layout before reading it; the markers are listed most reliable first."""

from __future__ import annotations

import re

from imr.records import Layout

_MARKERS: tuple[tuple[Layout, tuple[re.Pattern[str], ...]], ...] = (
    (
        Layout.MAXIMUS_2013,
        (re.compile(r"Notice of Independent Medical Review Determination", re.IGNORECASE),),
    ),
    (
        Layout.MAXIMUS_FEDERAL,
        (
            re.compile(r"MAXIMUS FEDERAL SERVICES,? INC", re.IGNORECASE),
            re.compile(r"IMR DECISION\(S\) AND RATIONALE\(S\)", re.IGNORECASE),
        ),
    ),
    (
        Layout.MEDICAL_PROFESSIONAL_REVIEW,
        (
            re.compile(r"MEDICAL PROFESSIONAL REVIEW"),
            re.compile(r"ISSUES? AT DISPUTE", re.IGNORECASE),
        ),
    ),
    (
        Layout.Y2016,
        (
            # [^\S\n]: the spaces of one line only; "^\s*" would rescan every run of blank lines from each of its lines
            re.compile(r"^[^\S\n]*Case Number:", re.MULTILINE),
            re.compile(r"IMR ISSUES,? DECISIONS,? AND RATIONALES", re.IGNORECASE),
        ),
    ),
    (
        Layout.SEED,
        (
            re.compile(r"HOW THE IMR FINAL DETERMINATION WAS MADE", re.IGNORECASE),
            re.compile(r"IMR ISSUES,? DECISIONS,? AND RATIONALES", re.IGNORECASE),
        ),
    ),
)


def classify_layout(text: str) -> Layout | None:
    """The first layout whose markers all occur in ``text``; None when no layout fits."""
    for layout, markers in _MARKERS:
        if all(marker.search(text) for marker in markers):
            return layout
    if re.search(r"IMR ISSUES,? DECISIONS,? AND RATIONALES", text, re.IGNORECASE):
        return Layout.SEED
    return None
