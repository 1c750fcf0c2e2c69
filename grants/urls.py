from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("", views.scheme_list, name="scheme-list"),
    path("guide/", views.guide, name="guide"),
    path("bevillinger.csv", views.awards_csv, name="awards-csv"),
    path("frister.ics", views.deadlines_calendar, name="deadlines-calendar"),
    path("paamindelser/bekraeft/<str:token>/", views.reminder_confirm, name="reminder-confirm"),
    path("paamindelser/afmeld/<str:token>/", views.reminder_unsubscribe, name="reminder-unsubscribe"),
    path("ansoegninger/", views.application_list, name="application-list"),
    path("ansoegninger/<int:pk>/", views.application_detail, name="application-detail"),
    path("ansoegninger/<int:pk>/rediger/", views.application_edit, name="application-edit"),
    path("ansoegninger/<int:pk>/indsend/", views.application_submit, name="application-submit"),
    path("ansoegninger/<int:pk>/traek-tilbage/", views.application_withdraw, name="application-withdraw"),
    path(
        "ansoegninger/<int:pk>/traek-tilbage/bekraeft/",
        views.application_withdraw_confirm,
        name="application-withdraw-confirm",
    ),
    path("ansoegninger/<int:pk>/bilag/", views.attachment_upload, name="attachment-upload"),
    path("ansoegninger/<int:pk>/bilag/<int:attachment_pk>/", views.attachment_download, name="attachment-download"),
    path("ansoegninger/<int:pk>/bilag/<int:attachment_pk>/slet/", views.attachment_delete, name="attachment-delete"),
    path(
        "ansoegninger/<int:pk>/bilag/<int:attachment_pk>/slet/bekraeft/",
        views.attachment_delete_confirm,
        name="attachment-delete-confirm",
    ),
    path("<slug:slug>/", views.scheme_detail, name="scheme-detail"),
    path("<slug:slug>/frister.ics", views.scheme_calendar, name="scheme-calendar"),
    path("<slug:slug>/husk-mig/", views.reminder_subscribe, name="reminder-subscribe"),
    path("<slug:slug>/ansoeg/", views.application_create, name="application-create"),
]
