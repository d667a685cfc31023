"""The meeting's votes from the members' phones: opening, casting, closing, revealing, and what
the projector may show (`vote_panel`). What is stored, and why it ties no ballot to anyone, is
in `plans.vote_models`."""

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from diagnostics import quiz, scoring
from diagnostics.models import DiagnosticSession
from plans.vote_models import PRIORITY_POINTS, STATEMENT_OPTIONS, Ballot, Tally, Vote

POINTS = re.compile(r"[0-3]")


class VoteError(Exception):
    """A vote action the state does not allow; ``str()`` says why, for the page."""


class InvalidBallot(VoteError):
    """A ballot that is not one of the choices offered (a forged form): the pad says 400."""


class AlreadyVoted(VoteError):
    pass


class VoteClosed(VoteError):
    pass


def _meeting_may_vote(session):
    # The meeting reads the final results: votes exist only then, like consolidation.
    return scoring.final_results_visible(session, scoring.participation(session).submitted)


@transaction.atomic
def open_vote(session, kind, statement=None):
    """Open a vote on `statement` (the team's answer) or on the priorities. One at a time."""
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    if not _meeting_may_vote(locked):
        raise VoteError(
            _(
                "Les votes ont lieu pendant la réunion, une fois la session clôturée et ses "
                "résultats visibles."
            )
        )
    if kind not in Vote.Kind.values or (kind == Vote.Kind.STATEMENT) != (statement is not None):
        raise VoteError(_("Ce vote n’existe pas."))
    if Vote.objects.filter(session=locked, closed_at__isnull=True).exists():
        raise VoteError(_("Un vote est déjà en cours : fermez-le avant d’en ouvrir un autre."))
    vote = Vote.objects.create(session=locked, kind=kind, statement=statement)
    Tally.objects.bulk_create(Tally(vote=vote, option=option) for option in vote.options())
    return vote


def current_vote(session):
    """The session's open vote, or None. One query."""
    return Vote.objects.filter(session=session, closed_at__isnull=True).first()


def _voter_key(vote, voter_pass):
    # A different value in every vote: two ballots of one phone cannot be linked together.
    return salted_hmac(f"qvt.ballot.{vote.pk}", voter_pass, algorithm="sha256").hexdigest()


def has_voted(vote, voter_pass):
    return Ballot.objects.filter(vote=vote, voter_key=_voter_key(vote, voter_pass)).exists()


def parse_ballot(vote, data, themes):
    """{option: count} from the pad's form, or InvalidBallot. A statement: one of Oui / ? /
    Non. The priorities: 0 to 3 points per theme, exactly 3 in all."""
    if vote.kind == Vote.Kind.STATEMENT:
        value = data.get("value")
        if value not in STATEMENT_OPTIONS:
            raise InvalidBallot(_("Choisissez Oui, Je ne sais pas ou Non."))
        return {value: 1}
    points = {}
    for theme in themes:
        raw = (data.get(f"points_{theme.code}") or "0").strip()
        if not POINTS.fullmatch(raw):
            raise InvalidBallot(_("Chaque thème reçoit de 0 à 3 points."))
        points[theme.code] = int(raw)
    if sum(points.values()) != PRIORITY_POINTS:
        raise InvalidBallot(
            _("Répartissez exactement 3 points (vous en avez donné %(given)s).")
            % {"given": sum(points.values())}
        )
    return {code: n for code, n in points.items() if n}


@transaction.atomic
def cast(vote, voter_pass, choice):
    """Count one ballot: the pass's mark (to refuse a second), the totals, the voter count —
    all or nothing. Raises VoteClosed or AlreadyVoted, storing nothing."""
    # The update takes the vote's row lock: closing waits for this ballot, or this finds it closed.
    if not Vote.objects.filter(pk=vote.pk, closed_at__isnull=True).update(voters=F("voters") + 1):
        raise VoteClosed(_("Ce vote est terminé."))
    try:
        with transaction.atomic():
            Ballot.objects.create(vote=vote, voter_key=_voter_key(vote, voter_pass))
    except IntegrityError:
        message = _("Ce téléphone a déjà voté : un vote par questionnaire envoyé.")
        raise AlreadyVoted(message) from None
    for option, count in choice.items():
        Tally.objects.filter(vote=vote, option=option).update(total=F("total") + count)


@transaction.atomic
def close_vote(vote):
    """No more ballots; the marks that refused a second ballot go (nothing needs them now)."""
    Vote.objects.filter(pk=vote.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    Ballot.objects.filter(vote=vote).delete()


@transaction.atomic
def reveal_vote(vote):
    """Show the totals on the projector: a vote still open is closed first (totals that move
    would show each new ballot by difference). Below k the panel still shows nothing."""
    close_vote(vote)
    Vote.objects.filter(pk=vote.pk, revealed_at__isnull=True).update(revealed_at=timezone.now())


# --- The projector's panel ---------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    option: str
    label: str
    total: int


@dataclass(frozen=True)
class Panel:
    session: DiagnosticSession
    vote: Vote | None
    threshold: int
    visible: bool  # revealed, closed, and from k voters
    rows: list
    retained: list  # priorities vote: the themes with most points (up to 3), for « Retenir »

    @property
    def hidden_below_threshold(self):
        return self.vote is not None and self.vote.is_revealed and not self.visible


def _labels(vote, themes):
    if vote.kind == Vote.Kind.STATEMENT:
        return {"yes": _("Oui"), "unsure": _("Je ne sais pas"), "no": _("Non")}
    return {theme.code: theme.localized_title for theme in themes}


def vote_panel(session):
    """What the projector may show of the session's latest vote: always the voter count; the
    totals only once revealed (hence closed) and from k voters. Two queries at most."""
    vote = (
        Vote.objects.filter(session=session)
        .select_related("statement")
        .order_by("-opened_at", "-pk")
        .first()
    )
    visible = bool(vote and vote.is_revealed and not vote.is_open)
    visible = visible and scoring.vote_visible(session, vote.voters)
    rows, retained = [], []
    if visible:
        themes = quiz.questionnaire_themes(session.questionnaire_id)
        labels = _labels(vote, themes)
        totals = dict(Tally.objects.filter(vote=vote).values_list("option", "total"))
        rows = [Row(option, labels.get(option, option), totals.get(option, 0)) for option in labels]
        if vote.kind == Vote.Kind.PRIORITIES:
            by_code = {theme.code: theme for theme in themes}
            rows.sort(key=lambda row: -row.total)  # stable: questionnaire order breaks ties
            retained = [by_code[row.option] for row in rows if row.total][:3]
    return Panel(session, vote, session.anonymity_threshold, visible, rows, retained)


def join_link_notice(session, token):
    """The join link's pages point to the pad while a vote is open (after the close only: votes
    exist then, so an open session's pages pay no query)."""
    if not session.is_closed or current_vote(session) is None:
        return []
    return [(_("Un vote est en cours : votez ici"), reverse("plans:vote_pad", args=[token]))]
