"""When a year's report may be published, and the body's approval chain (经办 → 审核 → 分管领导签发).

Pure rules: no database. The statistical period of a report is 1 January – 31 December of its year
(ogi-rules §4.1); the report can only be published once that period is over, counted on the
calendar of Asia/Shanghai (the caller passes the local date of that zone).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Approval(StrEnum):
    """Where a draft stands in the body's chain. Any edit of the draft brings it back to DRAFTING."""

    DRAFTING = ""  # 编制中: the 经办人 (or anyone working on it) edits
    SUBMITTED = "submitted"  # 已提交审核: waits for the 审核人
    REVIEWED = "reviewed"  # 已审核，待签发: waits for the 分管领导


APPROVAL_LABELS: dict[str, str] = {
    Approval.DRAFTING.value: "编制中",
    Approval.SUBMITTED.value: "已提交，待审核",
    Approval.REVIEWED.value: "已审核，待分管领导签发",
}


def year_end(year: int) -> date:
    """The last day of the statistical period."""
    return date(year, 12, 31)


def first_publication_day(year: int) -> date:
    """The first day a report of ``year`` may be published: 1 January of the next year."""
    return date(year + 1, 1, 1)


def publication_refusal(year: int, today: date, on: date | None = None) -> str:
    """Why the report of ``year`` cannot be published on ``on`` (default ``today``), or "".

    ``today`` is the local date in Asia/Shanghai. Both the day of publication and today must be
    after 31 December of ``year``: a year that has not ended cannot be reported on, nor can a
    publication be back-dated into it.
    """
    on = on or today
    first = first_publication_day(year)
    if today < first:
        return (
            f"{year}年度尚未结束（统计期至{year}年12月31日），不能发布{year}年度报告；"
            f"最早可于{first.year}年1月1日发布。"
        )
    if on < first:
        return f"发布日期{on:%Y年%-m月%-d日}在{year}年度结束之前，{year}年度报告的发布日期不能早于{first.year}年1月1日。"
    if on > today:
        return f"发布日期{on:%Y年%-m月%-d日}晚于今天，请核对。"
    return ""
