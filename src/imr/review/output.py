"""Write the letter files into a folder a command is building (see imr.folder_commit for the commit point)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from imr.folder_commit import checkpoint
from imr.phi import KnownIdentifier
from imr.review.document import FinalDetermination
from imr.review.public import public_letter
from imr.review.render import render_html, render_pdf, render_text

LETTER_FILES = {
    "text": "letter.txt",
    "html": "letter.html",
    "pdf": "letter.pdf",
    "public_text": "public/letter.txt",
    "public_html": "public/letter.html",
    "public_pdf": "public/letter.pdf",
}
RECORD_FILES = ("determination.json", "signature.json", "eligibility.json", "assignment.json")
# Everything imr review and imr sign write in an output folder: a folder holding anything else is not replaced.
OUTPUT_NAMES = frozenset({*LETTER_FILES.values(), "public", *RECORD_FILES})


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    checkpoint("file")


def json_bytes(value: Any) -> bytes:
    """``value`` as the determination folders hold JSON: indented, UTF-8, a final newline."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, json_bytes(value))


def write_letter_files(out: Path, letter: FinalDetermination, parties: list[KnownIdentifier]) -> dict[str, Path]:
    """letter.txt/.html/.pdf, and the redacted public version of each under public/."""
    text = render_text(letter)
    html = render_html(letter)
    public = public_letter(letter, parties)  # redacted field by field as plain text, then rendered and escaped
    public_text = render_text(public)
    public_html = render_html(public)
    files = {kind: out / name for kind, name in LETTER_FILES.items()}
    write_atomic(files["text"], text.encode("utf-8"))
    write_atomic(files["html"], html.encode("utf-8"))
    write_atomic(files["pdf"], render_pdf(html))
    write_atomic(files["public_text"], public_text.encode("utf-8"))
    write_atomic(files["public_html"], public_html.encode("utf-8"))
    write_atomic(files["public_pdf"], render_pdf(public_html))
    return files
