"""The PDF report: its content, and a URL fetcher that cannot be turned against the server."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from diagnostics import scoring
from diagnostics.radar import vertex
from plans import services
from plans.models import Action
from reports import pdf
from tests.plans.conftest import MEAN_SCORES, PREFILLED_SCORES
from tests.reports.conftest import report_url

ATTACK = {
    "title": '<img src="file:///etc/passwd"> Charte <link rel="attachment" href="file:///etc/passwd">',
    "description": "<style>@import url(http://127.0.0.1:9/);</style> @import url(http://127.0.0.1:9/);",
    "indicator": '<img src="http://127.0.0.1:9/pixel.png">',
}


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    # pypdf may cut lines anywhere: compare on text with its whitespace collapsed.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), reader


def analysis_of(session):
    return services.analyse(session, scoring.compute_results(session, 3))


@pytest.fixture
def consolidated(visible_session, facilitator):
    analysis = analysis_of(visible_session)
    services.save_consolidation(
        visible_session, services.consolidation_initial(analysis), facilitator
    )
    return visible_session


def test_the_facilitator_downloads_an_a4_pdf_with_the_cooperative_scores_and_actions(
    client_as, facilitator, consolidated, action
):
    response = client_as(facilitator).get(report_url("pdf", consolidated))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    text, reader = pdf_text(response.content)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert "Scop des Oliviers" in text and "Diagnostic clos" in text
    assert "3 personnes ont répondu" in text and "3 réponses au moins" in text
    for theme, mean, agreed in zip(
        analysis_of(consolidated).themes, MEAN_SCORES, PREFILLED_SCORES, strict=True
    ):
        score = f"{mean:.1f}".replace(".", ",")
        assert re.search(rf"{re.escape(theme.theme.title)} {score} {agreed} ", text), (
            theme.theme.title
        )
    assert "Former l’équipe aux outils partagés" in text and "Le CSE" in text
    assert "Nombre de personnes formées" in text
    assert f"page 1 / {len(reader.pages)}" in text
    assert "Union régionale des Scop Occitanie – Pôle Méditerranée" in text
    assert "Aract Occitanie" in text


def test_the_pdf_lists_the_weakest_themes_with_their_fiche(facilitator, visible_session):
    text, _reader = pdf_text(pdf.report_pdf(visible_session, analysis_of(visible_session)))
    priorities = text[text.index("Pour chaque priorité, les affirmations") :]
    # Ranked by score: management (0,0), compétences (0,3), espaces (1,3).
    assert priorities.index("Fiche 6") < priorities.index("Fiche 5") < priorities.index("Fiche 4")
    assert "Cinq questions à se poser" in priorities


def test_the_pdf_radar_is_the_server_side_svg_with_vertices_on_the_scores(consolidated):
    html = pdf.render_html(consolidated, analysis_of(consolidated))
    for name, scores in (
        ("Moyenne des réponses", MEAN_SCORES),
        ("Réponse de l’équipe", PREFILLED_SCORES),
    ):
        points = re.search(rf'data-series="{name}" points="([^"]+)"', html).group(1)
        expected = " ".join(
            f"{x},{y}" for x, y in (vertex(i, 6, s, 5) for i, s in enumerate(scores))
        )
        assert points == expected


def test_hostile_action_text_is_printed_literally_and_fetches_nothing(
    facilitator, visible_session, themes
):
    Action.objects.create(
        session=visible_session,
        theme=themes[0],
        owner_name='=HYPERLINK("http://x")',
        due_date=timezone.localdate() + timedelta(days=9),
        **ATTACK,
    )
    fetcher = pdf.StaticOnlyURLFetcher()
    content = pdf.report_pdf(visible_session, analysis_of(visible_session), fetcher)
    text, reader = pdf_text(content)
    squashed = "".join(text.split())  # lines may break after a "/" inside the URLs

    def printed(needle):
        return "".join(needle.split()) in squashed

    assert printed('<img src="file:///etc/passwd"> Charte')
    assert printed('<link rel="attachment" href="file:///etc/passwd">')
    assert printed(
        "<style>@import url(http://127.0.0.1:9/);</style> @import url(http://127.0.0.1:9/);"
    )
    assert printed('<img src="http://127.0.0.1:9/pixel.png">')
    assert "root:x:0:0" not in text
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert fetcher.refused == []
    assert fetcher.requested and all(
        url.startswith("https://qvt-pdf.invalid/static/") for url in fetcher.requested
    )
    assert any(url.endswith("/fonts/dejavu/DejaVuSans.ttf") for url in fetcher.served)


def test_the_pdf_embeds_only_the_shipped_dejavu_fonts(visible_session):
    _text, reader = pdf_text(pdf.report_pdf(visible_session, analysis_of(visible_session)))
    fonts = {
        font["/BaseFont"].split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold"}


def test_the_pdf_is_tagged_for_screen_readers_in_french(visible_session):
    _text, reader = pdf_text(pdf.report_pdf(visible_session, analysis_of(visible_session)))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"


# --- The URL fetcher on its own --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/static/css/pdf.css",
        "https://qvt-pdf.invalid/etc/passwd",
        "https://qvt-pdf.invalid/static/../../../etc/passwd",
        "https://qvt-pdf.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://qvt-pdf.invalid/static/css/..%2f..%2f..%2fqvt%2fsettings.py",
        "https://qvt-pdf.invalid/static//etc/passwd",
        "https://qvt-pdf.invalid/static/css/nexiste-pas.css",
        "https://qvt-pdf.invalid/static/css/pdf.css?x=1",
        "http://qvt-pdf.invalid/static/css/pdf.css",
        "ftp://qvt-pdf.invalid/static/css/pdf.css",
        "https://user@qvt-pdf.invalid/static/css/pdf.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files_and_data(url):
    fetcher = pdf.StaticOnlyURLFetcher()
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert fetcher.requested == [url] and fetcher.refused == [url] and fetcher.served == []


def test_the_fetcher_serves_the_apps_static_files_and_data_uris():
    fetcher = pdf.StaticOnlyURLFetcher()
    css = fetcher.fetch("https://qvt-pdf.invalid/static/css/pdf.css")
    assert b"@font-face" in css.read() and css.content_type == "text/css"
    font = fetcher.fetch("https://qvt-pdf.invalid/static/fonts/dejavu/DejaVuSans.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    data = fetcher.fetch("data:text/plain;base64,Qm9uam91cg==")
    assert data.read() == b"Bonjour"
    assert len(fetcher.served) == 3 and fetcher.refused == []


def test_the_fetcher_serves_collected_files_from_static_root_only(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "collected"
    (tmp_path / "collected" / "css").mkdir(parents=True)
    (tmp_path / "collected" / "css" / "pdf.0123abcd.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = pdf.StaticOnlyURLFetcher()
    assert fetcher.fetch("https://qvt-pdf.invalid/static/css/pdf.0123abcd.css").read() == (
        b"p { color: red }"
    )
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch("https://qvt-pdf.invalid/static/css/../../secret.txt")
