from django.urls import path

from facilities import views

app_name = "facilities"

urlpatterns = [
    path("", views.facility_list, name="facility-list"),
    path("bookinger/", views.booking_list, name="booking-list"),
    path("bookinger/<int:pk>/", views.booking_detail, name="booking-detail"),
    path("bookinger/<int:pk>/annuller/", views.booking_cancel, name="booking-cancel"),
    path("bookinger/<int:pk>/annuller/bekraeft/", views.booking_cancel_confirm, name="booking-cancel-confirm"),
    path("kalender/<slug:slug>/nyt-link/", views.booking_feed_rotate, name="booking-feed-rotate"),
    path("kalender/<slug:slug>/slet-link/", views.booking_feed_revoke, name="booking-feed-revoke"),
    path(
        "kalender/<slug:slug>/slet-link/bekraeft/",
        views.booking_feed_revoke_confirm,
        name="booking-feed-revoke-confirm",
    ),
    path("kalender/<str:token>.ics", views.booking_feed, name="booking-feed"),
    path("<slug:slug>/", views.facility_detail, name="facility-detail"),
    path("<slug:slug>/book/", views.booking_create, name="booking-create"),
    path("<slug:slug>/fast-booking/", views.series_create, name="series-create"),
]
