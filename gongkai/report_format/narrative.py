"""The narrative: title, body, year, date, section texts and the facts the text states.

Facts are read from the text with spaces and line breaks removed ("申\\n\\n请 5 件" is a page break
inside a word in the seeds), so each pattern below sees the sentence as a reader does.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .layout import NARRATIVE_SECTIONS
from .model import Breakdown, Narrative, Part, Report
from .normalize import CN_INT_GROUP, cn_int, compact
from .sections import split_sections

_TITLE = re.compile(
    r"^(?P<body>.{2,60}?)(?:关于)?(?P<year>(?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?年度?报告"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})年度?(?P<body>.{2,60}?)(?:政府信息公开|政务公开)(?:工作)?年度?报告"
)
_PERIOD_YEAR = re.compile(r"统计期限[^。]{0,8}?((?:19|20)\d{2})年1月1日")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_ISO_DATE = re.compile(r"(?:发布|成文)日期[:：]?\s*((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})")
_SECTION_KEYS = {n: k for k, n in NARRATIVE_SECTIONS.items()}


def read_narrative(text: str, report: Report, lines: list[str] | None = None) -> None:
    """Fill body, year, published_on and ``report.narrative`` from the report's text. ``lines``:
    its lines stripped, blank ones left out, when the caller has them (the text parser)."""
    if lines is None:
        lines = [ln for ln in map(str.strip, text.split("\n")) if ln]
    sections = split_sections(lines)
    narrative = Narrative()
    head = sections.get(0, [])
    _read_title(head, report, narrative)
    for number, key in _SECTION_KEYS.items():
        body = [ln for ln in sections.get(number, []) if not _is_noise(ln)]
        if number == 0 and narrative.title:
            body = drop_title(body)
        if number == 6:
            body = drop_signature(body, report)
        if body:
            narrative.sections[key] = "\n".join(body)
    tail = lines[-6:]
    report.published_on = _published_on(head, tail, report.year)
    if report.year is None:
        m = _PERIOD_YEAR.search(compact(text[:4000]))
        report.year = int(m.group(1)) if m else None
    prose = compact("\n".join(narrative.sections.get(k, "") for k in NARRATIVE_SECTIONS))
    overview = compact(narrative.sections.get("overview", "")) or prose
    read_items(overview, narrative)
    read_requests(overview, prose, narrative)
    read_fees(prose, narrative)
    read_npc(prose, narrative)
    read_remedies(prose, narrative)
    report.narrative = narrative


# ------------------------------------------------------------------ title, body, date


def _read_title(head: list[str], report: Report, narrative: Narrative) -> None:
    joined = ""
    for line in head[:4]:
        joined += compact(line)
        m = _TITLE.match(joined) or _TITLE_YEAR_FIRST.match(joined)
        if m:
            body = m.group("body").strip('《》"“”')
            report.body = body or None
            report.year = int(m.group("year"))
            narrative.title = m.group(0)
            return


def drop_title(lines: list[str]) -> list[str]:
    """The lines after the report's title, which is kept in ``narrative.title``, not in section text.
    The title may wrap over several lines: they are dropped up to the one that completes "…报告", as
    long as they stay within 80 characters."""
    out, joined, dropping = [], "", True
    for line in lines:
        if dropping:
            joined += compact(line)
            if "报告" in joined and len(joined) <= 80:
                dropping = False
                continue
            if len(joined) <= 80:
                continue
            dropping = False
        out.append(line)
    return out


def _published_on(head: list[str], tail: list[str], year: int | None) -> date | None:
    for line in head[:8]:
        m = _ISO_DATE.search(compact(line))
        if m:
            return _date(m)
    for line in reversed(tail):
        s = compact(line)
        m = _DATE.fullmatch(s) or (_DATE.search(s) if len(s) <= 30 else None)
        if m:
            found = _date(m)
            if found and (year is None or found.year > year or (found.year == year and found.month == 12)):
                return found
    return None


def _date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def drop_signature(lines: list[str], report: Report) -> list[str]:
    """The lines without the closing signature (body name and date) at their end: it closes the
    report and is not part of the last section's text (六 in the 2021 outline)."""
    out = list(lines)
    while out:
        s = compact(out[-1])
        if (
            _DATE.fullmatch(s)
            or (report.body and s and s in report.body)
            or (report.body and report.body in s and len(s) <= len(report.body) + 4)
        ):
            out.pop()
            continue
        break
    return out


def _is_noise(line: str) -> bool:
    return line.startswith("[image:") or line.startswith("|") or "\t" in line


# ------------------------------------------------------------------ facts

_ITEMS_TOTAL = re.compile(
    r"(?:主动公开|发布|公开)(?:[^，。；,;:：]{0,12}?)(?:政府|政务)?信息(?:共计|共|合计|累计|总计)?"
    + CN_INT_GROUP
    + r"条"
)
_PART = re.compile(r"([^，、,;；:：。\d]{1,40}?)" + r"(\d+)(余|多)?条")
_CHANNEL_WORDS = (
    "网站",
    "网上",
    "微信",
    "公众号",
    "视频号",
    "媒体",
    "公告栏",
    "电子屏",
    "微博",
    "客户端",
    "新闻",
    "便民服务",
    "其他方式",
    "公开栏",
    "报刊",
    "广播",
    "电视",
    "政务新媒体",
    "渠道",
)


def read_items(text: str, narrative: Narrative) -> None:
    """Items disclosed (the first stated total) and the breakdowns listed after each total."""
    consumed = 0  # a total inside an earlier breakdown is one of its parts, not a new total
    for m in _ITEMS_TOTAL.finditer(text):
        total = cn_int(m.group(1))
        if total is None or m.start() < consumed:
            continue
        if narrative.items_disclosed is None:
            narrative.items_disclosed = total
        breakdown, consumed = _breakdown(text, m.end(), total)
        if breakdown is not None:
            narrative.item_breakdowns.append(breakdown)


def _breakdown(text: str, start: int, total: int) -> tuple[Breakdown | None, int]:
    """The parts listed after a stated total, in its sentence or in a following "其中…" sentence."""
    end = _sentence_end(text, start)
    clause = text[start:end]
    parts, approximate = _parts(clause)
    if len(parts) < 2 and text[end + 1 : end + 3] == "其中":
        start, end = end + 1, _sentence_end(text, end + 1)
        clause = text[start:end]
        parts, approximate = _parts(clause)
    if len(parts) < 2 or approximate:
        return None, start
    kind = "channel" if any(w in p.label for p in parts for w in _CHANNEL_WORDS) else "category"
    return Breakdown(total=total, parts=tuple(parts), kind=kind, quote=clause), end


def _parts(clause: str) -> tuple[list[Part], bool]:
    parts, approximate = [], False
    for m in _PART.finditer(clause):
        label = re.sub(r"^(?:其中|包括|分别为|分别是|从内容分类看|通过|共计|主要有)+", "", m.group(1))
        if not label or label.startswith(("共", "合计", "总计", "累计")):
            continue
        approximate = approximate or bool(m.group(3))
        parts.append(Part(label=label, count=int(m.group(2))))
    return parts, approximate


def _sentence_end(text: str, start: int) -> int:
    end = text.find("。", start)
    return len(text) if end < 0 else end


_REQ = re.compile(
    r"(收到|受理|接收|办理)([^。，,；;]{0,14}?)(?:政府信息公开|信息公开|依申请公开)?申请(?:事项)?(?:共计|共|合计)?"
    + CN_INT_GROUP
    + r"件"
)
_REQ_NONE = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。，,；;]{0,14}?申请")
_REQ_CHANGE = re.compile(
    r"(?:与|同|较|比)((?:19|20)\d{2})?年?(?:去年|上年|上一年)?(?:相比|同期相比|同比)?(增加|减少|上升|下降|增长)"
    + CN_INT_GROUP
    + r"件"
)
_REQ_SAME = re.compile(
    r"(?:与|同|较)(?:去年|上年|上一年|(?:19|20)\d{2}年)(?:相比|同期)?(?:没有变化|持平|无变化)"
)
_TYPED = ("个人", "自然人", "法人", "企业", "组织")


def read_requests(overview: str, prose: str, narrative: Narrative) -> None:
    """Requests received (summed when split by applicant type) and the change from last year, from the
    overview if it states them, else from all the prose."""
    for text in (overview, prose):
        found = list(_REQ.finditer(text))
        if found:
            first = found[0]
            count = cn_int(first.group(3)) or 0
            if any(w in first.group(2) for w in _TYPED):
                end = _sentence_end(text, first.start())
                count = sum(
                    cn_int(m.group(3)) or 0
                    for m in found
                    if m.start() < end and any(w in m.group(2) for w in _TYPED)
                )
            narrative.requests_received = count
            _read_change(text, first.end(), narrative)
            return
        none = _REQ_NONE.search(text)
        if none:
            narrative.requests_received = 0
            _read_change(text, none.end(), narrative)
            return


def _read_change(text: str, start: int, narrative: Narrative) -> None:
    sentence = text[start : _sentence_end(text, start)]
    m = _REQ_CHANGE.search(sentence)
    if m:
        n = cn_int(m.group(3))
        if n is not None:
            narrative.requests_change = -n if m.group(2) in ("减少", "下降") else n
    elif _REQ_SAME.search(sentence):
        narrative.requests_change = 0


_FEE_NONE = re.compile(
    r"(?:未|没有|无|不)(?:收取|产生|发生)[^。；;]{0,20}?(?:处理费|费用)|(?:处理费|费用)[^。；;]{0,6}?(?:为0|为零)"
)
_FEE = re.compile(r"收取[^。；;]{0,20}?(?:信息)?处理费(?:共计|共|合计)?(\d+(?:\.\d+)?)(万元|元)")


def read_fees(text: str, narrative: Narrative) -> None:
    """Fees charged, in yuan (0 when the text says none were charged)."""
    m = _FEE.search(text)
    if m:
        amount = Decimal(m.group(1))
        narrative.fees_charged_yuan = amount * 10000 if m.group(2) == "万元" else amount
    elif _FEE_NONE.search(text):
        narrative.fees_charged_yuan = Decimal(0)


_NPC = re.compile(r"人大代表(?:的)?建议(?:共计|共|合计)?" + CN_INT_GROUP + r"件")
_CPPCC = re.compile(r"政协(?:委员)?(?:的)?提案(?:共计|共|合计)?" + CN_INT_GROUP + r"件")
_NPC_NONE = re.compile(
    r"(?:未|无|没有)(?:承办|收到|办理|涉及)?[^。，,；;]{0,8}?人大代表(?:的)?建议([^。，,；;]{0,12})"
)


def read_npc(text: str, narrative: Narrative) -> None:
    """NPC suggestions and CPPCC proposals handled (0 when the text says there were none)."""
    m = _NPC.search(text)
    if m:
        narrative.npc_suggestions = cn_int(m.group(1))
    m = _CPPCC.search(text)
    if m:
        narrative.cppcc_proposals = cn_int(m.group(1))
    none = _NPC_NONE.search(text)
    if none:
        if narrative.npc_suggestions is None:
            narrative.npc_suggestions = 0
        if narrative.cppcc_proposals is None and "政协" in none.group(1):
            narrative.cppcc_proposals = 0


_REVIEW = re.compile(r"行政复议(?:案件|申请)?(?:共计|共)?" + CN_INT_GROUP + r"件")
_LITIGATION = re.compile(r"行政诉讼(?:案件)?(?:共计|共)?" + CN_INT_GROUP + r"件")
_REVIEW_NONE = re.compile(r"(?:未|没有)(?:收到|发生|被申请|出现)[^。，,；;]{0,6}?行政复议")
_LITIGATION_NONE = re.compile(r"(?:未|没有)(?:收到|发生|被提起|出现)[^。，,；;]{0,6}?行政诉讼")


def read_remedies(text: str, narrative: Narrative) -> None:
    """Administrative review and litigation cases (0 when the text says there were none)."""
    m = _REVIEW.search(text)
    if m:
        narrative.review_cases = cn_int(m.group(1))
    elif _REVIEW_NONE.search(text):
        narrative.review_cases = 0
    m = _LITIGATION.search(text)
    if m:
        narrative.litigation_cases = cn_int(m.group(1))
    elif _LITIGATION_NONE.search(text):
        narrative.litigation_cases = 0
