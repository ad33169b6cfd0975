"""The whole process through the API, end to end (the detailed tests are beside it)."""

from __future__ import annotations

from tests.web.conftest import ASSIGNED, OTHER_REVIEWER, Site


def test_reviewer_changes_an_item_signs_and_the_store_verifies(drafted_site: Site) -> None:
    site = drafted_site
    case = site.case_id
    site.login(ASSIGNED)
    trail = site.client.get(f"/api/cases/{case}/draft").json()
    version = trail["version"]
    changed = site.client.post(
        f"/api/cases/{case}/items/2/decision",
        json={
            "decision": "overturned",
            "reason": "the record shows a progressive deficit",
            "guideline": "ACOEM Chapter 12, pages 303-305",
            "rationale": "A progressive deficit is documented. Therefore, the MRI is medically necessary.",
            "version": version,
        },
    )
    assert changed.status_code == 200, changed.text
    stale = site.client.post(f"/api/cases/{case}/sign", json={"confirm": True, "version": version})
    assert stale.status_code == 409
    signed = site.client.post(f"/api/cases/{case}/sign", json={"confirm": True, "version": changed.json()["version"]})
    assert signed.status_code == 200, signed.text
    assert signed.json()["verified"] is True
    letter = site.client.get(f"/api/cases/{case}/letter", params={"format": "text"}).text
    assert "Overturned" in letter and "Catherine" not in letter
    other = site.new_client()
    site.login(OTHER_REVIEWER, other)
    assert other.get(f"/api/cases/{case}").status_code == 403
