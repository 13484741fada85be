"""The calendar page's text fields say in Chinese which field is too long and by how much."""

import pytest

from gongkai.workdays.forms import calendar
from tests.web_form_limits import expected, limited_fields, refusal_of

FIELDS = limited_fields(calendar)


def test_the_fields_with_a_limit_are_all_found():
    names = {(form, field) for form, field, _ in FIELDS}
    assert {("DayForm", "reason"), ("PublishForm", "source_url"), ("UnpublishForm", "reason")} <= names


@pytest.mark.parametrize(("form", "name", "field"), FIELDS, ids=[f"{f}.{n}" for f, n, _ in FIELDS])
def test_a_text_over_its_limit_is_refused_naming_the_field(form, name, field):
    limit = field.max_length
    count = len("https://example.cn/") + limit if name == "source_url" else limit + 1
    assert expected(field, count) in refusal_of(field)


def test_the_reason_message():
    assert refusal_of(calendar.DayForm.base_fields["reason"]) == [
        "“修改理由”最多500字，现在有501字，请精简后再提交。"
    ]
