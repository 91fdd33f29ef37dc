"""URLs of the round's data downloads; urls.py puts them in the "exports" namespace."""

urlpatterns: list = []
