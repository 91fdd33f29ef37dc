"""Facilitators type in completed paper forms, marked as entered from paper."""

from django.urls import reverse

from coreflect.reflections.models import Participant, Response


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


def test_a_paper_response_is_saved_as_a_submitted_participant(client_for, fran, open_round):
    response = client_for(fran).post(
        reverse("reflections:paper", args=[open_round.pk]), paper_form(open_round), follow=True
    )
    assert "Paper response saved" in response.content.decode()
    participant = Participant.objects.get()
    assert participant.entered_from_paper and participant.entered_by == fran and participant.submitted_at
    assert participant.perspective.key == "family-carer"
    answers = {r.principle.key: r for r in Response.objects.all()}
    assert set(answers) == {"people-as-assets", "reciprocity"}  # blank parts are left out
    assert answers["people-as-assets"].evidence == "Written on the paper form"
    assert answers["people-as-assets"].ticked.count() == 2 and answers["people-as-assets"].completed


def test_paper_entry_explains_mistakes_and_keeps_what_was_typed(client_for, fran, open_round):
    data = paper_form(open_round, perspective="", **{"reciprocity-stage": "not-a-stage"})
    page = client_for(fran).post(reverse("reflections:paper", args=[open_round.pk]), data).content.decode()
    assert "Select the description that fits you best" in page
    assert "Choose a stage from the list" in page
    assert "Written on the paper form" in page
    assert not Participant.objects.exists()


def test_paper_entry_works_while_the_round_is_closed(client_for, fran, open_round):
    open_round.status = "closed"
    open_round.save()
    client_for(fran).post(reverse("reflections:paper", args=[open_round.pk]), paper_form(open_round))
    assert Participant.objects.get().entered_from_paper
