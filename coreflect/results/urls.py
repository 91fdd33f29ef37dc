"""Results URLs, under each round, and the outcome pages that show results beside an action's outcome."""

from django.urls import path

from . import outcome_views, views

app_name = "results"

urlpatterns = [
    path("rounds/<int:pk>/results/", views.overview, name="overview"),
    path("rounds/<int:pk>/results/perspectives/", views.by_perspective, name="perspectives"),
    path("rounds/<int:pk>/results/gaps/", views.perception_gaps, name="gaps"),
    path("rounds/<int:pk>/results/statements/", views.statements, name="statements"),
    path("rounds/<int:pk>/results/words/", views.words, name="words"),
    path("rounds/<int:pk>/results/words-used/", views.words_used, name="words-used"),
    path("rounds/<int:pk>/results/compare/", views.round_to_round, name="compare"),
    path("rounds/<int:pk>/outcomes/", outcome_views.round_outcomes, name="outcomes"),
    path("actions/<int:pk>/outcome/", outcome_views.write_outcome, name="outcome"),
]
