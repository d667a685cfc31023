"""The anonymity promise, tested: nobody but a member sees that member's answers."""

import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import reverse

from cooperatives.models import Membership
from diagnostics import quiz, services
from diagnostics.models import Answer, Respondent
from reports.personal_data import personal_data
from tests.factories import SessionFactory, make_respondent


def without_csrf(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def results_page(client, session):
    return client.get(reverse("plans:results", args=[session.cooperative.slug, session.pk]))


def test_revealed_results_do_not_change_with_one_more_submission(
    client_as, facilitator, open_session
):
    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(open_session, letters)
    services.reveal_results(open_session)
    client = client_as(facilitator)
    before = without_csrf(results_page(client, open_session).content.decode())
    assert "scores-table" in before
    make_respondent(open_session, "Y" * 30)
    after = without_csrf(results_page(client, open_session).content.decode())
    assert after == before


def test_results_cannot_be_revealed_below_the_threshold(client_as, facilitator, open_session):
    make_respondent(open_session, "Y" * 30)
    make_respondent(open_session, "Y" * 30)
    response = client_as(facilitator).post(
        reverse(
            "diagnostics:session_reveal", args=[open_session.cooperative.slug, open_session.pk]
        ),
        follow=True,
    )
    open_session.refresh_from_db()
    assert open_session.revealed_at is None
    assert "seuil d’anonymat" in response.content.decode()


def test_closing_a_revealed_session_counts_k_later_sheets(client_as, facilitator, open_session):
    for _ in range(3):
        make_respondent(open_session, "N" * 30)
    services.reveal_results(open_session)
    for _ in range(3):
        make_respondent(open_session, "Y" * 30)
    services.close_session(open_session)
    open_session.refresh_from_db()
    response = results_page(client_as(facilitator), open_session)
    assert response.context["results"].respondents == 6
    assert [t.score for t in response.context["results"].themes] == [Decimal("2.5")] * 6


def test_closing_a_revealed_session_keeps_the_published_results_below_k_later_sheets(
    client_as, facilitator, open_session
):
    # Was "shows the final results" (4 sheets): final − published then gave the 4th sheet.
    for _ in range(3):
        make_respondent(open_session, "N" * 30)
    services.reveal_results(open_session)
    make_respondent(open_session, "Y" * 30)
    services.close_session(open_session)
    open_session.refresh_from_db()
    response = results_page(client_as(facilitator), open_session)
    assert response.context["results"].respondents == 3
    assert [t.score for t in response.context["results"].themes] == [Decimal("0.0")] * 6
    assert response.context["left_out"] == 1


def test_after_close_no_query_path_leads_from_a_member_to_their_answers(open_session, member):
    membership = Membership.objects.get(user=member)
    make_respondent(open_session, "Y" * 30, membership=membership)
    make_respondent(open_session, "N" * 30)
    make_respondent(open_session, "U" * 30)
    assert Answer.objects.filter(respondent__membership__user=member).count() == 30
    services.close_session(open_session)
    assert not Answer.objects.filter(respondent__membership__user=member).exists()
    assert not Respondent.objects.filter(membership__isnull=False).exists()
    assert "answers_in_open_sessions" not in personal_data(member)
    assert not Respondent.objects.filter(token_hash__isnull=False).exists()
    # The membership link is the only relation from a sheet to a person or an account.
    personal = {"cooperatives.membership", "accounts.user", "cooperatives.invitation"}
    relations = {
        f.related_model._meta.label_lower
        for model in (Respondent, Answer)
        for f in model._meta.get_fields()
        if f.is_relation and f.related_model
    }
    assert relations & personal == {"cooperatives.membership"}


def test_answers_and_sheets_are_not_in_the_admin():
    assert Answer not in admin.site._registry
    assert Respondent not in admin.site._registry


def test_the_facilitator_sees_counts_never_who(client_as, facilitator, open_session, member):
    membership = Membership.objects.get(user=member)
    make_respondent(open_session, "Y" * 30, membership=membership)
    html = client_as(facilitator).get(open_session.get_absolute_url()).content.decode()
    assert member.email not in html


def test_open_mode_is_announced_on_every_answer_page_and_shows_small_teams_results(
    client, client_as, facilitator, cooperative
):
    session = SessionFactory(cooperative=cooperative, status="open", open_mode=True)
    for name in ("start",):
        assert (
            "Mode ouvert"
            in client.get(reverse(f"answers:{name}", args=[session.join_token])).content.decode()
        )
    client.post(reverse("answers:start", args=[session.join_token]))
    for path in (
        reverse("answers:theme", args=[session.join_token, 1]),
        reverse("answers:review", args=[session.join_token]),
    ):
        page = client.get(path).content.decode()
        assert "Mode ouvert\u00a0: vos réponses ne sont pas anonymes" in page
    make_respondent(session, "Y" * 30)
    make_respondent(session, "N" * 30)
    services.close_session(session)
    session.refresh_from_db()
    assert results_page(client_as(facilitator), session).context["results"].respondents == 2


def test_open_mode_is_chosen_before_opening(client_as, facilitator, open_session):
    client_as(facilitator).post(
        reverse("diagnostics:session_edit", args=[open_session.cooperative.slug, open_session.pk]),
        {"title": "x", "anonymity_threshold": 3, "open_mode": "on"},
    )
    open_session.refresh_from_db()
    assert not open_session.open_mode


def test_a_member_sees_their_own_answers_and_radar_beside_the_teams(client, open_session):
    client.post(reverse("answers:start", args=[open_session.join_token]))
    respondent = Respondent.objects.get()
    statements = quiz.statements_of(open_session.questionnaire_id)
    Answer.objects.bulk_create(
        Answer(respondent=respondent, statement=s, value="yes" if s.theme.order == 1 else "no")
        for s in statements
    )
    # Sent through the page: it leaves this device the signed copy read after close.
    client.post(reverse("answers:review", args=[open_session.join_token]))
    make_respondent(open_session, "N" * 30)
    make_respondent(open_session, "N" * 30)
    services.close_session(open_session)
    response = client.get(reverse("answers:mine", args=[open_session.join_token]))
    assert response.status_code == 200
    own = {t.theme.code: score for t, score in response.context["own_scores"]}
    assert own == {
        "projet": 5,
        "information": 0,
        "temps": 0,
        "espaces": 0,
        "competences": 0,
        "management": 0,
    }
    assert response.context["chart_data"]["datasets"][1]["data"] == [5, 0, 0, 0, 0, 0]
    assert response.context["chart_data"]["datasets"][0]["data"][0] == pytest.approx(1.7)  # 5/3


def test_nobody_else_reaches_a_members_answers_page(client_as, facilitator, open_session):
    make_respondent(open_session, "Y" * 30)
    response = client_as(facilitator).get(reverse("answers:mine", args=[open_session.join_token]))
    assert response["Location"] == reverse("answers:start", args=[open_session.join_token])


def test_reminders_go_to_members_who_have_not_submitted_without_naming_them(
    client_as, facilitator, member, open_session, cooperative
):
    answered = Membership.objects.get(user=member)
    make_respondent(open_session, "Y" * 30, membership=answered)
    Membership.objects.create(cooperative=cooperative, email="pas-encore@exemple.coop")
    client = client_as(facilitator)
    url = reverse("diagnostics:session_remind", args=[cooperative.slug, open_session.pk])
    response = client.post(url, follow=True)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([facilitator.email, "pas-encore@exemple.coop"])
    assert open_session.get_join_url() in mail.outbox[0].body
    html = response.content.decode()
    assert "pas-encore@exemple.coop" not in html and member.email not in html
    client.post(url)
    assert len(mail.outbox) == 2  # at most one reminder every 12 hours


def test_a_cookie_copied_to_another_browser_is_the_only_way_in(open_session):
    first = Client()
    first.post(reverse("answers:start", args=[open_session.join_token]))
    second = Client()
    response = second.get(reverse("answers:theme", args=[open_session.join_token, 1]))
    assert response.status_code == 302
    assert Respondent.objects.count() == 1
