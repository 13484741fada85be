"""A wrong 索引号格式 is answered in Chinese, never with Python's own words about format strings, and
never with an error page (an attribute or an index on a value)."""

from __future__ import annotations

import re

import pytest

from gongkai.disclosure.rules.indexing import IndexRuleError, format_index
from tests.hostile_files import latin_words


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("{code}-{bad}-{seq}", "不认识“{bad}”"),
        ("{code}-{seq", "花括号不成对"),
        ("{seq:zz}", "补零写法不对"),
        ("{code.upper}{seq}", "不认识“{code.upper}”"),
        ("{year[0]}{seq}", "不认识“{year[0]}”"),
        ("{0}{seq}", "不认识“{0}”"),
    ],
)
def test_a_wrong_pattern_is_explained_in_chinese(pattern, says):
    with pytest.raises(IndexRuleError) as caught:
        format_index(pattern, code="11010100", year=2025, seq=1)

    message = str(caught.value)
    assert says in message
    assert not latin_words(re.sub(r"\{[^}]*\}", "", message.replace(pattern, "")), "")  # {seq} etc. aside
