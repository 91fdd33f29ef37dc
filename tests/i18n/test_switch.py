"""The "English | Cymraeg" switch in every page's header: the current language as text, the other as a link
to the same page in it (same path without or with /cy/, same query string), and <html lang> saying which."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="govuk-language-navigation[^"]*" aria-label="([^"]+)">(.*?)</nav>', re.S)


def switch(response) -> tuple[str, dict[str, str], str]:
    """(the nav's label, {language: link} for the links, the current language's text) from a page."""
    label, nav = NAV.search(response.content.decode()).groups()
    links = dict((lang, href) for href, lang in re.findall(r'<a [^>]*href="([^"]*)"[^>]*\blang="([^"]+)"', nav))
    current = re.search(r'<span [^>]*aria-current="true" lang="([^"]+)">([^<]+)</span>', nav)
    return label, links, f"{current.group(1)}:{current.group(2)}"


def html_lang(response) -> str:
    return re.search(r"<html lang=\"([^\"]+)\"", response.content.decode()).group(1)


def test_an_english_page_links_to_the_same_page_in_welsh_and_back(client):
    english = client.get("/privacy/?from=poster&x=1")
    assert html_lang(english) == "en-gb"
    label, links, current = switch(english)
    assert (label, current) == ("Language", "en:English")
    assert links == {"cy": "/cy/privacy/?from=poster&amp;x=1"}

    welsh = client.get("/cy/privacy/?from=poster&x=1")
    assert welsh.status_code == 200
    assert html_lang(welsh) == "cy"
    label, links, current = switch(welsh)
    assert (label, current) == ("Iaith", "cy:Cymraeg")
    assert links == {"en": "/privacy/?from=poster&amp;x=1"}
    assert client.get("/privacy/?from=poster&x=1").status_code == 200


def test_the_switch_names_each_language_in_itself_with_lang_and_hreflang(client):
    page = client.get("/").content.decode()
    assert (
        '<a class="govuk-language-navigation__link" href="/cy/" rel="alternate" lang="cy" hreflang="cy">Cymraeg</a>'
        in page
    )
    welsh = client.get("/cy/").content.decode()
    assert (
        '<a class="govuk-language-navigation__link" href="/" rel="alternate" lang="en" hreflang="en">English</a>'
        in welsh
    )


def test_participants_pages_and_error_pages_have_the_switch_too(client):
    missing = client.get("/cy/no-such-page/")
    assert missing.status_code == 404
    assert html_lang(missing) == "cy"
    assert switch(missing)[1] == {"en": "/no-such-page/"}


@pytest.mark.parametrize("name", ["home", "accounts:sign-in", "accounts:password-reset", "privacy", "cookies"])
def test_following_the_switch_keeps_the_page(client, name):
    with translation.override("en-gb"):  # a request earlier in the process may have left Welsh active
        english_path = reverse(name)
    with translation.override("cy"):
        welsh_path = reverse(name)
    assert welsh_path == "/cy" + english_path
    english = client.get(english_path)
    to_welsh = switch(english)[1]["cy"]
    assert to_welsh == welsh_path
    welsh = client.get(to_welsh)
    assert welsh.status_code == 200 and html_lang(welsh) == "cy"
    assert switch(welsh)[1]["en"] == english_path


def test_a_form_posted_in_welsh_redirects_to_a_welsh_page(client):
    response = client.post("/cy/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith("/cy/")


def test_a_journey_cookie_is_set_at_the_rounds_pages_in_both_languages():
    from django.http import HttpResponse

    from coreflect import languages

    response = HttpResponse()
    languages.set_cookie(response, "journey", "secret", page="journey:start", args=["Ab3"], httponly=True)
    headers = sorted(morsel.OutputString() for morsel in response.cookies.values())
    assert headers == ["journey=secret; HttpOnly; Path=/cy/r/Ab3/", "journey=secret; HttpOnly; Path=/r/Ab3/"]
    response = HttpResponse()
    languages.delete_cookie(response, "journey", page="journey:start", args=["Ab3"])
    assert sorted(morsel["path"] for morsel in response.cookies.values()) == ["/cy/r/Ab3/", "/r/Ab3/"]
    assert all(morsel["max-age"] == 0 for morsel in response.cookies.values())
