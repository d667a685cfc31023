"""The exercises' workflows: writing, adopting and revising the charter, comparing its versions,
and sending what the team decides to the action plan (through plans' own services)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from diagnostics.answer_views import member_of
from diagnostics.models import Theme
from exercises.models import Charter, CharterRule
from fiches.content_loader import load_exercises
from plans import services as plans
from plans.models import Action

# --- The guide's words, keyed by the codes the models store --------------------------------


def purposes():
    """{code: Purpose} in the guide's order (FICHE 6's table)."""
    return {p.code: p for p in load_exercises().charter.purposes}


def dimensions():
    """{code: Dimension} in the guide's order (FICHE 3's four times)."""
    return {d.code: d for d in load_exercises().time.dimensions}


# --- The charter ------------------------------------------------------------------------------


def current_charter(cooperative):
    """The last adopted version, or None."""
    return cooperative.charters.adopted().first()


def draft_of(cooperative):
    return cooperative.charters.filter(adopted_on__isnull=True).first()


@transaction.atomic
def start_draft(cooperative, user):
    """The draft to edit: the existing one, or a new version prefilled from the last adopted
    version (a revision) or, the first time, from the guide's table (one row per tool)."""
    draft = draft_of(cooperative)
    if draft is not None:
        return draft
    last = cooperative.charters.aggregate(last=Max("version"))["last"] or 0
    try:
        with transaction.atomic():
            draft = Charter.objects.create(
                cooperative=cooperative, version=last + 1, created_by=user
            )
    except IntegrityError:  # two facilitators clicking at once: the other one's draft wins
        return draft_of(cooperative)
    previous = current_charter(cooperative)
    if previous is not None:
        rows = [
            CharterRule(
                charter=draft,
                purpose=r.purpose,
                tool=r.tool,
                position=r.position,
                **{name: getattr(r, name) for name in CharterRule.FIELDS},
            )
            for r in previous.rules.all()
        ]
    else:
        rows = [
            CharterRule(charter=draft, purpose=p.code, tool=tool, position=i)
            for i, (p, tool) in enumerate((p, t) for p in purposes().values() for t in p.tools)
        ]
    CharterRule.objects.bulk_create(rows)
    return draft


@transaction.atomic
def adopt(draft, adopted_on):
    """The draft becomes the charter in force on that date; it is never edited again."""
    draft.adopted_on = adopted_on
    draft.save(update_fields=["adopted_on", "updated_at"])
    return draft


def rules_by_purpose(charter):
    """[(Purpose, [CharterRule])] in the guide's order: one query."""
    by_code = {}
    for rule in charter.rules.all():
        by_code.setdefault(rule.purpose, []).append(rule)
    return [(p, by_code.get(code, [])) for code, p in purposes().items()]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class RuleChange:
    kind: str  # "added", "removed", "changed"
    purpose: str
    tool: str
    fields: tuple[FieldChange, ...] = ()


def differences(before, after):
    """What changed from one version to the next, tool by tool (a tool is its purpose and its
    name, case aside): added, removed, or changed field by field. Two queries."""

    def key(rule):
        return (rule.purpose, rule.tool.strip().casefold())

    old = {key(r): r for r in before.rules.all()}
    new = {key(r): r for r in after.rules.all()}
    labels = {name: CharterRule._meta.get_field(name).verbose_name for name in CharterRule.FIELDS}
    changes = []
    for k, rule in new.items():
        if k not in old:
            changes.append(RuleChange("added", rule.purpose, rule.tool))
            continue
        fields = tuple(
            FieldChange(name, labels[name], getattr(old[k], name), getattr(rule, name))
            for name in CharterRule.FIELDS
            if getattr(old[k], name).strip() != getattr(rule, name).strip()
        )
        if fields:
            changes.append(RuleChange("changed", rule.purpose, rule.tool, fields))
    changes += [RuleChange("removed", r.purpose, r.tool) for k, r in old.items() if k not in new]
    order = list(purposes())
    return sorted(changes, key=lambda c: order.index(c.purpose))


def link_may_read(request, session):
    """May whoever opened this session's join link read the cooperative's charter? Anyone the
    link reached, as for the team's results, except for a members-only session: then only a
    logged-in member of the cooperative (the rule of its answer pages)."""
    return not session.members_only or member_of(request, session) is not None


def previous_version(charter):
    return (
        charter.cooperative.charters.adopted().filter(version__lt=charter.version).first()
        if charter.adopted_on
        else None
    )


# --- The time compromise ----------------------------------------------------------------------


def time_board(cooperative):
    """The four times with their constraints and leeway, and the arrangements: two queries."""
    notes = {}
    for note in cooperative.time_notes.all():
        notes.setdefault((note.dimension, note.kind), []).append(note)
    board = [
        (d, notes.get((code, "constraint"), []), notes.get((code, "leeway"), []))
        for code, d in dimensions().items()
    ]
    arrangements = list(cooperative.time_arrangements.select_related("action"))
    return {"board": board, "arrangements": arrangements}


# --- What every member may add in the meeting -------------------------------------------------

# Every member may add a card or a note from their phone: without a cap, one person posting in a
# loop would bury what the others wrote and stretch the projector's diagram and the compte
# rendu without end. Far more than a meeting writes (the guide's examples are a dozen), and
# the facilitator makes room by removing items.
MAX_INFO_CARDS = 60
MAX_TIME_NOTES = 120


class BoardFull(Exception):
    """The board holds its maximum number of items; nothing was added."""


@transaction.atomic
def _add_within_cap(cooperative, item, related_name, cap):
    # The cooperative's row is locked so that phones posting at once cannot pass the cap
    # together (PostgreSQL; SQLite writes one at a time anyway).
    type(cooperative).objects.select_for_update().filter(pk=cooperative.pk).first()
    if getattr(cooperative, related_name).count() >= cap:
        raise BoardFull(cap)
    item.cooperative = cooperative
    item.save()
    return item


def add_card(cooperative, card):
    """Put a member's card on the diagram, unless it holds MAX_INFO_CARDS (BoardFull)."""
    return _add_within_cap(cooperative, card, "info_cards", MAX_INFO_CARDS)


def add_note(cooperative, note):
    """Put a member's note on the time board, unless it holds MAX_TIME_NOTES (BoardFull)."""
    return _add_within_cap(cooperative, note, "time_notes", MAX_TIME_NOTES)


# --- Sending a decision to the action plan --------------------------------------------------


class NoPlanError(LookupError):
    """The cooperative has no session whose plan can take actions (closed, results visible)."""


def plan_session(cooperative):
    """The latest session whose action plan is open: closed with visible results (at most a few
    queries: the newest closed sessions first)."""
    closed = cooperative.sessions.filter(status="closed").order_by("-closed_at", "-pk")
    for session in closed[:5]:
        if plans.results_visible(session)[0]:
            return session
    return None


def send_to_plan(cooperative, *, theme_code, title, step, description=""):
    """Create the action in the latest plan, under the theme the exercise serves."""
    session = plan_session(cooperative)
    if session is None:
        raise NoPlanError(cooperative.pk)
    theme = Theme.objects.filter(questionnaire_id=session.questionnaire_id, code=theme_code).first()
    if theme is None:  # a later edition of the quiz without this theme: no plan to send it to
        raise NoPlanError(cooperative.pk)
    action = Action(
        session=session, theme=theme, step=step, title=title[:200], description=description
    )
    return plans.save_action(action)


def today():
    return timezone.localdate()


# --- The cooperative's page ----------------------------------------------------------------

DISCUSSIONS_ON_DASHBOARD = 5


def overview(cooperative):
    """What the dashboard shows of the exercises, over time: the charter in force and the latest
    discussion spaces. Two queries."""
    return {
        "charter": current_charter(cooperative),
        "discussions": list(cooperative.discussions.all()[:DISCUSSIONS_ON_DASHBOARD]),
    }
