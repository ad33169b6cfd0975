"""The workbench in Chromium, end to end: a case manager takes the example case in through the intake form, screens,
assigns and drafts it; the assigned reviewer opens it from the queue, follows a criterion to its evidence in the
records, changes an item with a reason and signs; another reviewer is refused; an anonymous visitor is sent to log
in. Every step leaves a screenshot in out/test-artifacts/workbench-*.png, to be looked at."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.browser.conftest import ARTIFACTS, LiveSite
from tests.web.conftest import ASSIGNED, EXAMPLE_CASE, OTHER_REVIEWER, password_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

VIEWPORT: ViewportSize = {"width": 1440, "height": 900}
ENGINE_MS = 180_000  # drafting runs the whole engine over the records
ACTIVE = re.compile(r"\bactive\b")


def shoot(page: Page, step: str, *, full_page: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / f"workbench-{step}.png"), full_page=full_page)


def open_session(browser: Browser, requested: list[str]) -> Page:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    return page


def log_in(page: Page, site: LiveSite, username: str, *, step: str | None = None) -> None:
    from playwright.sync_api import expect

    page.goto(site.url("/login"))
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password_of(username))
    if step:
        shoot(page, step)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def test_a_case_from_intake_to_signature_in_the_browser(chromium: Browser, live_site: LiveSite) -> None:
    from playwright.sync_api import expect

    site = live_site
    requested: list[str] = []

    # The case manager takes the example case in: case.yaml and its four records in one form.
    manager = open_session(chromium, requested)
    log_in(manager, site, "manager", step="01-login")
    expect(manager.get_by_text("No open cases")).to_be_visible()
    shoot(manager, "02-empty-queue")
    manager.get_by_role("link", name="New case").first.click()
    manager.get_by_label("Case file", exact=True).set_input_files(str(EXAMPLE_CASE / "case.yaml"))
    manager.get_by_label("Record files", exact=True).set_input_files(
        [str(path) for path in sorted(EXAMPLE_CASE.glob("*.txt"))]
    )
    shoot(manager, "03-intake")
    manager.get_by_role("button", name="Take the case in").click()
    expect(manager.get_by_text("The case is taken in. Screen it next.")).to_be_visible()
    case_url = manager.url
    assert re.fullmatch(re.escape(site.url("/cases/")) + r"\d+", case_url), case_url
    case_path = case_url.removeprefix(site.base_url)
    shoot(manager, "04-taken-in", full_page=True)

    # ... screens it, assigns it and drafts it.
    manager.get_by_role("button", name="Screen").click()
    expect(manager.get_by_text("Screened: the case is eligible.")).to_be_visible()
    expect(manager.get_by_test_id("eligibility")).to_contain_text("on or before the filing deadline 2016-10-03")
    manager.get_by_role("button", name="Assign").click()
    expect(manager.get_by_text("Assigned to reviewer R-101.")).to_be_visible()
    expect(manager.get_by_test_id("passed-over")).to_contain_text("R-102")
    shoot(manager, "05-screened-and-assigned", full_page=True)
    manager.get_by_role("button", name="Draft").click()
    expect(manager.get_by_text("Draft 1 is ready for the reviewer.")).to_be_visible(timeout=ENGINE_MS)
    shoot(manager, "06-drafted", full_page=True)
    manager.get_by_role("button", name="Log out").click()
    expect(manager.get_by_text("You are logged out.")).to_be_visible()

    # The assigned reviewer opens the case from the queue: records on one side, the draft on the other.
    reviewer = open_session(chromium, requested)
    log_in(reviewer, site, ASSIGNED)
    expect(reviewer.get_by_test_id("queue")).to_contain_text("CM16-0187342")
    shoot(reviewer, "07-reviewer-queue")
    reviewer.get_by_role("link", name="CM16-0187342").click()
    expect(reviewer.get_by_role("heading", name="Records")).to_be_visible()
    expect(reviewer.get_by_role("heading", name="Draft determination")).to_be_visible()
    shoot(reviewer, "08-workbench")

    # A criterion leads to its evidence: the mark is highlighted and scrolled into view in the record pane.
    criterion = reviewer.locator("#item-1 button.criterion-button").first
    expect(criterion).to_contain_text("functional improvement")
    first_id = (criterion.get_attribute("data-evidence") or "").split()[0]
    criterion.click()
    mark = reviewer.locator(f"mark#{first_id}")
    expect(mark).to_have_class(ACTIVE)
    expect(mark).to_be_in_viewport()
    assert reviewer.locator("mark.evidence.active").count() >= 2  # every piece of the criterion's evidence
    shoot(reviewer, "09-criterion-evidence")
    quote = reviewer.locator("#item-2 a.quote").first
    quote_id = (quote.get_attribute("data-evidence") or "").strip()
    quote.click()
    expect(reviewer.locator(f"mark#{quote_id}")).to_have_class(ACTIVE)
    expect(reviewer.locator(f"mark#{quote_id}")).to_be_in_viewport()
    expect(mark).not_to_have_class(ACTIVE)
    expect(reviewer.locator("#item-3 .badge-undocumented").first).to_have_text(re.compile("Undocumented"))

    # The reviewer overturns item 2; reversing makes the guideline and rationale required.
    item = reviewer.locator("#item-2")
    item.get_by_text("Change the decision").click()
    item.get_by_label("Overturned: medically necessary").check()
    expect(item.get_by_label(re.compile("^Rationale"))).to_have_attribute("required", "")
    item.get_by_label(re.compile("^Reason for the change")).fill("The record shows a progressive deficit.")
    item.get_by_label(re.compile("^Guideline")).fill("ACOEM Chapter 12, pages 303-305")
    item.get_by_label(re.compile("^Rationale")).fill(
        "A progressive neurological deficit is documented. Therefore, the MRI is medically necessary."
    )
    shoot(reviewer, "10-change-form")
    item.get_by_role("button", name="Record the decision").click()
    expect(reviewer.get_by_text("Item 2: your decision (overturned) is recorded.")).to_be_visible()
    expect(reviewer.get_by_test_id("change-2")).to_contain_text("progressive deficit")
    shoot(reviewer, "11-changed")

    # The letter preview, with the change, before signing.
    with reviewer.context.expect_page() as preview_opened:
        reviewer.get_by_test_id("preview-letter").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    expect(preview.locator("body")).to_contain_text("Overturned")
    preview.set_viewport_size(VIEWPORT)
    shoot(preview, "12-letter-preview")
    preview.close()

    # Signing: the confirmation box, then the browser's confirm().
    reviewer.get_by_label("I have read the letter and sign it").check()
    reviewer.once("dialog", lambda dialog: dialog.accept())
    reviewer.get_by_role("button", name="Sign the determination").click()
    expect(reviewer.get_by_text("The determination is signed, and its signature verifies.")).to_be_visible(
        timeout=ENGINE_MS
    )
    expect(reviewer.get_by_test_id("verification")).to_contain_text("Verified")
    for kind in ("text", "html", "pdf"):
        expect(reviewer.get_by_test_id(f"letter-{kind}")).to_be_visible()
        expect(reviewer.get_by_test_id(f"public-{kind}")).to_be_visible()
    shoot(reviewer, "13-signed")
    pdf = reviewer.request.get(site.url(reviewer.get_by_test_id("public-pdf").get_attribute("href") or ""))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # Another reviewer may not open the case.
    other = open_session(chromium, requested)
    log_in(other, site, OTHER_REVIEWER)
    response = other.goto(site.url(case_path))
    assert response is not None and response.status == 403
    expect(other.get_by_role("heading", name="You may not do this")).to_be_visible()
    expect(other.get_by_test_id("error-message")).to_contain_text("is not assigned to you")
    shoot(other, "14-other-reviewer-refused")

    # An anonymous visitor is sent to the login page, and back to the case after logging in.
    anonymous = open_session(chromium, requested)
    anonymous.goto(site.url(case_path))
    expect(anonymous).to_have_url(site.url(f"/login?next={case_path}"))
    expect(anonymous.get_by_role("heading", name="Log in")).to_be_visible()
    shoot(anonymous, "15-anonymous-to-login")

    assert requested and all(url.startswith(site.base_url + "/") for url in requested)  # nothing from elsewhere
