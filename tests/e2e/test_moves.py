"""No dead ends: a tension walked from raised to resolved through every state, each move asking in its
own form for what the next state needs — in a real browser, counting what the person does."""

import pytest
from django.utils import translation

from api_human.core.models import EngagementMembership, Role
from tensions import services
from tensions.models import Tension
from tests.e2e.conftest import axe_violations
from tests.factories import EngagementFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MOST_ACTIONS = 8


class Actions:
    """What the person does, counted honestly.

    One action = one page opened by typing its address, one click on a link or button, or one form
    submitted. Filling the fields of a form (typing, choosing a radio button) and then submitting it is
    one action: the submission. Nothing the test does behind the person's back (creating the data,
    reading the database) is counted. ``log`` keeps what was done, for the failure message."""

    def __init__(self, page):
        self.page, self.log = page, []

    @property
    def count(self):
        return len(self.log)

    def open(self, path):
        self.log.append(f"open {path}")
        self.page.goto(path)

    def click(self, locator, what):
        self.log.append(f"click {what}")
        with self.page.expect_navigation():
            locator.click()

    def submit(self, form, what, *, fill=None, check=()):
        """Fill ``fill`` (selector: text) and tick ``check`` (selectors) in ``form``, then submit it."""
        for selector, text in (fill or {}).items():
            form.locator(selector).fill(text)
        for selector in check:
            form.locator(selector).check()
        self.log.append(f"submit {what}")
        with self.page.expect_navigation():
            form.locator("button[type=submit]").click()


@pytest.fixture
def raised(transactional_db):
    """Only what the walk needs (not the whole demo): the team user, an engagement, a raised tension."""
    team = UserFactory(username="team", role=Role.TEAM, first_name="Noa", last_name="Levi")
    team.set_password("demo")
    team.save()
    engagement = EngagementFactory(name="Digital welfare")
    MembershipFactory(engagement=engagement, user=team, role=EngagementMembership.Role.MEMBER)
    return services.tension_create(
        actor=team,
        data={
            "engagement": engagement,
            "title": "Measure everything vs nothing to measure yet",
            "source_type": "administrative",
            "pole_a": "Metrics from day one",
            "pole_b": "Learning before measuring",
        },
    )


def test_walk_a_tension_from_raised_to_resolved_in_at_most_eight_actions(page, raised):
    actions = Actions(page)
    move_form = page.locator("#move-form")

    # 1-2: open the tensions board, which asks to sign in first and comes back to the board.
    actions.open("/tensions/")
    actions.submit(
        page.locator("main form"), "sign in", fill={"#id_username": "team", "#id_password": "demo"}
    )
    assert page.url.endswith("/tensions/")
    # 3: open the tension from its card.
    actions.click(page.locator(f"#tension-{raised.pk} a"), "the tension")
    assert page.url.endswith(f"/tensions/{raised.pk}/")
    assert axe_violations(page) == []

    # 4: raised → legitimised: nothing to add.
    assert move_form.locator("textarea, input[type=radio]").count() == 0
    actions.submit(move_form, "legitimise")
    # 5: legitimised → classified: the origin, in the same form.
    assert move_form.locator("input[name=origin]").count() == 2
    assert axe_violations(page) == []
    actions.submit(move_form, "classify", check=["input[name=origin][value=change_process]"])
    # 6: classified → decision criteria defined: the criteria, one per line, in the same form.
    actions.submit(
        move_form,
        "define the criteria",
        fill={"textarea[name=criteria]": "Reaches people the office never saw\nKeeps a human answer"},
    )
    # 7: decision criteria defined → resolved: the both-and resolution.
    actions.submit(
        move_form,
        "resolve",
        fill={"textarea[name=resolution]": "Both: pilot first, measure what the pilot shows"},
    )

    assert actions.count <= MOST_ACTIONS, actions.log
    assert actions.count == 7, actions.log
    with translation.override("he"):
        resolved = str(Tension.State.RESOLVED.label)
    assert page.locator("main .tension-state").inner_text() == resolved
    assert page.locator("#move-form").count() == 0  # a resolved tension moves no more
    main = page.locator("main").inner_text()
    assert "Both: pilot first" in main and "Keeps a human answer" in main

    tension = Tension.objects.get(pk=raised.pk)
    assert tension.state == "resolved" and tension.closed_on is not None
    assert tension.origin == "change_process"
    assert tension.resolution == "Both: pilot first, measure what the pilot shows"
    assert list(tension.criteria.values_list("text", flat=True)) == [
        "Reaches people the office never saw",
        "Keeps a human answer",
    ]
    assert list(tension.events.values_list("to_state", flat=True)) == list(Tension.ORDER)
    assert not page.watch.outside_requests
    assert not page.watch.console_errors


def test_a_missing_origin_is_shown_on_the_field_and_fixed_in_place(page, raised):
    services.tension_move(tension=raised, actor=raised.history.first().history_user, to_state="legitimised")
    actions = Actions(page)
    actions.open(f"/tensions/{raised.pk}/")
    actions.submit(
        page.locator("main form"), "sign in", fill={"#id_username": "team", "#id_password": "demo"}
    )
    actions.submit(page.locator("#move-form"), "classify without the origin")
    assert page.locator("#id_origin_error").is_visible()
    assert page.locator("input[name=origin][aria-invalid=true]").count() == 2
    assert Tension.objects.get(pk=raised.pk).state == "legitimised"
    actions.submit(page.locator("#move-form"), "classify", check=["input[name=origin][value=inherent]"])
    assert Tension.objects.get(pk=raised.pk).state == "classified"
    assert page.locator("#move-form textarea[name=criteria]").is_visible()
