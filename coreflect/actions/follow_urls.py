"""URLs for people who asked to be told what happened: the sign-up under the round's participant link (so the
participant's private cookie comes with it) and the unsubscribe link in every email."""

from django.urls import path

from . import follow_views

app_name = "follow"

urlpatterns = [
    path("r/<str:code>/follow/", follow_views.follow, name="add"),
    path("unfollow/<str:key>/", follow_views.unfollow, name="remove"),
]
