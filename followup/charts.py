"""Server-side charts of the follow-up: the two-session radar and a small line chart per theme.

`trend_svg` is a pure function of its inputs (like diagnostics.radar.radar_svg), so tests can
check that its points sit on the scores. It is the chart without JavaScript and the PDF's chart;
static/js/trend.js draws the same numbers with Chart.js over it. This module imports nothing of
followup: what it draws comes in as arguments (a `Comparison` gives its dates), and
followup.services calls it, never the other way round.
"""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from diagnostics.radar import (
    AFTER_STYLE,
    AGREED_STYLE,
    BEFORE_STYLE,
    MEAN_STYLE,
    Series,
    chart_style,
    marker_svg,
    radar_svg,
)
from diagnostics.scoring import MAX_THEME_SCORE

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP = 30, 30, 12
PLOT_BOTTOM = 150  # y of the value 0; below it the date labels, then the legend
LABEL_Y = PLOT_BOTTOM + 16
LEGEND_Y = HEIGHT - 10

# The styles of docs/vocabulary.md (diagnostics.radar): the trend's mean and team's answer look
# as on the results page; the comparison's « avant / après » look like neither.


def trend_point(index, count, value, max_value=MAX_THEME_SCORE):
    """(x, y) of the `index`-th of `count` values; one value alone sits in the middle."""
    width = WIDTH - LEFT - RIGHT
    x = LEFT + (width / 2 if count == 1 else width * index / (count - 1))
    y = PLOT_BOTTOM - (PLOT_BOTTOM - TOP) * float(value) / max_value
    return round(x, 2), round(y, 2)


def _runs(values):
    """Consecutive (index, value) runs without a gap: a missing value breaks the line."""
    run = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                yield run
            run = []
        else:
            run.append((index, value))
    if run:
        yield run


def _marker(series, x, y):
    return marker_svg(series.marker, series.color, x, y, size=3.5)


def trend_svg(labels, series, *, max_value=MAX_THEME_SCORE, title="", svg_id="trend"):
    """A small line chart: one x position per label, a line per series (None = no point)."""
    count = len(labels)
    svg_id = escape(svg_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{svg_id}-title" '
        f'class="trend-svg" font-family="DejaVu Sans, sans-serif">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
    ]
    for level in range(max_value + 1):
        _x, y = trend_point(0, 1, level, max_value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#d0d0d0" '
            f'stroke-width="1"/><text x="{LEFT - 6}" y="{y + 3.5}" font-size="10" fill="#555" '
            f'text-anchor="end">{level}</text>'
        )
    # Every label while they fit, else every other one (and always the last, the latest session).
    step = 1 if count <= 6 else 2
    for index, label in enumerate(labels):
        if index % step and index != count - 1:
            continue
        x, _y = trend_point(index, count, 0, max_value)
        parts.append(
            f'<text x="{x}" y="{LABEL_Y}" font-size="9" fill="#333" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for s in series:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        for run in _runs(s.values):
            points = " ".join("{},{}".format(*trend_point(i, count, v, max_value)) for i, v in run)
            parts.append(
                f'<polyline class="trend-series" data-series="{escape(s.name)}" '
                f'points="{points}" fill="none" stroke="{s.color}" stroke-width="2.5"{dash}/>'
            )
            parts.extend(_marker(s, *trend_point(i, count, v, max_value)) for i, v in run)
    if len(series) > 1:
        x = LEFT
        for s in series:
            dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
            parts.append(
                f'<line x1="{x}" y1="{LEGEND_Y - 4}" x2="{x + 26}" y2="{LEGEND_Y - 4}" '
                f'stroke="{s.color}" stroke-width="2.5"{dash}/>'
                f"{_marker(s, x + 13, LEGEND_Y - 4)}"
                f'<text x="{x + 31}" y="{LEGEND_Y}" font-size="10">{escape(s.name)}</text>'
            )
            x += 150
    parts.append("</svg>")
    return "".join(parts)


def theme_trend_svg(theme_trend, labels):
    series = [Series(_("Moyenne des réponses"), tuple(theme_trend.scores), **MEAN_STYLE)]
    if theme_trend.has_consolidated:
        series.append(
            Series(_("Réponse de l’équipe"), tuple(theme_trend.consolidated), **AGREED_STYLE)
        )
    title = _("Évolution du thème « %(theme)s », score de 0 à 5, session par session") % {
        "theme": theme_trend.theme.localized_title
    }
    svg = trend_svg(labels, series, title=title, svg_id=f"trend-{theme_trend.theme.code}")
    return mark_safe(svg)  # noqa: S308 - every text inside was escaped by trend_svg


def comparison_series(comparison):
    """The later session first (« après »: dash-dot, diamonds), the earlier one (« avant »: long
    dashes, crosses): never the styles of the mean and the team's answer."""

    def short(day):
        # Short names: the legend sits under the radar, beside its bottom axis label.
        return date_format(day, "SHORT_DATE_FORMAT")

    return [
        Series(
            _("Après (%(date)s)") % {"date": short(comparison.after_date)},
            tuple(t.score.after for t in comparison.themes),
            **AFTER_STYLE,
        ),
        Series(
            _("Avant (%(date)s)") % {"date": short(comparison.before_date)},
            tuple(t.score.before for t in comparison.themes),
            **BEFORE_STYLE,
        ),
    ]


def comparison_radar(comparison):
    svg = radar_svg(
        [t.theme.localized_title for t in comparison.themes],
        comparison_series(comparison),
        max_value=MAX_THEME_SCORE,
        title=_("Cartographie des deux sessions : moyenne des réponses par thème, de 0 à 5"),
        svg_id="comparison-radar",
    )
    return mark_safe(svg)  # noqa: S308 - every text inside was escaped by radar_svg


def comparison_chart_data(comparison):
    """For static/js/radar.js, each dataset with its style (the same as the SVG's)."""
    return {
        "labels": [t.theme.localized_title for t in comparison.themes],
        "datasets": [
            {"label": s.name, "data": [float(v) for v in s.values], "style": chart_style(s.style)}
            for s in comparison_series(comparison)
        ],
        "max": MAX_THEME_SCORE,
    }
