from django.urls import path

from advisory import views

app_name = "advisory"

urlpatterns = [
    path("", views.topic_list, name="topic-list"),
    path("spoerg/", views.request_create, name="request-create"),
    path("sager/", views.request_list, name="request-list"),
    path("sager/<int:pk>/", views.request_detail, name="request-detail"),
    path("sager/<int:pk>/svar/", views.message_create, name="message-create"),
    path("sager/<int:pk>/genaabn/", views.request_reopen, name="request-reopen"),
    path("sager/<int:pk>/vedhaeftning/<int:message_pk>/", views.message_attachment, name="message-attachment"),
    path("<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("<slug:topic_slug>/<slug:slug>/", views.guide_detail, name="guide-detail"),
]
