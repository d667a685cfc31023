"""Query strings a facilitator's browser (or anyone crafting a link for them) may carry: Unicode
digits pass str.isdigit() but not int(), which used to be a 500."""

import pytest
from django.urls import reverse

from tests.factories import SessionFactory, make_respondent

MALFORMED = ["²", "١٢", "𝟗", "99999999999999999999", "-1", "1e3", " 1", ""]


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_previous_session_on_session_create_is_ignored(
    client_as, facilitator, cooperative, value
):
    url = reverse("diagnostics:session_create", args=[cooperative.slug])
    response = client_as(facilitator).get(url, {"suite": value})
    assert response.status_code == 200
    assert response.context["form"]["previous"].value() is None


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_theme_on_the_new_action_page_is_ignored(
    client_as, facilitator, cooperative, value
):
    session = SessionFactory(cooperative=cooperative, status="closed")
    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(session, letters)
    url = reverse("plans:action_create", args=[cooperative.slug, session.pk])
    response = client_as(facilitator).get(url, {"theme": value})
    assert response.status_code == 200
    assert response.context["form"]["theme"].value() is None


def test_a_well_formed_theme_still_preselects_it(client_as, facilitator, cooperative):
    session = SessionFactory(cooperative=cooperative, status="closed")
    for letters in ("Y" * 30, "N" * 30, "U" * 30):
        make_respondent(session, letters)
    theme = session.questionnaire.themes.get(order=2)
    url = reverse("plans:action_create", args=[cooperative.slug, session.pk])
    response = client_as(facilitator).get(url, {"theme": str(theme.pk)})
    assert response.context["form"]["theme"].value() == theme.pk
