"""The thanks page (issue 15, point 4): the link to come back, « m'envoyer ce lien », when
results will be shown and the meeting date."""

import datetime
import re
import smtplib

import pytest
from django.core import mail

from accounts import throttle
from accounts.models import FailedAttempt
from diagnostics import thanks
from tests.diagnostics.test_answer_flow import answer_theme, start, url


@pytest.fixture
def sent(client, open_session):
    """A device that answered and sent its sheet."""
    start(client, open_session)
    for n in range(1, 7):
        answer_theme(client, open_session, n)
    assert client.post(url("review", open_session))["Location"] == url("thanks", open_session)
    return client


def test_the_thanks_page_shows_the_join_link_and_when_results_will_be_shown(sent, open_session):
    html = sent.get(url("thanks", open_session)).content.decode()
    join_url = f"http://testserver{open_session.get_join_url()}"
    assert f'<a id="join-link" href="{join_url}">{join_url}</a>' in html
    k = open_session.anonymity_threshold
    assert "après la clôture de la session" in html
    assert f"s’il y a au moins {k} questionnaires envoyés" in html
    assert 'id="meeting-date"' not in html  # none set
    assert "M’envoyer ce lien" in html


def test_the_thanks_page_gives_the_meeting_date_when_the_facilitator_set_one(sent, open_session):
    open_session.meeting_date = datetime.date(2026, 12, 8)
    open_session.save(update_fields=["meeting_date"])
    html = sent.get(url("thanks", open_session)).content.decode()
    assert "Réunion d’équipe prévue le 8 décembre 2026" in html


def test_in_open_mode_the_thanks_page_promises_no_threshold(client, open_session):
    open_session.open_mode = True
    open_session.save(update_fields=["open_mode"])
    start(client, open_session)
    for n in range(1, 7):
        answer_theme(client, open_session, n)
    client.post(url("review", open_session))
    html = client.get(url("thanks", open_session)).content.decode()
    assert "après la clôture de la session" in html
    assert "questionnaires envoyés" not in html


def test_the_link_is_emailed_once_with_a_fixed_subject_and_no_sheet_in_it(sent, open_session):
    token = sent.cookies[f"qvt_r{open_session.pk}"].value
    response = sent.post(url("send_link", open_session), {"email": "lea@exemple.org"})
    assert response.status_code == 302
    assert response["Location"] == url("thanks", open_session)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea@exemple.org"]
    assert message.subject.endswith("Votre lien vers le diagnostic QVT et numérique")
    assert open_session.title not in message.subject
    assert f"http://testserver{open_session.get_join_url()}" in message.body
    assert token not in message.body and token not in message.subject
    # Once per device: a second request sends nothing and says so.
    again = sent.post(url("send_link", open_session), {"email": "autre@exemple.org"}, follow=True)
    assert len(mail.outbox) == 1
    assert "Le lien a déjà été envoyé" in again.content.decode()
    assert (
        "M’envoyer ce lien</button>" not in sent.get(url("thanks", open_session)).content.decode()
    )


def test_the_address_is_kept_nowhere(sent, open_session, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        sent.post(url("send_link", open_session), {"email": "secret.lea@exemple.org"})
    assert len(mail.outbox) == 1
    assert not any("secret.lea" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("address", ["", "pas-une-adresse", "a@b", "x" * 300 + "@exemple.org"])
def test_a_bad_address_gets_a_message_and_nothing_is_sent(sent, open_session, address):
    response = sent.post(url("send_link", open_session), {"email": address})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Indiquez une adresse e-mail." in html or "n’est pas valide" in html or "caractères" in html
    )
    assert mail.outbox == []
    assert not FailedAttempt.objects.filter(scope=thanks.LINK_EMAIL).exists()


def test_the_same_answer_whatever_the_address(sent, open_session, member):
    """A member's account address or a stranger's: the same page, the same one email."""
    pages = []
    for address in (member.email, "inconnue@exemple.org"):
        page = sent.post(url("send_link", open_session), {"email": address}, follow=True)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
        pages.append(html.replace(address, ""))
        del sent.cookies[thanks.SENT_COOKIE.format(pk=open_session.pk)]
    assert pages[0] == pages[1]
    assert "C’est envoyé" in pages[0]
    assert [m.to for m in mail.outbox] == [[member.email], ["inconnue@exemple.org"]]


def test_sending_is_throttled_per_address(sent, open_session):
    for _ in range(throttle.MAX_FAILURES):
        FailedAttempt.objects.create(scope=thanks.LINK_EMAIL, ip_address="127.0.0.1")
    response = sent.post(url("send_link", open_session), {"email": "lea@exemple.org"})
    assert response.status_code == 429
    assert mail.outbox == []


def test_a_failing_mail_server_is_a_message_not_a_500(sent, open_session, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(thanks, "send_mail", refuse)
    response = sent.post(url("send_link", open_session), {"email": "lea@exemple.org"}, follow=True)
    assert response.status_code == 200
    assert "L’envoi a échoué" in response.content.decode()
    assert "M’envoyer ce lien</button>" in response.content.decode()  # may try again


def test_no_sent_sheet_on_this_device_no_email(client, open_session):
    response = client.post(url("send_link", open_session), {"email": "lea@exemple.org"})
    assert response.status_code == 302
    assert response["Location"] == url("start", open_session)
    start(client, open_session)  # started, not sent
    client.post(url("send_link", open_session), {"email": "lea@exemple.org"})
    assert mail.outbox == []


def test_sending_the_link_refuses_get(sent, open_session):
    assert sent.get(url("send_link", open_session)).status_code == 405
