"""The reflections app in Welsh: the participant journey under /cy/, perspectives in the reader's language, the
facilitator's round form and the poster."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from coreflect.reflections.models import Perspective

from .conftest import Visitor, make_round


@pytest.fixture(autouse=True)
def _english_again_afterwards():
    """A Welsh page leaves Welsh active in this thread (the test client runs the request here): later tests
    expect English."""
    yield
    translation.deactivate()


def welsh(path: str) -> str:
    """The Welsh address of an English one (after a Welsh page, reverse() itself may already give /cy/)."""
    return path if path.startswith("/cy/") else "/cy" + path


def english(url_of, *args) -> str:
    with translation.override("en-gb"):
        return url_of(*args)


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_participant_can_go_through_the_journey_in_welsh(visitor):
    client, round_ = visitor.client, visitor.round
    start = text(client.get(welsh(visitor.url("start"))))
    assert '<html lang="cy"' in start
    assert "Dechrau nawr" in start and "Start now" not in start
    assert "Pwy fydd yn gweld eich atebion" in start and "Who will see your answers" not in start

    about_you = text(client.get(welsh(visitor.url("perspective"))))
    assert "Pa un o'r rhain sy'n eich disgrifio orau?" in about_you
    joined = client.post(welsh(visitor.url("perspective")), {"perspective": round_.perspectives.first().pk})
    assert joined["Location"] == welsh(visitor.url("tasks"))

    tasks = text(client.get(joined["Location"]))
    parts = len(round_.framework_version.principles)
    assert f"Rydych chi wedi cwblhau 0 o {parts} rhan." in tasks and "Gwirio ac anfon eich atebion" in tasks

    key = round_.framework_version.principles[0]["key"]
    too_long = text(client.post(welsh(visitor.url("principle", key)), {"action": "continue", "evidence": "x" * 5001}))
    assert "Mae problem wedi codi" in too_long and "There is a problem" not in too_long
    assert "nod neu lai – byrhewch ef ychydig a'i gadw eto" in too_long
    assert "x" * 5001 in too_long  # nothing typed is lost

    client.post(welsh(visitor.url("principle", key)), {"action": "continue", "stage": "basics"})
    check = text(client.get(welsh(visitor.url("check"))))
    assert "Gwirio eich atebion" in check and "Anfon fy atebion" in check and "Send my answers" not in check
    sent = client.post(welsh(visitor.url("check")), follow=True)
    assert "Diolch – mae eich atebion wedi'u hanfon" in text(sent)


def test_default_perspectives_are_shown_in_the_readers_language(riverside, alice):
    english_round = make_round(riverside, alice)
    visitor = Visitor(english_round)
    welsh_page = text(visitor.client.get(welsh(visitor.url("perspective"))))
    assert "Person sy'n cael gofal a chymorth" in welsh_page and "Gweithiwr rheng flaen" in welsh_page
    assert "Person who draws on care and support" not in welsh_page
    english_path = english(visitor.url, "perspective")
    assert "Person who draws on care and support" in text(visitor.client.get(english_path))

    with translation.override("cy"):
        welsh_round = make_round(riverside, alice, title="Gwasanaethau dydd")
    assert Perspective.objects.filter(round=welsh_round, key="frontline").values_list("label", flat=True).get() == (
        "Gweithiwr rheng flaen"
    )
    other = Visitor(welsh_round)
    english_page = text(other.client.get(english(other.url, "perspective")))
    assert "Frontline worker" in english_page and "Gweithiwr rheng flaen" not in english_page


def test_wording_an_organisation_chose_stays_as_it_is_in_both_languages(riverside, alice):
    round_ = make_round(riverside, alice)
    Perspective.objects.filter(round=round_, key="frontline").update(label="Support worker at Riverside")
    visitor = Visitor(round_)
    for path in (english(visitor.url, "perspective"), welsh(visitor.url("perspective"))):
        assert "Support worker at Riverside" in text(visitor.client.get(path))


def test_the_round_form_and_the_poster_are_in_welsh(client_for, fran, open_round):
    client = client_for(fran)
    form = text(client.get(welsh(reverse("reflections:edit", args=[open_round.pk]))))
    assert f"{open_round.framework_version.title} (fersiwn 1)" in form and "(version 1)" not in form
    assert "Ar beth ydych chi'n myfyrio?" in form

    poster = text(client.get(welsh(reverse("reflections:poster", args=[open_round.pk]))))
    assert '<html lang="cy">' in poster
    assert "Dywedwch wrthym sut rydym yn gwneud wrth weithio gyda'n gilydd" in poster
    assert "Tell us how we are doing" not in poster


def test_switching_language_keeps_a_participants_place(visitor):
    """The participant's cookie covers the round's pages in both languages: someone who starts in English and
    switches to Cymraeg (or back) carries on where they were, and leaving deletes it from both."""
    client, round_ = visitor.client, visitor.round
    client.get(visitor.url("start"))
    joined = client.post(visitor.url("perspective"), {"perspective": round_.perspectives.first().pk})
    paths = sorted(morsel["path"] for morsel in joined.cookies.values() if morsel.key == "coreflect_participant")
    assert paths == sorted([visitor.url("start"), welsh(visitor.url("start"))])

    tasks_in_welsh = client.get(welsh(visitor.url("tasks")))
    assert tasks_in_welsh.status_code == 200  # not sent back to the start to join again
    assert round_.participants.count() == 1

    left = client.post(welsh(visitor.url("delete")))
    gone = [morsel for morsel in left.cookies.values() if morsel.key == "coreflect_participant"]
    assert sorted(morsel["path"] for morsel in gone) == paths
    assert all(morsel["max-age"] == 0 and morsel.value == "" for morsel in gone)
