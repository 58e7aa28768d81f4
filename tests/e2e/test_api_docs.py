"""The API documentation (/api/docs/, Swagger UI) meets WCAG 2.1 AA in every state a reader sees.

Swagger UI is rendered by React long after the page loads, and again whenever something is opened,
so axe-core runs after each step: the collapsed list, a GET with query parameters, a POST with a
request body and examples, a PATCH, a DELETE (each with "Try it out"), a live response, a schema,
and the Authorize dialog.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TAG = "broadcasts"


def operation(page, operation_id):
    """The block of an operation of TAG. Swagger UI only renders what is near the viewport, so
    scroll down until it is there."""
    block = page.locator(f"#operations-{TAG}-{operation_id}")
    for _ in range(60):
        if block.count():
            break
        page.mouse.wheel(0, 700)
        page.wait_for_timeout(100)
    block.scroll_into_view_if_needed()
    return block


def open_operation(page, operation_id):
    block = operation(page, operation_id)
    summary = block.locator("button.opblock-summary-control")
    summary.click()
    assert summary.get_attribute("aria-expanded") == "true"
    block.locator(".opblock-body").wait_for()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Cancel").wait_for()
    return block


def assert_accessible(page, step):
    assert axe_violations(page) == [], step


def test_api_docs_meet_wcag_in_every_state(page):
    page.goto("/api/docs/")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("en", "ltr")
    page.locator(".opblock-summary-path").first.wait_for(timeout=20000)  # Swagger UI has rendered
    assert_accessible(page, "collapsed")

    # A list: its query parameters, an enum among them, named after the parameter; then a call.
    block = open_operation(page, f"{TAG}_list")
    block.get_by_role("combobox", name="status (query)").select_option("open")
    block.get_by_role("textbox", name="q (query)", exact=True).fill("digital")
    assert_accessible(page, "GET with query parameters")
    block.get_by_role("button", name="Execute").click()
    block.locator(".live-responses-table").wait_for()
    assert "status=open" in block.locator(".request-url").inner_text()
    assert_accessible(page, "GET with a live response")

    # A creation: the request body, and the examples of its error responses.
    block = open_operation(page, f"{TAG}_create")
    assert block.get_by_role("textbox", name="Request body").input_value().startswith("{")
    assert block.get_by_role("combobox", name="Example of the 400 response").count() == 1
    assert_accessible(page, "POST with a request body and examples")

    open_operation(page, f"{TAG}_partial_update")
    assert_accessible(page, "PATCH")
    open_operation(page, f"{TAG}_destroy")
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

    assert not page.watch.outside_requests
    assert not [m for m in page.watch.console_errors if "Content Security Policy" in m]
