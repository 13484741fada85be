"""Letters: default and per-body wording, the .docx itself, delivery, and the template editor."""

import io
import re

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.requests.actions import cases as actions
from gongkai.requests.documents import letters
from gongkai.requests.documents.letters_defaults import DEFAULT_TEXTS, OUTCOME_DECISIONS
from gongkai.requests.models import EventKind
from gongkai.requests.models.letters import LetterSettings, LetterTemplate
from gongkai.requests.rules.outcomes import LEGAL_BASIS, OUTCOME_KEYS
from gongkai.requests.rules.states import Status


def text_of(letter) -> str:
    with letter.file.open("rb") as f:
        document = docx.Document(io.BytesIO(f.read()))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.fixture
def replied(clerk, request_, letter_settings):
    today = timezone.localdate()
    actions.start_review(request_, actor=clerk, on=today)
    actions.start_processing(request_, actor=clerk, on=today)
    return actions.reply(request_, actor=clerk, on=today, outcomes="granted")


@pytest.fixture
def leader(street):
    return body_actions.create_staff_user(
        actor=None, body=street, username="zhichu_leader", password="x", role=StaffMembership.Role.LEADER
    )


def test_every_outcome_has_reply_wording():
    assert set(OUTCOME_DECISIONS) == OUTCOME_KEYS


def test_a_reply_letter_names_applicant_number_basis_and_remedy(clerk, street, replied):
    letter = letters.generate_letter(replied, actor=clerk, kind="reply")
    text = text_of(letter)
    assert text.startswith("政府信息公开申请答复书")
    assert "张三：" in text and replied.number in text
    assert "本机关于2025年9月26日收到您（单位）提出的政府信息公开申请" in text
    assert LEGAL_BASIS["granted"] in text
    assert "六十日内向某某区人民政府申请行政复议" in text and "六个月内向某某区人民法院提起行政诉讼" in text
    assert text.rstrip().endswith(letters.cn_date(timezone.localdate()))
    assert street.name in text


def test_the_docx_is_a4_with_fangsong_body_text(clerk, replied):
    with letters.generate_letter(replied, actor=clerk, kind="reply").file.open("rb") as f:
        document = docx.Document(io.BytesIO(f.read()))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    body_run = document.paragraphs[2].runs[0]
    assert body_run._element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia")) == "仿宋"
    assert document.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_making_a_letter_is_noted_in_the_log(clerk, replied):
    letter = letters.generate_letter(replied, actor=clerk, kind="reply")
    note = replied.events.get(kind=EventKind.NOTE)
    assert note.data["letter"] == letter.pk and note.actor == clerk


def test_a_body_uses_its_own_wording(clerk, street, replied):
    LetterTemplate.objects.create(
        body=street,
        kind="reply",
        outcome="granted",
        title="答复书",
        text="{applicant}：您的申请{number}予以公开。",
    )
    text = text_of(letters.generate_letter(replied, actor=clerk, kind="reply"))
    assert f"张三：您的申请{replied.number}予以公开。" in text


def test_a_correction_notice_needs_a_recorded_correction(clerk, request_):
    with pytest.raises(letters.LetterError):
        letters.generate_letter(request_, actor=clerk, kind="correction")
    today = timezone.localdate()
    actions.start_review(request_, actor=clerk, on=today)
    actions.request_correction(
        request_,
        actor=clerk,
        on=today,
        what="请写明所需信息的年份",
        deadline=today.replace(year=today.year + 1),
    )
    text = text_of(letters.generate_letter(request_, actor=clerk, kind="correction"))
    assert "请写明所需信息的年份" in text and "第三十条" in text


def test_another_bodys_clerk_cannot_make_a_letter(other_clerk, replied):
    with pytest.raises(PermissionDenied):
        letters.generate_letter(replied, actor=other_clerk, kind="reply")


def test_delivering_the_reply_letter_delivers_the_request(clerk, replied):
    letter = letters.generate_letter(replied, actor=clerk, kind="reply")
    letters.record_delivery(letter, actor=clerk, on=timezone.localdate(), method="post")
    replied.refresh_from_db()
    assert replied.status == Status.DELIVERED
    with pytest.raises(letters.LetterError, match="已于"):
        letters.record_delivery(letter, actor=clerk, on=timezone.localdate(), method="post")


def test_unknown_placeholders_are_found():
    assert letters.unknown_placeholders("{applicant}{numbr}") == ["numbr"]
    assert letters.unknown_placeholders(DEFAULT_TEXTS["correction"].text) == []


# ------------------------------------------------------------------ pages


def test_the_case_page_makes_and_downloads_a_letter(clerk_client, replied):
    url = reverse("requests:letter_generate", args=[replied.pk])
    clerk_client.post(url, {"kind": "reply"})
    letter = replied.letters.get()
    response = clerk_client.get(reverse("requests:letter_download", args=[replied.pk, letter.pk]))
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert replied.number in "\n".join(p.text for p in document.paragraphs)


def test_a_letter_that_cannot_be_made_yet_is_explained(clerk_client, request_):
    response = clerk_client.post(
        reverse("requests:letter_generate", args=[request_.pk]), {"kind": "reply"}, follow=True
    )
    assert "目前不能制作" in response.content.decode()


def test_a_clerk_cannot_edit_templates(clerk_client, street):
    url = reverse("requests:letter_template", args=[street.pk, "receipt"])
    assert clerk_client.get(url).status_code == 404


def test_a_leader_previews_and_saves_a_template(client, leader, street):
    client.force_login(leader)
    url = reverse("requests:letter_template", args=[street.pk, "reply", "granted"])
    preview = client.post(url, {"title": "答复书", "text": "{applicant}：{number}", "preview": "1"})
    assert "张三：〔2025〕第1号" in preview.content.decode()
    assert not LetterTemplate.objects.exists()
    client.post(url, {"title": "答复书", "text": "{applicant}：{number}"})
    assert LetterTemplate.objects.get().text == "{applicant}：{number}"


def test_a_misspelt_placeholder_is_refused(client, leader, street):
    client.force_login(leader)
    url = reverse("requests:letter_template", args=[street.pk, "receipt"])
    response = client.post(url, {"title": "回执", "text": "{applicnt}"})
    assert response.status_code == 400 and "{applicnt}" in response.content.decode()


def test_a_leader_sets_the_remedy_organs(client, leader, street):
    client.force_login(leader)
    url = reverse("requests:letter_settings", args=[street.pk])
    client.post(
        url,
        {
            "review_organ": "某某区人民政府",
            "court": "某某区人民法院",
            "remedy_text": letters.DEFAULT_REMEDY,
            "office_address": "某某路1号",
            "office_phone": "010-12345678",
        },
    )
    assert "某某区人民法院" in letters.remedy_sentence(street)


@pytest.fixture
def replied_without_settings(clerk, request_):
    today = timezone.localdate()
    actions.start_review(request_, actor=clerk, on=today)
    actions.start_processing(request_, actor=clerk, on=today)
    return actions.reply(request_, actor=clerk, on=today, outcomes="granted")


@pytest.fixture
def street_admin(street):
    return body_actions.create_staff_user(
        actor=None, body=street, username="zhichu_admin", password="x", role=StaffMembership.Role.ADMIN
    )


MISSING_REMEDIES = (
    "政府信息公开申请答复书中的行政复议机关名称、人民法院名称尚未填写，文书中会留下占位符，不能制作。"
    "请本机关管理员（zhichu_admin）在「文书模板 → 救济途径和联系方式设置」中填写后再制作。"
)


def test_a_reply_letter_with_unfilled_remedies_is_refused(
    clerk, street, street_admin, replied_without_settings
):
    LetterSettings.objects.create(body=street, office_address="某某路1号", office_phone="010-12345678")
    with pytest.raises(letters.LetterError) as refused:
        letters.generate_letter(replied_without_settings, actor=clerk, kind="reply")
    assert refused.value.message == MISSING_REMEDIES
    assert not replied_without_settings.letters.exists()


def test_the_case_page_warns_and_refuses_then_the_admin_fills_in_and_the_letter_goes(
    client, clerk, street, street_admin, replied_without_settings
):
    r = replied_without_settings
    LetterSettings.objects.create(body=street, office_address="某某路1号", office_phone="010-12345678")
    client.force_login(clerk)
    page = client.get(reverse("requests:detail", args=[r.pk])).content.decode()
    assert "答复书还不能制作：行政复议机关名称、人民法院名称尚未填写" in page
    response = client.post(reverse("requests:letter_generate", args=[r.pk]), {"kind": "reply"}, follow=True)
    assert MISSING_REMEDIES in response.content.decode() and not r.letters.exists()
    # the clerk cannot fill them in; the body's 管理员 can, and the form asks for both
    assert client.get(reverse("requests:letter_settings", args=[street.pk])).status_code == 404
    client.force_login(street_admin)
    url = reverse("requests:letter_settings", args=[street.pk])
    response = client.post(
        url, {"remedy_text": letters.DEFAULT_REMEDY, "office_address": "某某路1号", "office_phone": "1"}
    )
    assert response.status_code == 400 and "行政复议机关" in response.content.decode()
    client.post(
        url,
        {
            "review_organ": "某某区人民政府",
            "court": "某某区人民法院",
            "remedy_text": letters.DEFAULT_REMEDY,
            "office_address": "某某路1号",
            "office_phone": "010-12345678",
        },
    )
    client.force_login(clerk)
    client.post(reverse("requests:letter_generate", args=[r.pk]), {"kind": "reply"})
    text = text_of(r.letters.get())
    assert "（复议机关）" not in text and "（人民法院）" not in text and "某某区人民法院" in text


def test_after_the_reply_the_case_page_points_to_the_delivery_and_ids_are_unique(
    clerk, clerk_client, replied
):
    receipt = letters.generate_letter(replied, actor=clerk, kind="receipt")
    reply = letters.generate_letter(replied, actor=clerk, kind="reply")
    page = clerk_client.get(reverse("requests:detail", args=[replied.pk])).content.decode()
    assert "没有可进行的操作" not in page
    assert "下一步：在下方「文书」中记录文书送达" in page
    assert f'id="id_delivery-on_{receipt.pk}"' in page and f'id="id_delivery-on_{reply.pk}"' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    # the posted names are unchanged: the delivery is recorded
    clerk_client.post(
        reverse("requests:letter_deliver", args=[replied.pk, reply.pk]),
        {"delivery-on": timezone.localdate().isoformat(), "delivery-method": "direct"},
    )
    reply.refresh_from_db()
    assert reply.delivered_on == timezone.localdate()
