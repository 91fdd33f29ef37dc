"""The honest hint: a stage chosen two or more stages above the statements ticked is gently pointed out to the
person answering (and to the facilitator typing in their paper form), never blocks anything, and is shown to
nobody else."""

import re

import pytest
from django.urls import reverse

from coreflect.frameworks.models import Framework
from coreflect.reflections import hints, services
from coreflect.reflections.models import Participant, RoundStatus
from tests.reflections.conftest import Visitor, make_round

pytestmark = pytest.mark.django_db

HINT = "The stage you chose is two or more stages above the statements you ticked."
PAPER_HINT = "The stage chosen for this part is two or more stages above the statements ticked."
PRINCIPLE = "people-as-assets"
# In the 2011 tool, statements 1–3 sit at "not yet", 4–5 at "the basics", 6–8 at "getting there", 9–11 at
# "doing really well" (stages 0 to 3).
BASICS, GETTING_THERE = f"{PRINCIPLE}-4", f"{PRINCIPLE}-6"


def tool(slug="how-are-you-doing-2011"):
    version = Framework.objects.get(slug=slug).current_version
    principle = version.principles[0]
    return version.document, principle


@pytest.mark.parametrize(
    ("ticked", "stage", "hinted"),
    [
        ([BASICS], "getting-there", False),  # exactly one above: an honest judgement
        ([BASICS], "doing-really-well", True),  # two above
        ([BASICS, GETTING_THERE], "doing-really-well", False),  # the highest ticked stage counts
        ([f"{PRINCIPLE}-9"], "not-yet", False),  # below what was ticked is never hinted
        ([], "basics", False),  # nothing ticked sits at the first stage, which needs no statements
        ([], "getting-there", True),
        ([BASICS], "", False),  # no stage chosen
    ],
)
def test_the_hint_starts_two_stages_above_the_highest_statement_ticked(ticked, stage, hinted):
    document, principle = tool()
    assert principle["key"] == PRINCIPLE
    assert hints.stage_well_ahead(document, principle, stage, ticked) is hinted


def test_frameworks_that_ask_no_stage_never_hint():
    document, principle = tool("how-are-we-doing")
    assert not hints.stage_well_ahead(document, principle, "doing-really-well", [])


@pytest.fixture
def answered(open_round):
    visitor = Visitor(open_round)
    visitor.join()
    response = visitor.answer(PRINCIPLE, stage="doing-really-well", ticked=[BASICS], evidence="We try hard")
    assert response.status_code == 302  # saved, not stopped
    return visitor


def test_the_principle_page_and_check_answers_page_say_so_after_saving(answered):
    page = answered.client.get(answered.url("principle", PRINCIPLE)).content.decode()
    assert HINT in page and "say why in your evidence" in page and "Only you see this note" in page
    assert 'class="govuk-inset-text coreflect-stage-hint"' in page

    check = answered.client.get(answered.url("check")).content.decode()
    assert check.count(HINT) == 1
    link = reverse("journey:principle", args=[answered.code, PRINCIPLE])
    assert re.search(rf'<a class="govuk-link" href="{link}">Look again at [^<]+</a>', check)


def test_the_task_list_says_so_straight_after_saving(answered):
    tasks = answered.client.get(answered.url("tasks")).content.decode()
    hint = "The stage you chose is two or more above the statements you ticked: worth a second look, if you like."
    assert tasks.count(hint) == 1
    assert f'aria-describedby="hint-{PRINCIPLE} status-{PRINCIPLE}"' in tasks


def test_an_answer_within_one_stage_gets_no_hint(visitor):
    visitor.join()
    visitor.answer(PRINCIPLE, stage="getting-there", ticked=[BASICS])
    assert HINT not in visitor.client.get(visitor.url("principle", PRINCIPLE)).content.decode()
    assert HINT not in visitor.client.get(visitor.url("check")).content.decode()
    assert "worth a second look" not in visitor.client.get(visitor.url("tasks")).content.decode()


def test_the_hint_never_stops_anyone_sending(answered):
    response = answered.client.post(answered.url("check"))
    assert response.status_code == 302 and response["Location"] == answered.url("submitted")
    assert Participant.objects.get().submitted_at is not None


def test_nobody_else_sees_the_hint(answered, client_for, alice, open_round):
    answered.client.post(answered.url("check"))
    for _ in range(5):  # enough people for a batch, so results have something to show
        other = Visitor(open_round)
        other.join()
        other.answer(PRINCIPLE, stage="doing-really-well", ticked=[BASICS])
        other.client.post(other.url("check"))
    services.set_status(open_round, RoundStatus.CLOSED)
    client = client_for(alice)
    for name in ("results:overview", "results:perspectives", "exports:report", "exports:data-csv", "exports:data-json"):
        response = client.get(reverse(name, args=[open_round.pk]))
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        assert "two or more stages above" not in text and "Only you see this note" not in text, name


def test_the_facilitator_typing_in_a_paper_form_gets_the_same_hint(client_for, fran, open_round):
    client = client_for(fran)
    url = reverse("reflections:paper", args=[open_round.pk])
    key = re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {
        "form_key": key,
        "perspective": open_round.perspectives.get(key="family-carer").pk,
        f"{PRINCIPLE}-stage": "doing-really-well",
        f"{PRINCIPLE}-ticked": [BASICS],
    }
    saved = client.post(url, data, follow=True).content.decode()
    assert "Paper response saved" in saved  # never blocked
    assert "the stage chosen for Recognising people as assets, and using their skills" in saved

    participant = Participant.objects.get()
    change = reverse("reflections:paper-change", args=[open_round.pk, participant.pk])
    page = client.get(change).content.decode()
    assert page.count(PAPER_HINT) == 1 and "Check it was typed in as the person wrote it" in page


def test_a_named_round_is_the_same(riverside, alice):
    named = make_round(riverside, alice, anonymous=False)
    visitor = Visitor(named)
    visitor.join(name="Ola")
    visitor.answer(PRINCIPLE, stage="getting-there")  # nothing ticked, two above the first stage
    assert HINT in visitor.client.get(visitor.url("check")).content.decode()
