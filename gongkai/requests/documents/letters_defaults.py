"""The default wording of every letter, as data: a body may keep its own copy (LetterTemplate).

Placeholders in braces are filled by ``letters.render_text``; ``PLACEHOLDERS`` lists them all with
what they stand for, so the template editor can refuse a misspelt one.
"""

from __future__ import annotations

from typing import NamedTuple

from gongkai.report_format.layout import TABLE3_OUTCOME_ROWS

PLACEHOLDERS: dict[str, str] = {
    "applicant": "申请人姓名或名称",
    "number": "申请编号，如〔2025〕第1号",
    "received_on": "收到申请之日",
    "arrived_on": "收件日期",
    "subject": "所需信息名称",
    "items": "申请事项清单",
    "due_on": "答复期限",
    "outcome_reason": "各事项的办理结果和理由",
    "basis": "法律依据",
    "fee_description": "收费说明（金额和计算方式）",
    "fee_due": "缴费期限",
    "correction_items": "需要补正的事项",
    "correction_deadline": "补正期限",
    "extension_days": "延长的工作日数",
    "extension_reason": "延期理由",
    "third_party": "被征求意见的第三方",
    "consultation_due": "第三方答复期限",
    "body": "本机关名称",
    "office_address": "办公地址",
    "office_phone": "联系电话",
    "today": "文书日期",
}

_OPENING = "{applicant}：\n本机关于{received_on}收到您（单位）提出的政府信息公开申请（{number}），申请获取“{subject}”。"


class DefaultText(NamedTuple):
    title: str
    text: str


DEFAULT_TEXTS: dict[str, DefaultText] = {
    "receipt": DefaultText(
        "政府信息公开申请登记回执",
        "{applicant}：\n本机关于{arrived_on}收到您（单位）提出的政府信息公开申请，已登记，编号为{number}，"
        "申请获取“{subject}”。\n收到申请之日为{received_on}（《中华人民共和国政府信息公开条例》第三十一条）。"
        "本机关将依法在收到申请之日起20个工作日内（即{due_on}前）予以答复；依法需要补正、征求第三方意见或者延期的，"
        "将另行书面告知。\n联系地址：{office_address}；联系电话：{office_phone}。",
    ),
    "correction": DefaultText(
        "政府信息公开申请补正告知书",
        _OPENING + "经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "现一次性告知您需要补正的事项如下：\n{correction_items}\n"
        "请您于{correction_deadline}前向本机关提交补正材料。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    "extension": DefaultText(
        "政府信息公开申请延期答复告知书",
        _OPENING + "因{extension_reason}，本机关不能在规定期限内作出答复。"
        "根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{extension_days}个工作日，本机关将于{due_on}前作出答复。",
    ),
    "consultation": DefaultText(
        "政府信息公开征求第三方意见书",
        "{third_party}：\n本机关于{received_on}收到申请人提出的政府信息公开申请（{number}），申请获取“{subject}”。"
        "经审查，该政府信息公开后可能损害您（单位）的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，"
        "现书面征求您（单位）的意见。\n请您（单位）于{consultation_due}前（自收到本意见书之日起15个工作日内）"
        "提出书面意见；逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。"
        "您（单位）不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
        "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。",
    ),
    "fee": DefaultText(
        "政府信息公开信息处理费收费通知书",
        _OPENING
        + "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》的规定，"
        "您（单位）申请公开政府信息的数量、频次明显超过合理范围，本机关依法收取信息处理费：\n{fee_description}\n"
        "请您（单位）自收到本通知之日起20个工作日内缴纳费用。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
}

# What the reply says for each outcome: the decision in the words of the 条例 article it rests on.
OUTCOME_DECISIONS: dict[str, str] = {
    "granted": "经审查，您（单位）申请获取的政府信息属于公开范围，本机关决定予以公开，现将该政府信息提供给您（单位）。",
    "partial": "经审查，您（单位）申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，"
    "本机关向您（单位）提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
    "denied_state_secret": "经审查，您（单位）申请获取的政府信息属于国家秘密，本机关决定不予公开。",
    "denied_law_prohibited": "经审查，您（单位）申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。",
    "denied_three_security": "经审查，您（单位）申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
    "本机关决定不予公开。",
    "denied_third_party": "经审查，您（单位）申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
    "本机关决定不予公开。",
    "denied_internal_affairs": "经审查，您（单位）申请获取的政府信息属于行政机关的内部事务信息，本机关决定不予公开。",
    "denied_process_info": "经审查，您（单位）申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息，"
    "本机关决定不予公开。",
    "denied_enforcement_file": "经审查，您（单位）申请获取的政府信息属于行政执法案卷信息，本机关决定不予公开。",
    "denied_inquiry": "经审查，您（单位）申请获取的信息，有关法律、行政法规对信息的获取有特别规定，"
    "请您（单位）按照有关法律、行政法规的规定办理。",
    "unable_not_held": "经检索查找，本机关未制作、获取您（单位）申请获取的政府信息，该政府信息不存在；"
    "或者该政府信息不属于本机关负责公开。",
    "unable_needs_creation": "经审查，您（单位）申请获取的信息需要本机关对现有政府信息进行加工、分析，"
    "本机关没有现成的政府信息可以提供。",
    "unable_unclear": "经审查，您（单位）补正后的申请内容仍不明确，本机关无法提供相关政府信息。",
    "rejected_petition": "经审查，您（单位）以政府信息公开申请的形式进行信访、投诉、举报等活动，"
    "本机关不作为政府信息公开申请处理，请您（单位）通过相应渠道提出。",
    "rejected_duplicate": "经审查，您（单位）已就相同政府信息向本机关提出过公开申请，本机关已作出答复，"
    "您（单位）重复申请的，本机关不予重复处理。",
    "rejected_publication": "经审查，您（单位）申请获取的信息属于政府公报、报刊、书籍等公开出版物，"
    "请您（单位）通过相应渠道获取。",
    "rejected_mass": "经审查，您（单位）申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，"
    "本机关不予处理。",
    "rejected_confirmation": "经审查，您（单位）申请要求本机关确认或者重新出具已获取的信息，"
    "不属于政府信息公开申请的处理范围，本机关不予处理。",
    "other_no_correction": "本机关已于补正告知书中一次性告知您（单位）需要补正的事项和补正期限，"
    "您（单位）无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "other_unpaid_fee": "本机关已向您（单位）发出收费通知，您（单位）逾期未按收费通知要求缴纳费用，"
    "视为放弃申请，本机关不再处理该政府信息公开申请。",
    "other_other": "本机关对您（单位）的政府信息公开申请处理如下。",
}

_TITLES = {
    "results": "政府信息公开申请答复书",
    "denied": "政府信息不予公开告知书",
    "unable": "政府信息公开申请告知书",
    "rejected": "政府信息公开申请不予处理告知书",
    "other": "政府信息公开申请告知书",
}
REPLY_TITLES: dict[str, str] = {r.key: _TITLES[r.group] for r in TABLE3_OUTCOME_ROWS}
assert set(OUTCOME_DECISIONS) == set(REPLY_TITLES), "every outcome needs its reply wording"


def default_reply(outcome: str) -> DefaultText:
    """The reply letter of one outcome: opening, decision, the items, and the legal basis."""
    return DefaultText(
        REPLY_TITLES[outcome],
        _OPENING + "现答复如下：\n" + OUTCOME_DECISIONS[outcome] + "\n{outcome_reason}\n依据：{basis}。",
    )


def default_text(kind: str, outcome: str = "") -> DefaultText:
    return default_reply(outcome) if kind == "reply" else DEFAULT_TEXTS[kind]
