from django.contrib import admin

from plans.models import Action, ConsolidatedAnswer


@admin.register(ConsolidatedAnswer)
class ConsolidatedAnswerAdmin(admin.ModelAdmin):
    # The team's agreed answer, not a person's: safe to list (no individual answers here).
    list_display = ("session", "statement", "value", "updated_at")
    list_filter = ("value",)
    list_select_related = ("session", "statement")
    raw_id_fields = ("session", "statement", "updated_by")


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("title", "session", "theme", "step", "status", "due_date")
    list_filter = ("status", "step")
    list_select_related = ("session", "theme")
    search_fields = ("title",)
    raw_id_fields = ("session", "theme", "owner_membership")
