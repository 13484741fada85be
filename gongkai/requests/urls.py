"""Staff pages of requests, mounted at /requests/."""

from django.urls import path

from . import views_case, views_intake, views_letters, views_list

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
