"""Workshops for the tests: Riverside's open round with a running workshop, and phones that join it."""

import pytest

from coreflect.workshops import services
from tests.reflections.conftest import make_round


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


@pytest.fixture
def workshop(open_round, fran):
    return services.start_workshop(open_round, started_by=fran)


@pytest.fixture
def principle(open_round):
    return open_round.framework_version.principle_rows.order_by("position").first()


@pytest.fixture
def stages(open_round):
    return list(open_round.framework_version.stage_rows.order_by("position"))


def join_many(workshop, counts: dict[str, int]):
    """Phones joining: {perspective key: how many}. Returns the attendees in order."""
    attendees = []
    for key, n in counts.items():
        perspective = workshop.round.perspectives.get(key=key)
        attendees += [services.join(workshop, perspective)[0] for _ in range(n)]
    return attendees
