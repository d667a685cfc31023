"""The results page's layout in a real Chromium (issue 15, point 8): counts such as « 6 (86 %) »
never break, the per-statement tables become stacked cards on a 390 px phone, the radar's points
never hide its scale's numbers, and a « ? » never starts a line (no-break space before it)."""

import pytest
from django.urls import reverse

from plans import services
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_accessibility import log_in
from tests.factories import SessionFactory, make_respondent

pytestmark = pytest.mark.browser

# Seven sheets: « 6 (86 %) » and « 1 (14 %) » counts. Theme 1 is « YYYNN » on every sheet, so
# its mean and the team's answer are both exactly 3: both points sit on the ring labelled « 3 ».
SHEETS = ["YYYNN " + rest for rest in (
    "YYYYN YYYYN YYNNU YYYNN NYYYY", "YYYYN YYYYN YYNNU YYYNN NYYYY",
    "YYYYN YYYYN YYNNU YYYNN NYYYY", "YYYYN YYYYN YYNNU YYYNN NYYYY",
    "YYYYN YYYYN YYNNU YYYNN NYYYY", "YYYYN YYYYN YNNNN YNNNN YNNNN",
    "NNNNY NNNNY NUUUU NNNYY YUUUU",
)]  # fmt: skip


@pytest.fixture
def seven_sheets(cooperative, facilitator):
    session = SessionFactory(cooperative=cooperative, title="Diagnostic d’hiver", status="closed")
    for letters in SHEETS:
        make_respondent(session, letters)
    from diagnostics import scoring

    analysis = services.analyse(session, scoring.compute_results(session, len(SHEETS)))
    services.save_consolidation(session, services.consolidation_initial(analysis), facilitator)
    return session


def open_results(open_context, live_server, facilitator, session, viewport):
    context = open_context(viewport=viewport)
    log_in(context, live_server, facilitator)
    page = context.new_page()
    args = [session.cooperative.slug, session.pk]
    page.goto(f"{live_server.url}{reverse('plans:results', args=args)}")
    page.wait_for_function("document.querySelector('[data-radar]').radarChart !== undefined")
    return page


# Each count cell's text as the lines it is laid out on (distinct tops of its text's boxes).
COUNT_LINES = """() => Array.from(document.querySelectorAll(
    ".statement-table td.count, .statement-table .split-people")).map((cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
  return {text: cell.textContent.trim(), lines: tops.size,
          nowrap: getComputedStyle(cell).whiteSpace};
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_count_breaks_inside_at_1280_and_390_px(
    open_context, live_server, facilitator, seven_sheets, viewport, artifacts
):
    page = open_results(open_context, live_server, facilitator, seven_sheets, viewport)
    cells = page.evaluate(COUNT_LINES)
    assert len(cells) == 30 * 4, len(cells)
    assert "6\u00a0(86\u00a0%)" in [cell["text"] for cell in cells]
    assert all(cell["lines"] == 1 and cell["nowrap"] == "nowrap" for cell in cells), [
        cell for cell in cells if cell["lines"] != 1 or cell["nowrap"] != "nowrap"
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(artifacts / f"results-{viewport['width']}.png"), full_page=True)


STACKED = """() => Array.from(document.querySelectorAll(".stack-on-phone tbody tr")).map((row) => {
  const frame = row.getBoundingClientRect();
  const statement = row.querySelector("th").getBoundingClientRect();
  const counts = Array.from(row.querySelectorAll("td.count"));
  return {
    display: getComputedStyle(row).display,
    statementShare: statement.width / frame.width,
    // Oui, ?, Non side by side on one line under the statement, each labelled.
    countsOnOneRow: new Set(counts.map((c) => Math.round(c.getBoundingClientRect().top))).size,
    belowStatement: counts.every((c) => c.getBoundingClientRect().top >= statement.bottom - 1),
    labels: counts.map((c) => getComputedStyle(c, "::before").content),
    headerHeight: row.closest("table").querySelector("thead").getBoundingClientRect().height,
  };
})"""


# Tables that scroll inside their own box (.table-responsive): their content is wider than it.
SIDEWAYS = """() => Array.from(document.querySelectorAll(".table-responsive"))
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => box.getAttribute("aria-labelledby"))"""


def test_on_a_phone_each_statement_is_a_card_with_its_counts_under_it(
    open_context, live_server, facilitator, seven_sheets, artifacts, a11y
):
    page = open_results(open_context, live_server, facilitator, seven_sheets, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Nor does any table scroll sideways inside its box: the scores and every theme's table.
    assert page.evaluate(SIDEWAYS) == []
    rows = page.evaluate(STACKED)
    assert len(rows) == 30
    for row in rows:
        assert row["display"] == "grid", row
        assert row["statementShare"] > 0.9, row
        assert row["countsOnOneRow"] == 1 and row["belowStatement"], row
        assert row["headerHeight"] <= 1, row  # kept for screen readers only
        assert [label.split("/")[0].strip() for label in row["labels"]] == ['"Oui"', '"?"', '"Non"']
    page.locator(".stack-on-phone").first.screenshot(path=str(artifacts / "results-390-card.png"))
    a11y.check(page)
    a11y.assert_clean()


def test_on_a_wide_screen_the_statements_stay_a_table(
    open_context, live_server, facilitator, seven_sheets
):
    page = open_results(open_context, live_server, facilitator, seven_sheets, DESKTOP)
    rows = page.evaluate(STACKED)
    assert {row["display"] for row in rows} == {"table-row"}


# The canvas pixels around the ring label « 3 » on the first axis, where both points of theme 1
# are drawn: how many are the colour of a dataset's point.
TICK_PIXELS = """(value) => {
  const chart = document.querySelector("[data-radar]").radarChart, scale = chart.scales.r;
  const ratio = chart.currentDevicePixelRatio, half = 3;
  const x = scale.xCenter, y = scale.yCenter - scale.getDistanceFromCenterForValue(value);
  const side = Math.round(2 * half * ratio);
  const data = chart.ctx.getImageData(Math.round((x - half) * ratio),
                                      Math.round((y - half) * ratio), side, side).data;
  const colours = [[0x1f, 0x5f, 0x8b], [0xb3, 0x5c, 0x00]];
  let point = 0, total = 0;
  for (let i = 0; i < data.length; i += 4) {
    total += 1;
    if (colours.some((c) => Math.abs(c[0] - data[i]) + Math.abs(c[1] - data[i + 1])
                            + Math.abs(c[2] - data[i + 2]) < 60)) { point += 1; }
  }
  return {point: point, total: total,
          backdrop: scale.options.ticks.showLabelBackdrop,
          onTop: chart.config.plugins.some((p) => p.id === "ticksOnTop"),
          themeOne: chart.data.datasets.map((set) => set.data[0])};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_radar_points_never_hide_the_scale_numbers(
    open_context, live_server, facilitator, seven_sheets, viewport, artifacts
):
    page = open_results(open_context, live_server, facilitator, seven_sheets, viewport)
    pixels = page.evaluate(TICK_PIXELS, 3)
    assert pixels["themeOne"] == [3, 3]  # both points are on the label « 3 »
    assert pixels["backdrop"] and pixels["onTop"], pixels
    # Without the numbers drawn over the points, the circle filled this box (point == total).
    assert pixels["point"] <= pixels["total"] * 0.05, pixels
    page.locator("[data-radar]").screenshot(
        path=str(artifacts / f"results-radar-{viewport['width']}.png")
    )


# The visible text of the page's main part: a space before « ? : ; ! », after « or before the
# answer « ? » would let a line start with the mark.
BREAKABLE = r"""() => {
  const text = document.querySelector("main").innerText;
  return (text.match(/.{0,30}(?: [?:;!»]|« | «\u00a0?\?).{0,10}/g) || []);
}"""


def test_no_question_mark_can_start_a_line_on_the_results_pages(
    open_context, live_server, facilitator, seven_sheets
):
    page = open_results(open_context, live_server, facilitator, seven_sheets, DESKTOP)
    assert "Comment lire la colonne «\u00a0Désaccord\u00a0»\u00a0?" in page.inner_text("main")
    assert page.evaluate(BREAKABLE) == []
    page.goto(f"{live_server.url}{reverse('plans:team_results', args=[seven_sheets.join_token])}")
    assert page.evaluate(BREAKABLE) == []
