from django.urls import path

from gongkai.report_imports.views import batches as views_batches
from gongkai.report_imports.views import reports as views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("import/", views.report_import, name="import"),
    path("import/confirm/", views.report_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("<int:pk>/portal/", views.report_portal, name="portal"),
]

urlpatterns += [
    path("batch/", views_batches.batch_list, name="batch_list"),
    path("batch/new/", views_batches.batch_new, name="batch_new"),
    path("batch/<int:pk>/", views_batches.batch_detail, name="batch_detail"),
]
