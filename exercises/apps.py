from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    """Between plans and followup: the guide's team exercises as tools the team fills in together
    (the charter of FICHE 6, the time compromise of FICHE 3, the discussion spaces of FICHE 6).
    Imports plans (to send decided arrangements to the action plan) and the layers below; the
    follow-up shows them over time, reports prints them."""

    name = "exercises"
    verbose_name = _("Exercices du guide")

    def ready(self):
        # Plans' pages offer each theme's exercises through a hook: plans cannot import us.
        from exercises import links
        from plans import theme_tools

        theme_tools.register(links.for_theme)
        # The compte rendu page shows what the team filled, as the PDF does.
        from exercises import report

        theme_tools.register_summary_section(report.summary_section)
        # The join link's pages offer the charter in force: diagnostics cannot import us either.
        from diagnostics import answer_views

        if links.join_link_pages not in answer_views.JOIN_LINK_PAGES:
            answer_views.JOIN_LINK_PAGES.append(links.join_link_pages)
