"""A motivated intruder against an anonymous round: gather every figure the results pages show, then
search for the answers of each hidden group.

The attacker knows more than the pages say, to be safe: every perspective's true number of people,
and each perception-gap side's whole spread of stages and scores wherever the gaps page compares it
(the page shows only a median and a share). Their unknowns are how many people of each perspective gave
each answer (stage, RED/AMBER/GREEN, each statement ticked or not); every figure shown is an equation
over them. For each group the pages hide, an integer solver looks for two different answers for it that
fit every equation – the true one, and another. Finding only one means the pages gave the group away.
"""

from collections import Counter

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from coreflect.reflections import disclosure, services
from coreflect.reflections.disclosure import Hidden
from coreflect.reflections.models import PerspectiveGroup, Tally, TickTally
from coreflect.results import gaps, indicators, queries
from tests.reflections.conftest import make_round

PRINCIPLE = "people-as-assets"
STAGES = ["", "not-yet", "basics", "getting-there", "doing-really-well"]
RAGS = ["", "red", "amber", "green"]
TICKED = [True, False]
STATEMENTS = ["people-as-assets-1", "people-as-assets-4"]
KEYS = [key for key, _label, _group in services.DEFAULT_PERSPECTIVES]
SIDES = [PerspectiveGroup.LIVED_EXPERIENCE, PerspectiveGroup.STAFF, PerspectiveGroup.OTHER]


# --- Rounds to attack -------------------------------------------------------------------------------

person = st.tuples(st.sampled_from(STAGES), st.sampled_from(RAGS), st.booleans(), st.booleans())
# People in one group often answer alike: draw some groups from a pool of one or two answers.
alike_people = st.lists(person, min_size=1, max_size=2).flatmap(
    lambda pool: st.lists(st.sampled_from(pool), max_size=12)
)
group = st.tuples(st.sampled_from(SIDES), st.one_of(st.lists(person, max_size=12), alike_people))
rounds = st.tuples(st.sampled_from([3, 4, 5]), st.lists(group, min_size=2, max_size=len(KEYS)))


def build(riverside, alice, threshold, groups):
    """An open anonymous round whose released totals are exactly these people's answers."""
    round_ = make_round(riverside, alice, threshold=threshold, perspectives=KEYS[: len(groups)])
    perspectives = list(round_.perspectives.all())
    tallies, ticks = Counter(), Counter()
    for perspective, (side, people) in zip(perspectives, groups, strict=True):
        perspective.group = side
        perspective.submitted_count = perspective.released_count = len(people)
        perspective.save(update_fields=["group", "submitted_count", "released_count"])
        for stage, rag, *ticked in people:
            tallies[perspective.pk, stage, rag] += 1
            for statement, tick in zip(STATEMENTS, ticked, strict=True):
                ticks[perspective.pk, statement] += tick
    Tally.objects.bulk_create(
        Tally(round=round_, principle_key=PRINCIPLE, perspective_id=pk, stage_key=stage, rag=rag, n=n, shown=n)
        for (pk, stage, rag), n in tallies.items()
    )
    TickTally.objects.bulk_create(
        TickTally(round=round_, indicator_key=statement, perspective_id=pk, n=n, shown=n)
        for (pk, statement), n in ticks.items()
        if n
    )
    return round_, perspectives


def truths(perspectives, groups) -> dict:
    """table -> perspective pk -> Counter(answer -> people): what really happened."""
    tables = {"stage": {}, "rag": {}, **{statement: {} for statement in STATEMENTS}}
    for perspective, (_side, people) in zip(perspectives, groups, strict=True):
        tables["stage"][perspective.pk] = Counter(stage for stage, *_rest in people)
        tables["rag"][perspective.pk] = Counter(rag for _stage, rag, *_ticks in people)
        for index, statement in enumerate(STATEMENTS):
            tables[statement][perspective.pk] = Counter(person[2 + index] for person in people)
    return tables


# --- What the pages show, as equations ----------------------------------------------------------------


def shown_equations(round_, perspectives, truth) -> tuple[dict, dict]:
    """({table: [(cells, value)]}, {table: [hidden perspective pks]}) from the pages' own functions."""
    figures = disclosure.figures(round_)
    summary = next(s for s in queries.overview(round_, figures).principles if s.principle["key"] == PRINCIPLE)
    _perspectives, breakdowns = queries.by_perspective(round_, figures)
    breakdown = next(b for b in breakdowns if b.principle["key"] == PRINCIPLE)
    gap = next(g for g in gaps.perception_gaps(round_, figures) if g.principle["key"] == PRINCIPLE)
    _perspectives, shares = indicators.indicator_shares(round_, figures)
    pks = [p.pk for p in perspectives]
    size = {pk: truth["stage"][pk].total() for pk in pks}
    equations = {table: [] for table in truth}
    hidden = {table: [] for table in truth}
    answers = {"stage": STAGES, "rag": RAGS, **{statement: TICKED for statement in STATEMENTS}}

    for table, values in answers.items():  # everyone's size, known to the attacker
        equations[table] += [([(pk, value) for value in values], size[pk]) for pk in pks]
    for table, values, counts, hidden_why, cells in [
        ("stage", STAGES, summary.stage_counts, summary.stages_hidden, breakdown.stage_cells),
        ("rag", RAGS, summary.rag_counts, summary.rags_hidden, breakdown.rag_cells),
    ]:
        if hidden_why is None:  # the overview: the round's spread
            equations[table] += [([(pk, value) for pk in pks], counts.get(value, 0)) for value in values[1:]]
        for pk in pks:  # by perspective
            if isinstance(cells[pk], Hidden):
                hidden[table].append(pk)
            else:
                equations[table] += [([(pk, value)], cells[pk][value]) for value in values[1:]]
        used = figures.stages(PRINCIPLE) if table == "stage" else figures.rags(PRINCIPLE)  # what the gaps page read
        for side, shown in [(PerspectiveGroup.LIVED_EXPERIENCE, gap.lived), (PerspectiveGroup.STAFF, gap.staff)]:
            if not shown.hidden and shown.people and used.side(side) is not None:  # the whole side, to be safe
                members = [p.pk for p in perspectives if p.group == side]
                equations[table] += [
                    ([(pk, value) for pk in members], sum(truth[table][pk][value] for pk in members))
                    for value in values
                ]
    for statement in STATEMENTS:  # statements people recognise
        share = next(s for s in shares if s.indicator["key"] == statement)
        if share.out_of:
            equations[statement].append(([(pk, True) for pk in pks], share.ticked))
        for pk in pks:
            percent = share.by_perspective[pk]
            if isinstance(percent, Hidden):
                hidden[statement].append(pk)
            elif percent is not None:
                equations[statement].append(([(pk, True)], round(percent * size[pk] / 100)))
    return equations, {table: [pk for pk in rows if size[pk]] for table, rows in hidden.items()}


def another_answer(equations, values, pks, target, truth) -> bool:
    """Whether the target perspective could have answered otherwise than `truth` (its Counter), with
    whole numbers of people fitting every equation: its smallest and then largest spread are sought, in
    an order that tells every spread apart, until one differs from the truth."""
    cells = [(pk, value) for pk in pks for value in values]
    column = {cell: index for index, cell in enumerate(cells)}
    matrix = np.zeros((len(equations), len(cells)))
    for row, (members, _value) in enumerate(equations):
        for cell in members:
            matrix[row, column[cell]] = 1
    bound = np.array([value for _members, value in equations], dtype=float)
    weights = np.zeros(len(cells))
    for power, value in enumerate(values):
        weights[column[target, value]] = 13**power  # 13 > anyone's group size: different spreads differ
    true_value = sum(13**power * truth[value] for power, value in enumerate(values))
    for sign in (1, -1):
        result = milp(
            sign * weights,
            constraints=LinearConstraint(matrix, bound, bound),
            integrality=np.ones(len(cells)),
            bounds=Bounds(0, np.inf),
        )
        assert result.status == 0, "the true answers must fit what the pages show"
        if round(result.fun * sign) != true_value:
            return True
    return False


def attack(round_, perspectives, groups):
    truth = truths(perspectives, groups)
    equations, hidden = shown_equations(round_, perspectives, truth)
    pks = [p.pk for p in perspectives]
    for table, values in [("stage", STAGES), ("rag", RAGS), *[(s, TICKED) for s in STATEMENTS]]:
        for pk in hidden[table]:
            assert another_answer(equations[table], values, pks, pk, truth[table][pk]), (
                f"{table}: the hidden group {pk} can be worked out"
            )
    return hidden


# --- The attacks --------------------------------------------------------------------------------------


@pytest.mark.django_db
@settings(max_examples=1000, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=rounds)
def test_no_hidden_group_can_be_worked_out_from_every_page(riverside, alice, spec):
    threshold, groups = spec
    round_, perspectives = build(riverside, alice, threshold, groups)
    attack(round_, perspectives, groups)


def test_the_example_from_the_issue(riverside, alice, client_for, bob):
    """Lived experience A = 2 (all GREEN) and B = 10 (5 GREEN, 5 AMBER); staff C = 6 (all GREEN) and
    D = 5 (all RED). Perception gaps once showed 58% and 55% GREEN, which with B and D shown gave A and
    C away exactly."""
    lived, staff = PerspectiveGroup.LIVED_EXPERIENCE, PerspectiveGroup.STAFF
    answer = ("basics", "green", False, False)
    groups = [
        (lived, [answer] * 2),
        (lived, [answer] * 5 + [("basics", "amber", False, False)] * 5),
        (staff, [answer] * 6),
        (staff, [("not-yet", "red", True, False)] * 5),
    ]
    round_, perspectives = build(riverside, alice, 5, groups)
    hidden = attack(round_, perspectives, groups)
    a = perspectives[0].pk
    assert a in hidden["rag"] and a in hidden["stage"]
    page = client_for(bob).get(reverse("results:perspectives", args=[round_.pk])).content.decode()
    assert "fewer than 5" in page and "hidden so that a smaller group cannot be worked out" in page


def test_the_attack_finds_a_group_that_is_given_away(riverside, alice):
    """The search itself works: shown the round's spread and all but one group, it names the last."""
    groups = [
        (PerspectiveGroup.STAFF, [("basics", "green", False, False)] * 2),
        (PerspectiveGroup.STAFF, [("basics", "red", False, False)] * 6),
    ]
    _round, perspectives = build(riverside, alice, 5, groups)
    small, big = (p.pk for p in perspectives)
    equations = [
        ([(small, v) for v in RAGS], 2),
        ([(big, v) for v in RAGS], 6),
        ([(pk, "green") for pk in (small, big)], 2),
        ([(pk, "red") for pk in (small, big)], 6),
        ([(big, "red")], 6),
    ]
    assert not another_answer(equations, RAGS, [small, big], small, Counter({"green": 2}))
    assert another_answer(equations[:-1], RAGS, [small, big], small, Counter({"green": 2}))  # without the big row
