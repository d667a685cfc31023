from django.urls import path

from networks import dashboard_views, views

app_name = "networks"

urlpatterns = [
    # The network's advisers.
    path("reseaux/<slug:slug>/", dashboard_views.dashboard, name="dashboard"),
    path("reseaux/<slug:slug>/cooperatives/", views.cooperatives, name="cooperatives"),
    path("reseaux/<slug:slug>/inviter/", views.invite, name="invite"),
    path("reseaux/<slug:slug>/invitations/<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path(
        "reseaux/<slug:slug>/accompagnateurs/inviter/", views.invite_adviser, name="invite_adviser"
    ),
    path(
        "reseaux/<slug:slug>/accompagnateurs/invitations/<int:pk>/retirer/",
        views.withdraw_adviser_invitation,
        name="withdraw_adviser_invitation",
    ),
    path(
        "reseaux/<slug:slug>/cooperatives/<slug:cooperative_slug>/",
        views.cooperative,
        name="cooperative",
    ),
    # Anyone holding a link: it adds the role only to the logged-in account of its address.
    path("accompagner/<str:token>/", views.adviser_invitation, name="adviser_invitation"),
    # The cooperative's facilitator.
    path("c/<slug:slug>/reseaux/<int:pk>/repondre/", views.answer, name="answer"),
    path("c/<slug:slug>/reseaux/<int:pk>/quitter/", views.leave, name="leave"),
    path("c/<slug:slug>/accompagnement/", views.grant, name="grant"),
    path("c/<slug:slug>/accompagnement/<int:pk>/retirer/", views.revoke_grant, name="revoke_grant"),
    path("c/<slug:slug>/sessions/<int:pk>/partage-reseau/", views.share, name="share"),
]
