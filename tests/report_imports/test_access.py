"""Staff see the reports of their own bodies only; everything else is 404, never 403."""

import pytest
from django.urls import reverse

from gongkai.report_imports.models import ImportedReport
from tests.report_imports.helpers import import_seed


@pytest.fixture
def their_report(other_clerk, other_street):
    """A report of 西高皇街道, which the clerk of 只楚街道 must not see."""
    return import_seed("001", clerk=other_clerk, body=other_street)


def test_another_bodys_report_page_is_404(clerk_client, their_report):
    response = clerk_client.get(reverse("reports:detail", args=[their_report.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "json", "md", "html"])
def test_another_bodys_downloads_are_404(clerk_client, their_report, fmt):
    response = clerk_client.get(reverse("reports:download", args=[their_report.pk, fmt]))

    assert response.status_code == 404


def test_another_bodys_reports_are_not_listed(clerk_client, their_report):
    page = clerk_client.get(reverse("reports:list")).content.decode()

    assert their_report.display_title not in page


def test_filtering_the_list_by_another_body_is_404(clerk_client, other_street):
    response = clerk_client.get(reverse("reports:list"), {"body": other_street.pk})

    assert response.status_code == 404


def test_importing_for_another_body_is_refused(clerk_client, other_street, seed):
    response = clerk_client.post(
        reverse("reports:import"), {"body": other_street.pk, "text": seed("001").decode()}
    )

    assert response.status_code == 400
    assert "请选择您所在的机关。" in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_the_owner_sees_the_report(other_clerk_client, their_report):
    response = other_clerk_client.get(reverse("reports:detail", args=[their_report.pk]))

    assert response.status_code == 200


def test_a_district_superuser_sees_every_report(client, their_report, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))

    response = client.get(reverse("reports:detail", args=[their_report.pk]))

    assert response.status_code == 200


def test_a_visitor_is_sent_to_login(client, their_report):
    response = client.get(reverse("reports:download", args=[their_report.pk, "docx"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_only_a_leader_puts_a_report_on_the_portal(client, street, clerk, seed):
    from gongkai.bodies.actions import members as body_actions
    from gongkai.bodies.models import StaffMembership
    from gongkai.report_imports.actions.imports import import_report

    imported = import_report(actor=clerk, body=street, data=seed("001"), filename="001.txt", confirmed=True)
    client.force_login(clerk)
    page = client.get(f"/reports/{imported.pk}/").content.decode()
    assert "在门户公开</button>" not in page and "由本机关分管领导或管理员决定" in page  # no button
    refused = client.post(f"/reports/{imported.pk}/portal/", {"action": "show"})
    assert refused.status_code == 403
    assert "只有本机关的分管领导或管理员可以决定在门户公开年度报告" in refused.content.decode()
    leader = body_actions.create_staff_user(
        actor=None, body=street, username="leader", password="x-Pass-123", role=StaffMembership.Role.LEADER
    )
    client.force_login(leader)
    assert client.post(f"/reports/{imported.pk}/portal/", {"action": "show"}).status_code == 302
    imported.refresh_from_db()
    assert imported.on_portal_since is not None and imported.on_portal_by == leader
    page = client.get(f"/reports/{imported.pk}/").content.decode()
    assert "从门户撤下" in page


def test_staff_of_a_body_above_may_import_for_it_but_not_a_neighbour(
    street, other_clerk, district_admin, seed
):
    from django.core.exceptions import PermissionDenied

    from gongkai.report_imports.actions.imports import import_report

    imported = import_report(
        actor=district_admin, body=street, data=seed("001"), filename="001.txt", confirmed=True
    )
    assert imported.body == street and imported.created_by == district_admin
    with pytest.raises(PermissionDenied, match="上级机关"):
        import_report(actor=other_clerk, body=street, data=seed("001"), filename="001.txt", confirmed=True)
