"""Ends a signed-in session after a period without requests, and after a fixed lifetime whatever the activity;
keeps every page out of caches."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_cache_control

LAST_SEEN_KEY = "coreflect_last_seen"
SIGNED_IN_AT_KEY = "coreflect_signed_in_at"
# Writing the session on every request would cost a database write per page; a minute's
# resolution is plenty for an idle timeout measured in hours.
TOUCH_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY, now)
            if now - signed_in_at > settings.SESSION_LIFETIME_HOURS * 3600:
                # However busy, a session ends: a stolen session cookie is not good for ever.
                logout(request)
                request.session["signed_out_lifetime"] = True
            elif now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                request.session["signed_out_idle"] = True
            else:
                if now - last_seen >= TOUCH_EVERY_SECONDS or LAST_SEEN_KEY not in request.session:
                    request.session[LAST_SEEN_KEY] = now
                if SIGNED_IN_AT_KEY not in request.session:
                    request.session[SIGNED_IN_AT_KEY] = now
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="coreflect_session_start")
def _start_the_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT_KEY] = now
        request.session[LAST_SEEN_KEY] = now


@receiver(user_logged_in, dispatch_uid="coreflect_remember_language")
def _remember_the_language(sender, request, user, **kwargs):
    """The language of the pages someone signs in on is the one their reminders are written in."""
    language = translation.get_language() or ""
    if request is not None and getattr(user, "language", language) != language:
        type(user).objects.filter(pk=user.pk).update(language=language)
        user.language = language


class NoStoreMiddleware:
    """Every page is sent with `Cache-Control: no-store`: on a shared computer (a library, a care home's
    office) nobody can go Back, or dig in the browser's cache, to read the last person's answers, results or
    account pages. Static files are served before this runs (WhiteNoise) and keep their long caching; a
    response that says it may be cached publicly keeps what it says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, no_store=True, private=True)
        return response
