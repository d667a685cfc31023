"""The same negative cases for every view of the plans app (pretix-style permission matrix)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from diagnostics import services as diagnostics
from plans.models import Action
from tests.factories import SessionFactory, make_respondent
from tests.plans.conftest import plan_url, results_url

# (url name, needs an action id, HTTP method, facilitators only)
VIEWS = [
    ("consolidate", False, "get", True),
    ("plan", False, "get", False),
    ("action_create", False, "get", True),
    ("action_edit", True, "get", True),
    ("action_delete", True, "get", True),
    ("action_up", True, "post", True),
    ("action_down", True, "post", True),
]
IDS = [v[0] for v in VIEWS]


def url_for(name, needs_action, session, action):
    return plan_url(name, session, action.pk) if needs_action else plan_url(name, session)


@pytest.mark.parametrize(("name", "needs_action", "method", "_f"), VIEWS, ids=IDS)
def test_anonymous_visitors_are_sent_to_the_login_page(
    client, action, name, needs_action, method, _f
):
    url = url_for(name, needs_action, action.session, action)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["outsider", "other_facilitator"])
@pytest.mark.parametrize(("name", "needs_action", "method", "_f"), VIEWS, ids=IDS)
def test_people_outside_the_cooperative_get_404(
    request, client_as, action, persona, name, needs_action, method, _f
):
    client = client_as(request.getfixturevalue(persona))
    response = getattr(client, method)(url_for(name, needs_action, action.session, action))
    assert response.status_code == 404
    assert Action.objects.filter(pk=action.pk, position=action.position).exists()


@pytest.mark.parametrize(("name", "needs_action", "method", "facilitator_only"), VIEWS, ids=IDS)
def test_members_get_403_on_facilitator_pages_and_read_the_plan(
    client_as, member, action, name, needs_action, method, facilitator_only
):
    response = getattr(client_as(member), method)(
        url_for(name, needs_action, action.session, action)
    )
    assert response.status_code == (403 if facilitator_only else 200)


@pytest.mark.parametrize(("name", "needs_action", "method", "_f"), VIEWS, ids=IDS)
def test_facilitators_reach_every_view(
    client_as, facilitator, action, name, needs_action, method, _f
):
    response = getattr(client_as(facilitator), method)(
        url_for(name, needs_action, action.session, action)
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].startswith(plan_url("plan", action.session))


@pytest.mark.parametrize("state", ["draft", "open", "revealed_while_open", "below_threshold"])
@pytest.mark.parametrize(("name", "needs_action", "method", "_f"), VIEWS, ids=IDS)
def test_before_the_results_are_visible_every_view_says_why(
    client_as, facilitator, cooperative, themes, state, name, needs_action, method, _f
):
    status = {"below_threshold": "closed", "revealed_while_open": "open"}.get(state, state)
    session = SessionFactory(cooperative=cooperative, status=status, anonymity_threshold=4)
    for _ in range(4 if state == "revealed_while_open" else 3):
        make_respondent(session, "Y" * 30)
    if state == "revealed_while_open":
        # A first look at the results: consolidation and plan wait for the final answers.
        diagnostics.reveal_results(session)
    action = Action.objects.create(session=session, theme=themes[0], title="Trop tôt")
    client = client_as(facilitator)
    response = getattr(client, method)(url_for(name, needs_action, session, action))
    assert response.status_code == 302
    assert response["Location"] == results_url(session)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "une fois la session clôturée et ses résultats visibles" in message


@pytest.mark.parametrize("name", ["action_up", "action_down"])
def test_post_only_views_reject_get(client_as, facilitator, action, name):
    response = client_as(facilitator).get(plan_url(name, action.session, action.pk))
    assert response.status_code == 405
    assert Action.objects.get(pk=action.pk).position == action.position


@pytest.mark.parametrize("name", ["action_edit", "action_delete", "action_up", "action_down"])
def test_an_action_of_another_session_is_not_found_through_this_one(
    client_as, facilitator, cooperative, visible_session, themes, name
):
    other = SessionFactory(cooperative=cooperative, status="closed")
    foreign = Action.objects.create(session=other, theme=themes[0], title="Ailleurs")
    client = client_as(facilitator)
    method = client.post if name in ("action_up", "action_down", "action_delete") else client.get
    response = method(plan_url(name, visible_session, foreign.pk))
    assert response.status_code == 404
    assert Action.objects.filter(pk=foreign.pk).exists()


def test_members_cannot_delete_by_post(client_as, member, action):
    response = client_as(member).post(plan_url("action_delete", action.session, action.pk))
    assert response.status_code == 403
    assert Action.objects.filter(pk=action.pk).exists()


def test_members_cannot_consolidate_by_post(client_as, member, visible_session):
    response = client_as(member).post(plan_url("consolidate", visible_session), {})
    assert response.status_code == 403
    assert not visible_session.consolidated_answers.exists()
