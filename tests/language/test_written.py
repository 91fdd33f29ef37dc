"""The language lens where staff write: after a save in the framework editor, an action, a progress note, an
outcome or a workshop's group view and dissent, the page the save leads to points out the phrases in the words
that save wrote, next to them, with why they matter and what to say instead. It never blocks a save, points a
phrase out once per page, and only on the page right after the save."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from coreflect.actions import services as actions
from coreflect.actions.models import Action
from coreflect.frameworks.models import Framework
from coreflect.language import services as language
from coreflect.language import written
from coreflect.workshops import queries as workshop_queries
from tests.language.test_pages import ENTRY

pytestmark = pytest.mark.django_db

WHY = "It names people by the service they use"  # the built-in entry for "service users"
INSTEAD = "people who draw on care and support"
WHY_CY = "Mae’n enwi pobl yn ôl y gwasanaeth"
INSTEAD_CY = "pobl sy’n cael gofal a chymorth"
NOTED = "The language lens noticed these words."


@pytest.fixture(autouse=True)
def _english_afterwards(settings):
    yield
    translation.activate(settings.LANGUAGE_CODE)


def notes_in(page: str) -> list[str]:
    """The words each note on the page points out, in order."""
    return re.findall(r'<mark class="coreflect-lens__mark">([^<]*)</mark>', page)


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


# The helper ---------------------------------------------------------------------------------------


def test_after_save_names_only_changed_fields_and_a_page_keeps_only_its_own(rf):
    assert written.after_save("/a/", []) == "/a/"
    assert written.after_save("/a/", ["how", "what"], "top") == "/a/?lens=how,what#top"
    request = rf.get("/a/", {"lens": "what,nonsense,what,\x00"})
    assert written.asked(request, ["what", "how"]) == ["what"]


def test_a_note_shows_the_words_in_their_sentence():
    fields = {"how": "We met the team. Then our service users told us. Later more."}
    (note,) = written.field_notes(fields, None)["how"]
    assert (note.before, note.words, note.after) == ("Then our ", "service users", " told us.")
    assert WHY in note.why and INSTEAD in note.suggestions


# The framework editor -----------------------------------------------------------------------------


def _copy(client):
    client.post(reverse("frameworks:copy", args=["how-are-you-doing-2011"]), {"title": "Riverside’s copy"})
    return Framework.objects.exclude(organisation=None).get()


def _wording(framework, section):
    from coreflect.frameworks.services import picture_fields, wording_fields

    document = framework.current_version.document
    values = {}
    for field in wording_fields(document, section):
        values |= {field["name"]: field["value"], f"{field['name']}__cy": field["cy"]}
        values[f"{field['name']}__easy_read"] = field["easy_read"]
    return values | {field["name"]: field["value"] for field in picture_fields(document, section)}


def test_the_framework_editor_notes_changed_wording_once_and_never_blocks(client_for, alice):
    client = client_for(alice)
    copy = _copy(client)
    url = reverse("frameworks:edit-section", args=[copy.slug, "reciprocity"])
    form = _wording(copy, "reciprocity")
    first, second = "principles__2__indicators__0__text", "principles__2__indicators__1__text"
    form[first] = "We ask service users what they bring."
    form[second] = "Service users lead the group."
    response = client.post(url, form)
    assert response.status_code == 302 and response["Location"] == f"{url}?lens={first},{second}"
    copy.refresh_from_db()
    assert copy.current_version.number == 2  # saved, words and all
    page = client.get(response["Location"]).content.decode()
    assert "Saved as version 2" in page
    assert notes_in(page) == ["service users"] and page.count(WHY) == 1 and INSTEAD in page
    # The note sits next to the field that has the words, after it.
    assert page.index(f'name="{first}"') < page.index(WHY) < page.index(f'name="{second}"')
    # Opening the editor again later shows no note.
    assert NOTED not in client.get(url).content.decode()


def test_the_framework_editor_shows_nothing_for_clean_wording_or_no_change(client_for, alice):
    client = client_for(alice)
    copy = _copy(client)
    url = reverse("frameworks:edit-section", args=[copy.slug, "reciprocity"])
    form = _wording(copy, "reciprocity")
    assert client.post(url, form)["Location"] == url  # nothing changed: nothing to look at
    form["principles__2__indicators__0__text"] = "People who draw on care and support lead the group."
    page = client.post(url, form, follow=True).content.decode()
    assert "Saved as version 2" in page and NOTED not in page


def test_the_framework_editor_costs_two_queries_more_only_after_a_save(client_for, alice):
    client = client_for(alice)
    copy = _copy(client)
    url = reverse("frameworks:edit-section", args=[copy.slug, "reciprocity"])
    field = "principles__2__indicators__0__text"
    form = _wording(copy, "reciprocity") | {field: "Service users lead."}
    after = client.post(url, form)["Location"]
    # The organisation's list: the entries it switched off and its own entries.
    assert queries_for(client, after) == queries_for(client, url) + 2


# Actions and progress notes -----------------------------------------------------------------------


def _action_form(round_, **overrides):
    data = {
        "what": "Ask service users to co-design the leaflet",
        "how": "Service users and staff meet monthly.",
        "owner": "",
        "owner_name": "Jo",
        "co_lead_name": "",
        "due_on_day": "",
        "due_on_month": "",
        "due_on_year": "",
        "principles": ["reciprocity"],
        "lens": "",
        "status": "not_started",
        "dropped_reason": "",
        "version": "",
    }
    return data | overrides


def test_an_action_is_saved_and_its_phrase_noted_once(client_for, fran, round_):
    client = client_for(fran)
    response = client.post(reverse("actions:create") + f"?round={round_.pk}", _action_form(round_))
    action = Action.objects.get()  # saved, never blocked
    assert response["Location"] == reverse("actions:detail", args=[action.pk]) + "?lens=what,how"
    page = client.get(response["Location"]).content.decode()
    assert notes_in(page) == ["service users"] and page.count(WHY) == 1 and INSTEAD in page
    assert NOTED not in client.get(reverse("actions:detail", args=[action.pk])).content.decode()


def test_changing_an_action_notes_only_what_the_change_wrote(client_for, fran, round_):
    client = client_for(fran)
    client.post(reverse("actions:create") + f"?round={round_.pk}", _action_form(round_, how=""))
    action = Action.objects.get()
    edit = reverse("actions:edit", args=[action.pk])
    data = _action_form(round_, how="We let them choose the date.", version=str(action.version))
    page = client.post(edit, data, follow=True).content.decode()
    assert "Action saved." in page
    assert notes_in(page) == ["let them"]  # "service users" in the unchanged title is not pointed out again
    data = _action_form(round_, how="People choose the date.", version=str(action.version + 1))
    page = client.post(edit, data, follow=True).content.decode()
    assert "Action saved." in page and NOTED not in page


def test_a_progress_note_is_noted_next_to_it(client_for, fran, round_, riverside):
    action = actions.create_action(
        organisation=riverside, created_by=fran, round=round_, principles=[], what="Leaflet", owner_name="Jo"
    )
    client = client_for(fran)
    response = client.post(reverse("actions:note", args=[action.pk]), {"text": "Met the service users today."})
    note = action.notes.get()
    assert response["Location"].endswith(f"?lens=note-{note.pk}#note-{note.pk}")
    page = client.get(response["Location"]).content.decode()
    assert notes_in(page) == ["service users"]
    assert page.index(f'id="note-{note.pk}"') < page.index(WHY)
    clean = client.post(reverse("actions:note", args=[action.pk]), {"text": "Met the people."}, follow=True)
    assert NOTED not in clean.content.decode()


def test_the_action_page_costs_two_queries_more_only_after_a_save(client_for, fran, round_):
    client = client_for(fran)
    response = client.post(reverse("actions:create") + f"?round={round_.pk}", _action_form(round_))
    plain = reverse("actions:detail", args=[Action.objects.get().pk])
    client.get(plain)
    assert queries_for(client, response["Location"]) == queries_for(client, plain) + 2


# Outcomes -----------------------------------------------------------------------------------------


def _outcome(action, **overrides):
    data = {
        "we_asked": "How well do we value what people bring?",
        "you_said": "Nobody asks what I am good at.",
        "we_did": "We opened a skills swap café in the library.",
        "review_on_day": "",
        "review_on_month": "",
        "review_on_year": "",
        "version": str(action.version),
    }
    return data | overrides


def test_an_outcome_is_saved_and_noted_once_next_to_its_part(client_for, fran, action):
    client = client_for(fran)
    data = _outcome(action, we_asked="How do we treat service users?", we_did="Service users now run the café.")
    response = client.post(reverse("results:outcome", args=[action.pk]), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.we_did == "Service users now run the café."
    page = client.get(response["Location"]).content.decode()
    assert notes_in(page) == ["service users"] and page.count(WHY) == 1
    assert page.index("How do we treat service users?") < page.index(WHY) < page.index("Service users now run")


def test_a_clean_outcome_shows_no_note(client_for, fran, action):
    page = client_for(fran).post(reverse("results:outcome", args=[action.pk]), _outcome(action), follow=True)
    assert "Outcome saved." in page.content.decode() and NOTED not in page.content.decode()


def test_switched_off_entries_are_not_noted_and_own_entries_are(client_for, fran, alice, riverside, action):
    language.switch_off(riverside, "service-users", "We agreed to keep it for now", by=alice)
    language.add_own_entry(riverside, ENTRY, by=alice)
    data = _outcome(action, we_asked="What do service users think?", we_did="Each patient was asked.")
    page = client_for(fran).post(reverse("results:outcome", args=[action.pk]), data, follow=True).content.decode()
    assert notes_in(page) == ["patient"]
    assert ENTRY["why_en"] in page and ENTRY["instead_en"] in page and "your organisation’s entry" in page
    assert WHY not in page


def test_in_welsh_the_note_says_why_and_what_instead_in_welsh(client_for, fran, action):
    client = client_for(fran)
    data = _outcome(action, we_did="Service users now run the café.")
    response = client.post("/cy" + reverse("results:outcome", args=[action.pk]), data, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/cy/")
    assert notes_in(page) == ["Service users"] and WHY_CY in page and WHY not in page


# The group's view and its dissent in a workshop ---------------------------------------------------


def _console(workshop):
    return reverse("workshops:console", args=[workshop.pk])


def test_the_group_view_and_dissent_are_noted_once_after_each_save(client_for, fran, workshop):
    client = client_for(fran)
    stage = workshop.round.framework_version.stage_rows.order_by("position").first()
    agree = reverse("workshops:agree", args=[workshop.pk])
    response = client.post(
        agree, {"view-stage": stage.key, "view-rag": "amber", "view-evidence": "Service users said so."}
    )
    assert response["Location"] == _console(workshop) + "?lens=evidence#group-view"
    assert workshop_queries.group_view(workshop, workshop.principle).consensus.evidence == "Service users said so."
    page = client.get(response["Location"]).content.decode()
    assert notes_in(page) == ["Service users"] and page.count(WHY) == 1
    dissent = reverse("workshops:dissent", args=[workshop.pk])
    response = client.post(dissent, {"dissent-dissent": "Some service users placed it lower."})
    assert response["Location"] == _console(workshop) + "?lens=dissent#dissent"
    page = client.get(response["Location"]).content.decode()
    assert notes_in(page) == ["service users"] and page.index('id="dissent"') < page.index(WHY)
    assert NOTED not in client.get(_console(workshop)).content.decode()
    # Asked for both at once, the phrase is still pointed out once, next to the first.
    page = client.get(_console(workshop) + "?lens=evidence,dissent").content.decode()
    assert notes_in(page) == ["Service users"] and page.count(WHY) == 1


def test_a_clean_group_view_shows_no_note_and_the_console_costs_two_more(client_for, fran, workshop):
    client = client_for(fran)
    stage = workshop.round.framework_version.stage_rows.order_by("position").first()
    agree = reverse("workshops:agree", args=[workshop.pk])
    response = client.post(agree, {"view-stage": stage.key, "view-evidence": "People said so."}, follow=True)
    assert NOTED not in response.content.decode()
    client.post(agree, {"view-stage": stage.key, "view-evidence": "Service users said so."})
    after = _console(workshop) + "?lens=evidence"
    assert queries_for(client, after) == queries_for(client, _console(workshop)) + 2


# Finding the lens ---------------------------------------------------------------------------------


def test_the_menu_links_to_the_language_lens(client_for, fran, bob):
    for person in (fran, bob):
        page = client_for(person).get(reverse("actions:plan")).content.decode()
        assert f'href="{reverse("language:list")}">Language lens</a>' in page
