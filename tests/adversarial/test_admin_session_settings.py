"""An administrator (or a stolen staff session) editing an opened session in /admin/ to lower
k, switch to open mode or move it to another cooperative: the settings members answered under
stay as they were."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from diagnostics.models import DiagnosticSession
from tests.factories import UserFactory


@pytest.fixture
def admin_browser(client, db):
    client.force_login(UserFactory(email="admin@exemple.org", is_staff=True, is_superuser=True))
    return client


def change_url(session):
    return reverse("admin:diagnostics_diagnosticsession_change", args=[session.pk])


def forged_post(session, other_cooperative, **changes):
    data = {
        "title": "Titre corrigé",
        "cooperative": other_cooperative.pk,
        "questionnaire": session.questionnaire_id,
        "status": DiagnosticSession.Status.DRAFT,
        "anonymity_threshold": 10,
        "open_mode": "on",
        "team_size": 2,
        "members_only": "on",
        "_save": "Enregistrer",
    }
    data.update(changes)
    return data


SETTINGS = ("cooperative", "questionnaire", "status", "anonymity_threshold", "open_mode")


@pytest.mark.parametrize("fixture", ["open_session", "closed_session"])
def test_an_opened_sessions_settings_are_read_only_in_the_admin(
    request, admin_browser, other_cooperative, fixture
):
    session = request.getfixturevalue(fixture)
    before = model_to_dict(session)
    page = admin_browser.get(change_url(session)).content.decode()
    assert 'name="anonymity_threshold"' not in page
    assert 'name="open_mode"' not in page
    assert 'name="status"' not in page
    assert 'name="title"' in page

    response = admin_browser.post(change_url(session), forged_post(session, other_cooperative))
    assert response.status_code == 302
    session.refresh_from_db()
    after = model_to_dict(session)
    assert session.title == "Titre corrigé"
    for name in (*SETTINGS, "team_size", "members_only", "previous"):
        assert after.get(name) == before.get(name), name


def test_a_drafts_threshold_can_still_be_set_in_the_admin(
    admin_browser, draft_session, cooperative
):
    data = forged_post(draft_session, cooperative, status=DiagnosticSession.Status.OPEN)
    data.pop("open_mode")
    data.pop("members_only")
    data["team_size"] = 12
    response = admin_browser.post(change_url(draft_session), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft_session.refresh_from_db()
    assert draft_session.anonymity_threshold == 10
    # Opening goes through the app (its checks, opened_at), never through the admin.
    assert draft_session.status == DiagnosticSession.Status.DRAFT
