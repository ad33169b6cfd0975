"""Render a FinalDetermination as text, HTML and PDF (Jinja2 templates; WeasyPrint for the PDF)."""

from __future__ import annotations

import textwrap
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from imr.errors import ImrError
from imr.review.document import FinalDetermination

WIDTH = 100


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(paragraph, WIDTH) for paragraph in str(text).split("\n"))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("imr.review", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    environment.filters["wrap"] = _wrap
    return environment


def render_text(letter: FinalDetermination) -> str:
    return _environment().get_template("letter.txt.j2").render(letter=letter)


def render_html(letter: FinalDetermination) -> str:
    return _environment().get_template("letter.html.j2").render(letter=letter)


def render_pdf(html: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # the system's Pango/HarfBuzz libraries are missing
        raise ImrError(f"PDF output needs WeasyPrint and its system libraries ({exc})") from exc
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
