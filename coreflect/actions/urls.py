"""Action plan URLs (members only) and the ideas page under each round."""

from django.urls import path

from . import reminder_views, views

app_name = "actions"

urlpatterns = [
    path("actions/", views.plan, name="plan"),
    path("actions/print/", views.plan_print, name="print"),
    path("actions/new/", views.action_create, name="create"),
    path("actions/<int:pk>/", views.action_detail, name="detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="edit"),
    path("actions/<int:pk>/notes/", views.note_add, name="note"),
    path("actions/<int:pk>/contributions/", views.contribution_add, name="contribution"),
    path("rounds/<int:pk>/ideas/", views.ideas, name="ideas"),
    path("rounds/<int:pk>/ideas/<int:idea>/shortlist/", views.idea_shortlist, name="shortlist"),
    path("rounds/<int:pk>/ideas/<int:idea>/why-not/", views.idea_why_not, name="why-not"),
    path("account/reminders/", reminder_views.reminder_settings, name="reminders"),
]
