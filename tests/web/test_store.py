"""The case store below the API: the schema and its upgrades, users, case files, access rules and the audit hash."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from imr.cases import load_panel
from imr.cli import app
from imr.errors import CaseFileError, ConflictError, NotFoundError, PermissionDeniedError, StoreError
from imr.store.audit import case_hash
from imr.store.casefiles import read_case_folder, safe_file_name, write_case_folder
from imr.store.database import Store, head_revision
from imr.store.models import AuditEvent, Case
from imr.store.users import add_user, authenticate, list_users
from imr.store.workflow import verify_case_number
from tests.web.api_support import case_file
from tests.web.conftest import (
    ASSIGNED,
    EXAMPLE_CASE,
    EXAMPLES,
    KINDS,
    OTHER_REVIEWER,
    Site,
    _drop_postgres_database,
    _postgres_admin_url,
    _postgres_database,
    password_of,
)

runner = CliRunner()


@pytest.fixture(params=KINDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all, SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    name = f"imr_empty_{uuid.uuid4().hex[:12]}"
    url = _postgres_database(_postgres_admin_url(), name)
    yield url
    _drop_postgres_database(_postgres_admin_url(), name)


# ---------------------------------------------------------------------------------------------- the schema


def test_a_store_on_an_empty_database_says_to_run_imr_db_upgrade(empty_database: str) -> None:
    with pytest.raises(StoreError, match=r"has no tables; run `imr db upgrade --db URL` first"):
        Store(empty_database)


def test_imr_db_upgrade_twice_upgrades_once(empty_database: str) -> None:
    head = head_revision()
    first = runner.invoke(app, ["db", "upgrade", "--db", empty_database])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip().endswith(f"upgraded from nothing to revision {head}")
    again = runner.invoke(app, ["db", "upgrade", "--db", empty_database])
    assert again.exit_code == 0, again.output
    assert again.stdout.strip().endswith(f"already at revision {head}")
    assert "password" not in first.stdout
    store = Store(empty_database)
    with store.session() as session:
        assert session.scalars(select(Case)).all() == []
    store.dispose()


def test_imr_db_upgrade_names_a_bad_url_in_one_line() -> None:
    result = runner.invoke(app, ["db", "upgrade", "--db", "mysql://somewhere/imr"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: --db: unsupported database 'mysql': use sqlite or postgresql"
    assert "Traceback" not in result.output


def test_a_store_behind_the_newest_revision_is_refused(site: Site) -> None:
    with site.store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'old'"))
    with pytest.raises(StoreError, match="is at revision old; run `imr db upgrade"):
        Store(site.store.url)


# ---------------------------------------------------------------------------------------------- users


BAD_USERS: list[tuple[str, str, str, dict[str, str] | None, str]] = [
    ("Bad Name", "long enough password", "case_manager", None, "username: a user name is 2 to 64"),
    ("x", "long enough password", "case_manager", None, "username: a user name is 2 to 64"),
    ("clerk", "short", "case_manager", None, "password: a password has at least 12 characters"),
    ("clerk", "long enough password", "janitor", None, "role: no role 'janitor'"),
    ("clerk", "long enough password", "case_manager", {"id": "R-9"}, "reviewer: only a reviewer has a panel entry"),
    ("doctor", "long enough password", "reviewer", {"id": "R-9"}, "reviewer.name: "),
]


def test_a_bad_user_is_refused_naming_the_field(site: Site) -> None:
    for username, password, role, reviewer, message in BAD_USERS:
        with pytest.raises(StoreError) as refused:
            add_user(site.store, username, password, role, reviewer)
        assert str(refused.value).startswith(message), str(refused.value)
    assert len(list_users(site.store, with_names=False)) == 2 + len(load_panel(EXAMPLES / "panel.yaml").reviewers)


def test_a_user_name_and_a_reviewer_code_are_each_taken_once(site: Site) -> None:
    with pytest.raises(ConflictError, match="user manager exists already"):
        add_user(site.store, "manager", "long enough password", "case_manager")
    entry = load_panel(EXAMPLES / "panel.yaml").reviewer("R-101")
    assert entry is not None
    with pytest.raises(ConflictError, match="reviewer code R-101 belongs to another user"):
        add_user(site.store, "r-101-again", "long enough password", "reviewer", entry.model_dump(mode="json"))


def test_authenticate_takes_the_password_and_nothing_else(site: Site) -> None:
    assert authenticate(site.store, " Manager ", password_of("manager")) is not None
    assert authenticate(site.store, "manager", password_of("admin")) is None
    assert authenticate(site.store, "nobody", password_of("manager")) is None
    assert authenticate(site.store, "man\x00ager", password_of("manager")) is None
    with site.store.engine.begin() as connection:
        connection.execute(text("UPDATE users SET active = false WHERE username = 'manager'"))
    assert authenticate(site.store, "manager", password_of("manager")) is None


def test_reviewer_names_are_listed_only_when_asked_for(site: Site) -> None:
    named = {row["username"]: row.get("name") for row in list_users(site.store, with_names=True)}
    assert named["r-101"] == "Catherine Morrow-Ellis" and named["manager"] is None
    assert all("name" not in row for row in list_users(site.store, with_names=False))


# ---------------------------------------------------------------------------------------------- case files


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("report.txt", "report.txt"),
        ("  report.txt ", "report.txt"),
        ("../report.txt", None),
        ("folder/report.txt", None),
        ("C:\\records\\report.txt", None),
        (".hidden", None),
        ("", None),
        ("tab\there.txt", None),
        ("x" * 201, None),
    ],
)
def test_a_record_file_name_is_one_plain_name(name: str, stored: str | None) -> None:
    if stored is None:
        with pytest.raises(StoreError, match="not a usable record file name"):
            safe_file_name(name)
    else:
        assert safe_file_name(name) == stored


def test_a_stored_case_lays_out_as_the_folder_it_came_from(drafted_site: Site, tmp_path: Path) -> None:
    site = drafted_site
    original, uploads = read_case_folder(EXAMPLE_CASE)
    with site.store.session() as session:
        case = session.get(Case, site.case_id)
        assert case is not None
        path = write_case_folder(case, tmp_path / "case")
    again, laid_out = read_case_folder(path.parent)
    assert again.model_dump(exclude={"records"}) == original.model_dump(exclude={"records"})
    assert sorted(u.file_name for u in laid_out) == sorted(u.file_name for u in uploads)
    assert {u.file_name: u.content for u in laid_out} == {u.file_name: u.content for u in uploads}


def test_a_case_folder_with_a_missing_record_is_refused_whole(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.yaml").write_text((EXAMPLE_CASE / "case.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CaseFileError):
        site.service.import_folder(site.user("manager"), folder)
    with site.store.session() as session:
        assert session.scalars(select(Case)).all() == []


# ---------------------------------------------------------------------------------------------- access and audit


def test_a_reviewer_sees_only_the_cases_assigned_to_them(drafted_site: Site) -> None:
    site = drafted_site
    service, case_id = site.service, site.case_id or 0
    assert [row["id"] for row in service.cases(site.user(ASSIGNED))] == [case_id]
    assert service.cases(site.user(OTHER_REVIEWER)) == []
    with pytest.raises(PermissionDeniedError, match="is not assigned to you"):
        service.case(site.user(OTHER_REVIEWER), case_id)
    with pytest.raises(PermissionDeniedError, match="only an administrator or a case manager may"):
        service.audit(site.user(ASSIGNED))
    with pytest.raises(NotFoundError, match="no case with id 999"):
        service.case(site.user("manager"), 999)


def test_the_case_hash_changes_with_every_stored_change_and_only_then(drafted_site: Site) -> None:
    site = drafted_site

    def hashed() -> str:
        with site.store.session() as session:
            case = session.get(Case, site.case_id)
            assert case is not None
            return case_hash(session, case)

    first = hashed()
    site.service.case(site.user("manager"), site.case_id or 0)
    assert hashed() == first
    site.service.add_note(site.user("manager"), site.case_id or 0, "records complete")
    second = hashed()
    assert second != first
    with site.store.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and (event.action, event.hash_before, event.hash_after) == ("add_note", first, second)


def test_a_refused_action_changes_nothing_and_is_audited_as_refused(drafted_site: Site) -> None:
    site = drafted_site
    with pytest.raises(PermissionDeniedError):
        site.service.screen(site.user(ASSIGNED), site.case_id or 0)
    with pytest.raises(CaseFileError):
        site.service.create_case(site.user("manager"), {**case_file(EXAMPLE_CASE), "priority": "whenever"})
    with site.store.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(2)).all()
    assert [(e.action, e.outcome, e.case_id) for e in events] == [
        ("create_case", "refused", None),
        ("screen", "refused", site.case_id),
    ]
    assert events[1].detail["kind"] == "PermissionDeniedError"
    assert events[1].hash_before is None and events[1].hash_after is None


def test_the_organisation_verifies_a_stored_case_by_its_number(drafted_site: Site) -> None:
    site = drafted_site
    with pytest.raises(NotFoundError, match="is not signed"):
        verify_case_number(site.store, "CM16-0187342")
    with pytest.raises(NotFoundError, match="no case CM00-0000000"):
        verify_case_number(site.store, "CM00-0000000")
    site.service.sign(site.user(ASSIGNED), site.case_id or 0)
    assert verify_case_number(site.store, "CM16-0187342").verified
