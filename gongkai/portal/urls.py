"""The public 政府信息公开 portal, mounted at /gk/: one section per body, like a 政府信息公开专栏."""

from django.urls import path

from gongkai.portal.views import pages, search

app_name = "gk"

urlpatterns = [
    path("", pages.bodies, name="bodies"),
    path("search/", search.search_all, name="search"),
    path("fj/<int:pk>/", pages.attachment, name="attachment"),
    path("<int:body_pk>/", pages.home, name="home"),
    path("<int:body_pk>/zdgk/", pages.catalogue, name="catalogue"),
    path("<int:body_pk>/zdgk/<int:node_pk>/", pages.node_items, name="node"),
    path("<int:body_pk>/xx/<int:pk>/", pages.item, name="item"),
    path("<int:body_pk>/gkzn/", pages.guide, name="guide"),
    path("<int:body_pk>/gkml/", pages.directory, name="directory"),
    path("<int:body_pk>/ndbg/", pages.reports, name="reports"),
    path("<int:body_pk>/ndbg/<int:pk>/", pages.report, name="report"),
    path("<int:body_pk>/search/", search.search_body, name="search_body"),
]
