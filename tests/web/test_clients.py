"""The client's address: REMOTE_ADDR, or the header a trusted proxy sets (of a list, the address the
proxy appended: the earlier ones are the client's to forge)."""

from django.test import RequestFactory

from gongkai.web.clients import client_ip


def test_remote_addr_by_default(settings):
    settings.GONGKAI_CLIENT_IP_HEADER = "REMOTE_ADDR"
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.5", HTTP_X_REAL_IP="203.0.113.1")
    assert client_ip(request) == "192.0.2.5"


def test_the_proxys_header_when_configured(settings):
    settings.GONGKAI_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1")
    assert client_ip(request) == "203.0.113.1"


def test_no_request_no_address():
    assert client_ip(None) == ""
