"""A facilitator says why an idea was not taken up; people who took part read it on their "what happened" page."""

from django.urls import reverse

from coreflect.actions import services
from tests.reflections.conftest import make_round


def test_a_facilitator_says_why_an_idea_was_not_taken_up(riverside, alice, fran, client_for):
    round_ = make_round(riverside, alice)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    idea = services.add_idea(round_, principle=principle, text="Free parking")
    url = reverse("actions:why-not", args=[round_.pk, idea.pk])
    client = client_for(fran)

    assert "Say why it was not taken up" in client.get(reverse("actions:ideas", args=[round_.pk])).content.decode()
    response = client.post(url, {"why_not_chosen": "x" * 1001})
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "The reason must be 1,000 characters or fewer" in page
    assert "x" * 1001 in page  # nothing typed is lost

    response = client.post(url, {"why_not_chosen": "  The car park is not ours  "})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.why_not_chosen == "The car park is not ours"
    page = client.get(reverse("actions:ideas", args=[round_.pk])).content.decode()
    assert "Not taken up because: The car park is not ours" in page
    assert "Change why it was not taken up" in page
    assert "The car park is not ours" in client.get(url).content.decode()


def test_the_why_not_page_and_the_switch_run_a_fixed_number_of_queries(
    riverside, alice, fran, client_for, django_assert_max_num_queries
):
    round_ = make_round(riverside, alice)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    ideas = [services.add_idea(round_, principle=principle, text=f"Idea {n}") for n in range(5)]
    client = client_for(fran)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("actions:why-not", args=[round_.pk, ideas[0].pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert (
            client.post(reverse("reflections:publish-happened", args=[round_.pk]), {"publish": "yes"}).status_code
            == 302
        )
