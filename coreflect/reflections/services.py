"""What facilitators and participants do to rounds: set up, open and close, join, answer, submit."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coreflect.accounts.models import User
from coreflect.audit.models import Kind
from coreflect.audit.trail import changes, record
from coreflect.frameworks.models import Indicator, Principle, Stage
from coreflect.organisations.models import Organisation

from . import release, store, tallies
from .models import (
    Participant,
    Perspective,
    PerspectiveGroup,
    Response,
    Round,
    RoundStatus,
    hash_token,
    new_token,
)
from .perspective_labels import DEFAULT_LABELS

# A round's settings that the audit trail follows: what people were told when they answered, and when.
AUDITED_SETTINGS = [
    "title",
    "anonymous",
    "threshold",
    "opens_on",
    "closes_on",
    "framework_version",
    "status",
    "language_lens",
]

DEFAULT_PERSPECTIVES = [
    ("draws-on-support", DEFAULT_LABELS["draws-on-support"], PerspectiveGroup.LIVED_EXPERIENCE),
    ("family-carer", DEFAULT_LABELS["family-carer"], PerspectiveGroup.LIVED_EXPERIENCE),
    ("frontline", DEFAULT_LABELS["frontline"], PerspectiveGroup.STAFF),
    ("manager", DEFAULT_LABELS["manager"], PerspectiveGroup.STAFF),
    ("commissioner", DEFAULT_LABELS["commissioner"], PerspectiveGroup.STAFF),
    ("partner", DEFAULT_LABELS["partner"], PerspectiveGroup.OTHER),
    ("other", DEFAULT_LABELS["other"], PerspectiveGroup.OTHER),
]


class FrameworkFixed(Exception):
    """A round's framework version cannot change once anyone has answered."""


class RoundNotOpen(Exception):
    """The round is not taking answers (draft, closed, or outside its dates)."""


class SettingsLocked(Exception):
    """Once anyone has answered, a round's anonymity and smallest group shown can only get stricter: it
    cannot become named and its threshold cannot go down. `fields` names the settings refused; `threshold`
    is the lowest the smallest group may now be."""

    def __init__(self, fields: list[str], threshold: int):
        super().__init__(", ".join(fields))
        self.fields, self.threshold = fields, threshold


def coarse(round_: Round, when: datetime) -> datetime:
    """`when` as an anonymous round may keep it: the start of its day (local time). Times finer than the
    day could pick someone out ("the answer sent at 10:42, just after the team meeting"). Named rounds
    keep the time as it is."""
    if not round_.anonymous:
        return when
    zone = timezone.get_current_timezone()  # looked up once: it is dear to look up
    return timezone.make_aware(datetime.combine(timezone.localtime(when, zone).date(), time.min), zone)


def moment(round_: Round) -> datetime:
    """The time to store for something a participant does now: see `coarse`."""
    return coarse(round_, timezone.now())


@transaction.atomic
def create_round(
    *, organisation: Organisation, created_by: User | None, perspectives: list[str], **fields: Any
) -> Round:
    round_ = Round.objects.create(organisation=organisation, created_by=created_by, **fields)
    chosen = [row for row in DEFAULT_PERSPECTIVES if row[0] in perspectives]
    Perspective.objects.bulk_create(
        Perspective(round=round_, key=key, label=str(label), group=group, position=position)
        for position, (key, label, group) in enumerate(chosen)
    )
    record(
        Kind.ROUND_CREATED,
        organisation_id=organisation.pk,
        target=round_,
        changed=changes({}, {name: getattr(round_, name) for name in AUDITED_SETTINGS}),
    )
    return round_


@transaction.atomic
def update_round(round_: Round, **fields: Any) -> Round:
    """Change a round's details. Once anyone has answered, its framework is fixed and its anonymity and
    smallest group shown can only get stricter: people answered on the terms they were shown."""
    # The settings as they are now, locked, so two facilitators saving at once cannot loosen them between them.
    anonymous, threshold = Round.objects.select_for_update().values_list("anonymous", "threshold").get(pk=round_.pk)
    answered = round_.participants.exists()
    new_version = fields.get("framework_version")
    if new_version is not None and new_version.pk != round_.framework_version_id and answered:
        raise FrameworkFixed
    if answered:
        looser = []
        if anonymous and fields.get("anonymous", anonymous) is False:
            looser.append("anonymous")
        if fields.get("threshold", threshold) < threshold:
            looser.append("threshold")
        if looser:
            raise SettingsLocked(looser, threshold)
    turns_anonymous = fields.get("anonymous") and not anonymous
    before = {name: getattr(round_, name) for name in AUDITED_SETTINGS} | {
        "anonymous": anonymous,
        "threshold": threshold,
    }
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.save()
    changed = changes(before, {name: getattr(round_, name) for name in AUDITED_SETTINGS})
    if changed:
        record(Kind.ROUND_CHANGED, organisation_id=round_.organisation_id, target=round_, changed=changed)
    if turns_anonymous:
        _coarsen_times(round_)
        release.release_round(round_)  # everything sent so far was on show already
    release.reopened(round_)  # new dates may reopen it; release_if_closed releases again if not
    return round_


def _coarsen_times(round_: Round) -> None:
    """A named round turning anonymous keeps its participants' and answers' times to the day from then on.
    Done in Python, not SQL: truncating to the local day in SQL differs between the two databases."""
    participants = list(round_.participants.only("pk", "created_at", "submitted_at"))
    for participant in participants:
        participant.created_at = coarse(round_, participant.created_at)
        participant.submitted_at = participant.submitted_at and coarse(round_, participant.submitted_at)
    Participant.objects.bulk_update(participants, ["created_at", "submitted_at"], batch_size=500)
    responses = list(round_.responses.only("pk", "updated_at"))
    for response in responses:
        response.updated_at = coarse(round_, response.updated_at)
    Response.objects.bulk_update(responses, ["updated_at"], batch_size=500)


@transaction.atomic
def set_status(round_: Round, status: str) -> Round:
    if status != round_.status:
        record(
            Kind.ROUND_STATUS,
            organisation_id=round_.organisation_id,
            target=round_,
            changed=changes({"status": round_.status}, {"status": status}),
        )
    if status != round_.status:
        round_.closed_on = timezone.localdate() if status == RoundStatus.CLOSED else None
    round_.status = status
    round_.save(update_fields=["status", "closed_on"])
    if status == RoundStatus.CLOSED:
        release.release_round(round_, closing=True)
    else:
        release.reopened(round_)
    return round_


@transaction.atomic
def set_happened_published(round_: Round, published: bool, *, by: User | None) -> Round:
    """Publish (or withdraw) the round's public "what happened" page, at an address made from its link."""
    if published != round_.publish_happened:
        record(
            Kind.ROUND_CHANGED,
            organisation_id=round_.organisation_id,
            target=round_,
            actor=by,
            changed=changes({"publish_happened": round_.publish_happened}, {"publish_happened": published}),
        )
        round_.publish_happened = published
        round_.save(update_fields=["publish_happened"])
    return round_


@transaction.atomic
def save_perspective_labels(round_: Round, labels: dict[int, tuple[str, str]]) -> None:
    """New wording and perception-gap side for each perspective, keyed by perspective id."""
    for perspective in round_.perspectives.all():
        if perspective.pk in labels:
            perspective.label, perspective.group = labels[perspective.pk]
            perspective.save(update_fields=["label", "group"])


def start_participant(
    round_: Round,
    perspective: Perspective,
    *,
    name: str = "",
    entered_by: User | None = None,
    easy_read: bool = False,
) -> tuple[Participant, str]:
    """A new participant and their private token (shown to them once, in the resume link)."""
    if entered_by is None and not round_.is_accepting_answers:
        raise RoundNotOpen
    token = new_token()
    participant = Participant.objects.create(
        round=round_,
        token_hash=hash_token(token),
        perspective=perspective,
        name=name if not round_.anonymous else "",
        entered_from_paper=entered_by is not None,
        entered_by=entered_by,
        created_at=moment(round_),
        easy_read=easy_read,
    )
    return participant, token


def choose_wording(participant: Participant, easy_read: bool) -> None:
    """The participant reads the framework in Easy Read, or in the usual wording, from now on. Their answers
    stay as they are: both wordings ask the same questions."""
    Participant.objects.filter(pk=participant.pk).update(easy_read=easy_read)
    participant.easy_read = easy_read


@dataclass
class Answer:
    """One participant's answer to one principle, already checked against the framework version."""

    stage: Stage | None = None
    ticked: tuple[Indicator, ...] = ()
    evidence: str = ""
    rag: str = ""
    reflections: str = ""
    ideas: str = ""


def is_complete(answer: Answer, asks_stage: bool, finished: bool) -> bool:
    """Only the stage is required where the framework asks for one; otherwise finishing the page is enough."""
    return answer.stage is not None if asks_stage else finished


def save_answer(
    participant: Participant, principle: Principle, answer: Answer, *, asks_stage: bool, finished: bool
) -> None:
    """Store one principle's answer, replacing what was saved before. People save the same page many times
    (autosave, "save and come back later"), so replacing is the usual case, and made cheap by the answer
    store (store.py). Once someone has sent their answers, the results' running totals change with them –
    whether this page or another tab sent them."""
    if participant.entered_by_id is None and not participant.round.is_accepting_answers:
        raise RoundNotOpen
    written = store.AnswerColumns(
        stage_id=answer.stage.pk if answer.stage is not None else None,
        evidence=answer.evidence,
        rag=answer.rag,
        reflections=answer.reflections,
        ideas=answer.ideas,
        completed=is_complete(answer, asks_stage, finished),
        updated_at=moment(participant.round),
    )
    wanted = sorted(indicator.pk for indicator in answer.ticked)
    if participant.submitted_at is None and store.save_unsent(participant, principle.pk, written, wanted):
        return
    _save_answer_and_totals(participant, principle.pk, written, wanted)


def _lock_sent_state(participant: Participant) -> bool:
    """Lock the participant's row to the end of the transaction and bring `submitted_at` up to date: the
    page's copy may be older than a Send or a delete in another tab. False if they have been deleted.
    (SQLite ignores the lock: its transactions already take turns, from their start.)"""
    found = list(Participant.objects.select_for_update().filter(pk=participant.pk).values_list("submitted_at"))
    if not found:
        return False
    participant.submitted_at = found[0][0]
    return True


@transaction.atomic
def _save_answer_and_totals(
    participant: Participant, principle_id: int, answer: store.AnswerColumns, wanted: list[int]
) -> None:
    """The save for a principle's first answer, or once the participant has sent their answers (in this tab
    or another): the participant locked against a Send, and counted out of the totals and back in."""
    if not _lock_sent_state(participant):
        return  # they deleted their answers in another tab: this one is not kept either
    with tallies.recounted(participant):
        found = store.replace(participant, principle_id, answer)
        if found is None:
            try:
                with transaction.atomic():  # a savepoint: a second tab's first save may land just before this one
                    found = store.create(participant, principle_id, answer), set()
            except IntegrityError:
                found = store.replace(participant, principle_id, answer)
        assert found is not None
        store.write_ticks(*found, wanted)


@transaction.atomic
def submit(participant: Participant) -> Participant:
    """Send in a participant's answers. They join the round's results exactly once, however many times Send
    is pressed, in however many tabs: only the Send that marks them sent counts them."""
    if participant.entered_by_id is None and not participant.round.is_accepting_answers:
        raise RoundNotOpen
    when = moment(participant.round)
    sent = Participant.objects.filter(pk=participant.pk, submitted_at__isnull=True)
    if sent.update(submitted_at=when, sent_in_easy_read=participant.easy_read):
        participant.submitted_at = when
        tallies.count_participant(participant, +1)
        release.note_change(participant)
    elif participant.submitted_at is None:  # sent (or deleted) in another tab since this copy was read
        participant.submitted_at = (
            Participant.objects.filter(pk=participant.pk).values_list("submitted_at", flat=True).first()
        )
    return participant


@transaction.atomic
def delete_participant(participant: Participant) -> None:
    """A participant removes everything they answered. Nothing about them is kept."""
    if not _lock_sent_state(participant):
        return  # already deleted in another tab
    if participant.submitted_at is not None:
        tallies.count_participant(participant, -1)
        release.note_change(participant)
    participant.delete()


def round_status_choices(round_: Round) -> Sequence[tuple[str, str | Promise]]:
    """The status changes a facilitator can make from where the round is now."""
    return {
        RoundStatus.DRAFT: [(RoundStatus.OPEN, _("Open the round"))],
        RoundStatus.OPEN: [(RoundStatus.CLOSED, _("Close the round"))],
        RoundStatus.CLOSED: [(RoundStatus.OPEN, _("Reopen the round"))],
    }[RoundStatus(round_.status)]


def next_round_title(previous: Round) -> str:
    """What the next round is called unless the facilitator names it otherwise."""
    return (_("%(title)s – next round") % {"title": previous.title})[:200]


@transaction.atomic
def start_next_round(previous: Round, *, created_by: User | None, title: str = "") -> tuple[Round, bool]:
    """(the draft round following `previous`, made just now?): same subject, settings and perspectives, and
    the framework's current version (its keys match, so results compare round to round). A second press (two
    tabs, back button, double click) gets the one already made: `previous` is locked, so presses queue."""
    rounds = Round.objects.select_for_update(of=("self",)).select_related("framework_version__framework")
    previous = rounds.get(pk=previous.pk)
    existing = previous.next_rounds.order_by("pk").first()
    if existing is not None:
        return existing, False
    framework = previous.framework_version.framework
    assert framework.current_version is not None  # a framework rounds were run on has a published version
    round_ = Round.objects.create(
        organisation_id=previous.organisation_id,
        title=title or next_round_title(previous),
        subject_kind=previous.subject_kind,
        subject_description=previous.subject_description,
        framework_version=framework.current_version,
        anonymous=previous.anonymous,
        threshold=previous.threshold,
        # Who may take part carries over; the personal links themselves do not (each round sends its own).
        personal_links_only=previous.personal_links_only,
        language_lens=previous.language_lens,
        previous_round=previous,
        created_by=created_by,
    )
    Perspective.objects.bulk_create(
        Perspective(round=round_, key=p.key, label=p.label, group=p.group, position=p.position)
        for p in previous.perspectives.all()
    )
    return round_, True
