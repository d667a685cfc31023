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

        # A shared session saved or deleted in this process (a cascade included) is decoded
        # again (networks.figures keeps each one's figures; other processes check its identity).
        from django.db.models.signals import post_delete, post_save

        from networks import figures
        from networks.models import SharedSession

        def forget(sender, instance, **kwargs):
            figures.forget(instance.session_id)

        # weak=False: a local function, which nothing else keeps alive.
        post_save.connect(forget, sender=SharedSession, weak=False, dispatch_uid="figures-save")
        post_delete.connect(forget, sender=SharedSession, weak=False, dispatch_uid="figures-delete")
