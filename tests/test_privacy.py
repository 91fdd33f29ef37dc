"""The privacy notice tells people, before they take part, what an anonymous reflection keeps and who sees it."""

import re

import pytest
from django.urls import reverse


@pytest.fixture
def notice(client, db):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    return html, " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_anyone_can_read_the_notice_without_signing_in(client, db):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert "Privacy notice" in response.content.decode()


def test_it_says_what_an_anonymous_reflection_keeps_and_does_not_keep(notice):
    _html, text = notice
    assert "we keep the perspective you choose and your answers" in text
    assert "we do not keep your name, email address, internet (IP) address or details about your device" in text
    assert "we keep the date of your answers, not the time" in text


def test_it_says_small_groups_are_hidden_and_results_come_in_batches(notice):
    _html, text = notice
    assert "results about groups smaller than 5 people are never shown on their own" in text
    assert "results are released in batches" in text
    assert "everything is shown when the reflection closes" in text


def test_it_says_what_people_can_do_and_what_cannot_be_protected(notice):
    _html, text = notice
    assert "change your answers, even after you have sent them" in text
    assert "delete all your answers" in text
    assert "Someone watching you type, or looking at your screen, can see your answer." in text
    assert "do not include your internet (IP) address or your private link" in text


def test_the_short_version_links_to_the_fuller_explanation_on_the_same_page(notice):
    html, _text = notice
    assert '<a class="govuk-link" href="#taking-part">Read more about how your answers are kept private</a>' in html
    assert 'id="taking-part"' in html
