from django.contrib import admin

from networks.models import Adviser, AdviserGrant, AdviserInvitation, Network, NetworkMembership


class AdviserInline(admin.TabularInline):
    model = Adviser
    fields = ("user",)
    raw_id_fields = ("user",)
    extra = 0


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    fields = ("cooperative", "status", "invited_at", "answered_at")
    readonly_fields = ("invited_at", "answered_at")
    raw_id_fields = ("cooperative",)
    extra = 0


class AdviserInvitationInline(admin.TabularInline):
    """Who invited whom as an adviser, for the operator (never the link: only its hash exists,
    and it is not shown)."""

    model = AdviserInvitation
    fields = ("email", "invited_by", "created_at", "email_status", "used_at", "revoked_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    """Creating a network and naming its advisers is the operator's act; what cooperatives share
    is theirs alone, so the shared summaries are not in the admin."""

    list_display = ("name", "kind", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AdviserInline, AdviserInvitationInline, NetworkMembershipInline]


@admin.register(AdviserGrant)
class AdviserGrantAdmin(admin.ModelAdmin):
    list_display = ("adviser", "cooperative", "created_at")
    raw_id_fields = ("adviser", "cooperative", "granted_by")
