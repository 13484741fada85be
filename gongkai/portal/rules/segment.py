"""Chinese word segmentation with jieba, initialised once and quietly, for the index and the query.

Both sides use ``jieba.cut_for_search`` (words plus their shorter dictionary words), so a query word
finds the same tokens the index holds. ``words.txt`` adds the government terms jieba's dictionary
lacks (老旧小区, 财政预算 …): without them a phrase like “2025年老旧小区” splits as 年老/旧.

jieba itself is imported on first use: the modules that index import this one, and so does every
process (task workers included) through the apps' hooks; jieba costs ~19 MB before any dictionary.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from pathlib import Path
from typing import Any

_WORDS = Path(__file__).with_name("words.txt")
_lock = threading.Lock()
_ready = False
_jieba: Any = None
# A token is worth indexing if it has a letter, digit or CJK character (punctuation and spaces are not).
_WORDLIKE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")


def load() -> None:
    """Load jieba's dictionary now (a server does, before its first search would wait for it)."""
    _initialise()


def _initialise() -> Any:
    """The jieba module, its dictionary loaded (once, under the lock)."""
    global _ready, _jieba
    if _ready:
        return _jieba
    with _lock:
        if _ready:
            return _jieba
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        jieba.load_userdict(str(_WORDS))
        _jieba = jieba
        _ready = True
        return jieba


def tokens(text: str) -> list[str]:
    """The search tokens of a text, lower-cased, in order, punctuation dropped."""
    return [t.lower() for t in _initialise().cut_for_search(text) if _WORDLIKE.search(t)]


def segmented(text: str) -> str:
    """The text as space-separated tokens: what both databases' tokenizers split on."""
    return " ".join(tokens(text))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def characters(*texts: str) -> str:
    """Every Chinese character of the texts once, space-separated, in order of first appearance: the
    index's single-character tokens, so that a one-character query finds 路 inside 道路 (jieba keeps
    道路 whole)."""
    return " ".join(dict.fromkeys(c for text in texts for c in _CJK.findall(text)))


def is_character(token: str) -> bool:
    """A single Chinese character: matched against ``characters``, counted as a character."""
    return len(token) == 1 and _CJK.match(token) is not None


def query_clauses(query: str) -> list[tuple[str, ...]]:
    """One clause per word of the query; a clause matches the word or any of its shorter words.

    ``财政预算公开`` → ``[("财政预算", "财政", "预算"), ("公开",)]``: every clause must match (AND),
    any alternative of a clause will do (OR). Duplicate clauses are dropped.
    """
    return list(_clauses(query[:200]))


@functools.lru_cache(maxsize=4096)
def _clauses(query: str) -> tuple[tuple[str, ...], ...]:
    """Queries repeat (the same words, other filters or pages): segment each one once per process."""
    jieba = _initialise()
    clauses: list[tuple[str, ...]] = []
    for word in jieba.cut(query):
        if not _WORDLIKE.search(word):
            continue
        word = word.lower()
        shorter = [t for t in tokens(word) if t != word]
        clause = (word, *dict.fromkeys(shorter))
        if clause not in clauses:
            clauses.append(clause)
    return tuple(clauses[:12])


def highlight_terms(clauses: list[tuple[str, ...]]) -> list[str]:
    """Every alternative of every clause, longest first (so 财政预算 is marked before 财政)."""
    return sorted({t for clause in clauses for t in clause}, key=lambda t: (-len(t), t))
