"""The data migration that decides which accounts made before verification count as verified."""

import importlib

from django.apps import apps
from django.utils import timezone

from accounts.models import User
from cooperatives import invitations
from cooperatives.models import Invitation, Membership
from tests.factories import CooperativeFactory, UserFactory

migration = importlib.import_module("accounts.migrations.0004_existing_accounts_verified")


def came_by(user, channel, facilitator):
    membership = Membership.objects.create(
        cooperative=CooperativeFactory(), email=user.email, user=user
    )
    invitation, _token = invitations.issue(membership, created_by=facilitator, channel=channel)
    Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())


def test_active_accounts_count_as_verified_except_those_only_a_printed_code_opened(db):
    facilitator = UserFactory()
    with_password = UserFactory(email_verified_at=None)
    by_email = User.objects.create_user(email="mail@exemple.coop")
    by_qr = User.objects.create_user(email="qr@exemple.coop")
    deactivated = UserFactory(email_verified_at=None, is_active=False)
    came_by(by_email, Invitation.Channel.EMAIL, facilitator)
    came_by(by_qr, Invitation.Channel.QR, facilitator)
    User.objects.update(email_verified_at=None)

    migration.forwards(apps, None)

    verified = set(
        User.objects.filter(email_verified_at__isnull=False).values_list("pk", flat=True)
    )
    assert with_password.pk in verified
    assert by_email.pk in verified
    assert facilitator.pk in verified
    assert by_qr.pk not in verified
    assert deactivated.pk not in verified
