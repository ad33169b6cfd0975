"""Normalise extracted letter text into plain lines, with offsets back to the original.

Two PDF-extraction styles reach us. Seed letters carry an empty line after every printed line and a line
holding only a space where the printed page had a paragraph gap. The 2016 letters have one printed line per
text line and U+FFFE where the PDF hyphenated a word ("Electro\\ufffediagnostic").
"""

from __future__ import annotations

import re
from itertools import pairwise

from imr.text.mapped import MappedText

_REPLACEMENTS = {
    "\ufffe": "-",  # "Non\ufffeMTUS" in the 2016 letters
    "\u00ad": "-",
    "\u00a0": " ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2013": "-",  # en dash in "98–99"
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\t": " ",
    "\f": "\n",
    "\r": "\n",
    "\v": "\n",
}


_TABLE = str.maketrans(_REPLACEMENTS)
# dropped: the CR of a CRLF pair, and control or invisible format characters
_DROPPED = re.compile(r"\r(?=\n)|[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _clean_characters(raw: str) -> MappedText:
    """One-for-one replacements by translation; dropped characters cut the offset map into ranges."""
    translated = raw.translate(_TABLE)
    drops = [m.start() for m in _DROPPED.finditer(raw)]
    if not drops:
        return MappedText(translated, range(len(raw) + 1))
    pieces: list[str] = []
    offsets: list[int] = []
    previous = 0
    for position in drops:
        pieces.append(translated[previous:position])
        offsets.extend(range(previous, position))
        previous = position + 1
    pieces.append(translated[previous:])
    offsets.extend(range(previous, len(raw)))
    offsets.append(len(raw))
    return MappedText("".join(pieces), offsets)


def _is_double_spaced(lines: list[str]) -> bool:
    """True when text lines are separated by empty lines (the seed extraction style)."""
    text_after_empty = 0
    text_after_text = 0
    for previous, line in pairwise(lines):
        if not line.strip():
            continue
        if previous == "":
            text_after_empty += 1
        elif previous.strip():
            text_after_text += 1
    return text_after_empty > 2 * max(text_after_text, 1)


def normalise_document(raw: str) -> MappedText:
    """Clean characters and, for double-spaced extractions, collapse the line spacing.

    In the result, a single ``\\n`` separates printed lines and an empty line separates paragraphs.
    """
    cleaned = _clean_characters(raw)
    lines = cleaned.text.split("\n")
    if not _is_double_spaced(lines):
        return cleaned
    out: list[str] = []
    offs: list[int] = []
    cursor = 0
    pending_break = False
    pending_empty = 0
    for line in lines:
        line_start = cursor
        cursor += len(line) + 1
        if line == "":
            pending_empty += 1
            continue
        if not line.strip():
            pending_break = True
            continue
        if out:
            newline_at = cleaned.offsets[line_start - 1]
            out.append("\n")
            offs.append(newline_at)
            if pending_break or pending_empty >= 2:
                out.append("\n")
                offs.append(newline_at)
        out.extend(line)
        offs.extend(cleaned.offsets[line_start : line_start + len(line)])
        pending_break = False
        pending_empty = 0
    offs.append(cleaned.offsets[-1])
    return MappedText("".join(out), offs)
