"""Where the case store lives and how to reach it: an embedded SQLite file by default, PostgreSQL by URL.

The URL comes from the caller, else ``IMR_DATABASE_URL``, else the SQLite file ``$XDG_DATA_HOME/imr/imr.sqlite``
(``~/.local/share/imr/imr.sqlite``). The schema is Alembic's: ``upgrade`` brings any database to the newest
revision, and ``Store`` refuses a database that is behind, naming the command that fixes it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from imr.errors import StoreError

URL_VARIABLE = "IMR_DATABASE_URL"
MIGRATIONS = Path(__file__).parent / "migrations"


def default_database_url() -> str:
    named = os.environ.get(URL_VARIABLE, "").strip()
    if named:
        return named
    data = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(data) if data else Path.home() / ".local" / "share"
    return f"sqlite:///{base / 'imr' / 'imr.sqlite'}"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created. A URL that names no known database is one error."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}", field="--db") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql", field="--db")
    try:
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)
    except NoSuchModuleError as exc:
        raise StoreError(f"no driver for {parsed.drivername!r} (use postgresql+psycopg://)", field="--db") from exc


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config(create_engine("sqlite://"))).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise StoreError(f"cannot reach the database ({_first_line(exc)})", field="--db") from exc


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; the revisions before and after."""
    before = current_revision(engine)
    command.upgrade(_alembic_config(engine), "head")
    return before, head_revision()


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


class Store:
    """The engine and its sessions. ``Store(url)`` refuses a database whose schema is not the newest."""

    def __init__(self, url: str | None = None, *, upgrade_schema: bool = False) -> None:
        self.url = url or default_database_url()
        self.engine = create_store_engine(self.url)
        if upgrade_schema:
            upgrade(self.engine)
        revision = current_revision(self.engine)
        if revision != head_revision():
            state = "has no tables" if revision is None else f"is at revision {revision}"
            raise StoreError(f"the database {state}; run `imr db upgrade --db URL` first", field="--db")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing stored) when it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)
