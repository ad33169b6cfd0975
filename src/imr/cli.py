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


class DecideFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class ReplayFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


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


@app.command("decide")
def decide_command(
    case_file: Annotated[str, typer.Argument(help="Case as YAML or JSON (or JSON Lines of cases); '-' for stdin.")],
    output_format: Annotated[
        DecideFormat, typer.Option("--format", "-f", help="text, json or jsonl.")
    ] = DecideFormat.text,
) -> None:
    """Decide the disputed items of a case under the MTUS and print the decisions with their trail.

    The case holds `summary` (clinical text), `requests` (list of strings) and optionally `request_date`,
    `injury_date`, `ur_date`. The result is a draft for a physician reviewer.

    Example: imr decide examples/decide/lumbar-pt.yaml --format text
    """
    from imr.guidelines.case_input import cases_from_text
    from imr.guidelines.decide import decide_case
    from imr.letters.issues_section import DRAFT_NOTICE, render_issues_section
    from imr.guidelines.export import determination_to_dict

    try:
        source, data = _read_input(case_file)
    except OSError as error:
        fail(f"{case_file}: {error.strerror or error}")
        raise typer.Exit(code=1) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{source}: binary file, expected YAML or JSON text")
        raise typer.Exit(code=1) from None
    try:
        cases = cases_from_text(text, source)
    except ImrError as error:
        fail(error)
        raise typer.Exit(code=1) from None
    for case in cases:
        determination = decide_case(case)
        if output_format is DecideFormat.text:
            print(DRAFT_NOTICE + "\n")
            print(render_issues_section(determination))
        else:
            body = determination_to_dict(determination)
            print(json.dumps(body, ensure_ascii=False, indent=None if output_format is DecideFormat.jsonl else 2))


@app.command("replay")
def replay_command(
    files: Annotated[list[str], typer.Argument(help="Published letters (text or PDF).")],
    output_format: Annotated[ReplayFormat, typer.Option("--format", "-f", help="table or jsonl.")] = ReplayFormat.table,
) -> None:
    """Re-decide published letters from what a case file holds, and report agreement with the reviewers.

    The engine sees the case summary, each item's title, the header dates and the claims administrator's
    guideline line; never the published decision, the reviewer's guideline or the rationale.

    Example: imr replay ../shared/corpus/imr-2016/*.pdf
    """
    from imr.letters.read import read_letter
    from imr.letters.replay import agreement, replay_letter

    rows: list[Any] = []
    failures = 0
    with stderr.status("replaying letters...") if output_format is ReplayFormat.table else _quiet():
        for name in files:
            try:
                letter = read_letter(Path(name), name=name)
            except ImrError as error:
                fail(error)
                failures += 1
                continue
            letter_rows = replay_letter(letter)
            rows.extend(letter_rows)
            if output_format is ReplayFormat.jsonl:
                for row in letter_rows:
                    print(json.dumps(row.as_json(), ensure_ascii=False))
    if output_format is ReplayFormat.table and rows:
        _print_replay(rows, agreement(rows))
    if failures:
        raise typer.Exit(code=1)


class _quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _print_replay(rows: list[Any], summary: Any) -> None:
    table = Table()
    for column in ("case", "#", "item", "published", "engine", "rule"):
        table.add_column(column, overflow="fold")
    for row in rows:
        engine = row.decision.value if row.decision else "undecided"
        table.add_row(
            row.case_number or row.file,
            str(row.index),
            row.request,
            row.published_decision.value,
            engine,
            row.rule or "",
        )
    stdout.print(table)
    stdout.print(
        f"{summary.items} items; decided {summary.decided} ({summary.share_decided:.1%}); "
        f"accuracy on decided {summary.accuracy_decided:.3f}; accuracy counting undecided as wrong "
        f"{summary.accuracy_all:.3f}; balanced accuracy {summary.balanced_accuracy():.3f} "
        f"(decided only {summary.balanced_accuracy(count_undecided=False):.3f}); "
        f"cited guideline agrees on {summary.citation_agreed}/{summary.citation_checked}"
    )
    confusion = Table(title="published (rows) x engine (columns)")
    confusion.add_column("published")
    for engine in ("upheld", "overturned", "undecided"):
        confusion.add_column(engine)
    for published in ("upheld", "overturned"):
        confusion.add_row(
            published,
            *(str(summary.confusion.get((published, e), 0)) for e in ("upheld", "overturned", "undecided")),
        )
    stdout.print(confusion)


def main() -> None:
    try:
        app()
    except ImrError as error:  # a library error that escaped a command: still one line
        fail(error)
        sys.exit(1)
