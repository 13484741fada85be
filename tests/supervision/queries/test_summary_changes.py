"""The area's own report (汇总 drafted into the workspace) says when a subordinate's counting report
changed after the draft, on its workspace page and on the area page, with the button to redraft."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.bodies.queries.tree import area_bodies
from gongkai.report_format.layout import Cell
from gongkai.report_format.model import Report
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.queries.summary_changes import changed_bodies, drafted_at, summary_changes
from tests.conftest import PASSWORD
from tests.supervision.conftest import YEAR

BANNER = "汇总起草后，下级单位的报告有变化："


@pytest.fixture
def district_clerk(district):
    return body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_clerk",
        password=PASSWORD,
        role=StaffMembership.Role.CLERK,
    )


@pytest.fixture
def clerk_client(client, district_clerk):
    client.force_login(district_clerk)
    return client


def draft(client, world) -> AnnualReport:
    response = client.post(reverse("supervision:draft", args=[world.district.pk, YEAR]))
    assert response.status_code == 302
    return AnnualReport.objects.get(body=world.district, year=YEAR)


def pages(client, world, annual) -> tuple[str, str]:
    workspace = client.get(reverse("yearbook:detail", args=[annual.pk]))
    area = client.get(reverse("supervision:area", args=[world.district.pk, YEAR]))
    assert (workspace.status_code, area.status_code) == (200, 200)
    return workspace.content.decode(), area.content.decode()


def test_no_banner_right_after_the_draft(clerk_client, world):
    annual = draft(clerk_client, world)

    workspace, area = pages(clerk_client, world, annual)
    assert BANNER not in workspace and BANNER not in area


def test_a_report_imported_after_the_draft_is_named_with_the_redraft_button(clerk_client, world, seed):
    annual = draft(clerk_client, world)
    import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)

    redraft = reverse("supervision:draft", args=[world.district.pk, YEAR])
    for page in pages(clerk_client, world, annual):
        assert f"{BANNER}只楚街道。请重新生成区域汇总。" in page
        assert f'<form method="post" action="{redraft}">\n' in page
        assert "按最新数据重新生成2023年度区域汇总" in page

    annual = draft(clerk_client, world)  # the button's POST
    workspace, area = pages(clerk_client, world, annual)
    assert BANNER not in workspace and BANNER not in area


def test_a_supervisor_who_may_not_redraft_sees_the_banner_without_the_button(
    clerk_client, supervisor, world, seed
):
    draft(clerk_client, world)
    import_report(actor=None, body=world.tanshan, data=seed("001"), filename="001.txt", confirmed=True)
    import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)

    supervisor_client = Client()
    supervisor_client.force_login(supervisor)
    area = supervisor_client.get(reverse("supervision:area", args=[world.district.pk, YEAR])).content.decode()
    assert f"{BANNER}只楚街道、坛山街道。" in area  # tree order: children by name
    assert "按最新数据重新生成" not in area


def test_a_published_summary_says_it_must_be_withdrawn_first(clerk_client, world, seed):
    annual = draft(clerk_client, world)
    AnnualReport.objects.filter(pk=annual.pk).update(status=Status.PUBLISHED)
    import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)

    workspace, _ = pages(clerk_client, world, annual)
    assert f"{BANNER}只楚街道。" in workspace
    assert "按最新数据重新生成" not in workspace
    assert "需由分管领导撤回后才能重新生成" in workspace


def test_at_most_ten_names_then_the_count(clerk_client, world, seed):
    annual = draft(clerk_client, world)
    for i in range(11):
        street = body_actions.create_body(
            actor=None, name=f"新{i:02}街道办事处", short_name=f"新{i:02}街道", level=Body.Level.SUBDISTRICT,
            parent=world.district,
        )  # fmt: skip
        import_report(actor=None, body=street, data=seed("001"), filename="001.txt", confirmed=True)

    workspace, _ = pages(clerk_client, world, annual)
    names = "、".join(f"新{i:02}街道" for i in range(10))
    assert f"{BANNER}{names}等 11 个单位。请重新生成区域汇总。" in workspace


def test_a_newer_import_that_does_not_count_is_no_change(clerk_client, world, seed):
    """只楚街道's published compiled report counts before any import: a newer import changes nothing."""
    compiled = Report(body="只楚街道办事处", year=YEAR, values={Cell("table3", "new", "total"): 9})
    AnnualReport.objects.create(
        body=world.zhichu, year=YEAR, data=compiled.to_json(), status=Status.PUBLISHED
    )
    annual = draft(clerk_client, world)
    import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)

    assert changed_bodies(world.district, YEAR, drafted_at(annual)) == []
    workspace, _ = pages(clerk_client, world, annual)
    assert BANNER not in workspace

    AnnualReport.objects.get(body=world.zhichu, year=YEAR).save()  # the compiled one itself changes
    assert changed_bodies(world.district, YEAR, drafted_at(annual)) == [world.zhichu]


def test_it_costs_two_queries_and_reads_no_report_json(clerk_client, district_clerk, world, seed):
    draft(clerk_client, world)
    annual = AnnualReport.objects.select_related("body").get(
        body=world.district, year=YEAR
    )  # as the page has it
    area = area_bodies(world.district, year=YEAR)

    with CaptureQueriesContext(connection) as quiet:
        assert summary_changes(district_clerk, annual, area) is None
    import_report(actor=None, body=world.zhichu, data=seed("001"), filename="001.txt", confirmed=True)
    with CaptureQueriesContext(connection) as changed:
        found = summary_changes(district_clerk, annual, area)

    assert found is not None and found.bodies == [world.zhichu] and found.may_redraft
    assert len(quiet.captured_queries) == 2  # when it was drafted; which reports changed since
    sql = [q["sql"] for q in changed.captured_queries]
    assert not any('"data"' in s.split(" FROM ")[0] for s in sql)  # no report JSON read
