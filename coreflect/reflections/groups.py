"""What a group in a room adds to a round: votes given as answers, and the view the group agreed.

A live workshop (coreflect.workshops, above this app) calls these, so that a vote in the room is an answer
of the round like any other – written here, counted in the running totals here, and shown only through the
gatekeeper (disclosure.py) – and so that the group's consensus sits beside the individual answers in
results.
"""

from collections.abc import Iterable

from django.db import transaction

from coreflect.accounts.models import User
from coreflect.audit.models import Kind
from coreflect.audit.trail import changes, record
from coreflect.frameworks.models import Indicator, Principle, Stage

from . import services
from .models import Consensus, Participant, Perspective, Response, Round, Stance


def start_group_participant(round_: Round, perspective: Perspective) -> Participant:
    """A participant for someone who joined a workshop without answering on their own first. Their
    token is never shown: the workshop's own token, on their phone, stands for them."""
    participant, _token = services.start_participant(round_, perspective)
    return participant


def has_answered(participant: Participant, principle: Principle) -> bool:
    """Whether the participant has an answer of their own to this principle (with a stage or a score)."""
    return (
        Response.objects.filter(participant=participant, principle=principle, from_workshop=False)
        .exclude(stage__isnull=True, rag="")
        .exists()
    )


@transaction.atomic
def record_group_vote(
    participant: Participant,
    principle: Principle,
    *,
    stage: Stage | None,
    rag: str,
    ticked: Iterable[Indicator] = (),
    send: bool,
) -> None:
    """A vote in the room as the participant's answer to the principle: the stage, score and ticks replace
    theirs; anything they wrote on their own is kept. With `send`, a participant who has not sent their
    answers sends them now (a workshop-only participant: their vote counts as it is given)."""
    kept = Response.objects.filter(participant=participant, principle=principle).first()
    answer = services.Answer(
        stage=stage,
        ticked=tuple(ticked),
        rag=rag,
        evidence=kept.evidence if kept else "",
        reflections=kept.reflections if kept else "",
        ideas=kept.ideas if kept else "",
    )
    asks_stage = "stage" in participant.round.framework_version.prompt_kinds
    services.save_answer(participant, principle, answer, asks_stage=asks_stage, finished=True)
    Response.objects.filter(participant=participant, principle=principle).update(from_workshop=True)
    if send and participant.submitted_at is None:
        services.submit(participant)


def record_consensus(
    round_: Round,
    principle: Principle,
    *,
    label: str,
    stage: Stage | None,
    rag: str,
    evidence: str,
    recorded_by: User | None,
    consensus: Consensus | None = None,
) -> Consensus:
    """The group's view of one principle, new or changed (a changed view is asked about again: the replies
    to the old one, and the dissent written from them, no longer stand)."""
    # The trail keeps the view's stage and RAG, not its words: those may quote what people said in the room.
    before = {} if consensus is None else {name: getattr(consensus, name) for name in ("stage", "rag")}
    if consensus is None:
        consensus = Consensus(round=round_, principle=principle, label=label)
    consensus.stage, consensus.rag, consensus.evidence, consensus.recorded_by = stage, rag, evidence, recorded_by
    consensus.recorded_at = services.moment(round_)
    consensus.agree_count = consensus.live_with_count = consensus.object_count = 0
    consensus.dissent = ""
    consensus.save()
    record(
        Kind.CONSENSUS_RECORDED,
        organisation_id=round_.organisation_id,
        target=consensus,
        target_label=f"{round_.title}: {principle.key}",
        actor=recorded_by,
        changed=changes(before, {name: getattr(consensus, name) for name in ("stage", "rag")}),
    )
    return consensus


def record_replies(consensus: Consensus, stances: Iterable[str], *, dissent: str | None = None) -> Consensus:
    """How many in the room agreed, could live with the view or objected, and (when given) the dissent in
    the group's words."""
    stances = list(stances)
    consensus.agree_count = stances.count(Stance.AGREE)
    consensus.live_with_count = stances.count(Stance.LIVE_WITH)
    consensus.object_count = stances.count(Stance.OBJECT)
    fields = ["agree_count", "live_with_count", "object_count"]
    if dissent is not None:
        consensus.dissent = dissent
        fields.append("dissent")
    consensus.save(update_fields=fields)
    return consensus


def consensuses(*rounds: Round) -> dict[int, dict[str, list[Consensus]]]:
    """The views groups agreed in these rounds: round pk -> principle key -> the views agreed for it, in
    the order they were recorded (several workshops may each agree one). One query, whatever the number of
    rounds or views, with each view's principle and stage."""
    found: dict[int, dict[str, list[Consensus]]] = {round_.pk: {} for round_ in rounds}
    rows = (
        Consensus.objects.filter(round__in=list(found))
        .select_related("principle", "stage")
        .order_by("round_id", "principle__position", "recorded_at", "pk")
    )
    for consensus in rows:
        found[consensus.round_id].setdefault(consensus.principle.key, []).append(consensus)
    return found
