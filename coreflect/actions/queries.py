"""Reading the action plan: filtered and sorted in SQL, with what the next round needs to show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from coreflect.reflections import disclosure

from .models import Action, ActionStatus

if TYPE_CHECKING:
    from coreflect.frameworks.models import Principle
    from coreflect.organisations.middleware import OrganisationRequest
    from coreflect.organisations.models import Organisation
    from coreflect.reflections.models import Round

    from .models import Idea

SORTS = {
    "due": ("due_on", "pk"),
    "status": ("status", "due_on"),
    "what": ("what", "pk"),
    "who": ("owner__name", "owner_name", "pk"),
    "round": ("-round__created_at", "due_on"),
}


@dataclass
class PlanFilter:
    round: int | None = None
    principle: str = ""
    status: str = ""
    owner: str = ""
    lens: str = ""
    overdue: bool = False
    sort: str = "due"


def plan(organisation: Organisation, chosen: PlanFilter) -> QuerySet[Action]:
    actions = (
        organisation.actions.select_related("round", "owner")
        .prefetch_related("principles", "contributions")
        .annotate(note_count=Count("notes", distinct=True))
    )
    if chosen.round:
        actions = actions.filter(round_id=chosen.round)
    if chosen.principle:
        actions = actions.filter(principles__key=chosen.principle).distinct()
    if chosen.status:
        actions = actions.filter(status=chosen.status)
    if chosen.owner:
        actions = actions.filter(Q(owner__name__iexact=chosen.owner) | Q(owner_name__iexact=chosen.owner))
    if chosen.lens:
        actions = actions.filter(lens=chosen.lens)
    if chosen.overdue:
        actions = actions.filter(
            status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS], due_on__lt=timezone.localdate()
        )
    return actions.order_by(*SORTS.get(chosen.sort, SORTS["due"]))


def owners(organisation: Organisation) -> list[str]:
    """Everyone named as owning an action, members and others, for the filter list."""
    members = organisation.actions.exclude(owner=None).values_list("owner__name", flat=True)
    others = organisation.actions.exclude(owner_name="").values_list("owner_name", flat=True)
    return sorted(set(members) | set(others), key=str.lower)


def recognition(organisation: Organisation) -> list[dict[str, Any]]:
    """Hours and roles given by people with lived experience, per person, across the plan."""
    from .models import Contribution

    return list(
        Contribution.objects.filter(action__organisation=organisation)
        .values("name")
        .annotate(hours=Sum("hours"), actions=Count("action", distinct=True))
        .order_by("name")
    )


def previous_round_actions(round_: Round) -> dict[str, dict[str, int]]:
    """For a round that follows another: the earlier round's actions by principle key and status."""
    if round_.previous_round_id is None:
        return {}
    rows = Action.objects.filter(round_id=round_.previous_round_id).values_list("principles__key", "status", "due_on")
    today = timezone.localdate()
    result: dict[str, dict[str, int]] = {}
    for key, status, due_on in rows:
        counts = result.setdefault(
            key or "", {"done": 0, "in_progress": 0, "not_started": 0, "dropped": 0, "overdue": 0}
        )
        counts[status] += 1
        if status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS) and due_on and due_on < today:
            counts["overdue"] += 1
    return result


def round_principles(round_: Round) -> list[Principle]:
    """The round's Principle rows, each carrying its title from the framework document."""
    titles = {p["key"]: p["title"] for p in round_.framework_version.principles}
    rows = list(round_.framework_version.principle_rows.all())
    for row in rows:
        row.title = titles[row.key]  # type: ignore[attr-defined]  # pages read the title beside the row
    return rows


def principle_titles(action: Action) -> list[dict[str, str]]:
    """The titles of the principles an action serves, in framework order."""
    principles = action.principles.order_by("position")
    if action.round is not None:
        version = action.round.framework_version
    else:  # no round, or its round was deleted: the principles still know their framework version
        first = principles.select_related("version").first()
        if first is None:
            return []
        version = first.version
    titles = {p["key"]: p["title"] for p in version.principles}
    return [titles[row.key] for row in principles if row.key in titles]


def organisation_of_action_for(request: OrganisationRequest, pk: int) -> int | None:
    """The id of the organisation an action belongs to, if it is one of the person's *other*
    organisations (so a reminder link works whichever organisation they were last working in)."""
    current = request.organisation
    assert current is not None, "called only behind member_required, which needs a current organisation"
    member_of = {membership.organisation_id for membership in request.memberships}
    organisation_id = Action.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()
    return organisation_id if organisation_id in member_of and organisation_id != current.pk else None


def ideas_with_labels(round_: Round) -> list[tuple[Idea, str]]:
    """The round's ideas, each with the perspective it may be shown as coming from ("" where naming it
    could point at someone in a small group of an anonymous round)."""
    ideas = list(round_.ideas.select_related("principle", "perspective").prefetch_related("actions"))
    data = disclosure.figures(round_) if any(idea.perspective_id for idea in ideas) else None
    return [
        (
            idea,
            idea.perspective.label
            if idea.perspective is not None
            and data is not None
            and disclosure.idea_label_shown(data, idea.principle.key, idea.perspective_id)
            else "",
        )
        for idea in ideas
    ]


def outcomes_of(round_: Round) -> list[Action]:
    """The round's actions, each with who leads it and whether its outcome is written, in the plan's order."""
    return list(
        round_.actions.filter(organisation_id=round_.organisation_id)
        .select_related("owner")
        .prefetch_related("principles")
        .order_by("due_on", "pk")
    )


def principle_keys(action: Action) -> set[str]:
    """The keys of the principles an action serves."""
    return {row.key for row in action.principles.all()}
