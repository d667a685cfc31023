from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    """Layer 2, tenancy: cooperatives, memberships, invitations and the access door
    (`cooperatives.access`). Imports only accounts (identity), never the apps above."""

    name = "cooperatives"
    verbose_name = _("Coopératives")

    def ready(self):
        from accounts.signals import address_verified
        from cooperatives.services import attach_on_verification

        # accounts imports no app: it announces a verified address, tenancy attaches to it.
        address_verified.connect(attach_on_verification, dispatch_uid="cooperatives.attach")
