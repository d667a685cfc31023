from django.urls import path

from cooperatives import views

app_name = "cooperatives"

urlpatterns = [
    path("cooperatives/nouvelle/", views.create, name="create"),
    path("c/<slug:slug>/", views.dashboard, name="dashboard"),
    path("c/<slug:slug>/membres/", views.members, name="members"),
    path("c/<slug:slug>/membres/<int:pk>/retirer/", views.remove_member, name="remove_member"),
]
