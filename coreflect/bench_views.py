"""Two views for the load benchmark only (bench/load.py): the floors any Django view is measured against.

`noop` is the least a request can cost here (the whole middleware stack, no database); `one_insert` is the
least a browser form that saves something can cost (a CSRF-checked POST doing exactly one INSERT). They are
routed only when settings.BENCH is on, and answer 404 otherwise. The `bench_insert` table is created by the
benchmark in its throwaway database, never by a migration, so no deployment has it.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_safe

TABLE = "bench_insert"


def _bench_only():
    if not settings.BENCH:
        raise Http404


@require_safe
def noop(request):
    _bench_only()
    return HttpResponse("ok", content_type="text/plain")


@require_http_methods(["GET", "POST"])
def one_insert(request):
    """GET: a tiny page with a CSRF-protected form. POST: one INSERT, then redirect as a real form does."""
    _bench_only()
    if request.method == "POST":
        from django.db import connection

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
