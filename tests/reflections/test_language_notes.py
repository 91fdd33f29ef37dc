"""The language lens in the participant journey: off unless the facilitator switches it on for the round (and
audited when they do); when on, a full save comes back once with gentle notes beside the words, each phrase once
a page, by the organisation's list; never blocking, never on autosave; the next round keeps the setting."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from coreflect.audit.models import AuditEvent, Kind
from coreflect.language import services as language_services
from coreflect.reflections import services
from coreflect.reflections.models import Response, RoundStatus

from .conftest import Visitor, make_round
from .test_round_settings import edit

DEFICIT = "Our service users run the garden club."


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def lens_round(open_round):
    open_round.language_lens = True
    open_round.save(update_fields=["language_lens"])
    return open_round


@pytest.fixture
def lens_visitor(lens_round):
    visitor = Visitor(lens_round)
    visitor.join()
    return visitor


def test_the_lens_is_off_for_participants_unless_the_facilitator_switches_it_on(client_for, fran, open_round):
    assert not open_round.language_lens
    form = client_for(fran).get(reverse("reflections:create")).content.decode()
    assert 'name="language_lens"' in form and "checked" not in form.split('name="language_lens"')[1].split(">")[0]
    visitor = Visitor(open_round)
    visitor.join()
    response = visitor.answer("people-as-assets", stage="basics", evidence=DEFICIT)
    assert response.status_code == 302 and response["Location"] == visitor.url("tasks")


def test_switching_the_lens_on_is_saved_shown_and_audited(client_for, fran, open_round):
    page = text(edit(client_for(fran), open_round, language_lens="on"))
    assert "Round details saved" in page and "On: people taking part see notes about deficit language" in page
    open_round.refresh_from_db()
    assert open_round.language_lens
    event = AuditEvent.objects.filter(kind=Kind.ROUND_CHANGED, target_id=open_round.pk).latest("pk")
    assert event.changes["language_lens"] == [False, True]
    assert 'name="language_lens"' in (
        edit_page := client_for(fran).get(reverse("reflections:edit", args=[open_round.pk])).content.decode()
    )
    assert "checked" in edit_page.split('name="language_lens"')[1].split(">")[0]
    assert "Off: people taking part" in text(edit(client_for(fran), open_round))  # unticked is off again


def test_a_save_comes_back_once_with_notes_beside_the_words_and_is_saved(lens_visitor):
    response = lens_visitor.answer(
        "people-as-assets", stage="basics", evidence=DEFICIT, reflections="Service users and staff share lunch."
    )
    page = text(response)
    assert response.status_code == 200
    assert "Your answers are saved" in page
    assert "you wrote “service users”" in page and 'href="#id_evidence"' in page
    assert page.count("you wrote “") == 1  # the same phrase in the reflections is not pointed out again
    assert "people who draw on care and support" in page.lower()
    assert f'href="{lens_visitor.url("tasks")}">carry on</a>' in page
    assert DEFICIT in page  # what they typed is still in the box
    saved = Response.objects.get()
    assert saved.evidence == DEFICIT and saved.completed
    assert '<input type="hidden" name="noted" value="service-users" form="answers">' in page


def test_saving_again_with_nothing_new_goes_on_and_something_new_is_pointed_out(lens_visitor):
    lens_visitor.answer("people-as-assets", stage="basics", evidence=DEFICIT)
    again = lens_visitor.answer("people-as-assets", stage="basics", evidence=DEFICIT, noted=["service-users"])
    assert again.status_code == 302 and again["Location"] == lens_visitor.url("tasks")
    more = DEFICIT + " We let them choose the plants."
    page = text(lens_visitor.answer("people-as-assets", stage="basics", evidence=more, noted=["service-users"]))
    assert "you wrote “let them”" in page and "you wrote “service users”" not in page
    assert 'value="service-users"' in page and 'value="let-them"' in page  # both are carried to the next save


def test_come_back_later_carries_on_to_the_private_link_page(lens_visitor):
    response = lens_visitor.answer("people-as-assets", stage="basics", evidence=DEFICIT, action="later")
    assert f'href="{lens_visitor.url("later")}">carry on</a>' in text(response)


def test_an_answer_with_no_phrases_goes_on_as_usual(lens_visitor):
    response = lens_visitor.answer("people-as-assets", stage="basics", evidence="People who draw on care run it.")
    assert response.status_code == 302


def test_the_organisations_switched_off_and_own_entries_are_used(lens_visitor, riverside, alice):
    language_services.switch_off(riverside, "service-users", "We say it with people's agreement", alice)
    language_services.add_own_entry(
        riverside,
        {
            "theme": "power",
            "words_en": "punters",
            "words_cy": "",
            "why_en": "We are not a firm of solicitors.",
            "why_cy": "",
            "instead_en": "people",
            "instead_cy": "",
        },
        alice,
    )
    page = text(lens_visitor.answer("people-as-assets", stage="basics", evidence=DEFICIT + " Our punters agree."))
    assert "you wrote “punters”" in page and "We are not a firm of solicitors." in page
    assert "service users”" not in page


def test_autosave_never_brings_notes(lens_visitor):
    response = lens_visitor.client.post(
        lens_visitor.url("principle", "people-as-assets"), {"evidence": DEFICIT}, headers={"X-Autosave": "1"}
    )
    assert response.json() == {"saved": True}


def test_bad_input_keeps_the_phrases_already_noted(lens_visitor):
    response = lens_visitor.answer("people-as-assets", stage="no-such-stage", evidence=DEFICIT, noted=["service-users"])
    page = text(response)
    assert "There is a problem" in page and 'value="service-users"' in page and "you wrote" not in page


def test_notes_are_in_welsh_on_welsh_pages(lens_visitor):
    try:
        response = lens_visitor.client.post(
            "/cy" + lens_visitor.url("principle", "people-as-assets"),
            {"action": "continue", "stage": "basics", "evidence": DEFICIT},
        )
        page = text(response)
    finally:
        translation.deactivate()
    assert response.status_code == 200 and '<html lang="cy"' in page
    assert "“service users”" in page and "pobl sy'n" in page.lower()


@pytest.mark.parametrize("lens_on", [False, True])
def test_saving_runs_a_fixed_number_of_queries_with_the_lens_on_or_off(
    open_round, lens_on, django_assert_max_num_queries
):
    open_round.language_lens = lens_on
    open_round.save(update_fields=["language_lens"])
    visitor = Visitor(open_round)
    visitor.join()
    ticks = [f"social-networks-{n}" for n in range(1, 16)]
    with django_assert_max_num_queries(18 if lens_on else 16):
        response = visitor.answer("social-networks", stage="basics", ticked=ticks, evidence=DEFICIT * 20)
    assert response.status_code == (200 if lens_on else 302)


def test_the_next_round_keeps_the_setting(riverside, alice):
    closed = make_round(riverside, alice, status=RoundStatus.CLOSED)
    closed.language_lens = True
    closed.save(update_fields=["language_lens"])
    next_round, _made = services.start_next_round(closed, created_by=alice)
    assert next_round.language_lens
