"""The admin shows bodies and their staff but changes neither: every change to the tree or to a body's
staff goes through the tree and staff pages, whose actions record it (``BodyChange``: who, when, what)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html

from gongkai.bodies.models import AccountEvent, Body, BodyChange, StaffMembership
from gongkai.web.admin import ReadOnlyAdmin, ViewOnly


class MembershipInline(ViewOnly, admin.TabularInline):
    model = StaffMembership
    extra = 0


@admin.register(Body)
class BodyAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "parent", "code", "ended_on")
    list_filter = ("level",)
    search_fields = ("name", "short_name", "code")
    fields = (
        "manage",
        "name",
        "short_name",
        "level",
        "code",
        "parent",
        "founded_on",
        "ended_on",
        "merged_into",
    )
    readonly_fields = ("manage",)
    inlines = (MembershipInline,)

    @admin.display(description="修改")
    def manage(self, body: Body) -> str:
        return format_html(
            '本页只读。增加、更名、调整隶属、撤并、撤销机关请到<a href="{}">机关树管理页面</a>，'
            '人员请到<a href="{}">人员账号页面</a>：每项变动都记入<a href="{}">变动记录</a>。',
            reverse("bodies:tree", args=[body.pk]),
            reverse("bodies:staff", args=[body.pk]),
            reverse("bodies:history", args=[body.pk]),
        )


@admin.register(StaffMembership)
class StaffMembershipAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("user", "body", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "body__name")


@admin.register(BodyChange)
class BodyChangeAdmin(ViewOnly, admin.ModelAdmin):
    """The history is written by the actions only: read-only here."""

    list_display = ("at", "body", "kind", "actor_name", "reason")
    list_filter = ("kind",)
    search_fields = ("body__name", "actor_name", "reason")


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    """The account log (logins, passwords, permissions), written by ``actions/accounts.py`` only."""

    list_display = ("at", "kind", "username", "actor_name", "ip")
    list_filter = ("kind",)
    search_fields = ("username", "actor_name", "ip")
    date_hierarchy = "at"


class UserAdmin(DjangoUserAdmin):
    """Accounts: every change of is_active, is_staff, is_superuser, groups and permissions made here is
    written to the account log (``actions/accounts.py`` listens to the model). No deletion: an account
    that leaves is deactivated, so that what it did keeps its name."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserAdmin)
