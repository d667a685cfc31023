"""The report's page layout (issue 15, point 8), on a session of 200 answer sheets: each theme's
heading is on the page where its table starts, no page but the last is mostly blank, and a « ? »
never starts a line (a no-break space before it, in the HTML and in the PDF's text)."""

import io
import random
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from cooperatives.models import Membership
from diagnostics import scoring
from diagnostics.models import DiagnosticSession
from plans import services
from plans.models import Action
from reports import pdf
from tests.factories import CooperativeFactory, MembershipFactory, SessionFactory, make_respondent

RESPONDENTS = 200
NBSP = "\u00a0"
# A4 and the report's page margins (static/css/pdf.css): 20 mm at the top, 18 mm at the bottom.
PAGE_MM, TOP_MM, BOTTOM_MM = 297, 20, 18


def build_session():
    """The persona cooperative's closed session with 200 sheets (« Oui » twice as likely as « ? »
    or « Non »), the team's answer recorded, and eight actions over three themes."""
    cooperative = CooperativeFactory(name="Scop des Oliviers", slug="scop-des-oliviers")
    facilitator = MembershipFactory(cooperative=cooperative, role=Membership.Role.FACILITATOR).user
    session = SessionFactory(
        cooperative=cooperative, title="Diagnostic clos", status=DiagnosticSession.Status.CLOSED
    )
    rng = random.Random(15)
    for _ in range(RESPONDENTS):
        make_respondent(session, "".join(rng.choice("YYUN") for _ in range(30)))
    analysis = analysis_of(session)
    services.save_consolidation(session, services.consolidation_initial(analysis), facilitator)
    themes = list(session.questionnaire.themes.order_by("order"))
    for n in range(8):
        Action.objects.create(
            session=session,
            theme=themes[n % 3],
            step=Action.Step.AVANT_PROJET,
            title=f"Action {n} : que faire ensuite ?",
            owner_name="Le CSE",
            indicator="Nombre de personnes formées",
        )
    return session


def analysis_of(session):
    return services.analyse(session, scoring.compute_results(session, RESPONDENTS))


@pytest.fixture
def report_html(db):
    """(themes, html) of the report: each theme's code, title and first statement."""
    session = build_session()
    themes = [
        (t.code, t.title, t.statements.order_by("order").first().text)
        for t in session.questionnaire.themes.order_by("order")
    ]
    return themes, pdf.render_html(session, analysis_of(session))


def render(html):
    """The WeasyPrint document (its pages' anchors: the ids that start on each) and the PDF."""
    document = HTML(
        string=html, base_url=pdf.PDF_BASE_URL, url_fetcher=pdf.StaticOnlyURLFetcher()
    ).render()
    content = document.write_pdf()
    # To look at it: pdftoppm -png test-artifacts/report-200.pdf page
    artifacts = Path(settings.BASE_DIR) / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "report-200.pdf").write_bytes(content)
    return document, content


def pages_filled(content, folder):
    """How far down each page's body the ink goes (poppler's pdftoppm rasterises the PDF)."""
    source = folder / "report.pdf"
    source.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-png", str(source), str(folder / "page")],
        check=True,
        timeout=60,
    )
    return [round(lowest_ink(page), 2) for page in sorted(folder.glob("page-*.png"))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm missing (poppler-utils)")
def test_each_theme_heading_stays_with_its_table_and_no_page_but_the_last_is_mostly_blank(
    report_html, tmp_path
):
    themes, html = report_html
    document, content = render(html)
    page_of = {name: n for n, page in enumerate(document.pages) for name in page.anchors}
    reader = PdfReader(io.BytesIO(content))
    texts = [page.extract_text() for page in reader.pages]
    assert len(themes) == 6
    for code, title, first in themes:
        heading, start = page_of[f"statements-{code}"], page_of[f"statements-{code}-start"]
        assert heading == start, (code, heading, start)
        # The same, read in the PDF's text: the title and the first statement on that page.
        page_text = " ".join(texts[heading].split())
        assert title in page_text and " ".join(first.split()[:6]) in page_text, code
    filled = pages_filled(content, tmp_path)
    assert len(filled) == len(reader.pages) > 5
    # Before: a theme's table, a priority or a chapter sent to the next page left pages 1/3 full.
    assert all(share >= 0.5 for share in filled[:-1]), filled
    # The no-break spaces reach the PDF's text: the facilitator's action titles and the fiches'
    # questions (the guide's text, stored with ordinary spaces) end with « \u00a0? ».
    pdf_text = "".join(texts)
    assert pdf_text.count("ensuite" + NBSP + "?") >= 8
    assert re.search(r"\w" + NBSP + r"\?", pdf_text.replace("ensuite" + NBSP + "?", ""))


def lowest_ink(png):
    """The lowest row with ink in the page's body (between its top and bottom margins), as a share
    of the body's height: 1.0 when the body is full to its foot."""
    image = Image.open(png).convert("L")
    width, height = image.size
    top, bottom = round(height * TOP_MM / PAGE_MM), round(height * (1 - BOTTOM_MM / PAGE_MM))
    body = image.crop((0, top, width, bottom))
    pixels = body.load()
    for row in range(body.height - 1, -1, -1):
        if any(pixels[x, row] < 200 for x in range(body.width)):
            return (row + 1) / body.height
    return 0.0


class BodyText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip, self._in_body = [], 0, False

    def handle_starttag(self, tag, attrs):
        self._in_body |= tag == "body"
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        # One text node at a time: the spaces between two tags are no line inside a text.
        if self._in_body and not self._skip:
            self.parts.append(data)


# A space that a line may break at, before « ? ! ; : », after «, or before the answer « ? ».
BREAKABLE = re.compile(
    r".{0,30}(?:\s(?<!\u00a0)[?!;:»]|«\s(?<!\u00a0)|\s(?<!\u00a0)«\u00a0?\?).{0,10}"
)


def test_a_question_mark_never_starts_a_line_of_the_report(report_html):
    _themes, html = report_html
    parser = BodyText()
    parser.feed(html)
    assert any("que faire ensuite" + NBSP + "?" in part for part in parser.parts)  # users' too
    assert [found for part in parser.parts for found in BREAKABLE.findall(part)] == []
