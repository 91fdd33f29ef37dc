"""Shared test fixtures: named people and organisations, clients signed in as them, the browser.

The people (used across every test file):
- alice: admin of Riverside          - fran: facilitator of Riverside
- bob: viewer of Riverside           - carol: admin of Hillside (another organisation)
- dan: signed in, but in no organisation
"""

import os

import pytest
from django.conf import settings as django_settings
from django.core.servers.basehttp import WSGIServer
from django.test import Client

from coreflect.accounts.models import User
from coreflect.organisations.models import Membership, Organisation, OrganisationKind
from coreflect.organisations.permissions import Role

# live_server runs Django in a thread while Playwright's sync API runs an event loop in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The live server's listening socket queues only 5 waiting connections by default; gunicorn queues
# 2048. The concurrency tests open hundreds at once, as real traffic would.
WSGIServer.request_queue_size = 1024

PASSWORD = "a-long-test-password-1"
# Admins must use two-factor authentication (coreflect/organisations/mfa.py): the named admins have an
# authenticator app with this secret, so a test can work out their current code (tests/security/test_mfa.py).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    """What a test run needs that a deployment must not have: plain HTTP, quick password hashing."""
    django_settings.SECURE_SSL_REDIRECT = False
    django_settings.SESSION_COOKIE_SECURE = False
    django_settings.CSRF_COOKIE_SECURE = False
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django_settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A code worked out at the end of its 30 seconds may reach the server in the next 30: allow one step either
    # side, or a browser test fails now and then at the turn of a step. totp_code() still gives the current one.
    django_settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture(autouse=True)
def _forget_what_the_process_keeps():
    """Framework versions never change, so what is worked out from them is kept per process – but a test’s rolled-back
    database can reuse a version's id for different rows, so tests start with nothing kept."""
    from coreflect import caches

    caches.clear()


@pytest.fixture(autouse=True)
def _each_test_starts_in_english():
    """A request to a Welsh page (/cy/...) leaves Welsh active in the thread after it; the next test's reverse()
    would then give /cy/ addresses."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app with this secret shows now."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def make_person(email, name, organisation=None, role=None):
    user = User.objects.create_user(email=email, name=name, password=PASSWORD)
    if organisation is not None:
        Membership.objects.create(organisation=organisation, user=user, role=role)
    if role == Role.ADMIN:
        from allauth.mfa.totp.internal.auth import TOTP

        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def riverside(db):
    return Organisation.objects.create(name="Riverside Council", kind=OrganisationKind.LOCAL_AUTHORITY)


@pytest.fixture
def hillside(db):
    return Organisation.objects.create(name="Hillside Care", kind=OrganisationKind.PROVIDER)


@pytest.fixture
def alice(riverside):
    return make_person("alice@riverside.example", "Alice Adams", riverside, Role.ADMIN)


@pytest.fixture
def fran(riverside):
    return make_person("fran@riverside.example", "Fran Fisher", riverside, Role.FACILITATOR)


@pytest.fixture
def bob(riverside):
    return make_person("bob@riverside.example", "Bob Brown", riverside, Role.VIEWER)


@pytest.fixture
def carol(hillside):
    return make_person("carol@hillside.example", "Carol Clarke", hillside, Role.ADMIN)


@pytest.fixture
def dan(db):
    return make_person("dan@nowhere.example", "Dan Dean")


@pytest.fixture
def client_for(db):
    """A test client signed in as the given person."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


# --- The browser -------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    """Browser tests skip on a machine without Chromium, and fail in CI (COREFLECT_REQUIRE_BROWSER=1)."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("COREFLECT_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"COREFLECT_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: install Debian's chromium")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets the axe helper inject axe-core into pages served with a strict CSP.
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1024, "height": 800}}
