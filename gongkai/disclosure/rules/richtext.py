"""The body text of an item: sanitised HTML with an allow-list of tags, and its plain text."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a",
        "table", "thead", "tbody", "tr", "th", "td", "caption", "span", "div", "hr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

_BLOCK_END = re.compile(r"</(p|div|h[2-4]|li|tr|blockquote|table|caption)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_html(raw: str) -> str:
    """Only the allowed tags and attributes survive; scripts, styles and event handlers are dropped."""
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    ).strip()


def html_to_text(cleaned: str) -> str:
    """Plain text, one block per line: what the diff, the screening and a later search read."""
    text = _BLOCK_END.sub("\n", cleaned)
    text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
