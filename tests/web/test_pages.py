"""The workbench's pages through a test client, on SQLite and PostgreSQL: login with its own CSRF token, the queue,
intake, the case page for each role, the forms (and what they refuse), and reviewer names kept from everyone but
administrators. The browser walk-through is in tests/browser/."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from imr.cases import load_panel
from imr.web.page_evidence import Piece, criterion_evidence, marked_text
from imr.web.page_login import local_path
from tests.web.conftest import ASSIGNED, EXAMPLE_CASE, EXAMPLES, OTHER_REVIEWER, Site, password_of

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION_FIELD = re.compile(r'name="version" value="(\d+)"')
REVIEWER_NAMES = [reviewer.name for reviewer in load_panel(EXAMPLES / "panel.yaml").reviewers]
CASE_NUMBER = "CM16-0187342"


def token_on(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF_FIELD.search(page.text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def log_in(site: Site, username: str) -> TestClient:
    """A new browser-like client, logged in through the login form."""
    client = site.new_client()
    token = token_on(client, "/login")
    response = client.post(
        "/login",
        data={"username": username, "password": password_of(username), "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def case_version(client: TestClient, case_id: int | None) -> int:
    """The case version the case page's forms post (the site fixtures' case id is None only without a case)."""
    assert case_id is not None
    found = VERSION_FIELD.search(client.get(f"/cases/{case_id}").text)
    assert found
    return int(found.group(1))


def post_form(client: TestClient, path: str, data: dict[str, str], *, token_from: str = "/") -> Response:
    response: Response = client.post(
        path, data={"csrf_token": token_on(client, token_from), **data}, follow_redirects=False
    )
    return response


def upload_example(client: TestClient, *, leave_out: str | None = None, extra: str | None = None) -> Response:
    files = [("case_file", ("case.yaml", (EXAMPLE_CASE / "case.yaml").read_bytes(), "application/x-yaml"))]
    for path in sorted(EXAMPLE_CASE.glob("*.txt")):
        if path.name != leave_out:
            files.append(("records", (path.name, path.read_bytes(), "text/plain")))
    if extra:
        files.append(("records", (extra, b"A record nobody listed.\n", "text/plain")))
    token = token_on(client, "/cases/new")
    response: Response = client.post("/cases/new", data={"csrf_token": token}, files=files, follow_redirects=False)
    return response


# ---------------------------------------------------------------------------------------------------- logging in


def test_the_login_form_carries_its_own_csrf_token_and_logs_in(site: Site) -> None:
    client = log_in(site, "manager")
    queue = client.get("/")
    assert queue.status_code == 200
    assert "manager" in queue.text and "Case manager" in queue.text
    assert "No open cases" in queue.text


def test_a_login_without_the_forms_token_is_refused(site: Site) -> None:
    client = site.new_client()
    client.get("/login")
    refused = client.post(
        "/login", data={"username": "manager", "password": password_of("manager")}, follow_redirects=False
    )
    assert refused.status_code == 403
    assert "CSRF" in refused.text
    assert client.get("/", follow_redirects=False).status_code == 303  # still anonymous


def test_a_wrong_password_shows_the_form_again_until_throttled(site: Site) -> None:
    client = site.new_client()
    attempts = [
        client.post(
            "/login",
            data={"username": "manager", "password": "not the password", "csrf_token": token_on(client, "/login")},
        )
        for _ in range(5)
    ]
    assert [a.status_code for a in attempts] == [401] * 5
    assert "Wrong user name or password." in attempts[0].text
    assert 'value="manager"' in attempts[0].text  # the user name is kept, the password is not
    throttled = client.post(
        "/login",
        data={"username": "manager", "password": password_of("manager"), "csrf_token": token_on(client, "/login")},
    )
    assert throttled.status_code == 429
    assert "Too many failed logins" in throttled.text and throttled.headers["Retry-After"]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/cases/7", "/cases/7"),
        ("/audit?x=1", "/audit?x=1"),
        ("", "/"),
        ("//evil.example/cases", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("cases/7", "/"),
        ("/login", "/"),
        ("/cases/7\r\nSet-Cookie: x", "/"),
    ],
)
def test_after_login_only_local_paths_are_followed(target: str, expected: str) -> None:
    assert local_path(target) == expected


def test_login_goes_on_to_the_page_asked_for(site: Site) -> None:
    client = site.new_client()
    sent = client.get("/audit", follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/login?next=/audit"
    token = token_on(client, sent.headers["location"])
    assert 'name="next" value="/audit"' in client.get("/login?next=/audit").text
    response = client.post(
        "/login",
        data={"username": "manager", "password": password_of("manager"), "csrf_token": token, "next": "/audit"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/audit"


@pytest.mark.parametrize("path", ["/", "/cases/1", "/cases/new", "/audit"])
def test_anonymous_visitors_are_sent_to_the_login_page(site: Site, path: str) -> None:
    response = site.new_client().get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path}"


def test_logging_out_ends_the_session(site: Site) -> None:
    client = log_in(site, "manager")
    response = post_form(client, "/logout", {})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert "You are logged out." in client.get("/login").text
    assert client.get("/", follow_redirects=False).status_code == 303


# ---------------------------------------------------------------------------------------------------- the case manager


def test_a_form_post_without_the_csrf_token_is_refused(drafted_site: Site) -> None:
    client = log_in(drafted_site, "manager")
    case_id = drafted_site.case_id
    version = case_version(client, case_id)
    for data in ({"version": str(version)}, {"version": str(version), "csrf_token": "forged"}):
        refused = client.post(f"/cases/{case_id}/draft", data=data, follow_redirects=False)
        assert refused.status_code == 403
        assert "CSRF" in refused.text
    assert case_version(client, case_id) == version


def test_the_queue_lists_open_cases_with_priority_due_date_and_days_left(drafted_site: Site) -> None:
    page = log_in(drafted_site, "manager").get("/")
    assert f'href="/cases/{drafted_site.case_id}"' in page.text
    assert CASE_NUMBER in page.text and "Standard" in page.text and "Drafted" in page.text
    assert "2016-11-07" in page.text and "days overdue" in page.text
    assert "R-101" in page.text


def test_the_case_manager_sees_screening_deadlines_assignment_and_steps(drafted_site: Site) -> None:
    client = log_in(drafted_site, "manager")
    page = client.get(f"/cases/{drafted_site.case_id}").text
    assert "Received 2016-09-19, on or before the filing deadline 2016-10-03." in page  # an eligibility reason
    assert "Liability is not disputed." in page
    assert "2016-11-07" in page and "(CCP §§ 12, 12a)" in page  # the decision deadline and its basis
    for code in ("R-102", "R-103", "R-104", "R-105", "R-106", "R-107"):
        assert code in page  # every reviewer passed over, with reasons
    assert "a conflict of interest with a party to this case" in page  # the party itself is for administrators
    for step in ("screen", "assign", "draft"):
        assert f'action="/cases/{drafted_site.case_id}/{step}"' in page
    assert "<mark" not in page  # the record pane is the reviewer's


def test_screen_assign_and_draft_are_refused_for_reviewers(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    version = case_version(client, drafted_site.case_id)
    refused = post_form(client, f"/cases/{drafted_site.case_id}/screen", {"version": str(version)})
    assert refused.status_code == 403
    assert "only a" in refused.text


def test_a_stale_version_is_a_conflict_that_says_to_reload(drafted_site: Site) -> None:
    client = log_in(drafted_site, "manager")
    version = case_version(client, drafted_site.case_id)
    stale = post_form(client, f"/cases/{drafted_site.case_id}/draft", {"version": str(version - 1)})
    assert stale.status_code == 409
    assert "reload it and try again" in stale.text
    assert f'href="/cases/{drafted_site.case_id}">Reload the case' in stale.text


def test_the_audit_log_is_for_staff(drafted_site: Site) -> None:
    page = log_in(drafted_site, "manager").get("/audit")
    assert page.status_code == 200
    for action in ("create_case", "screen", "assign", "draft"):
        assert f'<span class="code">{action}</span>' in page.text
    assert log_in(drafted_site, ASSIGNED).get("/audit").status_code == 403


def test_an_unknown_case_is_a_404_page(drafted_site: Site) -> None:
    page = log_in(drafted_site, "manager").get("/cases/999999")
    assert page.status_code == 404
    assert "no case with id 999999" in page.text and "<html" in page.text


# ---------------------------------------------------------------------------------------------------- intake


def test_intake_takes_the_example_in_and_the_manager_screens_and_assigns_it(site: Site) -> None:
    client = log_in(site, "manager")
    created = upload_example(client)
    assert created.status_code == 303, created.text
    case_url = created.headers["location"]
    case_id = int(case_url.rsplit("/", 1)[1])
    page = client.get(case_url).text
    assert CASE_NUMBER in page and "Intake" in page and "The case is taken in." in page
    assert "progress_report_2016-08-15.txt" in page
    screened = post_form(client, f"{case_url}/screen", {"version": str(case_version(client, case_id))})
    assert screened.status_code == 303
    assert "Screened: the case is eligible." in client.get(case_url).text
    assigned = post_form(client, f"{case_url}/assign", {"version": str(case_version(client, case_id))})
    assert assigned.status_code == 303
    assert "Assigned to reviewer R-101." in client.get(case_url).text
    assert CASE_NUMBER in log_in(site, ASSIGNED).get("/").text  # now in the reviewer's queue


@pytest.mark.parametrize(
    ("leave_out", "extra", "message"),
    [
        ("xray_lumbar_2015-11-10.txt", None, "xray_lumbar_2015-11-10.txt listed but not uploaded"),
        (None, "stray.txt", "stray.txt uploaded but not listed under records"),
    ],
)
def test_intake_refuses_records_that_do_not_match_the_case_file(
    site: Site, leave_out: str | None, extra: str | None, message: str
) -> None:
    client = log_in(site, "manager")
    refused = upload_example(client, leave_out=leave_out, extra=extra)
    assert refused.status_code == 422
    error = re.search(r'data-testid="form-error">([^<]*)<', refused.text)
    assert error and message in error.group(1)
    assert "No open cases" in client.get("/").text  # nothing stored


def test_intake_refuses_a_broken_case_file_in_one_line(site: Site) -> None:
    client = log_in(site, "manager")
    token = token_on(client, "/cases/new")
    refused = client.post(
        "/cases/new",
        data={"csrf_token": token},
        files=[("case_file", ("case.yaml", b"case_number: [unclosed\n", "application/x-yaml"))],
    )
    assert refused.status_code == 422
    assert "case.yaml: invalid YAML at line" in refused.text


def test_reviewers_cannot_take_cases_in(site: Site) -> None:
    client = log_in(site, ASSIGNED)
    assert client.get("/cases/new").status_code == 403
    assert 'href="/cases/new"' not in client.get("/").text


# ---------------------------------------------------------------------------------------------------- the reviewer


def test_the_assigned_reviewer_sees_the_records_beside_the_draft(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    assert CASE_NUMBER in client.get("/").text
    page = client.get(f"/cases/{drafted_site.case_id}").text
    assert "Physical therapy 2 times a week for 6 weeks for the lumbar spine" in page
    assert "cpmtg-2016.physical-medicine.continued" in page  # a rule id
    assert "MTUS Chronic Pain Medical Treatment Guidelines (2016), Physical medicine treatment" in page
    assert "✗ Unmet" in page and "✓ Met" in page and "? Undocumented" in page
    assert "Undocumented: the records do not establish this either way." in page
    assert "SHORELINE PHYSICAL THERAPY &amp; REHAB" in page  # record text is escaped
    mark_ids = set(re.findall(r'<mark class="evidence" id="(ev-[\d-]+)"', page))
    anchors = set(re.findall(r'<span id="(ev-[\d-]+)" class="anchor">', page))
    pointed = {i for group in re.findall(r'data-evidence="([^"]+)"', page) for i in group.split()}
    assert mark_ids and pointed <= mark_ids | anchors  # every criterion and quote points at a mark
    assert 'id="ev-1-1672-1681"' in page  # "plateaued" in the PT discharge summary
    assert re.search(r'id="ev-1-1672-1681" data-spans="[^"]*">plateaued</mark>', page)
    assert "Preview the letter" in page and "I have read the letter and sign it" in page


def test_another_reviewer_gets_a_403_page(drafted_site: Site) -> None:
    client = log_in(drafted_site, OTHER_REVIEWER)
    page = client.get(f"/cases/{drafted_site.case_id}")
    assert page.status_code == 403
    assert "is not assigned to you" in page.text and "You may not do this" in page.text
    assert CASE_NUMBER not in client.get("/").text
    refused = post_form(
        client, f"/cases/{drafted_site.case_id}/items/1/decision", {"decision": "upheld", "reason": "mine now"}
    )
    assert refused.status_code == 403


def test_a_change_without_a_reason_is_refused(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    case_id = drafted_site.case_id
    version = case_version(client, case_id)
    refused = post_form(
        client, f"/cases/{case_id}/items/1/decision", {"decision": "upheld", "reason": "  ", "version": str(version)}
    )
    assert refused.status_code == 422
    assert "A reason is required for every change." in refused.text
    assert case_version(client, case_id) == version
    assert 'data-testid="change-1"' not in client.get(f"/cases/{case_id}").text


def test_a_reversal_needs_the_reviewers_guideline_and_rationale(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    case_id = drafted_site.case_id
    version = case_version(client, case_id)
    data = {"decision": "overturned", "reason": "a progressive deficit is documented", "version": str(version)}
    refused = post_form(client, f"/cases/{case_id}/items/2/decision", data)
    assert refused.status_code == 422
    assert "needs your own guideline and rationale" in refused.text
    assert ">a progressive deficit is documented</textarea>" in refused.text  # what was typed is kept
    assert "required when reversing" in refused.text


def test_the_reviewer_changes_an_item_signs_and_gets_the_letters(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    case_id = drafted_site.case_id
    changed = post_form(
        client,
        f"/cases/{case_id}/items/2/decision",
        {
            "decision": "overturned",
            "reason": "the record shows a progressive deficit",
            "guideline": "ACOEM Chapter 12, pages 303-305",
            "rationale": "A progressive deficit is documented. Therefore, the MRI is medically necessary.",
            "version": str(case_version(client, case_id)),
        },
    )
    assert changed.status_code == 303 and changed.headers["location"] == f"/cases/{case_id}#item-2"
    page = client.get(f"/cases/{case_id}").text
    assert "Item 2: your decision (overturned) is recorded." in page
    assert "the record shows a progressive deficit" in page
    version = case_version(client, case_id)
    unconfirmed = post_form(client, f"/cases/{case_id}/sign", {"version": str(version)})
    assert unconfirmed.status_code == 422
    assert "I have read the letter and sign it" in unconfirmed.text
    signed = post_form(client, f"/cases/{case_id}/sign", {"version": str(version), "confirm": "yes"})
    assert signed.status_code == 303, signed.text
    page = client.get(f"/cases/{case_id}").text
    assert "its signature verifies" in page and "✓ Verified" in page
    for kind in ("text", "html", "pdf"):
        assert f'href="/api/cases/{case_id}/letter?format={kind}"' in page
        assert f'href="/api/cases/{case_id}/letter?format={kind}&amp;public=true"' in page
    assert set(re.findall(r'action="([^"]+)"', page)) == {"/logout", f"/cases/{case_id}/notes"}  # nothing to change
    pdf = client.get(f"/api/cases/{case_id}/letter", params={"format": "pdf", "public": "true"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    manager_page = log_in(drafted_site, "manager").get(f"/cases/{case_id}").text
    assert "✓ Verified" in manager_page and "The reviewer changed item 2." in manager_page


def test_notes_are_added_and_an_empty_one_is_refused(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    case_id = drafted_site.case_id
    added = post_form(client, f"/cases/{case_id}/notes", {"text": "Asked for the <b>MRI</b> order & the PR-2."})
    assert added.status_code == 303 and added.headers["location"] == f"/cases/{case_id}#notes"
    page = client.get(f"/cases/{case_id}").text
    assert "Asked for the &lt;b&gt;MRI&lt;/b&gt; order &amp; the PR-2." in page
    empty = post_form(client, f"/cases/{case_id}/notes", {"text": "   "})
    assert empty.status_code == 422 and "An empty note." in empty.text


# ---------------------------------------------------------------------------------------------------- privacy and assets


def test_reviewer_names_are_shown_to_administrators_only(drafted_site: Site) -> None:
    case_id = drafted_site.case_id
    pages = {
        "manager": ["/", f"/cases/{case_id}", "/audit", "/cases/new"],
        ASSIGNED: ["/", f"/cases/{case_id}"],
        OTHER_REVIEWER: ["/", f"/cases/{case_id}"],
    }
    for username, paths in pages.items():
        client = log_in(drafted_site, username)
        for path in paths:
            text = client.get(path).text
            for name in REVIEWER_NAMES:
                assert name not in text, f"{name} shown to {username} on {path}"
    admin_page = log_in(drafted_site, "admin").get(f"/cases/{case_id}").text
    assert "Catherine Morrow-Ellis" in admin_page  # the administrator sees who R-101 is


def test_pages_load_only_their_own_static_files(drafted_site: Site) -> None:
    client = log_in(drafted_site, ASSIGNED)
    page = client.get(f"/cases/{drafted_site.case_id}")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    sources = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert sources and all(source.startswith("/") for source in sources)
    assert "<script>" not in page.text and " onclick=" not in page.text
    for asset in ("/static/workbench.css", "/static/workbench.js", "/static/favicon.svg"):
        assert client.get(asset).status_code == 200


def test_the_pages_stay_out_of_the_api_schema(site: Site) -> None:
    paths = site.new_client().get("/openapi.json").json()["paths"]
    assert all(path.startswith("/api/") for path in paths)


# ---------------------------------------------------------------------------------------------------- evidence marks


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("no spans", [], [Piece("no spans")]),
        (
            "Patient has plateaued.",
            [(12, 21)],
            [Piece("Patient has "), Piece("plateaued", ("ev-0-12-21",), ("ev-0-12-21",)), Piece(".")],
        ),
        (
            "low back pain",
            [(0, 13), (4, 13)],
            [
                Piece("low ", ("ev-0-0-13",), ("ev-0-0-13",)),
                Piece("back pain", ("ev-0-0-13", "ev-0-4-13"), ("ev-0-4-13",)),
            ],
        ),
        (
            "ab",
            [(0, 1), (0, 2)],
            [Piece("a", ("ev-0-0-1", "ev-0-0-2"), ("ev-0-0-1", "ev-0-0-2")), Piece("b", ("ev-0-0-2",))],
        ),
        ("short", [(3, 99), (50, 60), (2, 2)], [Piece("sho"), Piece("rt", ("ev-0-3-99",), ("ev-0-3-99",))]),
    ],
)
def test_record_text_is_cut_at_every_evidence_edge(
    text: str, spans: list[tuple[int, int]], expected: list[Piece]
) -> None:
    pieces = marked_text(text, 0, spans)
    assert pieces == expected
    assert "".join(piece.text for piece in pieces) == text


def test_a_criterions_evidence_is_listed_once_with_its_span_id() -> None:
    plateaued = {"quote": "plateaued", "document": 1, "start": 1672, "end": 1681}
    unplaced = {"quote": "somewhere", "document": None, "start": None, "end": None}
    shown = criterion_evidence({"evidence": [plateaued, plateaued, unplaced, unplaced]})
    assert [(e["quote"], e["id"]) for e in shown] == [("plateaued", "ev-1-1672-1681"), ("somewhere", None)]
