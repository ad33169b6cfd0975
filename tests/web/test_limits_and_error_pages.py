"""Request size caps, the workbench's error pages, and the steps a case's status allows."""

from __future__ import annotations

import yaml

from tests.web.conftest import EXAMPLE_CASE, Site


def test_a_request_announcing_a_body_over_the_cap_is_refused_before_it_is_read(site: Site) -> None:
    site.login("manager")
    response = site.client.post(
        "/api/cases", content=b"{}", headers={"Content-Type": "application/json", "Content-Length": str(10**9)}
    )
    assert response.status_code == 413
    assert response.json()["error"].startswith("request too large")


def test_a_body_that_passes_the_cap_while_it_streams_is_cut_off(site: Site, monkeypatch: object) -> None:
    from imr.web import limits

    site.login("manager")
    cap = limits.MAX_BODY_BYTES

    def chunks() -> object:
        sent = 0
        while sent <= cap:
            yield b" " * (1024 * 1024)
            sent += 1024 * 1024

    response = site.client.post("/api/cases", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_workbench_errors_are_pages_and_api_errors_are_json(site: Site) -> None:
    site.login("manager")
    page = site.client.get("/cases/not-a-number")
    assert page.status_code in {404, 422} and page.headers["content-type"].startswith("text/html")
    missing = site.client.get("/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    api = site.client.get("/api/cases/not-a-number")
    assert api.status_code == 422 and api.json()["error"]


def test_the_login_redirect_keeps_the_whole_address(site: Site) -> None:
    response = site.client.get("/audit?limit=5", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/audit%3Flimit%3D5"


def test_a_drafted_case_is_not_screened_again_until_its_case_file_is_corrected(drafted_site: Site) -> None:
    site = drafted_site
    site.login("manager")
    refused = site.client.post(f"/api/cases/{site.case_id}/screen", json={})
    assert refused.status_code == 409 and "correct its case file" in refused.json()["error"]
    application = site.client.get(f"/api/cases/{site.case_id}").json()["application"]
    corrected = site.client.put(f"/api/cases/{site.case_id}", json=application)
    assert corrected.status_code == 200 and corrected.json()["status"] == "intake"
    assert site.client.post(f"/api/cases/{site.case_id}/screen", json={}).json()["status"] == "eligible"


def test_a_deferred_case_waits_in_the_case_managers_queue(site: Site) -> None:
    site.login("manager")
    application = yaml.safe_load((EXAMPLE_CASE / "case.yaml").read_text(encoding="utf-8"))
    application.pop("records")
    application["application"]["liability_disputed"] = True
    created = site.client.post("/api/cases", json=_plain(application))
    assert created.status_code == 201, created.text
    case_id = created.json()["id"]
    assert site.client.post(f"/api/cases/{case_id}/screen", json={}).json()["status"] == "deferred"
    assert [row["id"] for row in site.client.get("/api/queue").json()] == [case_id]


def _plain(value: object) -> object:
    """YAML dates as ISO text, as a JSON client sends them."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_a_record_arriving_after_the_draft_sends_the_case_back_to_be_drafted_again(drafted_site: Site) -> None:
    from tests.web.api_support import upload

    site = drafted_site
    manager = site.new_client()
    site.login("manager", manager)
    late = b"PROGRESS REPORT\nLow back pain persists. Physical therapy helped: walks 30 minutes more than before.\n"
    fields = {"type": "progress_report", "author": "Kenneth Yamasaki, MD", "date": "2016-09-30"}
    added = upload(manager, site.case_id or 0, "late_report_2016-09-30.txt", late, fields)
    assert added.status_code == 201, added.text
    assert added.json()["status"] == "assigned"
    reviewer = site.new_client()
    site.login("r-101", reviewer)
    version = added.json()["version"]
    unversioned = reviewer.post(f"/api/cases/{site.case_id}/sign", json={"confirm": True})
    assert unversioned.status_code == 422 and "version" in unversioned.json()["error"]
    refused = reviewer.post(f"/api/cases/{site.case_id}/sign", json={"confirm": True, "version": version})
    assert refused.status_code == 409
    redrafted = reviewer.post(f"/api/cases/{site.case_id}/draft", json={})
    assert redrafted.status_code == 201 and redrafted.json()["draft"] == 2
    assert "late_report_2016-09-30.txt" in [document["file"] for document in redrafted.json()["documents"]]


def test_a_conflicts_reason_is_for_administrators_since_it_names_the_party_the_reviewer_is_tied_to(
    drafted_site: Site,
) -> None:
    site = drafted_site
    readers = {}
    for username in ("manager", "admin"):
        client = site.new_client()
        site.login(username, client)
        assignment = client.get(f"/api/cases/{site.case_id}").json()["assignment"]
        readers[username] = {entry["reviewer_id"]: entry["reasons"] for entry in assignment["passed_over"]}
    assert [reason["code"] for reason in readers["manager"]["R-102"]] == ["conflict"]
    assert "Golden Poppy" not in str(readers["manager"]) and "conflict of interest" in str(readers["manager"]["R-102"])
    assert "Golden Poppy" in str(readers["admin"]["R-102"])
    assert readers["manager"]["R-103"] == readers["admin"]["R-103"]  # other reasons name no one: shown as they are
