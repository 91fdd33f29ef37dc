"""URLs of the round's report downloads; urls.py puts them in the "exports" namespace."""

urlpatterns: list = []
