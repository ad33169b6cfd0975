"""Sessions live in the store: a logout ends a session for every copy of its cookie, a session expires, and failed
logins are counted for the whole service, not per process."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy import update

from imr.store.models import WebSession
from imr.web.app import create_app
from imr.web.settings import WebSettings
from tests.web.conftest import SECRET, Site, password_of


def test_a_copied_cookie_stops_working_once_its_session_logs_out(site: Site) -> None:
    site.login("manager")
    thief = site.new_client()
    thief.cookies.update(site.client.cookies)
    thief.headers["X-CSRF-Token"] = site.client.headers["X-CSRF-Token"]
    assert thief.get("/api/cases").status_code == 200
    assert site.client.delete("/api/session").status_code == 204
    assert thief.get("/api/cases").status_code == 401
    assert site.client.get("/api/cases").status_code == 401


def test_a_session_older_than_its_lifetime_is_refused(site: Site) -> None:
    site.login("manager")
    assert site.client.get("/api/queue").status_code == 200
    with site.store.session() as session:
        session.execute(update(WebSession).values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=9)))
    assert site.client.get("/api/queue").status_code == 401


def test_failed_logins_count_across_every_process_of_the_service(site: Site) -> None:
    other_process = TestClient(create_app(WebSettings(secret=SECRET), store=site.store))
    wrong = {"username": "manager", "password": "not the password at all"}
    for _ in range(3):
        assert site.client.post("/api/session", json=wrong).status_code == 403
    for _ in range(2):
        assert other_process.post("/api/session", json=wrong).status_code == 403
    right = {"username": "manager", "password": password_of("manager")}
    throttled = site.client.post("/api/session", json=right)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
