"""Server-side radar chart as SVG: the no-JavaScript chart of the web page and the PDF's chart.

A pure function of its inputs, so tests can check that its vertices match the scores.
"""

import math
import textwrap
from dataclasses import dataclass

from django.utils.html import escape

WIDTH, HEIGHT = 560, 440
CENTER_X, CENTER_Y, RADIUS = WIDTH / 2, HEIGHT / 2 + 5, 150


# One style per meaning, never reused for another (docs/vocabulary.md, « Graphiques »): each
# differs by line style and marker too, not by colour alone. Chart.js (static/js/radar.js,
# trend.js) gets the same style with each dataset (chart_style), so both charts always agree.
MEAN_STYLE = {"color": "#1f5f8b", "dash": "", "marker": "circle"}
AGREED_STYLE = {"color": "#b35c00", "dash": "8 5", "marker": "square"}
MINE_STYLE = {"color": "#3d7a3a", "dash": "2 3", "marker": "triangle"}
AFTER_STYLE = {"color": "#6a3d9a", "dash": "12 4 2 4", "marker": "diamond"}
BEFORE_STYLE = {"color": "#595959", "dash": "14 5", "marker": "cross"}
FIRST_STYLE, SECOND_STYLE = MEAN_STYLE, AGREED_STYLE  # the names older code imports
# Chart.js's names for the same markers.
CHARTJS_POINTS = {
    "circle": "circle", "square": "rect", "triangle": "triangle", "diamond": "rectRot",
    "cross": "crossRot",
}  # fmt: skip


def chart_style(style):
    """A style as static/js/radar.js and trend.js read it from a dataset."""
    return {
        "color": style["color"],
        "dash": [int(n) for n in style["dash"].split()],
        "point": CHARTJS_POINTS[style["marker"]],
    }


def marker_svg(marker, color, x, y, size=4):
    """A point of a series, in the series' own shape (`size`: half its width)."""
    if marker == "square":
        side = 2 * size
        return (
            f'<rect x="{x - size}" y="{y - size}" width="{side}" height="{side}" fill="{color}"/>'
        )
    if marker in ("triangle", "diamond"):
        if marker == "triangle":
            points = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
        else:
            points = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
        shape = " ".join(f"{round(px, 2)},{round(py, 2)}" for px, py in points)
        return f'<polygon points="{shape}" fill="{color}"/>'
    if marker == "cross":
        a, b = round(x - size, 2), round(x + size, 2)
        c, d = round(y - size, 2), round(y + size, 2)
        return (
            f'<path d="M{a} {c}L{b} {d}M{a} {d}L{b} {c}" stroke="{color}" stroke-width="2.5" '
            'fill="none"/>'
        )
    return f'<circle cx="{x}" cy="{y}" r="{size}" fill="{color}"/>'


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple
    color: str = FIRST_STYLE["color"]
    dash: str = FIRST_STYLE["dash"]  # SVG stroke-dasharray: a line style, not colour alone
    marker: str = FIRST_STYLE["marker"]

    @property
    def style(self):
        return {"color": self.color, "dash": self.dash, "marker": self.marker}


@dataclass(frozen=True)
class Band:
    """A filled ring between two series of values (the network's interquartile band: its lower
    edge the first quartiles, its upper edge the third), drawn under the series."""

    name: str
    low: tuple
    high: tuple
    color: str = "#00707a"


def vertex(index, count, value, max_value):
    """(x, y) of a value on axis `index` of `count`, axis 0 pointing up, clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * (float(value) / max_value)
    return round(CENTER_X + r * math.cos(angle), 2), round(CENTER_Y + r * math.sin(angle), 2)


def _points(values, max_value):
    return " ".join(
        f"{x},{y}" for x, y in (vertex(i, len(values), v, max_value) for i, v in enumerate(values))
    )


# Theme names wrap at this many characters: short lines keep the side labels narrow, so that the
# chart stays large on a 390 px phone.
LABEL_CHARS, LABEL_SIZE, LINE_HEIGHT = 13, 14, 16
# A generous estimate of a DejaVu Sans character's advance, in em: the viewBox grows by it.
CHAR_EM = 0.62


def _label_layout(index, count, text):
    x, y = vertex(index, count, 1.18, 1)
    anchor = "middle" if abs(x - CENTER_X) < 20 else ("start" if x > CENTER_X else "end")
    # Words stay whole (« transformation » is longer than a line): the viewBox makes room.
    lines = textwrap.wrap(text, LABEL_CHARS, break_long_words=False) or [""]
    width = max(len(line) for line in lines) * LABEL_SIZE * CHAR_EM
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    top = y - (len(lines) - 1) * LINE_HEIGHT / 2 + (4 if y > CENTER_Y else 0)
    return (
        x,
        anchor,
        lines,
        top,
        (left, left + width, top - LABEL_SIZE, top + len(lines) * LINE_HEIGHT),
    )


def _label(layout):
    x, anchor, lines, top, _box = layout
    spans = "".join(
        f'<tspan x="{x}" y="{round(top + n * LINE_HEIGHT, 2)}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<text class="radar-label" text-anchor="{anchor}" font-size="{LABEL_SIZE}">{spans}</text>'
    )


def _view_box(layouts):
    """The drawing plus every label, so that no theme name is ever cut at the edge."""
    boxes = [layout[-1] for layout in layouts]
    left = min([0, *(b[0] - 4 for b in boxes)])
    right = max([WIDTH, *(b[1] + 4 for b in boxes)])
    top = min([0, *(b[2] - 4 for b in boxes)])
    bottom = max([HEIGHT, *(b[3] + 4 for b in boxes)])
    return round(left), round(top), round(right - left), round(bottom - top)


def _marker(series, x, y):
    return marker_svg(series.marker, series.color, x, y)


def _scale_labels(count, max_value):
    """The rings' numbers, drawn after the series on a light backdrop, so that a point or a line
    at that score never hides them."""
    for level in range(1, max_value + 1):
        x, y = vertex(0, count, level, max_value)
        width = 6.5 * len(str(level)) + 3
        yield (
            f'<rect class="radar-tick-backdrop" x="{x + 2.5}" y="{y - 5}" width="{width}" '
            f'height="12" fill="#fff" fill-opacity="0.85"/>'
            f'<text class="radar-tick" x="{x + 4}" y="{y + 4}" font-size="10" '
            f'fill="#555">{level}</text>'
        )


def _band(band, max_value):
    def path(values):
        count = len(values)
        return "M" + " L".join(
            f"{x},{y}" for x, y in (vertex(i, count, v, max_value) for i, v in enumerate(values))
        )

    return (
        f'<path class="radar-band" data-series="{escape(band.name)}" fill-rule="evenodd" '
        f'd="{path(band.high)} Z {path(band.low)} Z" fill="{band.color}" fill-opacity="0.25" '
        f'stroke="{band.color}" stroke-width="1" stroke-dasharray="2 3"/>'
    )


def radar_svg(labels, series, *, max_value=5, title="", svg_id="radar", band=None):
    """`svg_id` names the title's id, unique when a page or PDF shows two radars. `band` (a Band)
    is drawn under the series and named in the legend."""
    count = len(labels)
    svg_id = escape(svg_id)
    layouts = [_label_layout(i, count, labels[i]) for i in range(count)]
    left, top, width, height = _view_box(layouts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{svg_id}-title" '
        f'class="radar-svg" font-family="DejaVu Sans, sans-serif">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
    ]
    for level in range(1, max_value + 1):
        ring = _points([level] * count, max_value)
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#c8c8c8" stroke-width="1"/>')
    for i in range(count):
        x, y = vertex(i, count, max_value, max_value)
        parts.append(f'<line x1="{CENTER_X}" y1="{CENTER_Y}" x2="{x}" y2="{y}" stroke="#c8c8c8"/>')
        parts.append(_label(layouts[i]))
    if band is not None:
        parts.append(_band(band, max_value))
    for s in series:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<polygon class="radar-series" data-series="{escape(s.name)}" '
            f'points="{_points(s.values, max_value)}" fill="{s.color}" fill-opacity="0.12" '
            f'stroke="{s.color}" stroke-width="2.5"{dash}/>'
        )
        for i, v in enumerate(s.values):
            parts.append(_marker(s, *vertex(i, count, v, max_value)))
    parts.extend(_scale_labels(count, max_value))
    if band is not None:
        y = HEIGHT - 12 - 18 * len(series)
        parts.append(
            f'<rect x="12" y="{y - 10}" width="32" height="10" fill="{band.color}" '
            f'fill-opacity="0.25" stroke="{band.color}"/>'
            f'<text x="50" y="{y}" font-size="12">{escape(band.name)}</text>'
        )
    if len(series) > 1 or band is not None:
        for n, s in enumerate(series):
            y = HEIGHT - 12 - 18 * (len(series) - 1 - n)
            dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
            parts.append(
                f'<line x1="12" y1="{y - 4}" x2="44" y2="{y - 4}" stroke="{s.color}" '
                f'stroke-width="2.5"{dash}/>'
                f"{_marker(s, 28, y - 4)}"
                f'<text x="50" y="{y}" font-size="12">{escape(s.name)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
