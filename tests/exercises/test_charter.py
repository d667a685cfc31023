"""FICHE 6's charter: prefilled with the guide's table, written by the facilitator, adopted on a
date, revised as a new version with the differences shown, read by every member (page and PDF)."""

import datetime

import pytest
from django.urls import reverse

from exercises import services
from exercises.models import Charter, CharterRule
from fiches.content_loader import load_exercises

pytestmark = pytest.mark.django_db


def url(name, cooperative, *args):
    return reverse(f"exercises:{name}", args=[cooperative.slug, *args])


def formset_data(rules, extra=None, changes=None):
    """The draft's POST as the page sends it: every rule, `changes` {rule_pk: {field: value}}."""
    data = {
        "regles-TOTAL_FORMS": str(len(rules) + (1 if extra else 0)),
        "regles-INITIAL_FORMS": str(len(rules)),
        "regles-MIN_NUM_FORMS": "0",
        "regles-MAX_NUM_FORMS": "40",
    }
    for i, rule in enumerate(rules):
        values = {"id": rule.pk, "purpose": rule.purpose, "tool": rule.tool}
        values |= {name: getattr(rule, name) for name in CharterRule.FIELDS}
        values |= (changes or {}).get(rule.pk, {})
        data |= {f"regles-{i}-{key}": value for key, value in values.items()}
    if extra:
        data |= {f"regles-{len(rules)}-{key}": value for key, value in extra.items()}
    return data


def start(client, cooperative):
    response = client.post(url("charter_start", cooperative))
    assert response.status_code == 302
    return Charter.objects.get(cooperative=cooperative, adopted_on__isnull=True)


def test_a_new_charter_is_prefilled_with_the_nine_tools_of_the_guides_table(
    client_as, facilitator, cooperative
):
    draft = start(client_as(facilitator), cooperative)
    tools = list(draft.rules.values_list("purpose", "tool"))
    expected = [(p.code, t) for p in load_exercises().charter.purposes for t in p.tools]
    assert tools == expected
    assert len(tools) == 9
    page = client_as(facilitator).get(url("charter_draft", cooperative))
    assert page.status_code == 200
    assert "Visio conférence" in page.content.decode()


def test_starting_twice_keeps_the_one_draft(client_as, facilitator, cooperative):
    client = client_as(facilitator)
    first = start(client, cooperative)
    second = start(client, cooperative)
    assert first.pk == second.pk
    assert Charter.objects.filter(cooperative=cooperative).count() == 1


def test_the_facilitator_writes_the_rules_removes_a_tool_and_adds_one(
    client_as, facilitator, cooperative
):
    client = client_as(facilitator)
    draft = start(client, cooperative)
    rules = list(draft.rules.all())
    phone, forum = rules[0], rules[2]
    data = formset_data(
        rules,
        extra={"purpose": "echanger", "tool": "Signal", "hours": "jamais le week-end"},
        changes={
            phone.pk: {"response_time": "dans la journée", "hours": "8 h – 19 h"},
            forum.pk: {"DELETE": "on"},
        },
    )
    response = client.post(url("charter_draft", cooperative), data)
    assert response.status_code == 302
    phone.refresh_from_db()
    assert (phone.response_time, phone.hours) == ("dans la journée", "8 h – 19 h")
    assert not draft.rules.filter(tool="Forum").exists()
    assert draft.rules.get(tool="Signal").hours == "jamais le week-end"


def test_an_untouched_empty_tool_form_is_ignored(client_as, facilitator, cooperative):
    client = client_as(facilitator)
    draft = start(client, cooperative)
    rules = list(draft.rules.all())
    data = formset_data(rules, extra={"purpose": "echanger", "tool": ""})
    assert client.post(url("charter_draft", cooperative), data).status_code == 302
    assert draft.rules.count() == 9


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"purpose": "fax"}, "Sélectionnez un choix valide"),
        ({"tool": ""}, "Ce champ est obligatoire"),
        ({"tool": "x" * 81}, "au plus 80 caractères"),
        ({"hours": "9 h\n18 h"}, "retour à la ligne"),
        ({"tool": "Forum"}, "deux fois sous le même objet"),
    ],
)
def test_bad_input_in_the_draft_is_refused_with_a_message_and_nothing_changed(
    client_as, facilitator, cooperative, change, message
):
    client = client_as(facilitator)
    draft = start(client, cooperative)
    rules = list(draft.rules.all())
    before = list(draft.rules.values())
    response = client.post(
        url("charter_draft", cooperative), formset_data(rules, changes={rules[0].pk: change})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(draft.rules.values()) == before


def test_a_draft_posted_with_a_rule_of_another_cooperative_changes_nothing_there(
    client_as, facilitator, cooperative, other_cooperative
):
    # A forged id in the formset: the queryset is the draft's rules, so the foreign row is never
    # one of the forms' instances; at most the posted text lands in this cooperative's own draft.
    other = services.start_draft(other_cooperative, None)
    foreign = other.rules.first()
    client = client_as(facilitator)
    draft = start(client, cooperative)
    rules = list(draft.rules.all())
    data = formset_data(rules)
    data["regles-0-id"] = foreign.pk
    data["regles-0-tool"] = "Détourné"
    client.post(url("charter_draft", cooperative), data)
    foreign.refresh_from_db()
    assert (foreign.tool, foreign.charter_id) == ("Téléphone", other.pk)
    assert list(other.rules.values_list("tool", flat=True)).count("Détourné") == 0


def test_adopting_dates_the_version_and_members_read_it_on_the_page_and_in_pdf(
    client_as, facilitator, member, cooperative
):
    client = client_as(facilitator)
    draft = start(client, cooperative)
    response = client.post(url("charter_adopt", cooperative), {"adopted_on": "2026-03-12"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.adopted_on == datetime.date(2026, 3, 12)
    page = client_as(member).get(url("charter", cooperative))
    text = page.content.decode()
    assert "Version 1, adoptée le 12 mars 2026." in text
    assert "Lettres électroniques" in text
    assert "Réviser la charte" not in text  # members read, the facilitator edits
    pdf = client_as(member).get(reverse("reports:charter_pdf", args=[cooperative.slug]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "charte-v1.pdf" in pdf["Content-Disposition"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "obligatoire"), ("12/13/2026", "date valide"), ("0202-03-01", "vérifiez l’année")],
)
def test_a_bad_adoption_date_is_refused_and_the_draft_stays_a_draft(
    client_as, facilitator, cooperative, value, message
):
    client = client_as(facilitator)
    draft = start(client, cooperative)
    response = client.post(url("charter_adopt", cooperative), {"adopted_on": value}, follow=True)
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.adopted_on is None


def test_adopting_without_a_draft_says_so(client_as, facilitator, cooperative):
    response = client_as(facilitator).post(
        url("charter_adopt", cooperative), {"adopted_on": "2026-03-12"}, follow=True
    )
    assert "pas de projet de charte" in response.content.decode()
    assert not Charter.objects.exists()


def test_a_revision_is_a_new_version_and_its_page_shows_what_changed(
    client_as, facilitator, member, cooperative
):
    client = client_as(facilitator)
    first = start(client, cooperative)
    client.post(url("charter_adopt", cooperative), {"adopted_on": "2026-03-12"})
    revision = start(client, cooperative)
    assert revision.version == 2 and revision.pk != first.pk
    rules = list(revision.rules.all())
    mail = next(r for r in rules if r.tool == "Messagerie")
    forum = next(r for r in rules if r.tool == "Forum")
    data = formset_data(
        rules,
        extra={"purpose": "travailler", "tool": "Tableau blanc"},
        changes={mail.pk: {"never_sent": "une mauvaise nouvelle"}, forum.pk: {"DELETE": "on"}},
    )
    assert client.post(url("charter_draft", cooperative), data).status_code == 302
    # An earlier date than the version in force is refused.
    client.post(url("charter_adopt", cooperative), {"adopted_on": "2026-01-01"})
    revision.refresh_from_db()
    assert revision.is_draft
    client.post(url("charter_adopt", cooperative), {"adopted_on": "2026-09-01"})
    first.refresh_from_db()
    assert first.rules.get(tool="Messagerie").never_sent == ""  # version 1 never changes
    page = client_as(member).get(url("charter_version", cooperative, 2))
    text = page.content.decode()
    assert "Ce qui a changé depuis la version 1" in text
    assert "Outil ajouté : <strong>Tableau blanc</strong>" in text
    assert "Outil retiré : <strong>Forum</strong>" in text
    assert "<ins>une mauvaise nouvelle</ins>" in text
    current = client_as(member).get(url("charter", cooperative)).content.decode()
    assert "Version 2, adoptée le 1 septembre 2026." in current
    assert url("charter_version", cooperative, 1) in current


def test_an_unadopted_draft_is_not_readable_as_a_version(
    client_as, facilitator, member, cooperative
):
    start(client_as(facilitator), cooperative)
    assert client_as(member).get(url("charter_version", cooperative, 1)).status_code == 404


def test_the_pdf_without_an_adopted_charter_leads_back_to_the_page(client_as, member, cooperative):
    response = client_as(member).get(reverse("reports:charter_pdf", args=[cooperative.slug]))
    assert response.status_code == 302
    assert response.url == url("charter", cooperative)


def test_the_charter_page_takes_a_constant_number_of_queries(
    client_as, facilitator, member, cooperative, django_assert_max_num_queries
):
    client = client_as(facilitator)
    for date in ("2026-01-10", "2026-02-10", "2026-03-10"):
        start(client, cooperative)
        client.post(url("charter_adopt", cooperative), {"adopted_on": date})
    member_client = client_as(member)
    with django_assert_max_num_queries(9):
        assert member_client.get(url("charter", cooperative)).status_code == 200
    with django_assert_max_num_queries(10):
        assert member_client.get(url("charter_version", cooperative, 3)).status_code == 200
