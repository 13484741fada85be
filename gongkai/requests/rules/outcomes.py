"""Reply outcomes: the 21 outcome rows of table 3, with their legal basis (one definition).

The keys and labels come from the report layout, so a reply recorded here is counted in the
annual report's row of the same key without any mapping table in between.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.report_format.layout import TABLE3_GROUPS, TABLE3_OUTCOME_ROWS

_GROUP_LABEL = {g.key: g.label for g in TABLE3_GROUPS}


def _label(row) -> str:
    label = row.label.split("（")[0] if row.key == "partial" else row.label
    group = _GROUP_LABEL.get(row.group, "")
    return label if row.group == "results" else f"{group}·{label}"


OUTCOME_CHOICES: list[tuple[str, str]] = [(r.key, _label(r)) for r in TABLE3_OUTCOME_ROWS]
OUTCOME_KEYS: frozenset[str] = frozenset(k for k, _ in OUTCOME_CHOICES)

# The article of the 条例 a reply of each outcome rests on (cited in the reply letter).
LEGAL_BASIS: dict[str, str] = {
    "granted": "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项",
    "partial": "《中华人民共和国政府信息公开条例》第三十七条",
    "denied_state_secret": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "denied_law_prohibited": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "denied_three_security": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "denied_third_party": "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    "denied_internal_affairs": "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    "denied_process_info": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "denied_enforcement_file": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "denied_inquiry": "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    "unable_not_held": "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
    "unable_needs_creation": "《中华人民共和国政府信息公开条例》第三十八条",
    "unable_unclear": "《中华人民共和国政府信息公开条例》第三十条",
    "rejected_petition": "《中华人民共和国政府信息公开条例》第三十九条第一款",
    "rejected_duplicate": "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    "rejected_publication": "《中华人民共和国政府信息公开条例》第三十九条第二款",
    "rejected_mass": "《中华人民共和国政府信息公开条例》第三十五条",
    "rejected_confirmation": "《中华人民共和国政府信息公开条例》第三十六条",
    "other_no_correction": "《中华人民共和国政府信息公开条例》第三十条",
    "other_unpaid_fee": "《政府信息公开信息处理费管理办法》第七条",
    "other_other": "《中华人民共和国政府信息公开条例》",
}
assert set(LEGAL_BASIS) == OUTCOME_KEYS, "every outcome needs its legal basis"

_DISCLOSED = frozenset({"granted", "partial"})


def request_outcome(item_outcomes: Iterable[str]) -> str:
    """The one row a request counts in when its items were handled differently.

    "区分处理的，只计这一情形，不计其他情形" (table 3, R1): any partial item, or some items disclosed
    and others withheld (不予公开), makes the whole request 部分公开. Otherwise, policy (a) of
    ogi-rules R5 — the outcome of the request as a whole: a shared outcome; 予以公开 when what
    exists was disclosed and the rest does not exist or is not for this body; else the first item's.
    """
    outcomes = list(item_outcomes)
    if not outcomes:
        raise ValueError("申请没有任何答复事项")
    unknown = set(outcomes) - OUTCOME_KEYS
    if unknown:
        raise ValueError(f"未知的办理结果：{'、'.join(sorted(unknown))}")
    if "partial" in outcomes:
        return "partial"
    kinds = set(outcomes)
    if "granted" in kinds:
        return "partial" if any(k.startswith("denied_") for k in kinds) else "granted"
    return outcomes[0]


def outcome_label(key: str) -> str:
    return dict(OUTCOME_CHOICES)[key]


def is_disclosed(key: str) -> bool:
    return key in _DISCLOSED
