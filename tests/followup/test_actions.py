"""The previous plan's review on a follow-up's results, the plan on the cooperative page, and
the quick status change of an action."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from plans.models import Action
from tests.factories import SessionFactory


def results_url(session):
    return reverse("plans:results", args=[session.cooperative.slug, session.pk])


def status_url(action, slug=None):
    return reverse(
        "followup:action_status", args=[slug or action.session.cooperative.slug, action.pk]
    )


@pytest.fixture
def earlier_plan(before, themes):
    today = timezone.localdate()
    return {
        status: Action.objects.create(
            session=before,
            theme=themes[n],
            title=f"Action {label}",
            status=status,
            due_date=today + timedelta(days=days),
        )  # fmt: skip
        for n, (status, label, days) in enumerate(
            [
                ("todo", "à faire", -3),
                ("doing", "en cours", 10),
                ("done", "faite", -30),
                ("dropped", "abandonnée", 5),
            ]
        )  # fmt: skip
    }


def test_a_follow_ups_results_open_on_the_previous_plans_open_actions(
    client_as, member, after, earlier_plan
):
    response = client_as(member).get(results_url(after))
    review = response.context["review"]
    assert [a.title for a in review.open_actions] == ["Action à faire", "Action en cours"]
    assert review.closed_count == 2
    html = response.content.decode()
    section = html[html.index('id="revue-actions"') : html.index("</section>")]
    assert "Action à faire" in section and "Action en cours" in section
    assert "Action faite" not in section and "Action abandonnée" not in section
    assert "2 actions faites ou abandonnées." in section
    # Overdue: said with a word and an icon, not with colour alone.
    assert "en retard" in section and "⚠" in section
    assert 'name="status"' not in section  # members read, facilitators change


def test_the_review_shows_even_while_the_new_session_is_open(
    client_as, facilitator, cooperative, before, earlier_plan
):
    current = SessionFactory(cooperative=cooperative, status="open", previous=before)
    response = client_as(facilitator).get(results_url(current))
    assert response.context["hidden_reason"] == "open"
    assert len(response.context["review"].open_actions) == 2
    html = response.content.decode()
    assert 'name="status"' in html
    assert "Comparer avec" not in html  # nothing to compare before the new results are visible


def test_a_session_without_previous_has_no_review(client_as, member, before, earlier_plan):
    response = client_as(member).get(results_url(before))
    assert response.context["review"] is None
    assert 'id="revue-actions"' not in response.content.decode()


def test_the_facilitator_changes_an_actions_status_and_comes_back(
    client_as, facilitator, after, earlier_plan
):
    action = earlier_plan["todo"]
    back = results_url(after) + f"#action-{action.pk}"
    response = client_as(facilitator).post(status_url(action), {"status": "done", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    action.refresh_from_db()
    assert action.status == "done"
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["État de « Action à faire » : Fait."]


@pytest.mark.parametrize("status", ["finished", "", "DONE", "todo'--"])
def test_an_unknown_status_changes_nothing(client_as, facilitator, earlier_plan, status):
    action = earlier_plan["doing"]
    response = client_as(facilitator).post(status_url(action), {"status": status})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "doing"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "État inconnu : rien n’a été changé."
    ]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_an_outside_return_address_falls_back_to_the_cooperative_page(
    client_as, facilitator, cooperative, earlier_plan, target
):
    response = client_as(facilitator).post(
        status_url(earlier_plan["todo"]), {"status": "doing", "next": target}
    )
    assert response["Location"] == cooperative.get_absolute_url()


def test_a_member_cannot_change_a_status(client_as, member, earlier_plan):
    action = earlier_plan["todo"]
    assert client_as(member).post(status_url(action), {"status": "done"}).status_code == 403
    action.refresh_from_db()
    assert action.status == "todo"


@pytest.mark.parametrize("persona", ["outsider", "other_facilitator"])
def test_people_outside_the_cooperative_get_404(request, client_as, earlier_plan, persona):
    action = earlier_plan["todo"]
    client = client_as(request.getfixturevalue(persona))
    assert client.post(status_url(action), {"status": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.status == "todo"


def test_an_action_of_another_cooperative_is_not_found_through_mine(
    client_as, facilitator, other_facilitator, other_cooperative, cooperative, themes
):
    foreign_session = SessionFactory(cooperative=other_cooperative, status="closed")
    foreign = Action.objects.create(session=foreign_session, theme=themes[0], title="Ailleurs")
    response = client_as(facilitator).post(
        status_url(foreign, slug=cooperative.slug), {"status": "done"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "todo"


def test_changing_a_status_requires_post(client_as, facilitator, earlier_plan):
    assert client_as(facilitator).get(status_url(earlier_plan["todo"])).status_code == 405


def test_anonymous_visitors_are_sent_to_the_login_page(client, earlier_plan):
    response = client.post(status_url(earlier_plan["todo"]), {"status": "done"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_members_see_the_plans_and_their_statuses_on_the_cooperative_page(
    client_as, member, cooperative, after, earlier_plan
):
    response = client_as(member).get(cooperative.get_absolute_url())
    followup = response.context["followup"]
    assert [a.title for a in followup.open_actions] == ["Action à faire", "Action en cours"]
    assert followup.overdue_count == 1
    html = response.content.decode()
    assert "À faire&nbsp;: 1 · En cours&nbsp;: 1 · Fait&nbsp;: 1 · Abandonnée&nbsp;: 1" in html
    assert "1 action est en retard." in html
    row = html[html.index(f'id="action-{earlier_plan["todo"].pk}"') :].split("</tr>")[0]
    assert "⚠" in row and "en retard" in row and "Diagnostic 2025" in row
    assert 'name="status"' not in html


def test_facilitators_change_statuses_from_the_cooperative_page(
    client_as, facilitator, cooperative, earlier_plan
):
    html = client_as(facilitator).get(cooperative.get_absolute_url()).content.decode()
    action = earlier_plan["todo"]
    assert f'<label class="visually-hidden" for="status-{action.pk}">' in html
    assert status_url(action) in html
