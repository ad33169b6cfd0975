"""Turn a path, bytes or text into the text the readers parse (PDF text is extracted with pypdfium2)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from imr.errors import InputError

_PDF_MAGIC = b"%PDF-"
_MAX_PATH_LENGTH = 4096
# A letter's PDF is some hundred kilobytes and its text some ten thousand characters: past this, a file (or /dev/zero)
# is not read on until memory runs out.
MAX_INPUT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    name: str  # the path as given, "<stdin>" or "<text>"
    text: str
    from_pdf: bool


def extract_pdf_text(data: bytes, name: str) -> str:
    """Text of every page, pages joined by a newline. Corrupt or encrypted PDFs raise InputError."""
    import pypdfium2 as pdfium  # imported here: starting the CLI should not pay for it

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})", source=name) from exc
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range())
            text_page.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(f"PDF page could not be read ({exc})", source=name) from exc
    finally:
        document.close()
    text = "\n".join(pages)
    if not text.strip():
        raise InputError("PDF holds no text (a scanned image? OCR it first)", source=name)
    return text


def too_large(name: str) -> InputError:
    return InputError(f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB: not a determination letter", source=name)


def printable_name(name: str) -> str:
    """``name`` on one printable line, as error messages quote it: a file name may hold a newline."""
    return name if name.isprintable() else repr(name)[1:-1]


def decode_bytes(data: bytes, name: str) -> SourceText:
    if len(data) > MAX_INPUT_BYTES:
        raise too_large(name)
    if not data.strip():
        raise InputError("empty file", source=name)
    if data.startswith(_PDF_MAGIC):
        return SourceText(name, extract_pdf_text(data, name), from_pdf=True)
    if b"\x00" in data[:8192]:
        raise InputError("binary file: neither text nor PDF", source=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError("binary file: neither text nor PDF", source=name) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    control = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if control > 0.01 * min(len(text), 8192):
        raise InputError("binary file: neither text nor PDF", source=name)
    return SourceText(name, text, from_pdf=False)


def read_source(path: str | os.PathLike[str], name: str | None = None) -> SourceText:
    try:
        location = os.fsdecode(path)
    except TypeError as exc:  # a path object whose __fspath__ returns neither text nor bytes
        raise InputError("not a path", source=name or "<path>") from exc
    name = name or printable_name(location)
    try:
        with Path(location).open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError("no such file", source=name) from exc
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a letter", source=name) from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=name) from exc
    except ValueError as exc:  # a NUL in the name, or a character the file system cannot encode
        raise InputError("not a usable file name", source=name) from exc
    return decode_bytes(data, name)


def looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < _MAX_PATH_LENGTH and os.path.exists(value)
