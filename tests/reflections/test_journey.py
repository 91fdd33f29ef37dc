"""A participant's whole journey with no account: start, perspective, principles, come back, submit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coreflect.reflections.journey_views import COOKIE
from coreflect.reflections.models import Participant, Response, RoundStatus

from .conftest import Visitor, make_round


def test_start_page_says_what_it_is_how_long_and_who_sees_what(visitor):
    page = visitor.client.get(visitor.url("start")).content.decode()
    assert "Day services 2026" in page and "Riverside Council" in page
    assert "about 20 minutes in all" in page  # 4 principles × 5 minutes
    assert "Your answers are anonymous" in page
    assert "fewer than 5 people are never shown" in page
    assert "private link" in page
    assert 'href="/privacy/"' in page


def test_a_named_round_says_names_are_seen_and_asks_for_one(riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    visitor = Visitor(round_)
    assert "This reflection is named" in visitor.client.get(visitor.url("start")).content.decode()
    response = visitor.client.post(visitor.url("perspective"), {"perspective": round_.perspectives.first().pk})
    assert "Enter your name" in response.content.decode()
    visitor.join(name="Priya Shah")
    assert Participant.objects.get().name == "Priya Shah"


def test_anonymous_participant_stores_no_name_even_if_one_is_sent(visitor):
    visitor.join(name="Someone Sneaky")
    participant = Participant.objects.get()
    assert participant.name == ""
    field_names = {field.name for field in Participant._meta.get_fields()}
    assert not field_names & {"email", "ip_address", "user_agent", "ip"}


def test_choosing_a_perspective_is_required_and_explained(visitor):
    response = visitor.client.post(visitor.url("perspective"), {})
    assert "Select the description that fits you best" in response.content.decode()
    response = visitor.client.post(visitor.url("perspective"), {"perspective": "999999"})
    assert "Select one of the descriptions in the list" in response.content.decode()
    assert not Participant.objects.exists()


def test_the_token_cookie_is_private_scoped_to_the_round_and_long(visitor):
    response = visitor.join()
    cookie = response.cookies[COOKIE]
    assert cookie["path"] == f"/r/{visitor.code}/"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert len(cookie.value) >= 43  # 256 random bits
    assert int(cookie["max-age"]) > 300 * 24 * 3600
    assert Participant.objects.get().token_hash != cookie.value


def test_task_list_shows_each_principle_and_its_status(visitor):
    visitor.join()
    page = visitor.client.get(visitor.url("tasks")).content.decode()
    assert page.count("Not started") == 4
    later = visitor.answer("valuing-work", evidence="We pay people for their time", action="later")
    assert later["Location"] == visitor.url("later")
    assert visitor.answer("people-as-assets", stage="basics")["Location"] == visitor.url("tasks")
    page = visitor.client.get(visitor.url("tasks")).content.decode()
    assert page.count("Not started") == 2
    assert "In progress" in page  # valuing-work has no stage yet
    assert "You have completed 1 of 4 parts" in page


def test_a_principle_saves_every_answer_and_shows_it_again(visitor):
    visitor.join()
    response = visitor.answer(
        "people-as-assets",
        ticked=["people-as-assets-1", "people-as-assets-4"],
        stage="basics",
        evidence="People joined our recruitment panel",
        rag="amber",
        ideas="Pay people for their time on panels",
    )
    assert response["Location"] == visitor.url("tasks")
    answer = Response.objects.get()
    assert answer.stage.key == "basics" and answer.rag == "amber" and answer.completed
    assert sorted(answer.ticked.values_list("key", flat=True)) == ["people-as-assets-1", "people-as-assets-4"]
    assert answer.principle.version_id == visitor.round.framework_version_id
    page = visitor.client.get(visitor.url("principle", "people-as-assets")).content.decode()
    assert "People joined our recruitment panel" in page
    assert (
        'value="basics" checked' in page
        or 'checked value="basics"' in page
        or ('value="basics"' in page and "checked" in page)
    )


def test_saving_a_principle_again_replaces_the_answer_and_its_ticks(visitor):
    visitor.join()
    key = "people-as-assets"
    visitor.answer(key, ticked=[f"{key}-1", f"{key}-4"], stage="basics", evidence="First go", rag="amber")
    visitor.answer(key, ticked=[f"{key}-4", f"{key}-5", f"{key}-6"], evidence="Second go", action="later")

    answer = Response.objects.get()
    assert sorted(answer.ticked.values_list("key", flat=True)) == [f"{key}-4", f"{key}-5", f"{key}-6"]
    assert answer.stage is None and answer.rag == "" and answer.evidence == "Second go"
    assert not answer.completed  # the stage was taken away, and it is the one answer this part needs
    page = visitor.client.get(visitor.url("principle", key)).content.decode()
    for number, shown in ((1, False), (4, True), (5, True), (6, True)):
        assert (f'value="{key}-{number}" id="id_ticked_{number - 1}" checked' in page) is shown

    visitor.answer(key, stage="getting-there")
    answer = Response.objects.get()
    assert not answer.ticked.exists() and answer.evidence == "" and answer.stage.key == "getting-there"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"stage": "halfway-there"}, "Choose a stage from the list"),
        ({"ticked": ["social-networks-1"]}, "One of the statements ticked is not part of this framework"),
        ({"rag": "purple"}, "Choose red, amber or green"),
        ({"evidence": "x" * 5001}, "Your answer must be 5,000 characters or fewer"),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(visitor, fields, message):
    visitor.join()
    typed = {"reflections": "Something I really wanted to say", "ideas": "An idea I typed carefully"}
    response = visitor.answer("people-as-assets", **typed, **fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "There is a problem" in page
    assert "An idea I typed carefully" in page
    assert not Response.objects.exists()


def test_unknown_principle_is_404(visitor):
    visitor.join()
    assert visitor.client.get(visitor.url("principle", "no-such-principle")).status_code == 404


def test_coming_back_later_on_another_device_with_the_resume_link(visitor):
    visitor.join("frontline")
    visitor.answer("people-as-assets", stage="getting-there", action="later")
    link = visitor.resume_link()
    assert f"/r/{visitor.code}/resume/" in link

    other_device = Visitor(visitor.round)
    response = other_device.client.get(link.replace("http://testserver", ""), follow=True)
    page = response.content.decode()
    assert "You have completed 1 of 4 parts" in page
    other_device.answer("reciprocity", stage="basics")
    assert Participant.objects.count() == 1
    assert Response.objects.count() == 2


def test_check_answers_submit_and_change_after_submitting(visitor):
    visitor.join()
    empty = visitor.client.post(visitor.url("check"))
    assert "Complete at least one part before you send your answers" in empty.content.decode()
    visitor.answer("people-as-assets", stage="basics", evidence="First thoughts")
    page = visitor.client.get(visitor.url("check")).content.decode()
    assert "First thoughts" in page and "We’ve got the basics" in page
    response = visitor.client.post(visitor.url("check"), follow=True)
    assert "Thank you – your answers have been sent" in response.content.decode()
    participant = Participant.objects.get()
    assert participant.submitted_at is not None

    visitor.answer("people-as-assets", stage="getting-there", evidence="Second thoughts")
    assert Response.objects.get().evidence == "Second thoughts"
    assert "Send my changed answers" in visitor.client.get(visitor.url("check")).content.decode()


def test_a_closed_round_says_so_kindly_and_keeps_nothing_new(visitor):
    visitor.join()
    visitor.round.status = RoundStatus.CLOSED
    visitor.round.save()
    assert "This reflection has now closed" in visitor.client.get(visitor.url("start")).content.decode()
    response = visitor.answer("people-as-assets", stage="basics", evidence="Typed after it closed")
    page = response.content.decode()
    assert "This round has closed, so your answer could not be saved" in page
    assert "Typed after it closed" in page
    assert not Response.objects.exists()
    newcomer = Visitor(visitor.round)
    assert newcomer.client.post(newcomer.url("perspective"), {"perspective": 1}).status_code == 403
    assert Participant.objects.count() == 1


def test_a_round_outside_its_dates_is_not_taking_answers(riverside, alice):
    today = timezone.localdate()
    future = Visitor(make_round(riverside, alice, opens_on=today + timedelta(days=3)))
    assert "This reflection has not opened yet" in future.client.get(future.url("start")).content.decode()
    past = Visitor(make_round(riverside, alice, closes_on=today - timedelta(days=1)))
    assert "This reflection has now closed" in past.client.get(past.url("start")).content.decode()


def test_a_draft_round_is_not_open_yet(riverside, alice):
    draft = Visitor(make_round(riverside, alice, status=RoundStatus.DRAFT))
    assert "This reflection has not opened yet" in draft.client.get(draft.url("start")).content.decode()


def test_a_token_for_another_round_opens_nothing(visitor, riverside, alice):
    visitor.join()
    token = visitor.client.cookies[COOKIE].value
    other = make_round(riverside, alice, title="Another round")
    stranger = Visitor(other)
    response = stranger.client.get(stranger.url("resume", token))
    assert response.status_code == 404
    assert "This link is not recognised" in response.content.decode()
    stranger.client.cookies[COOKIE] = token
    assert stranger.client.get(stranger.url("tasks"))["Location"] == stranger.url("start")


def test_an_unknown_round_link_is_a_plain_404(client, db):
    response = client.get("/r/not-a-real-round-code/")
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()


def test_participant_deletes_their_own_answers(visitor):
    visitor.join()
    visitor.answer("people-as-assets", stage="basics")
    link = visitor.resume_link()
    response = visitor.client.post(visitor.url("delete"))
    assert "Your answers have been deleted" in response.content.decode()
    assert not Participant.objects.exists() and not Response.objects.exists()
    assert visitor.client.get(link.replace("http://testserver", "")).status_code == 404


def test_autosave_saves_without_completing_and_answers_in_json(visitor):
    visitor.join()
    response = visitor.client.post(
        visitor.url("principle", "people-as-assets"), {"evidence": "Half a thought"}, headers={"X-Autosave": "1"}
    )
    assert response.json() == {"saved": True}
    answer = Response.objects.get()
    assert answer.evidence == "Half a thought" and not answer.completed
    bad = visitor.client.post(
        visitor.url("principle", "people-as-assets"),
        {"stage": "nope", "evidence": "A whole thought"},
        headers={"X-Autosave": "1"},
    )
    # What can be saved is saved; the stage that is not in the list is not, and the answer says why.
    assert bad.status_code == 200 and bad.json()["not_saved"] == {"stage": "Choose a stage from the list"}
    assert Response.objects.get().evidence == "A whole thought"


def test_a_field_too_long_never_stops_the_rest_from_autosaving(visitor):
    visitor.join()
    url = visitor.url("principle", "people-as-assets")
    visitor.client.post(url, {"evidence": "What I wrote first"}, headers={"X-Autosave": "1"})
    response = visitor.client.post(url, {"evidence": "x" * 5001, "ideas": "Still saved"}, headers={"X-Autosave": "1"})
    assert response.json()["saved"] is True and "evidence" in response.json()["not_saved"]
    answer = Response.objects.get()
    assert answer.ideas == "Still saved" and answer.evidence == "What I wrote first"


def test_autosave_to_a_closed_round_says_why(visitor):
    visitor.join()
    visitor.round.status = "closed"
    visitor.round.save()
    response = visitor.client.post(
        visitor.url("principle", "people-as-assets"), {"evidence": "Late"}, headers={"X-Autosave": "1"}
    )
    assert response.status_code == 403
    assert response.json() == {
        "saved": False,
        "reason": "This round has closed, so your answers can no longer be saved.",
    }


def test_framework_without_a_stage_question_completes_on_save_and_continue(riverside, alice):
    visitor = Visitor(make_round(riverside, alice, slug="how-are-we-doing"))
    visitor.join()
    visitor.client.post(
        visitor.url("principle", "equal-human-beings"), {"reflections": "Drafting"}, headers={"X-Autosave": "1"}
    )
    assert not Response.objects.get().completed
    visitor.answer("equal-human-beings", ticked=["equal-human-beings-4"], reflections="Done")
    assert Response.objects.get().completed


@pytest.mark.parametrize("page", ["start", "tasks", "principle"])
def test_participant_pages_run_a_fixed_number_of_queries(visitor, page, django_assert_max_num_queries):
    visitor.join()
    for key in ("people-as-assets", "valuing-work", "reciprocity"):
        visitor.answer(key, stage="basics", ticked=[f"{key}-1", f"{key}-2"])
    args = ["people-as-assets"] if page == "principle" else []
    with django_assert_max_num_queries(9):
        assert visitor.client.get(visitor.url(page, *args)).status_code == 200


def test_saving_a_principle_runs_a_fixed_number_of_queries(visitor, django_assert_max_num_queries):
    visitor.join()
    with django_assert_max_num_queries(16):
        visitor.answer("social-networks", stage="basics", ticked=[f"social-networks-{n}" for n in range(1, 16)])
    assert Response.objects.get().ticked.count() == 15


def test_a_first_save_that_loses_a_race_to_another_tab_replaces_the_winner(open_round, monkeypatch):
    from coreflect.frameworks.queries import skeleton
    from coreflect.reflections import services, store

    participant, _token = services.start_participant(open_round, open_round.perspectives.first())
    participant.submitted_at = timezone.now()  # a sent participant's saves go the way that keeps the totals
    shape = skeleton(open_round.framework_version)
    principle = shape.principles["people-as-assets"]
    ticks = shape.indicators["people-as-assets"]
    Response.objects.create(participant=participant, round=open_round, principle=principle, evidence="Other tab")
    real_replace = store.replace
    calls = []

    def not_there_yet(*args):  # the other tab's row lands between this save's UPDATE and its INSERT
        calls.append(args)
        return None if len(calls) == 1 else real_replace(*args)

    monkeypatch.setattr(store, "replace", not_there_yet)
    answer = services.Answer(ticked=(ticks["people-as-assets-2"],), evidence="This tab")
    services.save_answer(participant, principle, answer, asks_stage=True, finished=True)

    saved = Response.objects.get()
    assert saved.evidence == "This tab"
    assert list(saved.ticked.values_list("key", flat=True)) == ["people-as-assets-2"]


def test_long_answers_say_how_long_they_may_be(visitor):
    visitor.join()
    page = visitor.client.get(visitor.url("principle", "people-as-assets")).content.decode()
    assert 'data-module="govuk-character-count" data-maxlength="5000"' in page
    assert "You can enter up to 5,000 characters" in page


def test_the_private_link_can_be_emailed_and_the_address_is_kept_nowhere(visitor):
    from django.apps import apps
    from django.core import mail

    visitor.join()
    link = visitor.resume_link()
    response = visitor.client.post(visitor.url("email-link"), {"email": "sam@example.org"}, follow=True)
    assert "We have sent your private link" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sam@example.org"]
    assert link in mail.outbox[0].body and "have not kept it" in mail.outbox[0].body
    for model in apps.get_models():  # no table holds the address, the task queue's included
        for field in model._meta.concrete_fields:
            if field.get_internal_type() in {"CharField", "TextField", "JSONField", "EmailField"}:
                values = model._default_manager.values_list(field.name, flat=True)
                assert not any("sam@example.org" in str(value) for value in values), (model, field.name)


def test_a_bad_address_for_the_private_link_is_explained_and_kept(visitor):
    visitor.join()
    response = visitor.client.post(visitor.url("email-link"), {"email": "sam at example"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Enter an email address in the correct format" in page
    assert 'value="sam at example"' in page
