from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Layer 4: a session's results page, its priorities (`plans.priorities`) and the five-step
    method, the meeting's consolidation, the action plan and the review of the previous plan.
    Imports diagnostics, cooperatives, accounts and fiches; never followup, reports or qvt."""

    name = "plans"
    verbose_name = _("Réponse de l’équipe et plan d’action")

    def ready(self):
        # The session page (diagnostics) shows the path after it through a hook: the layers
        # forbid diagnostics to import plans.
        from diagnostics import session_page
        from plans import stepper

        session_page.register(stepper.render_on_session_page)

        # The join link's pages (diagnostics) point to the voting pad while a vote is open.
        from diagnostics import answer_views
        from plans import votes

        answer_views.JOIN_LINK_NOTICES.append(votes.join_link_notice)

        # The session page's network box (networks) posts the plan's sharing here, and the
        # adviser's list of a cooperative's sessions leads to plans' read-only page (issue 16).
        from networks import pages as network_pages

        network_pages.LINKS |= {
            "plan_share": "plans:share_plan",
            "adviser_session": "plans:adviser_session",
        }
