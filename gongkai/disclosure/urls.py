from django.urls import path

from gongkai.disclosure.views import catalogue, items, registers, settings

app_name = "disclosure"

urlpatterns = [
    path("", catalogue.index, name="index"),
    path("bodies/<int:body_pk>/catalogue/", catalogue.catalogue, name="catalogue"),
    path("bodies/<int:body_pk>/catalogue/default/", catalogue.catalogue_default, name="catalogue_default"),
    path("bodies/<int:body_pk>/catalogue/add/", catalogue.node_add, name="node_add"),
    path("nodes/<int:pk>/<str:change>/", catalogue.node_change, name="node_change"),
    path("bodies/<int:body_pk>/settings/", settings.body_settings, name="settings"),
    path("bodies/<int:body_pk>/settings/index-preview/", settings.index_preview, name="index_preview"),
    path("items/", items.item_list, name="items"),
    path("bodies/<int:body_pk>/items/new/", items.item_new, name="item_new"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/change/edit/", items.change_edit, name="change_edit"),
    path("items/<int:pk>/diff/", items.item_diff, name="item_diff"),
    path("items/<int:pk>/do/<str:act>/", items.item_act, name="item_act"),
    path("inbox/", items.inbox, name="inbox"),
    path("attachments/<int:pk>/", items.attachment_download, name="attachment"),
    path("bodies/<int:body_pk>/registers/", registers.registers, name="registers"),
    path("bodies/<int:body_pk>/registers/<str:change>/", registers.register_change, name="register_change"),
    path("bodies/<int:body_pk>/table2/", registers.table2_preview, name="table2"),
]
