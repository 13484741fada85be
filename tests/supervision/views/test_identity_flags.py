"""A counted report whose title names another body (filed on its importer's confirmation) is flagged
in the area table and on the charts page: never mixed in silently."""

from django.urls import reverse

FLAG = "报告所署机关或年度不符"


def test_the_area_table_flags_the_report_of_another_body(supervisor_client, world):
    district_report = world.reports["004"]  # 威海市文登区天福街道's report, filed under the district
    assert district_report.identity_warnings
    year = district_report.year

    page = supervisor_client.get(reverse("supervision:area", args=[world.district.pk, year])).content.decode()

    assert page.count(FLAG) == 1  # the four 街道's own reports are not flagged
    row = page[page.index(FLAG) - 400 : page.index(FLAG)]
    assert world.district.display_name in row or world.district.name in row


def test_the_charts_page_names_the_mismatched_reports_it_counts(supervisor_client, world):
    year = world.reports["004"].year

    page = supervisor_client.get(reverse("supervision:trends", args=[world.district.pk])).content.decode()

    box = page.split(f'id="mismatched-{year}"')[1].split("</div>")[0]
    assert "威海市文登区天福街道办事处" in box and "请核对" in page
