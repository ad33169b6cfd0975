"""Fixtures for the store, the API and the workbench: real databases (a SQLite file; PostgreSQL when
IMR_TEST_POSTGRES_URL names a server, which .ci/run starts), demo users with known passwords, and the example case
taken in, screened, assigned and drafted.

Building a drafted case runs the engine (seconds), so each database kind is seeded once per session into a template
(a SQLite file copied, a PostgreSQL database cloned with CREATE DATABASE ... TEMPLATE) and every test gets its own
copy: no test sees another's changes.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from imr.cases import load_panel
from imr.store.database import Store
from imr.store.models import Role
from imr.store.users import add_panel_reviewers, add_user
from imr.store.workflow import CaseService
from imr.web.app import create_app
from imr.web.settings import WebSettings
from tests.conftest import REPOSITORY

EXAMPLES = REPOSITORY / "examples"
EXAMPLE_CASE = EXAMPLES / "standard-lumbar-pt-mri-norco"
POSTGRES_VARIABLE = "IMR_TEST_POSTGRES_URL"
KINDS = ("sqlite", "postgresql")
SECRET = "test-session-secret-" + "x" * 40


def password_of(username: str) -> str:
    return f"password for {username}!"


STAFF = {"admin": Role.administrator, "manager": Role.case_manager}
ASSIGNED = "r-101"  # examples/panel.yaml: R-101 is the reviewer the example case is assigned to
OTHER_REVIEWER = "r-104"


@dataclass(frozen=True)
class Seeded:
    url: str
    case_id: int | None  # the example case, drafted (None in a store with users only)


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url:
        if os.environ.get("IMR_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{POSTGRES_VARIABLE} is not set, but IMR_REQUIRE_POSTGRES=1 (CI) requires PostgreSQL tests")
        pytest.skip(f"PostgreSQL tests need {POSTGRES_VARIABLE} (set by .ci/run)")
    return url


def _postgres_database(admin_url: str, name: str, template: str | None = None) -> str:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        clause = f" TEMPLATE {template}" if template else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def seed_store(store: Store, *, drafted: bool) -> int | None:
    for username, role in STAFF.items():
        add_user(store, username, password_of(username), role)
    panel = load_panel(EXAMPLES / "panel.yaml")
    add_panel_reviewers(store, panel, {r.id.lower(): password_of(r.id.lower()) for r in panel.reviewers})
    if not drafted:
        return None
    service = CaseService(store)
    manager = user_id(store, "manager")
    case_id = service.import_folder(manager, EXAMPLE_CASE)
    service.screen(manager, case_id)
    service.assign(manager, case_id)
    service.draft(manager, case_id)
    return case_id


def user_id(store: Store, username: str) -> int:
    from sqlalchemy import select

    from imr.store.models import User

    with store.session() as session:
        found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None, username
    return found


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, bool], Seeded]]:
    """Seeded template databases, made on first use, keyed by (kind, drafted)."""
    made: dict[tuple[str, bool], Seeded] = {}
    folder = tmp_path_factory.mktemp("store-templates")
    postgres: list[str] = []

    def make(kind: str, drafted: bool) -> Seeded:
        if (kind, drafted) not in made:
            if kind == "sqlite":
                url = f"sqlite:///{folder / f'template-{int(drafted)}.sqlite'}"
            else:
                name = f"imr_template_{int(drafted)}_{uuid.uuid4().hex[:8]}"
                url = _postgres_database(_postgres_admin_url(), name)
                postgres.append(name)
            store = Store(url, upgrade_schema=True)
            case_id = seed_store(store, drafted=drafted)
            store.dispose()
            made[(kind, drafted)] = Seeded(url, case_id)
        return made[(kind, drafted)]

    yield make  # type: ignore[misc]
    for name in postgres:
        _drop_postgres_database(_postgres_admin_url(), name)


def copy_database(kind: str, seeded: Seeded, tmp_path: Path) -> tuple[str, str | None]:
    """A copy of a seeded database for one test: its URL, and the PostgreSQL database to drop after."""
    if kind == "sqlite":
        source = Path(make_url(seeded.url).database or "")
        target = tmp_path / "store.sqlite"
        shutil.copyfile(source, target)
        return f"sqlite:///{target}", None
    name = f"imr_test_{uuid.uuid4().hex[:12]}"
    template = make_url(seeded.url).database
    return _postgres_database(_postgres_admin_url(), name, template), name


@dataclass
class Site:
    """One test's store, service and web app."""

    kind: str
    store: Store
    service: CaseService
    client: TestClient
    case_id: int | None

    def user(self, username: str) -> int:
        return user_id(self.store, username)

    def login(self, username: str, client: TestClient | None = None) -> str:
        """Log ``username`` in on ``client`` (default: the site's); the CSRF token to send with changes."""
        client = client or self.client
        response = client.post("/api/session", json={"username": username, "password": password_of(username)})
        assert response.status_code == 200, response.text
        token: str = response.json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        return token

    def new_client(self) -> TestClient:
        return TestClient(self.client.app)


def _site(request: pytest.FixtureRequest, templates: object, tmp_path: Path, *, drafted: bool) -> Iterator[Site]:
    kind: str = request.param
    seeded = templates(kind, drafted)  # type: ignore[operator]
    url, drop = copy_database(kind, seeded, tmp_path)
    store = Store(url)
    app = create_app(WebSettings(database_url=url, secret=SECRET), store=store)
    with TestClient(app) as client:
        yield Site(kind, store, app.state.service, client, seeded.case_id)
    store.dispose()
    if drop:
        _drop_postgres_database(_postgres_admin_url(), drop)


@pytest.fixture(params=KINDS)
def site(request: pytest.FixtureRequest, templates: object, tmp_path: Path) -> Iterator[Site]:
    """Users only (no case), on SQLite and on PostgreSQL."""
    yield from _site(request, templates, tmp_path, drafted=False)


@pytest.fixture(params=KINDS)
def drafted_site(request: pytest.FixtureRequest, templates: object, tmp_path: Path) -> Iterator[Site]:
    """The example case drafted and assigned to r-101, on SQLite and on PostgreSQL."""
    yield from _site(request, templates, tmp_path, drafted=True)
