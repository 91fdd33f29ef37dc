"""Values every page's layout needs."""

from django.conf import settings


def service(request):
    return {
        "service_name": "Coreflect",
        "feedback_email": settings.FEEDBACK_EMAIL,
        "session_idle_seconds": settings.SESSION_IDLE_MINUTES * 60,  # for the idle warning (js/session.mjs)
    }
