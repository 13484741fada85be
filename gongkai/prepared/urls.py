from django.urls import path

from gongkai.prepared.views import files as views

app_name = "prepared"

urlpatterns = [
    path("", views.file_list, name="list"),
    path("<int:pk>/", views.file_status, name="status"),
    path("<int:pk>/download/", views.file_download, name="download"),
    path("<int:pk>/regenerate/", views.file_regenerate, name="regenerate"),
]
