"""Site-wide pages: home, login and logout, and the error pages, all in Chinese."""

from django.test import Client
from django.urls import reverse
from django.views.defaults import permission_denied, server_error


def test_the_home_page_invites_a_visitor_to_log_in(client):
    page = client.get("/").content.decode()

    assert "政府信息公开工作平台" in page
    assert reverse("login") in page


def test_a_clerk_logs_in_with_a_password_and_lands_on_their_own_work(client, clerk, password):
    response = client.post(reverse("login"), {"username": clerk.username, "password": password})

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_wrong_password_is_refused_in_chinese(client, clerk):
    response = client.post(reverse("login"), {"username": clerk.username, "password": "wrong"})

    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_logging_out_ends_the_session(clerk_client):
    response = clerk_client.post(reverse("logout"))

    assert response.status_code == 302
    assert clerk_client.get(reverse("reports:list")).status_code == 302


def test_an_unknown_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_403_page_is_in_chinese(rf):
    response = permission_denied(rf.get("/"), exception=None)

    assert response.status_code == 403
    assert (
        "无权进行此操作" in response.content.decode()
        and "您没有权限进行这项操作" in response.content.decode()
    )


def test_the_500_page_is_in_chinese_and_needs_no_context(rf):
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "服务器错误" in response.content.decode()


def test_the_stylesheet_is_served(client):
    response = client.get("/static/gongkai/site.css")

    assert response.status_code == 200
    assert b".finding-error" in b"".join(response.streaming_content)


def test_a_form_without_its_csrf_token_gets_a_chinese_403(clerk, password):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("login"), {"username": clerk.username, "password": password})

    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()
