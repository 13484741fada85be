"""Requests world: an applicant of 只楚街道 and a registered request, with the clock pinned."""

from datetime import date

import pytest

from gongkai.requests.actions import cases as actions
from gongkai.requests.models import Applicant, Channel


@pytest.fixture
def applicant(street):
    return Applicant.objects.create(
        body=street,
        kind="natural_person",
        name="张三",
        id_type="resident_id",
        id_number="110101199003070011",
        phone="13912345678",
    )


@pytest.fixture
def registered(clerk, street, applicant):
    """A request handed in on Friday 2025-09-26."""
    return actions.register_request(
        actor=clerk,
        body=street,
        applicant=applicant,
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject="2025年只楚街道老旧小区改造项目清单",
        items=["改造项目清单", "资金使用情况"],
    )


@pytest.fixture
def request_(registered):
    return registered.request
