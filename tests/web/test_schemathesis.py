"""No request a client can make, however odd, makes the service fail: Schemathesis generates requests for every
operation of /openapi.json, sent anonymously and as a logged-in case manager (session cookie and CSRF header), to a
SQLite store holding the drafted example case. The only check is that no answer is a server error.

The schema is read when the module is imported, from the service on an empty in-memory store; the module's fixture
then puts the seeded store under the same service (it reads its store from app.state on every request).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from imr.store.database import Store
from imr.store.models import LoginFailure
from imr.store.workflow import CaseService
from imr.web.app import create_app
from imr.web.security import LoginThrottle
from imr.web.settings import WebSettings
from tests.web.conftest import SECRET, Seeded, password_of

EXAMPLES_PER_OPERATION = 25
SERVICE = create_app(WebSettings(secret=SECRET), store=Store("sqlite://", upgrade_schema=True))
schema = schemathesis.openapi.from_asgi("/openapi.json", SERVICE)
generated = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _throttle(store: Store) -> LoginThrottle:
    settings_ = SERVICE.state.settings
    return LoginThrottle(store, settings_.login_attempts, settings_.login_window_seconds)


@pytest.fixture(scope="module", autouse=True)
def drafted_store(templates: Callable[[str, bool], Seeded], tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The service on a copy of the drafted SQLite template while this module runs."""
    seeded = templates("sqlite", True)
    path = tmp_path_factory.mktemp("schemathesis") / "store.sqlite"
    shutil.copyfile(Path(make_url(seeded.url).database or ""), path)
    empty = SERVICE.state.store
    store = Store(f"sqlite:///{path}")
    SERVICE.state.store, SERVICE.state.service = store, CaseService(store)
    SERVICE.state.throttle = _throttle(store)
    yield
    SERVICE.state.store, SERVICE.state.service = empty, CaseService(empty)
    SERVICE.state.throttle = _throttle(empty)
    store.dispose()


@pytest.fixture(scope="module")
def manager_session(drafted_store: None) -> dict[str, dict[str, str]]:
    """A case manager's session cookie and CSRF token, as a logged-in browser sends them with every request."""
    with SERVICE.state.store.session() as session:  # the anonymous run's failed logins would throttle this one
        session.execute(delete(LoginFailure))
    client = TestClient(SERVICE)
    response = client.post("/api/session", json={"username": "manager", "password": password_of("manager")})
    assert response.status_code == 200, response.text
    return {
        "cookies": {"imr_session": client.cookies["imr_session"]},
        "headers": {"X-CSRF-Token": response.json()["csrf_token"]},
    }


@schema.parametrize()
@generated
def test_no_anonymous_request_is_answered_with_a_server_error(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@generated
def test_no_case_managers_request_is_answered_with_a_server_error(
    case: Any, manager_session: dict[str, dict[str, str]]
) -> None:
    sent = manager_session
    case.call_and_validate(headers=sent["headers"], cookies=sent["cookies"], checks=[not_a_server_error])
