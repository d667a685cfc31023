"""« L'atelier »: the radar first, then one statement per screen, the most split first; the
facilitator records the team's answer on each (issue 14, point 2)."""

import pytest
from django.urls import reverse

from diagnostics import quiz
from plans.models import ConsolidatedAnswer
from tests.factories import make_respondent
from tests.plans.conftest import plan_url

# Seven sheets: statement 1 (first of theme 1) is 3 Oui / 1 ? / 3 Non — split; statement 2
# is 2 Oui / 0 ? / 5 Non — split, smaller minority; every other statement is 7 Oui.
REST = "Y" * 28
SEVEN = [
    "YN" + REST,
    "YN" + REST,
    "YY" + REST,
    "UY" + REST,
    "NN" + REST,
    "NN" + REST,
    "NN" + REST,
]


@pytest.fixture
def meeting_session(closed_session):
    for letters in SEVEN:
        make_respondent(closed_session, letters)
    return closed_session


def statement_url(session, number):
    return reverse("plans:meeting_statement", args=[session.cooperative.slug, session.pk, number])


def test_the_radar_screen_shows_the_radar_the_scores_and_a_start_button(
    client_as, facilitator, meeting_session
):
    response = client_as(facilitator).get(plan_url("meeting", meeting_session))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'id="radar-data"' in html
    assert html.count('data-theme="') == 6
    assert statement_url(meeting_session, 1) in html and "Commencer" in html
    assert "Réponses de l’équipe : 0/30" in html


def test_the_most_split_statements_come_first(client_as, facilitator, meeting_session):
    statements = quiz.statements_of(meeting_session.questionnaire_id)
    client = client_as(facilitator)
    first = client.get(statement_url(meeting_session, 1))
    second = client.get(statement_url(meeting_session, 2))
    third = client.get(statement_url(meeting_session, 3))
    assert first.context["screen"].statement == statements[0]
    assert second.context["screen"].statement == statements[1]
    # Then the unanimous ones, in the questionnaire's order.
    assert third.context["screen"].statement == statements[2]
    html = first.content.decode()
    assert "3 personnes sur 7" in html and "1 personne sur 7" in html
    assert "Équipe partagée" in html
    assert "Affirmation 1/30" in html
    assert "Équipe partagée" not in third.content.decode()
    assert "7 personnes sur 7" in third.content.decode()


def test_one_tap_records_the_team_answer_and_moves_to_the_next_statement(
    client_as, facilitator, meeting_session
):
    statements = quiz.statements_of(meeting_session.questionnaire_id)
    response = client_as(facilitator).post(
        statement_url(meeting_session, 1), {"value": "no", "note": "  À revoir en mars.  "}
    )
    assert response.status_code == 302
    assert response["Location"] == statement_url(meeting_session, 2)
    agreed = ConsolidatedAnswer.objects.get(session=meeting_session)
    assert (agreed.statement, agreed.value, agreed.note) == (
        statements[0],
        "no",
        "À revoir en mars.",
    )
    assert agreed.updated_by == facilitator


def test_recording_again_changes_the_answer_and_the_screen_shows_it(
    client_as, facilitator, meeting_session
):
    client = client_as(facilitator)
    client.post(statement_url(meeting_session, 1), {"value": "no"})
    client.post(statement_url(meeting_session, 1), {"value": "yes", "note": "Finalement oui"})
    assert list(ConsolidatedAnswer.objects.values_list("value", "note")) == [
        ("yes", "Finalement oui")
    ]
    html = client.get(statement_url(meeting_session, 1)).content.decode()
    assert "Réponse de l’équipe : Oui" in html and "Finalement oui" in html
    assert "Réponses de l’équipe : 1/30" in html


def test_the_last_statement_goes_back_to_the_radar(client_as, facilitator, meeting_session):
    response = client_as(facilitator).post(statement_url(meeting_session, 30), {"value": "yes"})
    assert response["Location"] == plan_url("meeting", meeting_session)


def test_a_paused_meeting_resumes_at_the_first_statement_without_an_answer(
    client_as, facilitator, meeting_session
):
    client = client_as(facilitator)
    for number in (1, 2):
        client.post(statement_url(meeting_session, number), {"value": "no"})
    response = client.get(plan_url("meeting", meeting_session))
    assert response.context["resume"] == 3
    assert "Reprendre à l’affirmation 3" in response.content.decode()


@pytest.mark.parametrize("number", [0, 31, 999])
def test_an_unknown_statement_number_is_not_found(client_as, facilitator, meeting_session, number):
    client = client_as(facilitator)
    assert client.get(statement_url(meeting_session, number)).status_code == 404
    assert client.post(statement_url(meeting_session, number), {"value": "yes"}).status_code == 404
    assert not ConsolidatedAnswer.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{"value": "maybe"}, {"value": ""}, {}, {"value": "yes", "note": "x" * 1001}],
    ids=["forged value", "empty value", "no value", "note too long"],
)
def test_a_forged_or_missing_answer_is_refused_with_a_message_and_nothing_saved(
    client_as, facilitator, meeting_session, data
):
    response = client_as(facilitator).post(statement_url(meeting_session, 1), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert not ConsolidatedAnswer.objects.exists()


def test_the_meeting_waits_for_the_final_results(client_as, facilitator, closed_session):
    make_respondent(closed_session, "Y" * 30)  # fewer sheets than the threshold
    client = client_as(facilitator)
    for url in (plan_url("meeting", closed_session), statement_url(closed_session, 1)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == plan_url("results", closed_session)
    assert client.post(statement_url(closed_session, 1), {"value": "yes"}).status_code == 302
    assert not ConsolidatedAnswer.objects.exists()


def test_a_member_cannot_record_the_team_answer(client_as, member, meeting_session):
    response = client_as(member).post(statement_url(meeting_session, 1), {"value": "yes"})
    assert response.status_code == 403
    assert not ConsolidatedAnswer.objects.exists()


def test_another_cooperative_cannot_reach_the_meeting(
    client_as, other_facilitator, meeting_session
):
    client = client_as(other_facilitator)
    assert client.get(plan_url("meeting", meeting_session)).status_code == 404
    assert client.post(statement_url(meeting_session, 1), {"value": "yes"}).status_code == 404
    assert not ConsolidatedAnswer.objects.exists()


def test_the_screens_work_without_javascript_with_forms_and_links(
    client_as, facilitator, meeting_session
):
    html = client_as(facilitator).get(statement_url(meeting_session, 2)).content.decode()
    for value in ("yes", "unsure", "no"):
        assert f'type="submit" name="value" value="{value}"' in html
    assert (
        f'rel="prev" aria-keyshortcuts="ArrowLeft" href="{statement_url(meeting_session, 1)}"'
        in html
    )
    assert (
        f'rel="next" aria-keyshortcuts="ArrowRight" href="{statement_url(meeting_session, 3)}"'
        in html
    )
    assert "<script>" not in html and 'style="' not in html


def test_the_consolidation_page_and_the_meeting_link_to_each_other(
    client_as, facilitator, meeting_session
):
    client = client_as(facilitator)
    consolidation = client.get(plan_url("consolidate", meeting_session)).content.decode()
    meeting = client.get(plan_url("meeting", meeting_session)).content.decode()
    assert plan_url("meeting", meeting_session) in consolidation
    assert plan_url("consolidate", meeting_session) in meeting


def test_the_priorities_page_shows_the_vote_panel_to_the_facilitator_only(
    client_as, facilitator, member, meeting_session
):
    url = plan_url("priorities", meeting_session)
    facilitator_page = client_as(facilitator).get(url).content.decode()
    assert 'id="vote-panel"' in facilitator_page
    assert "Faire voter les priorités" in facilitator_page
    assert 'id="vote-panel"' not in client_as(member).get(url).content.decode()


def test_the_meeting_screens_never_show_a_name_or_an_address(
    client_as, facilitator, member, meeting_session
):
    client = client_as(facilitator)
    client.post(statement_url(meeting_session, 1), {"value": "yes"})  # updated_by is stored
    for url in (plan_url("meeting", meeting_session), statement_url(meeting_session, 1)):
        html = client.get(url).content.decode()
        for person in (facilitator, member):
            assert person.email not in html, url
            assert person.email.split("@")[0] not in html, url
