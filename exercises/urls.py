from django.urls import path

from exercises import (
    charter_views,
    diagram_views,
    discussion_views,
    projection_views,
    snapshot_views,
    time_views,
)

app_name = "exercises"

prefix = "c/<slug:slug>/exercices/"
urlpatterns = [
    # The charter in force for whoever answers by a join link, without an account.
    path("repondre/<str:token>/charte/", charter_views.charter_by_link, name="charter_by_link"),
    path(f"{prefix}charte/", charter_views.charter, name="charter"),
    path(f"{prefix}charte/version-<int:version>/", charter_views.version, name="charter_version"),
    path(f"{prefix}charte/commencer/", charter_views.start, name="charter_start"),
    path(f"{prefix}charte/projet/", charter_views.draft, name="charter_draft"),
    path(f"{prefix}charte/adopter/", charter_views.adopt, name="charter_adopt"),
    path(f"{prefix}compromis-temporel/", time_views.board, name="time"),
    path(f"{prefix}compromis-temporel/notes/", time_views.add_note, name="time_note_add"),
    path(
        f"{prefix}compromis-temporel/notes/<int:pk>/retirer/",
        time_views.delete_note,
        name="time_note_delete",
    ),
    path(
        f"{prefix}compromis-temporel/amenagements/",
        time_views.add_arrangement,
        name="arrangement_add",
    ),
    path(
        f"{prefix}compromis-temporel/amenagements/<int:pk>/retirer/",
        time_views.delete_arrangement,
        name="arrangement_delete",
    ),
    path(
        f"{prefix}compromis-temporel/amenagements/<int:pk>/au-plan/",
        time_views.send_arrangement,
        name="arrangement_send",
    ),
    path(f"{prefix}diagramme/", diagram_views.board, name="diagram"),
    path(
        f"{prefix}diagramme/projection/",
        projection_views.diagram_projection,
        name="diagram_projection",
    ),
    path(
        f"{prefix}compromis-temporel/projection/",
        projection_views.time_projection,
        name="time_projection",
    ),
    path(f"{prefix}diagramme/cartes/", diagram_views.add_card, name="card_add"),
    path(f"{prefix}diagramme/cartes/<int:pk>/placer/", diagram_views.place_card, name="card_place"),
    path(
        f"{prefix}diagramme/cartes/<int:pk>/retirer/", diagram_views.delete_card, name="card_delete"
    ),
    path(f"{prefix}diagramme/cartes/<int:pk>/au-plan/", diagram_views.send_card, name="card_send"),
    # « Enregistrer l'état du tableau », then two states side by side (compared over time).
    path(
        f"{prefix}diagramme/etats/",
        snapshot_views.history,
        {"board": "diagram"},
        name="diagram_history",
    ),
    path(
        f"{prefix}diagramme/etats/enregistrer/",
        snapshot_views.take,
        {"board": "diagram"},
        name="diagram_snapshot",
    ),
    path(
        f"{prefix}compromis-temporel/etats/",
        snapshot_views.history,
        {"board": "time"},
        name="time_history",
    ),
    path(
        f"{prefix}compromis-temporel/etats/enregistrer/",
        snapshot_views.take,
        {"board": "time"},
        name="time_snapshot",
    ),
    path(f"{prefix}discussions/", discussion_views.discussions, name="discussions"),
    path(f"{prefix}discussions/nouvelle/", discussion_views.discussion_new, name="discussion_new"),
    path(f"{prefix}discussions/<int:pk>/", discussion_views.discussion, name="discussion"),
    path(
        f"{prefix}discussions/<int:pk>/modifier/",
        discussion_views.discussion_edit,
        name="discussion_edit",
    ),
]
