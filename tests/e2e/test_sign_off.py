"""The manager's sign-off inbox in a real browser: the menu's count, signing off in place (htmx) and
without JavaScript, where the page stands afterwards, and axe on the inbox."""

import datetime

import pytest

from api_human.core.models import EngagementMembership, Role
from stages import services
from stages.models import GateDecision, StagePhase
from tests.e2e.conftest import axe_violations
from tests.e2e.test_browser import sign_in
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def person(username, role):
    user = UserFactory(username=username, role=role, first_name=username.title(), last_name="Demo")
    user.set_password("demo")
    user.save()
    return user


@pytest.fixture
def decisions(transactional_db):
    """Three decisions waiting for the manager, on three engagements, proposed by the team."""
    team, manager = person("team", Role.TEAM), person("manager", Role.MANAGER)
    gates = []
    for i, name in enumerate(["Older people at home", "Family violence", "Youth at risk"]):
        engagement = EngagementFactory(name=name)
        MembershipFactory(engagement=engagement, user=team)
        MembershipFactory(engagement=engagement, user=manager, role=EngagementMembership.Role.MANAGER)
        gate = services.gate_decision_propose(
            phase=StagePhase.objects.get(engagement=engagement, stage="A"),
            actor=team,
            transition="start",
            decision="go_with_actions" if i == 1 else "go",
            justification="The joint team is ready to define the change object.",
            effective_on=datetime.date(2025, 1, 5 + i),
            actions=[
                {
                    "description": "Appoint a digital referent",
                    "owner": "Head of division",
                    "due_on": datetime.date(2025, 2, 1),
                }
            ]
            if i == 1
            else [],
        )
        band, score = [("green", 81.0), ("amber", 55.5), ("red", 30.0)][i]
        GateDecision.objects.filter(pk=gate.pk).update(
            score_snapshot={"score": score, "band": band, "coverage": 1.0}
        )
        gates.append(gate)
    return gates


def menu_count(page):
    return page.locator("#sign-off-count .badge").inner_text()


def card(page, gate):
    return page.locator(f"#decision-{gate.pk}")


def test_the_manager_signs_off_in_place(page, decisions):
    first, second, third = decisions
    sign_in(page, "manager")
    assert menu_count(page) == "3"  # on every page, not only the inbox
    page.goto("/sign-offs/")
    assert axe_violations(page) == []
    assert card(page, second).locator(".score-badge.band-amber").is_visible()  # the score it was proposed on

    # scroll the second card into view, as a manager working down the list would
    card(page, second).scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    card(page, second).locator("textarea").fill("Go, with the referent appointed by February.")
    card(page, second).locator("button[formaction$='/sign-off/']").click()
    confirmation = page.locator(f"#decision-{second.pk}.alert-success")
    confirmation.wait_for()
    assert confirmation.get_attribute("role") == "status"
    assert "Family violence" in confirmation.inner_text()
    assert page.evaluate("document.activeElement.id") == f"decision-{second.pk}"  # focus on the line
    assert abs(page.evaluate("window.scrollY") - before) < 200  # the user stays where they were
    assert menu_count(page) == "2"  # the menu's count went down, in place
    assert page.url.endswith("/sign-offs/")  # no navigation
    assert card(page, first).locator("form").is_visible() and card(page, third).locator("form").is_visible()
    assert GateDecision.objects.get(pk=second.pk).status == "signed_off"
    assert StagePhase.objects.get(pk=second.phase_id).status == "active"

    # returning without a comment: the translated error on the card, in place; nothing changes
    card(page, third).locator("button[formaction$='/return/']").click()
    error = card(page, third).locator(".invalid-feedback")
    error.wait_for()
    assert error.inner_text() == "יש להסביר לצוות מדוע ההחלטה מוחזרת."
    assert page.evaluate("document.activeElement.id") == f"comment-{third.pk}"
    assert GateDecision.objects.get(pk=third.pk).status == "pending"
    assert axe_violations(page) == []

    card(page, third).locator("textarea").fill("First agree on the change object with the division.")
    card(page, third).locator("button[formaction$='/return/']").click()
    page.locator(f"#decision-{third.pk}.alert-success").wait_for()
    assert menu_count(page) == "1"
    assert GateDecision.objects.get(pk=third.pk).status == "returned"
    assert axe_violations(page) == []
    # the refusal is a 400 on purpose (htmx swaps it in place); nothing else may complain
    assert [m for m in page.watch.console_errors if "status of 400" not in m] == []
    assert page.watch.outside_requests == []


def test_without_javascript_the_inbox_comes_back_at_its_top(chromium, live_server, decisions):
    first = decisions[0]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        sign_in(page, "manager")
        page.goto("/sign-offs/")
        page.locator(f"#decision-{first.pk}").scroll_into_view_if_needed()
        page.locator(f"#decision-{first.pk} button[formaction$='/return/']").click()
        page.wait_for_load_state()
        # a refusal: the whole inbox again, the error on the card
        assert "יש להסביר לצוות" in page.locator(f"#decision-{first.pk} .invalid-feedback").inner_text()

        page.locator(f"#decision-{first.pk} button[formaction$='/sign-off/']").click()
        page.wait_for_load_state()
        assert page.url.endswith("/sign-offs/#top")
        assert page.evaluate("window.scrollY") == 0  # the header is whole, not cut off
        status = page.locator("main [role=status]").first
        assert "Older people at home" in status.inner_text()
        assert page.locator(f"#decision-{first.pk}").count() == 0
        assert page.locator("#sign-off-count .badge").inner_text() == "2"
        assert GateDecision.objects.get(pk=first.pk).status == "signed_off"
    finally:
        context.close()
