from django.urls import path

from gongkai.workdays.views import calendar as views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("deadline/", views.deadline, name="deadline"),
    path("publish/", views.publish, name="publish"),
    path("day/", views.set_day, name="set_day"),
    path("day/clear/", views.clear_day, name="clear_day"),
    path("<int:year>/unpublish/", views.unpublish, name="unpublish"),
]
