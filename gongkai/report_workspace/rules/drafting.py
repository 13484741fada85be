"""The narrative drafted from the facts, in the usual official phrasing. Pure functions.

Every number in a drafted sentence comes from ``Facts``; year-on-year comparisons are computed here
("与2023年相比减少6件", "与2023年持平"). The descriptive paragraphs (政府信息管理, 平台建设, 监督保障,
section 五) start from last year's text when there is one, with the year moved on; the clerk edits
every sentence afterwards. The sentences are phrased so that ``annual.narrative.read_narrative``
reads the same numbers back, which is how the checker compares text and tables.
"""

from __future__ import annotations

import re

from gongkai.report_workspace.rules.facts import OUTCOME_GROUPS, Facts

OVERVIEW_PARTS: tuple[tuple[str, str], ...] = (
    ("proactive", "（一）主动公开情况"),
    ("on_request", "（二）依申请公开情况"),
    ("management", "（三）政府信息管理情况"),
    ("platform", "（四）政府信息公开平台建设情况"),
    ("supervision", "（五）监督保障情况"),
)
_PART_WORDS = {
    "management": ("政府信息管理",),
    "platform": ("平台建设",),
    "supervision": ("监督保障",),
}


def change_phrase(now: int, before: int | None, previous_year: int, unit: str = "件") -> str:
    """ "与2023年相比减少6件" / "与2023年相比增加2件" / "与2023年持平"; "" when last year is unknown."""
    if before is None:
        return ""
    diff = now - before
    if diff == 0:
        return f"与{previous_year}年持平"
    return f"与{previous_year}年相比{'增加' if diff > 0 else '减少'}{abs(diff)}{unit}"


def listing(parts: dict[str, int], unit: str) -> str:
    """ "机构概况13条、领导信息4条" (zero parts left out)."""
    return "、".join(f"{label}{n}{unit}" for label, n in parts.items() if n)


def proactive_text(facts: Facts, name: str) -> str:
    y = facts.year
    if facts.items_total == 0:
        return f"{y}年，{name}未在本平台主动公开政府信息。"
    text = f"{y}年，{name}坚持“以公开为常态、不公开为例外”，主动公开政府信息{facts.items_total}条"
    nodes = listing(facts.items_by_node, "条")
    text += f"，其中{nodes}。" if nodes and len([n for n in facts.items_by_node.values() if n]) > 1 else "。"
    channels = listing(facts.items_by_channel, "条")
    if channels:
        text += f"从发布渠道看，通过{channels.replace('、', '，')}（同一条信息可在多个渠道发布）。"
    return text


def on_request_text(facts: Facts, name: str) -> str:
    y = facts.year
    received = facts.requests_received
    if received is None:
        return f"{y}年，{name}依法办理政府信息公开申请。"
    change = change_phrase(received, facts.requests_previous, y - 1)
    if received == 0:
        text = f"{y}年，{name}未收到政府信息公开申请" + (f"，{change}" if change else "") + "。"
    else:
        text = f"{y}年，{name}共收到政府信息公开申请{received}件" + (f"，{change}" if change else "") + "。"
    concluded = facts.requests_concluded or 0
    if concluded:
        outcomes = "、".join(f"{OUTCOME_GROUPS[k]}{n}件" for k, n in facts.outcomes.items() if n)
        text += f"本年度办结{concluded}件（{outcomes}）"
        if facts.reply_letters:
            text += f"，制发答复书{facts.reply_letters}份"
        text += "，均在法定期限内答复。"
    if facts.requests_carried_forward:
        text += f"结转下年度继续办理{facts.requests_carried_forward}件。"
    text += remedies_sentence(facts)
    return text


def remedies_sentence(facts: Facts) -> str:
    review, lit = facts.review_cases, facts.litigation_cases
    if review is None or lit is None:
        return ""
    if review == 0 and lit == 0:
        return "本年度未发生行政复议、行政诉讼案件。"
    return f"因政府信息公开被申请行政复议{review}件，被提起行政诉讼{lit}件。"


def default_part(key: str, facts: Facts, name: str) -> str:
    y = facts.year
    if key == "management":
        return (
            f"{y}年，{name}严格落实政府信息公开审查机制，执行“三审三校”制度，"
            "动态更新主动公开基本目录，规范信息发布流程。"
        )
    if key == "platform":
        return f"{name}以政府网站为政府信息公开第一平台，及时更新公开栏目，同时用好政务新媒体和公开栏等渠道。"
    return f"{name}明确分管领导和具体承办人员，将政务公开工作纳入年度考核。"


def training_sentence(facts: Facts) -> str:
    if not facts.trainings:
        return ""
    people = f"，累计培训{facts.training_participants}人次" if facts.training_participants else ""
    return f"本年度组织政务公开业务培训{facts.trainings}次{people}。"


def move_year(text: str, previous_year: int, year: int) -> str:
    """Last year's text for this year: "2023年" becomes "2024年", "2022年" becomes "2023年"."""
    return re.sub(r"(20\d{2})\s*年", lambda m: f"{int(m.group(1)) + year - previous_year}年", text)


def previous_parts(overview: str) -> dict[str, str]:
    """Last year's paragraphs of 政府信息管理, 平台建设 and 监督保障, by their heading words."""
    found: dict[str, str] = {}
    current: str | None = None
    for line in overview.splitlines():
        head = line.strip()[:16]
        hit = next((k for k, words in _PART_WORDS.items() if any(w in head for w in words)), None)
        if hit is None and re.match(r"^[（(]?[一二三四五六1-6][）)、.．]", line.strip()):
            current = None
        if hit:
            current = hit
            line = _strip_heading(line)
        if current and line.strip():
            found[current] = (found.get(current, "") + line.strip()).strip()
    return found


def _strip_heading(line: str) -> str:
    """ "（三）政府信息管理情况：2023年…" → "2023年…"."""
    rest = re.sub(r"^[（(]?[一二三四五六1-6][）)、.．]\s*", "", line.strip())
    cut = re.sub(r"^[^。：:，,]{0,14}?(?:情况|方面)[：:。]?", "", rest, count=1)
    if cut == rest:
        cut = re.sub(r"^[^。：:，,]{0,14}[：:]", "", rest, count=1)
    return cut


def draft_overview(
    facts: Facts, name: str, previous_overview: str = "", previous_year: int | None = None
) -> str:
    before = previous_parts(previous_overview) if previous_overview else {}
    paragraphs = []
    for key, heading in OVERVIEW_PARTS:
        if key == "proactive":
            body = proactive_text(facts, name)
        elif key == "on_request":
            body = on_request_text(facts, name)
        elif key in before and previous_year:
            body = move_year(before[key], previous_year, facts.year)
        else:
            body = default_part(key, facts, name)
        if key == "supervision":
            body += training_sentence(facts)
        paragraphs.append(f"{heading}{body}")
    return "\n".join(paragraphs)


def draft_preamble(facts: Facts, name: str) -> str:
    y = facts.year
    return (
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（国办公开办函〔2021〕30号）要求，结合{name}工作实际，编制本报告。"
        f"本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
    )


def draft_problems(facts: Facts, previous_problems: str = "", previous_year: int | None = None) -> str:
    y = facts.year
    if previous_problems and previous_year:
        follow = (
            f"（一）上年度问题整改情况。针对{previous_year}年度报告中提出的问题，逐项落实整改："
            + " ".join(previous_problems.split())
        )
    else:
        follow = "（一）上年度问题整改情况。上年度报告中提出的问题已逐项整改。"
    return "\n".join(
        (
            follow,
            f"（二）{y}年存在的主要问题。一是政务公开工作人员业务能力有待进一步提升；二是公开信息的解读和回应力度有待加强。",
            "（三）改进措施。一是加强业务培训，提高工作人员业务水平；二是丰富政策解读形式，及时回应社会关切。",
        )
    )


def fees_sentence(facts: Facts) -> str:
    if facts.fees_charged_yuan:
        return f"依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费{facts.fees_charged_yuan}元（{facts.fee_notices_paid}笔）。"
    return "本年度未收取信息处理费。"


def npc_sentence(facts: Facts) -> str:
    if not facts.npc_suggestions and not facts.cppcc_proposals:
        return "本年度未承办人大代表建议和政协提案。"
    return (
        f"本年度承办人大代表建议{facts.npc_suggestions}件、政协提案{facts.cppcc_proposals}件，"
        "均已按期办结，办理结果依法公开。"
    )


def draft_other_matters(facts: Facts, name: str) -> str:
    return "\n".join(
        (
            f"（一）信息处理费收取情况。{fees_sentence(facts)}",
            f"（二）人大代表建议和政协提案办理结果公开情况。{npc_sentence(facts)}",
            f"（三）落实上级年度政务公开工作要点情况。{name}对照上级年度政务公开工作要点，逐项明确责任、抓好落实。",
            "（四）其他需要报告的事项。无。",
        )
    )


def draft_sections(
    facts: Facts,
    name: str,
    previous_sections: dict[str, str] | None = None,
    previous_year: int | None = None,
) -> dict[str, str]:
    """The four narrative texts (keys of ``annual.layout.NARRATIVE_SECTIONS``)."""
    before = previous_sections or {}
    return {
        "preamble": draft_preamble(facts, name),
        "overview": draft_overview(facts, name, before.get("overview", ""), previous_year),
        "problems": draft_problems(facts, before.get("problems", ""), previous_year),
        "other_matters": draft_other_matters(facts, name),
    }
