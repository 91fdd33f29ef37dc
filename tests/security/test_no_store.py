"""No page is kept in a browser's cache, so the next person at a shared computer cannot go Back to the last
person's answers, results or account; static files keep their long caching."""

import pytest
from django.urls import reverse

from tests.reflections.conftest import Visitor, make_round


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("name", ["reflections:list", "organisations:dashboard", "actions:plan"])
def test_signed_in_pages_are_never_stored(client_for, alice, name):
    response = client_for(alice).get(reverse(name))
    assert response.status_code == 200 and no_store(response)


def test_a_participants_pages_are_never_stored(riverside, alice):
    visitor = Visitor(make_round(riverside, alice))
    start = visitor.client.get(visitor.url("start"))
    assert start.status_code == 200 and no_store(start)
    visitor.join()
    page = visitor.client.get(visitor.url("tasks"))
    assert page.status_code == 200 and no_store(page)


def test_public_pages_and_errors_are_not_stored_either(client, db):
    assert no_store(client.get("/")) and no_store(client.get("/no-such-page/"))


def test_static_files_keep_their_caching(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from the source folders, as DEBUG does
    response = client.get(settings.STATIC_URL + "js/live.mjs")
    assert response.status_code == 200, "the test needs a static file that exists"
    assert not no_store(response)
