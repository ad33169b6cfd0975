"""Turn a path, bytes or text into the text the readers parse (PDF text is extracted with pypdfium2)."""

from __future__ import annotations

import codecs
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


_UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
# Records come from many offices: UTF-8 first, then Windows-1252 (Word's "smart quotes"), then Latin-1, which
# decodes any byte (a binary file is told apart by its NULs and control characters, not by the decoder failing).
TEXT_ENCODINGS = ("utf-8", "cp1252", "latin-1")


def decode_text(data: bytes) -> str | None:
    """``data`` as text (a byte-order mark removed), or None when it holds NULs and so is binary."""
    for bom, encoding in _UTF16_BOMS.items():
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:8192]:
        return None
    data = data.removeprefix(codecs.BOM_UTF8)
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None  # not reached: latin-1 decodes every byte


def _is_control(character: str) -> bool:
    """A control character text files do not hold (C0 other than white space, DEL, and the C1 range)."""
    code = ord(character)
    return (code < 32 and character not in "\n\r\t\f\v") or 127 <= code < 160


def decode_bytes(data: bytes, name: str) -> SourceText:
    if len(data) > MAX_INPUT_BYTES:
        raise too_large(name)
    if not data.strip():
        raise InputError("empty file", source=name)
    if data.startswith(_PDF_MAGIC):
        return SourceText(name, extract_pdf_text(data, name), from_pdf=True)
    text = decode_text(data)
    if text is None:
        raise InputError("binary file: neither text nor PDF", source=name)
    control = sum(1 for c in text[:8192] if _is_control(c))
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
