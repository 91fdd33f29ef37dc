"""Rounds for the reflections tests: Riverside's open round on the 2011 tool, and helpers to take part."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from coreflect.frameworks.models import Framework
from coreflect.reflections import services
from coreflect.reflections.models import RoundStatus


def make_round(organisation, creator, slug="how-are-you-doing-2011", status=RoundStatus.OPEN, **overrides):
    fields = {
        "title": "Day services 2026",
        "subject_kind": "service",
        "subject_description": "Riverside day services for older people",
        "framework_version": Framework.objects.get(slug=slug).current_version,
        "anonymous": True,
        "threshold": 5,
        "opens_on": None,
        "closes_on": None,
        "perspectives": ["draws-on-support", "family-carer", "frontline", "manager"],
    }
    fields.update(overrides)
    round_ = services.create_round(organisation=organisation, created_by=creator, **fields)
    services.set_status(round_, status)
    return round_


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


@pytest.fixture
def hillside_round(hillside, carol):
    return make_round(hillside, carol, title="Hillside homes")


class Visitor:
    """A participant's browser, reduced to a test client: keeps their cookie between pages."""

    def __init__(self, round_):
        self.round = round_
        self.client = Client()
        self.code = round_.link_code

    def url(self, name, *args):
        return reverse(f"journey:{name}", args=[self.code, *args])

    def join(self, perspective_key="draws-on-support", **extra):
        perspective = self.round.perspectives.get(key=perspective_key)
        response = self.client.post(self.url("perspective"), {"perspective": perspective.pk, **extra})
        assert response.status_code == 302, response.content.decode()[:500]
        return response

    def answer(self, key, follow=False, **fields):
        data = {"action": "continue", **fields}
        return self.client.post(self.url("principle", key), data, follow=follow)

    def resume_link(self) -> str:
        page = self.client.get(self.url("later")).content.decode()
        return re.search(r'id="resume-link">([^<]+)<', page).group(1)


@pytest.fixture
def visitor(open_round):
    return Visitor(open_round)
