"""Issue 12, item 6 and the CR/LF part of item 8: the site used to send mail for anyone.

Any new account could add 300 addresses per request and email each one, as often as it liked,
under a subject that began with the cooperative's name (attacker text); a CR or LF in that name
raised BadHeaderError: a 500, the members added, no email. Each test failed before the fix."""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse

from cooperatives.models import Cooperative, Membership
from diagnostics.models import DiagnosticSession
from tests.adversarial.helpers_a import add_addresses, attacker_cooperative, signed_up_attacker
from tests.factories import MembershipFactory, SessionFactory, UserFactory


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def addresses(count, domain="cibles.example"):
    return "\n".join(f"cible{n}@{domain}" for n in range(count))


@pytest.fixture
def unverified_facilitator(cooperative):
    user = UserFactory(email="qr@exemple.coop", email_verified_at=None)
    MembershipFactory(cooperative=cooperative, user=user, role="facilitator")
    return user


def test_an_unverified_account_sends_no_invitation(unverified_facilitator, cooperative):
    client = logged_in(unverified_facilitator)
    response = add_addresses(client, cooperative, addresses(3), send=True)
    assert response.status_code == 200
    assert "Confirmez d’abord votre adresse" in response.content.decode()
    assert not mail.outbox
    assert cooperative.memberships.count() == 1  # nothing added


def test_an_unverified_account_sends_no_single_link_nor_reminder(
    unverified_facilitator, cooperative
):
    target = Membership.objects.create(cooperative=cooperative, email="x@exemple.coop")
    session = SessionFactory(cooperative=cooperative, status=DiagnosticSession.Status.OPEN)
    client = logged_in(unverified_facilitator)
    response = client.post(
        reverse("cooperatives:invite", args=[cooperative.slug, target.pk]), follow=True
    )
    assert "Confirmez d’abord votre adresse" in response.content.decode()
    client.post(reverse("diagnostics:session_remind", args=[cooperative.slug, session.pk]))
    assert not mail.outbox
    session.refresh_from_db()
    assert session.last_reminder_at is None


def test_three_hundred_addresses_at_once_are_refused_and_nothing_is_added(db):
    attacker = signed_up_attacker()
    cooperative = attacker_cooperative(attacker)
    mail.outbox.clear()
    response = add_addresses(attacker, cooperative, addresses(300), send=True)
    assert response.status_code == 200
    assert "Au plus 100 adresses" in response.content.decode()
    assert cooperative.memberships.count() == 1
    assert not mail.outbox


def test_a_cooperative_sends_at_most_the_daily_cap(settings, db):
    settings.EMAILS_PER_COOPERATIVE_PER_DAY = 5
    attacker = signed_up_attacker()
    cooperative = attacker_cooperative(attacker)
    mail.outbox.clear()
    response = add_addresses(attacker, cooperative, addresses(8), send=True)
    assert len(mail.outbox) == 5
    assert cooperative.memberships.count() == 9  # all added, 3 without email, and told so
    page = attacker.get(response["Location"]).content.decode()
    assert "Plafond quotidien" in page and "cible7@cibles.example" in page
    add_addresses(attacker, cooperative, addresses(2, "autres.example"), send=True)
    assert len(mail.outbox) == 5


def test_the_cap_follows_the_sender_across_new_cooperatives(settings, db):
    settings.EMAILS_PER_COOPERATIVE_PER_DAY = 5
    attacker = signed_up_attacker()
    first = attacker_cooperative(attacker, "Scop Une")
    second = attacker_cooperative(attacker, "Scop Deux")
    mail.outbox.clear()
    add_addresses(attacker, first, addresses(5), send=True)
    add_addresses(attacker, second, addresses(5, "autres.example"), send=True)
    assert len(mail.outbox) == 5


def test_a_members_link_is_not_resent_before_the_cooldown(db):
    attacker = signed_up_attacker()
    cooperative = attacker_cooperative(attacker)
    add_addresses(attacker, cooperative, "victime@exemple.coop", send=True)
    target = Membership.objects.get(email="victime@exemple.coop")
    url = reverse("cooperatives:invite", args=[cooperative.slug, target.pk])
    for _ in range(5):
        response = attacker.post(url, follow=True)
    assert "il y a moins de 15 minutes" in response.content.decode()
    assert [m.to for m in mail.outbox if "victime@exemple.coop" in m.to] == [
        ["victime@exemple.coop"]
    ]


def test_the_subject_does_not_start_with_the_cooperatives_name(db):
    attacker = signed_up_attacker()
    cooperative = attacker_cooperative(attacker, "URGENT votre compte bancaire est bloqué")
    mail.outbox.clear()
    add_addresses(attacker, cooperative, "victime@exemple.coop", send=True)
    (message,) = mail.outbox
    assert not message.subject.startswith(cooperative.name)
    assert message.subject.startswith("Invitation au diagnostic QVT et numérique — ")


def test_a_name_with_cr_lf_is_refused_with_a_clear_message(db):
    attacker = signed_up_attacker()
    response = attacker.post(
        reverse("cooperatives:create"),
        {
            "name": "Scop\r\nBcc: liste@cibles.example",
            "legal_form": "scop",
            "departement": "34",
            "headcount": "5",
        },
    )
    assert response.status_code == 200
    assert "retour à la ligne" in str(response.context["form"].errors["name"])
    assert not Cooperative.objects.filter(name__startswith="Scop\r").exists()


def test_a_session_title_with_cr_lf_is_refused(cooperative, facilitator):
    response = logged_in(facilitator).post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "Printemps\nBcc: x@y.z", "anonymity_threshold": 3, "team_size": 12},
    )
    assert response.status_code == 200
    assert "retour à la ligne" in str(response.context["form"].errors["title"])
    assert not cooperative.sessions.exists()


def test_a_name_with_cr_lf_saved_before_the_check_sends_mail_without_a_500(facilitator):
    # A name typed before control characters were refused (or through a path that skipped it).
    cooperative = Cooperative.objects.get(memberships__user=facilitator)
    Cooperative.objects.filter(pk=cooperative.pk).update(name="Scop\r\nBcc: x@y.z")
    client = logged_in(facilitator)
    response = add_addresses(client, cooperative, "sam@exemple.coop", send=True)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    session = SessionFactory(cooperative=cooperative, status=DiagnosticSession.Status.OPEN)
    DiagnosticSession.objects.filter(pk=session.pk).update(title="Printemps\r\nBcc: x@y.z")
    response = client.post(
        reverse("diagnostics:session_remind", args=[cooperative.slug, session.pk])
    )
    assert response.status_code == 302
    assert all("\n" not in m.subject for m in mail.outbox[1:]) and len(mail.outbox) > 1


def test_a_failed_send_leaves_the_member_added_and_says_so(monkeypatch, facilitator, cooperative):
    def refuse(self, messages):
        raise SMTPException("relay refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    client = logged_in(facilitator)
    response = add_addresses(client, cooperative, "sam@exemple.coop", send=True)
    assert response.status_code == 302
    assert Membership.objects.filter(cooperative=cooperative, email="sam@exemple.coop").exists()
    page = client.get(response["Location"]).content.decode()
    assert "L’envoi a échoué pour sam@exemple.coop" in page
    target = Membership.objects.get(email="sam@exemple.coop")
    assert not target.invitations.usable().exists()  # the undelivered link was revoked
    response = client.post(reverse("cooperatives:invite", args=[cooperative.slug, target.pk]))
    assert response.status_code == 302
    session = SessionFactory(cooperative=cooperative, status=DiagnosticSession.Status.OPEN)
    response = client.post(
        reverse("diagnostics:session_remind", args=[cooperative.slug, session.pk]), follow=True
    )
    assert response.status_code == 200
    assert "L’envoi du rappel a échoué" in response.content.decode()


def test_an_ordinary_invitation_still_goes_out(facilitator, cooperative):
    add_addresses(logged_in(facilitator), cooperative, "sam@exemple.coop", send=True)
    (message,) = mail.outbox
    assert message.to == ["sam@exemple.coop"]


def test_an_unverified_account_is_told_why_and_can_still_add_without_email(
    unverified_facilitator, cooperative
):
    client = logged_in(unverified_facilitator)
    page = client.get(reverse("cooperatives:members", args=[cooperative.slug]))
    assert "pas encore confirmée" in page.content.decode()
    assert page.context["form"]["send_invitation"].value() is False
    response = add_addresses(client, cooperative, "sam@exemple.coop", send=False)
    assert response.status_code == 302
    assert cooperative.memberships.filter(email="sam@exemple.coop").exists()
    assert not mail.outbox
