"""The calendar in the admin site is for looking only: changes go through the calendar page."""

import pytest
from django.urls import reverse

from tests.workdays.conftest import publish_2027


@pytest.mark.parametrize(
    ("model", "title"),
    [("calendaryear", "年度放假安排"), ("calendarday", "节假日设定"), ("calendarchange", "日历修改记录")],
)
def test_a_superuser_sees_the_lists_in_chinese(admin_client, district_admin, model, title):
    publish_2027(district_admin)

    response = admin_client.get(reverse(f"admin:workdays_{model}_changelist"))

    assert response.status_code == 200
    assert title in response.content.decode()


@pytest.mark.parametrize("model", ["calendaryear", "calendarday", "calendarchange"])
def test_nothing_can_be_added_in_the_admin_site(admin_client, model):
    assert admin_client.get(reverse(f"admin:workdays_{model}_add")).status_code == 403
