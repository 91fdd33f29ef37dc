"""Starting the next round: the facilitator names it, and a round only ever gets one next round,
however often "Start the next round" is pressed."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from coreflect.reflections import services
from coreflect.reflections.models import Round, RoundStatus

from .conftest import make_round


@pytest.fixture
def closed_round(riverside, alice):
    return make_round(riverside, alice, status=RoundStatus.CLOSED)


def next_url(round_):
    return reverse("reflections:next", args=[round_.pk])


def test_the_round_page_offers_the_next_round_once_the_round_is_closed(client_for, fran, open_round, closed_round):
    client = client_for(fran)
    assert (
        "Start the next round" not in client.get(reverse("reflections:detail", args=[open_round.pk])).content.decode()
    )
    page = client.get(reverse("reflections:detail", args=[closed_round.pk])).content.decode()
    assert f'href="{next_url(closed_round)}"' in page and "Start the next round" in page


def test_the_facilitator_names_the_next_round(client_for, fran, closed_round):
    client = client_for(fran)
    page = client.get(next_url(closed_round)).content.decode()
    assert '<label class="govuk-label govuk-label--l" for="id_title">What is the next round called?</label>' in page
    assert "People taking part will see this." in page
    assert 'value="Day services 2026 – next round"' in page  # suggested, ready to change
    response = client.post(next_url(closed_round), {"title": "Day services 2027"}, follow=True)
    following = closed_round.next_rounds.get()
    assert response.redirect_chain[-1][0] == reverse("reflections:detail", args=[following.pk])
    page = response.content.decode()
    assert "The next round is set up as a draft" in page
    assert following.title == "Day services 2027" and following.status == RoundStatus.DRAFT
    assert [p.key for p in following.perspectives.all()] == [p.key for p in closed_round.perspectives.all()]
    # The new round's page links back to the round it follows.
    assert f'This round follows: <a class="govuk-link" href="/rounds/{closed_round.pk}/">Day services 2026</a>' in page


@pytest.mark.parametrize(
    "title, message",
    [("   ", "Enter a title for the next round"), ("x" * 201, "The title must be 200 characters or fewer")],
)
def test_a_bad_title_is_explained_and_kept(client_for, fran, closed_round, title, message):
    response = client_for(fran).post(next_url(closed_round), {"title": title})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Start the next round – Coreflect</title>" in page
    assert "There is a problem" in page and page.count(message) >= 2  # in the summary and next to the field
    if title.strip():
        assert f'value="{title}"' in page
    assert not closed_round.next_rounds.exists()


def test_pressing_again_goes_to_the_next_round_instead_of_making_another(client_for, fran, alice, closed_round):
    client = client_for(fran)
    client.post(next_url(closed_round), {"title": "Day services 2027"})
    following = closed_round.next_rounds.get()
    # The back button, a second tab or a double click: the same round, not another one.
    again = client_for(alice).post(next_url(closed_round), {"title": "Another one"}, follow=True)
    assert again.redirect_chain[-1][0] == reverse("reflections:detail", args=[following.pk])
    assert "This round already has a next round, so no other was set up." in again.content.decode()
    assert client.get(next_url(closed_round)).url == reverse("reflections:detail", args=[following.pk])
    assert closed_round.next_rounds.count() == 1
    assert Round.objects.get(pk=following.pk).title == "Day services 2027"


def test_once_there_is_a_next_round_the_round_page_links_to_it(client_for, bob, fran, closed_round):
    client_for(fran).post(next_url(closed_round), {"title": "Day services 2027"})
    following = closed_round.next_rounds.get()
    for person in (fran, bob):
        page = client_for(person).get(reverse("reflections:detail", args=[closed_round.pk])).content.decode()
        assert f'Next round: <a class="govuk-link" href="/rounds/{following.pk}/">Day services 2027</a>' in page
        assert "Start the next round" not in page


def test_the_service_gives_back_the_round_already_made(closed_round, fran):
    first, made = services.start_next_round(closed_round, created_by=fran, title="Day services 2027")
    second, made_again = services.start_next_round(closed_round, created_by=fran, title="Something else")
    assert made and not made_again and first == second
    assert closed_round.next_rounds.count() == 1


@pytest.mark.parametrize("only", [True, False])
def test_the_next_round_keeps_who_may_take_part_but_not_the_personal_links(closed_round, fran, only):
    from coreflect.reflections import invitations

    invitations.set_personal_links_only(closed_round, only)
    perspective = closed_round.perspectives.first()
    invitations.make_links(closed_round, perspective, 3)
    next_round, _made = services.start_next_round(closed_round, created_by=fran, title="Day services 2027")
    assert next_round.personal_links_only is only
    assert not next_round.personal_links.exists()


@pytest.mark.django_db(transaction=True)
def test_presses_at_the_same_moment_make_one_next_round(riverside, alice):
    closed_round = make_round(riverside, alice, status=RoundStatus.CLOSED)
    presses = 6
    ready = threading.Barrier(presses, timeout=60)
    made, failures = [], []

    def press(number):
        try:
            ready.wait()
            round_, new = services.start_next_round(closed_round, created_by=alice, title=f"Press {number}")
            made.append((round_.pk, new))
        except Exception as error:
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(n,)) for n in range(presses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert closed_round.next_rounds.count() == 1
    assert len({pk for pk, _new in made}) == 1 and sum(new for _pk, new in made) == 1


def test_the_form_runs_a_fixed_number_of_queries(client_for, fran, closed_round, django_assert_max_num_queries):
    client = client_for(fran)
    with django_assert_max_num_queries(8):
        assert client.get(next_url(closed_round)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.post(next_url(closed_round), {"title": "Day services 2027"}).status_code == 302
