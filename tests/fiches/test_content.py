"""The guide's content files: complete, well-formed, and faithful to the guide (no database)."""

import dataclasses
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fiches.content_loader import (
    CONTENT_DIR,
    FIVE_STEP_CODES,
    HTML_TAG,
    THEMES,
    ContentError,
    Fiche,
    Guide,
    five_steps,
    load_fiche,
    load_fiches,
    load_file,
    load_guide,
)

REPO = Path(__file__).resolve().parents[2]
# /work/shared beside the repository here and in CI; inside it in a flattened checkout.
GUIDE_CANDIDATES = [REPO.parent / "shared", REPO / "shared"]
GUIDE_NAME = "guide/000_cf0ad57773539a0d.txt"


def walk(obj, path=""):
    """Yield (path, value) for every string of a content object, and (path, obj) for each node."""
    if isinstance(obj, str):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        yield path, obj
        for field in dataclasses.fields(obj):
            value = getattr(obj, field.name)
            if field.default is dataclasses.MISSING or value != field.default:  # absent if optional
                yield from walk(value, f"{path}.{field.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from walk(item, f"{path}[{i}]")


def all_content():
    return [(f"fiche-{f.number}", f) for f in load_fiches()] + [("guide", load_guide())]


def all_strings():
    for name, root in all_content():
        for path, value in walk(root, name):
            if isinstance(value, str):
                yield path, value


def normalise(text):
    # The guide is a PDF extraction: words are hyphenated across lines and spaces doubled.
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w)-[ \t]*\n\s*", "-", text)).strip()


@pytest.fixture(scope="module")
def guide_text():
    for directory in GUIDE_CANDIDATES:
        if (directory / GUIDE_NAME).is_file():
            return normalise((directory / GUIDE_NAME).read_text(encoding="utf-8"))
    pytest.skip(f"guide text not found in {[str(d) for d in GUIDE_CANDIDATES]}: cannot compare")


def test_there_are_six_fiches_numbered_one_to_six_with_the_theme_codes_in_order():
    fiches = load_fiches()
    assert [f.number for f in fiches] == [1, 2, 3, 4, 5, 6]
    assert tuple(f.theme for f in fiches) == THEMES
    assert THEMES == ("projet", "information", "temps", "espaces", "competences", "management")
    assert load_fiche(4).title == "Organisation des espaces de travail"


def test_an_unknown_fiche_number_raises_key_error():
    with pytest.raises(KeyError):
        load_fiche(7)


@pytest.mark.parametrize("number", range(1, 7))
def test_each_fiche_asks_five_questions_one_per_statement_of_its_theme(number):
    fiche = load_fiche(number)
    statements = [q.statement for q in fiche.questions]
    assert statements == [f"{fiche.theme}.{i}" for i in range(1, 6)]
    assert all(q.text.endswith("?") for q in fiche.questions)


def test_every_link_is_http_or_https_with_a_host():
    links = [link.url for f in load_fiches() for link in f.further_reading if link.url]
    links += [url for _, s in all_strings() for url in re.findall(r"\]\(([^)]*)\)", s)]
    assert len(links) >= 15
    for url in links:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.hostname, url
        assert not re.search(r"\s", url), url


def test_no_section_is_empty():
    for name, root in all_content():
        for path, node in walk(root, name):
            if isinstance(node, str):
                assert node.strip(), path
            elif dataclasses.is_dataclass(node):
                required = [f for f in dataclasses.fields(node) if f.default is dataclasses.MISSING]
                for field in required:
                    assert getattr(node, field.name), f"{path}.{field.name} is empty"
    for fiche in load_fiches():
        assert fiche.method and fiche.further_reading and fiche.opportunites_risques.rows
        assert all(row.opportunite and row.risque for row in fiche.opportunites_risques.rows)


def test_fiche_1_has_the_five_steps_of_a_transformation_project():
    steps = five_steps()
    assert tuple(s.code for s in steps) == FIVE_STEP_CODES
    assert [s.order for s in steps] == [1, 2, 3, 4, 5]
    assert [s.title for s in steps] == [
        "Avant-projet",
        "Préparation de la transformation",
        "Validation des solutions retenues",
        "Réalisation",
        "Suivi",
    ]
    assert [len(s.points) for s in steps] == [4, 2, 2, 3, 2]
    assert all(s.summary for s in steps)


def test_no_field_contains_raw_html():
    for path, value in all_strings():
        assert not HTML_TAG.search(value), path


def test_the_guide_framing_pages_are_complete():
    guide = load_guide()
    assert isinstance(guide, Guide)
    assert (
        "Union régionale des Scop Occitanie" in guide.credit and "Aract Occitanie" in guide.credit
    )
    assert guide.introduction.author == "Xavier Châtellier"
    assert [s.order for s in guide.how_to_use] == [1, 2, 3]
    assert len(guide.partners) == 6
    assert guide.digital_stakes.table.headers == (
        "Objets / Technologies",
        "Opportunités",
        "Risques",
    )
    assert len(guide.qvt_framework.determinants.groups) == 5
    assert guide.qvt_framework.viewpoint.author == "Vincent Mandinaud"


def copy_content(tmp_path):
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    return directory


BREAKAGES = {
    "missing contexte": (r'\ncontexte = """.*?"""\n', "\n", "contexte is missing or empty"),
    "empty enjeux": (r'\nenjeux = """.*?"""\n', '\nenjeux = ""\n', "enjeux is missing or empty"),
    "four questions": (
        r'\[\[questions\]\]\nstatement = "projet.5"\nstatement_text = ".*?"\ntext = ".*?"\n',
        "",
        "questions",
    ),
    "wrong statement": (r'"projet.2"', '"temps.2"', "questions must be five"),
    "unknown key": (r"\ntitle = ", "\ntitel = ", "titel is not a known field"),
    "no quiz words": (r'\nstatement_text = "[^"]*"\n', "\n", "statement_text is missing"),
    "bad link": (r"https://www.anact.fr/", "htps://www.anact.fr/", "malformed link"),
    "raw html": (r"Avant-projet\"", 'Avant-<b>projet</b>"', "raw HTML"),
    "renamed step": (r'code = "suivi"', 'code = "evaluation"', "method must have a steps block"),
    "wrong step order": (r"order = 3", "order = 4", "must have order 3"),
    "empty row": (
        r"(rows\]\]\n)opportunite = [^\n]*\nrisque = [^\n]*\n",
        r"\1",
        "both sides empty",
    ),
    "not toml": (r"\Z", "\n= broken", "cannot be read as TOML"),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=str)
def test_the_validator_rejects_a_broken_fiche_naming_the_file_and_field(tmp_path, breakage):
    pattern, replacement, message = BREAKAGES[breakage]
    path = copy_content(tmp_path) / "fiche-1.toml"
    text = path.read_text(encoding="utf-8")
    broken = re.sub(pattern, replacement, text, count=1, flags=re.S)
    assert broken != text, "the breakage did not apply"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(message)) as error:
        load_file(path)
    assert "fiche-1.toml" in str(error.value)


def test_the_validator_rejects_a_table_row_shorter_than_its_headers(tmp_path):
    path = copy_content(tmp_path) / "fiche-6.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('["Relations directes", ', "["), encoding="utf-8")
    with pytest.raises(
        ContentError, match=r"fiche-6.toml: method\[2\].rows\[1\] must have 3 cells"
    ):
        load_file(path)


def test_loading_a_directory_with_a_missing_or_misnamed_fiche_fails(tmp_path):
    directory = copy_content(tmp_path)
    (directory / "fiche-3.toml").rename(directory / "fiche-33.toml")
    with pytest.raises(ContentError, match="does not match the file name"):
        load_fiches(directory)
    (directory / "fiche-33.toml").unlink()
    with pytest.raises(ContentError, match="expected fiche-1.toml to fiche-6.toml"):
        load_fiches(directory)


def test_a_copy_of_the_content_loads_like_the_original(tmp_path):
    directory = copy_content(tmp_path)
    assert load_fiches(directory) == load_fiches()
    assert isinstance(load_file(directory / "fiche-2.toml"), Fiche)
    assert load_guide(directory / "guide.toml") == load_guide()


def test_quoted_passages_are_verbatim_from_the_guide(guide_text):
    fiche_1, fiche_4, fiche_6, guide = load_fiche(1), load_fiche(4), load_fiche(6), load_guide()
    passages = [
        fiche_1.method[1].intro,
        fiche_4.questions_intro,
        fiche_6.method[-1].body.split("\n\n")[-1],
        guide.introduction.body.split("\n\n")[0],
        guide.partners[-1].issue,
    ]
    passages += [step.summary for step in fiche_1.method[1].steps]
    passages += [point for step in five_steps() for point in step.points]
    passages += [q.text for f in load_fiches() for q in f.questions]
    passages += [p for f in load_fiches() for p in f.testimony.body.split("\n\n")]
    passages += [link.url for f in load_fiches() for link in f.further_reading if link.url]
    for passage in passages:
        assert normalise(passage) in guide_text, passage
