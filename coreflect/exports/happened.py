"""What happened in a round, for the people who took part: "you said, we did".

`build(round_)` gathers, in a fixed number of queries whatever the round's size, what a participant's "what
happened" page (and its public copy, when the facilitator publishes one) shows:

- the results, once the round has closed: read through the results queries, so from the gatekeeper
  (`reflections.disclosure`) – released totals only, and in anonymous rounds the same small groups hidden as on
  members' pages, so comparing this page with any other teaches nothing new;
- the views groups agreed in workshops (`results.queries.group_views`), with the replies as results show them;
- every idea from the round and what became of it: the actions chosen from it (owner by role, never by name;
  status; progress notes marked for sharing, without their author; the outcome: we asked, you said, we did) or,
  for an idea not taken up, why not. Ideas hidden or merged in a workshop are left out. Nothing says who wrote
  an idea, or from which perspective: only where it came from (someone's answers, a workshop, a facilitator).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coreflect.actions.models import Action, Idea, ProgressNote
from coreflect.organisations.models import Membership
from coreflect.organisations.permissions import Role
from coreflect.reflections import disclosure
from coreflect.reflections.models import Round
from coreflect.results import queries
from coreflect.workshops.models import PostedIdea

if TYPE_CHECKING:
    from coreflect.results.queries import GroupView, Overview

OWNER_WORDS = {
    Role.ADMIN: gettext_lazy("An admin at %(organisation)s"),
    Role.FACILITATOR: gettext_lazy("A facilitator at %(organisation)s"),
    Role.VIEWER: gettext_lazy("A member of %(organisation)s"),
}


@dataclass
class ActionStory:
    action: Action
    owner: str  # the owner's role at the organisation, never their name
    notes: list[ProgressNote]  # only those marked for sharing

    @property
    def has_outcome(self) -> bool:
        return self.action.outcome_written_at is not None


@dataclass
class IdeaStory:
    idea: Idea
    actions: list[ActionStory] = field(default_factory=list)

    @property
    def chosen(self) -> bool:
        return bool(self.actions)


@dataclass
class PrincipleStory:
    principle: dict[str, Any]
    views: list[GroupView]
    ideas: list[IdeaStory]


@dataclass
class Happened:
    round: Round
    results_out: bool  # the round has closed: results are shown
    data: Overview | None  # the results, once out
    principles: list[PrincipleStory]
    other_actions: list[ActionStory]  # actions from the round that did not come from one idea shown here

    @property
    def idea_count(self) -> int:
        return sum(len(p.ideas) for p in self.principles)

    @property
    def view_count(self) -> int:
        return sum(len(p.views) for p in self.principles)


def published_round(code: str) -> Round | None:
    """The round behind a public "what happened" link, if its facilitator has published it."""
    rounds = Round.objects.select_related("organisation", "framework_version")
    return rounds.filter(link_code=code, publish_happened=True).first()


def build(round_: Round) -> Happened:
    results_out = round_.availability == "closed"
    data = queries.overview(round_, disclosure.figures(round_)) if results_out else None
    views = queries.group_views(round_)[round_.pk]
    set_aside = PostedIdea.objects.filter(Q(hidden_at__isnull=False) | Q(merged_into__isnull=False), idea__round=round_)
    ideas = [
        IdeaStory(idea)
        for idea in round_.ideas.exclude(pk__in=set_aside.values("idea_id"))
        .select_related("principle")
        .order_by("principle__position", "created_at", "pk")
    ]
    by_idea = {story.idea.pk: story for story in ideas}
    other_actions = []
    for story in _action_stories(round_):
        if story.action.idea_id in by_idea:
            by_idea[story.action.idea_id].actions.append(story)
        else:
            other_actions.append(story)
    principles = [
        PrincipleStory(
            principle,
            views.get(principle["key"], []),
            [story for story in ideas if story.idea.principle.key == principle["key"]],
        )
        for principle in round_.framework_version.principles
    ]
    return Happened(round_, results_out, data, principles, other_actions)


def _action_stories(round_: Round) -> list[ActionStory]:
    shared = Prefetch("notes", queryset=ProgressNote.objects.filter(shared=True).order_by("created_at", "pk"))
    actions = list(Action.objects.filter(round=round_).prefetch_related(shared).order_by("created_at", "pk"))
    owners = {action.owner_id for action in actions if action.owner_id is not None}
    roles = dict(
        Membership.objects.filter(organisation_id=round_.organisation_id, user_id__in=owners).values_list(
            "user_id", "role"
        )
        if owners
        else []
    )
    organisation = round_.organisation.name
    return [
        ActionStory(action, owner_words(action, roles, organisation), list(action.notes.all())) for action in actions
    ]


def owner_words(action: Action, roles: dict[int, str], organisation: str) -> str:
    """Who leads an action, as people who took part are told it: a role, never a name."""
    if action.owner_id is not None and action.owner_id in roles:
        return str(OWNER_WORDS[Role(roles[action.owner_id])]) % {"organisation": organisation}
    if action.owner_id is not None or action.owner_name:
        return _("Someone chosen by %(organisation)s") % {"organisation": organisation}
    return _("Not decided yet")
