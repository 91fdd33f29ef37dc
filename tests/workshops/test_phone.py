"""The phone's page through the room's steps: voting and changing a vote, the spread, replying to the group's
view, ideas, dots, the end; who may see it; the polled fragment (304 while unchanged, no forms, "the room
has moved on"); and how many queries each costs."""

import pytest
from django.test import Client
from django.urls import reverse

from coreflect.reflections.models import Stance
from coreflect.workshops import ideas, queries, services
from coreflect.workshops.models import PostedIdea, Reply, Step, Vote
from tests.reflections.conftest import make_round

from .conftest import join_many
from .phones import Phone, text_of


@pytest.fixture
def phone(workshop):
    return Phone(workshop).join("frontline")


def vote_data(principle, stages, stage=1, rag="amber", ticked=()):
    return {"stage": stages[stage].key, "rag": rag, "ticked": list(ticked)}


# Who sees the page -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page", "live"])
def test_without_a_cookie_a_phone_is_sent_to_join(workshop, name):
    response = Client().get(reverse(f"phone:{name}", args=[workshop.code]))
    if name == "page":
        assert response.status_code == 302
        assert response["Location"] == reverse("phone:join-code", args=[workshop.code])
    else:
        assert response.status_code == 404  # a poll gets no page, only its status


@pytest.mark.parametrize("name", ["page", "live"])
def test_another_workshops_cookie_is_no_way_in(workshop, riverside, alice, fran, name):
    other = services.start_workshop(make_round(riverside, alice, title="Another round"), started_by=fran)
    elsewhere = Phone(other).join()
    elsewhere.workshop = workshop
    response = elsewhere.client.get(elsewhere.url(name))
    assert response.status_code == (302 if name == "page" else 404)
    if name == "page":
        assert response["Location"] == reverse("phone:join-code", args=[workshop.code])


@pytest.mark.parametrize("name", ["vote", "reply", "idea", "dot"])
def test_what_a_phone_sends_needs_its_cookie(workshop, principle, name):
    argument = 1 if name == "dot" else principle.key
    response = Client().post(reverse(f"phone:{name}", args=[workshop.code, argument]), {"idea": "x"})
    assert response.status_code == 302
    assert response["Location"] == reverse("phone:join-code", args=[workshop.code])
    assert Client().get(reverse(f"phone:{name}", args=[workshop.code, argument])).status_code == 405
    assert not PostedIdea.objects.exists()


def test_pages_holding_a_phones_own_answers_are_never_cached(phone):
    assert "no-store" in phone.page()["Cache-Control"]
    assert "private" in phone.client.get(phone.url("live"))["Cache-Control"]


def test_a_finished_workshop_shows_the_finished_page_to_its_phones_only(workshop, phone):
    services.finish_workshop(workshop)
    page = phone.page()
    assert page.status_code == 200
    assert "Thank you" in text_of(page) and "What happens next" in text_of(page)
    stranger = Client().get(reverse("phone:page", args=[workshop.code]))
    assert stranger.status_code == 404
    assert "That workshop has finished" in text_of(stranger)


def test_the_page_says_what_the_room_is_doing(workshop, phone, principle):
    page = text_of(phone.page())
    assert "You are in" in page and "1 person has joined so far" in page
    services.go_to(workshop, Step.VOTING, principle)
    page = phone.page().content.decode()
    assert "Send my vote" in page and 'type="module"' in page and "js/live.mjs" in page


# Voting ------------------------------------------------------------------------------------------------


def test_voting_and_changing_a_vote(workshop, phone, principle, stages):
    services.go_to(workshop, Step.VOTING, principle)
    page = phone.page()
    text = text_of(page)
    assert "What this is about" in text and "Which stage are you at?" in text
    indicator = principle.indicators.order_by("position").first()
    assert indicator.key in page.content.decode()  # the statements, to tick
    refused = phone.post("vote", principle.key, data={})
    assert refused.status_code == 400
    assert "Choose a stage" in text_of(refused) and "Choose red, amber or green" in text_of(refused)
    assert "<title>Error:" in refused.content.decode()
    sent = phone.post("vote", principle.key, data=vote_data(principle, stages, ticked=[indicator.key]), follow=True)
    assert "Your vote is in – you can change it" in text_of(sent)
    vote = queries.vote_of(phone.attendee, principle)
    assert (vote.stage, vote.rag, list(vote.ticked.all())) == (stages[1], "amber", [indicator])
    assert "Change my vote" in text_of(sent)
    phone.post("vote", principle.key, data=vote_data(principle, stages, stage=2, rag="green"))
    vote = queries.vote_of(phone.attendee, principle)
    assert (vote.stage, vote.rag, list(vote.ticked.all())) == (stages[2], "green", [])
    assert Vote.objects.filter(workshop=workshop).count() == 1


def test_forged_choices_and_a_closed_vote_are_refused_clearly(workshop, phone, principle, stages):
    services.go_to(workshop, Step.VOTING, principle)
    forged = phone.post("vote", principle.key, data={"stage": "nonsense", "rag": "purple", "ticked": ["no-such"]})
    assert forged.status_code == 400
    assert "Choose a stage from the list" in text_of(forged) and "Tick statements from the list" in text_of(forged)
    other = workshop.round.framework_version.principle_rows.exclude(pk=principle.pk).first()
    wrong = phone.post("vote", other.key, data=vote_data(principle, stages), follow=True)
    assert "The room has moved on" in text_of(wrong)
    services.go_to(workshop, Step.REVEALED, principle)
    late = phone.post("vote", principle.key, data=vote_data(principle, stages), follow=True)
    assert "The room has moved on" in text_of(late)
    assert not Vote.objects.exists()


def test_the_spread_shows_everyone_and_hides_small_groups_saying_why(workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 6, "family-carer": 5, "manager": 2})
    phone = Phone(workshop).join("manager")
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag=("red", "amber")[n % 2])
    services.go_to(workshop, Step.REVEALED, principle)
    page = text_of(phone.page())
    assert "How the room voted" in page
    everyone = page[page.index("Everyone in the room") : page.index("Person who draws", page.index("Everyone in"))]
    assert f"{stages[0].key}" not in everyone  # stage labels, not keys
    assert "Red 10" in everyone and "Amber 9" in everyone
    managers = page[page.index("Manager or leader", page.index("Everyone in the room")) :]
    assert "not shown – fewer than 5" in managers
    assert "Red 4" not in managers and "Red 1" not in managers


# The group's view --------------------------------------------------------------------------------------


@pytest.fixture
def agreeing(workshop, principle, stages, fran):
    services.go_to(workshop, Step.AGREEING, principle)
    return services.agree_view(
        workshop, principle, stage=stages[1], rag="amber", evidence="We heard it", recorded_by=fran
    )


def test_replying_agree_live_with_and_object_with_a_reason(workshop, phone, principle, agreeing):
    page = text_of(phone.page())
    assert "The group's view" in page and "We heard it" in page and "You have not replied yet" in page
    agreed = phone.post("reply", principle.key, data={"stance": Stance.AGREE}, follow=True)
    assert "Your reply is in" in text_of(agreed) and "You said: I agree" in text_of(agreed)
    phone.post("reply", principle.key, data={"stance": Stance.LIVE_WITH})
    assert Reply.objects.get().stance == Stance.LIVE_WITH
    refused = phone.post("reply", principle.key, data={"stance": Stance.OBJECT, "reason": "  "})
    assert refused.status_code == 400
    assert text_of(refused).count("Say why you object") == 2
    assert Reply.objects.get().stance == Stance.LIVE_WITH
    phone.post("reply", principle.key, data={"stance": Stance.OBJECT, "reason": "It is lower for us"})
    assert queries.objections(agreeing) == ["It is lower for us"]
    assert phone.post("reply", principle.key, data={"stance": "shrug"}).status_code == 400


def test_no_reply_before_the_view_is_written(workshop, phone, principle):
    services.go_to(workshop, Step.AGREEING, principle)
    assert "The facilitator is writing down the group's view" in text_of(phone.page())
    response = phone.post("reply", principle.key, data={"stance": Stance.AGREE}, follow=True)
    assert "nothing to reply to" in text_of(response)
    assert not Reply.objects.exists()


# Ideas -------------------------------------------------------------------------------------------------


def test_posting_ideas_on_every_principle_step(workshop, phone, principle, agreeing):
    for step in (Step.VOTING, Step.REVEALED, Step.AGREEING):
        services.go_to(workshop, step, principle)
        assert "Nothing is too silly" in text_of(phone.page())
        response = phone.post("idea", principle.key, data={"idea": f"  Tea at {step}  "}, follow=True)
        assert "your idea is in" in text_of(response)
    assert [p.idea.text for p in PostedIdea.objects.order_by("pk")] == [
        "Tea at voting",
        "Tea at revealed",
        "Tea at agreeing",
    ]
    assert PostedIdea.objects.first().attendee == phone.attendee


def test_an_idea_too_long_or_empty_is_refused_and_kept(workshop, phone, principle):
    services.go_to(workshop, Step.VOTING, principle)
    assert "Enter your idea" in text_of(phone.post("idea", principle.key, data={"idea": "   "}))
    long = "x" * 2001
    response = phone.post("idea", principle.key, data={"idea": long})
    assert response.status_code == 400
    assert "2,000 characters or fewer" in text_of(response)
    assert long in response.content.decode()
    assert "You can enter up to 2,000 characters" in text_of(response)
    assert not PostedIdea.objects.exists()


def test_an_idea_sent_after_the_room_moved_to_dots_is_shown_back(workshop, phone, principle):
    services.go_to(workshop, Step.DOTS)
    response = phone.post("idea", principle.key, data={"idea": "Keep this"})
    assert response.status_code == 409
    assert "Ideas can no longer be added" in text_of(response) and "Keep this" in text_of(response)
    assert phone.post("idea", "no-such-principle", data={"idea": "x"}).status_code == 404


# Dots --------------------------------------------------------------------------------------------------


@pytest.fixture
def three_ideas(workshop, principle):
    return [ideas.post_idea(workshop, principle, f"Idea {n}") for n in range(4)]


def spend(phone, posted, action="spend"):
    return phone.post("dot", posted.pk, data={"action": action}, follow=True)


def test_dots_three_at_most_one_on_each_and_taken_back(workshop, phone, three_ideas):
    first, second, third, fourth = three_ideas
    assert "Dots can only be used while the room is choosing ideas" in text_of(spend(phone, first))
    services.go_to(workshop, Step.DOTS)
    page = text_of(phone.page())
    assert "You have 3 dots left" in page and "Idea 3" in page
    assert "You have 2 dots left" in text_of(spend(phone, first))
    assert "You already have a dot on that idea" in text_of(spend(phone, first))
    spend(phone, second)
    assert "You have 0 dots left" in text_of(spend(phone, third))
    assert "You have used all your dots" in text_of(spend(phone, fourth))
    assert ideas.dots_left(phone.attendee) == 0
    taken_back = text_of(spend(phone, third, "take-back"))
    assert "You took your dot back" in taken_back and "You have 1 dot left" in taken_back
    assert "You have 0 dots left" in text_of(spend(phone, fourth))


def test_two_dots_on_one_idea_when_the_facilitator_allows_it(workshop, phone, three_ideas):
    workshop.double_dots = True
    workshop.save()
    services.go_to(workshop, Step.DOTS)
    spend(phone, three_ideas[0])
    assert "You have 1 dot left" in text_of(spend(phone, three_ideas[0]))
    assert "You already have a dot on that idea" in text_of(spend(phone, three_ideas[0]))


def test_no_dot_on_another_workshops_idea_or_one_that_does_not_exist(
    workshop, phone, riverside, alice, fran, principle
):
    other = services.start_workshop(make_round(riverside, alice, title="Another round"), started_by=fran)
    elsewhere = ideas.post_idea(other, other.round.framework_version.principle_rows.first(), "Theirs")
    services.go_to(workshop, Step.DOTS)
    assert phone.post("dot", elsewhere.pk, data={"action": "spend"}).status_code == 404
    assert phone.post("dot", 999999, data={"action": "spend"}).status_code == 404


# A finished workshop -----------------------------------------------------------------------------------


def test_a_finished_workshop_refuses_everything(workshop, phone, principle, stages, agreeing, three_ideas):
    services.finish_workshop(workshop)
    sent = [
        phone.post("vote", principle.key, data=vote_data(principle, stages), follow=True),
        phone.post("reply", principle.key, data={"stance": Stance.AGREE}, follow=True),
        phone.post("idea", principle.key, data={"idea": "Late"}, follow=True),
        phone.post("dot", three_ideas[0].pk, data={"action": "spend"}, follow=True),
    ]
    for response in sent:
        assert response.status_code < 500
        assert "finished" in text_of(response)
    assert not Vote.objects.exists() and not Reply.objects.exists()
    assert PostedIdea.objects.count() == 4 and not three_ideas[0].dots.exists()


# The polled fragment -----------------------------------------------------------------------------------


def live_url(phone, state):
    return phone.url("live") + f"?state={state}"


def test_an_unchanged_fragment_is_304_and_a_change_makes_it_200(workshop, phone, principle, stages):
    services.go_to(workshop, Step.VOTING, principle)
    state = f"voting.{principle.pk}"
    first = phone.client.get(live_url(phone, state))
    assert first.status_code == 200 and "0 people have voted so far" in text_of(first)
    assert "<form" not in first.content.decode() and "data-live-reload" not in first.content.decode()
    again = phone.client.get(live_url(phone, state), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    (someone,) = join_many(workshop, {"manager": 1})
    services.vote(someone, principle, stage=stages[0], rag="red")
    changed = phone.client.get(live_url(phone, state), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert "1 person has voted so far" in text_of(changed)


def test_the_page_carries_its_fragment_and_the_fragment_says_when_the_room_moved_on(workshop, phone, principle):
    services.go_to(workshop, Step.VOTING, principle)
    page = phone.page().content.decode()
    assert f'data-live-url="{live_url(phone, f"voting.{principle.pk}")}"' in page
    assert "data-live-status" in page and "data-live-refresh" in page
    etag = page.split('data-live-etag="', 1)[1].split('"', 1)[0].replace("&quot;", '"')
    unchanged = phone.client.get(live_url(phone, f"voting.{principle.pk}"), headers={"if-none-match": etag})
    assert unchanged.status_code == 304  # the page knows its fragment's version: the first poll costs nothing
    services.go_to(workshop, Step.REVEALED, principle)
    moved = phone.client.get(live_url(phone, f"voting.{principle.pk}"))
    assert "The room has moved on" in text_of(moved) and "data-live-reload" in moved.content.decode()
    assert "<form" not in moved.content.decode()
    services.finish_workshop(workshop)
    assert "The room has moved on" in text_of(phone.client.get(live_url(phone, f"revealed.{principle.pk}")))


def test_a_page_showing_a_forms_errors_never_reloads_itself(workshop, phone, principle):
    """Reloading a page that answered a form would send the form again: its fragment only shows the link."""
    services.go_to(workshop, Step.VOTING, principle)
    refused = phone.post("vote", principle.key, data={}).content.decode()
    assert f"?state=voting.{principle.pk}&amp;sent=1" in refused
    services.go_to(workshop, Step.REVEALED, principle)
    moved = phone.client.get(live_url(phone, f"voting.{principle.pk}") + "&sent=1").content.decode()
    assert "The room has moved on" in moved and "data-live-reload" not in moved


def test_the_fragment_at_the_group_view_and_the_dots(workshop, phone, principle, agreeing, three_ideas):
    state = f"agreeing.{principle.pk}.g{agreeing.pk}"
    fragment = text_of(phone.client.get(live_url(phone, state)))
    assert "We heard it" in fragment and "The room has moved on" not in fragment
    services.go_to(workshop, Step.DOTS)
    phone_page = phone.page().content.decode()
    state = phone_page.split("?state=", 1)[1].split('"', 1)[0]
    assert "You have 3 dots left" in text_of(phone.client.get(live_url(phone, state)))
    ideas.hide_idea(three_ideas[0], by=None)  # the buttons on the page are out of date now
    assert "The room has moved on" in text_of(phone.client.get(live_url(phone, state)))


# Queries -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", [Step.WELCOME, Step.VOTING, Step.REVEALED, Step.AGREEING, Step.DOTS])
def test_the_page_and_fragment_cost_a_bounded_number_of_queries(
    workshop, principle, stages, fran, step, django_assert_max_num_queries
):
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 5})
    phone = Phone(workshop).join()
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 3], rag="amber")
        ideas.post_idea(workshop, principle, f"Idea {n}", attendee=attendee)
    services.agree_view(workshop, principle, stage=stages[1], rag="amber", evidence="Heard", recorded_by=fran)
    services.go_to(workshop, step, principle if step != Step.WELCOME else None)
    phone.page()  # the framework version is read once per process
    with django_assert_max_num_queries(9):
        assert phone.page().status_code == 200
    with django_assert_max_num_queries(7):
        fragment = phone.client.get(phone.url("live") + "?state=x")
        assert fragment.status_code == 200
    with django_assert_max_num_queries(3):  # the workshop, the phone's attendee, the version
        assert (
            phone.client.get(phone.url("live") + "?state=x", headers={"if-none-match": fragment["ETag"]}).status_code
            == 304
        )


ODD = ["", "\x00", "x" * 20000, "☃", "-1", "99999999999999999999", "object"]


@pytest.mark.parametrize("step", [Step.WELCOME, Step.VOTING, Step.AGREEING, Step.DOTS])
def test_no_odd_input_makes_a_server_error(workshop, phone, principle, fran, stages, step):
    services.agree_view(workshop, principle, stage=stages[0], rag="red", evidence="", recorded_by=fran)
    posted = ideas.post_idea(workshop, principle, "An idea")
    services.go_to(workshop, step, principle if step not in (Step.WELCOME, Step.DOTS) else None)
    for value in ODD:
        data = {name: value for name in ("stage", "rag", "ticked", "stance", "reason", "idea", "action")}
        for name, argument in (("vote", principle.key), ("reply", principle.key), ("idea", principle.key)):
            assert phone.post(name, argument, data=data).status_code < 500
        assert phone.post("dot", posted.pk, data=data).status_code < 500
        assert phone.client.post(reverse("phone:join"), {"code": value}).status_code < 500
        assert phone.client.post(phone.url("join-code"), {"perspective": value}).status_code < 500
