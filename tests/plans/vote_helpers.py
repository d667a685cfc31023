"""Phones and a closed session for the meeting-vote tests."""

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from diagnostics import services
from diagnostics.answer_views import set_voter_pass, voter_pass_cookie_name
from tests.diagnostics.test_answer_flow import answer_theme, start, url
from tests.factories import SessionFactory, make_respondent


def phone_that_answered(session, letters="YYYYY"):
    """A phone that answers the whole questionnaire through the join link and sends it."""
    phone = Client()
    start(phone, session)
    for number in range(1, 7):
        assert answer_theme(phone, session, number, letters).status_code == 302
    assert phone.post(url("review", session)).status_code == 302
    return phone


def phone_with_pass(session, respondent):
    """A phone holding the pass its submit would have given (faster than answering 30 times)."""
    response = HttpResponse()
    set_voter_pass(response, session, respondent.raw_token)
    phone = Client()
    name = voter_pass_cookie_name(session)
    phone.cookies[name] = response.cookies[name].value
    return phone


def meeting_with_phones(cooperative, count=4, k=3):
    """An open session answered from `count` phones, then closed: (session, phones)."""
    session = SessionFactory(
        cooperative=cooperative, status="draft", anonymity_threshold=k, team_size=max(count, k)
    )
    session = services.open_session(session)
    phones = [phone_that_answered(session) for _ in range(count)]
    return services.close_session(session), phones


def closed_with_sheets(cooperative, count, k=3):
    """A closed session with `count` sent sheets and a pass-holding phone for each."""
    session = SessionFactory(
        cooperative=cooperative, status="open", anonymity_threshold=k, team_size=count
    )
    sheets = [make_respondent(session, "Y" * 30) for _ in range(count)]
    phones = [phone_with_pass(session, sheet) for sheet in sheets]
    return services.close_session(session), phones


def pad_url(session):
    return reverse("plans:vote_pad", args=[session.join_token])


def pad_status_url(session):
    return reverse("plans:vote_pad_status", args=[session.join_token])


def coop_url(name, session, *args):
    return reverse(name, args=[session.cooperative.slug, session.pk, *args])


def pass_of(phone, session):
    """The pass a phone's signed cookie holds (what the pad reads from it)."""
    from django.test import RequestFactory

    from diagnostics.answer_views import voter_pass

    name = voter_pass_cookie_name(session)
    request = RequestFactory().get("/")
    request.COOKIES[name] = phone.cookies[name].value
    return voter_pass(request, session)
