"""Personal links: single use, hashed, expiring, revocable, throttled; no token left in the URL."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cooperatives import invitations
from cooperatives.models import Invitation, Membership


@pytest.fixture
def pending(cooperative, facilitator):
    return Membership.objects.create(cooperative=cooperative, email="nouveau@exemple.coop")


@pytest.fixture
def token(pending, facilitator):
    _invitation, token = invitations.issue(pending, created_by=facilitator)
    return token


def invitation_url(token):
    return reverse("invitation", args=[token])


def test_showing_the_link_uses_nothing(client, token):
    response = client.get(invitation_url(token))
    assert response.status_code == 200
    assert Invitation.objects.get().used_at is None  # mail scanners that follow links burn nothing


def test_using_the_link_logs_in_without_password_and_drops_the_token_from_the_url(
    client, token, pending, cooperative
):
    response = client.post(invitation_url(token))
    assert response["Location"] == cooperative.get_absolute_url()
    assert token not in response["Location"]
    user = User.objects.get(email="nouveau@exemple.coop")
    assert not user.has_usable_password()
    pending.refresh_from_db()
    assert pending.user == user
    assert client.get(cooperative.get_absolute_url()).status_code == 200


def test_a_link_works_only_once_and_then_says_what_to_do_instead(client, token):
    client.post(invitation_url(token))
    client.logout()
    response = client.post(invitation_url(token))
    assert response.status_code == 410
    text = " ".join(response.content.decode().split())
    assert (
        'Ce lien a déjà servi : <a href="/comptes/connexion/">connectez-vous</a>, ou demandez'
        in text
    )
    assert 'action="/nouveau-lien/"' in text
    assert "_auth_user_id" not in client.session


def test_an_expired_link_is_refused(client, token):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(invitation_url(token))
    assert response.status_code == 410 and "n’est plus valable" in response.content.decode()


def test_a_revoked_link_is_refused(client_as, facilitator, token, pending, cooperative):
    client_as(facilitator).post(reverse("cooperatives:revoke", args=[cooperative.slug, pending.pk]))
    client_as(facilitator).logout()
    assert client_as(None).post(invitation_url(token)).status_code == 410


def test_a_new_link_replaces_the_unused_old_one(client, facilitator, token, pending):
    _invitation, newer = invitations.issue(pending, created_by=facilitator)
    assert client.post(invitation_url(token)).status_code == 410
    assert client.post(invitation_url(newer)).status_code == 302


def test_a_link_for_an_address_with_an_account_asks_its_owner_to_log_in(
    client, facilitator, cooperative, outsider
):
    # Was: the link logged into that account (the takeover of issue 12). Now: login first.
    membership = Membership.objects.create(cooperative=cooperative, email=outsider.email)
    invitation, token = invitations.issue(membership, created_by=facilitator)
    response = client.post(invitation_url(token))
    assert response["Location"] == reverse("accounts:login") + "?next=" + invitation_url(token)
    assert "_auth_user_id" not in client.session
    invitation.refresh_from_db()
    assert invitation.used_at is None
    membership.refresh_from_db()
    assert membership.user is None
    assert User.objects.filter(email=outsider.email).count() == 1


def test_once_logged_in_the_owner_uses_the_link_and_joins(
    client, facilitator, cooperative, outsider
):
    from tests.factories import PASSWORD

    membership = Membership.objects.create(cooperative=cooperative, email=outsider.email)
    _invitation, token = invitations.issue(membership, created_by=facilitator)
    login_url = client.post(invitation_url(token))["Location"]
    response = client.post(login_url, {"username": outsider.email, "password": PASSWORD})
    assert response["Location"] == invitation_url(token)
    response = client.post(invitation_url(token))
    assert response["Location"] == cooperative.get_absolute_url()
    membership.refresh_from_db()
    assert membership.user == outsider
    assert Invitation.objects.get(membership=membership).used_at is not None


def test_a_link_used_while_logged_in_as_someone_else_is_refused_and_kept(
    client_as, facilitator, cooperative, outsider, member
):
    membership = Membership.objects.create(cooperative=cooperative, email=outsider.email)
    invitation, token = invitations.issue(membership, created_by=facilitator)
    response = client_as(member).post(invitation_url(token))
    assert response.status_code == 403
    assert "une autre adresse" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_at is None
    membership.refresh_from_db()
    assert membership.user is None


def test_an_account_made_from_an_emailed_link_is_verified_from_a_printed_one_not(
    client, facilitator, cooperative
):
    by_mail = Membership.objects.create(cooperative=cooperative, email="mail@exemple.coop")
    on_paper = Membership.objects.create(cooperative=cooperative, email="papier@exemple.coop")
    _i, mail_token = invitations.issue(by_mail, created_by=facilitator)
    _i, qr_token = invitations.issue(
        on_paper, created_by=facilitator, channel=Invitation.Channel.QR
    )
    client.post(invitation_url(mail_token))
    client.post(invitation_url(qr_token))
    assert User.objects.get(email="mail@exemple.coop").is_verified
    assert not User.objects.get(email="papier@exemple.coop").is_verified


def test_the_eleventh_failure_in_a_minute_gets_429(client, db):
    for n in range(10):
        assert client.post(invitation_url(f"faux-{n}")).status_code == 404
    response = client.post(invitation_url("faux-11"))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


def test_failures_from_another_address_are_counted_apart(client, token):
    for n in range(10):
        client.post(invitation_url(f"faux-{n}"))
    response = client.post(invitation_url(token), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_the_eleventh_failed_login_in_a_minute_gets_429(client, facilitator):
    url = reverse("accounts:login")
    for _ in range(10):
        assert (
            client.post(url, {"username": facilitator.email, "password": "faux"}).status_code == 200
        )
    assert client.post(url, {"username": facilitator.email, "password": "faux"}).status_code == 429


def test_guessing_join_links_is_throttled_too(client, open_session):
    for n in range(10):
        assert client.get(reverse("answers:start", args=[f"x{n}.y"])).status_code == 404
    assert client.get(reverse("answers:start", args=["x10.y"])).status_code == 429
    # A valid link is never a guess: it still opens.
    assert client.get(reverse("answers:start", args=[open_session.join_token])).status_code == 200


def test_the_email_says_who_invites_and_how_long_the_link_lasts(
    client_as, facilitator, cooperative
):
    from django.core import mail

    client_as(facilitator).post(
        reverse("cooperatives:members", args=[cooperative.slug]),
        {"emails": "sam@exemple.coop", "role": "member", "send_invitation": "on"},
    )
    (message,) = mail.outbox
    assert message.subject == f"Invitation au diagnostic QVT et numérique — {cooperative.name}"
    assert "30 jours" in message.body
    assert message.body.startswith("Bonjour,\n\nVotre coopérative")  # paragraphs kept
    assert "/invitation/" in message.body


def test_the_qr_sheet_prints_one_fresh_personal_code_per_chosen_member(
    client_as, facilitator, cooperative, pending, member
):
    chosen = [pending.pk, Membership.objects.get(user=member).pk]
    response = client_as(facilitator).post(
        reverse("cooperatives:qr_sheet", args=[cooperative.slug]),
        {"members": chosen, "show_names": "on"},
    )
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert html.count('class="segno"') == 2
    assert "nouveau@exemple.coop" in html
    assert Invitation.objects.filter(channel="qr", used_at__isnull=True).count() == 2


def test_the_qr_sheet_can_leave_names_out(client_as, facilitator, cooperative, pending):
    response = client_as(facilitator).post(
        reverse("cooperatives:qr_sheet", args=[cooperative.slug]), {"members": [pending.pk]}
    )
    assert "nouveau@exemple.coop" not in response.content.decode()


def test_the_qr_sheet_refuses_members_of_another_cooperative(
    client_as, facilitator, cooperative, other_facilitator
):
    foreign = Membership.objects.get(user=other_facilitator)
    response = client_as(facilitator).post(
        reverse("cooperatives:qr_sheet", args=[cooperative.slug]), {"members": [foreign.pk]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    assert not Invitation.objects.exists()


def test_a_member_sets_a_password_after_coming_by_invitation(client, token):
    client.post(invitation_url(token))
    response = client.post(
        reverse("accounts:password"),
        {
            "new_password1": "Un-nouveau-mot-de-passe-9",
            "new_password2": "Un-nouveau-mot-de-passe-9",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="nouveau@exemple.coop").check_password(
        "Un-nouveau-mot-de-passe-9"
    )
