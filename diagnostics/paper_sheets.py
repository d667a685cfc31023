"""Paper sheets (issue 15): the facilitator types in, one by one, the paper quizzes handed in
by people who do not answer on a phone.

A paper sheet is an ordinary anonymous answer sheet with `origin = PAPER`: counted in the cap
of the team's size, answered through the same upsert and sent through the same `submit` as an
online sheet, so frozen from then on; its results are the session's results, under the same
rules. What differs:

- nothing reaches it afterwards (no device token): it is entered and sent in one step;
- the tally form carries a one-time token; its keyed hash is the sheet's `paper_key` (unique),
  so the same form posted twice — a double click, the back button — is one sheet;
- a blank on the paper stays a blank (no answer row): it scores 0 like « ? » and « Non » (the
  guide's rule) and is counted in no statement's distribution;
- the facilitator knows every paper sheet, so results need the online part itself to be none or
  at least k sheets (`diagnostics.publication.enough_to_show`).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from diagnostics import quiz, services
from diagnostics.models import Answer, DiagnosticSession, Respondent


class PaperSheetRefused(Exception):
    """Nothing was entered; `reason` says why, in terms the tally page explains."""

    NOT_OPEN = "not_open"  # only an open session takes sheets
    MEMBERS_ONLY = "members_only"  # one sheet per logged-in member: a paper one names nobody
    FULL = "full"  # as many sheets as people in the team
    EMPTY = "empty"  # not one statement answered
    INVALID = "invalid"  # a statement of another questionnaire, or an unknown value

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Entered:
    """The outcome of one tally form: the sheet's rank among the session's paper sheets, and
    whether that form had already been entered (then nothing was added)."""

    number: int | None
    duplicate: bool = False


def entry_key(token):
    """The stored key of a tally form's token: a keyed hash, so that neither a copy of the
    database nor the form's token is a device token (find_respondent hashes without a key)."""
    return salted_hmac("qvt.paper-entry", token, algorithm="sha256").hexdigest()


def check_values(session, values):
    """`values` ({statement_id: value}) must name statements of the session's questionnaire and
    the guide's three answers: the tally form checks this, the service checks it again."""
    statements = {s.pk for s in quiz.statements_of(session.questionnaire_id)}
    if any(
        sid not in statements or value not in Answer.Value.values for sid, value in values.items()
    ):
        raise PaperSheetRefused(PaperSheetRefused.INVALID)
    if not values:
        raise PaperSheetRefused(PaperSheetRefused.EMPTY)


def enter_paper_sheet(session, values, token):
    """Enter one paper sheet with `values` ({statement_id: value}, blanks left out), sent at
    once. `token` is the tally form's one-time token. Returns `Entered`; raises
    PaperSheetRefused with nothing written."""
    try:
        return _enter(session, values, token)
    except IntegrityError:
        # The key is already taken: the same form posted twice at once where rows are not
        # locked (SQLite), or a form of one session posted to another. Nothing new is entered.
        return Entered(None, duplicate=True)


@transaction.atomic
def _enter(session, values, token):
    # The session's row lock serialises sheet creation (the cap) and the paper count.
    locked = (
        DiagnosticSession.objects.select_for_update()
        .select_related("cooperative")
        .get(pk=session.pk)
    )
    if not locked.is_open:
        raise PaperSheetRefused(PaperSheetRefused.NOT_OPEN)
    key = entry_key(token)
    if locked.respondents.filter(paper_key=key).exists():
        return Entered(None, duplicate=True)
    if locked.members_only:
        raise PaperSheetRefused(PaperSheetRefused.MEMBERS_ONLY)
    check_values(locked, values)
    if locked.respondents.count() >= locked.sheet_cap:
        raise PaperSheetRefused(PaperSheetRefused.FULL)
    sheet = Respondent.objects.create(
        session=locked, origin=Respondent.Origin.PAPER, paper_key=key, token_hash=None
    )
    last_theme = len(quiz.questionnaire_themes(locked.questionnaire_id))
    # The online sheets' own steps: the same upsert, and the same submit that freezes a sheet.
    services.save_answers(sheet, values, last_theme)
    if not services.submit(sheet, len(values)):
        raise PaperSheetRefused(PaperSheetRefused.NOT_OPEN)  # not reached: the lock is held
    DiagnosticSession.objects.filter(pk=locked.pk).update(paper_sheets=F("paper_sheets") + 1)
    return Entered(locked.paper_sheets + 1)
