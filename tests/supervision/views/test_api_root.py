"""/api/v1/ answers with what the API offers: each endpoint described in Chinese, schema and docs."""

import re

from rest_framework.authtoken.models import Token


def test_the_api_root_lists_every_endpoint_with_a_chinese_description(supervisor_client):
    response = supervisor_client.get("/api/v1/")
    assert response.status_code == 200
    data = response.json()
    paths = {e["path"] for e in data["endpoints"]}
    assert {
        "/api/v1/bodies/",
        "/api/v1/bodies/{id}/",
        "/api/v1/reports/",
        "/api/v1/reports/{body}/{year}/",
        "/api/v1/cells/",
    } <= paths
    for endpoint in data["endpoints"]:
        assert endpoint["method"] == "GET"
        assert re.search(r"[\u4e00-\u9fff]", endpoint["description"]), endpoint
    listed = {e["path"]: e for e in data["endpoints"]}
    assert listed["/api/v1/bodies/"]["url"] == "http://testserver/api/v1/bodies/"
    assert "url" not in listed["/api/v1/bodies/{id}/"]  # a template, not a link
    assert data["schema"] == "http://testserver/api/v1/schema/"
    assert data["docs"] == "http://testserver/api/v1/docs/"
    # the links it gives answer
    assert supervisor_client.get(listed["/api/v1/bodies/"]["url"]).status_code == 200
    assert supervisor_client.get(data["docs"]).status_code == 200


def test_the_api_root_needs_a_signed_in_caller_or_a_token(client, supervisor):
    anonymous = client.get("/api/v1/")
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"] == "身份认证信息未提供。"
    token = Token.objects.create(user=supervisor)
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
