"""文号 and 索引号 as a visitor types them: whether a query may be one, and its bracket spellings.

A 文号 prints its year in 六角括号 (京政办发〔2024〕12号), which few keyboards have: visitors type
[2024], 【2024】 or (2024). Each spelling is looked up, so any of them finds the item.
"""

from __future__ import annotations

import re

_BRACKETS = [("〔", "〕"), ("[", "]"), ("【", "】"), ("（", "）"), ("(", ")"), ("［", "］")]
_YEAR = re.compile(r"[〔\[【（(［](\d{4})[〕\]】）)］]")
_DIGIT = re.compile(r"\d")
LONGEST = 100  # Item.doc_number and Item.index_number hold at most 100 characters


def may_be_number(query: str) -> bool:
    """Only a query of one piece with a digit in it can be a 文号 or 索引号 (so that a search for
    ordinary words asks nothing more of the database)."""
    return 4 <= len(query) <= LONGEST and " " not in query and _DIGIT.search(query) is not None


def spellings(query: str) -> list[str]:
    """The query, and with its year in each kind of bracket: ``京政办发[2024]12号`` →
    ``京政办发〔2024〕12号``, ``京政办发【2024】12号`` …; the query first."""
    found = _YEAR.search(query)
    if found is None:
        return [query]
    head, tail = query[: found.start()], query[found.end() :]
    others = [f"{head}{left}{found.group(1)}{right}{tail}" for left, right in _BRACKETS]
    return list(dict.fromkeys([query, *others]))
