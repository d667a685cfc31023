"""The guide's text as validated, immutable data (``fiches/content/*.toml``, schema in its README).

The frozen dataclasses below *are* the schema: a field without a default is required, and a
TOML key that matches no field is rejected (a typo would otherwise vanish silently). The rules a
type cannot say (five questions per fiche, table widths, FICHE 1's five steps…) are checked in
``validate_fiche`` / ``validate_guide``. Everything runs at load time so that a slip in a file
fails loudly in the tests instead of rendering a half-empty page. Stdlib only: the action plan and
data migrations can import it without the app registry.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
import typing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

CONTENT_DIR = Path(__file__).resolve().parent / "content"
THEMES = ("projet", "information", "temps", "espaces", "competences", "management")
FIVE_STEP_CODES = ("avant-projet", "preparation", "validation", "realisation", "suivi")
TESTIMONY_KINDS = ("Témoignage", "Cas pratique")
# Block kind -> (required fields, other allowed fields).
BLOCK_FIELDS = {
    "markdown": ({"body"}, {"title", "source"}),
    "table": ({"title", "headers", "rows"}, {"caption", "source"}),
    "steps": ({"title", "steps"}, {"intro"}),
    "figures": ({"title", "source", "items"}, set()),
}
# The app renders markdown with HTML disabled: a tag would be shown literally on the page.
HTML_TAG = re.compile(r"<[a-zA-Z/]")
_MD_LINK = re.compile(r"\]\(([^)]*)\)")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ContentError(ValueError):
    """A content file misses a field, has an empty one, or breaks an invariant of the guide."""


@dataclass(frozen=True)
class Figure:
    value: str
    label: str


@dataclass(frozen=True)
class Step:
    code: str
    order: int
    title: str
    summary: str = ""
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One part of a method; which fields apply depends on ``kind`` (see BLOCK_FIELDS)."""

    kind: str
    title: str = ""
    body: str = ""
    intro: str = ""
    caption: str = ""
    source: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # plain text; "\n" separates items printed apart
    steps: tuple[Step, ...] = ()
    items: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class OpportunityRisk:
    opportunite: str = ""
    risque: str = ""


@dataclass(frozen=True)
class OpportunitiesRisks:
    rows: tuple[OpportunityRisk, ...]
    intro: str = ""


@dataclass(frozen=True)
class Question:
    statement: str  # code of the quiz statement the question asks about, e.g. "projet.1"
    text: str
    # The quiz statement's own words, as the guide prints them on its quiz page (the quiz app
    # loads the same words; tests/fiches/test_content.py checks that they agree), so that the
    # fiche page shows them without reading another app's tables.
    statement_text: str


@dataclass(frozen=True)
class Testimony:
    kind: str
    title: str
    body: str
    source: str = ""


@dataclass(frozen=True)
class Link:
    title: str
    url: str = ""  # a few resources are printed without an address
    description: str = ""


@dataclass(frozen=True)
class Fiche:
    number: int
    theme: str
    title: str
    contexte: str
    enjeux: str
    opportunites_risques: OpportunitiesRisks
    questions: tuple[Question, ...]
    method: tuple[Block, ...]
    testimony: Testimony
    further_reading: tuple[Link, ...]
    summary: str = ""
    questions_intro: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    body: str
    author: str = ""
    author_role: str = ""


@dataclass(frozen=True)
class HowToStep:
    order: int
    title: str
    body: str


@dataclass(frozen=True)
class DigitalStakes:
    title: str
    summary: str
    contexte: str
    enjeux: str
    table: Block


@dataclass(frozen=True)
class Group:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Determinants:
    title: str
    center: str
    outcomes: tuple[str, ...]
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class QvtFramework:
    title: str
    body: str
    cooperatives: str
    perception: Group  # the ANI diagram: three factors (items) of the perceived QVT (title)
    determinants: Determinants
    barometer: Block
    viewpoint: Section


@dataclass(frozen=True)
class Partner:
    name: str
    legal_form: str
    staff: str
    place: str
    activity: str
    issue: str


@dataclass(frozen=True)
class LegalForm:
    code: str
    label: str


@dataclass(frozen=True)
class Guide:
    title: str
    credit: str
    introduction: Section
    quiz: Section
    how_to_use: tuple[HowToStep, ...]
    digital_stakes: DigitalStakes
    qvt_framework: QvtFramework
    partners: tuple[Partner, ...]
    legal_forms: tuple[LegalForm, ...]
    case_study: Testimony


@dataclass(frozen=True)
class Term:
    """A technical word of the quiz, explained under the statements that use it."""

    term: str  # as the statements print it; each listed statement's words contain it
    statements: tuple[str, ...]  # quiz statement codes, e.g. "projet.1"
    explanation: str  # plain text, written from the guide's own text
    guide: str  # the guide's words the explanation is drawn from, verbatim (tested)
    term_en: str = ""
    explanation_en: str = ""


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Purpose:
    """A column of FICHE 6's table of tools: what they are for, the tools, what they replace."""

    code: str
    label: str
    replaces: str
    tools: tuple[str, ...]


@dataclass(frozen=True)
class CharterExercise:
    fiche: int
    title: str
    intro: str
    purposes: tuple[Purpose, ...]


@dataclass(frozen=True)
class Dimension:
    """One of the four times of FICHE 3's time compromise."""

    code: str
    label: str
    description: str


@dataclass(frozen=True)
class Example:
    text: str


@dataclass(frozen=True)
class TimeExercise:
    fiche: int
    title: str
    intro: str
    conclusion: str
    examples_source: str
    dimensions: tuple[Dimension, ...]
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class DiscussionExercise:
    fiche: int
    title: str
    intro: str
    stakes: tuple[str, ...]
    definition: str
    definition_source: str
    questions: tuple[str, ...]  # quiz statement codes: the words are the fiches' questions


@dataclass(frozen=True)
class DiagramExercise:
    fiche: int
    intro: str
    target: str
    utility: tuple[str, ...]  # the two ends of each axis, as the guide draws them
    mode: tuple[str, ...]


@dataclass(frozen=True)
class Exercises:
    charter: CharterExercise
    time: TimeExercise
    discussion: DiscussionExercise
    diagram: DiagramExercise


def _fail(source: Path, where: str, problem: str) -> typing.NoReturn:
    raise ContentError(f"{source}: {where or 'the file'} {problem}")


def _text(source: Path, where: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(source, where, "must be a non-empty string")
    if HTML_TAG.search(value):
        _fail(source, where, "contains raw HTML (markdown only)")
    for url in _MD_LINK.findall(value):
        _url(source, where, url)
    return value.strip()


def _url(source: Path, where: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        _fail(source, where, f"has a malformed link {url!r} (expected http(s) with a host)")
    return url


def _convert(source: Path, where: str, kind: typing.Any, value: object) -> typing.Any:
    if kind is str:
        return _text(source, where, value)
    if kind is int:
        if type(value) is not int:
            _fail(source, where, "must be an integer")
        return value
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, source, where)
    if not isinstance(value, list):
        _fail(source, where, "must be an array")
    item = typing.get_args(kind)[0]  # every other field is a tuple[X, ...]
    return tuple(_convert(source, f"{where}[{i}]", item, v) for i, v in enumerate(value))


def _build(cls: type, data: object, source: Path, where: str = ""):
    """Build ``cls`` from a TOML table, field by field, with the field's type as the schema."""
    if not isinstance(data, dict):
        _fail(source, where, "must be a table")
    prefix, hints, values = f"{where}." if where else "", typing.get_type_hints(cls), {}
    if unknown := sorted(set(data) - set(hints)):
        _fail(source, prefix + unknown[0], "is not a known field")
    for field in dataclasses.fields(cls):
        value = data.get(field.name)
        if value is None or value in ("", [], {}) or (isinstance(value, str) and not value.strip()):
            if field.default is dataclasses.MISSING:
                _fail(source, prefix + field.name, "is missing or empty")
            continue
        values[field.name] = _convert(source, prefix + field.name, hints[field.name], value)
    return cls(**values)


def _check_block(source: Path, where: str, block: Block) -> None:
    if block.kind not in BLOCK_FIELDS:
        _fail(source, f"{where}.kind", f"must be one of {tuple(BLOCK_FIELDS)}")
    required, optional = BLOCK_FIELDS[block.kind]
    for name in {f.name for f in dataclasses.fields(Block)} - {"kind"}:
        if name in required and not getattr(block, name):
            _fail(source, f"{where}.{name}", f"is required in a {block.kind} block")
        if name not in required | optional and getattr(block, name):
            _fail(source, f"{where}.{name}", f"has no place in a {block.kind} block")
    for i, row in enumerate(block.rows):
        if len(row) != len(block.headers):
            _fail(source, f"{where}.rows[{i}]", f"must have {len(block.headers)} cells (headers)")
    for i, step in enumerate(block.steps, start=1):
        if step.order != i or not _SLUG.fullmatch(step.code):
            _fail(
                source, f"{where}.steps[{i - 1}]", f"must have order {i} and a lowercase slug code"
            )


def _is_five_steps(block: Block) -> bool:
    codes = tuple(step.code for step in block.steps)
    return block.kind == "steps" and codes == FIVE_STEP_CODES and all(s.points for s in block.steps)


def validate_fiche(data: dict, source: Path) -> Fiche:
    fiche = _build(Fiche, data, source)
    if not 1 <= fiche.number <= len(THEMES):
        _fail(source, "number", f"must be between 1 and {len(THEMES)}")
    if fiche.theme != THEMES[fiche.number - 1]:
        _fail(source, "theme", f"must be {THEMES[fiche.number - 1]!r} for fiche {fiche.number}")
    for i, row in enumerate(fiche.opportunites_risques.rows):
        if not (row.opportunite or row.risque):
            _fail(source, f"opportunites_risques.rows[{i}]", "has both sides empty")
    expected = [f"{fiche.theme}.{i}" for i in range(1, 6)]
    if sorted(question.statement for question in fiche.questions) != expected:
        _fail(source, "questions", f"must be five, one per statement of {expected}")
    for i, block in enumerate(fiche.method):
        _check_block(source, f"method[{i}]", block)
    for i, link in enumerate(fiche.further_reading):
        if link.url:
            _url(source, f"further_reading[{i}].url", link.url)
    if fiche.testimony.kind not in TESTIMONY_KINDS:
        _fail(source, "testimony.kind", f"must be one of {TESTIMONY_KINDS}")
    if fiche.number == 1 and not any(_is_five_steps(block) for block in fiche.method):
        _fail(source, "method", f"must have a steps block {FIVE_STEP_CODES}, each with points")
    return fiche


def validate_guide(data: dict, source: Path) -> Guide:
    guide = _build(Guide, data, source)
    signed = {
        "introduction": guide.introduction,
        "qvt_framework.viewpoint": guide.qvt_framework.viewpoint,
    }
    for where, section in signed.items():
        if not section.author:
            _fail(source, f"{where}.author", "is required: the guide signs this text")
    for i, step in enumerate(guide.how_to_use, start=1):
        if step.order != i:
            _fail(source, f"how_to_use[{i - 1}].order", f"must be {i}")
    _check_block(source, "digital_stakes.table", guide.digital_stakes.table)
    _check_block(source, "qvt_framework.barometer", guide.qvt_framework.barometer)
    if guide.case_study.kind not in TESTIMONY_KINDS:
        _fail(source, "case_study.kind", f"must be one of {TESTIMONY_KINDS}")
    return guide


_STATEMENT_CODE = re.compile(rf"({'|'.join(THEMES)})\.[1-5]")


def validate_glossary(data: dict, source: Path, fiches: tuple[Fiche, ...] = ()) -> Glossary:
    """The words of each statement are the fiches' ``statement_text``: a term must appear in
    every statement it is listed under, so an explanation never hangs under the wrong one."""
    glossary = _build(Glossary, data, source)
    words = {q.statement: q.statement_text.casefold() for f in fiches for q in f.questions}
    seen = set()
    for i, term in enumerate(glossary.terms):
        where = f"terms[{i}]"
        if term.term.casefold() in seen:
            _fail(source, f"{where}.term", f"repeats {term.term!r}")
        seen.add(term.term.casefold())
        if bool(term.term_en) != bool(term.explanation_en):
            _fail(source, where, "must have both term_en and explanation_en, or neither")
        for code in term.statements:
            if not _STATEMENT_CODE.fullmatch(code):
                _fail(source, f"{where}.statements", f"has {code!r}, not a statement code")
            if words and term.term.casefold() not in words.get(code, ""):
                _fail(source, f"{where}.term", f"{term.term!r} is not in statement {code}")
    return glossary


def _cells(fiche: Fiche) -> str:
    return "\n".join(cell for block in fiche.method for row in block.rows for cell in row)


def validate_exercises(data: dict, source: Path, fiches: tuple[Fiche, ...] = ()) -> Exercises:
    """The exercises prefill tools with the fiches' own items: each must be found in its fiche
    (the tools and purposes in FICHE 6's table, the four times in FICHE 3's), so the two files
    cannot drift apart, and the discussion's questions must be statement codes of the fiches."""
    exercises = _build(Exercises, data, source)
    by_number = {fiche.number: fiche for fiche in fiches}
    charter, time = exercises.charter, exercises.time
    for where, codes in (
        ("charter.purposes", [p.code for p in charter.purposes]),
        ("time.dimensions", [d.code for d in time.dimensions]),
    ):
        if len(set(codes)) != len(codes) or not all(_SLUG.fullmatch(c) for c in codes):
            _fail(source, where, "must have unique lowercase slug codes")
    if len(time.dimensions) != 4:
        _fail(source, "time.dimensions", "must be the guide's four times")
    for name in ("utility", "mode"):
        if len(getattr(exercises.diagram, name)) != 2:
            _fail(source, f"diagram.{name}", "must be the two ends of the axis")
    questions = {q.statement for f in fiches for q in f.questions}
    for code in exercises.discussion.questions:
        if not _STATEMENT_CODE.fullmatch(code) or (questions and code not in questions):
            _fail(source, "discussion.questions", f"has {code!r}, not a fiche's question")
    if not fiches:
        return exercises
    six, three = by_number[charter.fiche], by_number[time.fiche]
    for i, purpose in enumerate(charter.purposes):
        for text in (purpose.label, purpose.replaces, *purpose.tools):
            in_table = any(text in block.headers for block in six.method) or text in _cells(six)
            if not in_table:
                _fail(source, f"charter.purposes[{i}]", f"has {text!r}, not in fiche 6's table")
    rows = {tuple(row) for block in three.method for row in block.rows}
    for i, dimension in enumerate(time.dimensions):
        if (dimension.label, dimension.description) not in rows:
            _fail(source, f"time.dimensions[{i}]", "is not a row of fiche 3's table")
    return exercises


def validate(data: dict, source: Path) -> Fiche | Guide | Glossary | Exercises:
    """Validate one parsed file: ``guide.toml`` holds the framing pages, ``glossary.toml`` the
    explained words, ``exercises.toml`` the team exercises, any other file a fiche."""
    source = Path(source)
    if source.name == "exercises.toml":
        return validate_exercises(data, source, load_fiches(source.parent))
    if source.name == "glossary.toml":
        return validate_glossary(data, source, load_fiches(source.parent))
    return (
        validate_guide(data, source)
        if source.name == "guide.toml"
        else validate_fiche(data, source)
    )


def load_file(path: Path) -> Fiche | Guide | Glossary | Exercises:
    """Load and validate one file (uncached: the tests feed it broken files)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path}: cannot be read as TOML ({error})") from error
    return validate(data, Path(path))


@functools.cache
def load_fiches(directory: Path = CONTENT_DIR) -> tuple[Fiche, ...]:
    """All fiches by number; a tuple, since the cached value is shared by every caller."""
    fiches = []
    for path in Path(directory).glob("fiche-*.toml"):
        fiches.append(fiche := load_file(path))
        if path.name != f"fiche-{fiche.number}.toml":
            raise ContentError(f"{path}: number {fiche.number} does not match the file name")
    fiches.sort(key=lambda fiche: fiche.number)
    if [fiche.number for fiche in fiches] != list(range(1, len(THEMES) + 1)):
        raise ContentError(f"{directory}: expected fiche-1.toml to fiche-{len(THEMES)}.toml")
    return tuple(fiches)


def load_fiche(number: int, directory: Path = CONTENT_DIR) -> Fiche:
    for fiche in load_fiches(directory):
        if fiche.number == number:
            return fiche
    raise KeyError(number)


@functools.cache
def load_guide(path: Path = CONTENT_DIR / "guide.toml") -> Guide:
    if Path(path).name != "guide.toml":
        raise ContentError(f"{path}: the framing pages must be in a file named guide.toml")
    return load_file(path)


def five_steps() -> tuple[Step, ...]:
    """FICHE 1's five-step transformation project: the skeleton of the action plan."""
    return next(block.steps for block in load_fiche(1).method if _is_five_steps(block))


@functools.cache
def load_glossary(path: Path = CONTENT_DIR / "glossary.toml") -> Glossary:
    if Path(path).name != "glossary.toml":
        raise ContentError(f"{path}: the explained words must be in a file named glossary.toml")
    return load_file(path)


def explained_terms(statement_code: str) -> tuple[Term, ...]:
    """The terms explained under one quiz statement (by its code), in the glossary's order."""
    return tuple(t for t in load_glossary().terms if statement_code in t.statements)


@functools.cache
def load_exercises(path: Path = CONTENT_DIR / "exercises.toml") -> Exercises:
    if Path(path).name != "exercises.toml":
        raise ContentError(f"{path}: the team exercises must be in a file named exercises.toml")
    return load_file(path)
