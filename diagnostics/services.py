"""Workflows of a diagnostic session: opening, answering, closing, publishing.

The guide's scoring and visibility rules are in `diagnostics.scoring`; the quiz in
`diagnostics.quiz`.
"""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.signed import hash_token, new_token
from diagnostics import publication, scoring
from diagnostics.models import Answer, DiagnosticSession, Respondent, SheetStart
from diagnostics.radar import Series, radar_svg


class SessionStateError(Exception):
    """A transition that the session's current state does not allow."""


class TooFewNewSheetsError(SessionStateError):
    """Publishing again now would show the answers of fewer than k people by difference."""


class OnlineBelowThresholdError(SessionStateError):
    """k sheets, but 1 to k − 1 online beside paper ones: publishing would show them."""


# --- Life cycle ---------------------------------------------------------------------------


@transaction.atomic
def open_session(session):
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_draft:
        raise SessionStateError
    locked.status = DiagnosticSession.Status.OPEN
    locked.opened_at = timezone.now()
    if locked.team_size is None:
        # The cap freezes with k: a headcount changed later must not let more sheets in.
        locked.team_size = locked.cooperative.headcount
    locked.save(update_fields=["status", "opened_at", "team_size"])
    return locked


@transaction.atomic
def close_session(session):
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_open:
        raise SessionStateError
    locked.status = DiagnosticSession.Status.CLOSED
    locked.closed_at = timezone.now()
    # The final results: every submitted sheet, unless that differs from what was published by
    # fewer than k sheets (then the published copy stays the results: diagnostics.publication).
    final = publication.snapshot(locked, scoring.statement_counts(locked))
    if publication.may_replace(locked, final):
        locked.results_snapshot = (
            final if publication.enough_to_show(locked, *publication.sheet_counts(final)) else None
        )
    locked.save(update_fields=["status", "closed_at", "results_snapshot"])
    # Unsent sheets never count: they go now, with their answers. Their rows are locked
    # first, so an answer step in flight finishes before (and is deleted) or finds no sheet.
    unsent = locked.respondents.filter(submitted_at__isnull=True)
    list(unsent.select_for_update().values_list("pk", flat=True))
    unsent.delete()
    # The anonymity promise: once closed, no query leads from a member to an answer sheet,
    # and no token held by any device opens one. Times would tie a sheet to a person as well
    # (« she sent hers at 10:32, in the meeting »): sheets and answers keep the closing time.
    locked.respondents.update(
        membership=None,
        token_hash=None,
        paper_key=None,
        created_at=locked.closed_at,
        submitted_at=locked.closed_at,
    )
    Answer.objects.filter(respondent__session=locked).update(updated_at=locked.closed_at)
    return locked


# --- Answering ------------------------------------------------------------------------------


# A sheet is reached only through the token its device holds (a cookie); a login never leads
# to one (issue 12: the facilitator can log in as a member, or hold their invitation).
# Sheets are capped at the team's size and their creation is throttled, so that k counts people.
# The cap is what bounds padding; the throttle slows scripts and junk without standing in the
# way of a team that arrives together:
# - per link, max(LINK_SHEETS, half the team) a minute, whatever the addresses: a room of 50
#   scanning the QR code in the same minute fits (a bigger assembly's latecomers are asked to
#   retry a minute later); a script rotating addresses needs minutes to reach the cap;
# - per client address (IPv6: per /64, which one client holds whole), max(ADDRESS_SHEETS, team)
#   per ADDRESS_WINDOW over all links: a team of 40 behind one office NAT, with a few « Ce n'est
#   pas moi » restarts, fits in 60 per 10 minutes; one address cannot fill link after link.
LINK_SHEETS, LINK_WINDOW = 50, timedelta(minutes=1)
ADDRESS_SHEETS, ADDRESS_WINDOW = 60, timedelta(minutes=10)
# Two « Commencer » posts carrying the same form token within this delay are one click.
DOUBLE_CLICK = timedelta(minutes=2)


class SheetRefused(Exception):
    """No sheet for this device; `reason` says why, in terms the page explains."""

    MEMBERS_ONLY = "members_only"  # a members-only session and no member logged in
    ELSEWHERE = "elsewhere"  # this member's unsent sheet is on another device
    SUBMITTED_ELSEWHERE = "submitted_elsewhere"  # and sent: counted, never reopened
    FULL = "full"  # as many sheets as people in the team
    BUSY = "busy"  # throttled: too many sheets from this link or address just now

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def find_respondent(session, token):
    """The sheet this device's token opens: only while the session is open (closing cuts
    every token), and never through a membership."""
    if not token or not session.is_open:
        return None
    return session.respondents.filter(token_hash=hash_token(token)).first()


def sheet_elsewhere(session, membership):
    """Whether this member has a sheet in the session ("unsent", "submitted") or None. Says
    only that: the sheet stays on the device that holds its token."""
    if membership is None:
        return None
    sheet = session.respondents.filter(membership=membership).only("submitted_at").first()
    if sheet is None:
        return None
    return "submitted" if sheet.is_submitted else "unsent"


def start_respondent(session, membership=None, token=None):
    """Create an answer sheet, without limits (the demo, benchmarks): returns (respondent, raw
    token). The raw token is never stored."""
    token = token or new_token()
    origin = Respondent.Origin.MEMBER if membership else Respondent.Origin.LINK
    respondent = Respondent.objects.create(
        session=session, token_hash=hash_token(token), membership=membership, origin=origin
    )
    return respondent, token


def address_key(address):
    """The throttle's key for a client address: a keyed hash (no address is stored), of the
    /64 for IPv6."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6:
        address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return salted_hmac("qvt.sheet-start", str(address), algorithm="sha256").hexdigest()


def _check_throttle(session, address):
    now = timezone.now()
    team = session.sheet_cap
    recent = session.respondents.filter(created_at__gte=now - LINK_WINDOW).count()
    if recent >= max(LINK_SHEETS, team // 2):
        raise SheetRefused(SheetRefused.BUSY)
    if address is None:
        return
    key = address_key(address)
    SheetStart.objects.filter(created_at__lt=now - ADDRESS_WINDOW).delete()
    if SheetStart.objects.filter(address_key=key).count() >= max(ADDRESS_SHEETS, team):
        raise SheetRefused(SheetRefused.BUSY)
    SheetStart.objects.create(address_key=key)


@transaction.atomic
def open_sheet(session, *, membership=None, token=None, address=None, restart=False):
    """The « Commencer » button: a new sheet for this device, within the session's rules.
    Returns (respondent, raw token) or raises SheetRefused / SessionStateError.

    `token` is the one the start form carried: a second post of the same form (a double
    click, or two at once) gets the same empty sheet rather than a second one. `restart` lets
    a member discard their unsent sheet from another device (its answers are never shown)."""
    # The session's row lock serialises sheet creation: the cap holds under concurrent posts.
    locked = (
        DiagnosticSession.objects.select_for_update()
        .select_related("cooperative")
        .get(pk=session.pk)
    )
    if not locked.is_open:
        raise SessionStateError
    if token:
        same = locked.respondents.filter(token_hash=hash_token(token)).first()
        if (
            same is not None
            and not same.is_submitted
            and same.created_at >= timezone.now() - DOUBLE_CLICK
            and not same.answers.exists()
        ):
            return same, token
        if same is not None:
            token = None  # an old form: never a way into a sheet
    if locked.members_only and membership is None:
        raise SheetRefused(SheetRefused.MEMBERS_ONLY)
    if membership is not None:
        own = locked.respondents.filter(membership=membership).first()
        if own is not None and own.is_submitted:
            raise SheetRefused(SheetRefused.SUBMITTED_ELSEWHERE)
        if own is not None and not restart:
            raise SheetRefused(SheetRefused.ELSEWHERE)
        if own is not None:
            discard_unsent(own)
    if locked.respondents.count() >= locked.sheet_cap:
        raise SheetRefused(SheetRefused.FULL)
    _check_throttle(locked, address)
    return start_respondent(locked, membership, token)


def discard_unsent(respondent):
    """Delete a sheet that was never sent, with its answers. A submitted sheet is never
    deleted while its session is open (no differencing: what was counted stays counted)."""
    return Respondent.objects.filter(pk=respondent.pk, submitted_at__isnull=True).delete()[0] > 0


def save_answers(respondent, values, next_theme):
    """Upsert {statement_id: value}; one row per statement even when the same step races.
    Returns False, writing nothing, when the sheet was sent (or deleted at close) meanwhile:
    a submitted sheet is frozen."""
    with transaction.atomic():
        # The update takes the sheet's row lock first: submit() and close wait for this step,
        # or this step sees their result.
        updated = Respondent.objects.filter(pk=respondent.pk, submitted_at__isnull=True).update(
            current_theme=next_theme
        )
        if not updated:
            return False
        Answer.objects.bulk_create(
            [
                Answer(respondent=respondent, statement_id=sid, value=value)
                for sid, value in values.items()
            ],
            update_conflicts=True,
            unique_fields=["respondent", "statement"],
            update_fields=["value", "updated_at"],
        )
    respondent.current_theme = next_theme
    return True


@transaction.atomic
def submit(respondent, statement_count):
    """Send a complete sheet; from then on it is frozen. False if incomplete or the session
    is no longer open (closing holds the session's lock: a submit waits for it)."""
    if respondent.is_submitted:
        return True
    if (
        not DiagnosticSession.objects.select_for_update()
        .filter(pk=respondent.session_id, status=DiagnosticSession.Status.OPEN)
        .exists()
    ):
        return False
    if respondent.answers.count() < statement_count:
        return False
    now = timezone.now()
    # Under the session's lock nothing deletes the sheet; 0 rows means it was sent meanwhile.
    if Respondent.objects.filter(pk=respondent.pk, submitted_at__isnull=True).update(
        submitted_at=now
    ):
        respondent.submitted_at = now
    return True


# --- Publishing and reminding ------------------------------------------------------------------


@transaction.atomic
def reveal_results(session):
    """Publish the results of an open session as they stand now (at least k respondents). Once
    published, publishing again needs k sheets that the copy shown does not have."""
    locked = DiagnosticSession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_open:
        raise SessionStateError
    candidate = publication.snapshot(locked, scoring.statement_counts(locked))
    if publication.online_below_threshold(locked, *publication.sheet_counts(candidate)):
        raise OnlineBelowThresholdError
    if not publication.enough_to_show(locked, *publication.sheet_counts(candidate)):
        raise SessionStateError
    if not publication.may_replace(locked, candidate):
        raise TooFewNewSheetsError
    locked.results_snapshot = candidate
    locked.revealed_at = timezone.now()
    locked.save(update_fields=["results_snapshot", "revealed_at"])
    return locked


@dataclass(frozen=True)
class Progress:
    """« 4 sur 6 » and its bar: counts only, never who."""

    submitted: int
    expected: int

    @property
    def step(self):
        """The share sent, in steps of 5 % (CSS classes for the bar: no inline style, CSP)."""
        if not self.expected:
            return 0
        return min(100, round(100 * self.submitted / self.expected / 5) * 5)


def progress(session, submitted):
    """Sheets sent against the team: its declared size (frozen at opening), else the
    cooperative's members (one more query)."""
    expected = session.team_size or session.cooperative.memberships.count()
    return Progress(submitted, expected)


def members_to_remind(session):
    """Memberships of the cooperative without a submitted answer sheet in this session. Used
    only to send emails: the facilitator is never shown who they are."""
    answered = session.respondents.submitted().filter(membership__isnull=False)
    return session.cooperative.memberships.exclude(pk__in=answered.values("membership_id"))


def radar_for(results, extra_series=()):
    collective = Series(_("Moyenne des réponses"), tuple(t.score for t in results.themes))
    svg = radar_svg(
        [t.theme.localized_title for t in results.themes],
        [collective, *extra_series],
        max_value=scoring.MAX_THEME_SCORE,
        title=_("Cartographie : score par thème, de 0 à 5"),
    )
    return mark_safe(svg)  # noqa: S308 - every text inside was escaped by radar_svg
