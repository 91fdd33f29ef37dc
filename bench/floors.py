"""The load benchmark's URL map: Coreflect's own, with two floor views first, the floors any view is measured
against. Only bench/load.py's server loads it (through bench_settings.py); the service never does.

`noop` is the least a request can cost here (the whole middleware stack, no database); `one_insert` is the
least a browser form that saves something can cost (a CSRF-checked POST doing exactly one INSERT). The
`bench_insert` table is created by the benchmark in its throwaway database, never by a migration, so no
deployment has it.
"""

from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

from coreflect import urls as coreflect_urls

TABLE = "bench_insert"


@require_safe
def noop(request):
    return HttpResponse("ok", content_type="text/plain")


@require_http_methods(["GET", "POST"])
def one_insert(request):
    """GET: a tiny page with a CSRF-protected form. POST: one INSERT, then redirect as a real form does."""
    if request.method == "POST":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} (created_at) VALUES (%s)", [timezone.now()])  # noqa: S608 - fixed name
        return redirect(request.path)
    return HttpResponse(
        format_html(
            '<!DOCTYPE html><html lang="en"><title>Insert</title><form method="post">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}"><button>Save</button></form></html>',
            get_token(request),
        )
    )


# First in the map, so the floors pay the least URL matching a view can: the best case, as floors must be.
# Coreflect's own patterns follow as they are, so its pages are matched exactly as in the service.
urlpatterns = [
    path("bench/noop", noop, name="bench-noop"),
    path("bench/insert", one_insert, name="bench-insert"),
    *coreflect_urls.urlpatterns,
]
handler400 = coreflect_urls.handler400
handler403 = coreflect_urls.handler403
handler404 = coreflect_urls.handler404
handler500 = coreflect_urls.handler500
