"""Facilitators type in completed paper forms (each stored once), list them, correct them and delete them."""

import re
import threading

import pytest
from django.db import connection
from django.urls import reverse

from coreflect.frameworks.queries import skeleton
from coreflect.reflections import paper, services, tallies
from coreflect.reflections.models import Participant, Response, Tally, TickTally
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows

from .conftest import Visitor, make_round


def paper_form(round_, **overrides):
    data = {"perspective": round_.perspectives.get(key="family-carer").pk}
    data.update(
        {
            "people-as-assets-stage": "basics",
            "people-as-assets-ticked": ["people-as-assets-4", "people-as-assets-5"],
            "people-as-assets-evidence": "Written on the paper form",
            "people-as-assets-rag": "amber",
            "reciprocity-stage": "not-yet",
        }
    )
    data.update(overrides)
    return data


def form_key(page: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', page).group(1)


def enter(client, round_, **overrides):
    """Open the paper form, as a facilitator would, and post it filled in: (the key, the response)."""
    url = reverse("reflections:paper", args=[round_.pk])
    key = form_key(client.get(url).content.decode())
    return key, client.post(url, {**paper_form(round_, **overrides), "form_key": key}, follow=True)


def totals(round_):
    """The running totals as they stand: every tally, tick tally and perspective count."""
    return (
        sorted(
            Tally.objects.filter(round=round_, n__gt=0).values_list(
                "principle_key", "perspective_id", "stage_key", "rag", "ahead", "n"
            )
        ),
        sorted(TickTally.objects.filter(round=round_, n__gt=0).values_list("indicator_key", "perspective_id", "n")),
        sorted(round_.perspectives.values_list("key", "submitted_count")),
    )


def assert_totals_match_a_recount(round_):
    live = totals(round_)
    tallies.rebuild(round_)
    assert totals(round_) == live


def page_text(response) -> str:
    return response.content.decode()


# --- Typing in a paper form ---------------------------------------------------------------------------


def test_a_paper_response_is_saved_as_a_submitted_participant(client_for, fran, open_round):
    _key, response = enter(client_for(fran), open_round)
    assert "Paper response saved" in page_text(response)
    participant = Participant.objects.get()
    assert participant.entered_from_paper and participant.entered_by == fran and participant.submitted_at
    assert participant.perspective.key == "family-carer"
    answers = {r.principle.key: r for r in Response.objects.all()}
    assert set(answers) == {"people-as-assets", "reciprocity"}  # blank parts are left out
    assert answers["people-as-assets"].evidence == "Written on the paper form"
    assert answers["people-as-assets"].ticked.count() == 2 and answers["people-as-assets"].completed


def test_the_same_form_posted_twice_is_stored_once_and_counted_once(client_for, fran, open_round):
    client = client_for(fran)
    key, _first = enter(client, open_round)
    again = client.post(
        reverse("reflections:paper", args=[open_round.pk]), {**paper_form(open_round), "form_key": key}, follow=True
    )
    assert "This paper response was already saved, so it was not saved again" in page_text(again)
    assert again.redirect_chain[-1][0] == reverse("reflections:paper", args=[open_round.pk])
    assert Participant.objects.count() == 1
    carers = open_round.perspectives.get(key="family-carer")
    assert carers.submitted_count == 1
    assert Tally.objects.get(round=open_round, principle_key="reciprocity", stage_key="not-yet").n == 1
    assert_totals_match_a_recount(open_round)


@pytest.mark.django_db(transaction=True)
def test_the_same_form_arriving_many_times_at_once_is_stored_once(riverside, alice, fran):
    round_ = make_round(riverside, alice)
    shape = skeleton(round_.framework_version)
    answers = [(shape.principles["reciprocity"], services.Answer(stage=shape.stages["basics"], rag="red"), True)]
    perspective = round_.perspectives.get(key="frontline")
    key = paper.new_form_key()
    arriving = 8
    ready = threading.Barrier(arriving, timeout=60)
    outcomes, failures = [], []

    def post():
        try:
            ready.wait()
            outcomes.append(
                paper.enter_paper_response(round_, perspective, name="", entered_by=fran, answers=answers, key=key)
            )
        except Exception as error:  # reported below, in the main thread
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(arriving)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert Participant.objects.filter(round=round_).count() == 1
    assert len({participant.pk for participant, _stored in outcomes}) == 1
    assert [stored for _participant, stored in outcomes].count(True) == 1
    assert round_.perspectives.get(key="frontline").submitted_count == 1
    assert_totals_match_a_recount(round_)


def test_each_visit_to_the_form_gets_a_new_key_so_two_forms_are_two_people(client_for, fran, open_round):
    client = client_for(fran)
    first, _ = enter(client, open_round)
    second, _ = enter(client, open_round)
    assert first != second and Participant.objects.count() == 2
    assert open_round.perspectives.get(key="family-carer").submitted_count == 2


def test_paper_entry_explains_mistakes_and_keeps_what_was_typed_and_the_key(client_for, fran, open_round):
    client = client_for(fran)
    url = reverse("reflections:paper", args=[open_round.pk])
    key = form_key(page_text(client.get(url)))
    data = paper_form(open_round, perspective="", **{"reciprocity-stage": "not-a-stage"})
    page = page_text(client.post(url, {**data, "form_key": key}))
    assert "Select the description that fits you best" in page
    assert "Choose a stage from the list" in page
    assert "Written on the paper form" in page
    assert form_key(page) == key  # so the corrected form is still the same paper form
    assert not Participant.objects.exists()
    client.post(url, {**paper_form(open_round), "form_key": key})
    client.post(url, {**paper_form(open_round), "form_key": key})
    assert Participant.objects.count() == 1


def test_a_form_without_a_usable_key_is_still_saved(client_for, fran, open_round):
    url = reverse("reflections:paper", args=[open_round.pk])
    response = client_for(fran).post(url, {**paper_form(open_round), "form_key": "<script>"}, follow=True)
    assert "Paper response saved" in page_text(response)
    assert len(Participant.objects.get().paper_key) == 43


def test_paper_entry_works_while_the_round_is_closed(client_for, fran, open_round):
    open_round.status = "closed"
    open_round.save()
    enter(client_for(fran), open_round)
    assert Participant.objects.get().entered_from_paper


# --- The list ------------------------------------------------------------------------------------------


def test_the_list_shows_paper_responses_in_order_without_times_or_online_participants(
    client_for, fran, alice, open_round
):
    enter(client_for(fran), open_round)
    enter(client_for(alice), open_round, perspective=open_round.perspectives.get(key="frontline").pk)
    online = Visitor(open_round)
    online.join("manager")
    page = page_text(client_for(fran).get(reverse("reflections:paper-list", args=[open_round.pk])))
    assert "2 paper responses" in page
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)[1:]
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]
    assert cells[0].startswith("1 Family member or unpaid carer Fran Fisher 1 and 3 Change")
    assert cells[1].startswith("2 Frontline worker Alice Adams 1 and 3 Change")
    assert "Manager or leader" not in " ".join(cells)
    assert not re.search(r"\d{1,2}:\d{2}|20\d\d", " ".join(cells))  # no time or date at all


def test_the_list_says_when_nothing_has_been_typed_in(client_for, fran, open_round):
    page = page_text(client_for(fran).get(reverse("reflections:paper-list", args=[open_round.pk])))
    assert "No paper responses have been typed in yet" in page


def test_the_round_page_links_to_the_list(client_for, fran, open_round):
    page = page_text(client_for(fran).get(reverse("reflections:detail", args=[open_round.pk])))
    assert reverse("reflections:paper-list", args=[open_round.pk]) in page


def test_the_list_runs_a_fixed_number_of_queries(client_for, fran, open_round, django_assert_max_num_queries):
    client = client_for(fran)
    url = reverse("reflections:paper-list", args=[open_round.pk])
    enter(client, open_round)
    with django_assert_max_num_queries(8) as few:
        client.get(url)
        one = len(few.captured_queries)
    for _ in range(12):
        enter(client, open_round)
    with django_assert_max_num_queries(one):
        page = page_text(client.get(url))
    assert "13 paper responses" in page


# --- Changing one ---------------------------------------------------------------------------------------


@pytest.fixture
def typed_in(client_for, fran, open_round):
    enter(client_for(fran), open_round)
    return Participant.objects.get()


def change_url(round_, participant):
    return reverse("reflections:paper-change", args=[round_.pk, participant.pk])


def test_the_change_form_shows_what_was_saved(client_for, fran, open_round, typed_in):
    page = page_text(client_for(fran).get(change_url(open_round, typed_in)))
    assert "Change paper response 1" in page
    assert "Written on the paper form" in page
    for name, value in [
        ("perspective", str(typed_in.perspective_id)),
        ("people-as-assets-stage", "basics"),
        ("people-as-assets-ticked", "people-as-assets-4"),
        ("people-as-assets-ticked", "people-as-assets-5"),
        ("people-as-assets-rag", "amber"),
        ("reciprocity-stage", "not-yet"),
    ]:
        assert re.search(rf'name="{name}" value="{value}"[^>]*checked', page), (name, value)
    assert not re.search(r'name="people-as-assets-ticked" value="people-as-assets-1"[^>]*checked', page)


def test_a_change_replaces_the_answers_and_keeps_totals_exact(client_for, fran, open_round, typed_in):
    Visitor(open_round).join("family-carer")  # someone online too, not touched
    data = paper_form(
        open_round,
        **{
            "people-as-assets-stage": "getting-there",
            "people-as-assets-ticked": ["people-as-assets-1"],
            "people-as-assets-rag": "green",
            "people-as-assets-evidence": "Corrected",
            "reciprocity-stage": "",
            "reciprocity-ideas": "A new idea",
        },
    )
    response = client_for(fran).post(change_url(open_round, typed_in), data, follow=True)
    assert "Paper response 1 changed" in page_text(response)
    assert response.redirect_chain[-1][0] == reverse("reflections:paper-list", args=[open_round.pk])
    answers = {r.principle.key: r for r in typed_in.responses.all()}
    assert answers["people-as-assets"].stage.key == "getting-there" and answers["people-as-assets"].rag == "green"
    assert [i.key for i in answers["people-as-assets"].ticked.all()] == ["people-as-assets-1"]
    assert answers["reciprocity"].stage is None and answers["reciprocity"].ideas == "A new idea"
    assert Tally.objects.get(round=open_round, principle_key="people-as-assets", stage_key="getting-there").n == 1
    assert_totals_match_a_recount(open_round)


def test_a_part_cleared_on_change_loses_its_answer(client_for, fran, open_round, typed_in):
    data = paper_form(open_round, **{"reciprocity-stage": ""})
    client_for(fran).post(change_url(open_round, typed_in), data)
    assert set(typed_in.responses.values_list("principle__key", flat=True)) == {"people-as-assets"}
    assert not Tally.objects.filter(round=open_round, principle_key="reciprocity", n__gt=0).exists()
    assert_totals_match_a_recount(open_round)
    page = page_text(client_for(fran).get(reverse("reflections:paper-list", args=[open_round.pk])))
    assert re.search(r"Fran Fisher\s*</td>\s*<td[^>]*>1</td>", page)


def test_a_part_can_be_removed_even_though_a_chosen_stage_cannot_be_unchosen(client_for, fran, open_round, typed_in):
    client = client_for(fran)
    page = page_text(client.get(change_url(open_round, typed_in)))
    assert "Remove the answer to part 1: the person did not fill it in" in page
    broken = paper_form(open_round, clear=["people-as-assets"], **{"reciprocity-evidence": "x" * 5001})
    page = page_text(client.post(change_url(open_round, typed_in), broken))
    assert re.search(r'id="clear-people-as-assets"[^>]*checked', page)  # kept through the error
    client.post(change_url(open_round, typed_in), paper_form(open_round, clear=["people-as-assets"]))
    assert set(typed_in.responses.values_list("principle__key", flat=True)) == {"reciprocity"}
    assert not TickTally.objects.filter(round=open_round, n__gt=0).exists()
    assert_totals_match_a_recount(open_round)


def test_a_new_perspective_moves_the_person_and_keeps_totals_exact(client_for, fran, open_round, typed_in):
    frontline = open_round.perspectives.get(key="frontline")
    data = paper_form(open_round, perspective=frontline.pk)
    response = client_for(fran).post(change_url(open_round, typed_in), data, follow=True)
    assert "Paper response 1 changed" in page_text(response)
    moved = Participant.objects.get()
    assert moved.perspective == frontline and moved.entered_from_paper and moved.entered_by == fran
    assert moved.created_at == typed_in.created_at  # it keeps its place in the list
    assert dict(open_round.perspectives.values_list("key", "submitted_count")) == {
        "draws-on-support": 0,
        "family-carer": 0,
        "frontline": 1,
        "manager": 0,
    }
    assert set(moved.responses.values_list("principle__key", flat=True)) == {"people-as-assets", "reciprocity"}
    assert_totals_match_a_recount(open_round)


def test_a_move_posted_twice_is_saved_once(client_for, fran, open_round, typed_in):
    client = client_for(fran)
    key = form_key(page_text(client.get(change_url(open_round, typed_in))))
    data = {**paper_form(open_round, perspective=open_round.perspectives.get(key="frontline").pk), "form_key": key}
    client.post(change_url(open_round, typed_in), data)
    again = client.post(change_url(open_round, typed_in), data, follow=True)
    assert "These changes were already saved" in page_text(again)
    assert Participant.objects.count() == 1
    assert open_round.perspectives.get(key="frontline").submitted_count == 1
    assert_totals_match_a_recount(open_round)


def test_a_change_with_mistakes_keeps_what_was_typed_and_saves_nothing(client_for, fran, open_round, typed_in):
    data = paper_form(open_round, **{"people-as-assets-evidence": "x" * 5001, "reciprocity-ideas": "Keep this idea"})
    page = page_text(client_for(fran).post(change_url(open_round, typed_in), data))
    assert "There is a problem" in page and "Your answer must be 5,000 characters or fewer" in page
    assert "Keep this idea" in page
    assert typed_in.responses.get(principle__key="people-as-assets").evidence == "Written on the paper form"


def test_a_named_rounds_paper_response_keeps_and_changes_its_name(client_for, fran, riverside, alice):
    named = make_round(riverside, alice, anonymous=False, title="Named round")
    enter(client_for(fran), named, name="Priya Patel")
    participant = Participant.objects.get()
    assert participant.name == "Priya Patel"
    page = page_text(client_for(fran).get(reverse("reflections:paper-list", args=[named.pk])))
    assert "Priya Patel" in page
    client_for(fran).post(change_url(named, participant), paper_form(named, name="Priya Shah"))
    participant.refresh_from_db()
    assert participant.name == "Priya Shah"


# --- Deleting one ---------------------------------------------------------------------------------------


def delete_url(round_, participant):
    return reverse("reflections:paper-delete", args=[round_.pk, participant.pk])


def test_deleting_asks_first_then_takes_the_answers_out_of_the_totals(client_for, fran, open_round, typed_in):
    client = client_for(fran)
    enter(client, open_round)  # another one, which stays
    page = page_text(client.get(delete_url(open_round, typed_in)))
    assert "Are you sure you want to delete paper response 1?" in page
    assert "govuk-button--warning" in page and "Family member or unpaid carer" in page
    assert Participant.objects.count() == 2
    response = client.post(delete_url(open_round, typed_in), follow=True)
    assert "Paper response 1 deleted" in page_text(response)
    assert not Participant.objects.filter(pk=typed_in.pk).exists()
    assert open_round.perspectives.get(key="family-carer").submitted_count == 1
    assert_totals_match_a_recount(open_round)
    again = client.post(delete_url(open_round, typed_in), follow=True)
    assert "That paper response was already deleted" in page_text(again)


def test_someone_who_took_part_online_cannot_be_changed_or_deleted_here(client_for, fran, open_round):
    online = Visitor(open_round)
    online.join()
    participant = Participant.objects.get()
    client = client_for(fran)
    assert client.get(change_url(open_round, participant)).status_code == 404
    assert client.post(change_url(open_round, participant), paper_form(open_round)).status_code == 404
    assert client.get(delete_url(open_round, participant)).status_code == 404
    assert client.post(delete_url(open_round, participant)).status_code == 404
    assert Participant.objects.filter(pk=participant.pk).exists()


def test_another_rounds_paper_response_is_not_found_through_this_round(client_for, fran, riverside, alice, typed_in):
    other = make_round(riverside, alice, title="Another round")
    assert client_for(fran).get(change_url(other, typed_in)).status_code == 404
    assert client_for(fran).get(delete_url(other, typed_in)).status_code == 404


def test_change_and_delete_pages_run_a_fixed_number_of_queries(
    client_for, fran, open_round, typed_in, django_assert_max_num_queries
):
    client = client_for(fran)
    for _ in range(5):
        enter(client, open_round)
    with django_assert_max_num_queries(10):
        assert client.get(change_url(open_round, typed_in)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(delete_url(open_round, typed_in)).status_code == 200


# --- Who may use these pages ---------------------------------------------------------------------------


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


EVERYONE_BUT_FACILITATORS = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403}
MATRIX = [
    ("reflections:paper", "round", "get", {**EVERYONE_BUT_FACILITATORS, "fran": 200, "alice": 200}),
    ("reflections:paper", "round", "post", {**EVERYONE_BUT_FACILITATORS, "fran": 200}),
    ("reflections:paper-list", "round", "get", {**EVERYONE_BUT_FACILITATORS, "fran": 200, "alice": 200}),
    ("reflections:paper-change", "paper", "get", {**EVERYONE_BUT_FACILITATORS, "fran": 200, "alice": 200}),
    ("reflections:paper-change", "paper", "post", {**EVERYONE_BUT_FACILITATORS, "fran": 200}),
    ("reflections:paper-delete", "paper", "get", {**EVERYONE_BUT_FACILITATORS, "fran": 200, "alice": 200}),
    ("reflections:paper-delete", "paper", "post", {**EVERYONE_BUT_FACILITATORS, "alice": 302}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, open_round, typed_in, name, target, method, visitor, expected):
    args = [open_round.pk] if target == "round" else [open_round.pk, typed_in.pk]
    check_visit(client_for(people[visitor]), method, reverse(name, args=args), expected)
    if visitor in {"anonymous", "dan", "carol", "bob"}:
        assert Participant.objects.filter(pk=typed_in.pk).exists()  # nothing changed for them


def test_every_paper_view_is_in_the_permission_table():
    from coreflect.reflections import urls

    paper = {pattern.name for pattern in urls.urlpatterns if pattern.name.startswith("paper")}
    assert paper == {name.split(":")[1] for name, *_ in MATRIX}
