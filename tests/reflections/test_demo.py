"""The demo rounds: one open round per built-in framework, with varied, made-up answers worth looking at."""

from collections import Counter
from statistics import median

import pytest
from django.db.models import Count, F

from coreflect.frameworks.models import Framework
from coreflect.reflections.demo import EVIDENCE_GOING_WELL, EVIDENCE_NOT_YET, IDEAS, REFLECTIONS, seed_demo_rounds
from coreflect.reflections.models import Participant, PerspectiveGroup, Response, Round, RoundStatus
from coreflect.results import gaps, queries

BUILTINS = {"how-are-we-doing", "how-are-you-doing-2011", "scie-lens"}


@pytest.fixture
def demo_rounds(riverside, fran):
    return seed_demo_rounds(riverside, fran)


def stage_positions(round_, group):
    return [
        response.stage.position
        for response in Response.objects.filter(
            participant__round=round_, participant__perspective__group=group, stage__isnull=False
        ).select_related("stage")
    ]


def snapshot():
    return (
        Round.objects.count(),
        Participant.objects.count(),
        Response.objects.count(),
        Response.ticked.through.objects.count(),
        Counter(Response.objects.values_list("participant__round__title", "principle__key", "stage__key", "rag")),
    )


def test_one_open_anonymous_round_per_builtin_framework(demo_rounds, riverside):
    assert len(demo_rounds) == 3
    assert {round_.framework_version.framework.slug for round_ in demo_rounds} == BUILTINS
    for round_ in demo_rounds:
        assert round_.organisation == riverside and "(demo)" in round_.title
        assert round_.status == RoundStatus.OPEN and round_.is_accepting_answers
        assert round_.anonymous and round_.threshold == 5
        assert (
            round_.framework_version
            == Framework.objects.get(slug=round_.framework_version.framework.slug).current_version
        )
        assert round_.perspectives.count() == 7


def test_each_round_has_big_groups_to_show_and_small_groups_to_hide(demo_rounds):
    for round_ in demo_rounds:
        counts = dict(round_.perspectives.annotate(people=Count("participants")).values_list("key", "people"))
        assert 35 <= sum(counts.values()) <= 45, round_.title
        assert len([n for n in counts.values() if n >= 5]) >= 2, counts
        assert any(1 <= n <= 4 for n in counts.values()), counts
        assert counts["draws-on-support"] > counts["commissioner"] and counts["frontline"] > counts["partner"]


def test_most_people_submitted_some_are_still_answering_and_a_few_used_paper(demo_rounds):
    for round_ in demo_rounds:
        people = round_.participants.all()
        submitted = people.filter(submitted_at__isnull=False).count()
        assert people.filter(submitted_at__isnull=True).exists()
        assert submitted >= 0.8 * people.count()
        paper = people.filter(entered_from_paper=True)
        assert paper.count() == 3 and all(p.submitted_at for p in paper)
        assert set(paper.values_list("perspective__group", flat=True)) == {PerspectiveGroup.LIVED_EXPERIENCE}
        assert not people.filter(entered_from_paper=False, entered_by__isnull=False).exists()
        principle_count = round_.framework_version.principle_rows.count()
        answered = Counter(Response.objects.filter(participant__round=round_).values_list("participant", flat=True))
        assert all(1 <= n <= principle_count for n in answered.values())
        assert Counter(answered.values())[principle_count] >= 0.6 * people.count()  # most answer everything
        assert any(n < principle_count for n in answered.values())  # but not everybody


def test_answers_were_given_over_the_last_few_weeks(demo_rounds):
    for round_ in demo_rounds:
        people = list(round_.participants.all())
        days = {person.created_at.date() for person in people}
        assert len(days) >= 10
        assert all(round_.created_at < person.created_at for person in people)
        assert all(person.submitted_at >= person.created_at for person in people if person.submitted_at)


def test_every_answer_points_at_the_rounds_framework_version(demo_rounds):
    for round_ in demo_rounds:
        version_id = round_.framework_version_id
        responses = Response.objects.filter(participant__round=round_)
        assert responses.exists()
        assert not responses.exclude(principle__version_id=version_id).exists()
        assert not responses.filter(stage__isnull=False).exclude(stage__version_id=version_id).exists()
        through = Response.ticked.through.objects.filter(response__participant__round=round_)
        assert through.exists()
        assert not through.exclude(indicator__version_id=version_id).exists()
        assert not through.exclude(indicator__principle=F("response__principle")).exists()


def test_only_what_each_framework_asks_for_is_answered(demo_rounds):
    by_slug = {round_.framework_version.framework.slug: round_ for round_ in demo_rounds}
    for slug, round_ in by_slug.items():
        kinds = set(round_.framework_version.prompt_kinds)
        responses = Response.objects.filter(participant__round=round_)
        for field, kind in [
            ("evidence", "evidence"),
            ("reflections", "reflections"),
            ("ideas", "ideas"),
            ("rag", "rag"),
        ]:
            filled = responses.exclude(**{field: ""}).count()
            if kind in kinds:
                assert 0 < filled < responses.count(), (slug, field)  # written often, but some left blank
            else:
                assert filled == 0, (slug, field)
        assert responses.filter(stage__isnull=False).exists() == ("stage" in kinds)


def test_people_on_the_2011_tool_choose_stages_and_staff_see_things_more_rosily(demo_rounds):
    round_ = next(r for r in demo_rounds if r.framework_version.framework.slug == "how-are-you-doing-2011")
    staff = stage_positions(round_, PerspectiveGroup.STAFF)
    lived = stage_positions(round_, PerspectiveGroup.LIVED_EXPERIENCE)
    assert median(staff) > median(lived)
    rags = Response.objects.filter(participant__round=round_).exclude(rag="")
    staff_green = rags.filter(participant__perspective__group=PerspectiveGroup.STAFF, rag="green").count()
    lived_green = rags.filter(participant__perspective__group=PerspectiveGroup.LIVED_EXPERIENCE, rag="green").count()
    assert staff_green > lived_green
    assert set(rags.values_list("rag", flat=True)) == {"red", "amber", "green"}
    assert len(set(staff + lived)) >= 3  # a spread of stages, not one answer


def test_ticks_mostly_match_the_chosen_stage_but_some_people_choose_ahead(demo_rounds):
    round_ = next(r for r in demo_rounds if r.framework_version.framework.slug == "how-are-you-doing-2011")
    responses = (
        Response.objects.filter(participant__round=round_, stage__isnull=False)
        .select_related("stage")
        .prefetch_related("ticked__stage")
    )
    at_or_below = above = ahead = 0
    for response in responses:
        ticked = [indicator.stage.position for indicator in response.ticked.all()]
        at_or_below += sum(1 for position in ticked if 0 < position <= response.stage.position)
        above += sum(1 for position in ticked if position > response.stage.position)
        positive = [position for position in ticked if position > 0]
        if positive and max(positive) < response.stage.position:
            ahead += 1
    assert at_or_below > 4 * above > 0
    assert ahead > 0


def test_seeding_again_changes_nothing(demo_rounds, riverside, fran):
    before = snapshot()
    again = seed_demo_rounds(riverside, fran)
    assert [round_.pk for round_ in again] == [round_.pk for round_ in demo_rounds]
    assert snapshot() == before


def test_a_missing_round_is_added_back_without_touching_the_others(demo_rounds, riverside, fran):
    kept = Participant.objects.filter(round=demo_rounds[0]).count()
    gone_title = demo_rounds[1].title
    demo_rounds[1].participants.all().delete()  # Participant.perspective protects a round that still has people
    demo_rounds[1].delete()
    rounds = seed_demo_rounds(riverside, fran)
    assert [r.title for r in rounds] == [r.title for r in demo_rounds]
    assert rounds[0].pk == demo_rounds[0].pk and Participant.objects.filter(round=rounds[0]).count() == kept
    assert Round.objects.filter(organisation=riverside, title=gone_title).count() == 1


def test_the_same_seed_gives_the_same_answers_elsewhere(demo_rounds, hillside, carol):
    seed_demo_rounds(hillside, carol)

    def shape(organisation):
        return Counter(
            Response.objects.filter(participant__round__organisation=organisation).values_list(
                "participant__round__title", "participant__perspective__key", "principle__key", "stage__key", "rag"
            )
        )

    assert shape(hillside) == shape(demo_rounds[0].organisation)


def test_anonymous_participants_have_no_names(demo_rounds):
    assert Participant.objects.count() > 0
    assert not Participant.objects.exclude(name="").exists()


def test_the_made_up_text_is_respectful_and_varied(demo_rounds):
    pools = [EVIDENCE_GOING_WELL + EVIDENCE_NOT_YET, REFLECTIONS, IDEAS]
    assert all(len(pool) >= 30 and len(set(pool)) == len(pool) for pool in pools)
    for snippet in [text for pool in pools for text in pool]:
        lowered = snippet.lower()
        assert "service user" not in lowered and "vulnerable" not in lowered and "let them" not in lowered
    used = Response.objects.exclude(evidence="").values_list("evidence", flat=True).distinct().count()
    assert used >= 20
    reflections = Response.objects.exclude(reflections="").values_list("reflections", flat=True).distinct().count()
    assert reflections >= 20


def test_seeding_uses_few_queries(riverside, fran, django_assert_max_num_queries):
    # About one query per person plus a handful per round: three rounds of 40 seed in well under a second.
    with django_assert_max_num_queries(260):
        seed_demo_rounds(riverside, fran)
    assert Participant.objects.filter(round__organisation=riverside).count() >= 105


def test_the_answers_are_counted_with_the_other_open_rounds(demo_rounds, riverside):
    counts = Round.objects.filter(organisation=riverside).annotate_counts()
    assert all(round_.submitted_count >= 30 and round_.started_count > round_.submitted_count for round_ in counts)


def test_the_demo_shows_perception_gaps_and_small_groups_hidden(demo_rounds):
    round_ = next(r for r in demo_rounds if r.framework_version.framework.slug == "how-are-you-doing-2011")
    found = gaps.perception_gaps(round_)
    assert sum(gap.comparable for gap in found) >= 2  # the heart of the demo: gaps to talk about
    hidden = {p.key for p, count in queries.overview(round_).by_perspective if getattr(count, "hidden", False)}
    assert "commissioner" in hidden  # and a group too small to show, hidden
