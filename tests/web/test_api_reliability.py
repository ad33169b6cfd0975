"""Reliability of the API and the store: stale versions, races, the frozen signed determination, crashes midway,
bad uploads and bad case files. Nothing is ever half stored, and nothing a user sends is answered with a 500.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from imr.review import check_signature
from imr.review.signing_key import organisation_public_key
from imr.store.audit import case_hash
from imr.store.models import Case, CaseSignature, DeterminationFile, Draft, ItemChange, Note
from tests.web.api_support import (
    CHANGE,
    CHANGED_ITEM,
    case_file,
    change_item,
    record_forms,
    sign,
    upload,
    version_of,
)
from tests.web.conftest import ASSIGNED, EXAMPLE_CASE, Site

REFUSAL = "a signed determination cannot be changed"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def client_of(site: Site, username: str) -> TestClient:
    client = site.new_client()
    site.login(username, client)
    return client


def state(site: Site) -> dict[str, Any]:
    """What is stored for the site's case: its version, status and hash, and how many rows hang off it."""
    with site.store.session() as session:
        case = session.get(Case, site.case_id)
        assert case is not None
        counts = {
            table.__name__: session.scalar(select(func.count()).select_from(table).where(table.case_id == case.id))
            for table in (Draft, DeterminationFile, ItemChange, Note, CaseSignature)
        }
        return {"version": case.version, "status": case.status, "hash": case_hash(session, case), **counts}


def signed(site: Site) -> TestClient:
    """The site's drafted case, with the MRI overturned, signed by its reviewer; the reviewer's client."""
    reviewer = client_of(site, ASSIGNED)
    assert change_item(reviewer, site.case_id or 0).status_code == 200
    assert sign(reviewer, site.case_id or 0).status_code == 200
    return reviewer


def one_line_error(response: Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"] and "\n" not in body["error"] and "Traceback" not in body["error"]
    error: str = body["error"]
    return error


# ---------------------------------------------------------------------------------------------- versions and races


def test_a_stale_version_is_refused_by_every_change(drafted_site: Site) -> None:
    site = drafted_site
    manager = client_of(site, "manager")
    reviewer = client_of(site, ASSIGNED)
    case_id = site.case_id or 0
    stale = version_of(manager, case_id) - 1
    before = state(site)
    refused = [
        manager.post(f"/api/cases/{case_id}/screen", json={"version": stale}),
        manager.post(f"/api/cases/{case_id}/assign", json={"version": stale}),
        manager.put(f"/api/cases/{case_id}", json=case_file(EXAMPLE_CASE), params={"version": stale}),
        reviewer.post(f"/api/cases/{case_id}/draft", json={"version": stale}),
        reviewer.post(f"/api/cases/{case_id}/items/2/decision", json={**CHANGE, "version": stale}),
        reviewer.post(f"/api/cases/{case_id}/sign", json={"confirm": True, "version": stale}),
    ]
    for response in refused:
        assert "reload it" in one_line_error(response, 409)
    assert state(site) == before


def _race(site: Site, attempt: Callable[[TestClient, int], Response]) -> list[int]:
    """Two clients, logged in as the assigned reviewer, each trying ``attempt`` with the same version at once."""
    clients = [client_of(site, ASSIGNED) for _ in range(2)]
    version = version_of(clients[0], site.case_id or 0)
    start = threading.Barrier(2)
    statuses: list[int] = []

    def run(client: TestClient) -> None:
        start.wait()
        statuses.append(attempt(client, version).status_code)

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(statuses)


def test_two_reviewers_changing_one_item_at_once_one_wins(drafted_site: Site) -> None:
    site = drafted_site
    before = state(site)

    def change(client: TestClient, version: int) -> Response:
        body = {**CHANGE, "version": version}
        response: Response = client.post(f"/api/cases/{site.case_id}/items/{CHANGED_ITEM}/decision", json=body)
        return response

    assert _race(site, change) == [200, 409]
    after = state(site)
    assert after["ItemChange"] == 1 and after["version"] == before["version"] + 1


def test_two_clients_signing_one_case_at_once_one_wins(drafted_site: Site) -> None:
    site = drafted_site

    def sign_it(client: TestClient, version: int) -> Response:
        response: Response = client.post(f"/api/cases/{site.case_id}/sign", json={"confirm": True, "version": version})
        return response

    assert _race(site, sign_it) == [200, 409]
    after = state(site)
    assert after["CaseSignature"] == 1 and after["status"] == "signed"
    manager = client_of(site, "manager")
    assert manager.get(f"/api/cases/{site.case_id}/verify").json()["verified"] is True
    outcomes = [(e["action"], e["outcome"]) for e in manager.get(f"/api/cases/{site.case_id}/audit").json()]
    assert sorted(outcomes[:2]) == [("sign", "done"), ("sign", "refused")]


# ---------------------------------------------------------------------------------------------- the signed case


def test_a_signed_determination_has_no_update_path_and_every_attempt_is_audited(drafted_site: Site) -> None:
    site = drafted_site
    reviewer = signed(site)
    manager = client_of(site, "manager")
    case_id = site.case_id or 0
    before = state(site)
    version = before["version"]
    name, content, fields = record_forms(EXAMPLE_CASE)[0]
    attempts = {
        "update_case": manager.put(f"/api/cases/{case_id}", json=case_file(EXAMPLE_CASE), params={"version": version}),
        "add_note": manager.post(f"/api/cases/{case_id}/notes", json={"text": "one more thing"}),
        "add_record": upload(manager, case_id, "late_" + name, content, fields),
        "screen": manager.post(f"/api/cases/{case_id}/screen", json={"version": version}),
        "assign": manager.post(f"/api/cases/{case_id}/assign", json={"version": version}),
        "draft": reviewer.post(f"/api/cases/{case_id}/draft", json={"version": version}),
        "change_item": reviewer.post(f"/api/cases/{case_id}/items/1/decision", json={**CHANGE, "version": version}),
        "sign": reviewer.post(f"/api/cases/{case_id}/sign", json={"confirm": True, "version": version}),
    }
    for action, response in attempts.items():
        assert "signed" in one_line_error(response, 409), action
    assert reviewer.post(f"/api/cases/{case_id}/notes", json={"text": "x"}).status_code == 409
    assert state(site) == before
    events = manager.get(f"/api/cases/{case_id}/audit").json()
    refused = [(e["action"], e["outcome"]) for e in reversed(events[:9])]
    assert refused == [(action, "refused") for action in attempts] + [("add_note", "refused")]
    assert all("signed" in e["detail"]["error"] for e in events[:9])
    assert manager.get(f"/api/cases/{case_id}/verify").json()["verified"] is True


STATEMENTS = [
    "UPDATE signatures SET key_fingerprint = 'forged' WHERE case_id = :case",
    "DELETE FROM signatures WHERE case_id = :case",
    "UPDATE determination_files SET content = :forged WHERE case_id = :case AND signature_id IS NOT NULL",
    "DELETE FROM determination_files WHERE case_id = :case AND signature_id IS NOT NULL",
    "UPDATE cases SET status = 'drafted' WHERE id = :case",
    "UPDATE cases SET application = '{}' WHERE id = :case",
    "DELETE FROM cases WHERE id = :case",
    "INSERT INTO notes (case_id, author_id, text, created_at) VALUES (:case, 1, 'late', CURRENT_TIMESTAMP)",
    "UPDATE item_changes SET decision = 'upheld' WHERE case_id = :case",
    "DELETE FROM item_changes WHERE case_id = :case",
    "UPDATE records SET content = :forged WHERE case_id = :case",
    "DELETE FROM records WHERE case_id = :case",
    "DELETE FROM drafts WHERE case_id = :case",
    "INSERT INTO determination_files (case_id, name, sha256, content) VALUES (:case, 'letter.txt', 'x', :forged)",
    "UPDATE determination_files SET content = :forged WHERE case_id = :case AND draft_id IS NOT NULL",
]


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET outcome = 'done'", "DELETE FROM audit_events"])
def test_the_audit_log_is_append_only_in_the_database(drafted_site: Site, statement: str) -> None:
    site = drafted_site
    with pytest.raises(DBAPIError, match="the audit log is append-only"), site.store.engine.begin() as connection:
        connection.execute(text(statement))


def test_rows_of_a_case_not_yet_signed_can_still_be_removed_by_the_database(drafted_site: Site) -> None:
    """The triggers freeze signed cases only: a note on a drafted case can be deleted (PostgreSQL once skipped it)."""
    site = drafted_site
    manager = client_of(site, "manager")
    assert manager.post(f"/api/cases/{site.case_id}/notes", json={"text": "to be removed"}).status_code == 201
    with site.store.engine.begin() as connection:
        removed = connection.execute(text("DELETE FROM notes WHERE case_id = :case"), {"case": site.case_id})
        assert removed.rowcount == 1


def test_the_database_itself_refuses_to_change_a_signed_determination(drafted_site: Site) -> None:
    site = drafted_site
    signed(site)
    before = state(site)
    for statement in STATEMENTS:
        with pytest.raises(DBAPIError, match=REFUSAL), site.store.engine.begin() as connection:
            connection.execute(text(statement), {"case": site.case_id, "forged": b"forged"})
    assert state(site) == before


def test_a_tampered_copy_of_a_signed_determination_is_found_and_the_file_named(
    drafted_site: Site, tmp_path: Path
) -> None:
    site = drafted_site
    signed(site)
    with site.store.session() as session:
        files = {
            f.name: f.content
            for f in session.scalars(select(DeterminationFile).where(DeterminationFile.signature_id.is_not(None)))
        }
    assert {"signature.json", "determination.json", "letter.txt", "letter.pdf", "public/letter.html"} <= set(files)
    folder = tmp_path / "signed"
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    assert check_signature(folder, organisation_public_key()).verified
    letter = folder / "public" / "letter.txt"
    letter.write_bytes(letter.read_bytes().replace(b"Overturned", b"Upheld", 1))
    found = check_signature(folder, organisation_public_key())
    assert not found.verified
    assert any("public/letter.txt" in problem for problem in found.problems), found.problems


# ---------------------------------------------------------------------------------------------- crashes midway


class Crash(RuntimeError):
    """The power going out, as a test can make it."""


def _crash_after(function: Callable[..., Any]) -> Callable[..., Any]:
    def crashing(*args: Any, **kwargs: Any) -> Any:
        function(*args, **kwargs)
        raise Crash("midway")

    return crashing


def _crash_on_second_call(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` that crashes the second time it runs: for case_hash, once everything is stored but not committed."""
    calls: list[int] = []

    def crashing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise Crash("while storing")
        return function(*args, **kwargs)

    return crashing


@pytest.mark.parametrize("where", ["engine", "storing"])
def test_a_crash_in_the_middle_of_a_draft_leaves_the_case_as_it_was(
    drafted_site: Site, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    site = drafted_site
    import imr.store.workflow as workflow

    if where == "engine":
        monkeypatch.setattr(site.service, "run_draft", _crash_after(site.service.run_draft))
    else:
        monkeypatch.setattr(workflow, "case_hash", _crash_on_second_call(workflow.case_hash))
    before = state(site)
    with pytest.raises(Crash):
        site.service.draft(site.user(ASSIGNED), site.case_id or 0)
    assert state(site) == before


@pytest.mark.parametrize("where", ["signing", "storing"])
def test_a_crash_in_the_middle_of_a_signature_leaves_the_case_as_it_was(
    drafted_site: Site, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    site = drafted_site
    import imr.store.workflow as workflow

    reviewer = client_of(site, ASSIGNED)
    assert change_item(reviewer, site.case_id or 0).status_code == 200
    target = "sign_determination" if where == "signing" else "case_hash"
    wrap = _crash_after if where == "signing" else _crash_on_second_call
    monkeypatch.setattr(workflow, target, wrap(getattr(workflow, target)))
    before = state(site)
    crashing = TestClient(site.client.app, raise_server_exceptions=False)
    site.login(ASSIGNED, crashing)
    response = crashing.post(f"/api/cases/{site.case_id}/sign", json={"confirm": True, "version": before["version"]})
    assert one_line_error(response, 500) == "internal error; it has been logged"
    assert state(site) == before
    monkeypatch.undo()
    assert sign(reviewer, site.case_id or 0).status_code == 200  # and the next try signs


# ---------------------------------------------------------------------------------------------- uploads


@pytest.fixture
def intake(site: Site) -> Site:
    """A case taken in by API with its first record uploaded; site.case_id names it, site.client is the manager."""
    site.login("manager")
    created = site.client.post("/api/cases", json=case_file(EXAMPLE_CASE))
    assert created.status_code == 201, created.text
    site.case_id = created.json()["id"]
    name, content, fields = record_forms(EXAMPLE_CASE)[0]
    assert upload(site.client, site.case_id, name, content, fields).status_code == 201
    return site


FIELDS = {"type": "progress_report", "author": "Kenneth Yamasaki, MD", "date": "2016-08-15"}
BAD_UPLOADS = [
    ("empty.txt", b"", FIELDS, 400, "empty.txt: empty file"),
    ("blank.txt", b"  \n\n\t ", FIELDS, 400, "blank.txt: empty file"),
    ("scan.txt", PNG, FIELDS, 400, "scan.txt: "),
    ("scan.png", PNG, FIELDS, 422, "a record is a text (.txt, .text, .md) or PDF (.pdf) file"),
    ("letter.docx", b"some text", FIELDS, 422, "a record is a text"),
    ("case.yaml", b"some text", FIELDS, 422, "not a usable record file name"),
    ("日" * 80 + ".txt", b"some text", FIELDS, 422, "not a usable record file name"),  # 244 bytes in UTF-8
    ("a\x7fb.txt", b"some text", FIELDS, 422, "not a usable record file name"),
    ("report.pdf", b"plain text, not a PDF", FIELDS, 400, "the file is not a PDF, but its name ends .pdf"),
    ("broken.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 10, FIELDS, 400, "broken.pdf: "),
    ("note.txt", b"some text", {**FIELDS, "date": "2016-02-30"}, 422, "note.txt: "),
    ("note.txt", b"some text", {**FIELDS, "type": "horoscope"}, 422, "note.txt: "),
    ("../note.txt", b"some text", FIELDS, 422, "not a usable record file name"),
    (".hidden.txt", b"some text", FIELDS, 422, "not a usable record file name"),
    ("progress_report_2016-08-15.txt", b"other text", FIELDS, 409, "already has a record"),
]


def test_a_bad_upload_is_one_clear_error_and_nothing_stored_is_lost(intake: Site) -> None:
    site = intake
    before = site.client.get(f"/api/cases/{site.case_id}").json()
    for name, content, fields, status, message in BAD_UPLOADS:
        error = one_line_error(upload(site.client, site.case_id or 0, name, content, fields), status)
        assert message in error, (name, error)
    after = site.client.get(f"/api/cases/{site.case_id}").json()
    assert after["records"] == before["records"] and after["version"] == before["version"]
    refused = [e for e in site.client.get(f"/api/cases/{site.case_id}/audit").json() if e["outcome"] == "refused"]
    assert len(refused) == len(BAD_UPLOADS)


def test_an_oversized_upload_is_refused_naming_the_file(intake: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site = intake
    monkeypatch.setattr("imr.web.api.MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr("imr.store.casefiles.MAX_INPUT_BYTES", 1000)
    before = site.client.get(f"/api/cases/{site.case_id}").json()
    error = one_line_error(upload(site.client, site.case_id or 0, "huge.txt", b"word " * 201, FIELDS), 413)
    assert error.startswith("huge.txt: file too large")
    assert upload(site.client, site.case_id or 0, "small.txt", b"word " * 199, FIELDS).status_code == 201
    after = site.client.get(f"/api/cases/{site.case_id}").json()
    assert after["records"][0] == before["records"][0] and len(after["records"]) == 2


def test_an_upload_over_twenty_megabytes_is_refused(intake: Site) -> None:
    site = intake
    error = one_line_error(
        upload(site.client, site.case_id or 0, "scan.txt", b"a" * (20 * 1024 * 1024 + 1), FIELDS), 413
    )
    assert error.startswith("scan.txt: file too large")


# ---------------------------------------------------------------------------------------------- bad case files


def _case(**changes: Any) -> dict[str, Any]:
    data = case_file(EXAMPLE_CASE)
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    return data


BAD_CASE_FILES: list[tuple[str, Any, str]] = [
    ("not a mapping", [1, 2, 3], "Input should be a valid dictionary"),
    ("no fields", {}, "required field is missing"),
    ("unknown field", {**_case(), "colour": "blue"}, "colour"),
    ("impossible date", _case(dates__injury="2015-02-30"), "dates.injury"),
    ("not a date", _case(dates__injury="last spring"), "dates.injury"),
    ("dates out of order", _case(dates__ur_decision="2016-08-01"), "dates.ur_decision"),
    ("wrong type", _case(items="three"), "items"),
    ("no items", _case(items=[]), "items"),
    ("bad priority", _case(priority="urgent"), "priority"),
    ("bad zip", _case(employee__address__zip="ABCDE"), "zip"),
    ("signed without a date", _case(application__signature={"signed": True}), "application.signature.date"),
    ("long case number", _case(case_number="CM16-" + "1" * 60), "case_number"),
]


def test_a_bad_case_file_is_one_line_422(site: Site) -> None:
    site.login("manager")
    for what, body, message in BAD_CASE_FILES:
        error = one_line_error(site.client.post("/api/cases", json=body), 422)
        assert message in error, (what, error)
    for content in (b"{not json", b"", b'{"case_number": "CM16-0187342",', b"[1, 2"):
        response = site.client.post("/api/cases", content=content, headers={"Content-Type": "application/json"})
        one_line_error(response, 422)
    not_utf8 = site.client.post("/api/cases", content=b'{"a": "\xff"}', headers={"Content-Type": "application/json"})
    assert one_line_error(not_utf8, 400) == "There was an error parsing the body"  # FastAPI's own answer
    assert site.client.get("/api/cases").json() == []


def test_a_bad_correction_leaves_the_case_as_it_was(drafted_site: Site) -> None:
    site = drafted_site
    site.login("manager")
    before = state(site)
    bad = _case(dates__injury="2015-13-01")
    response = site.client.put(f"/api/cases/{site.case_id}", json=bad, params={"version": before["version"]})
    assert "dates.injury" in one_line_error(response, 422)
    renumbered = _case(case_number="CM16-7654321")
    response = site.client.put(f"/api/cases/{site.case_id}", json=renumbered, params={"version": before["version"]})
    assert "cannot be changed" in one_line_error(response, 422)
    assert state(site) == before


ODD_VALUES: list[tuple[str, str, Any, int]] = [
    ("POST", "/api/cases/{case}/notes", {"text": "a\x00b"}, 422),
    ("POST", "/api/cases/{case}/items/2/decision", {**CHANGE, "reason": "because\x00"}, 422),
    ("POST", "/api/cases", _case(case_number="CM16-0000009", employee__name="Nul\x00 Name"), 422),
    ("POST", "/api/cases", {**_case(case_number="CM16-0000009"), "bell\x07": 1}, 422),
    ("POST", "/api/session", {"username": "man\x00ager", "password": "x"}, 403),
    ("GET", "/api/cases/99999999999999999999", None, 404),
    ("GET", "/api/cases/9223372036854775808/audit", None, 404),
    ("POST", "/api/cases/2147483648/screen", {}, 404),
    ("GET", "/api/cases/0/letter", None, 404),
    ("GET", "/api/cases/-1/draft", None, 404),
]


def test_odd_values_are_refused_not_crashed_on(drafted_site: Site) -> None:
    site = drafted_site
    manager, reviewer = client_of(site, "manager"), client_of(site, ASSIGNED)
    before = state(site)
    for method, path, body, status in ODD_VALUES:
        client = reviewer if "decision" in path else manager
        one_line_error(client.request(method, path.format(case=site.case_id), json=body), status)
    name, content, fields = record_forms(EXAMPLE_CASE)[0]
    intake = manager.post("/api/cases", json=_case(case_number="CM16-0000010")).json()["id"]
    odd_record = upload(manager, intake, name, content, {**fields, "author": "Dr\x00 Who"})
    assert "author: holds a control character" in one_line_error(odd_record, 422)
    assert state(site) == before
