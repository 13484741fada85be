from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from gongkai.supervision.views import api as views

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("bodies/", views.BodyList.as_view(), name="bodies"),
    path("bodies/<int:pk>/", views.BodyDetail.as_view(), name="body"),
    path("reports/", views.ReportList.as_view(), name="reports"),
    path("reports/<int:body>/<int:year>/", views.ReportDetail.as_view(), name="report"),
    path("cells/", views.CellList.as_view(), name="cells"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
]
