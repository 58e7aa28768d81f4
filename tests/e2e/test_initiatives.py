"""Keyboard use of the initiatives board, and a tension taken to "jumped into the water"."""

import pytest

from api_human.core.management.commands.loaddemo import load_all_demo
from initiatives.models import Initiative
from tensions.models import Tension
from tests.e2e.conftest import axe_violations
from tests.e2e.test_browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_all_demo()


def test_move_an_initiative_on_the_board_with_the_keyboard(page, demo):
    sign_in(page, "team")
    page.goto("/initiatives/board/")
    assert axe_violations(page) == []
    initiative = Initiative.objects.get(title="תיק לקוח דיגיטלי")
    select = page.locator(f"#move-{initiative.pk}")
    select.focus()
    select.select_option("joint_team")  # what the arrow keys do on a focused <select>
    page.keyboard.press("Tab")  # to the card's Move button
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/initiatives/board/")
    column = page.locator("section[aria-labelledby='column-joint_team']")
    assert "תיק לקוח דיגיטלי" in column.inner_text()
    initiative.refresh_from_db()
    assert initiative.status == "joint_team"


def test_take_a_tension_from_raised_to_jumped_into_the_water(page, demo):
    sign_in(page, "team")
    tension = Tension.objects.get(title="מה תפקיד המשרד מעבר להנגשת הכלי?")
    Tension.objects.filter(pk=tension.pk).update(state="raised")
    page.goto(f"/tensions/{tension.pk}/")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("#move-form button[type=submit]").click()  # to "legitimised": nothing to add
    page.locator(".tension-close summary").click()
    page.check("#close-form input[name=state][value=jumped]")
    page.fill("#id_note", "Launch the tool now; decide the ministry's further role from what we learn")
    with page.expect_navigation():
        page.locator("#close-form button[type=submit]").click()
    assert tension.__class__.objects.get(pk=tension.pk).state == "jumped"
    assert "Launch the tool now" in page.locator("main").inner_text()
    page.goto("/tensions/")
    assert tension.title in page.locator("section[aria-labelledby='tcolumn-jumped']").inner_text()
