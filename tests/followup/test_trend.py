"""The trend over every comparable session: its numbers, its SVG, the dashboard's queries."""

import re
from decimal import Decimal

import pytest

from diagnostics import scoring
from diagnostics.radar import Series
from followup import services
from followup.charts import trend_point, trend_svg
from plans.models import Action
from tests.factories import SessionFactory, make_respondent
from tests.followup.conftest import AFTER_SCORES, BEFORE_SCORES, at, closed_with


def test_the_trend_has_every_comparable_session_oldest_first(cooperative, before, after):
    hidden = SessionFactory(cooperative=cooperative, status="closed", title="Trop peu")
    make_respondent(hidden, "Y" * 30)
    _sessions, comparable = services.comparable_of(cooperative)
    trend = services.trend(comparable)
    assert trend.sessions == [before, after]
    assert [[str(s) for s in t.scores] for t in trend.themes] == [
        list(pair) for pair in zip(BEFORE_SCORES, AFTER_SCORES, strict=True)
    ]
    assert [t.consolidated for t in trend.themes] == [
        [0, 5],
        [2, 2],
        [1, 3],
        [5, 3],
        [0, 0],
        [0, 0],
    ]


def test_trend_scores_are_the_results_pages_scores(cooperative):
    # Means that need rounding: 7 sheets with a varied number of Oui per theme.
    sheets = [
        "".join("Y" * ((n + t) % 6) + "N" * (5 - (n + t) % 6) for t in range(6)) for n in range(7)
    ]
    first = closed_with(cooperative, sheets, title="A", closed_at=at(2025, 3, 1))
    second = closed_with(cooperative, sheets[:4], title="B", closed_at=at(2025, 9, 1))
    trend = services.trend(services.comparable_of(cooperative)[1])
    for index, (session, count) in enumerate([(first, 7), (second, 4)]):
        results = scoring.compute_results(session, count)
        assert [t.scores[index] for t in trend.themes] == [t.score for t in results.themes]


def test_a_partly_consolidated_theme_has_no_consolidated_score(cooperative, before, after):
    # Forget one agreed answer of theme 1 in the later session: that theme is not consolidated.
    after.consolidated_answers.filter(statement__theme__order=1).first().delete()
    trend = services.trend(services.comparable_of(cooperative)[1])
    assert trend.themes[0].consolidated == [0, None]
    assert trend.themes[1].consolidated == [2, 2]


def test_trend_svg_points_sit_on_the_scores():
    values = (Decimal("0.0"), Decimal("5.0"), Decimal("2.5"))
    svg = trend_svg(["a", "b", "c"], [Series("Moyenne", values)], title="Titre & co")
    points = re.search(r'data-series="Moyenne" points="([^"]+)"', svg).group(1)
    assert points == " ".join("{},{}".format(*trend_point(i, 3, v)) for i, v in enumerate(values))
    # 0 at the bottom of the plot, 5 at its top, the first and last points at its edges.
    (x0, y0), (x1, y1), (x2, y2) = (trend_point(i, 3, v) for i, v in enumerate(values))
    assert y0 > y2 > y1 and x0 < x1 < x2
    assert y2 == pytest.approx((y0 + y1) / 2)
    assert '<title id="trend-title">Titre &amp; co</title>' in svg


def test_a_missing_value_breaks_the_line_and_the_legend_names_each_series():
    svg = trend_svg(
        ["a", "b", "c"],
        [
            Series("Moyenne", (1, 2, 3)),
            Series("Consolidé", (4, None, 5), color="#b35c00", dash="8 5", marker="square"),
        ],
    )
    assert len(re.findall(r'data-series="Consolidé" points="([^"]+)"', svg)) == 2
    assert svg.count('stroke-dasharray="8 5"') == 3  # two pieces of line and the legend
    assert ">Moyenne</text>" in svg and ">Consolidé</text>" in svg
    assert svg.count("<rect") == 3  # square markers (and the legend's): more than colour


def test_the_dashboard_shows_the_trend_with_its_numbers(
    client_as, member, cooperative, before, after
):
    response = client_as(member).get(cooperative.get_absolute_url())
    html = response.content.decode()
    table = html[html.index('id="trend-table"') :]
    row = table[table.index('data-theme="temps"') :].split("</tr>")[0]
    assert re.findall(r">(\d,\d)</td>", row) == ["1,3", "3,0"]
    assert 'class="trend-svg"' in html and 'data-trend="trend-data"' in html
    assert response.context["trend"].chart_data["themes"][0]["series"][0]["data"] == [0.0, 5.0]
    assert "js/trend.js" in html


def test_one_comparable_session_has_no_trend_yet(client_as, member, cooperative, before):
    response = client_as(member).get(cooperative.get_absolute_url())
    assert response.context["trend"] is None
    assert 'id="trend-later"' in response.content.decode()
    assert "js/trend.js" not in response.content.decode()


@pytest.fixture(params=[2, 8], ids=["2 sessions", "8 sessions"])
def history(request, cooperative, facilitator):
    sheets = ["YYNNU" * 6, "YYYNN" * 6, "NNNNU" * 6]
    sessions = []
    for n in range(request.param):
        session = closed_with(
            cooperative, sheets, title=f"Session {n}", closed_at=at(2020 + n, 1, 1),
            consolidate=True, previous=sessions[-1] if sessions else None,
        )  # fmt: skip
        theme = session.questionnaire.themes.first()
        Action.objects.create(session=session, theme=theme, title=f"Action {n}")
        sessions.append(session)
    return sessions


def test_the_dashboard_runs_the_same_number_of_queries_for_2_or_8_sessions(
    client_as, member, cooperative, history, django_assert_max_num_queries
):
    client = client_as(member)
    # 9, and 2 for the guide's exercises (issue 17: the charter in force, the latest discussions).
    with django_assert_max_num_queries(11):
        response = client.get(cooperative.get_absolute_url())
    assert len(response.context["trend"].sessions) == len(history)
    assert len(response.context["followup"].open_actions) == len(history)
