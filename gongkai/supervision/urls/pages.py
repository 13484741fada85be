from django.urls import path

from gongkai.supervision.views import area as views
from gongkai.supervision.views import dataout as views_dataout
from gongkai.supervision.views import trends as views_trends

app_name = "supervision"

urlpatterns = [
    path("", views.index, name="index"),
    path("tasks/", views.tasks, name="tasks"),
    path("<int:body_pk>/trends/", views_trends.area_trends_page, name="trends"),
    path("<int:body_pk>/trends/<int:target_pk>/", views_trends.body_trends_page, name="body_trends"),
    path("<int:body_pk>/<int:year>/", views.area, name="area"),
    path("<int:body_pk>/<int:year>/export.xlsx", views.area_export, name="export"),
    path("<int:body_pk>/<int:year>/draft/", views.area_draft, name="draft"),
    path("<int:body_pk>/<int:year>/reports.jsonl", views_dataout.download_jsonl, name="download_jsonl"),
    path("<int:body_pk>/<int:year>/cells.csv", views_dataout.download_csv, name="download_csv"),
    path("<int:body_pk>/<int:year>/reports.xlsx", views_dataout.download_xlsx, name="download_xlsx"),
    path("api-token/", views_dataout.api_token, name="api_token"),
    path("<int:body_pk>/<int:year>/body/<int:target_pk>/", views.body_report, name="report"),
    path("<int:body_pk>/<int:year>/body/<int:target_pk>/send-back/", views.send_back, name="send_back"),
]
