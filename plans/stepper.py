"""Where a session stands on the guide's path, and the one « next » button that fits (issue 14,
point 1): Réponses → Réunion → Priorités → Démarche et actions → Compte rendu → Suivi.

`state_of` is the one rule (tested per state); `stepper_for` adds the links and the primary
button for one person on one page; `templates/plans/includes/stepper.html` draws it, included
by every session page (`{% load stepper %}{% session_stepper "results" %}`). The session page
itself lives in diagnostics, which cannot import plans: plans hands it the rendered stepper
through `diagnostics.session_page` (registered in `PlansConfig.ready`).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnostics import scoring
from diagnostics.models import DiagnosticSession
from diagnostics.quiz import statements_of
from plans import priorities
from plans.models import Action, ConsolidatedAnswer

# The six steps, in the guide's order: (key, label).
STEPS = (
    ("answers", gettext_lazy("Réponses")),
    ("meeting", gettext_lazy("Réunion")),
    ("priorities", gettext_lazy("Priorités")),
    ("method", gettext_lazy("Démarche et actions")),
    ("summary", gettext_lazy("Compte rendu")),
    ("followup", gettext_lazy("Suivi")),
)
STEP_KEYS = [key for key, _label in STEPS]


class State:
    DRAFT = "draft"
    OPEN = "open"
    CLOSED_BELOW_K = "closed_below_k"
    CLOSED = "closed"  # results visible, the team has not agreed on every statement yet
    CONSOLIDATED = "consolidated"  # every statement has the team's answer
    PRIORITISED = "prioritised"  # the team kept its 1 to 3 priorities, no action yet
    PLANNED = "planned"  # at least one action
    FOLLOWED_UP = "followed_up"  # a later session has this one as `previous`


# The step the session is at, for each state.
CURRENT_STEP = {
    State.DRAFT: "answers",
    State.OPEN: "answers",
    State.CLOSED_BELOW_K: "answers",
    State.CLOSED: "meeting",
    State.CONSOLIDATED: "priorities",
    State.PRIORITISED: "method",
    State.PLANNED: "summary",
    State.FOLLOWED_UP: "followup",
}


@dataclass(frozen=True)
class Later:
    """The latest session run in the suite of this one (its pk and title are all we link)."""

    pk: int
    title: str


@dataclass(frozen=True)
class Facts:
    """What the state is decided on, read in at most three queries whatever the team's size."""

    state: str
    results_visible: bool  # final results: closed and k reached
    chosen: list = field(default_factory=list)
    followup: Later | None = None


def _progress(session):
    """Agreed answers, whether there is an action, and the latest follow-up: one query."""
    later = DiagnosticSession.objects.filter(previous=OuterRef("pk")).order_by("-created_at", "-pk")
    agreed = (
        ConsolidatedAnswer.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        DiagnosticSession.objects.filter(pk=session.pk)
        .annotate(
            agreed=Coalesce(Subquery(agreed), 0),
            planned=Exists(Action.objects.filter(session=OuterRef("pk"))),
            later_pk=Subquery(later.values("pk")[:1]),
            later_title=Subquery(later.values("title")[:1]),
        )
        .values("agreed", "planned", "later_pk", "later_title")
        .get()
    )


def state_of(session, submitted=None):
    """The session's state on the path (one of `State`), with the facts the links need.
    `submitted`: the number of sent sheets when the page already counted them."""
    if session.is_draft:
        return Facts(State.DRAFT, False)
    if session.is_open:
        return Facts(State.OPEN, False)
    if submitted is None and session.results_snapshot is None:
        # A session closed with its copy of the results reads its count there (hidden_reason).
        submitted = scoring.participation(session).submitted
    if not scoring.final_results_visible(session, submitted):
        return Facts(State.CLOSED_BELOW_K, False)
    progress = _progress(session)
    if progress["later_pk"] is not None:
        later = Later(progress["later_pk"], progress["later_title"])
        return Facts(State.FOLLOWED_UP, True, followup=later)
    if progress["planned"]:
        return Facts(State.PLANNED, True)
    chosen = priorities.chosen(session)
    if chosen:
        return Facts(State.PRIORITISED, True, chosen)
    agreed = progress["agreed"]
    if agreed and agreed >= len(statements_of(session.questionnaire_id)):
        return Facts(State.CONSOLIDATED, True)
    return Facts(State.CLOSED, True)


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    number: int
    url: str  # "" when the step cannot be opened yet (or by this person)
    done: bool
    current: bool  # where the session stands
    here: bool  # the page being shown belongs to this step


@dataclass(frozen=True)
class Button:
    label: str
    url: str
    post: bool = False  # a state change: drawn as a form with the CSRF token


@dataclass(frozen=True)
class Stepper:
    state: str
    steps: list
    primary: Button | None

    @property
    def current(self):
        return next(step for step in self.steps if step.current)


def _url(name, *args, query=""):
    """The URL, or "" for a page another helper has not landed yet (plans:meeting and
    plans:summary are built at the same time as the stepper)."""
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return ""


def _method_theme(session, facts):
    """The theme whose method page « Démarche et actions » opens: the first chosen priority,
    else the first proposed one."""
    if facts.chosen:
        return facts.chosen[0]
    results = scoring.results_state(session).results
    ranked = priorities.rank_priorities(results) if results else []
    return ranked[0].theme if ranked else None


def _step_urls(session, facts, facilitator):
    slug, pk = session.cooperative.slug, session.pk
    urls = dict.fromkeys(STEP_KEYS, "")
    urls["answers"] = _url("diagnostics:session", slug, pk)
    if not facts.results_visible:
        return urls
    urls["meeting"] = (
        _url("plans:meeting", slug, pk) if facilitator else _url("plans:results", slug, pk)
    )
    urls["priorities"] = _url("plans:priorities", slug, pk)
    urls["method"] = _url("plans:plan", slug, pk)
    urls["summary"] = _url("plans:summary", slug, pk)
    if facts.followup is not None:
        urls["followup"] = _compare_url(session, facts.followup)
    elif facilitator:
        urls["followup"] = _url("diagnostics:session_create", slug, query=f"?suite={pk}")
    return urls


def _compare_url(session, later):
    return _url(
        "followup:compare", session.cooperative.slug, query=f"?avant={session.pk}&apres={later.pk}"
    )


def _primary(session, facts, facilitator, urls):
    """The one « next » button of a state, for this person (None when there is nothing for them
    to do: a member cannot open, close or plan)."""
    slug, pk = session.cooperative.slug, session.pk
    state = facts.state
    if state == State.DRAFT:
        if facilitator:
            return Button(_("Ouvrir la session"), _url("diagnostics:session_open", slug, pk), True)
        return None
    if state == State.OPEN:
        if facilitator:
            return Button(_("Clôturer la session"), _url("diagnostics:session_close", slug, pk))
        return Button(_("Répondre au questionnaire"), session.get_join_url())
    if state == State.CLOSED_BELOW_K:
        if facilitator:
            return Button(_("Relancer un diagnostic"), _url("diagnostics:session_create", slug))
        return None
    if state == State.CLOSED:
        if facilitator:
            return Button(_("Lancer l’atelier avec l’équipe"), urls["meeting"])
        return Button(_("Résultats de l’équipe"), _url("plans:results", slug, pk))
    if state == State.CONSOLIDATED:
        label = _("Choisir les priorités") if facilitator else _("Voir les priorités")
        return Button(label, urls["priorities"])
    if state == State.PRIORITISED:
        theme = _method_theme(session, facts)
        url = _url("plans:method", slug, pk, theme.code) if theme else urls["method"]
        label = _("Décider des actions") if facilitator else _("Voir la démarche")
        return Button(label, url)
    if state == State.PLANNED:
        return Button(_("Voir le compte rendu"), urls["summary"] or urls["method"])
    return Button(
        _("Comparer avec « %(title)s »") % {"title": facts.followup.title}, urls["followup"]
    )


def stepper_for(session, membership, page="", path="", submitted=None):
    """The stepper of `session` for `membership`, drawn on a page of step `page` (one of
    STEP_KEYS, "" for none) at `path`: the primary button is left out on the page it leads to.
    `submitted`: the page's own count of sent sheets, to save a query."""
    facts = state_of(session, submitted)
    facilitator = bool(membership and membership.is_facilitator)
    urls = _step_urls(session, facts, facilitator)
    current = STEP_KEYS.index(CURRENT_STEP[facts.state])
    steps = [
        Step(key, str(label), i + 1, urls[key], i < current, i == current, key == page)
        for i, (key, label) in enumerate(STEPS)
    ]
    primary = _primary(session, facts, facilitator, urls)
    if primary is not None and _leads_here(primary.url, path, page == CURRENT_STEP[facts.state]):
        primary = None
    return Stepper(facts.state, steps, primary)


def _leads_here(url, path, page_is_current_step):
    """Whether the button would only reload the page (or has nowhere to go). On the page of the
    current step the query string does not count: the comparison page is the follow-up step
    whichever pair it shows by default."""
    if not url or url == path:
        return True
    return page_is_current_step and url.split("?")[0] == path.split("?")[0]


def render_on_session_page(request, session, membership):
    """The stepper as HTML for diagnostics' session page (`diagnostics.session_page`)."""
    stepper = stepper_for(session, membership, page="answers", path=request.path)
    return render_to_string("plans/includes/stepper.html", {"stepper": stepper}, request=request)
