"""Browser helpers: sign a named person into a Playwright page, visit live-server pages, a page without
JavaScript."""

import pytest
from django.conf import settings
from django.test import Client


@pytest.fixture
def sign_in(live_server):
    """Put a signed-in session cookie for `user` into the page's browser context."""

    def do(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return do


@pytest.fixture
def visit(live_server):
    def do(page, path):
        response = page.goto(live_server.url + path)
        return response

    return do


@pytest.fixture
def no_js_page(browser, browser_context_args):
    """A page in a browser with JavaScript switched off."""
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def _forget_limits_and_used_codes(transactional_db):
    """The shared cache is a table that flushing the database between browser tests leaves alone: one test's
    wrong passwords (counted per client, and every browser test is 127.0.0.1) and used two-factor codes must
    not refuse the next test's sign-in."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
