"""The manager's sign-off inbox: the menu's count, signing off and returning in place (htmx) and
without JavaScript, refusals shown on the card, who may act, and a fixed number of queries."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from api_human.core.models import EngagementMembership, Role, stage_code
from stages import services
from stages.models import GateDecision, StagePhase
from tests.factories import EngagementFactory, MembershipFactory, UserFactory
from tests.matrix import check_matrix, statuses
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
counter = itertools.count()


def propose(cast, engagement=None, *, stage="A", decision="go"):
    """A decision waiting for sign-off: the team proposes to start ``stage`` of ``engagement``."""
    engagement = engagement or cast.engagement
    return services.gate_decision_propose(
        phase=StagePhase.objects.get(engagement=engagement, stage=stage),
        actor=cast.team_member,
        transition="start",
        decision=decision,
        justification="The joint team is ready.",
        effective_on=datetime.date(2024, 1, 2),
    )


def managed_engagement(cast, manager=None):
    """Another engagement the manager signs off, with the cast's team member on it."""
    engagement = EngagementFactory(name=f"Managed engagement {next(counter)}")
    MembershipFactory(engagement=engagement, user=cast.team_member)
    MembershipFactory(
        engagement=engagement, user=manager or cast.manager, role=EngagementMembership.Role.MANAGER
    )
    return engagement


def badge_count(page: str):
    """The number the menu shows on "Waiting for sign-off" (None: no badge)."""
    match = re.search(r'id="sign-off-count"[^>]*>\s*<span class="badge[^"]*"[^>]*>(\d+)</span>', page)
    return int(match.group(1)) if match else None


def he(text):
    with translation.override("he"):
        return translation.gettext(text)


# ------------------------------------------------------------------------------------------------
# Who may act
# ------------------------------------------------------------------------------------------------
def test_reviewing_from_the_inbox_matrix(cast):
    gate = propose(cast)
    # Returning without a comment changes nothing, so every role can try it in turn: the managers
    # of the engagement get the refusal in place (400); nobody gets a 500.
    check_matrix(
        cast,
        "post",
        f"/gate-decisions/{gate.pk}/return/",
        statuses(302, 404, 404, 400, 403, 403, 400),
        data={"from": "inbox", "comment": ""},
        api=False,
    )
    check_matrix(
        cast,
        "post",
        f"/gate-decisions/{gate.pk}/sign-off/",
        statuses(302, 404, 404, 302, 403, 403, 302),
        data={"from": "inbox"},
        api=False,
    )
    gate.refresh_from_db()
    assert gate.status == "signed_off" and gate.reviewed_by == cast.manager


@pytest.mark.parametrize("verdict", ["sign-off", "return"])
def test_other_managers_cannot_act(client, cast, verdict):
    gate = propose(cast)
    stranger = UserFactory(role=Role.MANAGER)  # a manager of nothing here: the decision does not exist
    client.force_login(stranger)
    data = {"from": "inbox", "comment": "No"}
    assert client.post(f"/gate-decisions/{gate.pk}/{verdict}/", data, **HTMX).status_code == 404
    assert client.post(f"/gate-decisions/{gate.pk}/{verdict}/", data).status_code == 404
    # a manager who sees the engagement (a member of it) but does not manage it: forbidden
    member = UserFactory(role=Role.MANAGER)
    MembershipFactory(engagement=cast.engagement, user=member, role=EngagementMembership.Role.MEMBER)
    client.force_login(member)
    assert client.post(f"/gate-decisions/{gate.pk}/{verdict}/", data, **HTMX).status_code == 403
    assert badge_count(client.get("/sign-offs/").content.decode()) is None
    gate.refresh_from_db()
    assert gate.status == "pending"


# ------------------------------------------------------------------------------------------------
# The count in the menu
# ------------------------------------------------------------------------------------------------
def test_the_menu_counts_the_decisions_waiting_for_the_manager(client, cast):
    propose(cast)
    propose(cast, managed_engagement(cast))
    propose(cast, managed_engagement(cast, manager=UserFactory(role=Role.MANAGER)))  # someone else's
    client.force_login(cast.manager)
    page = client.get("/engagements/").content.decode()
    assert badge_count(page) == 2
    with translation.override("he"):
        words = translation.ngettext(
            "%(counter)s decision waits for sign-off", "%(counter)s decisions wait for sign-off", 2
        ) % {"counter": 2}
    assert f'<span class="visually-hidden"> ({words})</span>' in page

    client.force_login(cast.admin)  # administrators sign off everything
    assert badge_count(client.get("/engagements/").content.decode()) == 3


def test_the_count_costs_one_query_and_none_for_others(client, cast):
    propose(cast)

    def gate_queries(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/engagements/").status_code == 200
        return [q["sql"] for q in queries if "stages_gatedecision" in q["sql"]]

    counted = gate_queries(cast.manager)
    assert len(counted) == 1 and "COUNT(" in counted[0]
    for role in ("team_member", "other_team_member"):
        assert gate_queries(cast.users[role]) == []
        assert 'id="sign-off-count"' not in client.get("/engagements/").content.decode()
    client.force_login(cast.partner_a)
    assert 'id="sign-off-count"' not in client.get("/partner/").content.decode()


def test_no_badge_when_nothing_waits(client, cast):
    client.force_login(cast.manager)
    page = client.get("/sign-offs/").content.decode()
    assert 'id="sign-off-count"' in page and badge_count(page) is None
    assert he("Nothing waits for your sign-off.") in page


# ------------------------------------------------------------------------------------------------
# The inbox
# ------------------------------------------------------------------------------------------------
def test_each_card_shows_what_the_manager_decides_on(client, cast):
    gate = propose(cast)
    GateDecision.objects.filter(pk=gate.pk).update(
        score_snapshot={"score": 72.5, "band": "green", "coverage": 1.0}
    )
    client.force_login(cast.manager)
    page = client.get("/sign-offs/").content.decode()
    card = page[page.index(f'id="decision-{gate.pk}"') :]
    assert cast.engagement.name in card
    assert str(cast.team_member) in card  # who proposed
    assert "72.5" in card and "band-green" in card  # the score it was proposed on
    assert f'action="/gate-decisions/{gate.pk}/sign-off/"' in card
    assert f'formaction="/gate-decisions/{gate.pk}/return/"' in card
    assert f'hx-target="#decision-{gate.pk}"' in card
    assert 'name="from" value="inbox"' in card
    assert "btn-outline-danger" not in page  # "Return to the team" is a btn-danger (contrast, WCAG AA)


def test_sign_off_in_place_with_htmx(client, cast):
    gate = propose(cast)
    other = propose(cast, managed_engagement(cast))
    client.force_login(cast.manager)
    response = client.post(f"/gate-decisions/{gate.pk}/sign-off/", {"from": "inbox", "comment": "Go"}, **HTMX)
    assert response.status_code == 200
    line = response.content.decode()
    assert f'id="decision-{gate.pk}"' in line and 'role="status"' in line and "autofocus" in line
    assert cast.engagement.name in line and "<form" not in line  # a confirmation line, not the card
    assert re.search(r'id="sign-off-count" hx-swap-oob="true"', line)
    assert badge_count(line) == 1  # the menu's count follows
    assert re.search(r'id="sign-off-summary"[^>]*hx-swap-oob="true"', line)
    gate.refresh_from_db()
    assert gate.status == "signed_off" and gate.review_comment == "Go"
    assert StagePhase.objects.get(engagement=cast.engagement, stage="A").status == "active"
    assert GateDecision.objects.get(pk=other.pk).status == "pending"

    response = client.post(f"/gate-decisions/{other.pk}/sign-off/", {"from": "inbox"}, **HTMX)
    assert response.status_code == 200
    assert badge_count(response.content.decode()) is None  # nothing waits: no badge
    assert he("Nothing waits for your sign-off.") in response.content.decode()


def test_sign_off_without_javascript_comes_back_to_the_top_of_the_inbox(client, cast):
    gate = propose(cast)
    client.force_login(cast.manager)
    response = client.post(f"/gate-decisions/{gate.pk}/sign-off/", {"from": "inbox"})
    assert response.status_code == 302 and response["Location"] == "/sign-offs/#top"
    page = client.get("/sign-offs/").content.decode()
    with translation.override("he"):
        done = translation.gettext("Signed off: %(engagement)s, stage %(stage)s — %(move)s.") % {
            "engagement": f"<bdi>{cast.engagement.name}</bdi>",  # its own direction
            "stage": stage_code("A"),  # א' on a Hebrew page
            "move": GateDecision.Transition.START.label,
        }
    assert done in page
    assert re.search(r'role="status">' + re.escape(done), page)  # announced
    assert f'id="decision-{gate.pk}"' not in page


def test_return_without_a_comment_is_refused_on_the_card(client, cast):
    gate = propose(cast)
    other = propose(cast, managed_engagement(cast))
    client.force_login(cast.manager)
    error = he("Tell the team why the decision is returned.")
    assert error != "Tell the team why the decision is returned."  # translated

    response = client.post(f"/gate-decisions/{gate.pk}/return/", {"from": "inbox", "comment": "  "}, **HTMX)
    assert response.status_code == 400
    card = response.content.decode()
    assert f'id="decision-{gate.pk}"' in card and "<form" in card
    assert error in card and "is-invalid" in card and 'aria-invalid="true"' in card
    assert "<html" not in card  # the card alone, swapped in place

    response = client.post(f"/gate-decisions/{gate.pk}/return/", {"from": "inbox"})  # without JavaScript
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and f'id="decision-{other.pk}"' in page  # the whole inbox, the error in place
    assert GateDecision.objects.get(pk=gate.pk).status == "pending"


def test_return_with_a_comment(client, cast):
    gate = propose(cast)
    client.force_login(cast.manager)
    response = client.post(
        f"/gate-decisions/{gate.pk}/return/",
        {"from": "inbox", "comment": "Add the steering committee"},
        **HTMX,
    )
    assert response.status_code == 200
    with translation.override("he"):
        done = translation.gettext("Returned to the team: %(engagement)s, stage %(stage)s — %(move)s.")
    assert done.split(":")[0] in response.content.decode()
    gate.refresh_from_db()
    assert gate.status == "returned" and gate.review_comment == "Add the steering committee"
    assert StagePhase.objects.get(engagement=cast.engagement, stage="A").status == "not_started"


def test_a_decision_reviewed_meanwhile(client, cast):
    gate = propose(cast)
    services.gate_decision_sign_off(decision=gate, actor=cast.admin)
    client.force_login(cast.manager)
    response = client.post(f"/gate-decisions/{gate.pk}/return/", {"from": "inbox", "comment": "x"}, **HTMX)
    assert response.status_code == 200
    assert he("This decision is no longer waiting for sign-off.") in response.content.decode()
    response = client.post(f"/gate-decisions/{gate.pk}/return/", {"from": "inbox", "comment": "x"})
    assert response.status_code == 302 and response["Location"] == "/sign-offs/#top"
    assert GateDecision.objects.get(pk=gate.pk).status == "signed_off"


def test_a_move_that_no_longer_fits_is_refused_on_the_card(client, cast):
    gate = propose(cast)
    # the engagement moved meanwhile: stage A started some other way
    StagePhase.objects.filter(engagement=cast.engagement, stage="A").update(
        status="active", started_on=datetime.date(2024, 1, 1)
    )
    client.force_login(cast.manager)
    response = client.post(f"/gate-decisions/{gate.pk}/sign-off/", {"from": "inbox", "comment": "Go"}, **HTMX)
    assert response.status_code == 400
    card = response.content.decode()
    with translation.override("he"):
        reason = translation.gettext("Stage %(stage)s has already started.") % {"stage": "A"}
    assert reason in card and 'role="alert"' in card and "autofocus" in card
    assert ">Go</textarea>" in card  # the manager's comment is kept
    assert GateDecision.objects.get(pk=gate.pk).status == "pending"


def test_the_engagement_page_still_returns_to_its_stage(client, cast):
    gate = propose(cast)
    client.force_login(cast.manager)
    response = client.post(f"/gate-decisions/{gate.pk}/return/", {"comment": "Not yet"})
    assert response["Location"] == f"/engagements/{cast.engagement.pk}/#stage-A"
    assert client.get(f"/gate-decisions/{gate.pk}/return/")["Location"] == "/sign-offs/"


def test_the_inbox_costs_a_fixed_number_of_queries(client, cast):
    client.force_login(cast.manager)

    def add_rows():
        for _ in range(3):
            gate = propose(cast, managed_engagement(cast), decision="go")
            services.gate_decision_propose(
                phase=StagePhase.objects.get(engagement=gate.phase.engagement, stage="A"),
                actor=cast.team_member,
                transition="complete",
                decision="hold",
                justification="Not yet",
            )
            gate.actions.create(
                description="Steering committee", owner="DG", due_on=datetime.date(2024, 2, 1)
            )

    assert_queries_do_not_grow(lambda: client.get("/sign-offs/"), add_rows, at_most=5)
