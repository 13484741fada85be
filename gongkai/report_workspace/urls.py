from django.urls import path

from gongkai.report_workspace.views import workspace as views

app_name = "yearbook"

urlpatterns = [
    path("", views.workspace_list, name="list"),
    path("compile/", views.compile_view, name="compile"),
    path("work/", views.work_entries, name="work"),
    path("body/<int:body_pk>/", views.body_series, name="series"),
    path("<int:pk>/", views.workspace, name="detail"),
    path("<int:pk>/sections/", views.sections_edit, name="sections"),
    path("<int:pk>/cells/", views.cells_enter, name="cells"),
    path("<int:pk>/import/", views.cells_import, name="import"),
    path("<int:pk>/import/confirm/", views.cells_import_confirm, name="import_confirm"),
    path("<int:pk>/submit/", views.submit_view, name="submit"),
    path("<int:pk>/review/", views.review_view, name="review"),
    path("<int:pk>/send-back/", views.send_back_view, name="send_back"),
    path("<int:pk>/publish/", views.publish_view, name="publish"),
    path("<int:pk>/redraft/", views.redraft_view, name="redraft"),
    path("<int:pk>/withdraw/", views.withdraw_view, name="withdraw"),
    path("<int:pk>/grant/", views.grant_view, name="grant"),
    path("<int:pk>/versions/", views.versions_view, name="versions"),
    path("<int:pk>/export/<str:fmt>/", views.export_view, name="export"),
    path("published/<int:pk>/<str:fmt>/", views.published_download, name="published"),
]
