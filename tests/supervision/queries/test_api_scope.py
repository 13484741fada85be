"""The API caller's area comes from the kept area tree: cheap on every request, never stale."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body
from gongkai.report_imports.actions.imports import import_report
from gongkai.supervision.queries.api_scope import caller_area
from tests.supervision.conftest import YEAR


def names(client, path: str, **params) -> list[str]:
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content.decode()
    return [item["name"] if "name" in item else item["body_name"] for item in response.json()["results"]]


def test_a_body_added_to_the_area_is_seen_by_the_next_request(supervisor_client, world, seed):
    assert len(names(supervisor_client, "bodies/")) == 6

    new = tree_actions.add_body(
        actor=None, parent=world.zhichu, name="只楚社区居委会", level=Body.Level.OTHER
    )
    import_report(actor=None, body=new, data=seed("001"), filename="001.txt", confirmed=True)

    bodies = supervisor_client.get("/api/v1/bodies/").json()["results"]
    assert [(b["name"], b["depth"], b["parent"]) for b in bodies if b["id"] == new.pk] == [
        ("只楚社区居委会", 2, world.zhichu.pk)
    ]
    assert len(bodies) == 7
    assert "只楚社区居委会" in names(supervisor_client, "reports/", year=YEAR)
    assert supervisor_client.get(f"/api/v1/bodies/{new.pk}/").status_code == 200


def test_a_body_moved_out_of_the_area_is_gone_from_the_next_request(supervisor_client, world):
    assert "坛山街道办事处" in names(supervisor_client, "bodies/")
    elsewhere = tree_actions.add_body(actor=None, parent=None, name="另一区人民政府", level=Body.Level.COUNTY)

    tree_actions.move_body(actor=None, body=world.tanshan, new_parent=elsewhere)

    assert "坛山街道办事处" not in names(supervisor_client, "bodies/")
    assert "坛山街道办事处" not in names(supervisor_client, "reports/", year=YEAR)
    assert supervisor_client.get(f"/api/v1/bodies/{world.tanshan.pk}/").status_code == 404


def test_a_rename_is_seen_by_the_next_request(supervisor_client, world):
    names(supervisor_client, "bodies/")

    tree_actions.rename_body(
        actor=None, body=world.empty, name="新空白街道办事处", short_name="新空白街道", code=""
    )

    assert "新空白街道办事处" in names(supervisor_client, "bodies/")
    assert "空白街道办事处" not in names(supervisor_client, "bodies/")


def test_the_area_is_not_walked_again_while_the_tree_is_unchanged(supervisor, world):
    """Two queries per request whatever the area's size: the caller's memberships and the body
    table's fingerprint; the tree itself is the kept one."""
    caller_area(supervisor)
    with CaptureQueriesContext(connection) as queries:
        area = caller_area(supervisor)

    assert len(area) == 6
    assert len(queries.captured_queries) == 2
    assert "COUNT" in queries.captured_queries[1]["sql"]  # the fingerprint, not a walk
