from django.urls import path

from gongkai.bodies.views import bodies as views
from gongkai.bodies.views import notices as views_notices
from gongkai.bodies.views import staff as views_staff
from gongkai.bodies.views import tree as views_tree

app_name = "bodies"

urlpatterns = [
    path("", views.body_list, name="list"),
    path("<int:pk>/", views.body_detail, name="detail"),
    path("manage/", views_tree.manage_index, name="manage"),
    path("notices/", views_notices.notice_list, name="notices"),
    path("notices/read-all/", views_notices.notice_read_all, name="notices_read_all"),
    path("notices/<int:pk>/read/", views_notices.notice_read, name="notice_read"),
    path("<int:pk>/tree/", views_tree.tree, name="tree"),
    path("<int:pk>/add/", views_tree.add_child, name="add_child"),
    path("<int:pk>/edit/", views_tree.edit, name="edit"),
    path("<int:pk>/move/", views_tree.move, name="move"),
    path("<int:pk>/merge/", views_tree.merge, name="merge"),
    path("<int:pk>/dissolve/", views_tree.dissolve, name="dissolve"),
    path("<int:pk>/history/", views_tree.history, name="history"),
    path("<int:pk>/staff/", views_staff.staff, name="staff"),
    path("<int:pk>/staff/new/", views_staff.staff_new, name="staff_new"),
    path("<int:pk>/staff/attach/", views_staff.staff_attach, name="staff_attach"),
    path("<int:pk>/staff/<int:membership_pk>/role/", views_staff.staff_role, name="staff_role"),
    path("<int:pk>/staff/<int:membership_pk>/remove/", views_staff.staff_remove, name="staff_remove"),
    path("<int:pk>/accounts/<int:user_pk>/active/", views_staff.account_active, name="account_active"),
    path("<int:pk>/accounts/<int:user_pk>/password/", views_staff.password_reset, name="password_reset"),
    path("<int:pk>/accounts/<int:user_pk>/unlock/", views_staff.account_unlock, name="account_unlock"),
]
