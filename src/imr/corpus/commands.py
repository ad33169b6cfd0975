"""`imr corpus build | stats | query | report`: the published letters as tables."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from imr.corpus.dimensions import Dimension
from imr.errors import ImrError
from imr.terminal import fail, stderr, stdout

corpus_app = typer.Typer(
    help="The published letters as a queryable corpus: build Parquet tables, statistics, SQL, a report.",
    no_args_is_help=True,
)
# tables piped into a file or a pager are printed wide enough that a row stays on one line
_stdout = stdout if stdout.is_terminal else Console(soft_wrap=True, width=200)
_HEADINGS = {
    "median_days_ur_to_decision": "median days UR to IMR",
    "uphold_rate": "uphold rate (95% CI)",
    "engine_decided": "engine decided",
    "engine_accuracy": "engine agreement",
    "engine_balanced_accuracy": "engine balanced acc.",
}


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _fail(error: ImrError | str) -> typer.Exit:
    fail(error)
    return typer.Exit(code=1)


def _print_rows(columns: list[str], rows: list[dict[str, Any]], output_format: OutputFormat, title: str = "") -> None:
    if output_format is OutputFormat.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif output_format is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=title or None)
        for column in columns:
            table.add_column(_HEADINGS.get(column, column), overflow="fold")
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
        _stdout.print(table)


@corpus_app.command("build")
def build_command(
    sources: Annotated[
        list[Path], typer.Argument(help="Letters: PDF or text files, folders (recursively), zip archives.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The corpus folder (created if new).")],
    workers: Annotated[int | None, typer.Option(help="Local worker processes (default: one per core).", min=1)] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="A Dask scheduler (tcp://HOST:8786): run the build on that cluster.")
    ] = None,
    decide: Annotated[bool, typer.Option("--decide", help="Also re-decide every item with the engine.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Read everything again, even files already read.")] = False,
) -> None:
    """Read every letter under SOURCES into Parquet tables (letters, items, citations, errors, files) in OUT.

    A bad file goes to the errors table and the build goes on; a second build over the same sources does no work.

    Example: imr corpus build ../shared/corpus/imr-2016 --out out/corpus --decide
    """
    from imr.corpus.build import build_corpus
    from imr.corpus.progress import LineProgress, TerminalProgress

    progress = TerminalProgress(stderr) if stderr.is_terminal else LineProgress(sys.stderr)
    try:
        summary = build_corpus(
            sources, out, workers=workers, scheduler=scheduler, decide=decide, force=force, progress=progress
        )
    except ImrError as error:
        raise _fail(error) from None
    rate = summary.opened / summary.seconds if summary.seconds else 0.0
    stderr.print(
        f"{summary.listed:,} letters listed: {summary.read:,} read ({summary.items:,} items), "
        f"{summary.failed:,} failed, {summary.duplicates:,} already read under another name, "
        f"{summary.unchanged:,} unchanged since the last build; {summary.seconds:,.1f} s ({rate:,.1f} files/s)",
        markup=False,
        highlight=False,
    )
    if summary.failed:
        stderr.print(
            f'The failures are in the errors table: imr corpus query {out} "SELECT file, reason FROM errors"',
            markup=False,
            highlight=False,
        )


@corpus_app.command("stats")
def stats_command(
    corpus: Annotated[Path, typer.Argument(help="A corpus folder made by `imr corpus build`.")],
    by: Annotated[Dimension, typer.Option("--by", help="Group the items by this.")] = Dimension.all,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Items, uphold and overturn rates (95% Wilson interval), days from UR to decision, engine agreement.

    Example: imr corpus stats out/corpus --by service
    """
    from imr.corpus.stats import GroupStats, corpus_stats

    try:
        groups = corpus_stats(corpus, by)
    except ImrError as error:
        raise _fail(error) from None
    rows = [group.as_dict() for group in groups]
    columns = list(GroupStats.__dataclass_fields__)
    if output_format is OutputFormat.table:
        if all(row["engine_decided"] is None for row in rows):
            columns = [c for c in columns if not c.startswith("engine_")]
        for row in rows:
            row["uphold_rate"] = f"{row['uphold_rate']:.1%} ({row['uphold_ci_low']:.1%}-{row['uphold_ci_high']:.1%})"
            for name in ("engine_accuracy", "engine_balanced_accuracy"):
                row[name] = f"{row[name]:.3f}" if row[name] is not None else None
            row[by.value] = row.pop("group")
        columns[0] = by.value
        columns = [c for c in columns if c not in {"uphold_ci_low", "uphold_ci_high"}]
    _print_rows(columns, rows, output_format, title=f"items by {by.value}")


@corpus_app.command("query")
def query_command(
    corpus: Annotated[Path, typer.Argument(help="A corpus folder made by `imr corpus build`.")],
    sql: Annotated[str, typer.Argument(help="DuckDB SQL over letters, items, citations, errors, files.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Run DuckDB SQL over the tables.

    Example: imr corpus query out/corpus "SELECT service, count(*) n FROM items GROUP BY 1 ORDER BY n DESC"
    """
    from imr.corpus.query import run_query

    try:
        result = run_query(corpus, sql)
    except ImrError as error:
        raise _fail(error) from None
    _print_rows(result.columns, result.records(), output_format)


@corpus_app.command("report")
def report_command(
    corpus: Annotated[Path, typer.Argument(help="A corpus folder made by `imr corpus build`.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write one self-contained HTML page: volume by month, uphold rates by category over time, turnaround,
    the guidelines reviewers cite, engine agreement. Nothing is fetched from the network when it is opened.

    Example: imr corpus report out/corpus --out out/report.html
    """
    from imr.corpus.report import write_report

    try:
        write_report(corpus, out)
    except ImrError as error:
        raise _fail(error) from None
    stderr.print(f"report written to {out}", markup=False, highlight=False)
