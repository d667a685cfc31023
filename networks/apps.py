from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Between diagnostics and plans: a network of cooperatives (a union, a federation), its
    advisers, the cooperatives that joined it and what each chose to share — one summary row per
    shared session, so the network view never reads answers. Imports diagnostics, cooperatives,
    accounts and fiches; never plans (plans pushes a shared plan in with plain values)."""

    name = "networks"
    verbose_name = _("Réseaux")

    def ready(self):
        # The members page (cooperatives) and the session page (diagnostics) show what networks
        # adds through their hooks: the layers forbid them to import networks.
        from cooperatives import members_page
        from diagnostics import session_page
        from networks import pages

        members_page.register(pages.render_on_members_page)
        session_page.register(pages.render_on_session_page)
