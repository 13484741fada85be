"""Reports under the 2007 条例 (report years up to 2018): sections by their words, facts from the prose.

There was no national table layout: local templates followed the outline of the 2007 条例
第三十二条 — 概述; 主动公开; 依申请公开 (and 不予公开); 收费及减免; 行政复议、行政诉讼; 存在的
主要问题及改进措施; 其他需要报告的事项 — numbered as each body liked. A heading is therefore
known by its words, not its ordinal. The canonical narrative keeps 概述, 问题 and 其他事项 in its
own keys; the other sections' texts and the old outcome counts (同意公开 / 同意部分公开 / 否决公开 …)
go to ``report.legacy["pre2019"]``, and the usual facts (items, requests, fees, review,
litigation) are read from all of it.
"""

from __future__ import annotations

import re

from .model import Narrative, Report
from .narrative import (
    drop_signature,
    drop_title,
    read_fees,
    read_items,
    read_npc,
    read_remedies,
    read_requests,
)
from .normalize import CN_INT_GROUP, cn_int, compact, fold

# Checked in this order: a 复议/诉讼 heading also says 申请, a 依申请 heading may say 不予公开.
SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("remedies", ("行政复议", "行政诉讼")),
    ("fees", ("收费", "减免")),
    ("problems", ("存在的主要问题", "存在的问题", "改进措施", "改进情况")),
    ("other_matters", ("其他需要报告", "其他事项")),
    ("requests", ("依申请公开", "申请公开")),
    ("proactive", ("主动公开",)),
    ("overview", ("概述", "总体情况", "基本情况")),
)
CANONICAL = ("overview", "problems", "other_matters")  # kept in report.narrative.sections
LEGACY_SECTIONS = ("proactive", "requests", "fees", "remedies")  # kept in report.legacy["pre2019"]

# The outcome counts old reports give for the requests answered, as legacy facts.
OUTCOMES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (key, label, re.compile(pattern + r"(?:的|申请)?(?:共计|共)?" + CN_INT_GROUP + r"件"))
    for key, label, pattern in (
        ("granted", "同意公开", r"(?:同意公开|予以公开|全部公开)"),
        ("partial", "同意部分公开", r"(?:同意部分公开|部分公开)"),
        ("denied", "否决公开", r"(?:否决公开|不予公开|不同意公开)"),
        ("not_exist", "信息不存在", r"(?:信息不存在|政府信息不存在)"),
        ("not_ours", "非本机关掌握", r"(?:非本(?:机关|部门|单位)(?:掌握|职责|政府信息))"),
        ("unclear", "申请内容不明确", r"(?:申请内容不明确)"),
    )
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．]\s*(\S.{0,40}?)\s*$")
_BOTH_NONE = re.compile(
    r"(?:未|没有)(?:收到|发生|出现|被申请|被提起)[^。；;]{0,20}?行政复议[、，,和及与或]?(?:提起|被提起)?行政诉讼"
)


def heading_key(line: str) -> str | None:
    """The section an old-outline heading opens ("五、因政府信息公开申请行政复议…" → "remedies")."""
    m = _HEADING.match(fold(line))
    if not m:
        return None
    words = re.sub(r"\s+", "", m.group(1))
    if len(words) > 40 or words.endswith(("。", "；")):
        return None
    return next((key for key, options in SECTION_WORDS if any(w in words for w in options)), None)


def split_old_sections(lines: list[str]) -> dict[str, list[str]]:
    """Lines by section key ("preamble" before the first heading)."""
    out: dict[str, list[str]] = {"preamble": []}
    current = "preamble"
    for line in lines:
        key = heading_key(line) if len(line) < 60 else None
        if key is None:
            out.setdefault(current, []).append(line)
            continue
        current = key
        out.setdefault(current, [])
    return out


def read_pre2019(text: str, report: Report) -> None:
    """Replace the narrative read with the 2021 outline by one read with the old outline."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    sections = split_old_sections(lines)
    old = report.narrative
    narrative = Narrative(title=old.title)
    preamble = drop_title(sections.get("preamble", [])) if old.title else sections.get("preamble", [])
    texts: dict[str, list[str]] = {"preamble": preamble}
    for key in CANONICAL + LEGACY_SECTIONS:
        texts[key] = sections.get(key, [])
    last = next((k for k in reversed(list(sections)) if k != "preamble"), None)
    if last is not None:
        texts[last] = drop_signature(texts[last], report)
    for key in ("preamble", *CANONICAL):
        if texts[key]:
            narrative.sections[key] = "\n".join(texts[key])

    def joined(*keys: str) -> str:
        return compact("\n".join("\n".join(texts[k]) for k in keys))

    prose = joined(
        "preamble", "overview", "proactive", "requests", "fees", "remedies", "problems", "other_matters"
    )
    read_items(joined("overview", "proactive") or prose, narrative)
    read_requests(joined("requests") or joined("overview"), prose, narrative)
    read_fees(joined("fees") or prose, narrative)
    read_npc(prose, narrative)
    remedies = joined("remedies") or prose
    read_remedies(remedies, narrative)
    if _BOTH_NONE.search(remedies):
        narrative.review_cases = 0 if narrative.review_cases is None else narrative.review_cases
        narrative.litigation_cases = 0 if narrative.litigation_cases is None else narrative.litigation_cases
    report.narrative = narrative
    legacy: dict[str, object] = {k: "\n".join(texts[k]) for k in LEGACY_SECTIONS if texts[k]}
    outcomes = _outcomes(joined("requests") or prose)
    if outcomes:
        legacy["outcomes"] = outcomes
    if legacy:
        report.legacy = {**report.legacy, "pre2019": legacy}


def _outcomes(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for key, _label, pattern in OUTCOMES:
        m = pattern.search(text)
        if m and (n := cn_int(m.group(1))) is not None:
            found[key] = n
    return found
