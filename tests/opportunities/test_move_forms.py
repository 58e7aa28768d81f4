"""Moving an opportunity in the pipeline: declining asks why in its own form."""

import pytest

from opportunities.models import Opportunity

pytestmark = pytest.mark.django_db


def submitted(cast):
    return Opportunity.objects.create(
        organization=cast.org_a,
        title="Sent",
        state="submitted",
        revision=1,
        summary="Remote services for older people",
        need_categories=["citizen_services"],
    )


def test_the_page_has_a_pipeline_form_and_a_decline_form_asking_why(team, cast):
    opportunity = submitted(cast)
    html = team.get(f"/opportunities/{opportunity.pk}/").content.decode()
    move = html.split('id="pipeline-form"')[1].split("</form>")[0]
    decline = html.split('id="decline-form"')[1].split("</form>")[0]
    assert 'name="pipeline"' in move and 'value="declined"' not in move and "decline_reason" not in move
    assert 'name="decline_reason"' in decline and 'value="declined"' in decline


def test_declining_without_a_reason_is_an_error_on_the_field(team, cast):
    opportunity = submitted(cast)
    response = team.post(f"/opportunities/{opportunity.pk}/pipeline/", {"pipeline": "declined"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_decline_reason_error"' in html and '<details class="mb-4" open>' in html
    assert "Say why" not in html  # translated
    assert Opportunity.objects.get(pk=opportunity.pk).pipeline == "received"


def test_declining_with_the_reason_moves_and_saves_it(team, cast):
    opportunity = submitted(cast)
    response = team.post(
        f"/opportunities/{opportunity.pk}/pipeline/",
        {"pipeline": "declined", "decline_reason": "A similar service already runs"},
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.pipeline, opportunity.decline_reason) == (
        "declined",
        "A similar service already runs",
    )
    html = team.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert 'id="decline-form"' not in html and "A similar service already runs" in html
    response = team.post(f"/opportunities/{opportunity.pk}/pipeline/", {"pipeline": "screening"})
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.pipeline, opportunity.decline_reason) == ("screening", "")
