"""Answering on a phone (issue 15, point 3): the slim header, « Je ne sais pas », and
« Passer ce thème ? » before a theme with blanks is left."""

from diagnostics.models import Respondent
from tests.diagnostics.test_answer_flow import answer_theme, start, statements_of_theme, url


def test_a_theme_left_with_blanks_asks_before_moving_on_and_keeps_what_was_answered(
    client, open_session
):
    respondent = start(client, open_session)
    response = answer_theme(client, open_session, 1, "YY---")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Passer ce thème\u00a0?" in html
    assert "3 affirmations de ce thème sont sans réponse" in html
    assert "Répondre maintenant" in html
    first_blank = statements_of_theme(open_session, 1)[2]
    assert f'href="#s_{first_blank.pk}"' in html
    assert respondent.answers.count() == 2
    respondent.refresh_from_db()
    assert respondent.current_theme == 1  # the sheet resumes here until the skip is confirmed


def test_an_empty_theme_asks_too(client, open_session):
    start(client, open_session)
    response = answer_theme(client, open_session, 2, "-----")
    assert response.status_code == 200
    assert "5 affirmations de ce thème sont sans réponse" in response.content.decode()


def test_passer_ce_theme_moves_on_and_the_review_lists_the_blanks(client, open_session):
    respondent = start(client, open_session)
    response = answer_theme(client, open_session, 1, "YY---", direction="skip")
    assert response.status_code == 302
    assert response["Location"] == url("theme", open_session, 2)
    respondent.refresh_from_db()
    assert respondent.current_theme == 2
    review = client.get(url("review", open_session)).content.decode()
    assert "2/5 — incomplet" in review


def test_skipping_the_last_theme_leads_to_the_review(client, open_session):
    start(client, open_session)
    response = answer_theme(client, open_session, 6, "-----", direction="skip")
    assert response["Location"] == url("review", open_session)


def test_a_complete_theme_and_going_back_never_ask(client, open_session):
    start(client, open_session)
    assert answer_theme(client, open_session, 1, "YNUYN").status_code == 302
    response = answer_theme(client, open_session, 2, "Y----", direction="previous")
    assert response.status_code == 302
    assert response["Location"] == url("theme", open_session, 1)


def test_the_unsure_choice_is_named_je_ne_sais_pas_and_shows_the_question_mark(
    client, open_session
):
    start(client, open_session)
    html = client.get(url("theme", open_session, 1)).content.decode()
    assert html.count('<span class="choice-mark" aria-hidden="true">?</span> Je ne sais pas') == 5
    assert html.count(">Oui</label>") == 5 and html.count(">Non</label>") == 5


def test_answer_pages_have_the_slim_header_without_account_links(client, open_session):
    start(client, open_session)
    for page in (url("theme", open_session, 1), url("review", open_session)):
        html = client.get(page).content.decode()
        assert 'class="answer-header' in html
        assert open_session.title in html
        assert "Créer un compte" not in html and "Se connecter" not in html
        assert 'id="language-select"' in html
    assert "Créer un compte" in client.get("/").content.decode()  # other pages keep theirs


def test_the_slim_header_carries_the_progress(client, open_session):
    start(client, open_session)
    answer_theme(client, open_session, 1, "YYYYY")
    html = client.get(url("theme", open_session, 2)).content.decode()
    assert 'id="progress"' in html and "thème 2/6 — 5/30 réponses" in html


def test_a_skip_posted_to_a_sent_sheet_changes_nothing(client, open_session):
    respondent = start(client, open_session)
    for n in range(1, 7):
        answer_theme(client, open_session, n)
    client.post(url("review", open_session))
    assert Respondent.objects.get(pk=respondent.pk).is_submitted
    response = answer_theme(client, open_session, 1, "NN---", direction="skip")
    assert response.status_code == 409
    assert respondent.answers.filter(value="no").count() == 0


def test_the_guides_technical_words_are_explained_under_their_statement(client, open_session):
    start(client, open_session)
    html = client.get(url("theme", open_session, 2)).content.decode()
    veille = statements_of_theme(open_session, 2)[4]
    assert veille.code == "information.5"
    assert f'aria-describedby="s_{veille.pk}-words"' in html
    assert "<strong>Veille collective</strong> — S’organiser à plusieurs" in html
    other = statements_of_theme(open_session, 2)[0]
    assert f'aria-describedby="s_{other.pk}-words"' not in html


def test_the_explanations_are_in_english_on_the_english_page(client, open_session):
    start(client, open_session)
    client.cookies["django_language"] = "en"
    html = client.get(url("theme", open_session, 1)).content.decode()
    assert "<strong>Staff representative body</strong> — The employees’ elected" in html
