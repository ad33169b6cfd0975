"""Alembic's environment for the case store: the engine comes from imr.store.database, never from an ini file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from imr.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through imr.store.database.upgrade (imr db upgrade)")

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
