import pytest
from django.urls import reverse

from diagnostics import scoring
from tests.factories import SessionFactory, make_respondent


def results_url(session):
    return reverse("plans:results", args=[session.cooperative.slug, session.pk])


def test_results_show_the_radar_data_and_the_same_numbers_in_a_table(
    client_as, facilitator, closed_session
):
    for letters in ("YYYYY" * 6, "YYYNN" * 6, "NNNNN" * 6):
        make_respondent(closed_session, letters)
    response = client_as(facilitator).get(results_url(closed_session))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["chart_data"]["datasets"][0]["data"] == [2.7] * 6  # (5 + 3 + 0) / 3
    assert html.count('<td class="text-end" data-theme=') == 6
    assert html.count(">2,7</td>") == 6  # French decimal comma; the chart gets 2.7
    assert 'id="radar-data"' in html
    assert "<svg" in html and 'class="radar-series"' in html


def test_results_are_hidden_while_the_session_is_open(client_as, facilitator, open_session):
    for _ in range(5):
        make_respondent(open_session, "Y" * 30)
    response = client_as(facilitator).get(results_url(open_session))
    assert "results" not in response.context
    assert "quand la session sera clôturée" in response.content.decode()


def test_results_are_hidden_below_the_threshold(client_as, facilitator, cooperative):
    session = SessionFactory(cooperative=cooperative, status="closed", anonymity_threshold=4)
    for _ in range(3):
        make_respondent(session, "Y" * 30)
    response = client_as(facilitator).get(results_url(session))
    html = response.content.decode()
    assert "results" not in response.context
    assert "au moins 4 réponses" in html
    assert "il y en a 3" in html
    assert "radar-data" not in html


def test_members_see_the_results_once_visible(client_as, member, closed_session):
    for _ in range(3):
        make_respondent(closed_session, "Y" * 30)
    response = client_as(member).get(results_url(closed_session))
    assert response.context["results"].respondents == 3


@pytest.mark.parametrize("respondents", [3, 200])
def test_the_results_page_runs_the_same_queries_for_3_and_200_respondents(
    client_as, facilitator, closed_session, django_assert_max_num_queries, respondents
):
    for n in range(respondents):
        make_respondent(closed_session, ("YNU"[n % 3] * 5 + "YYNNU") * 3)
    client = client_as(facilitator)
    # 7 for the page, 2 for the stepper (the session's progress in one query, its chosen
    # priorities in another; it reuses the page's count of sheets), 1 for the cooperative's
    # networks (issue 16: where it stands in them).
    with django_assert_max_num_queries(10):
        response = client.get(results_url(closed_session))
    assert response.context["results"].respondents == respondents
    assert scoring.participation(closed_session).submitted == respondents
