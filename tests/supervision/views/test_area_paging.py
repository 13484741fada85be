"""The area page a page of rows at a time: sort, filter, 汇总 and problems still cover every body."""

from django.urls import reverse

from gongkai.supervision.views import area as views
from tests.supervision.conftest import YEAR


def get(client, root, **params):
    return client.get(reverse("supervision:area", args=[root.pk, YEAR]), params)


def names(response):
    return [r["row"].body.display_name for r in response.context["rows"]]


def test_pages_split_the_sorted_rows_of_the_whole_area(supervisor_client, world, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)

    first = get(supervisor_client, world.district, sort="-requests_new")
    second = get(supervisor_client, world.district, sort="-requests_new", page="2")

    assert names(first) + names(second) == [
        "只楚街道",
        "环翠楼街道",
        "坛山街道",
        "西高皇街道",
        "某某区",
        "空白街道",
    ]  # 5, 2, 0, 0, then the two without the figure
    for response in (first, second):
        content = response.content.decode()
        assert "汇总（6个机关）" in content
        assert "共 6 个机关" in content
        assert len(response.context["problems"]) == len(first.context["problems"])
    assert 'href="?sort=-requests_new&amp;page=2"' in first.content.decode()


def test_only_the_first_problems_are_listed_on_the_page_all_of_them_in_the_context(
    supervisor_client, world, monkeypatch
):
    monkeypatch.setattr(views, "PROBLEMS_SHOWN", 2)

    response = get(supervisor_client, world.district)

    problems = response.context["problems"]
    assert len(problems) > 2
    content = response.content.decode()
    assert f"共 {len(problems)} 条，此处列出前 2 条" in content
    assert problems[0]["message"] in content and problems[-1]["message"] not in content


def test_the_summed_tables_mark_a_cell_with_how_many_bodies_miss_it(supervisor_client, world):
    content = get(supervisor_client, world.district).content.decode()

    # table 4: 某某区 (image), 只楚街道 (absent) and 空白街道 (no report) miss it
    assert "3 个机关的报告此处缺失或需核对（错误）：某某区、只楚街道、空白街道" in content


def test_a_supervisor_above_may_send_back_the_root_of_a_lower_area(supervisor_client, world):
    response = get(supervisor_client, world.zhichu)

    [row] = response.context["rows"]
    assert row["row"].body == world.zhichu and row["may_send_back"]


def test_the_supervisor_may_not_send_back_their_own_bodys_report(supervisor_client, world):
    rows = {r["row"].body.display_name: r for r in get(supervisor_client, world.district).context["rows"]}

    assert not rows["某某区"]["may_send_back"]
    assert (
        rows["只楚街道"]["may_send_back"] and not rows["空白街道"]["may_send_back"]
    )  # 空白: nothing to send
