"""The read API /api/v1/: bodies, reports and cells of the caller's area, paged and filtered; 404 for
anything outside the area, 401 for anonymous callers; session and token auth; the OpenAPI schema."""

import json
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_format.layout import ALL_CELLS
from gongkai.report_format.model import Report
from tests.conftest import PASSWORD
from tests.supervision.conftest import YEAR

SCHEMA = json.loads((Path(__file__).resolve().parents[3] / "docs" / "report.schema.json").read_text("utf-8"))
# The district's area in tree order (children by name).
TREE = [
    "某某区人民政府",
    "只楚街道办事处",
    "坛山街道办事处",
    "环翠楼街道办事处",
    "空白街道办事处",
    "西高皇街道办事处",
]
WITH_REPORT = [n for n in TREE if n != "空白街道办事处"]


def get(client, path, **params):
    return client.get(f"/api/v1/{path}", params)


def ok(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, (response.status_code, response.content.decode())
    return response.json()


@pytest.fixture
def neighbour(db):
    """A supervisor of another district, beside ours, with a report of its own."""
    other = body_actions.create_body(actor=None, name="另一区人民政府", level=Body.Level.COUNTY)
    user = body_actions.create_staff_user(
        actor=None, body=other, username="neighbour", password=PASSWORD, role=StaffMembership.Role.SUPERVISOR
    )
    return user


# ---------------------------------------------------------------- bodies


def test_a_district_supervisor_sees_the_district_and_every_street(supervisor_client, world):
    data = ok(supervisor_client, "bodies/")

    assert data["count"] == 6
    assert [b["name"] for b in data["results"]] == TREE
    district, zhichu = data["results"][0], data["results"][1]
    assert district == {
        "id": world.district.pk,
        "name": "某某区人民政府",
        "short_name": "某某区",
        "code": "",
        "level": "county",
        "level_label": "区县",
        "parent": None,
        "depth": 0,
    }
    assert (zhichu["parent"], zhichu["depth"], zhichu["level"]) == (world.district.pk, 1, "subdistrict")
    assert [b["name"] for b in ok(supervisor_client, "bodies/", level="county")["results"]] == [
        "某某区人民政府"
    ]
    assert ok(supervisor_client, f"bodies/{world.tanshan.pk}/")["name"] == "坛山街道办事处"
    below = ok(supervisor_client, "bodies/", area=world.zhichu.pk)["results"]
    assert [(b["name"], b["parent"], b["depth"]) for b in below] == [("只楚街道办事处", world.district.pk, 1)]


def test_a_street_clerk_sees_only_their_street_and_not_its_parent(clerk_client, world):
    data = ok(clerk_client, "bodies/")

    assert [(b["name"], b["parent"]) for b in data["results"]] == [("只楚街道办事处", None)]
    assert get(clerk_client, f"bodies/{world.district.pk}/").status_code == 404
    assert get(clerk_client, f"bodies/{world.xigaohuang.pk}/").status_code == 404


# ---------------------------------------------------------------- reports


def test_reports_are_paged_in_a_stable_order(supervisor_client, world):
    first = ok(supervisor_client, "reports/", year=YEAR, page_size=2)
    second = ok(supervisor_client, "reports/", year=YEAR, page_size=2, page=2)
    third = ok(supervisor_client, "reports/", year=YEAR, page_size=2, page=3)

    assert first["count"] == 5
    assert [len(p["results"]) for p in (first, second, third)] == [2, 2, 1]
    assert first["previous"] is None and third["next"] is None
    assert "page=2" in first["next"]
    names = [r["body_name"] for p in (first, second, third) for r in p["results"]]
    assert names == WITH_REPORT
    beyond = get(supervisor_client, "reports/", year=YEAR, page_size=2, page=4)
    assert beyond.status_code == 404
    assert beyond.json()["detail"].startswith("页码无效")
    assert ok(supervisor_client, "reports/", year=2022)["count"] == 0


def test_a_report_item_has_body_year_origin_state_and_counts_and_the_report_on_request(
    supervisor_client, world
):
    item = ok(supervisor_client, "reports/", body=world.zhichu.pk)["results"][0]

    stored = world.reports["000"]
    assert "report" not in item
    assert {k: item[k] for k in ("body_id", "body_name", "year", "origin", "status", "late")} == {
        "body_id": world.zhichu.pk,
        "body_name": "只楚街道办事处",
        "year": YEAR,
        "origin": "imported",
        "status": "published",
        "late": item["late"],
    }
    assert (item["error_count"], item["warning_count"]) == (stored.error_count, stored.warning_count)

    full = ok(supervisor_client, "reports/", body=world.zhichu.pk, include="report")["results"][0]
    jsonschema.validate(full["report"], SCHEMA)
    assert Report.from_json(full["report"]) == Report.from_json(stored.data)

    one = ok(supervisor_client, f"reports/{world.zhichu.pk}/{YEAR}/")
    assert one == full
    assert get(supervisor_client, f"reports/{world.empty.pk}/{YEAR}/").status_code == 404  # no report
    assert get(supervisor_client, f"reports/{world.zhichu.pk}/1900/").status_code == 404


def test_report_filters_area_level_and_body(supervisor_client, world):
    def names(**params):
        return [r["body_name"] for r in ok(supervisor_client, "reports/", **params)["results"]]

    assert names(area=world.district.pk) == WITH_REPORT
    assert names(area=world.huancuilou.pk) == ["环翠楼街道办事处"]
    assert names(level="subdistrict") == WITH_REPORT[1:]
    assert names(body=world.xigaohuang.pk, year=YEAR) == ["西高皇街道办事处"]
    assert names(area=world.empty.pk) == []


def test_bad_filters_are_told_in_chinese(supervisor_client, world):
    response = get(supervisor_client, "reports/", year="二〇二三")
    assert response.status_code == 400
    assert "年度应为正整数" in response.json()["year"][0]
    assert "年度应在 2008 到 2100 之间" in get(supervisor_client, "reports/", year=1999).json()["year"][0]
    assert "层级应为" in get(supervisor_client, "bodies/", level="galaxy").json()["level"][0]
    unknown = get(supervisor_client, "cells/", cell="table3.rows.nope.total")
    assert unknown.status_code == 400
    assert "没有这个单元格：table3.rows.nope.total" in unknown.json()["cell"][0]


# ---------------------------------------------------------------- cells


def test_cells_in_long_form_with_the_stored_values(supervisor_client, world):
    data = ok(supervisor_client, "cells/", year=YEAR, cell="table3.rows.new.total")

    assert data["count"] == 5
    assert [(c["body_name"], c["value"]) for c in data["results"]] == [
        ("某某区人民政府", None),  # its tables are images: missing, not 0
        ("只楚街道办事处", 5),
        ("坛山街道办事处", 0),
        ("环翠楼街道办事处", 2),
        ("西高皇街道办事处", 0),
    ]
    cell = data["results"][1]
    assert (cell["table"], cell["row"], cell["column"], cell["origin"]) == (
        "table3",
        "new",
        "total",
        "imported",
    )
    assert (cell["table_label"], cell["column_label"]) == ("表三", "总计")


def test_cells_page_through_every_cell_of_a_report(supervisor_client, world):
    first = ok(supervisor_client, "cells/", body=world.huancuilou.pk, page_size=150)
    second = ok(supervisor_client, "cells/", body=world.huancuilou.pk, page_size=150, page=2)

    assert first["count"] == len(ALL_CELLS) == 200
    cells = first["results"] + second["results"]
    assert [c["cell"] for c in cells] == [c.path for c in ALL_CELLS]
    report = Report.from_json(world.reports["002"].data)
    assert [c["value"] for c in cells] == [report.values.get(c) for c in ALL_CELLS]

    all_bodies = ok(supervisor_client, "cells/", year=YEAR, table="table4", page_size=7, page=3)
    assert all_bodies["count"] == 5 * 15
    # items 14..20: the last block of the district's table 4, then 只楚街道's first six
    assert [c["body_name"] for c in all_bodies["results"]] == ["某某区人民政府"] + ["只楚街道办事处"] * 6


# ---------------------------------------------------------------- who may read what


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("clerk", "reports/?area={district}", 404),
        ("clerk", "reports/?body={xigaohuang}", 404),
        ("clerk", "reports/{xigaohuang}/2023/", 404),
        ("clerk", "cells/?area={district}", 404),
        ("clerk", "reports/?area={zhichu}", 200),
        ("neighbour", "reports/?area={district}", 404),
        ("neighbour", "bodies/{zhichu}/", 404),
        ("neighbour", "cells/?body={zhichu}", 404),
        ("neighbour", "reports/{district}/2023/", 404),
        ("supervisor", "reports/{zhichu}/2023/", 200),
    ],
)
def test_permission_matrix(client, world, clerk, supervisor, neighbour, who, path, status):
    client.force_login({"clerk": clerk, "supervisor": supervisor, "neighbour": neighbour}[who])
    ids = {k: getattr(world, k).pk for k in ("district", "zhichu", "xigaohuang")}
    response = client.get("/api/v1/" + path.format(**ids))
    assert response.status_code == status
    if status == 404:
        assert "机关" in response.json()["detail"] or "报告" in response.json()["detail"]


def test_lists_never_show_bodies_beside(client, world, clerk, neighbour):
    client.force_login(clerk)
    assert [r["body_name"] for r in ok(client, "reports/")["results"]] == ["只楚街道办事处"]
    assert {c["body_name"] for c in ok(client, "cells/", page_size=1000)["results"]} == {"只楚街道办事处"}
    client.force_login(neighbour)
    assert ok(client, "reports/")["count"] == 0
    assert [b["name"] for b in ok(client, "bodies/")["results"]] == ["另一区人民政府"]


@pytest.mark.parametrize("path", ["bodies/", "reports/", "cells/", "reports/1/2023/", "bodies/1/"])
def test_anonymous_callers_are_refused(client, world, path):
    response = client.get("/api/v1/" + path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert "身份认证信息未提供" in response.json()["detail"]


def test_no_applicant_data_in_a_report_item(supervisor_client, world):
    item = ok(supervisor_client, f"reports/{world.zhichu.pk}/{YEAR}/")
    assert set(item) == {
        "body_id", "body_name", "body_short_name", "body_code", "body_level", "year", "origin",
        "origin_label", "status", "status_label", "late", "due_on", "published_on", "error_count",
        "warning_count", "report",
    }  # fmt: skip
    assert set(item["report"]) <= set(SCHEMA["properties"])


# ---------------------------------------------------------------- tokens


def test_token_auth_with_a_token_from_the_command(world, supervisor):
    out = StringIO()
    call_command("api_token", "district_supervisor", stdout=out)
    key = out.getvalue().strip()
    assert key == Token.objects.get(user=supervisor).key

    api = Client()
    response = api.get("/api/v1/reports/", {"year": YEAR}, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 5
    assert api.get("/api/v1/reports/", HTTP_AUTHORIZATION="Token not-a-key").status_code == 401

    again = StringIO()
    call_command("api_token", "district_supervisor", stdout=again)
    assert again.getvalue().strip() == key  # shown again, not replaced
    rotated = StringIO()
    call_command("api_token", "district_supervisor", "--rotate", stdout=rotated)
    new = rotated.getvalue().strip()
    assert new != key
    assert api.get("/api/v1/reports/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert api.get("/api/v1/reports/", HTTP_AUTHORIZATION=f"Token {new}").status_code == 200


def test_the_command_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="没有用户名为“nobody”的用户"):
        call_command("api_token", "nobody")


def test_the_token_page_shows_and_rotates_the_callers_token(supervisor_client, supervisor, clerk):
    url = reverse("supervision:api_token")
    assert "您还没有令牌" in supervisor_client.get(url).content.decode()

    assert supervisor_client.post(url).status_code == 302
    first = Token.objects.get(user=supervisor).key
    assert first in supervisor_client.get(url).content.decode()
    supervisor_client.post(url)
    second = Token.objects.get(user=supervisor).key
    assert second != first
    assert not Token.objects.filter(user=clerk).exists()
    assert Client().get(url).status_code == 302  # to the login page


# ---------------------------------------------------------------- schema


def test_the_schema_and_docs_are_for_staff_only(client, db):
    assert client.get("/api/v1/schema/", {"format": "json"}).status_code == 401
    assert client.get("/api/v1/docs/").status_code == 302  # to the login page


def test_the_schema_is_valid_openapi_3_with_every_path(clerk_client):
    client = clerk_client
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()

    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert set(schema["paths"]) == {
        "/api/v1/bodies/",
        "/api/v1/bodies/{id}/",
        "/api/v1/reports/",
        "/api/v1/reports/{body}/{year}/",
        "/api/v1/cells/",
    }
    params = {p["name"] for p in schema["paths"]["/api/v1/reports/"]["get"]["parameters"]}
    assert params == {"area", "body", "year", "level", "include", "page", "page_size"}
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    yaml = client.get("/api/v1/schema/")
    assert yaml.status_code == 200 and b"/api/v1/cells/" in yaml.content


def test_the_docs_page_lists_the_endpoints(clerk_client):
    page = clerk_client.get("/api/v1/docs/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "GET /api/v1/cells/" in text and "table3.rows.new.total" in text
