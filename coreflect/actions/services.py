"""What people do with ideas and actions: collect and shortlist ideas, turn them into actions,
edit actions and write their outcomes without overwriting each other, note progress, and recognise
contributions."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coreflect.audit.models import Kind
from coreflect.audit.trail import changes, record
from coreflect.reflections import disclosure

from . import follow_up
from .models import Action, ActionStatus, Contribution, Idea, IdeaSource, ProgressNote

if TYPE_CHECKING:
    from coreflect.accounts.models import User
    from coreflect.frameworks.models import Principle
    from coreflect.organisations.models import Organisation
    from coreflect.reflections.models import Perspective, Round


class EditConflict(Exception):
    """Someone else saved the action since this person opened it."""

    def __init__(self, current: Action):
        super().__init__("the action changed since it was opened")
        self.current = current


def collect_ideas_from_answers(round_: Round) -> int:
    """Copy participants' ideas for change into the round's ideas, once each. Returns how many are new.
    In an anonymous round only released answers are collected, so a new idea never appears the moment
    someone sends (see reflections.disclosure)."""
    answers = (
        disclosure.ideas_to_collect(round_)
        .filter(idea__isnull=True)
        .exclude(ideas="")
        .values_list("pk", "principle_id", "ideas", "participant__perspective_id")
    )
    ideas = [
        Idea(
            round=round_,
            principle_id=principle,
            text=text.strip(),
            source=IdeaSource.PARTICIPANT,
            perspective_id=perspective,
            response_id=pk,
        )
        for pk, principle, text, perspective in answers
        if text.strip()
    ]
    Idea.objects.bulk_create(ideas)
    return len(ideas)


def add_idea(
    round_: Round,
    *,
    principle: Principle,
    text: str,
    source: str = IdeaSource.FACILITATOR,
    perspective: Perspective | None = None,
) -> Idea:
    return Idea.objects.create(round=round_, principle=principle, text=text, source=source, perspective=perspective)


def set_shortlisted(idea: Idea, shortlisted: bool) -> Idea:
    idea.shortlisted = shortlisted
    idea.save(update_fields=["shortlisted"])
    return idea


def set_why_not_chosen(idea: Idea, reason: str) -> Idea:
    idea.why_not_chosen = reason.strip()
    idea.save(update_fields=["why_not_chosen"])
    return idea


@transaction.atomic
def create_action(
    *, organisation: Organisation, created_by: User | None, principles: Iterable[Principle] = (), **fields: Any
) -> Action:
    action = Action.objects.create(organisation=organisation, created_by=created_by, **fields)
    action.principles.set(principles)
    record(
        Kind.ACTION_CREATED,
        organisation_id=organisation.pk,
        target=action,
        target_label=action.what,
        changed=changes({}, {name: getattr(action, name) for name in fields}),
        actor=created_by,
    )
    return action


@transaction.atomic
def update_action(
    action: Action, *, seen_version: int, principles: Iterable[Principle] | None = None, **fields: Any
) -> Action:
    """Save changes made to version `seen_version`; refuse (EditConflict) if it has moved on since."""
    before = {name: getattr(action, name) for name in fields}
    fields["updated_at"] = timezone.now()
    changed = Action.objects.filter(pk=action.pk, version=seen_version).update(version=F("version") + 1, **fields)
    if not changed:
        raise EditConflict(Action.objects.select_related("owner").get(pk=action.pk))
    action.refresh_from_db()
    if principles is not None:
        action.principles.set(principles)
    altered = changes(before, {name: getattr(action, name) for name in before})
    if altered:
        record(
            Kind.ACTION_CHANGED,
            organisation_id=action.organisation_id,
            target=action,
            target_label=action.what,
            changed=altered,
        )
    return action


OUTCOME_FIELDS = ("we_asked", "you_said", "we_did", "review_on")


@transaction.atomic
def write_outcome(action: Action, *, seen_version: int, actor: User | None = None, **fields: Any) -> Action:
    """Save the outcome (we asked, you said, we did) and its review date over version `seen_version`, or
    refuse (EditConflict) if the action has moved on since. A new review date is reminded about afresh."""
    unknown = set(fields) - set(OUTCOME_FIELDS)
    assert not unknown, f"not part of an outcome: {unknown}"
    before = {name: getattr(action, name) for name in OUTCOME_FIELDS}
    after = {**before, **fields}
    altered = changes(before, after)
    if not altered:
        return action  # the same as saved: nothing to write, and nothing anyone else wrote is lost
    current = Action.objects.filter(pk=action.pk, version=seen_version)
    now = timezone.now()
    extra: dict[str, Any] = {"outcome_written_at": now, "updated_at": now}
    if "review_on" in altered:
        extra["review_reminded_at"] = None
    if not current.update(version=F("version") + 1, **fields, **extra):
        raise EditConflict(Action.objects.select_related("owner").get(pk=action.pk))
    action.refresh_from_db()
    record(
        Kind.OUTCOME_WRITTEN,
        organisation_id=action.organisation_id,
        target=action,
        target_label=action.what,
        changed=altered,
        actor=actor,
    )
    if set(altered) - {"review_on"}:
        # People who asked to hear what happened are told, once the outcome is safely saved.
        transaction.on_commit(lambda: follow_up.tell_followers_outcome_written(action))
    return action


def add_note(action: Action, *, text: str, author: User | None, shared: bool = False) -> ProgressNote:
    note = ProgressNote.objects.create(action=action, text=text, author=author, shared=shared)
    Action.objects.filter(pk=action.pk).update(updated_at=timezone.now())
    return note


def add_contribution(action: Action, *, name: str, role: str, hours: Decimal | int) -> Contribution:
    return Contribution.objects.create(action=action, name=name, role=role, hours=hours)


def open_statuses() -> list[ActionStatus]:
    return [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS]
