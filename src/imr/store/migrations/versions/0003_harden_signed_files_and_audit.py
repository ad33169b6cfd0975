"""A signed determination's file set is closed and the audit log append-only, in the database itself.

- one file of a name per draft and per signature (partial unique indexes: the table's three-column constraint never
  fires where one of its columns is NULL);
- no file added to, changed in or removed from a signed case (as 0001 does for records, drafts, changes and notes);
- no audit event updated or deleted.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REFUSAL = "a signed determination cannot be changed"
AUDIT_REFUSAL = "the audit log is append-only"


def upgrade() -> None:
    op.create_index(
        "uq_signature_file_name",
        "determination_files",
        ["signature_id", "name"],
        unique=True,
        sqlite_where=sa.text("signature_id IS NOT NULL"),
        postgresql_where=sa.text("signature_id IS NOT NULL"),
    )
    op.create_index(
        "uq_draft_file_name",
        "determination_files",
        ["draft_id", "name"],
        unique=True,
        sqlite_where=sa.text("draft_id IS NOT NULL"),
        postgresql_where=sa.text("draft_id IS NOT NULL"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER determination_files_of_signed BEFORE INSERT OR UPDATE OR DELETE ON determination_files "
            "FOR EACH ROW EXECUTE FUNCTION imr_refuse_on_signed_case()"
        )
        op.execute(
            f"""CREATE FUNCTION imr_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{AUDIT_REFUSAL}' USING ERRCODE = 'integrity_constraint_violation'; END $$"""
        )
        op.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION imr_refuse_audit_change()"
        )
        return
    refuse = f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    op.execute(
        "CREATE TRIGGER determination_files_of_signed BEFORE INSERT ON determination_files "
        f"WHEN (SELECT status FROM cases WHERE id = NEW.case_id) = 'signed' {refuse}"
    )
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER determination_files_of_signed_{event.lower()} BEFORE {event} ON determination_files "
            f"WHEN (SELECT status FROM cases WHERE id = OLD.case_id) = 'signed' {refuse}"
        )
        op.execute(
            f"CREATE TRIGGER audit_append_only_{event.lower()} BEFORE {event} ON audit_events "
            f"BEGIN SELECT RAISE(ABORT, '{AUDIT_REFUSAL}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS determination_files_of_signed ON determination_files")
        op.execute("DROP FUNCTION IF EXISTS imr_refuse_audit_change() CASCADE")
    else:
        op.execute("DROP TRIGGER IF EXISTS determination_files_of_signed")
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS determination_files_of_signed_{event}")
            op.execute(f"DROP TRIGGER IF EXISTS audit_append_only_{event}")
    op.drop_index("uq_draft_file_name", table_name="determination_files")
    op.drop_index("uq_signature_file_name", table_name="determination_files")
