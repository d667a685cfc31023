"""A page elsewhere on the web that posts to the app in the victim's name (CSRF), for every
form issues 16 and 17 added: the networks' decisions (invite, withdraw, answer, leave, grant,
revoke, share a session or a plan) and every exercise's writes (cards, notes, moves, the
charter's draft and adoption, discussions, sending to the plan). The victim is logged in (the
cooperative's facilitator, the network's adviser); the forged post has no CSRF token: Django's
CsrfViewMiddleware refuses it (403) before any view runs, and nothing is written."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, get_resolver

pytestmark = pytest.mark.django_db

APPS = ("networks", "exercises")
EXTRA = ("plans:share_plan", "plans:adviser_session")
WRITTEN = ("networks", "exercises", "plans")


def patterns(resolver=None, namespace=""):
    """(name, route) of every URL pattern, with its namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLPattern):
            if entry.name:
                yield f"{namespace}{entry.name}", str(entry.pattern)
        else:
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, inner)


def targets():
    return sorted(
        (name, route) for name, route in patterns() if name.split(":")[0] in APPS or name in EXTRA
    )


def fill(route, cooperative, network):
    slug = network.slug if route.startswith("reseaux/") else cooperative.slug
    path = route.replace("<slug:slug>", slug).replace("<slug:cooperative_slug>", cooperative.slug)
    for converter in ("<int:pk>", "<int:version>"):
        path = path.replace(converter, "1")
    return "/" + path.replace("<str:token>", "x" * 43)


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for label in WRITTEN
        for model in apps.get_app_config(label).get_models()
    }


def test_every_write_of_the_networks_and_the_exercises_refuses_a_forged_post(
    cooperative, facilitator, network, adviser
):
    found = targets()
    assert len(found) > 30  # the two apps' URLs were all found
    before = row_counts()
    for user in (facilitator, adviser):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        for name, route in found:
            response = browser.post(fill(route, cooperative, network), {"share": "on"})
            assert response.status_code == 403, name
            assert b"CSRF" in response.content, name
    assert row_counts() == before


def test_the_same_post_with_the_token_reaches_the_view(cooperative, facilitator, network):
    """The check above is the CSRF middleware's, not a view's own 403: with the token, the
    facilitator's card reaches the view and is written."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(facilitator)
    page = browser.get(f"/c/{cooperative.slug}/exercices/diagramme/")
    token = page.cookies["csrftoken"].value
    response = browser.post(
        f"/c/{cooperative.slug}/exercices/diagramme/cartes/",
        {"label": "Agenda", "channel": "mail", "place": "op-libre", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert cooperative.info_cards.count() == 1
