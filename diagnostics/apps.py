from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticsConfig(AppConfig):
    """Layer 3: the quiz (`quiz`), sessions, answer sheets and answers, their life cycle
    (`services`), what was shown (`publication`), and the one home of the guide's scoring and
    visibility rules (`scoring`). Imports cooperatives and accounts only."""

    name = "diagnostics"
    verbose_name = _("Diagnostics")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from diagnostics import quiz
        from diagnostics.models import Statement, Theme

        for model in (Theme, Statement):
            post_save.connect(quiz.forget_questionnaires, sender=model)
            post_delete.connect(quiz.forget_questionnaires, sender=model)
