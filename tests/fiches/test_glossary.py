"""The quiz's explained words (fiches/content/glossary.toml): valid, faithful to the guide, and
each under a statement that really uses it."""

import shutil

import pytest

from fiches.content_loader import (
    CONTENT_DIR,
    ContentError,
    Glossary,
    explained_terms,
    load_fiches,
    load_file,
    load_glossary,
)
from tests.fiches.test_content import guide_text, normalise  # noqa: F401 - a fixture

JARGON = {  # the examples and the others found in the 30 statements
    "institution représentative du personnel": "projet.1",
    "veille collective": "information.5",
    "outils collaboratifs": "information.3",
    "déconnexion": "temps.2",
    "travail nomade": "temps.4",
    "raison d’être": "espaces.1",
    "tutorat": "competences.5",
    "indicateurs de suivi de l’activité": "management.3",
}


def test_the_glossary_loads_and_explains_the_guides_technical_words():
    glossary = load_glossary()
    assert isinstance(glossary, Glossary)
    assert {t.term: t.statements for t in glossary.terms} == {
        term: (code,) for term, code in JARGON.items()
    }
    for term in glossary.terms:
        assert 60 <= len(term.explanation) <= 320, term.term  # short, but says something
        assert term.term_en and term.explanation_en


def test_each_term_is_in_the_words_of_its_statements():
    words = {q.statement: q.statement_text for f in load_fiches() for q in f.questions}
    for term in load_glossary().terms:
        for code in term.statements:
            assert term.term.casefold() in words[code].casefold()


def test_the_words_each_explanation_is_written_from_are_verbatim_from_the_guide(guide_text):  # noqa: F811
    for term in load_glossary().terms:
        assert normalise(term.guide) in guide_text, term.term


def test_explained_terms_finds_a_statements_terms_and_none_elsewhere():
    assert [t.term for t in explained_terms("information.5")] == ["veille collective"]
    assert explained_terms("information.1") == ()


def copy_with(tmp_path, old, new):
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    path = directory / "glossary.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('term = "veille collective"', 'term = "veille stratégique"', "is not in statement"),
        ('statements = ["temps.2"]', 'statements = ["temps.9"]', "not a statement code"),
        ('statements = ["temps.2"]', 'statements = ["temps.4"]', "is not in statement"),
        ('term_en = "mentoring"\n', "", "both term_en and explanation_en"),
        ('term = "tutorat"', 'term = "tutorat"\nterme = "x"', "is not a known field"),
        ('guide = "Il est désormais', 'guidee = "Il est désormais', "is not a known field"),
        ('term = "déconnexion"', 'term = "Veille collective"', "repeats"),
        ('term = "travail nomade"', 'term = " "', "is missing or empty"),
    ],
)
def test_a_broken_glossary_is_refused_naming_the_file_and_field(tmp_path, old, new, message):
    path = copy_with(tmp_path, old, new)
    with pytest.raises(ContentError, match=message) as error:
        load_file(path)
    assert "glossary.toml" in str(error.value)
