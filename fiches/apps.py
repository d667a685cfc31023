from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FichesConfig(AppConfig):
    """Layer 1, the guide: its validated content (`fiches/content/`) and its public pages.
    Imports no other app; the pages about a session's results live in plans."""

    name = "fiches"
    verbose_name = _("Fiches du guide")
