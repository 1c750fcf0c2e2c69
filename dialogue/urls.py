from django.urls import path

from dialogue import views

app_name = "dialogue"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("ideer/", views.idea_list, name="idea-list"),
    path("ideer/ny/", views.idea_create, name="idea-create"),
    path("ideer/<int:pk>/", views.idea_detail, name="idea-detail"),
    path("ideer/<int:pk>/stoet/", views.idea_support, name="idea-support"),
    path("ideer/<int:pk>/traek-stoette-tilbage/", views.idea_withdraw_support, name="idea-withdraw-support"),
    path("ideer/<int:pk>/kommenter/", views.comment_create, name="comment-create"),
    path("kommentarer/<int:pk>/rediger/", views.comment_edit, name="comment-edit"),
    path("kommentarer/<int:pk>/anmeld/", views.comment_report, name="comment-report"),
    path("fora/", views.forum_list, name="forum-list"),
    path("fora/moeder.ics", views.meeting_feed, name="meeting-feed"),
    path("fora/<slug:slug>/", views.forum_detail, name="forum-detail"),
    path("fora/<slug:slug>/moeder.ics", views.forum_meeting_feed, name="forum-meeting-feed"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("moeder/<int:pk>/foreslaa-punkt/", views.topic_create, name="topic-create"),
    path("inspiration/", views.inspiration_list, name="inspiration-list"),
    path("inspiration/<slug:slug>/", views.inspiration_detail, name="inspiration-detail"),
]
