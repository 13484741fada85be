from django.urls import reverse

from tests.report_imports.helpers import import_seed


def test_the_list_shows_my_reports_with_their_counts(clerk_client, clerk, street):
    imported = import_seed("000", clerk=clerk, body=street)

    page = clerk_client.get(reverse("reports:list")).content.decode()

    assert imported.display_title in page
    assert reverse("reports:detail", args=[imported.pk]) in page


def test_the_list_can_be_narrowed_to_one_body(clerk_client, clerk, street):
    import_seed("000", clerk=clerk, body=street)

    response = clerk_client.get(reverse("reports:list"), {"body": street.pk})

    assert response.status_code == 200
    assert len(response.context["reports"]) == 1


def test_an_empty_list_says_so(clerk_client):
    page = clerk_client.get(reverse("reports:list")).content.decode()

    assert "还没有导入任何年度报告" in page
