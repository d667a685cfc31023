"""The printable paper quiz (issue 15): the guide's 30 statements verbatim on A4, three boxes
each, the session's title and short code, and nothing that could tell one sheet from another."""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

from cooperatives.qr import short_code
from diagnostics.models import Statement
from reports import paper_quiz, pdf
from tests.cooperatives.test_qr_codes import decode, needs_poppler, pdf_pages
from tests.diagnostics.test_questionnaire import GUIDE, normalise
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def quiz_url(session):
    return reverse("reports:paper_quiz", args=[session.cooperative.slug, session.pk])


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    # pypdf may cut lines anywhere: compare on text with its whitespace collapsed.
    return normalise(" ".join(page.extract_text() for page in reader.pages)), reader


@pytest.fixture
def session(cooperative):
    return SessionFactory(cooperative=cooperative, title="Diagnostic d’automne", status="open")


@pytest.fixture(scope="module")
def guide_text():
    if not GUIDE.exists():
        pytest.skip(f"guide file not found at {GUIDE}")
    return normalise(GUIDE.read_text(encoding="utf-8"))


def test_the_paper_quiz_has_the_guides_30_statements_verbatim_on_a4(
    client_as, facilitator, session, guide_text
):
    response = client_as(facilitator).get(quiz_url(session))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    text, reader = pdf_text(response.content)
    assert 1 <= len(reader.pages) <= 2  # one sheet, printed on both sides
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    statements = Statement.objects.filter(theme__questionnaire=session.questionnaire)
    assert statements.count() == 30
    for statement in statements:
        assert normalise(statement.text) in guide_text, statement.code  # the guide's words
        assert normalise(statement.text) in text, statement.code  # printed as they are
    for theme in session.questionnaire.themes.all():
        assert theme.title in text
    # In the quiz's order, as in the guide.
    positions = [
        text.index(normalise(s.text)) for s in statements.order_by("theme__order", "order")
    ]
    assert positions == sorted(positions)


def test_the_paper_quiz_carries_the_session_its_code_and_how_to_hand_it_in(
    client_as, facilitator, session
):
    text, reader = pdf_text(client_as(facilitator).get(quiz_url(session)).content)
    code = short_code(session.join_key)
    assert "Diagnostic d’automne" in text and "Scop des Oliviers" in text
    assert code in text
    assert f"Code de la session {code} · page 1 / {len(reader.pages)}" in text
    assert "« ? » veut dire « Je ne sais pas »" in text
    assert "N’écrivez pas votre nom." in text and "Pliez la feuille en deux" in text
    assert "http://testserver/repondre/code/" in text
    # The full join link too (it may wrap anywhere: compared without spaces).
    assert f"http://testserver{session.get_join_url()}" in text.replace(" ", "")
    # Oui / ? / Non once per theme's table head.
    assert len(re.findall(r"Oui \? Non", text)) == 6


def test_the_qr_code_on_the_paper_quiz_is_the_join_link(facilitator, session):
    subject = paper_quiz.PaperQuiz(session, "http://testserver" + session.get_join_url(), "x")
    context = paper_quiz.paper_context(subject)
    assert "<svg" in context["qr"] and "viewBox" in context["qr"]


def test_a_draft_session_can_be_printed_ahead(client_as, facilitator, cooperative):
    draft = SessionFactory(cooperative=cooperative, status="draft")
    assert client_as(facilitator).get(quiz_url(draft)).status_code == 200


@pytest.mark.parametrize(
    ("settings_", "message"),
    [({"status": "closed"}, "clôturée"), ({"status": "open", "members_only": True}, "réservée")],
    ids=["closed", "members only"],
)
def test_no_paper_quiz_where_no_paper_sheet_can_be_entered(
    client_as, facilitator, cooperative, settings_, message
):
    session = SessionFactory(cooperative=cooperative, **settings_)
    response = client_as(facilitator).get(quiz_url(session))
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert message in str(list(get_messages(response.wsgi_request))[0])


@pytest.mark.parametrize(
    ("persona", "status"), [("outsider", 404), ("other_facilitator", 404), ("member", 403)]
)
def test_only_the_cooperatives_facilitators_get_the_paper_quiz(
    client_as, request, session, persona, status
):
    response = client_as(request.getfixturevalue(persona)).get(quiz_url(session))
    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_the_login_page(client, session):
    response = client.get(quiz_url(session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_fetcher_serves_only_static_files_even_for_a_hostile_title(cooperative):
    session = SessionFactory(
        cooperative=cooperative,
        status="open",
        title='<img src="file:///etc/passwd"><link rel="attachment" href="http://127.0.0.1:9/">',
    )
    fetcher = pdf.StaticOnlyURLFetcher()
    subject = paper_quiz.PaperQuiz(session, "http://testserver/repondre/x/", "http://t/c/")
    content = paper_quiz.paper_quiz_pdf(subject, fetcher)
    assert fetcher.refused == []
    assert all(url.startswith((pdf.PDF_BASE_URL, "data:")) for url in fetcher.requested)
    text, _reader = pdf_text(content)
    assert '<img src="file:///etc/passwd">' in text  # printed as text, never fetched


@needs_poppler
def test_the_printed_qr_code_scans_to_the_join_link(client_as, facilitator, session):
    """Printed at 150 dpi, as an ordinary printer does, and read by zxing-cpp."""
    response = client_as(facilitator).get(quiz_url(session))
    first_page = pdf_pages(response.content)[0]
    assert decode(first_page) == [f"http://testserver{session.get_join_url()}"]


@needs_poppler
def test_the_qr_code_of_a_long_address_still_scans_when_printed(session):
    join_url = f"https://diagnostic-qvt.union-regionale-scop-occitanie.coop{session.get_join_url()}"
    subject = paper_quiz.PaperQuiz(session, join_url, "https://x.coop/repondre/code/")
    first_page = pdf_pages(paper_quiz.paper_quiz_pdf(subject))[0]
    assert decode(first_page) == [join_url]
