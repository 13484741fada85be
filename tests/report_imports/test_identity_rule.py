"""The body and year a report's title names, against the ones it is filed under."""

import pytest

from gongkai.report_imports.rules.identity import mismatches, names_body

STREET = ["只楚街道办事处", "只楚街道"]
DISTRICT = ["芝罘区人民政府", "芝罘区"]


@pytest.mark.parametrize(
    "named",
    [
        "烟台市芝罘区人民政府只楚街道办事处",
        "只楚街道",
        "芝罘区只楚街道",
        "只楚街道办事处",
        "“只楚街道办事处”",
    ],
)
def test_a_title_names_its_body_in_many_ways(named):
    assert names_body(named, STREET)


@pytest.mark.parametrize("named", ["芝罘区人民政府", "芝罘区政府", "芝罘区", "烟台市芝罘区人民政府"])
def test_a_district_is_named_with_or_without_its_government(named):
    assert names_body(named, DISTRICT)


@pytest.mark.parametrize(
    ("named", "names"),
    [
        ("西高皇街道办事处", STREET),
        ("环翠楼街道", STREET),
        ("芝罘区人民政府只楚街道办事处", DISTRICT),  # the 街道's report is not its district's
    ],
)
def test_another_body_or_a_body_below_is_not_this_one(named, names):
    assert not names_body(named, names)


def test_mismatches_say_what_the_title_names_and_what_it_is_filed_under():
    assert (
        mismatches(named_body="只楚街道", named_year=2024, body="只楚街道办事处", names=STREET, year=2024)
        == []
    )
    assert mismatches(named_body=None, named_year=None, body="只楚街道办事处", names=STREET, year=2024) == []
    assert mismatches(
        named_body="西高皇街道", named_year=2023, body="只楚街道办事处", names=STREET, year=2024
    ) == [
        "报告标题中的机关是“西高皇街道”，不是所属机关“只楚街道办事处”",
        "报告标题中的年度是2023年，不是2024年",
    ]
