"""A team member answers through the join link, with no password (Django test client)."""

import pytest
from django.urls import reverse

from diagnostics import quiz, services
from diagnostics.models import Answer, Respondent
from tests.factories import SessionFactory


def statements_of_theme(session, number):
    return [s for s in quiz.statements_of(session.questionnaire_id) if s.theme.order == number]


def theme_post(session, number, values):
    """Form data for a theme: values is a string of Y/U/N, one per statement."""
    mapping = {"Y": "yes", "U": "unsure", "N": "no"}
    return {
        f"s_{s.pk}": mapping[c]
        for s, c in zip(statements_of_theme(session, number), values, strict=False)
        if c != "-"
    }


def url(name, session, *args):
    return reverse(f"answers:{name}", args=[session.join_token, *args])


def start(client, session):
    response = client.post(url("start", session))
    assert response.status_code == 302
    return Respondent.objects.filter(session=session).order_by("-pk").first()


def answer_theme(client, session, number, values="YYYYY", direction="next"):
    return client.post(
        url("theme", session, number),
        {**theme_post(session, number, values), "direction": direction},
    )


def test_opening_the_link_shows_an_introduction_and_creates_nothing(client, open_session):
    response = client.get(url("start", open_session))
    assert response.status_code == 200
    assert "30 affirmations" in response.content.decode()
    assert not Respondent.objects.exists()


def test_starting_creates_one_respondent_with_a_hashed_token_in_a_cookie(client, open_session):
    respondent = start(client, open_session)
    token = client.cookies[f"qvt_r{open_session.pk}"].value
    assert len(token) >= 32
    assert respondent.token_hash != token
    assert respondent.token_hash == services.hash_token(token)
    assert client.cookies[f"qvt_r{open_session.pk}"]["httponly"]


def test_each_theme_step_saves_and_moves_on_with_progress(client, open_session):
    respondent = start(client, open_session)
    response = answer_theme(client, open_session, 1, "YYNNU")
    assert response.status_code == 302
    assert response["Location"] == url("theme", open_session, 2)
    assert respondent.answers.count() == 5
    response = client.get(url("theme", open_session, 2))
    assert "thème 2/6 — 5/30 réponses" in response.content.decode()
    answer_theme(client, open_session, 2, "YYYY-")
    response = client.get(url("theme", open_session, 3))
    assert "thème 3/6 — 9/30 réponses" in response.content.decode()


def test_each_statement_is_a_fieldset_with_oui_unsure_non(client, open_session):
    start(client, open_session)
    html = client.get(url("theme", open_session, 1)).content.decode()
    assert html.count("<fieldset") == 5
    assert html.count("<legend>") == 5
    assert "Nous avons réalisé une analyse préalable des besoins" in html
    for value in ('value="yes"', 'value="unsure"', 'value="no"'):
        assert html.count(value) == 5


def test_coming_back_with_the_same_browser_resumes_without_a_second_respondent(
    client, open_session
):
    start(client, open_session)
    answer_theme(client, open_session, 1)
    answer_theme(client, open_session, 2)
    page = client.get(url("start", open_session)).content.decode()
    assert "Reprendre mes réponses" in page
    response = client.post(url("start", open_session))
    assert response["Location"] == url("theme", open_session, 3)
    assert Respondent.objects.filter(session=open_session).count() == 1


def test_changing_an_answer_updates_it_in_place(client, open_session):
    respondent = start(client, open_session)
    answer_theme(client, open_session, 1, "YYYYY")
    answer_theme(client, open_session, 1, "NNNNN")
    assert list(respondent.answers.values_list("value", flat=True).distinct()) == ["no"]
    assert respondent.answers.count() == 5


def test_going_back_saves_the_page_and_keeps_the_resume_point(client, open_session):
    respondent = start(client, open_session)
    for n in (1, 2, 3):
        answer_theme(client, open_session, n)
    response = answer_theme(client, open_session, 3, "NNNNN", direction="previous")
    assert response["Location"] == url("theme", open_session, 2)
    respondent.refresh_from_db()
    assert respondent.current_theme == 4
    assert respondent.answers.filter(value="no").count() == 5


def test_submitting_requires_all_thirty_answers(client, open_session):
    respondent = start(client, open_session)
    for n in range(1, 6):
        answer_theme(client, open_session, n)
    response = client.post(url("review", open_session))
    assert response.status_code == 400
    assert "Il manque des réponses" in response.content.decode()
    respondent.refresh_from_db()
    assert not respondent.is_submitted
    answer_theme(client, open_session, 6)
    response = client.post(url("review", open_session))
    assert response["Location"] == url("thanks", open_session)
    respondent.refresh_from_db()
    assert respondent.is_submitted
    assert respondent.answers.count() == 30


def test_answers_are_frozen_once_submitted(client, open_session):
    respondent = start(client, open_session)
    for n in range(1, 7):
        answer_theme(client, open_session, n, "YYYYY")
    client.post(url("review", open_session))
    assert answer_theme(client, open_session, 4, "NNNNN").status_code == 409
    assert not respondent.answers.filter(value="no").exists()
    assert client.get(url("theme", open_session, 4))["Location"] == url("mine", open_session)


def test_after_close_answers_are_refused_with_a_clear_message_and_nothing_written(
    client, open_session
):
    respondent = start(client, open_session)
    answer_theme(client, open_session, 1, "YYYYY")
    services.close_session(open_session)
    response = answer_theme(client, open_session, 2, "NNNNN")
    assert response.status_code == 409
    assert "Cette session est clôturée" in response.content.decode()
    assert "pas été comptées" in response.content.decode()
    # The unsent sheet was deleted at close, with its answers.
    assert not Respondent.objects.filter(pk=respondent.pk).exists()
    assert not Answer.objects.exists()
    assert client.post(url("review", open_session)).status_code == 409
    assert client.post(url("start", open_session)).status_code == 409
    assert Respondent.objects.count() == 0


def test_a_draft_session_cannot_be_answered_yet(client, draft_session):
    response = client.post(url("start", draft_session))
    assert response.status_code == 409
    assert "pas encore ouverte" in response.content.decode()
    assert not Respondent.objects.exists()


def test_a_forged_choice_is_refused_and_nothing_is_written(client, open_session):
    respondent = start(client, open_session)
    data = theme_post(open_session, 1, "YYYYY")
    first = next(iter(data))
    data[first] = "maybe"
    response = client.post(url("theme", open_session, 1), data)
    assert response.status_code == 400
    assert "Choisissez Oui, Je ne sais pas ou Non" in response.content.decode()
    assert respondent.answers.count() == 0


def test_a_statement_of_another_theme_is_refused_and_nothing_is_written(client, open_session):
    respondent = start(client, open_session)
    data = {**theme_post(open_session, 1, "YYYYY"), **theme_post(open_session, 2, "Y")}
    response = client.post(url("theme", open_session, 1), data)
    assert response.status_code == 400
    assert respondent.answers.count() == 0
    response = client.post(url("theme", open_session, 1), {"s_999999": "yes"})
    assert response.status_code == 400
    assert Answer.objects.count() == 0


@pytest.mark.parametrize("number", [0, 7, 99])
def test_a_theme_number_out_of_range_is_not_found(client, open_session, number):
    start(client, open_session)
    assert client.get(url("theme", open_session, number)).status_code == 404


def test_a_tampered_or_unknown_token_is_not_found(client, open_session):
    key, signature = open_session.join_token.split(".")
    for token in (
        f"{key}.{signature[:-1]}x",
        f"{key}x.{signature}",
        key,
        "nimportequoi",
        "a" * 300,
    ):
        assert client.get(reverse("answers:start", args=[token])).status_code == 404
        assert client.post(reverse("answers:start", args=[token])).status_code == 404
    assert not Respondent.objects.exists()


def test_pages_without_a_respondent_send_back_to_the_start(client, open_session):
    assert client.get(url("theme", open_session, 1))["Location"] == url("start", open_session)
    assert client.get(url("review", open_session))["Location"] == url("start", open_session)
    assert client.get(url("thanks", open_session))["Location"] == url("start", open_session)


def test_a_cookie_of_one_session_gives_nothing_in_another(client, open_session, other_cooperative):
    start(client, open_session)
    other = SessionFactory(cooperative=other_cooperative, status="open")
    assert client.get(url("theme", other, 1))["Location"] == url("start", other)


def test_a_logged_in_member_on_another_device_is_told_and_may_restart_there(
    client, open_session, member
):
    from django.test import Client

    client.force_login(member)
    respondent = start(client, open_session)
    answer_theme(client, open_session, 1)
    phone = Client()
    phone.force_login(member)
    response = phone.post(url("start", open_session))
    assert response.status_code == 409
    assert "Recommencer sur cet appareil" in response.content.decode()
    assert Respondent.objects.get(session=open_session).pk == respondent.pk
    assert phone.post(url("start", open_session), {"restart": "1"}).status_code == 302
    assert Respondent.objects.get(session=open_session).pk != respondent.pk


def test_a_double_click_on_start_makes_one_sheet(client, open_session, member):
    client.force_login(member)
    form_token = client.get(url("start", open_session)).context["form_token"]
    first = client.post(url("start", open_session), {"sheet": form_token})
    client.cookies.pop(f"qvt_r{open_session.pk}")  # the browser dropped the first answer
    second = client.post(url("start", open_session), {"sheet": form_token})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == url("theme", open_session, 1)
    assert Respondent.objects.filter(session=open_session).count() == 1
    assert client.get(url("theme", open_session, 1)).status_code == 200


def test_an_old_start_form_never_reopens_a_sheet_with_answers(client, open_session):
    form_token = client.get(url("start", open_session)).context["form_token"]
    client.post(url("start", open_session), {"sheet": form_token})
    answer_theme(client, open_session, 1, "YYYYY")
    other = type(client)()
    other.post(url("start", open_session), {"sheet": form_token})
    assert Respondent.objects.filter(session=open_session).count() == 2
    assert " checked" not in other.get(url("theme", open_session, 1)).content.decode()


@pytest.mark.parametrize("value", ["", "x", "a" * 300, "../../etc", "é" * 32])
def test_a_malformed_start_form_token_still_starts_one_sheet(client, open_session, value):
    assert client.post(url("start", open_session), {"sheet": value}).status_code == 302
    assert Respondent.objects.filter(session=open_session).count() == 1


def test_opening_the_start_page_of_a_full_session_says_so_when_starting(client, cooperative):
    session = SessionFactory(cooperative=cooperative, status="open", team_size=1)
    type(client)().post(url("start", session))
    response = client.post(url("start", session))
    assert response.status_code == 409
    assert "1 personne" in response.content.decode()
