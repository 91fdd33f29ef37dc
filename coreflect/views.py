"""Pages that belong to the service as a whole: start page, health check, policies, error pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from coreflect.accounts import limits


@require_safe
def home(request):
    if request.user.is_authenticated:
        return redirect("organisations:dashboard")
    return render(request, "pages/home.html")


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    return JsonResponse({"status": "ok"})


def static_page(template_name):
    @require_safe
    def view(request):
        return render(request, template_name)

    return view


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def too_many_requests(request, exception=None):
    """django-allauth's answer when a limit is used up (password reset emails, sign-in attempts)."""
    match = request.resolver_match
    until = None
    if match and match.url_name in {"password-reset", "account_reset_password"}:
        until = limits.allauth_retry_at(request, "reset_password", request.POST.get("email", "").strip().lower())
    return limits.too_many(request, until)


def server_error(request):
    # Rendered without the request: the error may have come from the database or the session,
    # which the request's context processors would touch again.
    return HttpResponseServerError(loader.render_to_string("errors/500.html"))
