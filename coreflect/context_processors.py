"""Values every page's layout needs."""

from django.conf import settings


def service(request):
    return {"service_name": "Coreflect", "feedback_email": settings.FEEDBACK_EMAIL}
