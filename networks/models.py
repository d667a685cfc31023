"""A network of cooperatives and what its cooperatives chose to share with it (issue 16).

The adversary is an adviser who wants one cooperative's or one person's figures. So the network
holds no answer and no sheet: a shared session is copied, when the facilitator shares it, into
one summary row (`SharedSession`) of per-theme scores and per-statement counts taken from the
copy the cooperative itself was shown (diagnostics.publication), and only for a closed session
that passed its own k. Un-sharing deletes the row, leaving the network or deleting the
cooperative takes its rows out of every figure at once (figures read only accepted members)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_no_control_characters
from cooperatives.models import Cooperative, OutgoingEmail
from diagnostics.models import DiagnosticSession


class Network(models.Model):
    class Kind(models.TextChoices):
        UNION_REGIONALE = "union_regionale", _("Union régionale")
        FEDERATION = "federation", _("Fédération")
        RESEAU = "reseau", _("Réseau")
        AUTRE = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=150, validators=[validate_no_control_characters])
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.RESEAU)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Adviser(models.Model):
    """A person of the network who accompanies its cooperatives (« accompagnateur·rice »): a role
    of its own, not a membership of any cooperative."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="advisers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adviser_roles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accompagnateur·rice")
        verbose_name_plural = _("accompagnateur·rices")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="adviser_unique_per_network")
        ]

    def __str__(self):
        return f"{self.user} ({self.network})"


class NetworkMembershipQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=NetworkMembership.Status.ACCEPTED)

    def invited(self):
        return self.filter(status=NetworkMembership.Status.INVITED)


class NetworkMembership(models.Model):
    """A cooperative's place in a network: invited by an adviser, accepted or refused by its
    facilitator, left at any time. A cooperative is IN the network only while accepted."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invitée")
        ACCEPTED = "accepted", _("Membre du réseau")
        REFUSED = "refused", _("Invitation refusée")
        LEFT = "left", _("A quitté le réseau")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="network_memberships"
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("adhésion au réseau")
        verbose_name_plural = _("adhésions au réseau")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "cooperative"], name="network_membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["invited", "accepted", "refused", "left"]),
                name="network_membership_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["network", "status"], name="netmember_network_status_idx")]

    def __str__(self):
        return f"{self.cooperative} → {self.network} ({self.get_status_display()})"

    @property
    def is_accepted(self):
        return self.status == self.Status.ACCEPTED


class SharedQuerySet(models.QuerySet):
    def of_network(self, network):
        """What counts in `network`'s figures: the shares of its accepted cooperatives only, so
        leaving (or being deleted) takes a cooperative out of every figure at once."""
        return self.filter(
            cooperative__network_memberships__network=network,
            cooperative__network_memberships__status=NetworkMembership.Status.ACCEPTED,
        )


class SharedSession(models.Model):
    """One closed session a cooperative chose to share with its networks, summarised when it was
    shared (same transaction): its per-theme collective scores {theme_code: mean} and its
    per-statement counts {statement_code: [yes, unsure, no]}, both from the published copy —
    the numbers the cooperative's own results page shows. Never a sheet, a note or a plan."""

    session = models.OneToOneField(
        DiagnosticSession, on_delete=models.CASCADE, related_name="network_share"
    )
    # Denormalised from the session so the network's figures are one query on this table.
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="shared_sessions"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    year = models.PositiveSmallIntegerField(_("année"))
    respondents = models.PositiveIntegerField(_("répondant·es"))
    theme_scores = models.JSONField(default=dict)
    statement_counts = models.JSONField(default=dict)

    objects = SharedQuerySet.as_manager()

    class Meta:
        verbose_name = _("session partagée")
        verbose_name_plural = _("sessions partagées")
        indexes = [models.Index(fields=["cooperative", "year"], name="shared_coop_year_idx")]

    def __str__(self):
        return f"{self.cooperative} — {self.session_id}"


class SharedPlan(models.Model):
    """A session's priorities and planned actions, shared separately and on purpose (from plans'
    code, with plain values): the themes chosen as priorities and the actions' titles only."""

    session = models.OneToOneField(
        DiagnosticSession, on_delete=models.CASCADE, related_name="network_plan_share"
    )
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="shared_plans"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    priority_themes = models.JSONField(default=list)
    actions = models.JSONField(default=list)

    objects = SharedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan partagé")
        verbose_name_plural = _("plans partagés")

    def __str__(self):
        return f"{self.cooperative} — {self.session_id}"


class AdviserGrant(models.Model):
    """One adviser's read access to one cooperative's results, priorities and plan — never its
    answers or sheets. Granted by the cooperative's facilitator; deleting it revokes it. It
    counts only while the cooperative is in the adviser's network (networks.access)."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="adviser_grants"
    )
    adviser = models.ForeignKey(Adviser, on_delete=models.CASCADE, related_name="grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accès d’un·e accompagnateur·rice")
        verbose_name_plural = _("accès des accompagnateur·rices")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "adviser"], name="adviser_grant_unique")
        ]

    def __str__(self):
        return f"{self.adviser} → {self.cooperative}"


class AdviserInvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither used nor withdrawn nor expired: listed on the network's page."""
        now = timezone.now()
        return self.filter(used_at__isnull=True, revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )

    def usable(self):
        """A link that works: sent (the worker stored its hash) and still pending."""
        return self.pending().filter(token_hash__isnull=False)


class AdviserInvitation(models.Model):
    """An adviser adds another adviser to their network by email address. The worker makes the
    personal link when it sends the email (networks.tasks) and stores only its SHA-256 here, so
    the queue and this table never hold a link that works. The link is single use and never
    logs anyone in, nor makes an account: it adds the role only to the logged-in account whose
    confirmed address is the invited one (networks.adviser_invitations.redeem). This row is
    also the email's record (status, attempts), counted for the daily caps from its creation:
    an OutgoingEmail belongs to a cooperative, and an adviser is in none."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="adviser_invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The email's state, with the same values as a cooperative's emails.
    email_status = models.CharField(
        max_length=8, choices=OutgoingEmail.Status.choices, default=OutgoingEmail.Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = AdviserInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation d’un·e accompagnateur·rice")
        verbose_name_plural = _("invitations d’accompagnateur·rices")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "email"], name="adviser_invitation_email_idx")]

    def __str__(self):
        return f"{self.email} → {self.network}"

    @property
    def status(self):
        """The email's state under OutgoingEmail's name: cooperatives/_email_status.html shows
        both alike."""
        return self.email_status


class NetworkBoard(models.Model):
    """A computed dashboard of a network (networks.figures), shared by every web process and
    refreshed by a task after each change of its rows (networks.tasks.refresh_boards). It is
    named by the digest of the rows it was computed from: a page uses it only while the rows'
    digest read on that request is the same, so a board older than a change is never shown,
    whether or not the task has run. A network keeps the boards of its current digest only."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="boards")
    param = models.CharField(max_length=200, blank=True)  # the cell: figures.key_param
    language = models.CharField(max_length=16)  # its labels and charts are drawn in it
    digest = models.CharField(max_length=64)
    # The figures.Dashboard pickled, as Django's own database cache stores a value: it holds
    # the guide's themes and statements and the drawn SVG charts, read back as they were.
    board = models.BinaryField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "param", "language", "digest"], name="network_board_unique"
            )
        ]

    def __str__(self):
        return f"{self.network_id} {self.param or '-'} {self.language} {self.digest[:12]}"


class NetworkRelease(models.Model):
    """What a network's figures have ever shown, so that no combination of them, read at any
    two times, isolates fewer than k cooperatives (findings i-1, i-3 of issue 16).

    Every figure is a sum over data points (one shared session of one cooperative in one cell),
    so all an adviser can subtract from what was shown is constant on the « atoms »: the data
    points that every cell-version ever shown contains or not alike. `atoms` keeps only that
    partition ({kind: [[point id, atom]]}, kind "s" for sessions, "p" for plans), refined each
    time new cell-versions are shown (networks.statistics.release): its size is the number of
    points ever shown, whatever the number of changes. Ids of rows deleted since stay: they are
    only identities. `digest` and `shown` remember the last decision (for the rows of that
    digest) so that every cell of the same rows reads the same one. Never deleted by a deploy
    (unlike NetworkBoard): forgetting it would let the next figures be subtracted from the old."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="release")
    atoms = models.JSONField(default=dict)
    digest = models.CharField(max_length=64, blank=True)
    shown = models.JSONField(default=dict)  # {kind: [figures.key_param of each shown cell]}
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.network_id} {self.digest[:12]}"
