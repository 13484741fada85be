"""Staff pages of requests, mounted at /requests/."""

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from gongkai.requests.views import case as views_case
from gongkai.requests.views import intake as views_intake
from gongkai.requests.views import letters as views_letters
from gongkai.requests.views import listing as views_list
from gongkai.requests.views import remedies as views_remedies
from gongkai.requests.views import stats as views_stats

app_name = "requests"

urlpatterns = [
    path("", views_list.request_list, name="list"),
    path("new/", views_intake.request_new, name="new"),
    path("<int:pk>/", views_case.request_detail, name="detail"),
    path("<int:pk>/registered/", views_intake.request_registered, name="registered"),
    path("<int:pk>/history/", views_case.applicant_history, name="history"),
    path("<int:pk>/actions/<slug:name>/", views_case.case_action, name="action"),
    path("<int:pk>/letters/", views_letters.letter_generate, name="letter_generate"),
    path("<int:pk>/letters/<int:letter_pk>/", views_letters.letter_download, name="letter_download"),
    path("<int:pk>/letters/<int:letter_pk>/deliver/", views_letters.letter_deliver, name="letter_deliver"),
    path("letter-templates/", views_letters.template_list, name="letter_templates"),
    path("letter-templates/<int:body_pk>/settings/", views_letters.letter_settings, name="letter_settings"),
    path("letter-templates/<int:body_pk>/<slug:kind>/", views_letters.template_edit, name="letter_template"),
    path(
        "letter-templates/<int:body_pk>/<slug:kind>/<slug:outcome>/",
        views_letters.template_edit,
        name="letter_template",
    ),
]

urlpatterns += [
    path("<int:pk>/remedies/new/", views_remedies.remedy_open, name="remedy_open"),
    path("<int:pk>/remedies/<int:case_pk>/decide/", views_remedies.remedy_decide, name="remedy_decide"),
    # The notices of every app are on one page now (bodies:notices); old bookmarks go there.
    path("inbox/", login_required(RedirectView.as_view(pattern_name="bodies:notices")), name="inbox"),
    path("stats/", views_stats.stats_index, name="stats"),
    path("stats/<int:body_pk>/<int:year>/", views_stats.body_stats, name="stats_body"),
    path("stats/<int:body_pk>/<int:year>/xlsx/", views_stats.body_stats_xlsx, name="stats_xlsx"),
    path("stats/area/<int:body_pk>/<int:year>/", views_stats.area_stats, name="stats_area"),
]
