"""The exercises' forms fed arbitrary input (hypothesis): a page or a redirect with a message,
never a 500, and nothing written that the form refused."""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from exercises import services
from exercises.models import Charter, Discussion, InfoCard, TimeNote
from tests.test_fuzz_forms import FUZZ, nasty_text, without_nul

pytestmark = pytest.mark.django_db

text = nasty_text.map(without_nul)


def post(client, name, cooperative, data, *args):
    response = client.post(reverse(f"exercises:{name}", args=[cooperative.slug, *args]), data)
    assert response.status_code in (200, 302, 400), response.status_code
    return response


@FUZZ
@given(values=st.lists(text, min_size=6, max_size=6))
def test_the_charter_draft_never_fails_on_any_input(client_as, facilitator, cooperative, values):
    with transaction.atomic():
        draft = services.start_draft(cooperative, facilitator)
        rule = draft.rules.first()
        data = {
            "regles-TOTAL_FORMS": values[5][:3] or "1",
            "regles-INITIAL_FORMS": "1",
            "regles-MIN_NUM_FORMS": "0",
            "regles-MAX_NUM_FORMS": "40",
            "regles-0-id": rule.pk,
            "regles-0-purpose": values[0],
            "regles-0-tool": values[1],
            "regles-0-used_for": values[2],
            "regles-0-hours": values[3],
            "regles-0-never_sent": values[4],
        }
        response = post(client_as(facilitator), "charter_draft", cooperative, data)
        rule.refresh_from_db()
        if response.status_code == 400:
            assert rule.tool == "Téléphone" and rule.hours == ""
        post(client_as(facilitator), "charter_adopt", cooperative, {"adopted_on": values[0]})
        assert Charter.objects.filter(cooperative=cooperative).count() == 1
        transaction.set_rollback(True)


@FUZZ
@given(values=st.lists(text, min_size=5, max_size=5))
def test_the_discussion_form_never_fails_on_any_input(client_as, facilitator, cooperative, values):
    with transaction.atomic():
        data = dict(
            zip(["held_on", "theme", "questions", "record", "decisions"], values, strict=True)
        )
        response = post(client_as(facilitator), "discussion_new", cooperative, data)
        if response.status_code != 302:
            assert not Discussion.objects.exists()
        transaction.set_rollback(True)


@FUZZ
@given(values=st.lists(text, min_size=3, max_size=3))
def test_notes_cards_and_moves_never_fail_on_any_input(client_as, facilitator, cooperative, values):
    with transaction.atomic():
        client = client_as(facilitator)
        note = post(
            client,
            "time_note_add",
            cooperative,
            dict(zip(["dimension", "kind", "text"], values, strict=True)),
        )
        if note.status_code != 302:
            assert not TimeNote.objects.exists()
        card = post(
            client,
            "card_add",
            cooperative,
            dict(zip(["label", "channel", "place"], values, strict=True)),
        )
        if card.status_code != 302:
            assert not InfoCard.objects.exists()
        placed = InfoCard.objects.create(
            cooperative=cooperative, label="x", channel="y", place="op-libre"
        )
        post(
            client,
            "card_place",
            cooperative,
            {"layer": values[0], "quadrant": values[1]},
            placed.pk,
        )
        placed.refresh_from_db()
        assert placed.place in ("op-impose", "op-libre", "vie-impose", "vie-libre")
        assert placed.target in ("", "op-impose", "op-libre", "vie-impose", "vie-libre")
        post(client, "card_send", cooperative, {"step": values[2]}, placed.pk)
        transaction.set_rollback(True)
