"""The demo cases: realistic states, dated on the working-day calendar, created once."""

from gongkai.requests.actions.demo import load_demo_requests
from gongkai.requests.models import Request
from gongkai.requests.rules.states import Status


def test_demo_requests_cover_the_everyday_states_once(street, clerk):
    assert load_demo_requests(street, clerk) == 4
    statuses = set(Request.objects.filter(body=street).values_list("status", flat=True))
    assert statuses == {Status.PROCESSING, Status.CORRECTING, Status.REPLIED, Status.REGISTERED}
    urgent = Request.objects.get(body=street, status=Status.PROCESSING)
    assert urgent.due_on is not None and urgent.due_explanation
    assert load_demo_requests(street, clerk) == 0
    assert Request.objects.filter(body=street).count() == 4


def test_the_demo_body_can_make_its_letters(street, clerk):
    from gongkai.requests.documents import letters

    load_demo_requests(street, clerk)
    replied = Request.objects.get(body=street, status=Status.REPLIED)
    assert letters.missing_settings(street, "reply", replied.outcome) == []
    assert "六个月内向某某区人民法院提起行政诉讼" in letters.remedy_sentence(street)
    assert "六十日内向某某区人民政府申请行政复议" in letters.remedy_sentence(street)
