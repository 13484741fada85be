"""The site's URLs with the calendar pages, whether or not gongkai/urls.py includes them yet."""

from django.urls import include, path

from gongkai.urls import urlpatterns as site_patterns

_included = any(getattr(p, "namespace", None) == "workdays" for p in site_patterns)

urlpatterns = (
    list(site_patterns)
    if _included
    else [*site_patterns, path("calendar/", include("gongkai.workdays.urls"))]
)
