"""The models of the app, one module per subject; importing them here is how Django finds them."""

from gongkai.workdays.models.calendar import CalendarChange, CalendarDay, CalendarYear

__all__ = [
    "CalendarChange",
    "CalendarDay",
    "CalendarYear",
]
