"""The demo's parts from the apps above report_imports (registered with ``on_demo_loaded``): last
year's reports of the two 街道 in approval — one waiting for its 审核人, one for its 分管领导 — and the
district's send-backs of the imported reports, one still open and one answered by a corrected report."""

from __future__ import annotations

from django.utils import timezone

from gongkai.report_format.render import RENDERERS
from gongkai.report_imports.actions.demo import DEMO_YEAR, DemoWorld, demo_report
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_workspace.actions.reports import compile_report, review_report, submit_report
from gongkai.report_workspace.models import AnnualReport
from gongkai.supervision.actions.supervision import send_back
from gongkai.supervision.models import SendBack

SENT_BACK = "表三“（七）总计”与各项办理结果之和不一致，请核对后重新报送。"
CORRECTED = "第五部分未说明收费情况，请补充后重新报送。"


def reports_in_approval(world: DemoWorld) -> None:
    """Last year's report of each 街道, compiled and submitted; the second one also reviewed."""
    year = timezone.localdate().year - 1
    for n, staff in enumerate(world.streets):
        if AnnualReport.objects.filter(body=staff.body, year=year).exists():
            continue
        annual = compile_report(actor=staff.clerk, body=staff.body, year=year)
        annual = submit_report(actor=staff.clerk, annual=annual, comment="请审核")
        if n % 2:
            review_report(actor=staff.reviewer, annual=annual, comment="数据已核对")


def send_backs(world: DemoWorld) -> None:
    """The district sends both 街道's imported reports back; the first 街道 re-imports its corrected one."""
    if SendBack.objects.filter(body__parent=world.district).exists():
        return
    for n, staff in enumerate(world.streets[:2]):
        comment = CORRECTED if n == 0 else SENT_BACK
        send_back(actor=world.supervisor, body=staff.body, year=DEMO_YEAR, comment=comment)
        if n == 0:
            data = RENDERERS["md"](demo_report(staff.street))
            filename = f"{staff.street.short_name}{DEMO_YEAR}年政府信息公开工作年度报告（更正）.md"
            import_report(actor=staff.clerk, body=staff.body, data=data, filename=filename)
