"""Merging overlapping identifier spans into one, deterministically."""

from __future__ import annotations

from collections.abc import Iterable

from imr.phi.spans import IdentifierSpan


def _rank(span: IdentifierSpan) -> tuple[float, int, int, str, str]:
    """Higher score wins, then the longer span, then the earlier one; names break the last ties."""
    return (-span.score, -span.length, span.start, span.entity_type, span.recogniser)


def merge_overlapping(spans: Iterable[IdentifierSpan]) -> tuple[IdentifierSpan, ...]:
    """Spans sorted by position, each run of overlapping spans merged into one.

    The merged span covers the whole run (so no part of any detection is left in the text) and takes its
    entity type, score and recogniser from the winner of the run; its reason says what was merged into it.
    Spans that merely touch are not merged.
    """
    ordered = sorted(spans, key=lambda s: (s.start, s.end, _rank(s)))
    merged: list[IdentifierSpan] = []
    run: list[IdentifierSpan] = []
    run_end = -1
    for span in ordered:
        if run and span.start >= run_end:
            merged.append(_merge_run(run))
            run = []
        run.append(span)
        run_end = max(run_end, span.end) if len(run) > 1 else span.end
    if run:
        merged.append(_merge_run(run))
    return tuple(merged)


def _merge_run(run: list[IdentifierSpan]) -> IdentifierSpan:
    winner = min(run, key=_rank)
    if len(run) == 1:
        return winner
    start = min(s.start for s in run)
    end = max(s.end for s in run)
    others = sorted({s.recogniser for s in run if s is not winner})
    reason = f"{winner.reason}; merged with {len(run) - 1} overlapping span(s) from {', '.join(others)}"
    return IdentifierSpan(winner.entity_type, start, end, winner.score, winner.recogniser, reason)
