from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from rest_framework.authtoken.models import TokenProxy

from gongkai.home.views.home import home

admin.site.site_header = "公开 gongkai 后台管理"
admin.site.site_title = "公开 gongkai"
# API tokens are credentials: shown only to their owner (/supervision/api-token/), never in the admin.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)

urlpatterns = [
    path("", home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("bodies/", include("gongkai.bodies.urls")),
    path("reports/", include("gongkai.report_imports.urls")),
    path("requests/", include("gongkai.requests.urls.staff")),
    path("yearbook/", include("gongkai.report_workspace.urls")),
    path("supervision/", include("gongkai.supervision.urls.pages")),
    path("api/v1/", include("gongkai.supervision.urls.api")),
    path("files/", include("gongkai.prepared.urls")),
    path("calendar/", include("gongkai.workdays.urls")),
    path("disclosure/", include("gongkai.disclosure.urls")),
    path("gk/", include("gongkai.portal.urls")),
    path("", include("gongkai.requests.urls.portal")),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.web.views.bad_request"
handler403 = "gongkai.web.views.permission_denied"
