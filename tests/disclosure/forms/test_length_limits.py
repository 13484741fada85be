"""The disclosure pages' text fields say in Chinese which field is too long and by how much."""

import pytest

from gongkai.disclosure.forms import disclosure
from tests.web_form_limits import expected, limited_fields, refusal_of

FIELDS = limited_fields(disclosure)


def test_the_fields_with_a_limit_are_all_found():
    names = {(form, field) for form, field, _ in FIELDS}
    assert {("ItemForm", "title"), ("NodeForm", "name"), ("IndexRuleForm", "code")} <= names
    assert ("ChangeApproveForm", "lock_override_reason") in names


@pytest.mark.parametrize(("form", "name", "field"), FIELDS, ids=[f"{f}.{n}" for f, n, _ in FIELDS])
def test_a_text_over_its_limit_is_refused_naming_the_field(form, name, field):
    assert refusal_of(field) == [expected(field, field.max_length + 1)]


def test_the_item_title_message():
    field = disclosure.ItemForm.base_fields["title"]
    assert refusal_of(field) == ["“标题”最多300字，现在有301字，请精简后再提交。"]
