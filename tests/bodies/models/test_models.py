import pytest
from django.db import IntegrityError

from gongkai.bodies.actions import members as actions
from gongkai.bodies.models import Body


def test_level_is_labelled_in_chinese(street):
    assert street.get_level_display() == "街道"


def test_descendants_reach_every_depth(district, street, other_street):
    community = actions.create_body(actor=None, name="楚林社区", level=Body.Level.OTHER, parent=street)

    assert set(district.descendants()) == {street, other_street, community}
    assert list(street.descendants()) == [community]
    assert not community.descendants().exists()


def test_descendants_leave_out_other_trees(district, street):
    actions.create_body(actor=None, name="另一个区人民政府", level=Body.Level.COUNTY)

    assert list(district.descendants()) == [street]


@pytest.mark.django_db
def test_a_code_is_unique_once_set():
    actions.create_body(actor=None, name="甲", level=Body.Level.DEPARTMENT, code="11370602")
    actions.create_body(actor=None, name="乙", level=Body.Level.DEPARTMENT)
    actions.create_body(actor=None, name="丙", level=Body.Level.DEPARTMENT)

    with pytest.raises(IntegrityError):  # the database holds the rule even past the actions
        Body.objects.create(name="丁", level=Body.Level.DEPARTMENT, code="11370602")
