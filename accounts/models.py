from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        # Made on the server's console by whoever runs it: nothing to verify.
        extra_fields.setdefault("email_verified_at", timezone.now())
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person, identified by their email address (no username to remember)."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    # Set when the person proved they read this mailbox (verification or password-reset link,
    # or an invitation emailed to it). An account made from a printed QR code stays unverified:
    # the facilitator held that code. Pending memberships attach and emails go out only once set.
    email_verified_at = models.DateTimeField(_("adresse vérifiée le"), null=True, blank=True)
    # The last sign-up and reset emails sent to this address: a cooldown against mail bombing.
    # Two clocks, so that sign-ups made in someone's name never delay their reset link.
    signup_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reset_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    def mark_verified(self):
        """The owner proved the address: the account is theirs and active (not saved)."""
        if self.email_verified_at is None:
            # Activates a pending sign-up, never an account an administrator deactivated.
            self.email_verified_at = timezone.now()
            self.is_active = True


class FailedAttempt(models.Model):
    """One failed login or token redemption, kept a few minutes to throttle guessing.

    In the database rather than a cache so every web worker counts the same failures
    without requiring Redis or memcached on a small install.
    """

    scope = models.CharField(max_length=20)
    ip_address = models.GenericIPAddressField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "ip_address", "created_at"], name="failed_attempt_lookup")
        ]

    def __str__(self):
        return f"{self.scope} {self.ip_address}"
