"""The language lens's pages: who may see and change what, an organisation's own entries and switched-off
entries (each recorded in the audit trail), and a fixed number of queries."""

import pytest
from django.urls import reverse

from coreflect.audit.models import AuditEvent, Kind
from coreflect.language import services
from coreflect.language.models import OwnEntry, SwitchedOff
from coreflect.language.phrases import builtin
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows

ENTRY = {
    "words_en": "patient\nriverside residents",
    "words_cy": "claf",
    "theme": "labels",
    "why_en": "People at home are not in hospital.",
    "why_cy": "",
    "instead_en": "the people we support",
    "instead_cy": "",
}

EVERYONE_CHANGES = {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403}
MATRIX = [
    ("language:list", None, "get", {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 200, "fran": 200, "alice": 200}),
    ("language:check", None, "get", {**EVERYONE_CHANGES, "fran": 200, "alice": 200}),
    ("language:check", None, "post", {**EVERYONE_CHANGES, "fran": 200}),
    ("language:add", None, "get", {**EVERYONE_CHANGES, "fran": 200, "alice": 200}),
    ("language:add", None, "post", {**EVERYONE_CHANGES, "fran": 200}),
    ("language:edit", "entry", "get", {**EVERYONE_CHANGES, "carol": 404, "fran": 200, "alice": 200}),
    ("language:edit", "entry", "post", {**EVERYONE_CHANGES, "carol": 404, "fran": 200}),
    ("language:remove", "entry", "get", {**EVERYONE_CHANGES, "carol": 404, "fran": 200}),
    ("language:remove", "entry", "post", {**EVERYONE_CHANGES, "carol": 404, "fran": 302}),
    ("language:switch-off", "key", "get", {**EVERYONE_CHANGES, "fran": 200, "alice": 200}),
    ("language:switch-off", "key", "post", {**EVERYONE_CHANGES, "fran": 200}),
    ("language:switch-off", "no-key", "get", {"fran": 404}),
    ("language:switch-on", "key", "post", {**EVERYONE_CHANGES, "fran": 302}),
    ("language:switch-on", "key", "get", {"fran": 405}),
]


@pytest.fixture
def people(alice, bob, carol, dan, fran):
    return {"anonymous": None, "alice": alice, "bob": bob, "carol": carol, "dan": dan, "fran": fran}


@pytest.fixture
def own_entry(riverside, alice):
    return services.add_own_entry(riverside, ENTRY, by=alice)


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, own_entry, name, target, method, visitor, expected):
    args = {None: [], "entry": [own_entry.pk], "key": ["service-users"], "no-key": ["no-such-entry"]}[target]
    check_visit(client_for(people[visitor]), method, reverse(name, args=args), expected)


def test_every_language_view_is_in_the_permission_table():
    from coreflect.language import urls

    assert {pattern.name for pattern in urls.urlpatterns} <= {name.split(":")[1] for name, *_ in MATRIX}


def test_a_facilitator_adds_changes_and_removes_an_entry_and_each_step_is_audited(client_for, fran, riverside):
    client = client_for(fran)
    response = client.post(reverse("language:add"), ENTRY, follow=True)
    assert "Your entry is added" in response.content.decode()
    entry = riverside.language_entries.get()
    assert entry.created_by == fran
    assert "patient, riverside residents" in client.get(reverse("language:list")).content.decode()

    changed = {**ENTRY, "instead_en": "people\nthe people who live here"}
    assert (
        "Your entry is saved"
        in client.post(reverse("language:edit", args=[entry.pk]), changed, follow=True).content.decode()
    )
    assert (
        "Nothing was changed"
        in client.post(reverse("language:edit", args=[entry.pk]), changed, follow=True).content.decode()
    )
    client.post(reverse("language:remove", args=[entry.pk]))
    assert not OwnEntry.objects.exists()

    events = AuditEvent.objects.filter(organisation_id=riverside.pk, kind=Kind.LANGUAGE_ENTRY_CHANGED).order_by("pk")
    assert [event.actor for event in events] == [fran, fran, fran]
    assert events[0].changes["words"] == [None, ["patient", "riverside residents", "claf"]]
    assert events[1].changes["instead"] == [["the people we support"], ["people", "the people who live here"]]
    assert events[2].changes["words"] == [["patient", "riverside residents", "claf"], None]


def test_a_bad_entry_is_explained_by_each_field_and_in_the_summary_and_keeps_what_was_typed(client_for, fran):
    response = client_for(fran).post(
        reverse("language:add"),
        {**ENTRY, "words_en": "", "words_cy": "", "why_en": "", "theme": "nonsense", "instead_en": "x" * 201},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Choose a theme") >= 2 and page.count("Enter why it matters, in English") == 2
    assert page.count("Enter at least one word or phrase to look for, in English or Welsh") == 2
    assert page.count("Words to use instead, in English: each line must be between 2 and 200 characters") == 2
    assert "govuk-error-summary" in page and "x" * 201 in page
    assert not OwnEntry.objects.exists()
    page = client_for(fran).post(reverse("language:add"), {**ENTRY, "words_en": "", "words_cy": ""}).content.decode()
    assert page.count("Enter at least one word or phrase to look for, in English or Welsh") == 2


def test_switching_an_entry_off_needs_a_reason_and_records_who_when_and_why(client_for, fran, alice, riverside):
    client = client_for(fran)
    url = reverse("language:switch-off", args=["clients"])
    page = client.post(url, {"reason": "  "}).content.decode()
    assert page.count("Enter why you are switching this off") == 2
    assert not SwitchedOff.objects.exists()

    response = client.post(url, {"reason": "Our contracts say clients"}, follow=True)
    page = response.content.decode()
    assert "That entry is switched off" in page
    assert "by fran@riverside.example on" in page and "“Our contracts say clients”" in page
    row = SwitchedOff.objects.get()
    assert (row.organisation, row.key, row.switched_off_by) == (riverside, "clients", fran)
    event = AuditEvent.objects.get(kind=Kind.LANGUAGE_ENTRY_SWITCHED)
    assert event.changes == {"switched off": [False, True], "reason": ["", "Our contracts say clients"]}
    assert event.actor == fran and event.target_label == "clients"

    client_for(alice).post(reverse("language:switch-on", args=["clients"]))
    assert not SwitchedOff.objects.exists()
    back_on = AuditEvent.objects.filter(kind=Kind.LANGUAGE_ENTRY_SWITCHED).order_by("pk").last()
    assert back_on.actor == alice and back_on.changes["switched off"] == [True, False]


def test_another_organisations_switched_off_entries_and_own_entries_stay_its_own(
    client_for, carol, own_entry, riverside, fran
):
    services.switch_off(riverside, "clients", "A reason of Riverside", by=fran)
    page = client_for(carol).get(reverse("language:list")).content.decode()
    assert "A reason of Riverside" not in page and "riverside residents" not in page


def test_the_phrase_list_page_runs_a_fixed_number_of_queries(
    client_for, fran, riverside, django_assert_max_num_queries
):
    client = client_for(fran)
    client.get(reverse("language:list"))
    for number in range(15):
        services.add_own_entry(riverside, {**ENTRY, "words_en": f"word {number}"}, by=fran)
    for entry in builtin().entries[:15]:
        services.switch_off(riverside, entry.key, "reason", by=fran)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("language:list")).status_code == 200
