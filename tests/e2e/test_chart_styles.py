"""The charts keep one look per meaning (docs/vocabulary.md, « Graphiques »): Chart.js draws each
dataset with the style the server gives it, so the comparison's « avant / après » never look
like the results page's « moyenne des réponses / réponse de l’équipe »."""

import pytest
from django.conf import settings
from django.test import Client

from diagnostics import scoring
from diagnostics.radar import AFTER_STYLE, AGREED_STYLE, BEFORE_STYLE, MEAN_STYLE, chart_style
from plans import services as plans
from tests.factories import SessionFactory, make_respondent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHEETS = ("NNNNN YYNNU YYYNN YYYYY UUUUU NNNNN", "YNNNN YYNNU YNNNN YYYNN UUUNN NNNNY",
          "NNNNN YYYYU NNNNN YYYYY UUUUU NYNNN")  # fmt: skip
DRAWN = """() => document.querySelector('[data-radar]').radarChart.data.datasets.map(
  (d) => ({label: d.label, color: d.borderColor, dash: d.borderDash, point: d.pointStyle}))"""


def drawn(style):
    style = chart_style(style)
    return {"color": style["color"], "dash": style["dash"], "point": style["point"]}


def log_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_before_and_after_never_wear_the_styles_of_the_mean_and_the_team_answer(
    context, page, live_server, facilitator, cooperative
):
    before = SessionFactory(cooperative=cooperative, status="closed", title="Diagnostic 2025")
    after = SessionFactory(
        cooperative=cooperative, status="closed", title="Diagnostic 2026", previous=before
    )
    for session in (before, after):
        for letters in SHEETS:
            make_respondent(session, letters)
    results = scoring.compute_results(after, scoring.participation(after).submitted)
    analysis = plans.analyse(after, results)
    plans.save_consolidation(after, plans.consolidation_initial(analysis), facilitator)
    log_in(context, live_server, facilitator)

    page.goto(f"{live_server.url}/c/{cooperative.slug}/sessions/{after.pk}/resultats/")
    results = page.evaluate(DRAWN)
    assert [d.pop("label") for d in results] == ["Moyenne des réponses", "Réponse de l’équipe"]
    assert results == [drawn(MEAN_STYLE), drawn(AGREED_STYLE)]

    page.goto(f"{live_server.url}/c/{cooperative.slug}/suivi/comparer/")
    comparison = page.evaluate(DRAWN)
    assert [d.pop("label").split(" ")[0] for d in comparison] == ["Après", "Avant"]
    assert comparison == [drawn(AFTER_STYLE), drawn(BEFORE_STYLE)]
    assert not {str(d) for d in comparison} & {str(d) for d in results}
