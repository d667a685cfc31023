"""docs/threat-model.md names the test behind each promise: each one it names must exist, so the
page cannot keep pointing at a test that was renamed or removed."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "threat-model.md"
# `test_x.py`, `tests/a/test_x.py`, with `::test_name`; `…::test_name` reuses the last file.
REFERENCE = re.compile(r"`((?:tests/[\w/]+/)?test_\w+\.py|…)(?:::(\w+))?`")


def functions_in(path):
    tree = ast.parse(path.read_text())
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def resolve(name):
    if name.startswith("tests/"):
        return ROOT / name
    return ROOT / "tests" / "adversarial" / name


def test_every_test_the_threat_model_names_exists():
    references, last = [], None
    for name, function in REFERENCE.findall(PAGE.read_text()):
        path = last if name == "…" else resolve(name)
        last = path
        references.append((path, function))
    assert len(references) > 30
    for path, function in references:
        assert path.exists(), path
        if function:
            assert function in functions_in(path), f"{path.name}::{function}"
