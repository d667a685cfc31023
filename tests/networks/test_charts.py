"""The network's server charts (networks.charts, diagnostics.radar's Band): their shapes sit on
the figures they draw, and every text is escaped."""

import re

from diagnostics.radar import Band, radar_svg, vertex
from networks import charts
from networks import statistics as st
from networks.figures import ThemeFigure


class Theme:
    def __init__(self, code, title):
        self.code, self.title, self.localized_title = code, title, title


def figure(code, values, title=None):
    return ThemeFigure(Theme(code, title or f"Thème {code}"), st.distribution(values))


def test_the_band_is_a_ring_from_the_first_to_the_third_quartiles():
    svg = radar_svg(["a", "b", "c"], [], band=Band("Q1–Q3", low=(1, 2, 3), high=(2, 3, 4)))
    [path] = re.findall(r'class="radar-band"[^>]* d="([^"]+)"', svg)
    outer, inner = path.split(" Z ")
    expected_outer = "M" + " L".join(f"{x},{y}" for x, y in (vertex(i, 3, v, 5) for i, v in
                                                             enumerate((2, 3, 4))))  # fmt: skip
    expected_inner = "M" + " L".join(f"{x},{y}" for x, y in (vertex(i, 3, v, 5) for i, v in
                                                             enumerate((1, 2, 3))))  # fmt: skip
    assert outer == expected_outer and inner.rstrip(" Z") == expected_inner
    assert 'fill-rule="evenodd"' in svg and "Q1–Q3" in svg  # named in the legend


def test_the_network_radar_draws_the_median_over_the_band():
    themes = [
        figure("a", [1, 2, 3, 4, 5]),
        figure("b", [0, 1, 1, 2, 5]),
        figure("c", [2, 2, 3, 3, 4]),
    ]
    svg = charts.network_radar_svg(themes, title="Réseau")
    medians = re.findall(r'class="radar-series" data-series="Médiane" points="([^"]+)"', svg)
    assert medians == [" ".join(f"{x},{y}" for x, y in (vertex(i, 3, v, 5) for i, v in
                                                          enumerate((3, 1, 3))))]  # fmt: skip
    assert svg.index("radar-band") < svg.index("radar-series")


def test_the_box_plot_places_whiskers_box_and_median_on_the_scale():
    # 0 1 1 2 5: min 0, Q1 1, median 1, Q3 2, max 5 on an axis from x = 240 (0) to 540 (5).
    svg = charts.boxplot_svg([figure("b", [0, 1, 1, 2, 5])])
    box = re.search(r'class="boxplot-box" x="([\d.]+)"[^>]* width="([\d.]+)"', svg)
    assert (float(box[1]), float(box[2])) == (300.0, 60.0)  # 240 + 60 × 1, 60 × (2 − 1)
    median = re.search(r'class="boxplot-median" x1="([\d.]+)"', svg)
    assert float(median[1]) == 300.0
    row = re.search(r'data-theme="b"><line x1="([\d.]+)"[^>]* x2="([\d.]+)"', svg)
    assert (float(row[1]), float(row[2])) == (240.0, 540.0)


def test_a_theme_title_cannot_inject_markup_into_the_charts():
    hostile = figure("x", [1, 2, 3, 4, 5], title='<script>alert(1)</script>"&')
    for svg in (
        charts.boxplot_svg([hostile]),
        charts.network_radar_svg([hostile, hostile, hostile]),
    ):
        assert "<script>" not in svg and "&lt;script&gt;" in svg
