"""What the team decides after the diagnostic: its agreed answers and its action plan."""

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Membership
from diagnostics.models import Answer, DiagnosticSession, Statement, Theme

VALUES = [value for value, _label in Answer.Value.choices]


class ConsolidatedAnswer(models.Model):
    """The answer the team agreed on for one statement, after discussing the results together."""

    session = models.ForeignKey(
        DiagnosticSession, on_delete=models.CASCADE, related_name="consolidated_answers"
    )
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(_("réponse de l’équipe"), max_length=6, choices=Answer.Value.choices)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réponse de l’équipe")
        verbose_name_plural = _("réponses de l’équipe")
        ordering = ["session", "statement__theme__order", "statement__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "statement"], name="consolidated_one_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=VALUES), name="consolidated_value_valid"
            ),
        ]

    def __str__(self):
        return f"{self.statement.code} → {self.get_value_display()}"


class Action(models.Model):
    class Step(models.TextChoices):
        # FICHE 1's five steps, same codes as fiches.content_loader.FIVE_STEP_CODES.
        AVANT_PROJET = "avant-projet", _("Avant-projet")
        PREPARATION = "preparation", _("Préparation")
        VALIDATION = "validation", _("Validation des solutions")
        REALISATION = "realisation", _("Réalisation")
        SUIVI = "suivi", _("Suivi")

    class Status(models.TextChoices):
        TODO = "todo", _("À faire")
        IN_PROGRESS = "doing", _("En cours")
        DONE = "done", _("Fait")
        DROPPED = "dropped", _("Abandonnée")

    session = models.ForeignKey(DiagnosticSession, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="+", verbose_name=_("thème")
    )
    step = models.CharField(
        _("étape"),
        max_length=12,
        choices=Step.choices,
        default=Step.AVANT_PROJET,
        help_text=_("L’étape de la méthode en cinq temps de la fiche 1."),
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    owner_membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsable (membre)"),
    )
    owner_name = models.CharField(
        _("responsable (autre)"),
        max_length=150,
        blank=True,
        help_text=_(
            "Une personne ou un groupe hors de la liste des membres, par exemple « le CSE »."
        ),
    )
    # The statement the action answers (issue 14, point 5): the follow-up session shows whether
    # it moved. Optional: an action can answer a theme as a whole; SET_NULL so that retiring a
    # statement from the guide never deletes the team's plan.
    statement = models.ForeignKey(
        Statement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affirmation visée"),
    )
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=8, choices=Status.choices, default=Status.TODO)
    indicator = models.CharField(
        _("indicateur de suivi"),
        max_length=300,
        blank=True,
        help_text=_("Comment l’équipe saura que l’action a porté ses fruits."),
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["session", "theme__order", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    step__in=["avant-projet", "preparation", "validation", "realisation", "suivi"]
                ),
                name="action_step_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["todo", "doing", "done", "dropped"]),
                name="action_status_valid",
            ),
            # One owner, named one way: a member of the cooperative or a free text.
            models.CheckConstraint(
                condition=models.Q(owner_membership__isnull=True) | models.Q(owner_name=""),
                name="action_one_owner",
            ),
        ]
        indexes = [models.Index(fields=["session", "theme", "position"], name="action_order_idx")]

    def __str__(self):
        return self.title

    @property
    def owner(self):
        """Who carries the action, as shown on the page and in the PDF ("" when nobody yet): the
        member's name, « (sans nom) » for a member without one — never their email address,
        which the compte rendu would carry beyond the team — or the free-text owner."""
        if self.owner_membership_id:
            member = self.owner_membership
            name = member.user.get_full_name() if member.user_id else ""
            return name or gettext("(sans nom)")
        return self.owner_name

    @property
    def is_overdue(self):
        return bool(self.due_date) and not self.is_closed and self.due_date < timezone.localdate()

    @property
    def is_closed(self):
        return self.status in (self.Status.DONE, self.Status.DROPPED)

    def place_last(self):
        """Give a new (or re-themed) action the position after the last one of its theme."""
        last = (
            Action.objects.filter(session_id=self.session_id, theme_id=self.theme_id)
            .exclude(pk=self.pk)
            .aggregate(last=Max("position"))["last"]
        )
        self.position = 0 if last is None else last + 1


class ChosenPriority(models.Model):
    """One of the 1 to 3 themes the team keeps as its priorities (guide, step 2): ticked on the
    priorities page or retained from a priorities vote. Written only through
    ``plans.priorities.choose``, which replaces the whole choice at once."""

    class Method(models.TextChoices):
        TICK = "tick", _("Cochées sur la page des priorités")
        VOTE = "vote", _("Retenues après un vote")

    session = models.ForeignKey(
        DiagnosticSession, on_delete=models.CASCADE, related_name="chosen_priorities"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    method = models.CharField(max_length=4, choices=Method.choices, default=Method.TICK)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("priorité retenue")
        verbose_name_plural = _("priorités retenues")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "theme"], name="chosen_priority_once"),
            models.CheckConstraint(
                condition=models.Q(method__in=["tick", "vote"]), name="chosen_priority_method_valid"
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.theme.code}"


# The meeting votes live in their own module (issue 14, point 3); imported here so that Django
# registers them with the app.
from plans.vote_models import Ballot, Tally, Vote  # noqa: E402, F401
