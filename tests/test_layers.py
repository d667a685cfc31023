"""Templates and template tags obey the apps' layers (DESIGN.md § Layers), as the Python code does
through import-linter (`lint-imports`, run by `make test`): a template of an app includes,
extends or loads only templates and tag libraries of its own app or of the layers below it, or
the project's shared ones (base.html, includes/, error pages)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

# Template folder → the app (and layer) it belongs to. None: shared, top of the project (qvt).
LAYER = {"accounts": 1, "fiches": 1, "cooperatives": 2, "diagnostics": 3, "networks": 3.5}
LAYER |= {"plans": 4, "exercises": 4.5, "followup": 5, "reports": 6}
FOLDER_APP = {"registration": "accounts", "answers": "diagnostics", "includes": None}
TAG_LIBRARY_APP = {"fiches": "fiches", "priorities": "plans", "stepper": "plans"}
TAG_LIBRARY_APP |= {"theme_tools": "plans"}
SHARED_ROOT = {"base.html", "home.html", "400.html", "403.html", "404.html", "500.html", "503.html"}

REFERENCE = re.compile(r"\{%\s*(include|extends)\s+[\"']([^\"']+)[\"']")
LOAD = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")


def app_of(relative):
    """The app of a template path relative to templates/, or None for the shared ones."""
    parts = Path(relative).parts
    if len(parts) == 1:
        assert parts[0] in SHARED_ROOT, relative
        return None
    folder = parts[0]
    return FOLDER_APP.get(folder, folder)


def layer(app):
    return 99 if app is None else LAYER[app]


def references(text):
    for _kind, name in REFERENCE.findall(text):
        # A prefix such as "fiches/blocks/_" (the name ends with a variable) still names a folder.
        yield "template", app_of(name if name.endswith(".html") else name + "x.html")
    for libraries in LOAD.findall(text):
        for library in libraries.split():
            if library in TAG_LIBRARY_APP:
                yield "library", TAG_LIBRARY_APP[library]


TEMPLATE_FILES = sorted(p.relative_to(TEMPLATES) for p in TEMPLATES.rglob("*.html"))


def test_every_template_folder_belongs_to_an_app():
    folders = {p.parts[0] for p in TEMPLATE_FILES if len(p.parts) > 1}
    assert folders <= set(LAYER) | set(FOLDER_APP)


@pytest.mark.parametrize("relative", TEMPLATE_FILES, ids=str)
def test_a_template_reaches_only_its_own_or_lower_layers(relative):
    own = app_of(relative)
    if own is None:
        return  # the shared templates sit on top and may use any app's parts
    for kind, target in references((TEMPLATES / relative).read_text()):
        if target is None:
            continue  # base.html, includes/: the shared frame every page extends
        assert layer(target) <= layer(own), f"{relative} ({own}) uses a {kind} of {target}"


def test_the_check_finds_a_template_that_reaches_up(tmp_path):
    # The rule itself, on a made-up template: diagnostics including a plans partial.
    text = '{% include "plans/includes/actions_table.html" %}{% load priorities %}'
    found = list(references(text))
    assert found == [("template", "plans"), ("library", "plans")]
    assert all(layer(target) > layer("diagnostics") for _kind, target in found)
