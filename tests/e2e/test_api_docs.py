"""The API documentation (/api/docs/, Swagger UI) meets WCAG 2.1 AA in every state a reader sees.

Swagger UI is rendered by React long after the page loads, and again whenever something is opened,
so axe-core runs after each step: the collapsed list; a GET with query parameters, then its live
response; a PATCH and a DELETE; a schema; the Authorize dialog; a POST whose request body has
examples, and one that uploads a file. Each operation is shown with "Try it out", whose form fields
Swagger UI leaves without names (templates/drf_spectacular/swagger_ui.html, static/js/api-docs.js,
static/css/api-docs.css repair it).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RENDERED = 30_000  # ms for Swagger UI to fetch the schema (several MB) and draw it


def operation(page, tag, operation_id):
    """An operation's block. Swagger UI only renders what is near the window: scroll down to it."""
    block = page.locator(f"#operations-{tag}-{operation_id}")
    for _ in range(60):
        if block.count():
            break
        page.mouse.wheel(0, 700)
        page.wait_for_timeout(100)
    block.scroll_into_view_if_needed()
    return block


def try_it_out(block):
    block.locator(".opblock-body").wait_for(timeout=RENDERED)
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Cancel").wait_for()


def open_operation(page, tag, operation_id):
    block = operation(page, tag, operation_id)
    summary = block.locator("button.opblock-summary-control")
    summary.click()
    expect(summary).to_have_attribute("aria-expanded", "true")
    try_it_out(block)
    return block


def open_by_address(page, tag, operation_id):
    """Open an operation from its address (deep linking), as a link to it does."""
    page.goto("about:blank")
    page.goto(f"/api/docs/#/{tag}/{operation_id}")
    block = page.locator(f"#operations-{tag}-{operation_id}")
    try_it_out(block)
    return block


def assert_accessible(page, step):
    assert axe_violations(page) == [], step


def test_api_docs_meet_wcag_in_every_state(page):
    page.goto("/api/docs/")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("en", "ltr")
    page.locator(".opblock-summary-path").first.wait_for(timeout=RENDERED)
    assert_accessible(page, "collapsed")

    # A list: its query parameters, an enum among them, named after the parameter; then a call.
    block = open_operation(page, "broadcasts", "broadcasts_list")
    block.get_by_role("combobox", name="status (query)").select_option("open")
    block.get_by_role("textbox", name="q (query)", exact=True).fill("digital")
    assert block.get_by_role("combobox", name="Example of the 400 response").count() == 1
    assert_accessible(page, "GET with query parameters")
    block.get_by_role("button", name="Execute").click()
    block.locator(".live-responses-table").wait_for()
    assert "status=open" in block.locator(".request-url").inner_text()
    assert_accessible(page, "GET with its live response")

    open_operation(page, "broadcasts", "broadcasts_partial_update")
    assert_accessible(page, "PATCH")
    open_operation(page, "broadcasts", "broadcasts_destroy")
    assert_accessible(page, "DELETE")

    # A schema, opened from the list at the end of the page.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    models = page.locator("section.models")
    models.scroll_into_view_if_needed()
    if "is-open" not in (models.get_attribute("class") or ""):
        models.locator("h4 button").first.click()
    schema = models.locator(".model-container").first
    schema.locator("button.model-box-control").first.click()
    schema.locator(".model-box .model").first.wait_for()
    assert_accessible(page, "a schema expanded")

    # The Authorize dialog.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".scheme-container button.authorize").click()
    dialog = page.locator(".dialog-ux .modal-ux")
    dialog.wait_for()
    expect(dialog.locator("button.close-modal")).to_have_accessible_name("Close")
    assert_accessible(page, "the Authorize dialog")

    # A creation whose request body has examples, and an upload.
    block = open_by_address(page, "partner", "partner_opportunities_create")
    assert block.get_by_role("textbox", name="Request body").input_value().startswith("{")
    assert block.get_by_role("combobox", name="Example of the request body").count() == 1
    assert_accessible(page, "POST with a request body and its examples")
    block = open_by_address(page, "partner", "partner_opportunities_attachments_create")
    assert block.get_by_label("file (request body)").count() == 1
    assert_accessible(page, "POST of a file")

    assert not page.watch.outside_requests
    assert not [m for m in page.watch.console_errors if "Content Security Policy" in m]
