"""The attacker of issue 12, items 1, 2 and 6: a stranger who signs up, creates a cooperative and
adds other people's addresses. Steps go through the test client, as a browser would."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from cooperatives.models import Cooperative, Membership

ATTACKER_EMAIL = "mallory@attaquant.example"
ATTACKER_PASSWORD = "Mallory-mot-de-passe-31"


def follow_mail_link(client, message, password=ATTACKER_PASSWORD):
    """POST to the link in the message (a verification link asks for the sign-up's password;
    an invitation ignores it)."""
    path = re.search(r"https?://testserver(/\S+)", message.body).group(1)
    return client.post(path, {"password": password})


def signed_up_attacker(email=ATTACKER_EMAIL):
    """A fresh client, signed up and logged in with the attacker's own (verified) mailbox."""
    client = Client()
    sent = len(mail.outbox)
    client.post(
        reverse("accounts:signup"),
        {"email": email, "password1": ATTACKER_PASSWORD, "password2": ATTACKER_PASSWORD},
    )
    if len(mail.outbox) > sent:  # the attacker reads their own mailbox
        follow_mail_link(client, mail.outbox[-1])
    return client


def attacker_cooperative(client, name="Scop Piège"):
    client.post(
        reverse("cooperatives:create"),
        {"name": name, "legal_form": "scop", "departement": "34", "headcount": "5"},
    )
    return Cooperative.objects.get(name=name)


def add_addresses(client, cooperative, text, *, role="member", send=False):
    data = {"emails": text, "role": role}
    if send:
        data["send_invitation"] = "on"
    return client.post(reverse("cooperatives:members", args=[cooperative.slug]), data)


def printed_qr_url(client, cooperative, email):
    """The URL behind the personal QR code printed for `email`, read from the sheet."""
    target = Membership.objects.get(cooperative=cooperative, email=email)
    response = client.post(
        reverse("cooperatives:qr_sheet", args=[cooperative.slug]),
        {"members": [target.pk], "show_names": "on"},
    )
    # What the printed code encodes (the page draws it as an SVG, not as text).
    ((card,),) = response.context["sheets"]  # one printed page of one card
    return re.search(r"https?://testserver(/invitation/[^/]+/)", card["url"]).group(1)
