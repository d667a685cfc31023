"""The quiz is the guide's, verbatim: checked against the guide's own text."""

import re
from pathlib import Path

import pytest

from diagnostics.models import Statement, Theme

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO.parent / "shared" / "guide" / "000_cf0ad57773539a0d.txt"


def normalise(text):
    return re.sub(r"\s+", " ", text).replace("… )", "…)").strip()


@pytest.fixture(scope="module")
def guide_text():
    if not GUIDE.exists():
        pytest.skip(f"guide file not found at {GUIDE}")
    return normalise(GUIDE.read_text(encoding="utf-8"))


def test_the_guide_questionnaire_has_six_themes_of_five_statements(db):
    themes = Theme.objects.filter(questionnaire__code="qvt-numerique-2018").order_by("order")
    assert [(t.order, t.code, t.fiche_number) for t in themes] == [
        (1, "projet", 1),
        (2, "information", 2),
        (3, "temps", 3),
        (4, "espaces", 4),
        (5, "competences", 5),
        (6, "management", 6),
    ]
    for theme in themes:
        assert [s.code for s in theme.statements.order_by("order")] == [
            f"{theme.code}.{n}" for n in range(1, 6)
        ]


def test_every_statement_is_verbatim_from_the_guide(db, guide_text):
    statements = Statement.objects.filter(theme__questionnaire__code="qvt-numerique-2018")
    assert statements.count() == 30
    for statement in statements:
        assert normalise(statement.text) in guide_text, statement.code


def test_statements_appear_in_the_guide_in_the_quiz_order(db, guide_text):
    quiz_start = guide_text.index("CONDUITE D’UN PROJET DE TRANSFORMATION Oui ? Non")
    positions = [
        guide_text.index(normalise(s.text), quiz_start)
        for s in Statement.objects.filter(theme__questionnaire__code="qvt-numerique-2018").order_by(
            "theme__order", "order"
        )
    ]
    assert positions == sorted(positions)


def test_every_statement_and_theme_has_an_english_text(db):
    statements = Statement.objects.filter(theme__questionnaire__code="qvt-numerique-2018")
    assert all(s.text_en and s.text_en != s.text for s in statements)
    assert all(t.title_en for t in Theme.objects.all())


def test_an_english_speaking_member_answers_in_english(client, open_session):
    from django.urls import reverse

    client.post(reverse("answers:start", args=[open_session.join_token]))
    url = reverse("answers:theme", args=[open_session.join_token, 1])
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nous avons réalisé une analyse préalable des besoins" in french
    assert "We have carried out a prior analysis of needs" in english
    assert "Running a transformation project" in english
