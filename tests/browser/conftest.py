"""Browser helpers: sign a named person into a Playwright page, visit live-server pages."""

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
