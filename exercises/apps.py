from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    """Between plans and followup: the guide's team exercises as tools the team fills in together
    (the charter of FICHE 6, the time compromise of FICHE 3, the discussion spaces of FICHE 6).
    Imports plans (to send decided arrangements to the action plan) and the layers below; the
    follow-up shows them over time, reports prints them."""

    name = "exercises"
    verbose_name = _("Exercices du guide")
