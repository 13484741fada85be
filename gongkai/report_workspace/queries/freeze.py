"""What publishing a year's report will lock: the records of the body dated in that year.

Shown on the 签发 confirmation page, so that the 分管领导 sees what the signature freezes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from gongkai.bodies.models import Body
from gongkai.disclosure.models import DecisionCount, FeeIncome, Item, NormativeDocument
from gongkai.report_workspace.models import WorkEntry
from gongkai.requests.models import Event, RemedyCase, Request


@dataclass(frozen=True)
class Frozen:
    year: int
    requests: int  # applications received (or, not yet confirmed, arrived) in the year
    open_requests: int  # of those, still open: their later steps will need a 更正 if dated in the year
    request_events: int  # every recorded step of a request dated in the year
    items: int  # 主动公开 items published in the year
    register_entries: int  # table-2 register rows of the year (decisions, fees, documents)
    remedies: int  # 行政复议 / 行政诉讼 cases filed or decided in the year
    work_entries: int  # trainings, 人大代表建议, 政协提案 of the year

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [
            ("依申请公开申请（本年度收到）", self.requests),
            ("其中尚未办结的申请", self.open_requests),
            ("申请办理记录（本年度内的各环节）", self.request_events),
            ("主动公开信息（本年度发布）", self.items),
            ("登记簿记录（规章、规范性文件、许可处罚、收费）", self.register_entries),
            ("行政复议、行政诉讼案件", self.remedies),
            ("培训、建议提案登记", self.work_entries),
        ]


def frozen_by(body: Body, year: int) -> Frozen:
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_year = Q(received_on__gte=first, received_on__lte=last) | Q(
        received_on__isnull=True, arrived_on__gte=first, arrived_on__lte=last
    )
    requests = Request.objects.filter(in_year, body=body)
    return Frozen(
        year=year,
        requests=requests.count(),
        open_requests=requests.filter(concluded_on__isnull=True).count(),
        request_events=Event.objects.filter(request__body=body, on__gte=first, on__lte=last).count(),
        items=Item.objects.filter(body=body, published_on__gte=first, published_on__lte=last).count(),
        register_entries=(
            DecisionCount.objects.filter(body=body, year=year).count()
            + FeeIncome.objects.filter(body=body, year=year).count()
            + NormativeDocument.objects.filter(
                Q(issued_on__gte=first, issued_on__lte=last)
                | Q(repealed_on__gte=first, repealed_on__lte=last),
                body=body,
            ).count()
        ),
        remedies=RemedyCase.objects.filter(
            Q(filed_on__gte=first, filed_on__lte=last) | Q(decided_on__gte=first, decided_on__lte=last),
            body=body,
        ).count(),
        work_entries=WorkEntry.objects.filter(body=body, on__gte=first, on__lte=last).count(),
    )
