from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.index, name="index"),
    path("tasks/", views.tasks, name="tasks"),
    path("<int:body_pk>/<int:year>/", views.area, name="area"),
    path("<int:body_pk>/<int:year>/export.xlsx", views.area_export, name="export"),
    path("<int:body_pk>/<int:year>/body/<int:target_pk>/", views.body_report, name="report"),
    path("<int:body_pk>/<int:year>/body/<int:target_pk>/send-back/", views.send_back, name="send_back"),
]
