"""Participant URLs: everything hangs off the round's unguessable link code."""

from django.urls import path

from . import journey_views as views

app_name = "journey"

urlpatterns = [
    path("r/<str:code>/", views.start, name="start"),
    path("r/<str:code>/perspective/", views.perspective, name="perspective"),
    path("r/<str:code>/resume/<str:token>/", views.resume, name="resume"),
    path("r/<str:code>/tasks/", views.tasks, name="tasks"),
    path("r/<str:code>/principles/<slug:key>/", views.principle, name="principle"),
    path("r/<str:code>/later/", views.later, name="later"),
    path("r/<str:code>/check/", views.check, name="check"),
    path("r/<str:code>/submitted/", views.submitted, name="submitted"),
    path("r/<str:code>/delete/", views.delete, name="delete"),
]
