"""Fixtures for the language lens's tests where staff write: a round, an action in it and a workshop on its first
principle."""

import pytest

from coreflect.actions import services as actions
from coreflect.workshops import services as workshops
from coreflect.workshops.models import Step
from tests.reflections.conftest import make_round


@pytest.fixture
def round_(riverside, alice):
    return make_round(riverside, alice)


@pytest.fixture
def action(riverside, fran, round_):
    return actions.create_action(
        organisation=riverside, created_by=fran, round=round_, principles=[], what="Skills swap", owner_name="Jo"
    )


@pytest.fixture
def workshop(round_, fran):
    workshop = workshops.start_workshop(round_, started_by=fran)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    workshops.go_to(workshop, Step.REVEALED, principle)
    return workshop
