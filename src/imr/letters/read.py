"""read_letter: a path, bytes or text in; a typed Letter out, whatever the layout."""

from __future__ import annotations

import dataclasses
import os

from imr.errors import LetterFormatError
from imr.letters.layout import classify_layout
from imr.letters.modern import read_modern_letter
from imr.records import Layout, Letter
from imr.text.normalise import normalise_document
from imr.text.sources import SourceText, decode_bytes, looks_like_path, read_source

LetterInput = str | bytes | os.PathLike[str]


def _source_of(value: LetterInput, name: str | None) -> SourceText:
    if isinstance(value, bytes):
        return decode_bytes(value, name or "<bytes>")
    if isinstance(value, os.PathLike) or (isinstance(value, str) and looks_like_path(value)):
        return read_source(value, name)
    if not value.strip():
        raise LetterFormatError("empty text", source=name or "<text>")
    return SourceText(name or "<text>", value, from_pdf=False)


def read_letter(value: LetterInput, *, name: str | None = None) -> Letter:
    """Read one IMR Final Determination letter.

    ``value`` is a path (text or PDF), the letter's bytes, or its text. ``name`` is what errors and the
    result call the source (defaults to the path as given). Raises a subclass of ``imr.errors.ImrError``.
    """
    source = _source_of(value, name)
    return read_letter_text(source.text, source.name)


def read_letter_text(text: str, source: str) -> Letter:
    document = normalise_document(text)
    layout = classify_layout(document.text)
    if layout is None:
        raise LetterFormatError("not an IMR determination letter: no known layout markers", source=source)
    if layout in (Layout.SEED, Layout.Y2016):
        letter = read_modern_letter(document, source, layout)
    else:
        from imr.letters.older import read_older_letter

        letter = read_older_letter(document, source, layout)
    return dataclasses.replace(letter, text=text)
