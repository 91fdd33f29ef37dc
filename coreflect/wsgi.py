"""WSGI entry point for gunicorn. It refuses to start with a setting that would leak people's data
(coreflect/accounts/checks.py), since servers do not run Django's checks themselves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coreflect.settings")
application = get_wsgi_application()

from coreflect.accounts.checks import refuse_to_start_unsafely  # noqa: E402 - needs the apps loaded above

refuse_to_start_unsafely()
