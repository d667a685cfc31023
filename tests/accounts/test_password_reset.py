"""Password reset with Django's views: the same answer for any address; the link proves the
address (verified, pending memberships join), and wins back accounts that had no password."""

import re

from django.core import mail
from django.urls import reverse

from accounts.models import User
from cooperatives.models import Membership
from tests.factories import CooperativeFactory, UserFactory

NEW = "Un-nouveau-mot-de-passe-9"


def ask(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def choose_password(client, message, password=NEW):
    path = re.search(r"https?://testserver(/\S+)", message.body).group(1)
    form_url = client.get(path)["Location"]  # Django moves the token out of the URL
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_a_known_address_gets_a_link_and_sets_a_new_password(client, facilitator):
    response = ask(client, facilitator.email)
    assert response["Location"] == reverse("accounts:password_reset_done")
    (message,) = mail.outbox
    assert message.to == [facilitator.email]
    assert not message.subject.startswith(facilitator.email)
    response = choose_password(client, message)
    assert response["Location"] == reverse("accounts:password_reset_complete")
    facilitator.refresh_from_db()
    assert facilitator.check_password(NEW)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    response = ask(client, "personne@exemple.coop")
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert not mail.outbox


def test_an_account_without_a_password_can_choose_one_and_is_verified(client, db):
    user = User.objects.create_user(email="qr@exemple.coop")  # as a printed QR code made it
    cooperative = CooperativeFactory()
    Membership.objects.create(cooperative=cooperative, email="qr@exemple.coop")
    ask(client, "qr@exemple.coop")
    choose_password(client, mail.outbox[0])
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert user.is_verified
    assert Membership.objects.get(cooperative=cooperative).user == user


def test_a_sign_up_never_confirmed_is_activated_by_a_reset(client, db):
    user = User.objects.create_user(email="lent@exemple.coop", password="x", is_active=False)
    ask(client, "lent@exemple.coop")
    choose_password(client, mail.outbox[0])
    user.refresh_from_db()
    assert user.is_active and user.is_verified and user.check_password(NEW)


def test_an_account_deactivated_by_an_administrator_stays_off(client, db):
    UserFactory(email="banni@exemple.coop", is_active=False)
    ask(client, "banni@exemple.coop")
    assert not mail.outbox


def test_a_second_request_within_minutes_sends_nothing_more(client, facilitator):
    ask(client, facilitator.email)
    ask(client, facilitator.email)
    assert len(mail.outbox) == 1


def test_the_eleventh_request_in_a_minute_gets_429(client, db):
    for n in range(10):
        assert ask(client, f"p{n}@exemple.coop").status_code == 302
    assert ask(client, "p10@exemple.coop").status_code == 429


def test_a_used_link_no_longer_works(client, facilitator):
    ask(client, facilitator.email)
    choose_password(client, mail.outbox[0])
    path = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(path, follow=True)
    assert "ne fonctionne plus" in response.content.decode()


def test_a_verification_link_is_not_a_reset_link_nor_the_reverse(client, db):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.tokens import email_verification_token

    user = User.objects.create_user(email="lent@exemple.coop", password="x", is_active=False)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    verification = email_verification_token.make_token(user)
    reset = default_token_generator.make_token(user)
    response = client.get(reverse("accounts:password_reset_confirm", args=[uid, verification]))
    assert not response.context["validlink"]
    assert client.get(reverse("accounts:verify", args=[uid, reset])).status_code == 404
