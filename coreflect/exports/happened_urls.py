"""URLs of the "what happened" pages: the participant's under their round's link (so their private cookie comes
with it), and the public copy a facilitator may publish."""

from django.urls import path

from . import happened_views

app_name = "happened"

urlpatterns = [
    path("r/<str:code>/what-happened/", happened_views.participant, name="participant"),
    path("what-happened/<str:code>/", happened_views.public, name="public"),
]
