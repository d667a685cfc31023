"""The exercises in printed documents: the compte rendu's chapter when something was filled (and
none otherwise), the charter's own PDF, user text escaped and no fetch beyond static files."""

import datetime

import pytest

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
