"""/apply/: every body that accepts applications, in its tree, each linking to its form."""

import datetime

import pytest
from django.urls import reverse

from gongkai.bodies.actions import members
from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.models import Body
from gongkai.requests.queries.accepting import SEARCH_FROM


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x")


def test_apply_lists_the_bodies_in_their_tree_each_linking_to_its_form(
    client, district, street, other_street
):
    response = client.get("/apply/")
    assert response.status_code == 200
    page = response.content.decode()
    for body in (district, street, other_street):
        assert f'href="{reverse("portal:apply", args=[body.pk])}">{body.name}</a>' in page
    # grouped under the district: the district heads its group, its 街道 indented below, by name
    assert page.index(f">{district.name}</h2>") < page.index(street.name)
    assert page.count('class="depth-1"') == 2
    assert page.index(street.name) < page.index(other_street.name)  # 只 (zhǐ) sorts before 西 by code point


def test_a_merged_body_is_not_listed_and_its_form_points_to_the_body_it_went_into(
    client, root, district, street, other_street
):
    tree_actions.merge_body(actor=root, body=other_street, into=street, on=datetime.date(2025, 1, 1))
    page = client.get("/apply/").content.decode()
    assert other_street.name not in page and street.name in page
    response = client.get(reverse("portal:apply", args=[other_street.pk]))
    assert response.status_code == 410
    text = response.content.decode()
    assert "已于2025年1月1日撤并" in text and f"向{street.name}提出申请" in text
    assert client.post(reverse("portal:apply", args=[other_street.pk]), {}).status_code == 410


def test_few_bodies_get_no_search_box(client, district, street):
    assert 'name="q"' not in client.get("/apply/").content.decode()


def test_many_bodies_get_a_search_box_that_finds_a_body_by_part_of_its_name(client, district):
    for n in range(SEARCH_FROM + 1):
        members.create_body(actor=None, name=f"第{n}社区居委会", level=Body.Level.OTHER, parent=district)
    members.create_body(actor=None, name="某某区教育局", level=Body.Level.DEPARTMENT, parent=district)
    assert 'name="q"' in client.get("/apply/").content.decode()
    page = client.get("/apply/", {"q": " 教育 "}).content.decode()
    found = page.split('id="found">')[1].split("</ul>")[0]
    assert "某某区教育局" in found and "社区居委会" not in found
    assert "（某某区人民政府）" in found  # the body above it, to tell same-named bodies apart
    nothing = client.get("/apply/", {"q": "公安"}).content.decode()
    assert "没有名称含“公安”的机关" in nothing
