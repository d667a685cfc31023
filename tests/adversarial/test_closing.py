"""Closing: the facilitator is told what closing drops and confirms; unsent sheets are deleted
in the same transaction; a member posting afterwards is told the truth."""

from django.test import Client
from django.urls import reverse

from diagnostics.models import Answer, Respondent
from tests.diagnostics.test_answer_flow import answer_theme, start
from tests.factories import make_respondent


def close_url(session):
    return reverse("diagnostics:session_close", args=[session.cooperative.slug, session.pk])


def test_the_close_button_asks_for_confirmation_with_the_counts(
    client_as, facilitator, open_session
):
    make_respondent(open_session, "Y" * 30)
    make_respondent(open_session, "N" * 30)
    make_respondent(open_session, {"projet.1": "yes"}, submitted=False)
    client = client_as(facilitator)
    page = client.get(close_url(open_session))
    assert page.status_code == 200
    text = page.content.decode()
    assert "2 envoyés" in text and "1 commencé non envoyé" in text and "seuil 3" in text
    assert "resteront masqués" in text
    # A post without the confirmation closes nothing.
    assert client.post(close_url(open_session))["Location"] == close_url(open_session)
    open_session.refresh_from_db()
    assert open_session.is_open


def test_confirming_closes_and_deletes_the_unsent_sheets(client_as, facilitator, open_session):
    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(open_session, letters)
    unsent = make_respondent(open_session, {"projet.1": "yes", "projet.2": "no"}, submitted=False)
    client = client_as(facilitator)
    assert "resteront masqués" not in client.get(close_url(open_session)).content.decode()
    client.post(close_url(open_session), {"confirm": "1"})
    open_session.refresh_from_db()
    assert open_session.is_closed
    assert not Respondent.objects.filter(pk=unsent.pk).exists()
    assert not Answer.objects.filter(respondent_id=unsent.pk).exists()
    assert Respondent.objects.filter(session=open_session).count() == 3


def test_a_member_posting_after_close_is_told_their_unsent_answers_were_not_counted(
    client_as, facilitator, open_session
):
    device = Client()
    start(device, open_session)
    for n in (1, 2, 3):
        answer_theme(device, open_session, n)
    client_as(facilitator).post(close_url(open_session), {"confirm": "1"})
    response = answer_theme(device, open_session, 4)
    assert response.status_code == 409
    text = response.content.decode()
    assert "sont conservées" not in text
    assert "pas été comptées" in text
    assert not Answer.objects.exists()
