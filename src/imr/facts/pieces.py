"""Long records are read in pieces: whole paragraphs up to a few thousand characters, and a paragraph too long
for one piece cut at its sentence ends.

spaCy refuses texts over a million characters, and ConText's work grows with the square of a document's size
(every modifier is tried against every target), so a 900 KB record set read as one document took minutes. The
pipeline ends a sentence at a blank line, and no ConText scope leaves its sentence, so reading piece by piece
gives the facts the whole text would. Pieces are contiguous (each runs to the start of the next), so every
position of the text lies in exactly one piece and offsets map back by adding the piece's start.
"""

from __future__ import annotations

import re

MAX_PIECE = 3_000  # characters: a few hundred tokens, a few dozen entities

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# a sentence end inside a long paragraph: ". " before a capital, a digit or an opening bracket, or a line end
# after a full stop ("Discharged 06/28/2016 to a home exercise program.\n- Chiropractic: 6 visits")
_SENTENCE_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bvs)(?<!\bNo)[.!?][\"')\]]?(?:[ \t]+(?=[A-Z0-9(\"])|\n\s*)"
)


def piece_bounds(text: str, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``text``, contiguous, in order, none over ``limit`` characters unless
    a single sentence is (then it is cut at a line break, or at a space, as a last resort)."""
    starts = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text) if m.end() < len(text)), len(text)]
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, paragraph_end in enumerate(starts[1:], start=1):
        following = starts[index + 1] if index + 1 < len(starts) else None
        if following is not None and following - start <= limit:
            continue  # the next paragraph fits in this piece too
        bounds.extend(_cut(text, start, paragraph_end, limit))
        start = paragraph_end
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
