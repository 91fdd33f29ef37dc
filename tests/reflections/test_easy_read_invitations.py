"""Easy Read for people who start from a personal invitation, and every other way into a journey keeping the
wording chosen: the poster's Easy Read QR code, the "come back later" private link, a used invitation."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coreflect.reflections import invitations
from coreflect.reflections.models import Participant

from .conftest import Visitor, make_round
from .easy_read import add_easy_read, remove_easy_read

pytestmark = pytest.mark.django_db

EASY = "wording=easy-read"
CHOICE = "You can read this reflection in Easy Read: short sentences, with pictures."


@pytest.fixture
def easy_round(riverside, alice):
    add_easy_read()
    return make_round(riverside, alice)


class Invited:
    """A browser holding a personal link, reduced to a test client: opens it, chooses a wording, starts."""

    def __init__(self, round_, perspective_key="frontline", prefix=""):
        self.round, self.client, self.prefix = round_, Client(), prefix
        perspective = round_.perspectives.get(key=perspective_key)
        self.token = invitations.make_links(round_, perspective, 1)[0]

    def url(self, name, *args):
        with translation.override("en-gb"):  # a Welsh page leaves Welsh on for this thread: the prefix says it
            return self.prefix + reverse(f"journey:{name}", args=[self.round.link_code, *args])

    def open(self, query=""):
        response = self.client.get(self.url("invited-link", self.token) + query)
        assert response.status_code == 302, response.status_code
        return response

    def page(self, address):
        response = self.client.get(address)
        assert response.status_code == 200, response.status_code
        return response.content.decode()

    def choose(self, chosen):
        """Press the wording switch on the invitation page, as a browser would with JavaScript off."""
        response = self.client.post(self.url("wording"), {"wording": chosen, "next": self.url("invited")})
        assert response.status_code == 302
        return response["Location"]

    def start(self, address, **data):
        response = self.client.post(address, data)
        assert response.status_code == 302, response.content.decode()[:400]
        assert response["Location"] == self.url("tasks")
        return response


def test_choosing_easy_read_on_the_invitation_page_starts_the_journey_in_easy_read(easy_round):
    invited = Invited(easy_round)
    page = invited.page(invited.open()["Location"])
    assert CHOICE in page and ">Easy Read</button>" in page
    chosen = invited.choose("easy-read")
    assert chosen == invited.url("invited") + f"?{EASY}"
    page = invited.page(chosen)
    assert "You are reading the Easy Read version." in page and "coreflect-easy-read" in page
    assert "Your personal invitation" in page and "Frontline worker" in page
    # Start now keeps the choice, in the form's own address (no JavaScript needed).
    assert f'<form method="post" action="{invited.url("invited")}?{EASY}" novalidate>' in page
    assert not Participant.objects.exists()

    invited.start(chosen)
    participant = Participant.objects.get()
    assert participant.easy_read and participant.perspective.key == "frontline"
    tasks = invited.page(invited.url("tasks"))
    assert "Easy title of people-as-assets" in tasks and "You are reading the Easy Read version." in tasks
    first = invited.page(invited.url("principle", "people-as-assets"))
    assert "Easy about people-as-assets. One idea at a time." in first
    assert "Easy statement people-as-assets-1" in first


def test_the_standard_choice_starts_in_the_standard_wording(easy_round):
    invited = Invited(easy_round)
    invited.open()
    invited.choose("easy-read")
    chosen = invited.choose("standard")  # changed their mind
    assert chosen == invited.url("invited")
    page = invited.page(chosen)
    assert "You are reading the Easy Read version." not in page and "coreflect-easy-read" not in page
    invited.start(chosen)
    assert Participant.objects.get().easy_read is False
    tasks = invited.page(invited.url("tasks"))
    assert "Easy title" not in tasks and ">Easy Read</button>" in tasks


def test_without_choosing_an_invitation_starts_in_the_standard_wording(easy_round):
    invited = Invited(easy_round)
    invited.start(invited.open()["Location"])
    assert Participant.objects.get().easy_read is False
    assert "Easy title" not in invited.page(invited.url("principle", "people-as-assets"))


def test_a_framework_without_easy_read_offers_no_choice_on_the_invitation_page(open_round):
    remove_easy_read(open_round.framework_version.framework.slug)
    invited = Invited(open_round)
    invited.open()
    page = invited.page(invited.url("invited"))
    assert "Easy Read" not in page and "Your personal invitation" in page
    # Asking for it in the address changes nothing: the journey starts in the only wording there is.
    asked = invited.url("invited") + f"?{EASY}"
    assert "Easy Read" not in invited.page(asked)
    invited.start(asked)
    assert Participant.objects.get().easy_read is False


def test_a_named_round_asks_the_name_again_in_easy_read_and_keeps_the_choice(riverside, alice):
    add_easy_read()
    named = make_round(riverside, alice, anonymous=False, title="Named round")
    invited = Invited(named)
    invited.open()
    chosen = invited.choose("easy-read")
    response = invited.client.post(chosen, {"name": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter your name" in page
    assert "You are reading the Easy Read version." in page
    assert f'action="{invited.url("invited")}?{EASY}"' in page
    invited.start(chosen, name="Amira Khan")
    participant = Participant.objects.get()
    assert participant.easy_read and participant.name == "Amira Khan"


def test_a_personal_link_given_in_easy_read_opens_the_invitation_in_easy_read(easy_round):
    invited = Invited(easy_round)
    opened = invited.open(f"?{EASY}")
    assert opened["Location"] == invited.url("invited") + f"?{EASY}"
    assert invited.token not in opened["Location"]
    assert "You are reading the Easy Read version." in invited.page(opened["Location"])


def test_in_welsh_the_invitation_offers_easy_read_in_english_and_keeps_it(easy_round):
    invited = Invited(easy_round, prefix="/cy")
    try:
        opened = invited.open()
        assert opened["Location"] == invited.url("invited")
        page = invited.page(opened["Location"])
        assert '<html lang="cy"' in page
        assert "Easy Read (in English)" in page or "Hawdd ei Ddeall (yn Saesneg)" in page
        chosen = invited.choose("easy-read")
        assert chosen == invited.url("invited") + f"?{EASY}"
        page = invited.page(chosen)
        assert "You are reading the Easy Read version (in English)." in page or "Saesneg" in page
        invited.start(chosen)
        assert Participant.objects.get().easy_read
        first = invited.page(invited.url("principle", "people-as-assets"))
        assert '<html lang="cy"' in first
        assert '<h1 class="govuk-heading-l" lang="en">Easy title of people-as-assets</h1>' in first
    finally:
        translation.deactivate()  # the Welsh pages leave Welsh on for this thread


def test_a_used_invitation_resumes_in_the_wording_chosen(easy_round):
    invited = Invited(easy_round)
    invited.open()
    invited.start(invited.choose("easy-read"))
    again = invited.client.get(invited.url("invited-link", invited.token))
    assert again["Location"] == invited.url("tasks")
    assert "Easy title of people-as-assets" in invited.page(again["Location"])


def test_the_private_link_resumes_in_the_wording_chosen_on_another_device(easy_round):
    invited = Invited(easy_round)
    invited.open()
    invited.start(invited.choose("easy-read"))
    later = invited.page(invited.url("later"))
    resume = later.split('id="resume-link">', 1)[1].split("<", 1)[0]
    other_device = Client()
    response = other_device.get(resume)
    assert response.status_code == 302 and response["Location"] == invited.url("tasks")
    tasks = other_device.get(response["Location"]).content.decode()
    assert "Easy title of people-as-assets" in tasks and "coreflect-easy-read" in tasks


def test_the_private_link_resumes_in_the_standard_wording_when_that_was_chosen(easy_round):
    visitor = Visitor(easy_round)
    visitor.join()
    other_device = Client()
    other_device.get(visitor.resume_link())
    tasks = other_device.get(visitor.url("tasks")).content.decode()
    assert "Easy title" not in tasks and ">Easy Read</button>" in tasks


def test_the_posters_easy_read_qr_code_starts_the_journey_in_easy_read(easy_round, client_for, fran):
    """The Easy Read poster's QR code opens the start page with `?wording=easy-read`; Start now and the
    perspective page keep it, so the person starts in Easy Read without pressing the switch."""
    poster = client_for(fran).get(reverse("reflections:poster", args=[easy_round.pk]), {"wording": "easy-read"})
    visitor = Visitor(easy_round)
    qr_address = visitor.url("start") + f"?{EASY}"
    assert f'{qr_address}"' in poster.content.decode()
    start = visitor.client.get(qr_address).content.decode()
    assert "You are reading the Easy Read version." in start
    assert f'href="{visitor.url("perspective")}?{EASY}"' in start
    perspective = visitor.client.get(visitor.url("perspective") + f"?{EASY}").content.decode()
    assert "You are reading the Easy Read version." in perspective
    assert '<form method="post" novalidate>' in perspective  # posts to its own address, the choice in it
    chosen = easy_round.perspectives.get(key="family-carer")
    response = visitor.client.post(visitor.url("perspective") + f"?{EASY}", {"perspective": chosen.pk})
    assert response.status_code == 302
    assert Participant.objects.get().easy_read


def test_the_invitation_page_in_easy_read_runs_no_more_queries(easy_round, django_assert_max_num_queries):
    invited = Invited(easy_round)
    invited.open()
    invited.client.get(invited.url("invited"))  # the framework version's Easy Read check is kept per process
    with django_assert_max_num_queries(4):
        assert invited.client.get(invited.url("invited") + f"?{EASY}").status_code == 200
    with django_assert_max_num_queries(3):
        assert invited.open(f"?{EASY}").status_code == 302
