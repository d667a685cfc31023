"""The PDF report of a follow-up session: the comparison with the previous session, the trend
over a longer history, and the review of the previous plan."""

import re

from django.urls import reverse

from diagnostics import scoring
from followup.charts import trend_point
from plans import services
from plans.models import Action
from reports import pdf
from tests.factories import SessionFactory, make_respondent
from tests.followup import conftest as followup
from tests.followup.conftest import AFTER_SHEETS, at, closed_with
from tests.reports.test_pdf import pdf_text

# The follow-up tests' sessions (their `themes` are those of the first one, not the plans').
before, after, themes = followup.before, followup.after, followup.themes


def html_of(session, count=3):
    return pdf.render_html(
        session, services.analyse(session, scoring.compute_results(session, count))
    )


def test_the_report_of_a_follow_up_compares_it_with_the_previous_session(
    client_as, facilitator, before, after, themes
):
    Action.objects.create(session=before, theme=themes[0], title="Charte numérique", status="doing")
    Action.objects.create(session=before, theme=themes[1], title="Former l’équipe", status="done")
    response = client_as(facilitator).get(
        reverse("reports:pdf", args=[after.cooperative.slug, after.pk])
    )
    text, _reader = pdf_text(response.content)
    chapter = text[text.index("Suivi depuis le diagnostic précédent Cette session") :]
    # Theme by theme: before, after, change; then the consolidated scores the same way.
    assert "Conduite d’un projet de transformation 0,0 5,0 ▲ +5,0 0 5 ▲ +5" in chapter
    assert "Gestion de l’information à l’ère du numérique 2,0 2,0 = 2 2 =" in chapter
    assert "Organisation des espaces de travail 5,0 3,0 ▼ −2,0 5 3 ▼ −2" in chapter
    review = chapter[chapter.index("Revue du plan d’action de « Diagnostic 2025 »") :]
    assert "Charte numérique" in review and "En cours" in review
    assert "Former l’équipe" in review and "Fait" in review
    assert "1 action reste à faire ou en cours." in review


def test_the_report_of_a_first_session_has_no_follow_up_chapter(before):
    html = html_of(before)
    assert 'id="suivi"' not in html


def test_a_previous_session_with_hidden_results_is_not_compared(cooperative):
    hidden = SessionFactory(cooperative=cooperative, status="closed", title="Trop peu")
    make_respondent(hidden, "Y" * 30)
    later = closed_with(cooperative, AFTER_SHEETS, title="Suite", closed_at=at(2026, 5, 1),
                        previous=hidden)  # fmt: skip
    html = html_of(later)
    assert 'id="suivi"' in html and 'id="comparison"' not in html
    assert "ne peuvent pas être comparées" in html
    assert "comparison-radar" not in html


def test_a_longer_history_adds_the_trend_up_to_this_session(cooperative, before, after):
    latest = closed_with(cooperative, AFTER_SHEETS, title="2027", closed_at=at(2027, 1, 5),
                         previous=after)  # fmt: skip
    closed_with(cooperative, AFTER_SHEETS, title="Plus tard", closed_at=at(2028, 1, 5))
    assert 'class="trend-svg"' not in html_of(after)  # two sessions: the comparison says it all
    html = html_of(latest)
    assert html.count('class="trend-svg"') == 6
    trend = html[html.index('id="trend"') :]
    assert "Diagnostic 2025" in trend and "2027" in trend and "Plus tard" not in trend
    # Theme 1 went 0 → 5 → 5: its line's points sit on those scores.
    points = re.search(r'id="trend-projet-title".*?data-series="Moyenne des réponses" '
                       r'points="([^"]+)"', html).group(1)  # fmt: skip
    assert points == " ".join(
        "{},{}".format(*trend_point(i, 3, v)) for i, v in enumerate([0, 5, 5])
    )


def test_the_follow_up_report_runs_a_bounded_number_of_queries(
    client_as, facilitator, before, after, django_assert_max_num_queries
):
    client = client_as(facilitator)
    # The first session's report (9, tests/plans/test_queries.py) + the previous session, its
    # plan, its results and agreed answers (5) + the cooperative's sessions and their counts (2).
    with django_assert_max_num_queries(17):
        response = client.get(reverse("reports:pdf", args=[after.cooperative.slug, after.pk]))
    assert response.status_code == 200
