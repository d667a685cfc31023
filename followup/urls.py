from django.urls import path

from followup import views

app_name = "followup"

urlpatterns = [
    path("c/<slug:slug>/", views.dashboard, name="dashboard"),
    path("c/<slug:slug>/suivi/comparer/", views.compare, name="compare"),
    path(
        "c/<slug:slug>/suivi/actions/<int:action_pk>/etat/",
        views.action_status,
        name="action_status",
    ),
]
