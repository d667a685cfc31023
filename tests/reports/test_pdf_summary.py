"""Page 1 of the PDF is the compte rendu: radar, the team's priorities, the actions with their
owners' names (never an email address) and due dates; the plan table's columns do not overlap."""

import io
import os
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from plans import priorities
from plans.models import Action
from tests.factories import MembershipFactory, UserFactory
from tests.reports.conftest import report_url

LEA = "lea@tisserands.coop"
NAMELESS = "sans-nom@tisserands.coop"
INVITED = "invitee@tisserands.coop"


def pages_text(content):
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def owners(cooperative):
    lea = MembershipFactory(
        cooperative=cooperative, user=UserFactory(email=LEA, first_name="Léa", last_name="Martin")
    )
    nameless = MembershipFactory(cooperative=cooperative, user=UserFactory(email=NAMELESS))
    # Invited, no account yet: only an email address is known.
    invited = MembershipFactory(cooperative=cooperative, user=None, email=INVITED)
    return lea, nameless, invited


@pytest.fixture
def planned(visible_session, themes, owners):
    lea, nameless, invited = owners
    due = timezone.localdate() + timedelta(days=90)
    rows = [
        (themes[4], "Former l’équipe aux outils partagés", {"owner_membership": lea}),
        (themes[3], "Cartographier les outils de chacun", {"owner_membership": nameless}),
        (themes[5], "Réunion mensuelle sur la charge", {"owner_membership": invited}),
        (themes[0], "Écrire la charte du droit à la déconnexion", {"owner_name": "Le CSE"}),
    ]
    for position, (theme, title, owner) in enumerate(rows):
        Action.objects.create(
            session=visible_session,
            theme=theme,
            title=title,
            due_date=due,
            position=position,
            status=Action.Status.DROPPED if position == 0 else Action.Status.TODO,
            indicator="Nombre de personnes formées",
            **owner,
        )
    return visible_session


def pdf_of(client_as, facilitator, session):
    response = client_as(facilitator).get(report_url("pdf", session))
    assert response.status_code == 200
    if os.environ.get("QVT_KEEP_PDF"):  # to look at it: pdftotext -layout, pdftoppm -png
        with open(os.environ["QVT_KEEP_PDF"], "wb") as out:
            out.write(response.content)
    return response.content


def test_page_one_holds_the_chosen_priorities_and_the_owners_names(
    client_as, facilitator, planned, themes
):
    priorities.choose(planned, [themes[1], themes[4]], "tick")
    first, *rest = pages_text(pdf_of(client_as, facilitator, planned))
    assert "Priorités retenues par l’équipe" in first
    assert first.index(themes[1].title) < first.index(themes[4].title)
    # Chosen: theme 2 and 5, not the proposed weakest ones (themes 6 and 5 rank first).
    assert (
        themes[5].title not in first.split("Priorités retenues par l’équipe")[1].split("Actions")[0]
    )
    assert "Léa Martin" in first and "(sans nom)" in first and "Le CSE" in first
    due = (timezone.localdate() + timedelta(days=90)).strftime("%d/%m/%Y")
    assert first.count(due) == 4
    assert "page 1 /" in first


def test_no_email_address_is_printed_where_a_name_is_known(client_as, facilitator, planned):
    text = " ".join(pages_text(pdf_of(client_as, facilitator, planned)))
    for address in (LEA, NAMELESS, INVITED, "tisserands.coop"):
        assert address not in text
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)


def test_without_a_choice_page_one_shows_the_proposed_priorities_and_says_so(
    client_as, facilitator, planned, themes
):
    first = pages_text(pdf_of(client_as, facilitator, planned))[0]
    assert "Priorités proposées" in first
    assert "L’équipe n’a pas encore retenu ses priorités" in first
    # The proposed ones: the three weakest themes of tests/plans/conftest.py (scores 0.0, 0.3, 1.3).
    proposed = first.split("Priorités proposées")[1].split("Actions")[0]
    assert all(themes[i].title in proposed for i in (5, 4, 3))


def test_the_meeting_date_is_on_page_one(client_as, facilitator, planned):
    planned.meeting_date = date(2027, 3, 15)
    planned.save(update_fields=["meeting_date"])
    first = pages_text(pdf_of(client_as, facilitator, planned))[0]
    assert "réunion d’équipe le 15 mars 2027" in first


def test_the_plan_tables_cells_no_longer_run_into_each_other(
    client_as, facilitator, planned, cooperative
):
    # A long name without a break opportunity: it printed « lea@tisserands15/03/2027À faire ».
    Action.objects.filter(owner_name="Le CSE").update(
        owner_name="Lacommissionsantéconditionsdetravail"
    )
    text = " ".join(pages_text(pdf_of(client_as, facilitator, planned)))
    due = (timezone.localdate() + timedelta(days=90)).strftime("%d/%m/%Y")
    assert not re.search(rf"\S{re.escape(due)}|{re.escape(due)}\S", text)
    assert "AbandonnéeNombre" not in text and "faireNombre" not in text
