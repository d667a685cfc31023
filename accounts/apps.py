from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Layer 1, identity only: the user, login, verification, throttle, signed tokens
    (`accounts.signed`). Imports no other app: it tells them of a verified address through
    `accounts.signals.address_verified`."""

    name = "accounts"
    verbose_name = _("Comptes")
