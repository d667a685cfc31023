"""The paths are those the files always had, under the apps whose pages link to them."""

from django.urls import path

from reports import views
from reports.registry import FORMATS

app_name = "reports"

urlpatterns = [
    path("comptes/mes-donnees/", views.my_data, name="my_data"),
    path("comptes/supprimer/", views.delete_account, name="delete_account"),
    path("c/<slug:slug>/donnees/", views.cooperative_data, name="cooperative_data"),
    *(
        path(f.path, views.VIEWS[f.audience], {"name": f.name}, name=f.name)
        for f in FORMATS.values()
    ),
]
