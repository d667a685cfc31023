"""Which exercise serves which theme of the quiz, offered on plans' pages (plans.theme_tools):
the information diagram for « information » (FICHE 2); the time compromise for « temps »
(FICHE 3); the charter for « management » (FICHE 6), and also for « information » (its
statement « règles d’usage (charte…) des outils collaboratifs ») and « temps » (« règles sur
la déconnexion (charte, accord…) »); the discussion spaces for « management » (« Les équipes
ont des espaces de discussion… »)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from plans.theme_tools import ThemeTool

BY_THEME = {
    "information": ("diagram", "charter"),
    "temps": ("time", "charter"),
    "management": ("charter", "discussions"),
}


def _tool(name, cooperative):
    labels = {
        "charter": (
            _("Charte des usages numériques"),
            _("fiche 6 : à quoi sert chaque outil, délais, déconnexion"),
        ),
        "time": (
            _("Compromis temporel"),
            _("fiche 3 : contraintes et marges de chacun des quatre temps"),
        ),
        "diagram": (
            _("Diagramme de l’information"),
            _("fiche 2 : où est chaque information, où elle devrait être"),
        ),
        "discussions": (
            _("Espaces de discussion sur le travail"),
            _("fiche 6 : leur date, leur thème, ce qui a été décidé"),
        ),
    }
    label, detail = labels[name]
    return ThemeTool(reverse(f"exercises:{name}", args=[cooperative.slug]), label, detail)


def for_theme(cooperative, theme_code):
    return [_tool(name, cooperative) for name in BY_THEME.get(theme_code, ())]


def join_link_pages(request, session, token):
    """The charter in force, offered on the thanks page and the team's results of a join link
    (diagnostics.answer_views.JOIN_LINK_PAGES) when there is one the link holder may read."""
    from exercises import services

    if not services.link_may_read(request, session):
        return []
    if not session.cooperative.charters.adopted().exists():
        return []
    return [
        (
            _("La charte des usages numériques de la coopérative"),
            reverse("exercises:charter_by_link", args=[token]),
        )
    ]
