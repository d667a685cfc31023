from django.urls import path

from fiches import session_views, views

app_name = "fiches"

session = "c/<slug:slug>/sessions/<int:pk>/"
urlpatterns = [
    path("guide/", views.home, name="home"),
    path("guide/avant-propos/", views.foreword, name="foreword"),
    path("guide/qualite-de-vie-au-travail/", views.qvt_framework, name="qvt_framework"),
    path("guide/numerique/", views.digital_stakes, name="digital_stakes"),
    path("guide/cooperatives-partenaires/", views.partners, name="partners"),
    path("guide/fiches/<int:number>/", views.fiche, name="fiche"),
    path(f"{session}priorites/", session_views.priorities, name="priorities"),
    path(f"{session}methode/<slug:theme_code>/", session_views.method, name="method"),
]
