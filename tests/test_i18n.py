"""Every user-visible string goes through Django's i18n, and both catalogues are complete.

French is the source language (msgids are French) and the default; the French catalogue keeps
msgstr = msgid (filled by `msgen`, see `make messages`), the English one has a real translation
for every entry. The guide's own content (fiches TOML) stays French and is not in the catalogues.
"""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(settings.BASE_DIR)
TEMPLATES = REPO / "templates"

# Deliberately bilingual and free of the database and of i18n machinery: they must render even
# when nothing else works (see qvt/errors.py).
BILINGUAL_ERROR_PAGES = {"500.html", "503.html"}

# As Django's lexer: a {# #} comment ends on its own line; a longer one is shown as text.
COMMENT = re.compile(r"{#[^\n]*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
TRANSLATED = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}"  # blocks
    r"|{%\s*trans(?:late)?\s.*?%}",  # one-line tags
    re.S,
)
CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}", re.S)
HTML_TAG = re.compile(r"<!--.*?-->|<!?[a-zA-Z/][^>]*>", re.S)
ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Attributes people read or hear: tooltips, alternatives, accessible names, hints.
VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "data-label"}
BUTTON_TYPES = {"submit", "button", "reset"}
LETTER = re.compile(r"[^\W\d_]", re.U)


def visible_text(source):
    """What a template shows to people once translation tags, code and markup are removed."""
    text = COMMENT.sub(" ", source)
    text = TRANSLATED.sub(" ", text)
    text = CODE.sub(" ", text)
    text = TEMPLATE_SYNTAX.sub(" ", text)
    found = []

    def keep_visible_attributes(match):
        tag = match.group(0)
        attributes = {
            name.lower(): first if first is not None else second
            for name, first, second in ATTRIBUTE.findall(tag)
        }
        for name, value in attributes.items():
            if name in VISIBLE_ATTRIBUTES:
                found.append(value)
        is_button = tag.lower().startswith("<input") and attributes.get("type") in BUTTON_TYPES
        if is_button and "value" in attributes:
            found.append(attributes["value"])
        return " "

    text = HTML_TAG.sub(keep_visible_attributes, text)
    found.append(text)
    return html.unescape(" ".join(found))


def untranslated_words(source):
    words = re.findall(r"\S+", visible_text(source))
    return [w for w in words if LETTER.search(w)]


def scanned_templates():
    return sorted(
        p
        for p in TEMPLATES.rglob("*")
        if p.is_file()
        and p.suffix in {".html", ".txt"}
        and p.relative_to(TEMPLATES).as_posix() not in BILINGUAL_ERROR_PAGES
    )


@pytest.mark.parametrize(
    "source",
    [
        '<p>{% translate "Bonjour" %}</p>',
        "<p>{% blocktranslate trimmed %}\n Bonjour {{ name }}\n{% endblocktranslate %}</p>",
        "<button aria-label=\"{% translate 'Fermer' %}\">×</button>",
        "{# Un commentaire pour les développeurs #}<p>{{ session.title }} — 3/5 · ?</p>",
        '<script>var texte = "bonjour";</script><style>p { color: red; }</style>',
        '<input type="hidden" name="next" value="/guide/"><a class="btn" href="/x/">→</a>',
    ],
)
def test_the_scanner_accepts_translated_text(source):
    assert untranslated_words(source) == []


@pytest.mark.parametrize(
    ("source", "word"),
    [
        ("<p>Bonjour</p>", "Bonjour"),
        ('<img src="a.png" alt="Un radar">', "radar"),
        ('<a title="Ouvrir" href="#">→</a>', "Ouvrir"),
        ('<input type="submit" value="Envoyer">', "Envoyer"),
        ('<input placeholder="prenom@exemple.coop">', "prenom@exemple.coop"),
        ("{% translate 'Oui' %} ou Non", "Non"),
        ('<div data-label="Radar des scores"></div>', "Radar"),
        ("{# Un commentaire\n sur deux lignes #}", "commentaire"),
    ],
)
def test_the_scanner_finds_text_outside_translation_tags(source, word):
    assert word in untranslated_words(source)


def test_templates_show_no_text_outside_translation_tags():
    offenders = {
        path.relative_to(REPO).as_posix(): words
        for path in scanned_templates()
        if (words := untranslated_words(path.read_text(encoding="utf-8")))
    }
    assert not offenders, "Text outside {% translate %} / {% blocktranslate %}:\n" + "\n".join(
        f"  {path}: {' '.join(words)}" for path, words in offenders.items()
    )


def test_the_bilingual_error_pages_still_exist():
    # The exemption above must not outlive the pages it names.
    for name in BILINGUAL_ERROR_PAGES:
        assert (TEMPLATES / name).is_file(), name


# -- Catalogues -------------------------------------------------------------------------------


def parse_po(path):
    """Entries of a .po file as dicts: msgid, msgid_plural, msgstr ({index: text}), flags.
    Obsolete entries (#~) are left out."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None and (entry["msgid"] or entry["msgstr"]):
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"msgid": "", "msgid_plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, field, _decode(line))
        else:
            field, _, rest = line.partition(" ")
            _append(entry, field, _decode(rest))
    return entries


def _decode(quoted):
    body = quoted.strip()
    assert body.startswith('"') and body.endswith('"'), quoted
    body = body[1:-1]
    return re.sub(
        r'\\(["\\ntr])',
        lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)),
        body,
    )


def _append(entry, field, value):
    if field == "msgid":
        entry["msgid"] += value
    elif field == "msgid_plural":
        entry["msgid_plural"] = (entry["msgid_plural"] or "") + value
    elif field.startswith("msgstr"):
        index = int(field[7:-1]) if field.startswith("msgstr[") else 0
        entry["msgstr"][index] = entry["msgstr"].get(index, "") + value


def translations(entry):
    count = len(entry["msgstr"])
    return [entry["msgstr"][i] for i in range(count)]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """Run makemessages as `make messages` does, on a copy of the sources and catalogues, and
    return the paths of the merged English and French catalogues (the committed ones untouched).

    makemessages writes into LOCALE_PATHS, which settings derive from their own location: a copy
    of the tree has its own, so the repository's catalogues are never rewritten by this test.
    """
    if shutil.which("msgmerge") is None:
        pytest.skip("gettext (msgmerge) is not installed: apt-get install gettext")
    copy = tmp_path_factory.mktemp("i18n") / "repo"
    skipped = {
        ".git", ".venv", "staticfiles", "static", "tests", "bench", "test-artifacts",
        "node_modules", "backups", "docker", "__pycache__",
    }  # fmt: skip

    def ignore(directory, names):
        return [
            n
            for n in names
            if n in skipped
            or n.endswith((".mo", ".pyc", ".egg-info", ".sqlite3", ".dump", ".pdf", ".png"))
            or n.startswith(".")
        ]

    shutil.copytree(REPO, copy, ignore=ignore)
    env = {
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "DJANGO_DEBUG": "1",
        "DJANGO_SECRET_KEY": "makemessages-only",
        "LANG": "C.UTF-8",
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "-l",
            "fr",
            "--ignore=.venv",
            "--ignore=staticfiles",
            "--ignore=tests",
            "--ignore=bench",
            "-v",
            "0",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {lang: copy / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("en", "fr")}


def committed(lang):
    return REPO / "locale" / lang / "LC_MESSAGES" / "django.po"


def describe(entries):
    return "\n".join(f"  {e['msgid'][:90]!r}" for e in entries[:40]) + (
        f"\n  … and {len(entries) - 40} more" if len(entries) > 40 else ""
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_committed_catalogues_have_a_proper_header(lang):
    header = next(e for e in parse_po(committed(lang)) if e["msgid"] == "")
    assert "fuzzy" not in header["flags"], "remove '#, fuzzy' from the header"
    text = header["msgstr"][0]
    assert f"Language: {lang}\n" in text
    assert "charset=UTF-8" in text
    plural = "plural=(n > 1)" if lang == "fr" else "plural=(n != 1)"
    assert plural in text


def test_every_extracted_string_has_an_english_translation(fresh_catalogues):
    fresh = [e for e in parse_po(fresh_catalogues["en"]) if e["msgid"]]
    assert len(fresh) > 100  # the extraction itself worked
    committed_ids = {e["msgid"] for e in parse_po(committed("en"))}
    missing = [e for e in fresh if e["msgid"] not in committed_ids]
    assert not missing, (
        "New strings not in locale/en (run `make messages` and translate them):\n"
        + describe(missing)
    )
    untranslated = [e for e in fresh if not all(translations(e)) or not e["msgstr"]]
    assert not untranslated, "Untranslated English entries:\n" + describe(untranslated)
    fuzzy = [e for e in fresh if "fuzzy" in e["flags"]]
    assert not fuzzy, "Fuzzy English entries (check and remove the flag):\n" + describe(fuzzy)
    plural = [e for e in fresh if e["msgid_plural"] and len(e["msgstr"]) != 2]
    assert not plural, "English plural entries need two forms:\n" + describe(plural)


def test_the_english_catalogue_keeps_the_placeholders(fresh_catalogues):
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|{{\s*\w+\s*}}")
    broken = []
    for e in parse_po(fresh_catalogues["en"]):
        if not e["msgid"]:
            continue
        sources = [e["msgid"], e["msgid_plural"] or e["msgid"]]
        for i, text in enumerate(translations(e)):
            if sorted(placeholder.findall(text)) != sorted(placeholder.findall(sources[min(i, 1)])):
                broken.append(e)
    assert not broken, "Placeholders differ between French and English:\n" + describe(broken)


def test_the_french_catalogue_is_the_source_text(fresh_catalogues):
    entries = [e for e in parse_po(fresh_catalogues["fr"]) if e["msgid"]]
    wrong = [
        e
        for e in entries
        if "fuzzy" in e["flags"]
        or translations(e)
        != ([e["msgid"], e["msgid_plural"]] if e["msgid_plural"] else [e["msgid"]])
    ]
    assert not wrong, (
        "French entries must repeat their msgid (run `make messages`, which fills them):\n"
        + describe(wrong)
    )


def test_the_compiled_catalogues_are_not_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=REPO, capture_output=True, text=True, check=False
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert tracked.stdout.strip() == ""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_compiled_catalogues_are_up_to_date(lang):
    """The app reads .mo files, built from the .po by `make compilemessages` (make test does)."""
    po = committed(lang)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(REPO)} is missing: run `make compilemessages`"
    assert mo.stat().st_mtime >= po.stat().st_mtime, (
        f"{mo.relative_to(REPO)} is older than its .po: run `make compilemessages`"
    )
