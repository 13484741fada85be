"""decode.py: the binary check counts control characters in the bytes when it can, with the same
verdict as counting them in the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report_format.decode import _looks_binary

# Report text with control characters (and the ones that are not: tab, line ends, form feed).
CHARS = st.sampled_from(
    ["报", "告", "1", "a", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x00", "\x01", "\x1b", "\x1f"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARS, max_size=900), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_control_characters_counted_in_the_bytes_give_the_verdict_of_the_text(chars, encoding):
    text = "".join(chars)
    data = text.encode(encoding)
    assert _looks_binary(text, data) == _looks_binary(text)


def test_a_few_control_characters_are_text_many_are_not():
    body = "一、总体情况\n" * 100  # 700 characters: more than 3, and more than one in 200, is binary
    for n, binary in ((3, False), (4, True)):
        text = body + "\x01" * n
        assert _looks_binary(text, text.encode()) is binary
        assert _looks_binary(text) is binary
    assert _looks_binary("报告\x00", "报告\x00".encode("gb18030"))


def test_a_text_longer_than_the_sample_is_judged_on_its_first_characters():
    text = "报" * 20000 + "\x01" * 500  # the controls stand after the sample: not looked at
    assert _looks_binary(text, text.encode()) is False
