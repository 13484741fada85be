"""The public portal for applicants (no login), mounted at the site root: /apply/…, /track/…."""

from django.urls import path

from gongkai.requests.views import portal as views_portal

app_name = "portal"

urlpatterns = [
    path("apply/", views_portal.apply_index, name="apply_index"),
    path("apply/<int:body_pk>/", views_portal.apply, name="apply"),
    path("apply/<int:body_pk>/done/", views_portal.applied, name="applied"),
    path("track/", views_portal.track, name="track"),
    path("track/<int:pk>/", views_portal.status, name="status"),
    path("track/<int:pk>/letters/<int:letter_pk>/", views_portal.letter_download, name="letter"),
]
