"""The workshop in Welsh: a phone that joins under /cy/ stays in Welsh, its polled fragment included (the
fragment's address is reversed in the page's language, and a Welsh poll is never told an English fragment is
unchanged); the projector's fragment likewise; and the phone's cookie reaches its pages in either language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from coreflect.workshops import services
from coreflect.workshops.models import Step
from coreflect.workshops.phone_access import ATTENDEE_COOKIE

from .conftest import join_many
from .phones import Phone, text_of


@pytest.fixture(autouse=True)
def _english_again_afterwards():
    """A request under /cy/ leaves Welsh active in the test's thread: the tests after this one start in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


class WelshPhone(Phone):
    """A phone whose person chose Cymraeg: every address it uses is under /cy/."""

    language = "cy"

    def url(self, name, *args):
        with translation.override(self.language):
            return super().url(name, *args)


class EnglishPhone(WelshPhone):
    """A phone in English, at the plain addresses (whatever language the last request left active)."""

    language = "en-gb"


def live_url_on(page: str) -> str:
    return re.search(r'data-live-url="([^"]+)"', page).group(1).replace("&amp;", "&")


def test_a_phone_on_cy_polls_a_welsh_fragment(workshop):
    phone = WelshPhone(workshop).join("frontline")
    assert phone.url("page") == f"/cy/w/{workshop.code}/"
    page = phone.page()
    assert '<html lang="cy"' in page.content.decode()
    assert "Croeso i'r gweithdy" in text_of(page)
    live = live_url_on(page.content.decode())
    assert live.startswith(f"/cy/w/{workshop.code}/live/")
    fragment = phone.client.get(live)
    assert fragment.status_code == 200
    assert "Mae 1 person wedi ymuno hyd yma." in text_of(fragment)
    assert "joined" not in text_of(fragment)


def test_a_welsh_fragment_says_when_the_room_moves_on_in_welsh(workshop, principle):
    phone = WelshPhone(workshop).join("frontline")
    services.go_to(workshop, Step.VOTING, principle)
    page = phone.page().content.decode()
    live = live_url_on(page)
    assert "Anfon fy mhleidlais" in page
    counting = text_of(phone.client.get(live))
    assert "Mae 0 o bobl wedi pleidleisio hyd yma." in counting
    services.go_to(workshop, Step.REVEALED, principle)
    moved = phone.client.get(live)
    assert "Mae'r ystafell wedi symud ymlaen" in text_of(moved)
    # Its link back goes to the Welsh page, not the English one.
    assert f'href="/cy/w/{workshop.code}/"' in moved.content.decode()


def test_an_english_fragments_etag_never_answers_a_welsh_poll(workshop):
    english = EnglishPhone(workshop).join("frontline")
    welsh = WelshPhone(workshop).join("manager")
    assert english.url("live") == f"/w/{workshop.code}/live/"
    english_fragment = english.client.get(english.url("live") + "?state=welcome.0")
    assert "2 people have joined so far." in text_of(english_fragment)
    again = welsh.client.get(
        welsh.url("live") + "?state=welcome.0", headers={"if-none-match": english_fragment["ETag"]}
    )
    assert again.status_code == 200
    assert "Mae 2 o bobl wedi ymuno hyd yma." in text_of(again)


def test_the_projector_on_cy_polls_a_welsh_fragment(client_for, bob, workshop, principle):
    join_many(workshop, {"frontline": 2})
    client = client_for(bob)
    with translation.override("cy"):
        projector = reverse("workshops:projector", args=[workshop.pk])
    page = client.get(projector).content.decode()
    assert "Ymunwch ar eich ffôn yn" in page
    live = live_url_on(page)
    assert live == f"/cy/workshops/{workshop.pk}/projector/live/"
    services.go_to(workshop, Step.VOTING, principle)
    fragment = client.get(live)
    assert fragment.status_code == 200
    assert "Mae 0 o bobl wedi pleidleisio" in text_of(fragment)


def test_the_phones_cookie_covers_its_workshops_pages_in_each_language(workshop):
    """The English | Cymraeg switch takes a phone from /w/<code>/ to /cy/w/<code>/: its token must go there too,
    or the phone would be sent to join again and counted twice."""
    phone = EnglishPhone(workshop)
    perspective = workshop.round.perspectives.get(key="frontline")
    response = phone.client.post(phone.url("join-code"), {"perspective": perspective.pk})
    cookies = [morsel.output(header="").strip() for morsel in response.cookies.values()]  # each a Set-Cookie
    mine = [cookie for cookie in cookies if cookie.startswith(f"{ATTENDEE_COOKIE}=")]
    assert sorted(re.search(r"Path=([^;]+)", cookie).group(1) for cookie in mine) == [
        f"/cy/w/{workshop.code}/",
        f"/w/{workshop.code}/",
    ]
    assert all("HttpOnly" in cookie and "SameSite=Lax" in cookie for cookie in mine)
    assert len({cookie.split(";")[0] for cookie in mine}) == 1  # the one token
