"""French typography on the member's own pages (issue 15, point 8): on a 390 px phone a « ? »,
« : » or « » » must never start a line, so every page of the answering journey (start, the six
themes and their words, « Passer ce thème ? », the summary, thanks, my answers) puts a no-break
space before them, as the results pages and the PDF already do (fiches' french_spaces)."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from tests.diagnostics.test_answer_flow import answer_theme, start, url

pytestmark = pytest.mark.django_db

# An ordinary space or line break before « ? : ; ! » or « » », or after « «: a line may break.
BREAKABLE = re.compile(r".{0,30}(?:[ \t\r\n][?:;!»]|«[ \t\r\n]).{0,10}")
MAIN = re.compile(r"<main\b.*?</main>", re.S)
CHOICE_MARK = '<span class="choice-mark" aria-hidden="true">?</span>'
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.S)


def breakable_places(response):
    assert response.status_code == 200
    (main,) = MAIN.findall(response.content.decode())
    # The « ? » drawn at the start of the « Je ne sais pas » button is the button's first word.
    main = main.replace(CHOICE_MARK, "")
    text = re.sub(r"[ \t\r\n]+", " ", html.unescape(TAG.sub("", main)))
    return BREAKABLE.findall(text)


def test_no_mark_can_start_a_line_on_any_page_of_the_members_journey(client, open_session):
    open_session.meeting_date = datetime.date(2026, 12, 8)  # « … le 8 décembre 2026 : vous … »
    open_session.save(update_fields=["meeting_date"])
    pages = {"start": client.get(url("start", open_session))}
    start(client, open_session)
    for number in range(1, 7):
        pages[f"theme {number}"] = client.get(url("theme", open_session, number))
        if number == 2:  # one statement left blank: « Passer ce thème ? »
            pages["skip"] = answer_theme(client, open_session, number, "YYYY-")
        answer_theme(client, open_session, number)
    pages["review"] = client.get(url("review", open_session))
    assert client.post(url("review", open_session)).status_code == 302
    pages["thanks"] = client.get(url("thanks", open_session))
    pages["mine"] = client.get(url("mine", open_session))
    assert "Passer ce thème" in pages["skip"].content.decode()
    assert "Réunion d’équipe prévue le 8 décembre 2026" in pages["thanks"].content.decode()
    found = {name: breakable_places(page) for name, page in pages.items()}
    assert found == {name: [] for name in pages}


def test_my_answers_names_the_unsure_answer_in_words_beside_the_guides_mark(client, open_session):
    start(client, open_session)
    for number in range(1, 7):
        answer_theme(client, open_session, number, "UYNYN")
    page = client.get(url("mine", open_session)).content.decode()
    unsure = '<span aria-hidden="true">?</span><span class="visually-hidden">Je ne sais pas</span>'
    assert page.count(unsure) == 6  # one « ? » a theme, read out as « Je ne sais pas »


def test_no_mark_can_start_a_line_on_the_personal_link_pages(client, cooperative, facilitator):
    """The invitation's pages come first in a member's journey: the link, the link already
    used (« Mot de passe oublié ? »), the unknown link, and asking for a new one."""
    from cooperatives import invitations
    from cooperatives.models import Membership

    pending = Membership.objects.create(cooperative=cooperative, email="nouveau@exemple.coop")
    _invitation, token = invitations.issue(pending, created_by=facilitator)
    link = reverse("invitation", args=[token])
    pages = {"invitation": client.get(link)}
    assert client.post(link).status_code == 302
    client.logout()
    used = client.post(link)
    unknown = client.post(reverse("invitation", args=["x" * 32]))
    assert (used.status_code, unknown.status_code) == (410, 404)
    used.status_code = unknown.status_code = 200  # read like the others below
    pages |= {"used": used, "unknown": unknown, "ask": client.get(reverse("cooperatives:new_link"))}
    pages["asked"] = client.post(reverse("cooperatives:new_link"), {"email": "x@exemple.org"})
    assert "Mot de passe oublié" in used.content.decode()
    found = {name: breakable_places(page) for name, page in pages.items()}
    assert found == {name: [] for name in pages}


def test_no_mark_can_start_a_line_on_the_code_and_meeting_pages(
    client, client_as, facilitator, open_session
):
    """Typing the short code (a member without a camera) and the meeting screen's QR page
    (« Code de la session, à lire à voix haute : », « Sans appareil photo : … »)."""
    typed = client.post(reverse("answers:by_code"), {"code": "AB-12"})
    assert typed.status_code == 400
    typed.status_code = 200  # a form error, read like the others
    meeting = client_as(facilitator).get(
        reverse("diagnostics:session_qr", args=[open_session.cooperative.slug, open_session.pk])
    )
    pages = {"by code": client.get(reverse("answers:by_code")), "typed": typed, "qr": meeting}
    found = {name: breakable_places(page) for name, page in pages.items()}
    assert found == {name: [] for name in pages}
