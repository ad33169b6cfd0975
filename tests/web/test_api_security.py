"""Security of the API: logins, CSRF, throttling, password storage, the cookie, role checks, and reviewer names.

Every endpoint is listed once (ENDPOINTS); a test checks the list against the app's routes, so an endpoint added
later without a row here fails until someone says who may call it.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from imr.store.models import CaseRecord, User
from imr.text.sources import extract_pdf_text
from tests.web.api_support import CHANGE, PANEL_NAMES, case_file, change_item, sign, version_of
from tests.web.conftest import ASSIGNED, EXAMPLE_CASE, OTHER_REVIEWER, Site, password_of

LETTERS = [{"format": kind, "public": public} for kind in ("text", "html", "pdf") for public in (False, True)]
RECORD = {"type": "progress_report", "author": "Kenneth Yamasaki, MD", "date": "2016-08-15"}
NEW_USER = {"username": "clerk", "password": "a long enough password", "role": "case_manager"}

# (method, path, what a request sends): every endpoint of the API but the login itself.
ENDPOINTS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/api/session", {}),
    ("DELETE", "/api/session", {}),
    ("GET", "/api/queue", {}),
    ("GET", "/api/cases", {}),
    ("POST", "/api/cases", {"json": {"case_number": "CM16-0000002"}}),
    ("GET", "/api/cases/{case}", {}),
    ("PUT", "/api/cases/{case}", {"json": {"case_number": "CM16-0187342"}}),
    ("POST", "/api/cases/{case}/records", {"files": {"file": ("a.txt", b"text", "text/plain")}, "data": RECORD}),
    ("GET", "/api/cases/{case}/records/{record}", {}),
    ("POST", "/api/cases/{case}/screen", {"json": {}}),
    ("POST", "/api/cases/{case}/assign", {"json": {}}),
    ("POST", "/api/cases/{case}/draft", {"json": {}}),
    ("GET", "/api/cases/{case}/draft", {}),
    ("POST", "/api/cases/{case}/items/{item}/decision", {"json": {**CHANGE, "version": 0}}),
    ("POST", "/api/cases/{case}/notes", {"json": {"text": "a note"}}),
    ("POST", "/api/cases/{case}/sign", {"json": {"confirm": True, "version": 0}}),
    ("GET", "/api/cases/{case}/letter", {"params": {"format": "text"}}),
    ("GET", "/api/cases/{case}/verify", {}),
    ("GET", "/api/cases/{case}/audit", {}),
    ("GET", "/api/audit", {}),
    ("GET", "/api/users", {}),
    ("POST", "/api/users", {"json": NEW_USER}),
]
CHANGES = [row for row in ENDPOINTS if row[0] != "GET"]
CASE_ENDPOINTS = [row for row in ENDPOINTS if "{case}" in row[1]]


def call(client: TestClient, site: Site, endpoint: tuple[str, str, dict[str, Any]]) -> Response:
    method, template, arguments = endpoint
    path = template.format(case=site.case_id or 1, record=first_record(site), item=2)
    response: Response = client.request(method, path, **arguments)
    return response


def first_record(site: Site) -> int:
    with site.store.session() as session:
        found = session.scalar(select(CaseRecord.id).order_by(CaseRecord.id))
    return found or 1


def client_of(site: Site, username: str) -> TestClient:
    client = site.new_client()
    site.login(username, client)
    return client


def test_every_endpoint_of_the_app_is_in_the_table(drafted_site: Site) -> None:
    paths = drafted_site.client.get("/openapi.json").json()["paths"]
    routes = {
        (method.upper(), path) for path, methods in paths.items() if path.startswith("/api/") for method in methods
    }
    named = {"{case}": "{case_id}", "{record}": "{record_id}"}
    listed = set()
    for method, path, _ in ENDPOINTS:
        for short, long in named.items():
            path = path.replace(short, long)
        listed.add((method, path))
    assert routes == listed | {("POST", "/api/session")}


def test_every_endpoint_wants_a_login(drafted_site: Site) -> None:
    for endpoint in ENDPOINTS:
        response = call(drafted_site.client, drafted_site, endpoint)
        assert response.status_code == 401, (endpoint, response.text)
        assert response.json() == {"error": "log in first"}
    assert drafted_site.client.get("/api/cases/1/letter", params={"format": "pdf"}).status_code == 401


def test_a_change_without_the_csrf_token_is_refused(drafted_site: Site) -> None:
    site = drafted_site
    manager = client_of(site, "manager")
    version = version_of(manager, site.case_id or 0)
    for username in ("admin", "manager", ASSIGNED):
        client = client_of(site, username)
        token = client.headers.pop("X-CSRF-Token")
        for endpoint in CHANGES:
            response = call(client, site, endpoint)
            assert response.status_code == 403, (username, endpoint, response.text)
            assert "CSRF" in response.json()["error"]
        client.headers["X-CSRF-Token"] = "not-" + token
        assert call(client, site, CHANGES[0]).status_code == 403
    assert version_of(manager, site.case_id or 0) == version
    assert {e["outcome"] for e in manager.get("/api/audit").json()} == {"done"}  # nothing was even tried


def test_a_csrf_token_belongs_to_its_own_session(drafted_site: Site) -> None:
    site = drafted_site
    manager = client_of(site, "manager")
    other = client_of(site, "admin")
    other.headers["X-CSRF-Token"] = manager.headers["X-CSRF-Token"]
    assert other.post(f"/api/cases/{site.case_id}/notes", json={"text": "x"}).status_code == 403


def test_a_wrong_password_is_refused_and_five_failures_throttle_the_user(site: Site) -> None:
    wrong = {"username": "manager", "password": "not the password"}
    for _ in range(5):
        refused = site.client.post("/api/session", json=wrong)
        assert refused.status_code == 403
        assert refused.json() == {"error": "wrong user name or password"}
    throttled = site.client.post("/api/session", json={"username": "manager", "password": password_of("manager")})
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    assert "too many failed logins" in throttled.json()["error"]
    assert site.client.get("/api/session").status_code == 401


def test_spaces_and_capitals_around_a_user_name_do_not_get_round_the_throttle(site: Site) -> None:
    app = site.client.app
    for number, username in enumerate(["manager", " manager", "Manager ", "  MANAGER", "manager\t"]):
        elsewhere = TestClient(app, client=(f"203.0.113.{number}", 40000))  # five clients: no one client is throttled
        assert elsewhere.post("/api/session", json={"username": username, "password": "wrong"}).status_code == 403
    sixth = TestClient(app, client=("203.0.113.99", 40000))
    throttled = sixth.post("/api/session", json={"username": "manager", "password": password_of("manager")})
    assert throttled.status_code == 429
    assert sixth.post("/api/session", json={"username": "admin", "password": password_of("admin")}).status_code == 200


def test_an_unknown_user_is_refused_like_a_wrong_password(site: Site) -> None:
    refused = site.client.post("/api/session", json={"username": "nobody", "password": "whatever it is"})
    assert refused.status_code == 403
    assert refused.json() == {"error": "wrong user name or password"}


def test_five_failures_from_one_client_throttle_every_user_name(site: Site) -> None:
    for username in ("admin", "manager", "r-101", "r-102", "nobody"):
        assert site.client.post("/api/session", json={"username": username, "password": "wrong"}).status_code == 403
    throttled = site.client.post("/api/session", json={"username": "r-103", "password": password_of("r-103")})
    assert throttled.status_code == 429 and "Retry-After" in throttled.headers


def test_passwords_are_stored_as_argon2id_hashes(site: Site) -> None:
    with site.store.session() as session:
        users = list(session.scalars(select(User)))
    assert users
    for user in users:
        assert user.password_hash.startswith("$argon2id$"), user.username
        assert password_of(user.username) not in user.password_hash


def test_the_session_cookie_is_http_only_and_same_site_lax(site: Site) -> None:
    response = site.client.post("/api/session", json={"username": "manager", "password": password_of("manager")})
    cookie = response.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")}
    assert cookie.startswith("imr_session=")
    assert "httponly" in attributes
    assert attributes["samesite"].strip().lower() == "samesite=lax"
    assert "password" not in cookie


def test_logging_out_ends_the_session(site: Site) -> None:
    site.login("manager")
    assert site.client.get("/api/session").json()["user"] == "manager"
    assert site.client.delete("/api/session").status_code == 204
    assert site.client.get("/api/cases").status_code == 401


def test_a_case_manager_cannot_sign_or_change_items(drafted_site: Site) -> None:
    site = drafted_site
    site.login("manager")
    case_id = site.case_id or 0
    changed = change_item(site.client, case_id)
    assert changed.status_code == 403 and "only the reviewer assigned" in changed.json()["error"]
    signed = sign(site.client, case_id)
    assert signed.status_code == 403
    admin = client_of(site, "admin")
    assert sign(admin, case_id).status_code == 403
    assert change_item(admin, case_id).status_code == 403
    assert site.client.get(f"/api/cases/{case_id}").json()["status"] == "drafted"


def test_a_reviewer_cannot_take_cases_in_screen_assign_or_upload(drafted_site: Site) -> None:
    site = drafted_site
    reviewer = client_of(site, ASSIGNED)
    case_id = site.case_id or 0
    version = version_of(reviewer, case_id)
    other_case = {**case_file(EXAMPLE_CASE), "case_number": "CM16-0000003"}
    refused = [
        reviewer.post("/api/cases", json=other_case),
        reviewer.post(f"/api/cases/{case_id}/screen", json={"version": version}),
        reviewer.post(f"/api/cases/{case_id}/assign", json={"version": version}),
        reviewer.put(f"/api/cases/{case_id}", json=case_file(EXAMPLE_CASE)),
        call(reviewer, site, ("POST", "/api/cases/{case}/records", ENDPOINTS[7][2])),
        reviewer.get("/api/audit"),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused), [r.text for r in refused]
    assert version_of(reviewer, case_id) == version
    assert len(reviewer.get("/api/cases").json()) == 1


def test_another_reviewer_cannot_reach_the_case(drafted_site: Site) -> None:
    site = drafted_site
    other = client_of(site, OTHER_REVIEWER)
    before = version_of(client_of(site, "manager"), site.case_id or 0)
    for endpoint in CASE_ENDPOINTS:
        response = call(other, site, endpoint)
        assert response.status_code == 403, (endpoint, response.text)
        assert "Catherine" not in response.text
    assert version_of(client_of(site, "manager"), site.case_id or 0) == before


def test_another_reviewer_sees_no_letter_in_any_format(drafted_site: Site) -> None:
    site = drafted_site
    other = client_of(site, OTHER_REVIEWER)
    for params in LETTERS:
        assert other.get(f"/api/cases/{site.case_id}/letter", params=params).status_code == 403
    assert other.get("/api/cases").json() == [] and other.get("/api/queue").json() == []


def test_users_are_for_administrators_only(drafted_site: Site) -> None:
    site = drafted_site
    for username in ("manager", ASSIGNED):
        client = client_of(site, username)
        assert client.get("/api/users").status_code == 403
        assert client.post("/api/users", json=NEW_USER).status_code == 403
    admin = client_of(site, "admin")
    users = admin.get("/api/users")
    assert users.status_code == 200
    names = {row["reviewer_code"]: row.get("name") for row in users.json()}
    assert names["R-101"] == "Catherine Morrow-Ellis"
    assert names[None] is None
    created = admin.post("/api/users", json=NEW_USER)
    assert created.status_code == 201 and created.json()["role"] == "case_manager"
    assert admin.post("/api/users", json=NEW_USER).status_code == 409
    assert admin.get(f"/api/cases/{site.case_id}").json()["reviewer"] == {
        "code": "R-101",
        "name": "Catherine Morrow-Ellis",
    }
    clerk = site.new_client()
    assert clerk.post("/api/session", json={k: NEW_USER[k] for k in ("username", "password")}).status_code == 200
    assert all("password" not in row and "password_hash" not in row for row in admin.get("/api/users").json())


def _every_get(client: TestClient, site: Site) -> list[tuple[str, str]]:
    """(what, text) of every GET endpoint the user may call on the case; PDF letters as their text."""
    case_id = site.case_id
    paths = ["/api/session", "/api/queue", "/api/cases", f"/api/cases/{case_id}", f"/api/cases/{case_id}/draft"]
    paths += [f"/api/cases/{case_id}/audit", f"/api/cases/{case_id}/records/{first_record(site)}", "/api/audit"]
    paths += [f"/api/cases/{case_id}/verify"]
    bodies = []
    for path in paths:
        response = client.get(path)
        assert response.status_code in {200, 403, 404}, (path, response.text)
        bodies.append((path, response.text))
    for params in LETTERS:
        response = client.get(f"/api/cases/{case_id}/letter", params=params)
        assert response.status_code == 200, (params, response.text)
        text = extract_pdf_text(response.content, "letter.pdf") if params["format"] == "pdf" else response.text
        assert len(text) > 500
        bodies.append((f"letter {params}", text))
    return bodies


def _names_in(bodies: list[tuple[str, str]]) -> list[tuple[str, str]]:
    found = []
    for what, text in bodies:
        for name in PANEL_NAMES:
            for part in (name, name.split()[-1]):
                if part in text:
                    found.append((what, part))
    return found


def test_no_reviewer_name_reaches_a_case_manager_or_a_reviewer(drafted_site: Site) -> None:
    site = drafted_site
    manager = client_of(site, "manager")
    reviewer = client_of(site, ASSIGNED)
    manager.post(f"/api/cases/{site.case_id}/notes", json={"text": "records complete"})
    assert change_item(reviewer, site.case_id or 0).status_code == 200
    drafted = _every_get(manager, site) + _every_get(reviewer, site)
    assert sign(reviewer, site.case_id or 0).status_code == 200
    signed = _every_get(manager, site) + _every_get(reviewer, site)
    assert _names_in(drafted + signed) == []
    assert any("Overturned" in text for what, text in signed if what.startswith("letter"))
    admin = client_of(site, "admin")
    assert _names_in([("users", admin.get("/api/users").text)])
