"""Small helpers several test packages share: Debian's Chromium for Playwright, and the text of a PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from tests.conftest import REPOSITORY

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPOSITORY / "out" / "test-artifacts"  # screenshots kept for a person to look at
# Headless, and quiet: the machine's network is closed, so Chromium's background connections only make noise.
LAUNCH_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
