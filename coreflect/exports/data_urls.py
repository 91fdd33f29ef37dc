"""URLs of the round's data downloads; urls.py puts them in the "exports" namespace."""

from django.urls import path

from . import data_views

urlpatterns = [
    path("rounds/<int:pk>/data/", data_views.data_page, name="data"),
    path("rounds/<int:pk>/data/csv/", data_views.data_csv, name="data-csv"),
    path("rounds/<int:pk>/data/xlsx/", data_views.data_xlsx, name="data-xlsx"),
    path("rounds/<int:pk>/data/json/", data_views.data_json, name="data-json"),
    path("rounds/<int:pk>/data/action-plan.xlsx", data_views.action_plan_xlsx, name="data-action-plan"),
    path("rounds/<int:pk>/data/raw/", data_views.raw_data, name="data-raw"),
]
