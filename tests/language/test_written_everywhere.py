"""The language lens after a save keeps the same promises in every place staff write: a phrase is pointed out
once per page with its suggestion, clean words bring no note, an organisation's switched-off entries are left
out and its own entries are used, and under /cy/ the note is in Welsh."""

import pytest
from django.urls import reverse

from coreflect.actions.models import Action
from coreflect.frameworks.models import Framework
from coreflect.language import services as language
from coreflect.workshops import queries as workshop_queries
from tests.language.test_pages import ENTRY
from tests.language.test_written import (
    INSTEAD,
    INSTEAD_CY,
    NOTED,
    WHY,
    WHY_CY,
    _action_form,
    _console,
    _copy,
    _outcome,
    _wording,
    notes_in,
)

pytestmark = pytest.mark.django_db


def _at(prefix, path):
    """`path` under `prefix` ("/cy" or ""), whichever language reverse() answered in."""
    return prefix + path.removeprefix("/cy")


def _save_wording(get, client, prefix, first, second):
    copy = _copy(client)
    url = _at(prefix, reverse("frameworks:edit-section", args=[copy.slug, "reciprocity"]))
    form = _wording(copy, "reciprocity")
    form["principles__2__indicators__0__text"] = first
    form["principles__2__indicators__1__text"] = second
    response = client.post(url, form)
    assert response.status_code == 302 and Framework.objects.get(pk=copy.pk).current_version.number == 2
    return response


def _save_action(get, client, prefix, first, second):
    round_ = get("round_")
    data = _action_form(round_, what=first, how=second)
    response = client.post(_at(prefix, reverse("actions:create")) + f"?round={round_.pk}", data)
    assert response.status_code == 302 and Action.objects.get().how == second
    return response


def _save_note(get, client, prefix, first, second):
    action = get("action")
    response = client.post(_at(prefix, reverse("actions:note", args=[action.pk])), {"text": f"{first}\n\n{second}"})
    assert response.status_code == 302 and action.notes.get().text == f"{first}\n\n{second}"
    return response


def _save_outcome(get, client, prefix, first, second):
    action = get("action")
    data = _outcome(action, we_asked=first, we_did=second)
    response = client.post(_at(prefix, reverse("results:outcome", args=[action.pk])), data)
    assert response.status_code == 302 and Action.objects.get(pk=action.pk).we_did == second
    return response


def _save_group_view(get, client, prefix, first, second):
    workshop = get("workshop")
    stage = workshop.round.framework_version.stage_rows.order_by("position").first()
    data = {"view-stage": stage.key, "view-evidence": first}
    assert client.post(_at(prefix, reverse("workshops:agree", args=[workshop.pk])), data).status_code == 302
    data = {"dissent-dissent": second}
    response = client.post(_at(prefix, reverse("workshops:dissent", args=[workshop.pk])), data)
    consensus = workshop_queries.group_view(workshop, workshop.principle).consensus
    assert response.status_code == 302 and (consensus.evidence, consensus.dissent) == (first, second)

    # The console as it is after both saves, asked about both fields.
    return {"Location": _at(prefix, _console(workshop)) + "?lens=evidence,dissent"}


PLACES = {
    "framework editor": ("alice", _save_wording),
    "action": ("fran", _save_action),
    "progress note": ("fran", _save_note),
    "outcome": ("fran", _save_outcome),
    "group view and dissent": ("fran", _save_group_view),
}


@pytest.fixture(params=list(PLACES))
def save(request, client_for):
    person, saver = PLACES[request.param]
    client = client_for(request.getfixturevalue(person))

    def saved(first, second, prefix=""):
        """Save the two texts (in two fields where the place has two), and read the page the save leads to."""
        response = saver(request.getfixturevalue, client, prefix, first, second)
        return client.get(response["Location"]).content.decode()

    return saved


def test_every_place_notes_a_phrase_once_with_its_suggestion(save):
    page = save("We asked service users.", "Service users answered.")
    assert notes_in(page) == ["service users"] and page.count(WHY) == 1 and INSTEAD in page


def test_every_place_shows_nothing_for_clean_words(save):
    assert NOTED not in save("We asked people.", "People who draw on care and support answered.")


def test_every_place_leaves_out_switched_off_entries_and_notes_own_ones(save, riverside, alice):
    language.switch_off(riverside, "service-users", "We agreed to keep it for now", by=alice)
    language.add_own_entry(riverside, ENTRY, by=alice)
    page = save("We asked service users.", "Each patient answered.")
    assert notes_in(page) == ["patient"] and ENTRY["instead_en"] in page and WHY not in page


def test_every_place_speaks_welsh_under_cy(save):
    page = save("We asked service users.", "People answered.", prefix="/cy")
    assert notes_in(page) == ["service users"] and WHY_CY in page and INSTEAD_CY in page
    assert WHY not in page and INSTEAD not in page
