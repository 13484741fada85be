from django.urls import path

from gongkai.report_imports.views import batches as views_batches
from gongkai.report_imports.views import reports as views
from gongkai.report_imports.views import uploads as views_uploads

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("import/", views.report_import, name="import"),
    path("import/<int:pk>/", views_uploads.upload_status, name="import_status"),
    path("import/<int:pk>/status.json", views_uploads.upload_status_json, name="import_status_json"),
    path("import/<int:pk>/decide/", views_uploads.upload_decide, name="import_decide"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("<int:pk>/portal/", views.report_portal, name="portal"),
]

urlpatterns += [
    path("batch/", views_batches.batch_list, name="batch_list"),
    path("batch/new/", views_batches.batch_new, name="batch_new"),
    path("batch/<int:pk>/", views_batches.batch_detail, name="batch_detail"),
]
