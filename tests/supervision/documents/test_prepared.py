"""The area's data files made in the background: the producer re-checks the area of the person who
asked when it runs, and the workbook it stores opens back with every body of the area."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from gongkai.bodies.actions.staff import remove_membership
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks import produce
from gongkai.prepared.tasks.produce import NO_ACCESS
from gongkai.supervision.documents.prepared import KIND
from tests.prepared.helpers import fetch, run_waiting
from tests.supervision.conftest import YEAR

S = PreparedFile.State


def test_the_button_queues_one_file_with_the_pages_filters_and_leads_to_its_status(supervisor_client, world):
    url = reverse("supervision:download_xlsx", args=[world.district.pk, YEAR])
    page = supervisor_client.get(url, {"level": "subdistrict", "status": "nonsense"})
    assert page.status_code == 200 and "生成文件" in page.content.decode()
    assert not PreparedFile.objects.exists()  # a GET queues nothing

    response = supervisor_client.post(f"{url}?level=subdistrict&status=nonsense")
    item = PreparedFile.objects.get()
    assert response.url == reverse("prepared:status", args=[item.pk])
    assert (item.kind, item.owner.username) == (KIND, "district_supervisor")
    assert item.params == {
        "body": world.district.pk,
        "year": YEAR,
        "fmt": "xlsx",
        "level": "subdistrict",
        "status": "",  # an unknown filter value is dropped
        "years": "",
    }
    assert item.title == "某某区人民政府及下级机关2023年度报告（Excel）"


def test_the_stored_workbook_opens_back_with_every_body_of_the_area(supervisor_client, world):
    supervisor_client.post(reverse("supervision:download_xlsx", args=[world.district.pk, YEAR]))
    run_waiting()
    item = PreparedFile.objects.get()
    assert item.state == S.DONE, item.error
    assert item.filename == "某某区人民政府及下级机关2023年度报告.xlsx"
    sheet = load_workbook(BytesIO(fetch(supervisor_client, item)))["年度报告"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [
        "某某区人民政府",
        "只楚街道办事处",
        "坛山街道办事处",
        "环翠楼街道办事处",
        "空白街道办事处",
        "西高皇街道办事处",
    ]
    assert {r[4] for r in rows} == {YEAR}


def test_a_supervisor_moved_away_before_the_worker_ran_gets_no_file(supervisor_client, supervisor, world):
    supervisor_client.post(reverse("supervision:download_jsonl", args=[world.district.pk, YEAR]))
    item = PreparedFile.objects.get()
    remove_membership(actor=None, membership=supervisor.memberships.get())
    produce.run(item.pk)
    item.refresh_from_db()
    assert (item.state, item.error, bool(item.file)) == (S.FAILED, NO_ACCESS, False)
