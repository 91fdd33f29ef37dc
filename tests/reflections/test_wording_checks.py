"""Welsh and Easy Read wording awaiting review, in a round: facilitators see the mark when choosing a framework,
on the round's page and on its paper version; participants never see it."""

import datetime

import pytest
from django.urls import reverse

from coreflect.frameworks import checks, services
from tests.frameworks.test_wording_checks import english_copy
from tests.reflections.conftest import Visitor, make_round


@pytest.fixture
def welsh_copy(riverside, alice):
    copy = english_copy(riverside, "how-are-you-doing-2011", "riverside-cymraeg")
    services.save_wording(copy, "details", {"title__cy": "Sut rydyn ni’n gwneud?"}, created_by=alice)
    copy.refresh_from_db()
    return copy


@pytest.fixture
def welsh_round(riverside, alice, welsh_copy):
    return make_round(riverside, alice, framework_version=welsh_copy.current_version)


def test_the_framework_choice_marks_versions_awaiting_review(client_for, fran, welsh_copy):
    page = client_for(fran).get(reverse("reflections:create")).content.decode()
    assert f"{welsh_copy.current_version.title} (version 2) – Welsh awaiting review" in page


def test_the_rounds_page_and_paper_version_mark_it_until_it_is_checked(client_for, fran, alice, riverside, welsh_round):
    client = client_for(fran)
    for url in (
        reverse("reflections:detail", args=[welsh_round.pk]),
        reverse("reflections:printable", args=[welsh_round.pk]),
    ):
        assert "Welsh: awaiting review" in client.get(url).content.decode()
    checks.record_check(
        riverside,
        welsh_round.framework_version,
        "cy",
        checked_by="Our Welsh language officer",
        checked_on=datetime.date(2026, 12, 1),
        recorded_by=alice,
    )
    page = client.get(reverse("reflections:detail", args=[welsh_round.pk])).content.decode()
    assert "Welsh checked by Our Welsh language officer on 1 December 2026" in page
    assert "awaiting review" not in page


def test_viewers_do_not_see_the_mark_on_the_rounds_page(client_for, bob, welsh_round):
    assert (
        "awaiting review"
        not in client_for(bob).get(reverse("reflections:detail", args=[welsh_round.pk])).content.decode()
    )


def test_participants_never_see_the_mark(welsh_round, client_for, fran):
    visitor = Visitor(welsh_round)
    pages = [visitor.client.get(visitor.url("start")).content.decode()]
    visitor.join()
    key = welsh_round.framework_version.principles[0]["key"]
    for name, args in (("tasks", []), ("principle", [key]), ("check", [])):
        response = visitor.client.get(visitor.url(name, *args))
        assert response.status_code == 200
        pages.append(response.content.decode())
    # A facilitator trying the journey themselves sees what participants see.
    pages.append(client_for(fran).get(visitor.url("start")).content.decode())
    for page in pages:
        assert "awaiting review" not in page
        assert "not yet checked" not in page


def test_the_rounds_page_runs_a_fixed_number_of_queries(client_for, fran, welsh_round, django_assert_max_num_queries):
    client = client_for(fran)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("reflections:detail", args=[welsh_round.pk])).status_code == 200
