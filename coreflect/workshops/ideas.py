"""Ideas in a workshop: posted from phones (or by the facilitator), merged, hidden, chosen with dots, and
turned into actions.

Each person has `dots_per_person` dots (3) to spend across the workshop's ideas, never two on one idea
unless the facilitator allows it, and only while the room is at the dots step. A duplicate merged into
another idea passes its dots on; a hidden idea keeps its dots out of the ranking, and is kept with who hid
it. An idea chosen becomes an action in the plan, linked back to the idea (and so to its dots).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from coreflect.accounts.models import User
from coreflect.actions import services as actions
from coreflect.actions.models import Action, IdeaSource
from coreflect.frameworks.models import Principle

from .models import Attendee, Dot, PostedIdea, Step, Workshop
from .services import NotNow, _changed, _lock_running


class NoDotsLeft(Exception):
    """The person has spent all their dots."""


class OneDotEach(Exception):
    """The person already put a dot on this idea, and the facilitator has not allowed two."""


@transaction.atomic
def post_idea(workshop: Workshop, principle: Principle, text: str, *, attendee: Attendee | None = None) -> PostedIdea:
    """An idea for change, from a phone (`attendee`) or typed in by the facilitator. Nothing is too silly."""
    workshop = _lock_running(workshop.pk)
    idea = actions.add_idea(
        workshop.round,
        principle=principle,
        text=text.strip(),
        source=IdeaSource.WORKSHOP,
        perspective=attendee.perspective if attendee is not None else None,
    )
    posted = PostedIdea.objects.create(workshop=workshop, idea=idea, attendee=attendee)
    _changed(workshop)
    return posted


@transaction.atomic
def hide_idea(posted: PostedIdea, *, by: User | None, hidden: bool = True) -> PostedIdea:
    """Take an unkind idea off the screens (or put it back). It is kept, with who hid it."""
    _lock_running(posted.workshop_id)
    posted.hidden_by, posted.hidden_at = (by, timezone.now()) if hidden else (None, None)
    posted.save(update_fields=["hidden_by", "hidden_at"])
    _changed(posted.workshop)
    return posted


@transaction.atomic
def merge_ideas(duplicate: PostedIdea, into: PostedIdea) -> PostedIdea:
    """One idea said twice: the duplicate leaves the screens and its dots go to the idea it repeats."""
    if duplicate.pk == into.pk or duplicate.workshop_id != into.workshop_id:
        raise NotNow
    _lock_running(duplicate.workshop_id)  # a dot being spent waits for the merge
    while into.merged_into_id is not None:  # merging into a merged idea merges into what it was merged into
        into = into.merged_into  # type: ignore[assignment]
    if into.pk == duplicate.pk:  # the idea was merged into the duplicate: that would merge it into itself
        raise NotNow
    PostedIdea.objects.filter(merged_into=duplicate).update(merged_into=into)
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into"])
    Dot.objects.filter(posted_idea=duplicate).update(posted_idea=into)
    _changed(duplicate.workshop)
    return into


def on_screen(workshop: Workshop):
    """The ideas the room sees: not hidden, not merged into another."""
    return workshop.posted_ideas.filter(hidden_at__isnull=True, merged_into__isnull=True)


@transaction.atomic
def spend_dot(attendee: Attendee, posted: PostedIdea) -> Dot:
    # The workshop row is locked so that two quick taps from one phone cannot both take the last dot.
    workshop = _lock_running(attendee.workshop_id)
    # The idea as it is now: the phone's page may be older than a merge or a hide.
    now = PostedIdea.objects.filter(pk=posted.pk, workshop=workshop).first()
    if workshop.step != Step.DOTS or now is None or now.is_hidden or now.merged_into_id:
        raise NotNow
    spent = Dot.objects.filter(attendee=attendee)
    if spent.count() >= workshop.dots_per_person:
        raise NoDotsLeft
    if not workshop.double_dots and spent.filter(posted_idea=posted).exists():
        raise OneDotEach
    if spent.filter(posted_idea=posted).count() >= 2:
        raise OneDotEach
    dot = Dot.objects.create(posted_idea=posted, attendee=attendee)
    _changed(workshop)
    return dot


@transaction.atomic
def take_back_dot(attendee: Attendee, posted: PostedIdea) -> None:
    workshop = _lock_running(attendee.workshop_id)
    if workshop.step != Step.DOTS:
        raise NotNow
    dot = Dot.objects.filter(attendee=attendee, posted_idea=posted).first()
    if dot is not None:
        dot.delete()
        _changed(workshop)


def dots_left(attendee: Attendee) -> int:
    return max(attendee.workshop.dots_per_person - Dot.objects.filter(attendee=attendee).count(), 0)


def ranking(workshop: Workshop) -> list[PostedIdea]:
    """The ideas on screen, most dots first (then oldest first), each with `dot_count`."""
    return list(
        on_screen(workshop)
        .select_related("idea__principle")
        .annotate(dot_count=Count("dots"))
        .order_by("-dot_count", "pk")
    )


@transaction.atomic
def make_action(
    posted: PostedIdea, *, created_by: User | None, what: str = "", principles: Iterable[Principle] = ()
) -> Action:
    """Turn a chosen idea into an action in the plan, linked back to the idea (and so to its dots)."""
    idea = posted.idea
    idea.shortlisted = True
    idea.save(update_fields=["shortlisted"])
    action = actions.create_action(
        organisation=posted.workshop.round.organisation,
        created_by=created_by,
        round=posted.workshop.round,
        idea=idea,
        what=(what or idea.text)[:300],
        principles=list(principles) or [idea.principle],
    )
    _changed(posted.workshop)
    return action


def ideas_with_dots(workshop: Workshop):
    """Every idea of the workshop with its dots, hidden and merged ones included (for the record)."""
    return (
        workshop.posted_ideas.select_related("idea__principle", "hidden_by", "merged_into__idea")
        .annotate(
            dot_count=Count("dots", distinct=True),
            action_count=Count("idea__actions", filter=Q(idea__actions__isnull=False), distinct=True),
        )
        .order_by("-dot_count", "pk")
    )


@transaction.atomic
def allow_double_dots(workshop: Workshop, allowed: bool) -> Workshop:
    """Whether people may put two of their dots on one idea (the facilitator's choice)."""
    _lock_running(workshop.pk)
    workshop.double_dots = allowed
    workshop.save(update_fields=["double_dots"])
    _changed(workshop)
    return workshop
