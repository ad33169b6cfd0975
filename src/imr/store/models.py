"""The case store's tables (SQLAlchemy 2, typed). The schema itself is Alembic's (imr/store/migrations).

One row per thing a review organisation keeps: users and their roles, cases (the application and UR decision as
the case file gives them, the screening, deadlines and the assignment with every reviewer passed over), records as
uploaded bytes with their SHA-256, every engine draft with its whole trail, each reviewer change with its reason,
notes, the signature, every letter and public copy as files, and an audit event for every action.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Role(StrEnum):
    case_manager = "case_manager"
    reviewer = "reviewer"
    administrator = "administrator"


class CaseStatus(StrEnum):
    intake = "intake"  # taken in; records may still come
    ineligible = "ineligible"  # screened and not eligible for IMR
    deferred = "deferred"  # screened: liability disputed, the review waits
    eligible = "eligible"
    no_reviewer = "no_reviewer"  # nobody on the panel is qualified and free of conflicts
    assigned = "assigned"
    drafted = "drafted"
    signed = "signed"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012 (SQLAlchemy reads it so)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    # A reviewer's panel entry (imr.cases.panel.Reviewer as JSON); its "id" is reviewer_code.
    reviewer_code: Mapped[str | None] = mapped_column(String(64), unique=True)
    reviewer_profile: Mapped[dict[str, Any] | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), unique=True)
    priority: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.intake)
    application: Mapped[dict[str, Any]]  # the case file without its records list (those are rows of records)
    eligibility: Mapped[dict[str, Any] | None]
    deadlines: Mapped[dict[str, Any] | None]
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    assignment: Mapped[dict[str, Any] | None]  # reviewer codes and reasons only, never names
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative form)

    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    records: Mapped[list[CaseRecord]] = relationship(back_populates="case", order_by="CaseRecord.id")
    drafts: Mapped[list[Draft]] = relationship(back_populates="case", order_by="Draft.number")


class CaseRecord(Base):
    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("case_id", "file_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    record_type: Mapped[str] = mapped_column(String(40))
    author: Mapped[str] = mapped_column(String(255))
    organisation: Mapped[str | None] = mapped_column(String(255))
    record_date: Mapped[dt.date] = mapped_column(Date)
    media_type: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    case: Mapped[Case] = relationship(back_populates="records")


class Draft(Base):
    """One run of the engine: determination.json as the folder commands write it, and the records as read."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    determination: Mapped[dict[str, Any]]
    documents: Mapped[list[Any]]  # [{file, kind, author, date, start, end, text}] as the engine read them
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    case: Mapped[Case] = relationship(back_populates="drafts")


class ItemChange(Base):
    """The physician reviewer's decision for one item of a draft, with the reason they gave."""

    __tablename__ = "item_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    item_index: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    guideline: Mapped[str | None] = mapped_column(Text)
    rationale: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class CaseSignature(Base):
    """signature.json of the signed determination: the Ed25519 signature over the manifest of its files."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    signed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    key_fingerprint: Mapped[str] = mapped_column(String(128))
    record: Mapped[dict[str, Any]]


class DeterminationFile(Base):
    """A file of a determination folder: a draft's (draft_id) or the signed determination's (signature_id)."""

    __tablename__ = "determination_files"
    __table_args__ = (UniqueConstraint("draft_id", "signature_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"))
    signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEvent(Base):
    """Who did what to which case, when, whether it was done or refused, and the case's hash before and after."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(16))  # "done" or "refused"
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    detail: Mapped[dict[str, Any]]
    hash_before: Mapped[str | None] = mapped_column(String(64))
    hash_after: Mapped[str | None] = mapped_column(String(64))


class WebSession(Base):
    """A logged-in session: the cookie carries the token, the store its SHA-256; ended at logout or expiry."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """One failed login, counted by user name and by client address ("user:NAME", "client:ADDRESS")."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
