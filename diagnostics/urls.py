from django.urls import path

from diagnostics import paper_views, views

app_name = "diagnostics"

urlpatterns = [
    path("c/<slug:slug>/sessions/nouvelle/", views.session_create, name="session_create"),
    path("c/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("c/<slug:slug>/sessions/<int:pk>/modifier/", views.session_edit, name="session_edit"),
    path("c/<slug:slug>/sessions/<int:pk>/ouvrir/", views.session_open, name="session_open"),
    path("c/<slug:slug>/sessions/<int:pk>/cloturer/", views.session_close, name="session_close"),
    path("c/<slug:slug>/sessions/<int:pk>/publier/", views.session_reveal, name="session_reveal"),
    path("c/<slug:slug>/sessions/<int:pk>/relancer/", views.session_remind, name="session_remind"),
    path("c/<slug:slug>/sessions/<int:pk>/qr/", views.session_qr, name="session_qr"),
    path(
        "c/<slug:slug>/sessions/<int:pk>/papier/saisie/",
        paper_views.paper_tally,
        name="paper_tally",
    ),
]
