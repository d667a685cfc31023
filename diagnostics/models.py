from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import signed
from cooperatives.models import Cooperative, Membership


class Questionnaire(models.Model):
    """An edition of the guide's quiz. Answers point at statements, so editions can coexist."""

    code = models.SlugField(unique=True)
    title = models.CharField(_("titre"), max_length=200)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("questionnaire")

    def __str__(self):
        return self.title


def in_english():
    return (get_language() or "").startswith("en")


class Theme(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="themes"
    )
    code = models.SlugField()
    order = models.PositiveSmallIntegerField()
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    fiche_number = models.PositiveSmallIntegerField(
        _("numéro de fiche"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )

    class Meta:
        verbose_name = _("thème")
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="theme_unique_code"),
            models.UniqueConstraint(fields=["questionnaire", "order"], name="theme_unique_order"),
        ]

    def __str__(self):
        return self.title

    @property
    def localized_title(self):
        return self.title_en if in_english() and self.title_en else self.title


class Statement(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="statements")
    code = models.CharField(max_length=40)
    order = models.PositiveSmallIntegerField()
    text = models.TextField(_("affirmation"))
    # The guide is French; English lets a member who does not read French answer the quiz.
    text_en = models.TextField(_("affirmation en anglais"), blank=True)

    class Meta:
        verbose_name = _("affirmation")
        ordering = ["theme__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "code"], name="statement_unique_code"),
            models.UniqueConstraint(fields=["theme", "order"], name="statement_unique_order"),
        ]

    def __str__(self):
        return self.text

    @property
    def localized_text(self):
        return self.text_en if in_english() and self.text_en else self.text


class DiagnosticSession(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        OPEN = "open", _("Ouverte")
        CLOSED = "closed", _("Clôturée")

    MIN_THRESHOLD, MAX_THRESHOLD, DEFAULT_THRESHOLD = 3, 10, 3

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="sessions")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titre"), max_length=150)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("seuil d’anonymat"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(MAX_THRESHOLD)],
        help_text=_(
            "Nombre minimum de réponses avant d’afficher les résultats (entre 3 et 10). "
            "Il ne peut plus changer une fois la session ouverte."
        ),
    )
    open_mode = models.BooleanField(
        _("mode ouvert (non anonyme)"),
        default=False,
        help_text=_(
            "Pour les équipes de moins de 3 personnes qui répondent ensemble : les résultats "
            "s’affichent quel que soit le nombre de réponses, et chacun est prévenu avant de "
            "répondre que ses réponses ne sont pas anonymes. À choisir avant l’ouverture."
        ),
    )
    # k counts people only if sheets are capped at the team's size (issue 12): padding k with
    # made-up sheets around one real member would otherwise expose that member.
    team_size = models.PositiveIntegerField(
        _("nombre de personnes de l’équipe"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_(
            "Le nombre de questionnaires ne pourra pas le dépasser. Il ne peut plus changer une "
            "fois la session ouverte."
        ),
    )
    members_only = models.BooleanField(
        _("réservée aux membres inscrits"),
        default=False,
        help_text=_(
            "Le lien de la session ne sert qu’aux membres connectés à leur compte de la "
            "coopérative : un questionnaire par membre, personne d’autre ne peut en remplir."
        ),
    )
    join_key = models.CharField(max_length=32, unique=True, default=signed.new_key, editable=False)
    # Results published before closing are a frozen copy: later answers cannot be deduced
    # by comparing two views of the page.
    revealed_at = models.DateTimeField(null=True, blank=True)
    results_snapshot = models.JSONField(null=True, blank=True, editable=False)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    # Paper sheets entered on the tally page (issue 15), counted under the session's lock as
    # each is entered; never deleted while open. Kept on the session so that the visibility
    # rule (diagnostics.scoring.hidden_reason) reads the online part without a query.
    paper_sheets = models.PositiveIntegerField(default=0, editable=False)
    # The team meeting where the results are discussed (issue 14): set by the facilitator
    # (plans' meeting-date page), told to the people who answered on the join link's results.
    meeting_date = models.DateField(_("date de la réunion d’équipe"), null=True, blank=True)
    # The date the facilitator asks the team to answer by (issue 15): shown on the session page
    # and in reminders. A date only, never enforced: closing stays the facilitator's act.
    deadline = models.DateField(_("date limite pour répondre"), null=True, blank=True)
    # The guide's step « Suivi »: the diagnostic is run again, and the new session is read
    # against the earlier one (same cooperative, same questionnaire: checked in clean()).
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("dans la suite de"),
        help_text=_(
            "Une session clôturée de la coopérative : ses actions encore ouvertes seront "
            "listées avec les nouveaux résultats, et les deux diagnostics comparés."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("session de diagnostic")
        verbose_name_plural = _("sessions de diagnostic")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_threshold__gte=3, anonymity_threshold__lte=10),
                name="session_threshold_3_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "open", "closed"]),
                name="session_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["cooperative", "status"], name="session_coop_status_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("diagnostics:session", args=[self.cooperative.slug, self.pk])

    def clean(self):
        super().clean()
        self.clean_team_size()
        previous = self.previous
        if previous is None:
            return
        if self.pk and previous.pk == self.pk:
            raise ValidationError(
                {
                    "previous": ValidationError(
                        _("Une session ne peut pas être dans la suite d’elle-même."),
                        code="previous_self",
                    )
                }
            )
        # Compared across cooperatives or editions, the scores would mean nothing (and a forged
        # id must not pull another cooperative's results into this one's pages).
        if (
            previous.cooperative_id != self.cooperative_id
            or previous.questionnaire_id != self.questionnaire_id
        ):
            raise ValidationError(
                {
                    "previous": ValidationError(
                        _(
                            "Choisissez une session de la même coopérative, sur le même "
                            "questionnaire."
                        ),
                        code="previous_elsewhere",
                    )
                }
            )
        if not previous.is_closed:
            raise ValidationError(
                {
                    "previous": ValidationError(
                        _("La session précédente doit être clôturée."), code="previous_not_closed"
                    )
                }
            )

    def clean_team_size(self):
        # Below k, anonymous results could never be shown: such a team answers in open mode.
        if (
            self.team_size is not None
            and not self.open_mode
            and self.team_size < self.anonymity_threshold
        ):
            raise ValidationError(
                {
                    "team_size": ValidationError(
                        _(
                            "Une équipe plus petite que le seuil d’anonymat n’aurait jamais de "
                            "résultats : choisissez un seuil plus bas ou le mode ouvert."
                        ),
                        code="team_below_threshold",
                    )
                }
            )

    @property
    def sheet_cap(self):
        """At most this many answer sheets: the size declared for the team, frozen at opening
        (before that, the cooperative's declared headcount)."""
        return self.team_size or self.cooperative.headcount

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def join_token(self):
        return f"{self.join_key}.{signed.sign(self.join_key, 'join')}"

    def get_join_url(self):
        return reverse("answers:start", args=[self.join_token])


class RespondentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Respondent(models.Model):
    """One person's answer sheet. Knows its member only while the session is open, and its
    device's token only while the session is open: after close, nothing leads to it."""

    class Origin(models.TextChoices):
        # How the sheet was started, kept after close as a count only: it names nobody.
        LINK = "link", _("lien de la session")
        MEMBER = "member", _("membre connecté·e")
        # A paper quiz typed in by the facilitator (issue 15): anonymous, sent when entered.
        PAPER = "paper", _("feuille papier")

    session = models.ForeignKey(
        DiagnosticSession, on_delete=models.CASCADE, related_name="respondents"
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="respondents"
    )
    origin = models.CharField(max_length=6, choices=Origin.choices, default=Origin.LINK)
    # A paper sheet's one-time entry key (a keyed hash of its tally form's token): the same form
    # posted twice (a double click, the back button) is one sheet. Cut at close with the tokens.
    paper_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    current_theme = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("répondant·e")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "membership"],
                condition=models.Q(membership__isnull=False),
                name="respondent_one_per_member",
            )
        ]
        indexes = [
            models.Index(fields=["session", "submitted_at"], name="respondent_session_sub_idx")
        ]

    def __str__(self):
        # Never the member: the admin and logs must not tie a person to an answer sheet.
        return f"#{self.pk}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class SheetStart(models.Model):
    """One answer sheet started from a client address, kept for the throttle's window only.

    The address is stored as a keyed hash and the row names no session or sheet: a copy of
    the database cannot tie an address to a sheet."""

    address_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address_key", "created_at"], name="sheet_start_lookup")]

    def __str__(self):
        return f"#{self.pk}"


class Answer(models.Model):
    class Value(models.TextChoices):
        YES = "yes", _("Oui")
        UNSURE = "unsure", _("?")
        NO = "no", _("Non")

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=6, choices=Value.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réponse")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "statement"], name="answer_one_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=["yes", "unsure", "no"]), name="answer_value_valid"
            ),
        ]

    def __str__(self):
        return self.get_value_display()
