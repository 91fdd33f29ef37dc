"""The phones' workshop pages: join with a code, vote, reply, post ideas and spend dots. Everything a phone
does in a workshop is under /w/<code>/, where its cookie is scoped; /r/<link code>/workshop/ sits under the
participant journey's cookie path, so someone who answered on their own can join as themselves."""

from django.urls import path

from . import phone_join_views, phone_views

app_name = "phone"

urlpatterns = [
    path("join/", phone_join_views.join, name="join"),
    path("r/<str:link_code>/workshop/", phone_join_views.join_own, name="join-own"),
    path("w/<str:code>/", phone_views.page, name="page"),
    path("w/<str:code>/join/", phone_join_views.join_code, name="join-code"),
    path("w/<str:code>/live/", phone_views.live_fragment, name="live"),
    path("w/<str:code>/vote/<slug:key>/", phone_views.vote, name="vote"),
    path("w/<str:code>/reply/<slug:key>/", phone_views.reply, name="reply"),
    path("w/<str:code>/ideas/<slug:key>/", phone_views.idea, name="idea"),
    path("w/<str:code>/dots/<int:pk>/", phone_views.dot, name="dot"),
]
