"""The corpus tables: their names, their Arrow schemas, and where their Parquet parts live.

A corpus folder holds ``parts/<part>/<table>.parquet``: every part is written whole into a hidden folder and
renamed into place, so a reader (or a resumed build) never sees half a part.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

FILES = "files"
LETTERS = "letters"
ITEMS = "items"
CITATIONS = "citations"
ERRORS = "errors"

SCHEMAS: dict[str, pa.Schema] = {
    # every source file seen, by its path and signature: how a later build knows it has nothing to do
    FILES: pa.schema(
        [
            ("file", pa.string()),
            ("size", pa.int64()),
            ("mtime_ns", pa.int64()),
            ("content_hash", pa.string()),
            ("status", pa.string()),  # letter | error | duplicate
        ]
    ),
    LETTERS: pa.schema(
        [
            ("letter_id", pa.string()),  # sha256 of the file's bytes
            ("file", pa.string()),
            ("kind", pa.string()),  # pdf | text
            ("bytes", pa.int64()),
            ("layout", pa.string()),
            ("case_number", pa.string()),
            ("priority", pa.string()),
            ("date_assigned", pa.date32()),
            ("date_of_injury", pa.date32()),
            ("ur_denial_date", pa.date32()),
            ("application_received", pa.date32()),
            ("decision_date", pa.date32()),
            ("days_ur_to_decision", pa.int32()),
            ("review_organisation", pa.string()),
            ("reviewer_specialty", pa.string()),
            ("reviewer_subspecialty", pa.string()),
            ("reviewer_licence", pa.string()),
            ("items", pa.int32()),
            ("upheld", pa.int32()),
            ("overturned", pa.int32()),
            ("warnings", pa.string()),
        ]
    ),
    ITEMS: pa.schema(
        [
            ("letter_id", pa.string()),
            ("case_number", pa.string()),
            ("item", pa.int32()),
            ("title", pa.string()),
            ("service", pa.string()),  # null when the request parser could not read the title
            ("category", pa.string()),
            ("region", pa.string()),  # the first region named
            ("laterality", pa.string()),
            ("regions", pa.string()),  # every region, "; "-joined
            ("sessions", pa.int32()),
            ("frequency_per_week", pa.int32()),
            ("weeks", pa.int32()),
            ("drug", pa.string()),
            ("drug_class", pa.string()),
            ("strength", pa.string()),
            ("quantity", pa.int32()),
            ("retrospective", pa.bool_()),
            ("partial_certification", pa.bool_()),
            ("decision", pa.string()),  # upheld | overturned
            ("claims_administrator_guideline", pa.string()),
            ("reviewer_guideline", pa.string()),
            ("reviewer_family", pa.string()),  # the first guideline the reviewer cited
            ("reviewer_mtus", pa.bool_()),
            ("engine_decision", pa.string()),  # with --decide: upheld | overturned | undecided
            ("engine_rule", pa.string()),
            ("engine_citation", pa.string()),
            ("engine_agrees", pa.bool_()),
        ]
    ),
    CITATIONS: pa.schema(
        [
            ("letter_id", pa.string()),
            ("item", pa.int32()),
            ("party", pa.string()),  # claims_administrator | reviewer
            ("position", pa.int32()),
            ("family", pa.string()),
            ("title", pa.string()),
            ("mtus", pa.bool_()),
            ("chapter", pa.int32()),
            ("edition_year", pa.int32()),
            ("sections", pa.string()),
            ("pages", pa.string()),
            ("raw", pa.string()),
        ]
    ),
    ERRORS: pa.schema(
        [
            ("file", pa.string()),
            ("content_hash", pa.string()),
            ("error", pa.string()),  # the error's kind: InputError, LetterFormatError, ...
            ("reason", pa.string()),  # one line
        ]
    ),
}

TABLES: tuple[str, ...] = (LETTERS, ITEMS, CITATIONS, ERRORS, FILES)
PARTS = "parts"


def parts_folder(corpus: Path) -> Path:
    return corpus / PARTS


def table_glob(corpus: Path, table: str) -> str:
    """The glob DuckDB (or any Parquet reader) reads one table through."""
    return str(parts_folder(corpus) / "*" / f"{table}.parquet")


def table_files(corpus: Path, table: str) -> list[Path]:
    folder = parts_folder(corpus)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*/{table}.parquet"))
