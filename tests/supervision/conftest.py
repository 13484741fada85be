"""The supervision world: 某某区 (a district) and four 街道 below it with their 2023 reports, all imported
from the real seeds with ``import_report``, and a 监督人员 of the district.

- 某某区 (district): seed 004, tables only as images → all three tables missing; 784 items disclosed.
- 只楚街道: seed 000, table 3 truncated (new 5, of which 本机关不掌握 5; the rows from 不予处理 5. on are
  missing) and table 4 absent; 64 items.
- 西高皇街道: seed 001, every cell 0.
- 环翠楼街道: seed 002 (a 2024 report, filed here as 2023): new 2, partial 2, total 2; 753 items.
- 坛山街道: seed 003 (a 2021 report, filed here as 2023): every cell 0; 3050 items.
- 空白街道: no report.

Hand sums of table 3, 总计 column, over all six: new 5+0+2+0 = 7 (某某区 missing), partial 2,
unable_not_held 5, total 2 (only 西高皇, 环翠楼 and 坛山 have it: 0+2+0).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractUser

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_imports.actions.imports import import_report
from gongkai.report_imports.models import ImportedReport
from tests.conftest import PASSWORD

YEAR = 2023


@dataclass
class World:
    district: Body
    zhichu: Body
    xigaohuang: Body
    huancuilou: Body
    tanshan: Body
    empty: Body
    reports: dict[str, ImportedReport]


def file_as(imported: ImportedReport, year: int) -> ImportedReport:
    """A seed of another year filed as ``year`` (the column and the JSON, as an import would have)."""
    imported.data["year"] = year
    ImportedReport.objects.filter(pk=imported.pk).update(year=year, data=imported.data)
    imported.refresh_from_db()
    return imported


@pytest.fixture
def world(district, street, other_street, seed) -> World:
    def sub(name: str) -> Body:
        return body_actions.create_body(
            actor=None, name=f"{name}办事处", short_name=name, level=Body.Level.SUBDISTRICT, parent=district
        )

    huancuilou, tanshan, empty = sub("环翠楼街道"), sub("坛山街道"), sub("空白街道")

    def load(prefix: str, body: Body) -> ImportedReport:
        return import_report(
            actor=None, body=body, data=seed(prefix), filename=f"{prefix}.txt", confirmed=True
        )

    reports = {
        "004": load("004", district),
        "000": load("000", street),
        "001": load("001", other_street),
        "002": file_as(load("002", huancuilou), YEAR),
        "003": file_as(load("003", tanshan), YEAR),
    }
    return World(district, street, other_street, huancuilou, tanshan, empty, reports)


@pytest.fixture
def supervisor(district) -> AbstractUser:
    """监督人员 of the district."""
    return body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_supervisor",
        password=PASSWORD,
        role=StaffMembership.Role.SUPERVISOR,
    )


@pytest.fixture
def supervisor_client(client, supervisor):
    client.force_login(supervisor)
    return client
