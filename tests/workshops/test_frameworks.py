"""A workshop on each built-in framework: the room is asked for a stage wherever the framework has stages to
choose between, and always for RED/AMBER/GREEN, and the projector shows the spread of what was asked."""

import pytest
from django.urls import reverse

from coreflect.workshops import services
from coreflect.workshops.models import Step
from tests.reflections.conftest import make_round

from .phones import Phone, text_of


@pytest.mark.parametrize(
    ("slug", "asks_stage"),
    [("how-are-you-doing-2011", True), ("how-are-we-doing", True), ("scie-lens", False)],
)
def test_the_room_votes_and_sees_the_spread_on_every_framework(riverside, alice, client_for, slug, asks_stage):
    round_ = make_round(riverside, alice, slug=slug, threshold=2)
    workshop = services.start_workshop(round_, started_by=alice)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    stages = list(round_.framework_version.stage_rows.order_by("position"))
    phones = [Phone(workshop, address=f"198.51.100.{n}").join("frontline") for n in range(3)]
    services.go_to(workshop, Step.VOTING, principle)
    page = phones[0].page().content.decode()
    assert ('name="stage"' in page) is asks_stage
    assert 'name="rag"' in page
    for n, phone in enumerate(phones):
        data = {"rag": ["red", "amber", "green"][n]}
        if asks_stage:
            data["stage"] = stages[n % len(stages)].key
        response = phone.post("vote", principle.key, data=data)
        assert response.status_code == 302, text_of(response)[:300]
    services.go_to(workshop, Step.REVEALED, principle)
    shown = text_of(client_for(alice).get(reverse("workshops:projector", args=[workshop.pk])))
    assert "RED, AMBER or GREEN, by perspective" in shown
    assert ("Stage, by perspective" in shown) is asks_stage
    assert "Everyone 1 1 1" in shown  # one RED, one AMBER, one GREEN
