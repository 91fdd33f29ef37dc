"""A URL map with one view that fails, to see the 500 page."""

from django.urls import path

from coreflect.urls import handler500, urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [*urlpatterns, path("boom/", boom)]
__all__ = ["handler500", "urlpatterns"]
