"""The public pages of a body: home, catalogue, item, 指南, 目录, annual reports; accessible and no login."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure.models import Validity
from gongkai.report_format.model import Report
from gongkai.report_imports.actions.imports import show_on_portal, withdraw_from_portal
from gongkai.report_imports.models import ImportedReport
from gongkai.requests.models.letters import LetterSettings


def get(client, name: str, *args) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, name
    return response.content.decode()


def test_the_home_page_links_everything_a_visitor_needs(client, street, library):
    page = get(client, "gk:home", street.pk)

    assert library["renovation"].title in page
    for href in [
        reverse("gk:guide", args=[street.pk]),
        reverse("gk:directory", args=[street.pk]),
        reverse("gk:reports", args=[street.pk]),
        reverse("portal:apply", args=[street.pk]),
        reverse("portal:track"),
        reverse("gk:node", args=[street.pk, library["renovation"].node_id]),
    ]:
        assert f'href="{href}"' in page, href


def test_every_page_has_a_skip_link_landmarks_and_a_labelled_search(client, street, library):
    for name, args in [("gk:home", [street.pk]), ("gk:guide", [street.pk]), ("gk:search", [])]:
        page = client.get(reverse(name, args=args)).content.decode()
        assert '<a class="skip" href="#main">跳到正文</a>' in page
        assert '<main id="main"' in page and "<header" in page and "<footer" in page
        assert '<html lang="zh-Hans"' in page
    page = get(client, "gk:home", street.pk)
    assert '<label for="search-q">站内检索</label>' in page
    assert '<nav aria-label="专栏导航"' in page


def test_the_catalogue_counts_items_and_lists_a_node_in_pages(client, street, library, publish):
    node = library["renovation"].node
    for n in range(20):
        publish(f"第{n + 1}号公示", "公示内容。")

    assert f'{node.name}</a> <span class="count">（24）</span>' in get(client, "gk:catalogue", street.pk)
    first = get(client, "gk:node", street.pk, node.pk)
    assert "第 1 / 2 页，共 24 条" in first
    second = client.get(reverse("gk:node", args=[street.pk, node.pk]), {"page": 2}).content.decode()
    assert library["renovation"].title in second  # the oldest are on the last page


def test_the_item_page_shows_the_metadata_block(client, street, publish):
    item = publish(
        "某某区老旧小区改造实施办法",
        "第一条 为推进老旧小区改造，制定本办法。",
        doc_number="某政办发〔2025〕12号",
        topic="城乡建设、环境保护",
        validity=Validity.VALID,
        publisher="只楚街道办事处",
    )

    page = get(client, "gk:item", street.pk, item.pk)

    for label, value in [
        ("索引号", item.index_number),
        ("发布机构", "只楚街道办事处"),
        ("成文日期", "2025年9月1日"),
        ("文号", "某政办发〔2025〕12号"),
        ("主题分类", "城乡建设、环境保护"),
        ("有效性", "有效"),
    ]:
        assert (
            f'<th scope="row">{label}</th><td>{value}</td>' in page
            or f'<th scope="row">{label}</th><td colspan="3">{value}</td>' in page
        ), label
    assert "发布日期" in page
    assert "<p>第一条 为推进老旧小区改造，制定本办法。</p>" in page


def test_the_guide_uses_the_office_details_and_says_how_to_request(client, street, node):
    LetterSettings.objects.create(
        body=street,
        office_address="某某区只楚路1号",
        office_phone="010-12345678",
        review_organ="某某区人民政府",
    )

    page = get(client, "gk:guide", street.pk)

    assert "某某区只楚路1号" in page and "010-12345678" in page
    assert "向某某区人民政府申请行政复议" in page
    assert reverse("portal:apply", args=[street.pk]) in page
    assert node.name in page


def test_the_guide_without_office_details_says_so(client, street):
    assert "本机关尚未登记办公地址和联系电话" in get(client, "gk:guide", street.pk)


def test_the_directory_lists_index_number_name_summary_and_date(client, street, library):
    page = get(client, "gk:directory", street.pk)

    item = library["budget"]
    assert f"<td>{item.index_number}</td>" in page
    assert "按照财政预算公开的要求" in page
    assert "<td>2025-09-01</td>" in page
    for heading in ["索引号", "名称", "内容概述", "生成日期"]:
        assert f'<th scope="col">{heading}</th>' in page


def test_an_imported_report_is_public_only_once_a_leader_puts_it_on_the_portal(
    client, street, leader, django_capture_on_commit_callbacks
):
    row = ImportedReport.objects.create(
        body=street, year=2024, filename="2024.txt", data=Report.from_json({}).to_json()
    )
    url = reverse("gk:report", args=[street.pk, row.pk])
    assert url not in get(client, "gk:reports", street.pk)
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages go stale on commit
        show_on_portal(actor=leader, imported=row)
    assert url in get(client, "gk:reports", street.pk)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_from_portal(actor=leader, imported=row)
    assert client.get(url).status_code == 404


def test_a_clerk_cannot_put_a_report_on_the_portal(street, clerk):
    row = ImportedReport.objects.create(
        body=street, year=2024, filename="2024.txt", data=Report.from_json({}).to_json()
    )
    with pytest.raises(PermissionDenied):
        show_on_portal(actor=clerk, imported=row)


def test_annual_reports_are_listed_and_shown_without_the_checker_findings(client, street):
    report = Report.from_json({})
    row = ImportedReport.objects.create(
        body=street, year=2024, filename="2024.txt", data=report.to_json(), on_portal_since=timezone.now()
    )

    listing = get(client, "gk:reports", street.pk)
    assert reverse("gk:report", args=[street.pk, row.pk]) in listing
    assert "2024年度" in listing
    document = get(client, "gk:report", street.pk, row.pk)
    assert "<table" in document
    assert "核查结果" not in document


def test_a_report_of_another_body_is_not_found(client, street, other_street):
    row = ImportedReport.objects.create(
        body=street,
        year=2024,
        filename="x.txt",
        data=Report.from_json({}).to_json(),
        on_portal_since=timezone.now(),
    )
    assert client.get(reverse("gk:report", args=[other_street.pk, row.pk])).status_code == 404


def test_an_unknown_body_is_not_found(client, db):
    assert client.get(reverse("gk:home", args=[999999])).status_code == 404


def test_large_text_mode_is_a_cookie_set_by_a_link(client, street, library):
    url = reverse("gk:home", args=[street.pk])
    assert 'href="?large=1">大字版' in client.get(url).content.decode()

    response = client.get(url, {"large": "1"})
    assert response.status_code == 302 and response["Location"] == url
    assert response.cookies["gk_large"].value == "1"

    page = client.get(url).content.decode()
    assert '<html lang="zh-Hans" class="large">' in page
    assert 'href="?large=0">标准字号' in page

    client.get(url, {"large": "0"})
    assert 'class="large"' not in client.get(url).content.decode()


def test_the_portal_only_answers_get(client, street):
    assert client.post(reverse("gk:home", args=[street.pk])).status_code == 405
