from django.urls import path

from plans import (
    decision_views,
    meeting_views,
    network_views,
    path_views,
    results_views,
    summary,
    team_results,
    views,
    vote_views,
)

app_name = "plans"

prefix = "c/<slug:slug>/sessions/<int:pk>/"
urlpatterns = [
    path(f"{prefix}resultats/", results_views.results, name="results"),
    path(f"{prefix}priorites/", results_views.priorities, name="priorities"),
    path(f"{prefix}date-de-reunion/", decision_views.meeting_date, name="meeting_date"),
    path(f"{prefix}compte-rendu/", summary.summary, name="summary"),
    path(f"{prefix}methode/<slug:theme_code>/", results_views.method, name="method"),
    path(f"{prefix}fiches/<int:number>/", path_views.session_fiche, name="session_fiche"),
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
    # The meeting's votes: the facilitator's buttons, and the pad behind the join link.
    path(f"{prefix}votes/ouvrir/", vote_views.open_vote, name="vote_open"),
    path(f"{prefix}votes/etat/", vote_views.status, name="vote_status"),
    path(f"{prefix}votes/<int:vote_pk>/fermer/", vote_views.close_vote, name="vote_close"),
    path(f"{prefix}votes/<int:vote_pk>/reveler/", vote_views.reveal_vote, name="vote_reveal"),
    path(
        f"{prefix}votes/<int:vote_pk>/retenir/",
        vote_views.retain_priorities,
        name="vote_retain",
    ),
    path(f"{prefix}plan/partage-reseau/", network_views.share_plan, name="share_plan"),
    path(
        "reseaux/<slug:slug>/cooperatives/<slug:cooperative_slug>/sessions/<int:pk>/",
        network_views.adviser_session,
        name="adviser_session",
    ),
    path("repondre/<str:token>/resultats/", team_results.team_results, name="team_results"),
    path("repondre/<str:token>/vote/", vote_views.pad, name="vote_pad"),
    path("repondre/<str:token>/vote/etat/", vote_views.pad_status, name="vote_pad_status"),
]
