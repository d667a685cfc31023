from django.urls import path

from plans import meeting_views, results_views, views

app_name = "plans"

prefix = "c/<slug:slug>/sessions/<int:pk>/"
urlpatterns = [
    path(f"{prefix}resultats/", results_views.results, name="results"),
    path(f"{prefix}priorites/", results_views.priorities, name="priorities"),
    path(f"{prefix}methode/<slug:theme_code>/", results_views.method, name="method"),
    path(f"{prefix}consolidation/", views.consolidate, name="consolidate"),
    path(f"{prefix}atelier/", meeting_views.overview, name="meeting"),
    path(f"{prefix}atelier/<int:number>/", meeting_views.statement, name="meeting_statement"),
    path(f"{prefix}plan/", views.plan, name="plan"),
    path(f"{prefix}plan/nouvelle-action/", views.action_create, name="action_create"),
    path(f"{prefix}plan/<int:action_pk>/modifier/", views.action_edit, name="action_edit"),
    path(f"{prefix}plan/<int:action_pk>/supprimer/", views.action_delete, name="action_delete"),
    path(
        f"{prefix}plan/<int:action_pk>/monter/", views.action_move, {"offset": -1}, name="action_up"
    ),
    path(
        f"{prefix}plan/<int:action_pk>/descendre/",
        views.action_move,
        {"offset": 1},
        name="action_down",
    ),
]
