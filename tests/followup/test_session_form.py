"""A new session « dans la suite de » an earlier one: only this cooperative's closed sessions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diagnostics.models import DiagnosticSession
from tests.factories import SessionFactory
from tests.followup.conftest import AFTER_SHEETS, at, closed_with


def create(client, cooperative, **data):
    return client.post(
        reverse("diagnostics:session_create", args=[cooperative.slug]),
        {"title": "Printemps", "anonymity_threshold": 3, **data},
    )


def test_a_facilitator_starts_a_follow_up_of_a_closed_session(
    client_as, facilitator, cooperative, before
):
    response = create(client_as(facilitator), cooperative, previous=before.pk)
    session = DiagnosticSession.objects.get(title="Printemps")
    assert response.status_code == 302
    assert session.previous == before and session.cooperative == cooperative


def test_the_form_offers_only_this_cooperatives_closed_sessions(
    client_as, facilitator, cooperative, other_cooperative, before
):
    SessionFactory(cooperative=cooperative, status="open", title="Ouverte")
    SessionFactory(cooperative=cooperative, status="draft", title="Brouillon")
    closed_with(other_cooperative, AFTER_SHEETS, title="Ailleurs", closed_at=at(2026, 1, 1))
    response = client_as(facilitator).get(
        reverse("diagnostics:session_create", args=[cooperative.slug]) + f"?suite={before.pk}"
    )
    field = response.context["form"]["previous"]
    assert list(field.field.queryset) == [before]
    assert field.value() == before.pk  # "Refaire le diagnostic" preselects it
    html = response.content.decode()
    assert "Diagnostic 2025 (clôturée le 10 janvier 2025)" in html
    assert "Ailleurs" not in html


@pytest.mark.parametrize("kind", ["other cooperative", "open", "draft", "unknown", "text"])
def test_a_previous_session_that_is_not_offered_is_refused_and_nothing_written(
    client_as, facilitator, cooperative, other_cooperative, kind
):
    if kind == "other cooperative":
        value = closed_with(
            other_cooperative, AFTER_SHEETS, title="Ailleurs", closed_at=at(2026, 1, 1)
        ).pk
    elif kind in ("open", "draft"):
        value = SessionFactory(cooperative=cooperative, status=kind).pk
    else:
        value = 999999 if kind == "unknown" else "la dernière"
    before = DiagnosticSession.objects.count()
    response = create(client_as(facilitator), cooperative, previous=value)
    assert response.status_code == 200
    assert response.context["form"].errors["previous"] == [
        "Choisissez une session clôturée de cette coopérative, antérieure à celle-ci."
    ]
    assert DiagnosticSession.objects.count() == before


def test_an_edited_session_cannot_follow_itself_or_a_later_one(
    client_as, facilitator, cooperative, before, after
):
    response = client_as(facilitator).post(
        reverse("diagnostics:session_edit", args=[cooperative.slug, before.pk]),
        {"title": "Diagnostic 2025", "previous": after.pk},
    )
    assert response.context["form"].errors["previous"]
    assert list(response.context["form"].fields["previous"].queryset) == []
    before.refresh_from_db()
    assert before.previous is None


def test_the_model_refuses_a_previous_session_of_another_cooperative(
    cooperative, other_cooperative, before
):
    foreign = SessionFactory(cooperative=other_cooperative, status="closed")
    session = SessionFactory.build(cooperative=cooperative, previous=foreign)
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert error.value.error_dict["previous"][0].code == "previous_elsewhere"
    session.previous = before
    session.clean()


def test_the_session_page_says_which_session_it_follows(client_as, member, after):
    url = reverse("diagnostics:session", args=[after.cooperative.slug, after.pk])
    html = client_as(member).get(url).content.decode()
    assert "Dans la suite de" in html and "Diagnostic 2025" in html
