"""Evidence in the record pane: a record's text cut into pieces at the edges of the evidence spans found in it.

The draft trail locates every piece of evidence in one document by offsets (views.draft_trail). The record pane
shows each document's text with its evidence spans wrapped in <mark> elements, so a criterion can point at its
evidence. Spans may overlap ("low back pain" and "back pain"), so the text is cut at every span edge and each piece
lists the spans that cover it; the first piece of a span carries the span's id, for links and scrolling.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a record's text: plain when ``spans`` is empty, else part of each evidence span it names."""

    text: str
    spans: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # the spans that begin with this piece (their ids go on it)


def evidence_id(document: int, start: int, end: int) -> str:
    return f"ev-{document}-{start}-{end}"


def _span_of(evidence: Mapping[str, Any]) -> tuple[int, int, int] | None:
    document, start, end = evidence.get("document"), evidence.get("start"), evidence.get("end")
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in (document, start, end)):
        return None
    assert isinstance(document, int) and isinstance(start, int) and isinstance(end, int)
    return (document, start, end) if 0 <= start < end else None


def criterion_evidence(criterion: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A criterion's evidence once each (the engine may cite one span twice), each with its span id, or None when
    the evidence could not be placed in a record."""
    shown: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for evidence in criterion.get("evidence", []):
        span = _span_of(evidence)
        key: tuple[Any, ...] = span if span is not None else ("unplaced", evidence.get("quote"))
        if key in seen:
            continue
        seen.add(key)
        shown.append({**evidence, "id": evidence_id(*span) if span else None})
    return shown


def spans_by_document(items: Iterable[Mapping[str, Any]]) -> dict[int, set[tuple[int, int]]]:
    """Every located evidence span of the draft's items, by document number."""
    found: dict[int, set[tuple[int, int]]] = {}
    for item in items:
        for criterion in item.get("criteria", []):
            for evidence in criterion.get("evidence", []):
                span = _span_of(evidence)
                if span is not None:
                    found.setdefault(span[0], set()).add((span[1], span[2]))
    return found


def marked_text(text: str, document: int, spans: Iterable[tuple[int, int]]) -> list[Piece]:
    """``text`` cut at every edge of ``spans``; a span reaching past the text is cut short there but keeps its id."""
    marks = sorted(
        {(max(0, s), min(len(text), e), evidence_id(document, s, e)) for s, e in spans if min(len(text), e) > max(0, s)}
    )
    edges = sorted({0, len(text), *(edge for start, end, _ in marks for edge in (start, end))})
    pieces: list[Piece] = []
    for start, end in pairwise(edges):
        covering = [mark for mark in marks if mark[0] <= start and end <= mark[1]]
        ids = tuple(mark_id for _, _, mark_id in covering)
        starts = tuple(mark_id for mark_start, _, mark_id in covering if mark_start == start)
        pieces.append(Piece(text[start:end], ids, starts))
    return pieces


def marked_documents(
    documents: Sequence[Mapping[str, Any]], items: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The draft's documents, each with its text as pieces ready for the record pane."""
    spans = spans_by_document(items)
    return [
        {**document, "pieces": marked_text(document["text"], document["number"], spans.get(document["number"], ()))}
        for document in documents
    ]
