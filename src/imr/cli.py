"""The `imr` command: a thin layer over the library's public API.

Every command prints one line per problem ("Error: FILE: what is wrong") and exits non-zero; nothing here
holds domain logic.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from imr.errors import ImrError

app = typer.Typer(
    name="imr",
    help="Independent Medical Review (California workers' compensation): read, decide and write IMR letters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


class LetterFormat(StrEnum):
    table = "table"
    json = "json"


def fail(error: ImrError | str) -> None:
    stderr.print(f"Error: {error}", markup=False, highlight=False)


def _read_input(name: str) -> tuple[str, bytes]:
    if name == "-":
        return "<stdin>", sys.stdin.buffer.read()
    return name, Path(name).read_bytes()


@app.command("parse")
def parse_command(
    files: Annotated[list[str], typer.Argument(help="Letters (text or PDF); '-' reads standard input.")],
    output_format: Annotated[LetterFormat, typer.Option("--format", "-f", help="table or json.")] = LetterFormat.table,
) -> None:
    """Read published IMR Final Determination letters and print what was decided.

    Example: imr parse tests/fixtures/seeds/*.txt --format json
    """
    from imr.letters.export import letter_to_dict
    from imr.letters.read import read_letter

    letters: list[Any] = []
    failures = 0
    for name in files:
        try:
            if name == "-":
                letter = read_letter(sys.stdin.buffer.read(), name="<stdin>")
            else:
                letter = read_letter(Path(name), name=name)
        except ImrError as error:
            fail(error)
            failures += 1
            continue
        except OSError as error:
            fail(f"{name}: {error.strerror or error}")
            failures += 1
            continue
        letters.append(letter)
    if output_format is LetterFormat.json:
        print(json.dumps([letter_to_dict(letter) for letter in letters], indent=2, ensure_ascii=False))
    elif letters:
        _print_letter_table(letters)
    if failures:
        raise typer.Exit(code=1)


def _print_letter_table(letters: list[Any]) -> None:
    table = Table(show_lines=False)
    for column in ("file", "case", "#", "item", "decision", "reviewer relied on"):
        table.add_column(column, overflow="fold")
    for letter in letters:
        case = letter.header.case_number.text if letter.header.case_number else ""
        for item in letter.items:
            cited = ""
            if item.reviewer_guideline is not None:
                cited = "; ".join(_citation_label(c) for c in item.reviewer_guideline.citations) or (
                    "no evidence cited" if item.reviewer_guideline.no_evidence_cited else ""
                )
            table.add_row(letter.source, case, str(item.index), item.title.text, item.decision.value, cited)
    stdout.print(table)
    upheld = sum(1 for letter in letters for item in letter.items if item.decision.value == "upheld")
    total = sum(len(letter.items) for letter in letters)
    stdout.print(f"{len(letters)} letters, {total} items: {upheld} upheld, {total - upheld} overturned")


def _citation_label(citation: Any) -> str:
    parts = [citation.title]
    if citation.edition_year:
        parts.append(str(citation.edition_year))
    if citation.sections:
        parts.append(", ".join(citation.sections))
    if citation.pages:
        parts.append("pp. " + ", ".join(str(p) for p in citation.pages))
    return " ".join(parts)


def main() -> None:
    try:
        app()
    except ImrError as error:  # a library error that escaped a command: still one line
        fail(error)
        sys.exit(1)
