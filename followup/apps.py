from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """Layer 5: the cooperative's dashboard, the comparison of two sessions, trends, an action's
    status and the digest. Imports plans and the layers below; never reports or qvt."""

    name = "followup"
    verbose_name = _("Suivi dans le temps")
