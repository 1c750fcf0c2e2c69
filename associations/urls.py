from django.urls import path

from associations import views

app_name = "associations"

# Mounted at the site root, because the app owns three public sections of the URL map.
urlpatterns = [
    path("foreninger/", views.association_list, name="association-list"),
    path("foreninger/registrer/", views.association_register, name="association-register"),
    path("foreninger/invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("foreninger/<slug:slug>/", views.association_detail, name="association-detail"),
    path("foreninger/<slug:slug>/kalender.ics", views.association_calendar, name="association-calendar"),
    path("aktiviteter/", views.activity_list, name="activity-list"),
    path("aktiviteter/kalender.ics", views.activity_calendar, name="activity-calendar"),
    path("aktiviteter/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("frivilligjob/", views.role_list, name="role-list"),
    path("frivilligjob/<int:pk>/", views.role_detail, name="role-detail"),
    path("min-side/foreninger/<slug:slug>/", views.association_manage, name="association-manage"),
    path("min-side/foreninger/<slug:slug>/profil/", views.association_edit, name="association-edit"),
    path("min-side/foreninger/<slug:slug>/aktiviteter/ny/", views.activity_create, name="activity-create"),
    path("min-side/foreninger/<slug:slug>/aktiviteter/<int:pk>/", views.activity_edit, name="activity-edit"),
    path("min-side/foreninger/<slug:slug>/aktiviteter/<int:pk>/slet/", views.activity_delete, name="activity-delete"),
    path(
        "min-side/foreninger/<slug:slug>/aktiviteter/<int:pk>/slet/bekraeft/",
        views.activity_delete_confirm,
        name="activity-delete-confirm",
    ),
    path("min-side/foreninger/<slug:slug>/frivilligjob/ny/", views.role_create, name="role-create"),
    path("min-side/foreninger/<slug:slug>/frivilligjob/<int:pk>/", views.role_edit, name="role-edit"),
    path(
        "min-side/foreninger/<slug:slug>/frivilligjob/<int:pk>/interesserede/",
        views.role_interests,
        name="role-interests",
    ),
    path("min-side/foreninger/<slug:slug>/medlemmer/", views.membership_list, name="membership-list"),
    path(
        "min-side/foreninger/<slug:slug>/medlemmer/<int:pk>/rolle/",
        views.membership_change_role,
        name="membership-change-role",
    ),
    path(
        "min-side/foreninger/<slug:slug>/medlemmer/<int:pk>/fjern/", views.membership_remove, name="membership-remove"
    ),
    path(
        "min-side/foreninger/<slug:slug>/medlemmer/<int:pk>/fjern/bekraeft/",
        views.membership_remove_confirm,
        name="membership-remove-confirm",
    ),
]
