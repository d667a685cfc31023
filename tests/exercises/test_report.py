"""The exercises in printed documents: the compte rendu's chapter when something was filled (and
none otherwise), the charter's own PDF, user text escaped and no fetch beyond static files."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnostics import scoring
from exercises import services
from exercises.models import Arrangement, Charter, CharterRule, Discussion, TimeNote
from plans import services as plans
from reports import charter_pdf, pdf
from tests.exercises.test_time import visible_session
from tests.reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

ATTACK = '<img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/passwd">'


def report_html(session):
    submitted = scoring.participation(session).submitted
    return pdf.render_html(
        session, plans.analyse(session, scoring.compute_results(session, submitted))
    )


def adopted_charter(cooperative, **rule):
    charter = Charter.objects.create(
        cooperative=cooperative, version=1, adopted_on=datetime.date(2026, 3, 12)
    )
    CharterRule.objects.create(charter=charter, purpose="echanger", tool="Messagerie", **rule)
    return charter


def test_without_any_exercise_filled_the_compte_rendu_has_no_chapter(cooperative):
    session = visible_session(cooperative)
    assert 'id="exercices"' not in report_html(session)


def test_the_compte_rendu_carries_the_charter_the_time_board_and_the_discussions(cooperative):
    session = visible_session(cooperative)
    adopted_charter(cooperative, response_time="sous 48 heures", never_sent="une mauvaise nouvelle")
    TimeNote.objects.create(
        cooperative=cooperative, dimension="salaries", kind="leeway", text="Temps partiel choisi"
    )
    Arrangement.objects.create(cooperative=cooperative, text="Une journée sans téléphone")
    Discussion.objects.create(
        cooperative=cooperative,
        held_on=datetime.date(2026, 5, 4),
        theme="Charge",
        decisions="Pas de mail après 19 h",
    )
    text, _reader = pdf_text(pdf.render_pdf(report_html(session)))
    chapter = text[text.index("Les exercices du guide") :]
    for expected in (
        "version 1 adoptée le 12 mars 2026",
        "sous 48 heures",
        "une mauvaise nouvelle",
        "Temps partiel choisi",
        "Une journée sans téléphone",
        "Pas de mail après 19 h",
    ):
        assert expected in chapter


def test_the_charter_pdf_escapes_text_and_fetches_nothing_but_static_files(cooperative):
    charter = adopted_charter(cooperative, used_for=ATTACK, hours=ATTACK)
    fetcher = pdf.StaticOnlyURLFetcher()
    html = charter_pdf.render_to_string(
        "reports/pdf/charter.html",
        {
            "cooperative": cooperative,
            "generated_at": datetime.datetime(2026, 3, 12),
            **services_context(charter),
        },
    )
    assert "<img" not in html and "&lt;img" in html
    text, _reader = pdf_text(pdf.render_pdf(html, fetcher))
    assert "Charte des usages numériques" in text and "Messagerie" in text
    assert fetcher.refused == []
    assert all("/static/" in u or u.startswith("data:") for u in fetcher.requested)


def services_context(charter):
    from exercises.report import charter_context

    return charter_context(charter)


def test_a_draft_never_reaches_the_compte_rendu(cooperative):
    session = visible_session(cooperative)
    draft = services.start_draft(cooperative, None)
    draft.rules.update(never_sent="brouillon secret")
    assert "brouillon secret" not in report_html(session)


def test_the_cooperatives_data_export_holds_what_the_team_wrote(
    client_as, facilitator, cooperative
):
    adopted_charter(cooperative, hours="8 h – 19 h")
    Discussion.objects.create(
        cooperative=cooperative, held_on=datetime.date(2026, 5, 4), theme="Charge"
    )
    response = client_as(facilitator).get(f"/c/{cooperative.slug}/donnees/export/")
    exported = response.json()["exercises"]
    assert exported["charters"][0]["adopted_on"] == "2026-03-12"
    assert exported["charters"][0]["rules"][0]["hours"] == "8 h – 19 h"
    assert exported["discussions"][0]["theme"] == "Charge"


def summary_page(client, session):
    url = reverse("plans:summary", args=[session.cooperative.slug, session.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_compte_rendu_page_shows_the_exercises_the_team_filled(
    client_as, member, cooperative, other_cooperative
):
    session = visible_session(cooperative)
    client = client_as(member)
    assert 'id="exercices"' not in summary_page(client, session)  # nothing filled: no section
    adopted_charter(cooperative)
    cooperative.info_cards.create(
        label="Planning des interventions", channel="mail", place="op-impose", target="op-libre"
    )
    TimeNote.objects.create(
        cooperative=cooperative, dimension="marche", kind="constraint", text="<b>Clients</b>"
    )
    Arrangement.objects.create(
        cooperative=cooperative,
        text="Une journée sans téléphone",
        decided_on=datetime.date(2026, 4, 2),
    )
    Discussion.objects.create(
        cooperative=cooperative,
        held_on=datetime.date(2026, 5, 4),
        theme="Charge",
        decisions="Essai",
    )
    TimeNote.objects.create(  # another cooperative's board never reaches this page
        cooperative=other_cooperative, dimension="marche", kind="constraint", text="VOISINE"
    )
    html = summary_page(client, session)
    assert 'id="exercices"' in html
    assert "Charte des usages numériques, version 1 adoptée le 12 mars 2026" in html
    assert 'class="info-diagram"' in html and "Planning des interventions" in html
    assert "&lt;b&gt;Clients&lt;/b&gt;" in html and "<b>Clients</b>" not in html
    assert "Une journée sans téléphone — décidé le 2 avril 2026" in html
    assert "04/05/2026" in html  # the discussions' table: a numeric date
    assert "VOISINE" not in html


def test_the_join_links_results_carry_no_exercise_but_the_charters_link(cooperative):
    """The compte rendu's exercises are the cooperative's: the join link's results (anyone the
    link reached) show the decisions only, and offer the charter by its own page."""
    session = visible_session(cooperative)
    adopted_charter(cooperative)
    TimeNote.objects.create(
        cooperative=cooperative, dimension="marche", kind="constraint", text="NOTE-DU-TABLEAU"
    )
    html = Client().get(reverse("plans:team_results", args=[session.join_token])).content.decode()
    assert "NOTE-DU-TABLEAU" not in html and 'id="exercices"' not in html
    assert reverse("exercises:charter_by_link", args=[session.join_token]) in html


def test_the_compte_rendu_pages_exercises_take_a_constant_number_of_queries(
    client_as, member, cooperative
):
    session = visible_session(cooperative)
    client = client_as(member)
    adopted_charter(cooperative)

    def queries_with(n):
        for i in range(n):
            cooperative.info_cards.create(label=f"Info {i}", channel="mail", place="op-libre")
            TimeNote.objects.create(
                cooperative=cooperative, dimension="marche", kind="leeway", text=f"Marge {i}"
            )
            Discussion.objects.create(
                cooperative=cooperative, held_on=datetime.date(2026, 1, 1 + i), theme=f"T{i}"
            )
        with CaptureQueriesContext(connection) as captured:
            summary_page(client, session)
        return len(captured)

    assert queries_with(2) == queries_with(18)
