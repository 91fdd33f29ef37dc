"""The facilitator's workshop pages: start, run, project and keep the record."""

from django.urls import path

from . import idea_views, projector_views, record_views, views

app_name = "workshops"

urlpatterns = [
    path("rounds/<int:pk>/workshops/start/", views.start, name="start"),
    path("workshops/<int:pk>/", views.console, name="console"),
    path("workshops/<int:pk>/live/", views.console_live, name="console-live"),
    path("workshops/<int:pk>/step/", views.step, name="step"),
    path("workshops/<int:pk>/hands/", views.hands, name="hands"),
    path("workshops/<int:pk>/view/", views.agree, name="agree"),
    path("workshops/<int:pk>/dissent/", views.dissent, name="dissent"),
    path("workshops/<int:pk>/finish/", views.finish, name="finish"),
    path("workshops/<int:pk>/ideas/", idea_views.add_idea, name="add-idea"),
    path("workshops/<int:pk>/ideas/<int:idea_pk>/hide/", idea_views.hide_idea, name="hide-idea"),
    path("workshops/<int:pk>/ideas/merge/", idea_views.merge_ideas, name="merge-ideas"),
    path("workshops/<int:pk>/dots/", idea_views.dots, name="dots"),
    path("workshops/<int:pk>/actions/", idea_views.make_action, name="make-action"),
    path("workshops/<int:pk>/projector/", projector_views.projector, name="projector"),
    path("workshops/<int:pk>/projector/live/", projector_views.projector_live, name="projector-live"),
    path("workshops/<int:pk>/record/", record_views.record, name="record"),
]
