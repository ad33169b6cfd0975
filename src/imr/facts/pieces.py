"""Long records are read in pieces: paragraphs, and a paragraph too long for one piece at its sentence ends.

spaCy refuses texts over a million characters, and ConText's work grows with the square of a document's size
(every modifier is tried against every target), so a 900 KB record set read as one document took minutes. The
pipeline's sentences and ConText scopes never cross a paragraph break, so reading paragraph by paragraph gives
the same facts. Pieces are contiguous: each runs from the start of a paragraph to the start of the next, so
every position of the text lies in exactly one piece and offsets map back by adding the piece's start.
"""

from __future__ import annotations

import re

MAX_PIECE = 8_000  # characters: a few hundred tokens of ConText work at most

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# a sentence end inside a long paragraph: ". " before a capital, a digit or an opening bracket, or a line end
# after a full stop ("Discharged 06/28/2016 to a home exercise program.\n- Chiropractic: 6 visits")
_SENTENCE_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bvs)(?<!\bNo)[.!?][\"')\]]?(?:[ \t]+(?=[A-Z0-9(\"])|\n\s*)"
)


def piece_bounds(text: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``text``, contiguous, in order, none over ``limit`` characters unless
    a single sentence is (then it is cut at a line break, or at a space, as a last resort)."""
    starts = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text) if m.end() < len(text))]
    bounds: list[tuple[int, int]] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        bounds.extend(_cut(text, start, end, limit))
    return [b for b in bounds if b[1] > b[0]] or [(0, len(text))]


def _cut(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = _last_break(text, start, start + limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _last_break(text: str, start: int, stop: int) -> int:
    """The last sentence end in ``text[start:stop]`` (past its first half), else the last line break, else the
    last space, else ``stop``."""
    middle = start + (stop - start) // 2
    last = None
    for match in _SENTENCE_END.finditer(text, middle, stop):
        last = match.end()
    if last is not None and last < stop:
        return last
    for separator in ("\n", " "):
        found = text.rfind(separator, middle, stop)
        if found > start:
            return found + 1
    return stop
