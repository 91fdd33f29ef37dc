"""Reading a workshop for its pages: the version a poll compares, the live count of votes, the spread
(through the gatekeeper, coreflect.reflections.disclosure), the group's view with its replies, and the
record kept afterwards."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from coreflect.frameworks.models import Principle
from coreflect.organisations.models import Organisation
from coreflect.reflections import disclosure
from coreflect.reflections.models import Round, Stance

from .models import Attendee, GroupView, HandCount, Reply, Vote, Workshop


def workshops_of(organisation: Organisation) -> QuerySet[Workshop]:
    return Workshop.objects.filter(round__organisation=organisation).select_related("round", "principle")


def workshops_of_round(round_: Round) -> QuerySet[Workshop]:
    return round_.workshops.all()


def running_workshop_of(round_: Round) -> Workshop | None:
    return round_.workshops.filter(finished_at__isnull=True).first()


def version(workshop_pk: int) -> int | None:
    """The number a poll compares: one small query, None if there is no such workshop."""
    return Workshop.objects.filter(pk=workshop_pk).values_list("version", flat=True).first()


def running_version(code: str) -> int | None:
    """The version of the running workshop with this code (as typed in a URL), in one query."""
    return Workshop.objects.filter(code=code, finished_at__isnull=True).values_list("version", flat=True).first()


def votes_so_far(workshop: Workshop, principle: Principle | None) -> int:
    """How many people have voted on the principle: phones, and hands counted in the room."""
    if principle is None:
        return 0
    phones = Vote.objects.filter(workshop=workshop, principle=principle).count()
    hands = HandCount.objects.filter(workshop=workshop, principle=principle).values_list("stage_id", "rag", "count")
    return phones + _hands(list(hands))


def _hands(counts: list[tuple[Any, str, int]]) -> int:
    """How many people put a hand up: the same people are counted for the stage and again for the score."""
    return max(sum(n for stage, _rag, n in counts if stage), sum(n for _stage, rag, n in counts if rag))


@dataclass
class Spread:
    """How the room answered one principle, as it may be shown: each a disclosure.Table."""

    stages: disclosure.Table
    rags: disclosure.Table
    people: int


def spread(workshop: Workshop, principle: Principle) -> Spread:
    stage_counts: dict[Any, Counter[str]] = {}
    rag_counts: dict[Any, Counter[str]] = {}
    votes = Vote.objects.filter(workshop=workshop, principle=principle).values_list(
        "attendee__perspective_id", "stage__key", "rag"
    )
    for perspective_id, stage_key, rag in votes:
        stage_counts.setdefault(perspective_id, Counter())[stage_key or disclosure.NO_ANSWER] += 1
        rag_counts.setdefault(perspective_id, Counter())[rag or disclosure.NO_ANSWER] += 1
    hands = list(
        HandCount.objects.filter(workshop=workshop, principle=principle).values_list("stage__key", "rag", "count")
    )
    for stage_key, rag, n in hands:
        if stage_key:
            stage_counts.setdefault(disclosure.HANDS, Counter())[stage_key] += n
        if rag:
            rag_counts.setdefault(disclosure.HANDS, Counter())[rag] += n
    people = sum(sum(c.values()) for row, c in stage_counts.items() if row != disclosure.HANDS) + _hands(hands)
    return Spread(
        disclosure.spread(workshop.round, stage_counts), disclosure.spread(workshop.round, rag_counts), people
    )


def group_view(workshop: Workshop, principle: Principle | None) -> GroupView | None:
    if principle is None:
        return None
    return (
        GroupView.objects.filter(workshop=workshop, consensus__principle=principle)
        .select_related("consensus__stage")
        .first()
    )


def reply_of(group_view: GroupView | None, attendee: Attendee) -> Reply | None:
    if group_view is None:
        return None
    return group_view.replies.filter(attendee=attendee).first()


def objections(group_view: GroupView) -> list[str]:
    """The reasons people gave for objecting, oldest first, with nothing saying who gave them."""
    return list(
        group_view.replies.filter(stance=Stance.OBJECT).order_by("replied_at", "pk").values_list("reason", flat=True)
    )


def vote_of(attendee: Attendee, principle: Principle | None) -> Vote | None:
    if principle is None:
        return None
    return Vote.objects.filter(attendee=attendee, principle=principle).select_related("stage").first()


def taking_part(workshop: Workshop) -> dict[str, Any]:
    """Who joined, by perspective (counts only, small groups hidden)."""
    counts = dict(
        workshop.attendees.values("perspective_id").annotate(n=Count("pk")).values_list("perspective_id", "n")
    )
    perspectives = list(workshop.round.perspectives.all())
    shown = disclosure.head_counts(workshop.round, {p.pk: counts.get(p.pk, 0) for p in perspectives})
    return {
        "total": sum(counts.values()),
        "by_perspective": [{"perspective": p, "joined": shown[p.pk]} for p in perspectives],
    }


def group_views(workshop: Workshop) -> list[GroupView]:
    """Every view the group agreed in the workshop, with its consensus (stage, score, replies, dissent)."""
    return list(GroupView.objects.filter(workshop=workshop).select_related("consensus__stage"))


def hand_counts(workshop: Workshop, principle: Principle | None) -> dict[tuple[str, str], int]:
    """The show of hands saved for a principle: (stage key or "", RAG or "") -> hands."""
    if principle is None:
        return {}
    rows = HandCount.objects.filter(workshop=workshop, principle=principle).values_list("stage__key", "rag", "count")
    return {(stage_key or "", rag): n for stage_key, rag, n in rows}
