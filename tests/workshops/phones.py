"""A phone in the room, reduced to a test client: it keeps its cookie, and comes from its own address (the
wrong-code limit counts by address)."""

import html
import re

from django.test import Client
from django.urls import reverse

from coreflect.workshops import services
from coreflect.workshops.phone_access import ATTENDEE_COOKIE


class Phone:
    def __init__(self, workshop, address="198.51.100.7"):
        self.workshop = workshop
        self.client = Client(REMOTE_ADDR=address)

    def url(self, name, *args):
        return reverse(f"phone:{name}", args=[self.workshop.code, *args])

    def join(self, perspective_key="frontline"):
        perspective = self.workshop.round.perspectives.get(key=perspective_key)
        response = self.client.post(self.url("join-code"), {"perspective": perspective.pk})
        assert response.status_code == 302, response.content.decode()[:800]
        assert response["Location"] == self.url("page")
        return self

    @property
    def attendee(self):
        return services.attendee_for(self.workshop, self.client.cookies[ATTENDEE_COOKIE].value)

    def page(self):
        return self.client.get(self.url("page"))

    def post(self, name, *args, data=None, follow=False):
        return self.client.post(self.url(name, *args), data or {}, follow=follow)


def text_of(response) -> str:
    """What the page says, as one line of words (tags left out)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
