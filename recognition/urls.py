from django.urls import path

from portal.page_cache import cache_for_visitors
from recognition import views
from recognition.feeds import StoryFeed

app_name = "recognition"

# Included at the root of the i18n patterns because the app serves two sections of the URL map: stories under
# /historier/, and awards, nominations and thanks under /anerkendelse/.
urlpatterns = [
    path("historier/", views.story_list, name="story-list"),
    path("historier/feed/", cache_for_visitors(StoryFeed()), name="story-feed"),
    path("historier/ny/", views.story_create, name="story-create"),
    path("historier/mine/", views.story_mine, name="story-mine"),
    path("historier/<slug:slug>/", views.story_detail, name="story-detail"),
    path("historier/<slug:slug>/rediger/", views.story_edit, name="story-edit"),
    path("anerkendelse/", views.award_list, name="award-list"),
    path("anerkendelse/tak/", views.thanks_list, name="thanks-list"),
    path("anerkendelse/tak/ny/", views.thanks_create, name="thanks-create"),
    path("anerkendelse/tak/<int:pk>/anmeld/", views.thanks_report, name="thanks-report"),
    path("anerkendelse/indstil/<int:round_id>/", views.nomination_create, name="nomination-create"),
    path("anerkendelse/samtykke/<str:token>/", views.nomination_consent, name="nomination-consent"),
    path("anerkendelse/<slug:slug>/", views.award_detail, name="award-detail"),
]
