from django.urls import path

from cooperatives import invitation_views, views

app_name = "cooperatives"

urlpatterns = [
    path("cooperatives/nouvelle/", views.create, name="create"),
    path("nouveau-lien/", invitation_views.new_link, name="new_link"),
    path("c/<slug:slug>/quitter/", views.leave, name="leave"),
    path("c/<slug:slug>/membres/", views.members, name="members"),
    path("c/<slug:slug>/membres/qr/", views.qr_sheet, name="qr_sheet"),
    path("c/<slug:slug>/membres/<int:pk>/retirer/", views.remove_member, name="remove_member"),
    path("c/<slug:slug>/membres/<int:pk>/role/", views.change_role, name="change_role"),
    path("c/<slug:slug>/membres/<int:pk>/inviter/", views.send_invitation, name="invite"),
    path("c/<slug:slug>/membres/<int:pk>/revoquer/", views.revoke_invitations, name="revoke"),
]
