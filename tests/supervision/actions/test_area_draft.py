"""The area's 汇总 as the district's own report draft in the annual workspace, counted once."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_format.layout import Cell
from gongkai.report_workspace.models import AnnualReport, SourceKind
from gongkai.supervision.queries.body_years import body_years
from gongkai.supervision.queries.summary import area_report
from tests.conftest import PASSWORD
from tests.supervision.conftest import YEAR

NEW = Cell("table3", "new", "total")
PARTIAL = Cell("table3", "partial", "total")
TODAY = date(2024, 3, 1)


@pytest.fixture
def district_clerk_client(client, district):
    user = body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_clerk",
        password=PASSWORD,
        role=StaffMembership.Role.CLERK,
    )
    client.force_login(user)
    return client


def summed(world) -> dict:
    rows = body_years(area_bodies(world.district, year=YEAR), YEAR, TODAY)
    return area_report("某某区及下级机关", rows, YEAR)[0].values


def test_the_draft_is_the_districts_records_plus_its_subdistricts_reports(district_clerk_client, world):
    response = district_clerk_client.post(reverse("supervision:draft", args=[world.district.pk, YEAR]))

    annual = AnnualReport.objects.get(body=world.district, year=YEAR)
    assert response["Location"] == reverse("yearbook:detail", args=[annual.pk])
    values = annual.report().values
    # no case in gongkai for the district itself: 0 of its own; 只楚 5 + 西高皇 0 + 环翠楼 2 + 坛山 0
    assert values[NEW] == 7 and values[PARTIAL] == 2
    assert annual.area_summary and annual.sources[NEW.path]["kind"] == SourceKind.AREA
    assert "4 个下级机关" in annual.sources[NEW.path]["note"]


def test_after_the_draft_the_area_summary_counts_nothing_twice(district_clerk_client, world):
    before = summed(world)
    district_clerk_client.post(reverse("supervision:draft", args=[world.district.pk, YEAR]))
    after = summed(world)

    assert before[NEW] == 7  # 某某区's own imported report has no table 3
    assert after[NEW] == 7 and after[PARTIAL] == 2  # the district's area report stands for its subtree


def test_running_it_again_refreshes_rather_than_adds(district_clerk_client, world):
    url = reverse("supervision:draft", args=[world.district.pk, YEAR])
    district_clerk_client.post(url)
    district_clerk_client.post(url)
    assert AnnualReport.objects.get(body=world.district, year=YEAR).report().values[NEW] == 7


def test_a_supervisor_without_a_workspace_role_is_told_so(supervisor_client, world):
    response = supervisor_client.post(
        reverse("supervision:draft", args=[world.district.pk, YEAR]), follow=True
    )
    assert "只有本机关的经办人" in response.content.decode()
    assert not AnnualReport.objects.filter(body=world.district).exists()


def test_a_subdistrict_clerk_cannot_draft_for_the_district(client, clerk, world):
    client.force_login(clerk)
    response = client.post(reverse("supervision:draft", args=[world.district.pk, YEAR]))
    assert response.status_code == 404


def test_the_draft_button_is_offered_only_to_who_may_draft(supervisor, district_clerk_client, world):
    url = reverse("supervision:area", args=[world.district.pk, YEAR])
    action = reverse("supervision:draft", args=[world.district.pk, YEAR])

    assert action in district_clerk_client.get(url).content.decode()
    as_supervisor = Client()
    as_supervisor.force_login(supervisor)
    assert action not in as_supervisor.get(url).content.decode()
