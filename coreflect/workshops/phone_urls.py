"""The phones' workshop pages: join with a code, vote, reply, post ideas and spend dots. Everything a phone
does in a workshop is under /w/<code>/, where its cookie is scoped; /r/<link code>/workshop/ sits under the
participant journey's cookie path, so someone who answered on their own can join as themselves."""

from django.urls import include, path

from . import phone_join_views, phone_views

app_name = "phone"

# A room of phones polls every 2.5 seconds: coreflect/urls.py matches these early, and the phone's own pages
# by their prefix alone, so a poll does not pay for trying every other app's patterns first.
in_the_room = [
    path("", phone_views.page, name="page"),
    path("live/", phone_views.live_fragment, name="live"),
    path("join/", phone_join_views.join_code, name="join-code"),
    path("vote/<slug:key>/", phone_views.vote, name="vote"),
    path("reply/<slug:key>/", phone_views.reply, name="reply"),
    path("ideas/<slug:key>/", phone_views.idea, name="idea"),
    path("dots/<int:pk>/", phone_views.dot, name="dot"),
]

urlpatterns = [
    path("w/<str:code>/", include(in_the_room)),
    path("join/", phone_join_views.join, name="join"),
    path("r/<str:link_code>/workshop/", phone_join_views.join_own, name="join-own"),
]
