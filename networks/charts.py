"""The network's charts drawn on the server, as SVG: the no-JavaScript charts of the dashboard
and the charts of the network PDF. Pure functions of the figures.

The radar is diagnostics/radar.py's, with the median as its series and the interquartile band
under it; the box plot (one row per theme: whiskers from the minimum to the maximum, the box
from Q1 to Q3, a bar at the median) is drawn here, since no other page has one.
"""

import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from diagnostics.radar import Band, Series, radar_svg
from diagnostics.scoring import MAX_THEME_SCORE

# The network's own style (docs/vocabulary.md, « Graphiques »): teal, never one of a session's.
MEDIAN_STYLE = {"color": "#00707a", "dash": "6 3", "marker": "circle"}


def network_radar_svg(themes, *, title="", svg_id="network-radar"):
    """`themes`: [ThemeFigure] (networks.figures). The median of each theme and its band."""
    labels = [t.theme.localized_title for t in themes]
    dists = [t.distribution for t in themes]
    median = Series(
        _("Médiane"),
        tuple(d.median for d in dists),
        color=MEDIAN_STYLE["color"],
        dash=MEDIAN_STYLE["dash"],
        marker=MEDIAN_STYLE["marker"],
    )
    band = Band(
        _("De Q1 à Q3 (la moitié centrale des coopératives)"),
        low=tuple(d.q1 for d in dists),
        high=tuple(d.q3 for d in dists),
        color=MEDIAN_STYLE["color"],
    )
    svg = radar_svg(
        labels, [median], max_value=MAX_THEME_SCORE, title=title, svg_id=svg_id, band=band
    )
    return mark_safe(svg)  # noqa: S308 - every text inside was escaped by radar_svg


LABEL_WIDTH, PLOT_LEFT, PLOT_RIGHT, ROW, TOP = 230, 240, 540, 52, 16
WIDTH = 560


def _x(value, max_value):
    return round(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * float(value) / max_value, 2)


def boxplot_svg(themes, *, max_value=MAX_THEME_SCORE, title="", svg_id="network-boxplot"):
    """One horizontal box plot per theme, on a 0–max axis. `themes`: [ThemeFigure]."""
    color = MEDIAN_STYLE["color"]
    height = TOP + ROW * len(themes) + 34
    svg_id = escape(svg_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="{svg_id}-title" class="boxplot-svg" '
        f'font-family="DejaVu Sans, sans-serif">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
    ]
    bottom = TOP + ROW * len(themes)
    for level in range(max_value + 1):
        x = _x(level, max_value)
        parts.append(f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{bottom}" stroke="#d8d8d8"/>')
        parts.append(
            f'<text x="{x}" y="{bottom + 16}" font-size="11" text-anchor="middle" '
            f'fill="#444">{level}</text>'
        )
    for n, item in enumerate(themes):
        d = item.distribution
        middle = TOP + ROW * n + ROW / 2
        lines = textwrap.wrap(item.theme.localized_title, 30, break_long_words=False)[:2]
        first = middle - (len(lines) - 1) * 7 + 4
        spans = "".join(
            f'<tspan x="{LABEL_WIDTH}" y="{round(first + i * 14, 2)}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="end" font-size="12">{spans}</text>')
        low, high = _x(d.minimum, max_value), _x(d.maximum, max_value)
        q1, q3, med = (_x(v, max_value) for v in (d.q1, d.q3, d.median))
        parts.append(
            f'<g class="boxplot-row" data-theme="{escape(item.theme.code)}">'
            f'<line x1="{low}" y1="{middle}" x2="{high}" y2="{middle}" stroke="#333" '
            f'stroke-width="1.5"/>'
            f'<line x1="{low}" y1="{middle - 8}" x2="{low}" y2="{middle + 8}" stroke="#333"/>'
            f'<line x1="{high}" y1="{middle - 8}" x2="{high}" y2="{middle + 8}" stroke="#333"/>'
            f'<rect class="boxplot-box" x="{q1}" y="{middle - 13}" width="{round(q3 - q1, 2)}" '
            f'height="26" fill="{color}" fill-opacity="0.25" stroke="{color}" stroke-width="1.5"/>'
            f'<line class="boxplot-median" x1="{med}" y1="{middle - 15}" x2="{med}" '
            f'y2="{middle + 15}" stroke="{color}" stroke-width="4"/></g>'
        )
    parts.append(
        f'<text x="{(PLOT_LEFT + PLOT_RIGHT) / 2}" y="{height - 4}" font-size="11" '
        f'text-anchor="middle" fill="#444">{escape(_("Score sur 5"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text inside was escaped above
