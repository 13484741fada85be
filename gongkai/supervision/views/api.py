"""The read API (``/api/v1/``): the bodies of the caller's area, their annual reports and the
reports' cells, paged (``page``, ``page_size``) in a stable order: year, then the body tree.

Session or token authentication (``Authorization: Token <key>``); anything outside the caller's
area is 404. Annual reports hold no applicant's data and nothing here reads a case.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.bodies.models import Body
from gongkai.supervision.access import FIRST_YEAR, LAST_YEAR
from gongkai.supervision.documents import dataout
from gongkai.supervision.queries import api_scope as scope
from gongkai.supervision.views.api_serializers import BodySerializer, CellSerializer, ReportItemSerializer


class Paging(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    invalid_page_message = "页码无效：{message}"


def _param(name: str, description: str, type_: Any = OpenApiTypes.INT) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, required=False, description=description)


AREA = _param("area", "机关编号：只看该机关及其下级（须在调用者的范围内，否则 404）")
BODY = _param("body", "机关编号：只看这一个机关（须在范围内，否则 404）")
YEAR = _param("year", "报告年度，如 2023；不给则为全部年度")
LEVEL = _param("level", "层级键：province、city、county、township、subdistrict、department、other", str)


def _body_item(body: Body, depth: int, area_ids: set[int]) -> dict[str, Any]:
    return {
        "id": body.pk,
        "name": body.name,
        "short_name": body.short_name,
        "code": body.code,
        "level": body.level,
        "level_label": body.get_level_display(),
        "parent": body.parent_id if body.parent_id in area_ids else None,
        "depth": depth,
    }


class BodyList(GenericAPIView):
    serializer_class = BodySerializer
    pagination_class = Paging

    @extend_schema(
        operation_id="bodies_list",
        summary="调用者范围内的机关",
        parameters=[AREA, BODY, LEVEL],
        responses=BodySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        mine = scope.caller_area(request.user)
        bodies = scope.scoped_bodies(mine, request.query_params)
        ids = {b.pk for b, _ in mine}
        page = self.paginate_queryset(bodies)
        items = [_body_item(b, d, ids) for b, d in page or []]
        return self.get_paginated_response(self.get_serializer(items, many=True).data)


class BodyDetail(GenericAPIView):
    serializer_class = BodySerializer

    @extend_schema(operation_id="bodies_retrieve", summary="一个机关")
    def get(self, request: Request, pk: int) -> Response:
        mine = scope.caller_area(request.user)
        body, depth = scope.body_in_area(mine, pk)
        ids = {b.pk for b, _ in mine}
        return Response(self.get_serializer(_body_item(body, depth, ids)).data)


INCLUDE = _param("include", "include=report 时每项附带规范化年度报告 JSON", str)


class ReportList(GenericAPIView):
    serializer_class = ReportItemSerializer
    pagination_class = Paging

    @extend_schema(
        operation_id="reports_list",
        summary="年度报告（每个机关每年计入统计的那一份）",
        parameters=[AREA, BODY, YEAR, LEVEL, INCLUDE],
        responses=ReportItemSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        bodies = [b for b, _ in scope.scoped_bodies(scope.caller_area(request.user), params)]
        year = scope.year_filter(params)
        keys = dataout.report_keys(bodies, None if year is None else [year])
        with_report = "report" in params.get("include", "").split(",")
        page = self.paginate_queryset(dataout.ReportPage(keys, timezone.localdate(), with_report=with_report))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ReportDetail(GenericAPIView):
    serializer_class = ReportItemSerializer

    @extend_schema(operation_id="reports_retrieve", summary="一个机关一个年度的年度报告（含规范化 JSON）")
    def get(self, request: Request, body: int, year: int) -> Response:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise NotFound("年度不在范围内")
        found, _ = scope.body_in_area(scope.caller_area(request.user), body)
        keys = dataout.report_keys([found], [year])
        items = dataout.ReportPage(keys, timezone.localdate(), with_report=True)[0:1]
        if not items:
            raise NotFound(f"{found.name}没有{year}年度报告")
        return Response(self.get_serializer(items[0]).data)


CELL = _param("cell", "单元格规范键，逗号分隔，如 table3.rows.new.total,table3.rows.total.total", str)
TABLE = _param("table", "只看一张表：table2、table3 或 table4", str)


class CellList(GenericAPIView):
    serializer_class = CellSerializer
    pagination_class = Paging

    @extend_schema(
        summary="年度报告的单元格（长表：每个机关·年度·单元格一行，缺失的数值为 null）",
        operation_id="cells_list",
        parameters=[AREA, BODY, YEAR, LEVEL, CELL, TABLE],
        responses=CellSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        bodies = [b for b, _ in scope.scoped_bodies(scope.caller_area(request.user), params)]
        year = scope.year_filter(params)
        cells = scope.cell_filter(params)
        keys = dataout.report_keys(bodies, None if year is None else [year])
        page = self.paginate_queryset(dataout.CellPage(keys, timezone.localdate(), cells))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@functools.cache
def _schema() -> dict[str, Any]:
    """The OpenAPI schema of the API, generated once per process (the URLs do not change)."""
    return SchemaGenerator().get_schema(request=None, public=True)


class ApiRoot(APIView):
    """``/api/v1/``: what the API offers — every endpoint with its Chinese description, read from the
    OpenAPI schema so that a new endpoint is listed with no further edit, and the schema and docs."""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        schema = _schema()
        endpoints = []
        for path, ops in schema["paths"].items():
            for method, op in ops.items():
                entry = {"method": method.upper(), "path": path, "description": op.get("summary", "")}
                if "{" not in path:
                    entry["url"] = request.build_absolute_uri(path)
                endpoints.append(entry)
        return Response(
            {
                "title": schema["info"]["title"],
                "description": schema["info"].get("description", ""),
                "version": schema["info"]["version"],
                "endpoints": endpoints,
                "schema": request.build_absolute_uri(reverse("api:schema")),
                "docs": request.build_absolute_uri(reverse("api:docs")),
            }
        )


@require_GET
@login_required
def docs(request: HttpRequest) -> HttpResponse:
    """A plain page listing the endpoints and their parameters, read from the OpenAPI schema (no
    Swagger UI: it would load its assets from a CDN). For signed-in staff only, like the schema."""
    schema = _schema()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "parameters": op.get("parameters", []),
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "supervision/api_docs.html", {"info": schema["info"], "endpoints": endpoints})
