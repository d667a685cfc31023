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

        # Every change of a network's rows recomputes its boards in a task once committed
        # (figures.refresh_later); the digest read on each page keeps an older board unseen.
        from django.db.models.signals import pre_delete

        from cooperatives.models import Cooperative
        from networks.models import NetworkMembership, SharedPlan

        def membership_changed(sender, instance, **kwargs):
            figures.refresh_later([instance.network_id])  # accepted, left, withdrawn, deleted

        def share_changed(sender, instance, **kwargs):
            # Before a delete: a cascade from the cooperative deletes its memberships too.
            figures.refresh_later(figures.networks_of(instance.cooperative_id))

        def cooperative_changed(sender, instance, created=False, **kwargs):
            if not created:  # a new cooperative is in no network yet
                figures.refresh_later(figures.networks_of(instance.pk))

        for model, uid in ((SharedSession, "session"), (SharedPlan, "plan")):
            post_save.connect(share_changed, sender=model, weak=False, dispatch_uid=f"b-{uid}")
            pre_delete.connect(share_changed, sender=model, weak=False, dispatch_uid=f"b-{uid}-d")
        post_save.connect(
            membership_changed, sender=NetworkMembership, weak=False, dispatch_uid="b-member"
        )
        post_delete.connect(
            membership_changed, sender=NetworkMembership, weak=False, dispatch_uid="b-member-d"
        )
        post_save.connect(cooperative_changed, sender=Cooperative, weak=False, dispatch_uid="b-c")

        # A migration may change the guide's themes and statements a stored board holds (the
        # code that draws it is in its digest, figures.CODE): every deploy migrates, and the
        # boards are computed again.
        from django.db.models.signals import post_migrate

        def forget_boards(sender, using, **kwargs):
            from django.db import connections

            from networks.models import NetworkBoard

            # Not after a migration back to before networks 0003, which drops the table.
            if NetworkBoard._meta.db_table in connections[using].introspection.table_names():
                NetworkBoard.objects.using(using).all().delete()

        post_migrate.connect(forget_boards, sender=self, weak=False, dispatch_uid="b-migrate")
        pre_delete.connect(
            cooperative_changed, sender=Cooperative, weak=False, dispatch_uid="b-c-d"
        )
