"""The review process through the API, step by step, on SQLite and PostgreSQL; and the one-fact changes that turn it.

A case manager takes the example case in and uploads its records, screens it and assigns it; the assigned reviewer
drafts, changes one item with a reason and signs; the letters and their public copies come out, the signature
verifies, and every action is in the audit log with the case's hash before and after.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from fastapi.testclient import TestClient

from imr.store.models import AuditEvent
from tests.web.api_support import (
    CHANGED_ITEM,
    PANEL_CODES,
    audit_actions,
    case_file,
    change_item,
    sign,
    step,
    take_in,
    upload,
    version_of,
)
from tests.web.conftest import ASSIGNED, EXAMPLE_CASE, EXAMPLES, Site

EXPEDITED = EXAMPLES / "expedited-lumbar-microdiscectomy"
CONFLICTED = EXAMPLES / "conflicted-psych-reviewer"
LATE_FILING = EXAMPLES / "ineligible-late-filing"
DONE_ACTIONS = ["create_case", *["add_record"] * 4, "screen", "assign", "draft", "change_item", "sign"]


def reviewer_client(site: Site, username: str = ASSIGNED) -> TestClient:
    client = site.new_client()
    site.login(username, client)
    return client


def test_the_whole_process_by_api(site: Site) -> None:
    manager = site.client
    site.login("manager")
    case_id = take_in(manager, EXAMPLE_CASE)
    taken = manager.get(f"/api/cases/{case_id}").json()
    assert taken["status"] == "intake"
    assert [r["file_name"] for r in taken["records"]] == [
        "progress_report_2016-08-15.txt",
        "pt_discharge_2016-06-28.txt",
        "xray_lumbar_2015-11-10.txt",
        "ur_decision_2016-08-29.txt",
    ]
    record = taken["records"][0]
    assert (
        manager.get(f"/api/cases/{case_id}/records/{record['id']}").content
        == (EXAMPLE_CASE / record["file_name"]).read_bytes()
    )

    screened = step(manager, case_id, "screen")
    assert screened.status_code == 200, screened.text
    assert screened.json()["status"] == "eligible"
    assert screened.json()["due_date"] == "2016-11-07"  # case.yaml: decision due Sunday 2016-11-06, rolled

    assigned = step(manager, case_id, "assign")
    assert assigned.status_code == 200, assigned.text
    assignment = assigned.json()["assignment"]
    assert assignment["reviewer_code"] == "R-101"
    assert assigned.json()["reviewer"] == {"code": "R-101"}
    passed_over = {entry["reviewer_id"]: entry["reasons"] for entry in assignment["passed_over"]}
    assert set(passed_over) == PANEL_CODES - {"R-101"}
    assert all(reasons and all(r["text"] for r in reasons) for reasons in passed_over.values())
    assert "conflict" in {r["code"] for r in passed_over["R-102"]}  # paid by the claims administrator
    assert [r["code"] for r in passed_over["R-103"]] == ["ranked_lower"]  # qualified, but not licensed in CA

    reviewer = reviewer_client(site)
    drafted = step(reviewer, case_id, "draft")
    assert drafted.status_code == 201, drafted.text
    trail = drafted.json()
    assert trail["draft"] == 1 and [item["index"] for item in trail["items"]] == [1, 2, 3]
    texts = [document["text"] for document in trail["documents"]]
    spans = [e for item in trail["items"] for c in item["criteria"] for e in c["evidence"]]
    assert spans
    for evidence in spans:
        assert texts[evidence["document"]][evidence["start"] : evidence["end"]] == evidence["quote"], evidence

    changed = change_item(reviewer, case_id)
    assert changed.status_code == 200, changed.text
    item = next(i for i in changed.json()["items"] if i["index"] == CHANGED_ITEM)
    assert item["decision"] == "overturned" and item["engine_decision"] == "upheld"
    assert item["change"]["reason"] == "the record shows a progressive deficit"

    signed = sign(reviewer, case_id)
    assert signed.status_code == 200, signed.text
    assert signed.json()["verified"] is True
    assert manager.get(f"/api/cases/{case_id}").json()["status"] == "signed"

    employee = case_file(EXAMPLE_CASE)["employee"]["name"]
    for public in (False, True):
        text = manager.get(f"/api/cases/{case_id}/letter", params={"format": "text", "public": public})
        html = manager.get(f"/api/cases/{case_id}/letter", params={"format": "html", "public": public})
        pdf = manager.get(f"/api/cases/{case_id}/letter", params={"format": "pdf", "public": public})
        assert text.status_code == html.status_code == pdf.status_code == 200
        assert text.headers["content-type"].startswith("text/plain")
        assert html.headers["content-type"].startswith("text/html") and "<html" in html.text.lower()
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        assert "Overturned" in text.text
        assert (employee in text.text) is not public  # the public copy names nobody

    verified = manager.get(f"/api/cases/{case_id}/verify")
    assert verified.status_code == 200
    assert verified.json()["verified"] is True and verified.json()["problems"] == []

    events = list(reversed(manager.get(f"/api/cases/{case_id}/audit").json()))
    assert [e["action"] for e in events if e["outcome"] == "done"] == DONE_ACTIONS
    assert all(e["outcome"] == "done" for e in events)
    assert events[0]["hash_before"] is None and events[0]["hash_after"]
    for before, after in itertools.pairwise(events):
        assert after["hash_before"] == before["hash_after"]  # nothing changed the case between two actions
        assert after["hash_after"] and after["hash_after"] != after["hash_before"]
    assert [e["actor"] for e in events] == ["manager"] * 7 + [ASSIGNED] * 3
    whole = manager.get("/api/audit").json()
    assert {e["id"] for e in events} <= {e["id"] for e in whole}


def test_an_application_that_was_never_signed_is_screened_out_and_refused_at_assign(site: Site) -> None:
    site.login("manager")
    application = case_file(EXAMPLE_CASE)
    application["application"]["signature"] = {"signed": False}
    created = site.client.post("/api/cases", json=application)
    assert created.status_code == 201, created.text
    case_id = created.json()["id"]
    screened = step(site.client, case_id, "screen")
    assert screened.json()["status"] == "ineligible"
    refused = step(site.client, case_id, "assign")
    assert refused.status_code == 409
    assert "ineligible" in refused.json()["error"]
    assert site.client.get(f"/api/cases/{case_id}").json()["reviewer"] is None
    assert audit_actions(site.client, case_id)[-2:] == [("screen", "done"), ("assign", "refused")]


def test_a_late_filing_is_screened_out_and_refused_at_assign(site: Site) -> None:
    site.login("manager")
    case_id = take_in(site.client, LATE_FILING)
    screened = step(site.client, case_id, "screen").json()
    assert screened["status"] == "ineligible"
    assert screened["eligibility"]["outcome"] == "ineligible"
    assert step(site.client, case_id, "assign").status_code == 409
    assert step(site.client, case_id, "draft").status_code == 409


def test_a_case_whose_only_qualified_reviewer_is_conflicted_gets_no_reviewer(site: Site) -> None:
    site.login("manager")
    case_id = take_in(site.client, CONFLICTED)
    assert step(site.client, case_id, "screen").json()["status"] == "eligible"
    assigned = step(site.client, case_id, "assign")
    assert assigned.status_code == 200, assigned.text
    case = assigned.json()
    assert case["status"] == "no_reviewer" and case["reviewer"] is None
    assert case["assignment"]["reviewer_code"] is None
    passed_over = {entry["reviewer_id"]: entry["reasons"] for entry in case["assignment"]["passed_over"]}
    assert set(passed_over) == PANEL_CODES
    assert [r["code"] for r in passed_over["R-106"]] == ["conflict"]
    drafted = step(site.client, case_id, "draft")
    assert drafted.status_code == 409 and "assign a reviewer" in drafted.json()["error"]


def test_the_work_queue_puts_overdue_cases_first_then_orders_by_due_date(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("imr.store.views.today_utc", lambda: dt.date(2016, 11, 1))
    site.login("manager")
    standard = take_in(site.client, EXAMPLE_CASE)  # decision due 2016-11-07
    conflicted = take_in(site.client, CONFLICTED)  # due 2017-08-07
    expedited = take_in(site.client, EXPEDITED)  # expedited: due within days of 2016-10-12, overdue on 2016-11-01
    unscreened = site.client.post("/api/cases", json={**case_file(EXAMPLE_CASE), "case_number": "CM16-0000001"})
    late = take_in(site.client, LATE_FILING)  # ineligible: closed, not in the queue
    for case_id in (conflicted, standard, expedited, late):
        assert step(site.client, case_id, "screen").status_code == 200
    queue = site.client.get("/api/queue").json()
    assert [row["id"] for row in queue] == [expedited, standard, conflicted, unscreened.json()["id"]]
    assert [row["overdue"] for row in queue] == [True, False, False, False]
    assert queue[1]["days_left"] == 6
    reviewer = reviewer_client(site)
    assert reviewer.get("/api/queue").json() == []  # nothing assigned to them yet


def test_records_arrive_one_by_one_and_a_second_upload_of_one_name_is_refused(site: Site) -> None:
    site.login("manager")
    created = site.client.post("/api/cases", json=case_file(EXAMPLE_CASE))
    case_id = created.json()["id"]
    fields = {"type": "progress_report", "author": "Kenneth Yamasaki, MD", "date": "2016-08-15"}
    content = (EXAMPLE_CASE / "progress_report_2016-08-15.txt").read_bytes()
    assert upload(site.client, case_id, "progress_report_2016-08-15.txt", content, fields).status_code == 201
    again = upload(site.client, case_id, "progress_report_2016-08-15.txt", content, fields)
    assert again.status_code == 409 and "already has a record" in again.json()["error"]
    assert len(site.client.get(f"/api/cases/{case_id}").json()["records"]) == 1
    assert version_of(site.client, case_id) > created.json()["version"]


def test_a_case_number_is_taken_in_once(site: Site) -> None:
    site.login("manager")
    assert site.client.post("/api/cases", json=case_file(EXAMPLE_CASE)).status_code == 201
    again = site.client.post("/api/cases", json=case_file(EXAMPLE_CASE))
    assert again.status_code == 409 and "already in the store" in again.json()["error"]
    assert len(site.client.get("/api/cases").json()) == 1


def test_a_corrected_case_file_is_screened_assigned_and_drafted_again_before_it_is_signed(
    drafted_site: Site,
) -> None:
    site = drafted_site
    site.login("manager")
    case_id = site.case_id or 0
    reviewer = reviewer_client(site)
    assert change_item(reviewer, case_id).status_code == 200
    application = site.client.get(f"/api/cases/{case_id}").json()["application"]
    application["employee"]["name"] = "Marisol <script>alert(1)</script> Quintero"
    corrected = site.client.put(
        f"/api/cases/{case_id}", json=application, params={"version": version_of(site.client, case_id)}
    )
    assert corrected.status_code == 200, corrected.text
    case = corrected.json()
    assert case["status"] == "intake" and case["reviewer"] is None and case["assignment"] is None
    assert case["application"]["employee"]["name"] == application["employee"]["name"]
    assert step(site.client, case_id, "screen").json()["status"] == "eligible"
    assert step(site.client, case_id, "assign").json()["reviewer"] == {"code": "R-101"}
    stale = sign(reviewer, case_id)  # the newest draft was made from the case file before the correction
    assert stale.status_code == 409 and "draft it (again) before signing" in stale.json()["error"]
    assert change_item(reviewer, case_id).status_code == 409
    redrafted = step(reviewer, case_id, "draft")
    assert redrafted.status_code == 201 and redrafted.json()["draft"] == 2
    assert all(item["change"] is None for item in redrafted.json()["items"])
    assert sign(reviewer, case_id).status_code == 200
    html = site.client.get(f"/api/cases/{case_id}/letter", params={"format": "html"}).text
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_whole_audit_log_is_read_newest_first_up_to_its_limit(site: Site) -> None:
    with site.store.session() as session:
        session.add_all(AuditEvent(action="test", outcome="done", detail={"n": n}) for n in range(600))
    site.login("manager")
    assert len(site.client.get("/api/audit").json()) == 500
    every = site.client.get("/api/audit", params={"limit": 5000}).json()
    assert len(every) > 600 and every[0]["detail"] == {"n": 599}
    assert [e["detail"] for e in site.client.get("/api/audit", params={"limit": 2}).json()] == [{"n": 599}, {"n": 598}]
    assert site.client.get("/api/audit", params={"limit": 0}).status_code == 422


def test_notes_are_kept_with_their_author(drafted_site: Site) -> None:
    site = drafted_site
    site.login("manager")
    noted = site.client.post(f"/api/cases/{site.case_id}/notes", json={"text": "  records complete  "})
    assert noted.status_code == 201, noted.text
    assert [(n["author"], n["text"]) for n in noted.json()["notes"]] == [("manager", "records complete")]
    reviewer = reviewer_client(site)
    assert reviewer.post(f"/api/cases/{site.case_id}/notes", json={"text": "read"}).status_code == 201
    assert audit_actions(site.client, site.case_id or 0)[-2:] == [("add_note", "done"), ("add_note", "done")]


def test_a_changed_item_needs_a_guideline_and_rationale_when_it_reverses_the_engine(drafted_site: Site) -> None:
    site = drafted_site
    reviewer = reviewer_client(site)
    case_id = site.case_id or 0
    bare = change_item(reviewer, case_id, guideline=None, rationale=None)
    assert bare.status_code == 422 and "guideline and rationale" in bare.json()["error"]
    missing = change_item(reviewer, case_id, item=9)
    assert missing.status_code == 404 and "no item 9" in missing.json()["error"]
    kept = change_item(reviewer, case_id, item=1, decision="upheld", guideline=None, rationale=None)
    assert kept.status_code == 200, kept.text
    preview = reviewer.get(f"/api/cases/{case_id}/letter", params={"format": "text"})
    assert preview.status_code == 200 and "Upheld" in preview.text


def test_a_draft_preview_shows_the_reviewers_change_before_signing(drafted_site: Site) -> None:
    site = drafted_site
    reviewer = reviewer_client(site)
    case_id = site.case_id or 0
    before = reviewer.get(f"/api/cases/{case_id}/letter", params={"format": "text"}).text
    assert change_item(reviewer, case_id).status_code == 200
    after = reviewer.get(f"/api/cases/{case_id}/letter", params={"format": "text"}).text
    assert "Overturned" in after and after != before
    public = reviewer.get(f"/api/cases/{case_id}/letter", params={"format": "html", "public": True})
    assert public.status_code == 200 and "Overturned" in public.text
    unsigned = reviewer.get(f"/api/cases/{case_id}/verify")
    assert unsigned.status_code == 404 and "not signed" in unsigned.json()["error"]
