"""Accounts made before verification existed: which count as verified.

Active accounts count as verified: refusing them would lock every current user out of their
cooperatives, and the holes that let a wrong person into an account (invitation takeover,
sign-up capture) are closed from this release on. One exception: an account with no password
whose only use was a printed QR code was opened by whoever held the paper (the facilitator),
so it stays unverified until its owner resets the password.
"""

from django.db import migrations
from django.db.models import F

UNUSABLE_PASSWORD_PREFIX = "!"  # django.contrib.auth.hashers.UNUSABLE_PASSWORD_PREFIX


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Invitation = apps.get_model("cooperatives", "Invitation")
    User.objects.filter(is_active=True).update(email_verified_at=F("date_joined"))
    came_by_email = Invitation.objects.filter(channel="email", used_at__isnull=False).values(
        "membership__user"
    )
    User.objects.filter(password__startswith=UNUSABLE_PASSWORD_PREFIX).exclude(
        pk__in=came_by_email
    ).exclude(is_superuser=True).update(email_verified_at=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_email_verification"),
        ("cooperatives", "0002_invitations"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
