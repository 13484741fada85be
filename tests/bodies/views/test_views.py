from django.urls import reverse


def test_my_bodies_lists_my_street_and_role(clerk_client, street, other_street):
    response = clerk_client.get(reverse("bodies:list"))

    assert response.status_code == 200
    assert "只楚街道办事处" in response.content.decode()
    assert "经办人" in response.content.decode()
    assert "西高皇街道办事处" not in response.content.decode()
    assert reverse("bodies:manage") not in response.content.decode()  # a clerk manages no body


def test_my_bodies_links_an_administrator_to_the_management_pages(client, district_admin):
    client.force_login(district_admin)
    page = client.get(reverse("bodies:list")).content.decode()

    assert f'<a href="{reverse("bodies:manage")}">机关与人员管理</a>' in page


def test_a_body_page_shows_its_staff(clerk_client, street, clerk):
    response = clerk_client.get(reverse("bodies:detail", args=[street.pk]))

    assert response.status_code == 200
    assert clerk.username in response.content.decode()


def test_another_body_page_is_404(clerk_client, other_street):
    response = clerk_client.get(reverse("bodies:detail", args=[other_street.pk]))

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_visitor_is_sent_to_login(client, street):
    response = client.get(reverse("bodies:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
