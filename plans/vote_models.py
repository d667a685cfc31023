"""Votes from the members' phones during the meeting (issue 14, point 3).

The meeting happens after the close, when no token reaches an answer sheet any more. So a
phone proves it is one of the session's sheets with its **vote pass**: at submit, the device
receives a signed cookie (`diagnostics.answer_views.set_voter_pass`) holding
``HMAC(secret, session, the sheet's raw token)``. The raw token is never stored (only its
SHA-256, itself cut at close), so the pass names no sheet and no person; it is the same value
however often it is issued for one sheet (a double submit gives one pass, not two); the
signature proves the server issued it, so only a device that sent a sheet holds one — at most
one pass per sent sheet.

What is stored of a vote:

- ``Ballot``: one row per pass per vote, only to refuse a second vote (a unique constraint). It
  holds ``HMAC(secret, vote, pass)`` — a different value in every vote, so two ballots of one
  phone cannot even be linked together — and **no value, no time**. Ballots are deleted when
  the vote closes: once nobody may vote, nothing needs them.
- ``Tally``: the totals, incremented in the same transaction as the ballot. Nothing records
  which ballot added what, nor when: neither the order of the rows nor any ``created_at`` can
  be matched to the moment someone tapped.
- ``Vote.voters``: the count the projector shows while the vote is open.

The totals are shown only once the facilitator reveals a closed vote, and only from k voters
(`diagnostics.scoring.vote_visible`); never while the vote is open, since each new total
would show the latest ballot by difference. The facilitator cannot replay a vote: the pass
lives in an HttpOnly cookie of the member's device, appears in no page or response, and a
second ballot with the same pass is refused.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from diagnostics.models import Answer, DiagnosticSession, Statement

STATEMENT_OPTIONS = [value for value, _label in Answer.Value.choices]
PRIORITY_POINTS = 3  # each person spreads 3 points over the six themes


class Vote(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Réponse à une affirmation")
        PRIORITIES = "priorities", _("Priorités")

    session = models.ForeignKey(DiagnosticSession, on_delete=models.CASCADE, related_name="votes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    voters = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        ordering = ["session", "-opened_at", "-pk"]
        constraints = [
            # One open vote per session: the phones show one pad.
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(closed_at__isnull=True),
                name="vote_one_open_per_session",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="statement", statement__isnull=False)
                    | models.Q(kind="priorities", statement__isnull=True)
                ),
                name="vote_kind_statement",
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.get_kind_display()}"

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def is_revealed(self):
        return self.revealed_at is not None

    def options(self):
        """The tally's options: the three answers, or the themes' codes."""
        if self.kind == self.Kind.STATEMENT:
            return list(STATEMENT_OPTIONS)
        return list(self.session.questionnaire.themes.values_list("code", flat=True))


class Ballot(models.Model):
    """A pass that voted in a vote: no value, no time (see the module's docstring)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="+")
    voter_key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter_key"], name="ballot_one_per_pass")
        ]

    def __str__(self):
        return f"#{self.pk}"


class Tally(models.Model):
    """A vote's total for one option: people for an answer, points for a theme."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="tallies")
    option = models.CharField(max_length=50)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "option"], name="tally_one_option")]

    def __str__(self):
        return f"{self.option}: {self.total}"
