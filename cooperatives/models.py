from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_no_control_characters

# Metropolitan départements (01–95, Corsica 2A/2B) and overseas ones (971–976).
DEPARTEMENT_VALIDATOR = RegexValidator(
    r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$",
    _("Indiquez un numéro de département français, par exemple 34, 2A ou 974."),
    code="invalid_departement",
)


class Cooperative(models.Model):
    class LegalForm(models.TextChoices):
        SCOP = "scop", _("Scop")
        SCIC = "scic", _("Scic")
        CAE = "cae", _("CAE")
        OTHER = "autre", _("Autre")

    # Validated here rather than in one form: the admin edits it too, and it reaches email subjects.
    name = models.CharField(_("nom"), max_length=150, validators=[validate_no_control_characters])
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    legal_form = models.CharField(_("forme juridique"), max_length=10, choices=LegalForm.choices)
    departement = models.CharField(
        _("département"), max_length=3, validators=[DEPARTEMENT_VALIDATOR]
    )
    headcount = models.PositiveIntegerField(
        _("effectif"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coopérative")
        verbose_name_plural = _("coopératives")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("followup:dashboard", args=[self.slug])


class MembershipQuerySet(models.QuerySet):
    def facilitators(self):
        return self.filter(role=Membership.Role.FACILITATOR)


class Membership(models.Model):
    """A person in a cooperative. Added by email; `user` is set once that person has an account."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Animateur·rice")
        MEMBER = "member", _("Membre")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "email"], name="membership_unique_email_per_cooperative"
            ),
            models.UniqueConstraint(
                fields=["cooperative", "user"], name="membership_unique_user_per_cooperative"
            ),
        ]
        indexes = [models.Index(fields=["email"], name="membership_email_idx")]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_facilitator(self):
        return self.role == self.Role.FACILITATOR

    @property
    def display_name(self):
        """How a page names this person: their name, their address only when they gave none
        (docs/vocabulary.md). Select the user with the membership to keep queries constant."""
        name = self.user.get_full_name() if self.user_id else ""
        return name or self.email


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        from django.utils import timezone

        return self.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A personal link that logs a member in without a password. Only its hash is stored."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        QR = "qr", _("QR code imprimé")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.membership.email} ({self.get_channel_display()})"


class OutgoingEmail(models.Model):
    """One email a cooperative sends (invitation or reminder): counted from the moment it is
    queued, for the daily cap and the per-member cooldown, and then sent by the worker
    (cooperatives.tasks, diagnostics.tasks), which records here whether it went out.

    A reminder row names no member: who is reminded is who has not answered yet, which nobody
    may learn. No row holds a link or a token: the worker makes the link when it sends."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        REMINDER = "reminder", _("rappel")
        SESSION = "session", _("invitation à une session")
        # A network invites the cooperative (networks.tasks): to its facilitators, no link to use.
        NETWORK = "network", _("invitation d’un réseau")

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # What the email is about, written by the layer that sends it ("session:12"): cooperatives
    # does not know sessions, and this lets a session list its own invitations and reminders.
    topic = models.CharField(max_length=40, blank=True, default="")
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("e-mail envoyé")
        verbose_name_plural = _("e-mails envoyés")
        indexes = [models.Index(fields=["membership", "-created_at"], name="outgoing_member_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
