"""What the team writes down in the guide's exercises, kept with the cooperative (not with a
diagnostic session: a charter or a time compromise outlives the session that prompted it).

The guide's words and prefilled items are in ``fiches/content/exercises.toml``; only the team's
own text and the stable codes of the content (purpose, dimension, statement codes) are stored.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative
from fiches.content_loader import load_exercises
from plans.models import Action


def _codes(items):
    return [item.code for item in items]


PURPOSES = _codes(load_exercises().charter.purposes)
DIMENSIONS = _codes(load_exercises().time.dimensions)


# --- FICHE 6: the charter of the tools' usage -------------------------------------------------


class CharterQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(adopted_on__isnull=False).order_by("-version")


class Charter(models.Model):
    """One version of the cooperative's « charte des usages numériques ». A version being written
    is a draft (no adoption date, at most one per cooperative); once adopted on a date it is never
    edited again: a revision is a new version, so the differences between versions can be shown."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="charters")
    version = models.PositiveIntegerField(_("version"))
    adopted_on = models.DateField(_("adoptée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CharterQuerySet.as_manager()

    class Meta:
        verbose_name = _("charte des usages numériques")
        verbose_name_plural = _("chartes des usages numériques")
        ordering = ["cooperative", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "version"], name="charter_version_once"),
            models.UniqueConstraint(
                fields=["cooperative"],
                condition=models.Q(adopted_on__isnull=True),
                name="charter_one_draft",
            ),
        ]

    def __str__(self):
        return f"{self.cooperative_id} v{self.version}"

    @property
    def is_draft(self):
        return self.adopted_on is None


class CharterRule(models.Model):
    """What the team decides for one tool: what it is for, the expected response time, the hours
    (the right to disconnect) and what is never sent by it."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="rules")
    purpose = models.CharField(
        _("objet"), max_length=12, choices=[(code, code) for code in PURPOSES]
    )
    tool = models.CharField(_("outil"), max_length=80)
    used_for = models.CharField(_("à quoi il sert"), max_length=300, blank=True)
    response_time = models.CharField(_("délai de réponse attendu"), max_length=120, blank=True)
    hours = models.CharField(_("horaires et déconnexion"), max_length=200, blank=True)
    never_sent = models.CharField(
        _("ce qui n’est jamais envoyé par cet outil"), max_length=300, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("règle d’usage")
        verbose_name_plural = _("règles d’usage")
        ordering = ["charter", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=PURPOSES), name="charter_rule_purpose_valid"
            ),
        ]

    def __str__(self):
        return self.tool

    FIELDS = ("used_for", "response_time", "hours", "never_sent")

    @property
    def is_filled(self):
        return any(getattr(self, name) for name in self.FIELDS)


# --- FICHE 3: the time compromise -------------------------------------------------------------


class TimeNote(models.Model):
    """A constraint or a leeway the team lists for one of the four times."""

    class Kind(models.TextChoices):
        CONSTRAINT = "constraint", _("Contrainte")
        LEEWAY = "leeway", _("Marge de manœuvre")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="time_notes"
    )
    dimension = models.CharField(
        _("temps"), max_length=12, choices=[(code, code) for code in DIMENSIONS]
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("texte"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contrainte ou marge")
        verbose_name_plural = _("contraintes et marges")
        ordering = ["cooperative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dimension__in=DIMENSIONS), name="time_note_dimension_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["constraint", "leeway"]), name="time_note_kind_valid"
            ),
        ]

    def __str__(self):
        return self.text


class Arrangement(models.Model):
    """An arrangement the team decides (« une journée sans téléphone, une fois par semaine »),
    dated, and the action of the plan it was sent to, if any."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="time_arrangements"
    )
    text = models.CharField(_("aménagement"), max_length=300)
    decided_on = models.DateField(_("décidé le"), default=timezone.localdate)
    # SET_NULL: deleting the action from the plan keeps the decision, which can be sent again.
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aménagement décidé")
        verbose_name_plural = _("aménagements décidés")
        ordering = ["cooperative", "-decided_on", "-pk"]

    def __str__(self):
        return self.text


# --- FICHE 6: the discussion spaces -----------------------------------------------------------


class Discussion(models.Model):
    """One « espace de discussion sur le travail »: its date, its theme, the fiches' questions put
    to the team (statement codes) and a short record of what was said and decided."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="discussions"
    )
    held_on = models.DateField(_("date"))
    theme = models.CharField(_("thème"), max_length=200)
    questions = models.JSONField(_("questions posées"), default=list, blank=True)
    record = models.TextField(_("ce qui a été dit"), max_length=4000, blank=True)
    decisions = models.TextField(_("ce qui a été décidé"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("espace de discussion")
        verbose_name_plural = _("espaces de discussion")
        ordering = ["cooperative", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on} {self.theme}"


# --- FICHE 2: the information diagram ---------------------------------------------------------

# The four quadrants of the guide's two axes: utility (operational / collective life of the
# structure) × mode (imposed / free access). Codes are stored: never rename them.
QUADRANTS = ["op-impose", "op-libre", "vie-impose", "vie-libre"]


class InfoCard(models.Model):
    """One piece of the team's information, placed on the diagram: where it is now (the
    diagnostic) and, on the second pass « avec une autre couleur », where it should be."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="info_cards"
    )
    label = models.CharField(_("information"), max_length=120)
    channel = models.CharField(_("canal actuel"), max_length=120)
    place = models.CharField(_("place actuelle"), max_length=10)
    target = models.CharField(_("place cible"), max_length=10, blank=True)
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("information du diagramme")
        verbose_name_plural = _("informations du diagramme")
        ordering = ["cooperative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(place__in=QUADRANTS), name="info_card_place_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(target__in=["", *QUADRANTS]), name="info_card_target_valid"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def moves(self):
        """The card changes « statut » on the target layer."""
        return bool(self.target) and self.target != self.place


# --- Comparing the boards over time -----------------------------------------------------------


class BoardSnapshot(models.Model):
    """« Enregistrer l'état du tableau »: a dated copy of the information diagram or of the time
    board, so the team compares it later (« refaire l'exercice », issue 17's « compared over
    time »), as the charter's versions are. A copy, not a link: the cards and notes move on."""

    class Board(models.TextChoices):
        DIAGRAM = "diagram", _("Diagramme de l’information")
        TIME = "time", _("Compromis temporel")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="board_snapshots"
    )
    board = models.CharField(_("tableau"), max_length=8, choices=Board.choices)
    taken_on = models.DateField(_("état du"), default=timezone.localdate)
    # The board's items as plain values (exercises.snapshots.board_data): never user objects.
    data = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("état enregistré d’un tableau")
        verbose_name_plural = _("états enregistrés des tableaux")
        ordering = ["cooperative", "board", "-taken_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(board__in=["diagram", "time"]), name="board_snapshot_board_valid"
            ),
        ]

    def __str__(self):
        return f"{self.board} {self.taken_on}"
