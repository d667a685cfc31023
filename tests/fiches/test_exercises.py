"""The team exercises' content (fiches/content/exercises.toml): faithful to the guide and to the
fiches it prefills from, and refused when broken (no database)."""

import shutil

import pytest

from fiches.content_loader import CONTENT_DIR, ContentError, load_exercises, load_fiche, load_file
from tests.fiches.test_content import guide_text, normalise, walk  # noqa: F401 - a fixture

# Fields that are ours (stable codes the app stores), not the guide's words.
OURS = ("code", "questions")


def test_the_exercises_load_with_the_guides_three_purposes_and_four_times():
    exercises = load_exercises()
    assert [p.label for p in exercises.charter.purposes] == [
        "Pour échanger",
        "Pour travailler ensemble",
        "Pour s’informer",
    ]
    assert exercises.charter.purposes[0].tools == ("Téléphone", "Messagerie", "Forum")
    assert [d.label for d in exercises.time.dimensions] == [
        "Le temps du marché",
        "Le temps de l’entreprise",
        "Les réalités du territoire",
        "Le temps des salariés",
    ]
    assert "journée sans téléphone" in exercises.time.examples[0].text


def test_every_text_of_the_exercises_is_verbatim_from_the_guide(guide_text):  # noqa: F811
    folded = guide_text.casefold()
    checked = 0
    for path, value in walk(load_exercises(), "exercises"):
        if isinstance(value, str) and path.split(".")[-1].split("[")[0] not in OURS:
            assert normalise(value).casefold() in folded, path
            checked += 1
    assert checked > 30


def test_the_discussions_questions_are_questions_of_the_fiches():
    questions = load_exercises().discussion.questions
    assert "management.2" in questions
    texts = {q.statement: q.text for q in load_fiche(6).questions}
    assert texts["management.2"].startswith("Les équipes ont-elles des espaces de discussion")


def copy_with(tmp_path, old, new):
    for path in CONTENT_DIR.glob("fiche-*.toml"):
        shutil.copy(path, tmp_path / path.name)
    text = (CONTENT_DIR / "exercises.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "exercises.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "exercises.toml"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"Forum"]', '"Fax"]', "not in fiche 6's table"),
        ('code = "marche"', 'code = "entreprise"', "unique lowercase slug codes"),
        ('label = "Le temps du marché"', 'label = "Le temps des clients"', "fiche 3's table"),
        ('"temps.5"]', '"temps.9"]', "not a fiche's question"),
        ('examples_source = "CAE Perspectives"', 'examples_sources = "x"', "not a known field"),
        ('intro = "Remplissez-le', 'intro = "<b>Remplissez-le', "raw HTML"),
    ],
)
def test_a_broken_exercises_file_is_refused_naming_the_field(tmp_path, old, new, message):
    with pytest.raises(ContentError, match=message):
        load_file(copy_with(tmp_path, old, new))
