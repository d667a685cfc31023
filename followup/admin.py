from django.contrib import admin

from followup.models import ActionDigest


@admin.register(ActionDigest)
class ActionDigestAdmin(admin.ModelAdmin):
    list_display = ("cooperative", "sent_on", "recipients", "actions")
    list_select_related = ("cooperative",)
    date_hierarchy = "sent_on"
