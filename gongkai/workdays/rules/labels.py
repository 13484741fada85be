"""How a day of the calendar is named to people: its kind and on whose authority."""

from __future__ import annotations

from gongkai.workdays.rules.calendar import Day

SOURCE_LABELS = {
    "package": "国务院安排",
    "admin": "管理员录入",
    "estimate": "估算",
}


def describe_day(day: Day) -> str:
    """``休息：春节（国务院安排）``, ``上班：调休上班（管理员录入）``, ``上班：工作日（估算）``."""
    kind = "上班" if day.is_workday else "休息"
    return f"{kind}：{day.name}（{SOURCE_LABELS[day.source]}）"
