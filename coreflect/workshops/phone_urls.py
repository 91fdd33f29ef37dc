"""The phones' workshop pages: join with a code, vote, reply, post ideas and spend dots."""

urlpatterns: list = []
