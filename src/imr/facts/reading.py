"""A text as the clinical pipeline reads it: in pieces, each tokenised, split into sentences and sections once.

Fact extraction and the ConText judgement of spans (facts/context.py) share one reading per text, so both see
the same sentences. Every offset here is into the original text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from imr.facts.pieces import piece_bounds
from imr.facts.pipeline import clinical_pipeline, prepare
from imr.facts.sections import Heading


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of the text and its spaCy document (sentences and section headings set, no entities)."""

    start: int
    end: int
    document: Any
    headings: tuple[Heading, ...] = ()

    def copy(self) -> Any:
        """A copy of the document to set entities on: the reading is shared."""
        return self.document.copy()


@dataclass(frozen=True)
class Sentences:
    """Sentence bounds ``(start, end)`` in text order, with the sentence around any position."""

    bounds: tuple[tuple[int, int], ...]

    @cached_property
    def _starts(self) -> list[int]:
        return [start for start, _ in self.bounds]

    def around(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, position) - 1
        return self.bounds[index] if index >= 0 else (position, position)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.bounds)


@dataclass(frozen=True)
class Reading:
    text: str
    pieces: tuple[Piece, ...]

    @cached_property
    def _starts(self) -> list[int]:
        return [piece.start for piece in self.pieces]

    def piece_at(self, position: int) -> int:
        """The index of the piece holding ``position``."""
        return max(0, bisect.bisect_right(self._starts, position) - 1)

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(heading for piece in self.pieces for heading in piece.headings)

    @cached_property
    def sentences(self) -> Sentences:
        """Every sentence, as the pipeline splits them."""
        return Sentences(
            tuple(
                (piece.start + sentence.start_char, piece.start + sentence.end_char)
                for piece in self.pieces
                for sentence in piece.document.sents
            )
        )


@lru_cache(maxsize=8)
def read(text: str) -> Reading:
    """Cached: extraction and every reader of a case's facts ask about the same record text."""
    nlp = clinical_pipeline()
    pieces = []
    for start, end in piece_bounds(text):
        document, headings = prepare(nlp, text[start:end], start)
        pieces.append(Piece(start, end, document, headings))
    return Reading(text, tuple(pieces))
