"""DuckDB over the corpus tables: each table is a view over its Parquet parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from imr.corpus.store import CorpusError, require_readable
from imr.corpus.tables import SCHEMAS, TABLES, table_files, table_glob


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(corpus: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the views letters, items, citations, errors and files."""
    require_readable(corpus)
    connection = duckdb.connect(":memory:")
    for table in TABLES:
        if table_files(corpus, table):
            source = f"read_parquet({_quoted(table_glob(corpus, table))}, union_by_name=true)"
            connection.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
        else:  # a corpus with nothing read yet still answers, with empty tables
            columns = ", ".join(f"CAST(NULL AS {_duck_type(field.type)}) AS {field.name}" for field in SCHEMAS[table])
            connection.execute(f"CREATE VIEW {table} AS SELECT {columns} WHERE false")
    return connection


def _duck_type(arrow_type: Any) -> str:
    text = str(arrow_type)
    return {"string": "VARCHAR", "int64": "BIGINT", "int32": "INTEGER", "bool": "BOOLEAN", "date32[day]": "DATE"}.get(
        text, "VARCHAR"
    )


def run_query(corpus: Path, sql: str) -> QueryResult:
    """Run one SQL statement over the corpus views. A bad statement raises CorpusError with DuckDB's first line."""
    if not sql.strip():
        raise CorpusError("empty query", field="SQL")
    connection = connect(corpus)
    try:
        cursor = connection.execute(sql)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorpusError(first_line, field="SQL") from exc
    finally:
        connection.close()
    return QueryResult(columns, rows)
