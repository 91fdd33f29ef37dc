"""Language lens URLs: the phrase list, own entries, switching entries off and on, and checking a document."""

from django.urls import path

from . import views

app_name = "language"

urlpatterns = [
    path("language/", views.phrase_list, name="list"),
    path("language/check/", views.check_document, name="check"),
    path("language/own/new/", views.own_entry_add, name="add"),
    path("language/own/<int:pk>/", views.own_entry_edit, name="edit"),
    path("language/own/<int:pk>/remove/", views.own_entry_remove, name="remove"),
    path("language/built-in/<slug:key>/off/", views.switch_off, name="switch-off"),
    path("language/built-in/<slug:key>/on/", views.switch_on, name="switch-on"),
]
