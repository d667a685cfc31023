"""« M'envoyer ce lien » on the thanks page (issue 15, point 4), attacked.

A new feature: there was no code to fail on before."""

from django.core import mail

from accounts.models import FailedAttempt
from diagnostics import thanks
from diagnostics.models import Respondent
from tests.diagnostics.test_answer_flow import answer_theme, start, url


def send_a_sheet(client, session):
    start(client, session)
    for n in range(1, 7):
        answer_theme(client, session, n)
    client.post(url("review", session))


def test_an_outsider_with_the_join_link_cannot_use_the_site_to_send_mail(client, open_session):
    for _ in range(3):
        response = client.post(url("send_link", open_session), {"email": "cible@exemple.org"})
        assert response.status_code == 302
    assert mail.outbox == []


def test_a_device_that_clears_its_sent_mark_to_mail_bomb_an_address_is_stopped(
    client, open_session
):
    send_a_sheet(client, open_session)
    statuses = []
    for _ in range(15):
        response = client.post(url("send_link", open_session), {"email": "cible@exemple.org"})
        statuses.append(response.status_code)
        client.cookies.pop(thanks.SENT_COOKIE.format(pk=open_session.pk), None)
    assert len(mail.outbox) == 10  # accounts.throttle: 10 per minute per client address
    assert statuses[10:] == [429] * 5


def test_the_facilitator_cannot_tie_an_address_to_a_sheet(client, open_session):
    send_a_sheet(client, open_session)
    client.post(url("send_link", open_session), {"email": "lea.martin@exemple.org"})
    assert len(mail.outbox) == 1
    respondent = Respondent.objects.get(session=open_session)
    row = " ".join(
        str(v) for v in Respondent.objects.filter(pk=respondent.pk).values().first().values()
    )
    assert "lea.martin" not in row
    assert not FailedAttempt.objects.filter(ip_address__contains="lea").exists()
    message = mail.outbox[0]
    assert str(respondent.pk) not in message.subject
    assert respondent.token_hash not in message.body
