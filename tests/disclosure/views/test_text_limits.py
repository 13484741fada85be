"""The staff's free texts of 主动公开 have limits that name the field (a reason, an opinion, the text)."""

from gongkai.disclosure.forms.disclosure import ChangeOpenForm, WithdrawForm


def test_a_reason_over_its_limit_is_refused_naming_it():
    form = ChangeOpenForm({"reason": "理" * 1001, "formed_on": "2025-09-26"})
    assert not form.is_valid()
    assert form.errors["reason"] == ["“变更理由”最多1000字，现在有1001字，请精简后再提交。"]
    assert WithdrawForm({"reason": "理" * 1000}).is_valid()
    assert "“撤稿理由”最多1000字" in WithdrawForm({"reason": "理" * 1001}).errors["reason"][0]
