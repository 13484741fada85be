"""The charts of a body's page over the years, drawn by the shared chart module (gongkai.web.charts)."""

from __future__ import annotations

from gongkai.web import charts

Series = charts.Series
CSS = charts.CSS


def figure(title: str, years: list[int], data: Series) -> str:
    """A bar chart per year, one colour per series, followed by the same numbers as a table."""
    return charts.figure("bar", title, years, data)
