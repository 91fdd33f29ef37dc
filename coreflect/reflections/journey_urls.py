"""Participant URLs, under /r/ (coreflect/urls.py): everything hangs off the round's unguessable link code."""

from django.urls import path

from . import invited_views
from . import journey_views as views

app_name = "journey"

urlpatterns = [
    path("<str:code>/", views.start, name="start"),
    path("<str:code>/perspective/", views.perspective, name="perspective"),
    path("<str:code>/resume/<str:token>/", views.resume, name="resume"),
    path("<str:code>/invited/", invited_views.invited, name="invited"),
    path("<str:code>/invited/<str:token>/", invited_views.invited_link, name="invited-link"),
    path("<str:code>/tasks/", views.tasks, name="tasks"),
    path("<str:code>/principles/<slug:key>/", views.principle, name="principle"),
    path("<str:code>/later/", views.later, name="later"),
    path("<str:code>/later/email/", views.email_link, name="email-link"),
    path("<str:code>/check/", views.check, name="check"),
    path("<str:code>/submitted/", views.submitted, name="submitted"),
    path("<str:code>/delete/", views.delete, name="delete"),
    path("<str:code>/wording/", views.choose_wording, name="wording"),
]
