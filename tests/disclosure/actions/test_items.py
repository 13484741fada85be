"""Drafting: sanitised text, every version kept, attachments checked by their content."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions.items import Draft, add_attachment, update_item
from gongkai.disclosure.actions.review import submit_for_review
from gongkai.disclosure.rules.filetypes import detect_kind

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def office_zip(inner: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(inner, "<x/>")
    return out.getvalue()


def test_scripts_and_handlers_are_removed_from_the_body_text(make_item):
    item = make_item(
        body_html='<p onclick="x()">通知<script>alert(1)</script></p><img src=x onerror=y><a href="javascript:z">链接</a>'
    )

    assert "script" not in item.body_html and "onclick" not in item.body_html and "<img" not in item.body_html
    assert "javascript" not in item.body_html
    assert item.body_text == "通知\n链接"


def test_every_save_is_a_new_version_with_the_full_content(make_item, clerk):
    item = make_item()
    item = update_item(
        actor=clerk,
        item=item,
        draft=Draft(node=item.node, title="新标题", formed_on=item.formed_on, body_html="<p>改后的正文</p>"),
    )
    same = update_item(
        actor=clerk,
        item=item,
        draft=Draft(node=item.node, title="新标题", formed_on=item.formed_on, body_html="<p>改后的正文</p>"),
    )

    assert [v.number for v in same.versions.all()] == [1, 2]  # an unchanged save adds no version
    first, second = item.versions.all()
    assert first.content["title"] == "关于2025年度低保对象名单的公示"
    assert second.content["body_text"] == "改后的正文"
    assert item.current_version == second


def test_an_item_in_review_cannot_be_edited(make_item, clerk):
    item = submit_for_review(make_item(), actor=clerk)

    with pytest.raises(DisclosureError, match="只有草稿可以修改"):
        update_item(actor=clerk, item=item, draft=Draft(node=item.node, title="改", formed_on=item.formed_on))


def test_a_reason_is_needed_when_the_item_is_not_proactively_disclosed(make_item):
    with pytest.raises(DisclosureError, match="请填写理由"):
        make_item(disclosure="withheld")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpg"),
        (b"GIF89a" + b"\0" * 20, "gif"),
        (office_zip("word/document.xml"), "docx"),
        (office_zip("xl/workbook.xml"), "xlsx"),
        (b"MZ\x90\0 an executable", None),
        (office_zip("content.xml"), None),
    ],
)
def test_file_kinds_are_read_from_the_content(data, kind):
    assert detect_kind(data) == kind


def test_an_executable_named_pdf_is_refused_and_a_real_pdf_is_kept(make_item, clerk):
    item = make_item()

    with pytest.raises(DisclosureError, match="不是可接受的文件类型"):
        add_attachment(actor=clerk, item=item, name="名单.pdf", data=b"MZ\x90\0")
    attachment = add_attachment(actor=clerk, item=item, name="名单.pdf", data=PDF)

    assert (attachment.kind, attachment.size) == ("pdf", len(PDF))
    assert item.versions.last().content["attachments"][0]["name"] == "名单.pdf"


def test_an_attachment_over_the_size_limit_is_refused(make_item, clerk, settings):
    settings.GONGKAI_DISCLOSURE_MAX_ATTACHMENT_MB = 1

    with pytest.raises(DisclosureError, match="超过1 MB的限制"):
        add_attachment(actor=clerk, item=make_item(), name="大文件.pdf", data=PDF + b"\0" * 1024 * 1024)


def test_a_clerk_of_another_body_cannot_write_here(other_clerk, street, node):
    from gongkai.disclosure.actions.items import create_item

    with pytest.raises(PermissionDenied):
        create_item(
            actor=other_clerk,
            body=street,
            draft=Draft(node=node, title="x", formed_on=node.created_at.date()),
        )
