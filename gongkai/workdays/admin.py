"""The calendar in the admin site: to look at only.

Changes go through the calendar page (``/calendar/``), whose actions check the permission, write the
change log and tell the rest of the platform; an edit here would do none of that.
"""

from __future__ import annotations

from django.contrib import admin

from gongkai.web.admin import ReadOnlyAdmin
from gongkai.workdays.models import CalendarChange, CalendarDay, CalendarYear


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("year", "published", "notice", "published_by", "published_at")
    list_filter = ("published",)
    search_fields = ("notice",)


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = ("on", "is_workday", "name", "source", "region_note", "entered_by", "entered_at")
    list_filter = ("is_workday", "published_with")
    search_fields = ("name", "source", "region_note")
    date_hierarchy = "on"


@admin.register(CalendarChange)
class CalendarChangeAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "kind", "year", "on", "before", "after", "reason")
    list_filter = ("kind", "year")
    search_fields = ("reason", "before", "after")
    date_hierarchy = "at"
