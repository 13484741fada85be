from django.contrib import admin

from .models import Body, StaffMembership


class MembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "parent", "code")
    list_filter = ("level",)
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    inlines = (MembershipInline,)


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "body", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "body__name")
    autocomplete_fields = ("user", "body")
