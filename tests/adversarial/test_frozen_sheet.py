"""Editing a submitted sheet: once sent, a sheet's answers never change (the no-differencing
rule depends on it: an edit after publication would reveal the edited answers)."""

from django.test import Client

from diagnostics import quiz, services
from diagnostics.models import Answer, Respondent
from tests.diagnostics.test_answer_flow import answer_theme, start, url


def submitted_sheet(session):
    device = Client()
    respondent = start(device, session)
    for n in range(1, 7):
        answer_theme(device, session, n, "YYYYY")
    assert device.post(url("review", session))["Location"] == url("thanks", session)
    return device, Respondent.objects.get(pk=respondent.pk)


def test_posting_a_theme_after_submitting_changes_nothing_and_says_so(open_session):
    device, respondent = submitted_sheet(open_session)
    before = list(respondent.answers.order_by("pk").values_list("pk", "value", "updated_at"))
    response = answer_theme(device, open_session, 4, "NNNNN")
    assert response.status_code == 409
    assert "ne peuvent plus être modifiées" in response.content.decode()
    after = list(respondent.answers.order_by("pk").values_list("pk", "value", "updated_at"))
    assert after == before


def test_submitting_again_keeps_the_first_submission(open_session):
    device, respondent = submitted_sheet(open_session)
    device.post(url("review", open_session))
    assert Respondent.objects.get(pk=respondent.pk).submitted_at == respondent.submitted_at


def test_the_service_refuses_to_write_into_a_submitted_sheet(open_session):
    _device, respondent = submitted_sheet(open_session)
    statement = quiz.statements_of(open_session.questionnaire_id)[0]
    assert services.save_answers(respondent, {statement.pk: "no"}, 2) is False
    assert Answer.objects.get(respondent=respondent, statement=statement).value == "yes"


def test_a_submitted_sheet_offers_no_edit_link(open_session):
    device, _respondent = submitted_sheet(open_session)
    page = device.get(url("review", open_session)).content.decode()
    assert url("theme", open_session, 1) not in page
    assert "Envoyer à nouveau" not in page
