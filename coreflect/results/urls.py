"""Results URLs, under each round."""

from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("rounds/<int:pk>/results/", views.overview, name="overview"),
    path("rounds/<int:pk>/results/perspectives/", views.by_perspective, name="perspectives"),
    path("rounds/<int:pk>/results/gaps/", views.perception_gaps, name="gaps"),
    path("rounds/<int:pk>/results/statements/", views.statements, name="statements"),
    path("rounds/<int:pk>/results/words/", views.words, name="words"),
    path("rounds/<int:pk>/results/compare/", views.round_to_round, name="compare"),
]
