"""Anonymity that holds: once people have answered, a round's settings can only get stricter, and an
anonymous round keeps no time finer than the day for anyone who took part."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coreflect.reflections import services
from coreflect.reflections.demo import seed_demo_rounds
from coreflect.reflections.models import Participant, Response, Round

from .conftest import Visitor, make_round
from .test_rounds import round_form

STAY_ANONYMOUS = "Select ‘Yes’ – people have already answered anonymously, so answers must stay anonymous"


def edit(client, round_, **overrides):
    data = round_form(title="Renamed round", **overrides)
    data.pop("perspectives")
    return client.post(reverse("reflections:edit", args=[round_.pk]), data, follow=True)


def take_part(round_, perspective="frontline", **extra):
    visitor = Visitor(round_)
    visitor.join(perspective, **extra)
    visitor.answer("people-as-assets", stage="basics")
    visitor.client.post(visitor.url("check"))
    return visitor


def at_midnight(when) -> bool:
    return timezone.localtime(when).time() == time(0)


@pytest.fixture
def answered_round(open_round):
    take_part(open_round)
    return open_round


def test_the_form_says_why_anonymity_and_the_smallest_group_are_fixed(client_for, fran, answered_round):
    page = client_for(fran).get(reverse("reflections:edit", args=[answered_round.pk])).content.decode()
    assert "People have already answered anonymously, so answers must stay anonymous." in page
    assert "People have already answered, so this number can go up but not down." in page


def test_a_round_people_answered_anonymously_cannot_become_named(client_for, fran, answered_round):
    page = edit(client_for(fran), answered_round, anonymous="no").content.decode()
    assert "There is a problem" in page
    assert page.count(STAY_ANONYMOUS) >= 2  # next to the question and in the summary
    assert 'value="Renamed round"' in page  # what was typed is kept
    answered_round.refresh_from_db()
    assert answered_round.anonymous and answered_round.title == "Day services 2026"


def test_the_smallest_group_cannot_go_down_once_people_have_answered(client_for, fran, answered_round):
    page = edit(client_for(fran), answered_round, threshold="2").content.decode()
    assert "There is a problem" in page
    assert page.count("Enter 5 or more – people have already answered, so the smallest group cannot go down") >= 2
    assert 'name="threshold" value="2"' in page
    answered_round.refresh_from_db()
    assert answered_round.threshold == 5 and answered_round.title == "Day services 2026"


def test_the_smallest_group_can_go_up_once_people_have_answered(client_for, fran, answered_round):
    page = edit(client_for(fran), answered_round, threshold="6").content.decode()
    assert "Round details saved" in page
    answered_round.refresh_from_db()
    assert answered_round.threshold == 6 and answered_round.title == "Renamed round"


def test_a_named_round_can_become_anonymous_after_people_answered(client_for, fran, riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    take_part(round_, name="Sam Jones")
    page = client_for(fran).get(reverse("reflections:edit", args=[round_.pk])).content.decode()
    assert "You can make answers anonymous, but you cannot then change back." in page

    assert "Round details saved" in edit(client_for(fran), round_, anonymous="yes").content.decode()
    round_.refresh_from_db()
    assert round_.anonymous
    participant, answer = Participant.objects.get(), Response.objects.get()
    assert at_midnight(participant.created_at) and at_midnight(participant.submitted_at)
    assert at_midnight(answer.updated_at)
    assert "Round details saved" not in edit(client_for(fran), round_, anonymous="no").content.decode()


def test_a_round_nobody_has_answered_can_change_freely(client_for, fran, open_round):
    client = client_for(fran)
    assert "Round details saved" in edit(client, open_round, anonymous="no", threshold="2").content.decode()
    open_round.refresh_from_db()
    assert not open_round.anonymous and open_round.threshold == 2
    assert "Round details saved" in edit(client, open_round, anonymous="yes", threshold="3").content.decode()
    open_round.refresh_from_db()
    assert open_round.anonymous and open_round.threshold == 3


def test_the_service_refuses_looser_settings_whoever_asks(answered_round):
    """Someone may answer while a facilitator fills the form in: the service checks again."""
    with pytest.raises(services.SettingsLocked) as refused:
        services.update_round(answered_round, anonymous=False, threshold=3)
    assert refused.value.fields == ["anonymous", "threshold"] and refused.value.threshold == 5
    answered_round.refresh_from_db()
    assert answered_round.anonymous and answered_round.threshold == 5


def test_an_anonymous_round_keeps_times_to_the_day(open_round):
    take_part(open_round)
    participant, answer = Participant.objects.get(), Response.objects.get()
    assert at_midnight(participant.created_at) and at_midnight(participant.submitted_at)
    assert at_midnight(answer.updated_at)
    assert timezone.localtime(participant.submitted_at).date() == timezone.localdate()


def test_a_named_round_keeps_the_time(riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    take_part(round_, name="Sam Jones")
    participant, answer = Participant.objects.get(), Response.objects.get()
    for when in (participant.created_at, participant.submitted_at, answer.updated_at):
        assert abs(timezone.now() - when) < timedelta(minutes=1)
    assert participant.created_at <= answer.updated_at <= participant.submitted_at


def test_demo_rounds_keep_times_to_the_day(riverside, fran):
    for round_ in seed_demo_rounds(riverside, fran, participants_per_round=12):
        people = list(round_.participants.all())
        assert len({person.created_at for person in people}) > 1  # still spread over the weeks
        assert all(at_midnight(person.created_at) for person in people)
        assert all(at_midnight(person.submitted_at) for person in people if person.submitted_at)
        assert all(at_midnight(answer.updated_at) for answer in Response.objects.filter(round=round_))


# --- Closing dates ---------------------------------------------------------------------------------------


def day(offset: int) -> str:
    """A date as someone would type it: `offset` days from today."""
    when = timezone.localdate() + timedelta(days=offset)
    return f"{when.day}/{when.month}/{when.year}"


PAST_CLOSING = "The closing date must be today or in the future"
BEFORE_OPENING = "The closing date must be on or after the opening date"


def test_a_closing_date_in_the_past_is_refused_when_setting_up(client_for, fran):
    response = client_for(fran).post(reverse("reflections:create"), round_form(opens_on="", closes_on=day(-1)))
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'<a href="#id_closes_on">{PAST_CLOSING}</a>' in page  # in the summary, linked to the field
    assert page.count(PAST_CLOSING) == 2  # and next to the field
    assert f'value="{day(-1)}"' in page and 'value="Carers’ support 2026"' in page  # nothing typed is lost
    assert not Round.objects.exists()


def test_a_round_can_close_today(client_for, fran):
    response = client_for(fran).post(reverse("reflections:create"), round_form(opens_on="", closes_on=day(0)))
    assert response.status_code == 302
    assert Round.objects.get().closes_on == timezone.localdate()


def test_a_closing_date_before_the_opening_date_is_refused(client_for, fran):
    page = (
        client_for(fran)
        .post(reverse("reflections:create"), round_form(opens_on=day(10), closes_on=day(5)))
        .content.decode()
    )
    assert page.count(BEFORE_OPENING) == 2 and f'value="{day(10)}"' in page and f'value="{day(5)}"' in page
    assert not Round.objects.exists()


def test_editing_refuses_a_new_closing_date_in_the_past(client_for, fran, open_round):
    page = edit(client_for(fran), open_round, opens_on="", closes_on=day(-3)).content.decode()
    assert page.count(PAST_CLOSING) == 2 and f'value="{day(-3)}"' in page and 'value="Renamed round"' in page
    open_round.refresh_from_db()
    assert open_round.closes_on is None and open_round.title == "Day services 2026"


def test_editing_refuses_a_closing_date_before_the_opening_date(client_for, fran, open_round):
    page = edit(client_for(fran), open_round, opens_on=day(20), closes_on=day(7)).content.decode()
    assert page.count(BEFORE_OPENING) == 2
    open_round.refresh_from_db()
    assert open_round.closes_on is None


def test_a_round_that_closed_in_the_past_can_still_be_renamed(client_for, fran, open_round):
    past = timezone.localdate() - timedelta(days=30)
    Round.objects.filter(pk=open_round.pk).update(opens_on=past - timedelta(days=30), closes_on=past)
    page = edit(client_for(fran), open_round, opens_on=day(-60), closes_on=day(-30)).content.decode()
    assert "Round details saved" in page
    open_round.refresh_from_db()
    assert open_round.title == "Renamed round" and open_round.closes_on == past
