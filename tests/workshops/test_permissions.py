"""Who may use each facilitator's workshop page: facilitators and admins run a workshop; viewers may watch the
projector and read the record but change nothing; another organisation's workshop is a 404."""

import pytest
from django.urls import reverse

from coreflect.workshops import ideas, services
from coreflect.workshops.models import Step
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def targets(workshop, principle, riverside, alice):
    services.go_to(workshop, Step.VOTING, principle)
    posted = ideas.post_idea(workshop, principle, "An idea")
    fresh = make_round(riverside, alice, title="Another round")
    return {
        "workshop": [workshop.pk],
        "round": [fresh.pk],
        "idea": [workshop.pk, posted.pk],
    }


EVERYONE_OUT = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404}
# A GET that facilitators use; viewers may not.
RUN_GET = {**EVERYONE_OUT, "bob": 403, "fran": 200, "alice": 200}
# Viewers and facilitators may watch and read.
WATCH = {**EVERYONE_OUT, "bob": 200, "fran": 200, "alice": 200}


def run_post(ok: int) -> dict:
    """A facilitator's change: `ok` is what an empty post gives (302 back to the console, 200 with errors)."""
    return {**EVERYONE_OUT, "bob": 403, "fran": ok, "alice": ok}


MATRIX = [
    ("workshops:start", "round", "get", RUN_GET),
    ("workshops:start", "round", "post", run_post(200)),
    ("workshops:console", "workshop", "get", RUN_GET),
    ("workshops:console-live", "workshop", "get", RUN_GET),
    ("workshops:step", "workshop", "post", run_post(302)),
    ("workshops:hands", "workshop", "post", run_post(302)),
    ("workshops:agree", "workshop", "post", run_post(200)),
    ("workshops:dissent", "workshop", "post", run_post(302)),
    ("workshops:finish", "workshop", "get", RUN_GET),
    ("workshops:finish", "workshop", "post", run_post(302)),
    ("workshops:add-idea", "workshop", "post", run_post(200)),
    ("workshops:hide-idea", "idea", "post", run_post(302)),
    ("workshops:merge-ideas", "workshop", "post", run_post(200)),
    ("workshops:dots", "workshop", "post", run_post(302)),
    ("workshops:make-action", "workshop", "post", run_post(200)),
    ("workshops:projector", "workshop", "get", WATCH),
    ("workshops:projector-live", "workshop", "get", WATCH),
    ("workshops:record", "workshop", "get", WATCH),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, targets, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=targets[target]), expected)


def test_every_workshop_view_is_in_the_permission_table():
    from coreflect.workshops import urls

    assert {pattern.name for pattern in urls.urlpatterns} == {name.split(":")[1] for name, *_ in MATRIX}


def test_another_organisations_idea_is_404_through_my_workshop(client_for, fran, carol, workshop, principle, hillside):
    """An idea is found only inside the workshop named in the address."""
    other_round = make_round(hillside, carol, title="Hillside homes")
    other = services.start_workshop(other_round, started_by=carol)
    posted = ideas.post_idea(other, other_round.framework_version.principle_rows.first(), "Theirs")
    response = client_for(fran).post(reverse("workshops:hide-idea", args=[workshop.pk, posted.pk]), {"hidden": "1"})
    assert response.status_code == 404
    posted.refresh_from_db()
    assert not posted.is_hidden


def test_a_viewer_sees_the_workshops_on_the_round_page_but_cannot_start_one(client_for, bob, workshop):
    page = client_for(bob).get(reverse("reflections:detail", args=[workshop.round_id])).content.decode()
    assert reverse("workshops:record", args=[workshop.pk]) in page
    assert reverse("workshops:projector", args=[workshop.pk]) in page
    assert reverse("workshops:start", args=[workshop.round_id]) not in page
    assert f'href="{reverse("workshops:console", args=[workshop.pk])}"' not in page
