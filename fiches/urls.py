from django.urls import path

from fiches import views

app_name = "fiches"

urlpatterns = [
    path("guide/", views.home, name="home"),
    path("guide/avant-propos/", views.foreword, name="foreword"),
    path("guide/qualite-de-vie-au-travail/", views.qvt_framework, name="qvt_framework"),
    path("guide/numerique/", views.digital_stakes, name="digital_stakes"),
    path("guide/cooperatives-partenaires/", views.partners, name="partners"),
    path("guide/fiches/<int:number>/", views.fiche, name="fiche"),
]
