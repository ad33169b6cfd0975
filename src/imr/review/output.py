"""Write the letter files: atomically (temporary file, then rename), so nothing already written is corrupted."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from imr.phi import KnownIdentifier, redact_for_publication
from imr.review.document import FinalDetermination
from imr.review.render import render_html, render_pdf, render_text


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


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def write_letter_files(out: Path, letter: FinalDetermination, parties: list[KnownIdentifier]) -> dict[str, Path]:
    """letter.txt/.html/.pdf, and the redacted public version of each under public/."""
    text = render_text(letter)
    html = render_html(letter)
    public_text = redact_for_publication(text, parties).text
    public_html = redact_for_publication(html, parties).text
    files = {
        "text": out / "letter.txt",
        "html": out / "letter.html",
        "pdf": out / "letter.pdf",
        "public_text": out / "public" / "letter.txt",
        "public_html": out / "public" / "letter.html",
        "public_pdf": out / "public" / "letter.pdf",
    }
    write_atomic(files["text"], text.encode("utf-8"))
    write_atomic(files["html"], html.encode("utf-8"))
    write_atomic(files["pdf"], render_pdf(html))
    write_atomic(files["public_text"], public_text.encode("utf-8"))
    write_atomic(files["public_html"], public_html.encode("utf-8"))
    write_atomic(files["public_pdf"], render_pdf(public_html))
    return files
