"""Admin for the questionnaire and sessions only. Respondents and answers are deliberately not
registered: no admin list may show one member's answers (the anonymity promise)."""

from django.contrib import admin

from diagnostics.models import DiagnosticSession, Questionnaire, Statement, Theme


class StatementInline(admin.TabularInline):
    model = Statement
    fields = ("order", "code", "text")
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("title", "code")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("title", "questionnaire", "order", "fiche_number")
    inlines = [StatementInline]


@admin.register(DiagnosticSession)
class DiagnosticSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "cooperative", "status", "anonymity_threshold", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "cooperative__name")
    readonly_fields = ("join_key", "results_snapshot", "revealed_at")
