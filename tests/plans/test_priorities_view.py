"""The priorities page of a session: members and facilitators, only once results are visible."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from diagnostics.models import DiagnosticSession
from tests.factories import SessionFactory, make_respondent

#           projet  information temps  espaces competences management
R1 = "YYYYYYYNNUUUUUUNNNNNYNYNYYYYNN"  # 5 2 0 0 3 3
R2 = "YYYYNYNNNNUUUUUNNNNNNNNNNYUUUU"  # 4 1 0 0 0 1
R3 = "YYYNNUUUUUUUUUUNNNNNYYYYYNNNNN"  # 3 0 0 0 5 0
# Ranking: temps 0.0 (100 % "?") before espaces 0.0 (0 % "?"), information 1.0,
# management 1.3, competences 2.7, projet 4.0.
EXPECTED = ["temps", "espaces", "information", "management", "competences", "projet"]


def url(session, name="plans:priorities"):
    return reverse(name, args=[session.cooperative.slug, session.pk])


@pytest.fixture
def answered(closed_session):
    for letters in (R1, R2, R3):
        make_respondent(closed_session, letters)
    return closed_session


def ranked_codes(html):
    return re.findall(r'<li class="priority" id="priorite-([a-z]+)">', html)


def test_a_member_sees_the_themes_ranked_from_the_weakest(client_as, member, answered):
    html = client_as(member).get(url(answered)).content.decode()
    assert ranked_codes(html) == EXPECTED
    assert html.count("<h1") == 1


def test_each_priority_shows_its_weak_statements_fiche_first_step_and_method(
    client_as, facilitator, answered
):
    response = client_as(facilitator).get(url(answered))
    assert response.status_code == 200
    html = response.content.decode()
    projet = html[html.index('id="priorite-projet"') :]
    # projet.5 is Y, N, N: the only statement of projet most answered Non or ?.
    assert re.findall(r'data-statement="([a-z.0-9]+)"', projet) == ["projet.5"]
    assert "Oui : 1 · ? : 0 · Non : 2" in projet
    # The fiche opens inside the session (plans:session_fiche), which stays in context.
    fiche = reverse("plans:session_fiche", args=[answered.cooperative.slug, answered.pk, 1])
    assert f'href="{fiche}"' in projet
    assert 'href="/guide/fiches/1/#etape-avant-projet">Avant-projet</a>' in projet
    method = reverse("plans:method", args=[answered.cooperative.slug, answered.pk, "projet"])
    assert f'href="{method}"' in projet
    temps = html[html.index('id="priorite-temps"') : html.index('id="priorite-espaces"')]
    assert "100 %" in temps  # its share of "?"


@pytest.mark.parametrize(
    ("status", "submitted", "reason"),
    [
        (DiagnosticSession.Status.DRAFT, 0, "pas encore ouverte"),
        (DiagnosticSession.Status.OPEN, 3, "quand la session sera clôturée"),
        (DiagnosticSession.Status.CLOSED, 2, "il faut au moins 3 réponses envoyées"),
    ],
)
def test_hidden_results_give_the_explanation_and_no_data(
    client_as, member, cooperative, status, submitted, reason
):
    session = SessionFactory(cooperative=cooperative, status=status)
    for _ in range(submitted):
        make_respondent(session, "N" * 30)
    response = client_as(member).get(url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="results-hidden"' in html
    assert reason in html
    assert response.context.get("priorities") is None
    assert 'class="priority"' not in html
    assert "data-statement" not in html


def test_an_anonymous_visitor_is_sent_to_the_login(client, answered):
    response = client.get(url(answered))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_and_another_cooperatives_facilitator_get_404(
    client_as, outsider, other_facilitator, answered
):
    assert client_as(outsider).get(url(answered)).status_code == 404
    assert client_as(other_facilitator).get(url(answered)).status_code == 404


def test_a_session_of_another_cooperative_is_not_found_through_mine(
    client_as, facilitator, cooperative, other_cooperative
):
    foreign = SessionFactory(cooperative=other_cooperative, status="closed")
    for letters in (R1, R2, R3):
        make_respondent(foreign, letters)
    response = client_as(facilitator).get(
        reverse("plans:priorities", args=[cooperative.slug, foreign.pk])
    )
    assert response.status_code == 404


def count_queries(client, session):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(session)).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_3_and_50_respondents(
    client_as, member, cooperative, django_assert_max_num_queries
):
    client = client_as(member)
    small = SessionFactory(cooperative=cooperative, status="closed")
    large = SessionFactory(cooperative=cooperative, status="closed")
    for _ in range(3):
        make_respondent(small, R1)
    for letters in (R1, R2, R3) * 16 + (R1, R2):
        make_respondent(large, letters)
    count_queries(client, small)  # warm the per-process caches (content files, session user)
    # Login session, user, membership, diagnostic session, participation, answer counts,
    # statements: 7, whatever the number of respondents; the team's chosen priorities: 1; the
    # stepper: 2 (the session's progress, its chosen priorities).
    with django_assert_max_num_queries(10):
        client.get(url(small))
    assert count_queries(client, small) == count_queries(client, large)


def test_the_results_page_summarises_the_first_priorities(client_as, member, answered):
    html = client_as(member).get(url(answered, "plans:results")).content.decode()
    summary = html[html.index('id="priorites"') :]
    summary = summary[: summary.index("</section>")]
    titles = re.findall(r"<strong>(.*?)</strong>", summary)
    assert titles == [
        "Organisation du temps de travail",
        "Organisation des espaces de travail",
        escape("Gestion de l’information à l’ère du numérique"),
    ]
    assert f'href="{url(answered)}"' in summary


def test_the_results_page_has_no_summary_while_results_are_hidden(client_as, member, open_session):
    html = client_as(member).get(url(open_session, "plans:results")).content.decode()
    assert 'id="priorites"' not in html
