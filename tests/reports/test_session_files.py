"""The same negative cases for the session's files as for the plans' pages (reports:pdf,
reports:results_csv, reports:plan_csv): through the cooperative, facilitators only, and only
once the results are visible."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from diagnostics import services as diagnostics
from tests.factories import SessionFactory, make_respondent
from tests.plans.conftest import results_url
from tests.reports.conftest import report_url

FILES = ["pdf", "results_csv", "plan_csv"]


@pytest.mark.parametrize("name", FILES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, visible_session, name):
    response = client.get(report_url(name, visible_session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["outsider", "other_facilitator"])
@pytest.mark.parametrize("name", FILES)
def test_people_outside_the_cooperative_get_404(request, client_as, visible_session, persona, name):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(report_url(name, visible_session)).status_code == 404


@pytest.mark.parametrize("name", FILES)
def test_members_get_403(client_as, member, visible_session, name):
    assert client_as(member).get(report_url(name, visible_session)).status_code == 403


@pytest.mark.parametrize("name", FILES)
def test_facilitators_get_the_file(client_as, facilitator, action, name):
    response = client_as(facilitator).get(report_url(name, action.session))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("state", ["draft", "open", "revealed_while_open", "below_threshold"])
@pytest.mark.parametrize("name", FILES)
def test_before_the_results_are_visible_every_file_says_why(
    client_as, facilitator, cooperative, state, name
):
    status = {"below_threshold": "closed", "revealed_while_open": "open"}.get(state, state)
    session = SessionFactory(cooperative=cooperative, status=status, anonymity_threshold=4)
    for _ in range(4 if state == "revealed_while_open" else 3):
        make_respondent(session, "Y" * 30)
    if state == "revealed_while_open":
        # A first look at the results: the files wait for the final answers.
        diagnostics.reveal_results(session)
    response = client_as(facilitator).get(report_url(name, session))
    assert response.status_code == 302
    assert response["Location"] == results_url(session)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "une fois la session clôturée et ses résultats visibles" in message
