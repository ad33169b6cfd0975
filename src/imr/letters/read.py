"""read_letter: a path, bytes or text in; a typed Letter out, whatever the layout."""

from __future__ import annotations

import dataclasses
import os

from imr.errors import InputError, LetterFormatError
from imr.letters.layout import classify_layout
from imr.letters.modern import read_modern_letter
from imr.records import Layout, Letter
from imr.text.normalise import normalise_document
from imr.text.sources import (
    MAX_INPUT_BYTES,
    SourceText,
    decode_bytes,
    looks_like_path,
    printable_name,
    read_source,
    too_large,
)

LetterInput = str | bytes | os.PathLike[str]


def _source_of(value: object, name: object) -> SourceText:
    if name is not None and not isinstance(name, str):
        raise InputError(f"the name must be text, not {type(name).__name__}", source="<input>")
    shown = printable_name(name) if name else None
    if isinstance(value, bytes | bytearray):
        return decode_bytes(bytes(value), shown or "<bytes>")
    if isinstance(value, os.PathLike):
        return read_source(value, shown)
    if not isinstance(value, str):
        raise InputError(f"expected a path, bytes or text, not {type(value).__name__}", source=shown or "<input>")
    if looks_like_path(value):
        return read_source(value, shown)
    if not value or value.isspace():
        raise LetterFormatError("empty text", source=shown or "<text>")
    return SourceText(shown or "<text>", value, from_pdf=False)


def read_letter(value: LetterInput, *, name: str | None = None) -> Letter:
    """Read one IMR Final Determination letter.

    ``value`` is a path (text or PDF), the letter's bytes, or its text. ``name`` is what errors and the
    result call the source (defaults to the path as given). Raises a subclass of ``imr.errors.ImrError``, and
    nothing else, whatever ``value`` is: a value of another type, or over 20 MB, is an ``InputError``.
    """
    source = _source_of(value, name)
    if len(source.text) > MAX_INPUT_BYTES:  # text given as such, or a PDF whose text outgrows the file
        raise too_large(source.name)
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
