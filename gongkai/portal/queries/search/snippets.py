"""Highlighted snippets, built in Python the same way for both databases.

Everything is escaped; hits are wrapped in ``<mark>`` afterwards, so the text can never inject markup.
"""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 120
# Chinese characters and full-width punctuation: no space is read between two of them.
_WIDE = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_WIDE = re.compile(f"(?<=[{_WIDE}]) (?=[{_WIDE}])")


def plain(text: str) -> str:
    """The text on one line as it reads: line breaks and runs of spaces become one space, and none
    is left between two Chinese characters (``冬季 道路\n维修`` → ``冬季道路维修``; ``PM 2.5`` stays)."""
    return _SPACE_BETWEEN_WIDE.sub("", " ".join(text.split()))


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole text, escaped, every hit marked (for titles)."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(escape(text))
    return mark_safe(_mark(text, pattern))


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    """About ``width`` characters around the densest run of hits, escaped, hits marked, … at the cuts."""
    text = plain(text)
    pattern = _pattern(terms)
    hits = [m.start() for m in pattern.finditer(text)] if pattern else []
    if not hits:
        cut = text[:width]
        return mark_safe(escape(cut) + ("…" if len(text) > width else ""))
    best = max(hits, key=lambda start: sum(1 for h in hits if start <= h < start + width))
    begin = max(0, min(best - width // 4, len(text) - width))
    end = min(len(text), begin + width)
    piece = _mark(text[begin:end], pattern)  # type: ignore[arg-type]
    return mark_safe(("…" if begin > 0 else "") + piece + ("…" if end < len(text) else ""))


def _mark(text: str, pattern: re.Pattern[str]) -> str:
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)
