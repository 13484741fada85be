"""Demo requests for `gongkai start --demo`: a few cases in the states a clerk meets every week.

Dates are counted back from today on the working-day calendar, so the list shows realistic
"剩余N个工作日" badges whatever day the demo is loaded.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User as AuthUser
from django.utils import timezone

from gongkai.bodies.models import Body
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import Applicant, Channel, LetterSettings, Request


def _working_days_ago(n: int) -> date:
    calendar = actions.calendar()
    day = timezone.localdate()
    while n > 0:
        day -= timedelta(days=1)
        if calendar.is_workday(day):
            n -= 1
    return day


def load_demo_requests(body: Body, clerk: AuthUser) -> int:
    """Create the demo cases once per body; returns how many were created."""
    if Request.objects.filter(body=body).exists():
        return 0
    # What the body's 管理员 fills in before letters can be made (a letter is refused without it).
    parent = body.parent.name if body.parent is not None else body.name
    LetterSettings.objects.get_or_create(
        body=body,
        defaults={
            "review_organ": parent,
            "court": f"{parent.removesuffix('人民政府')}人民法院",
            "office_address": f"{body.name}政务公开办公室",
            "office_phone": "010-12345678",
        },
    )
    person = Applicant.objects.create(
        body=body,
        kind="natural_person",
        name="王小明",
        id_type="resident_id",
        id_number="110101199003070011",
        phone="13912345678",
        address="某某区幸福路1号",
    )
    company = Applicant.objects.create(
        body=body,
        kind="commercial",
        name="某某建设工程有限公司",
        credit_code="91110000600037341L",
        contact_person="李经理",
        phone="010-88886666",
    )

    def register(
        applicant: Applicant, subject: str, days_ago: int, channel: str = Channel.IN_PERSON
    ) -> Request:
        on = _working_days_ago(days_ago)
        return actions.register_request(
            actor=clerk,
            body=body,
            applicant=applicant,
            channel=channel,
            arrived_on=on,
            subject=subject,
            received_on=on if channel != Channel.IN_PERSON else None,
        ).request

    urgent = register(person, "本街道2025年老旧小区改造项目清单及资金安排", 17)
    actions.start_processing(actions.start_review(urgent, actor=clerk), actor=clerk)
    correcting = register(company, "某地块征收补偿方案", 6, Channel.LETTER_SIGNED)
    actions.start_review(correcting, actor=clerk, on=_working_days_ago(5))
    actions.request_correction(
        correcting,
        actor=clerk,
        on=_working_days_ago(4),
        what="请写明地块名称或所在位置",
        deadline=timezone.localdate() + timedelta(days=15),
    )
    answered = register(person, "街道办事处2025年部门预算", 12)
    actions.reply(answered, actor=clerk, on=_working_days_ago(3), outcomes="granted")
    actions.register_request(
        actor=None,
        body=body,
        applicant=person,
        channel=Channel.ONLINE,
        arrived_on=timezone.localdate(),
        subject="辖区养老服务设施分布情况",
    )
    return 4
