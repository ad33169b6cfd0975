"""Small pieces of English the letters are written with."""

from __future__ import annotations

from collections.abc import Sequence


def join_words(words: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def lower_first(text: str) -> str:
    """ "Sensation reduced" -> "sensation reduced" inside a sentence; acronyms ("MRI", "L5") stay."""
    return text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text
