"""Removing the free text of anonymous rounds once their organisation's retention period is over.

Each organisation says how long the words people wrote in its anonymous rounds are kept after a round
closes (`Organisation.free_text_months`). `apply_retention()` – run every day by `manage.py
apply_retention` or the worker (`retention_tasks.py`) – finds each anonymous round whose period is over and
removes, for good, what participants wrote:

- the evidence, reflections and ideas in their answers (coreflect/reflections/retention.py);
- ideas that came from answers or were posted in a workshop. An idea an action came from keeps its row,
  so the action still says which principle and which kind of idea it came from, but not its words: the
  action's own words, written by staff, say what was decided. Other such ideas go, with their dots;
- the reasons people gave for objecting in a workshop (how many agreed, could live with it or objected
  stays);
- the words a facilitator chose for the report (they point at answers whose words are gone), and report
  files still waiting to be downloaded, which hold copies of the words.

Kept: stages, RED/AMBER/GREEN scores, ticked statements and every running total, so the figures do not
change; ideas facilitators added; the group's view (consensus) with its evidence and dissent, which the
facilitator wrote down for the group as the round's record; actions and progress notes. Named rounds keep
their words: people put their names to them, and the organisation answers for them as any other record.

The round is marked with the day and the period, so its results say why the words are gone, and a second
run leaves it alone. Each round gets one audit event, with counts only.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from coreflect.actions.models import Idea, IdeaSource
from coreflect.audit.models import Kind
from coreflect.audit.trail import record
from coreflect.reflections.models import Round, RoundStatus
from coreflect.reflections.retention import is_due, remove_written_answers
from coreflect.workshops.models import Reply

from .models import ChosenWords, ReportJob


@dataclass
class Removed:
    """What was taken out of one round, as counts."""

    round: Round
    answers: int = 0
    ideas_removed: int = 0
    ideas_emptied: int = 0
    objections: int = 0
    chosen_words: int = 0
    report_files: int = 0


def due_rounds(today: datetime.date) -> list[Round]:
    """Anonymous rounds, in every organisation, whose free text has been kept for its full period."""
    candidates = (
        Round.objects.filter(anonymous=True, free_text_removed_on__isnull=True, organisation__free_text_months__gt=0)
        .exclude(status=RoundStatus.DRAFT)
        .select_related("organisation")
        .order_by("pk")
    )
    return [round_ for round_ in candidates if is_due(round_, round_.organisation.free_text_months, today)]


@transaction.atomic
def remove_free_text(round_: Round, today: datetime.date) -> Removed | None:
    """Remove a round's free text now and mark the round; None if another run already did."""
    round_ = Round.objects.select_for_update().select_related("organisation").get(pk=round_.pk)
    months = round_.organisation.free_text_months
    if not is_due(round_, months, today):
        return None
    removed = Removed(round=round_, answers=remove_written_answers(round_))
    ideas = Idea.objects.filter(round=round_, source__in=[IdeaSource.PARTICIPANT, IdeaSource.WORKSHOP])
    removed.ideas_emptied = ideas.filter(actions__isnull=False).exclude(text="").update(text="")
    removed.ideas_removed = ideas.filter(actions__isnull=True).delete()[1].get(Idea._meta.label, 0)
    replies = Reply.objects.filter(group_view__workshop__round=round_).exclude(reason="")
    removed.objections = replies.update(reason="")
    removed.chosen_words = ChosenWords.objects.filter(round=round_).delete()[0]
    removed.report_files = ReportJob.objects.filter(round=round_).delete()[1].get(ReportJob._meta.label, 0)
    round_.free_text_removed_on = today
    round_.free_text_kept_months = months
    round_.save(update_fields=["free_text_removed_on", "free_text_kept_months"])
    record(
        Kind.FREE_TEXT_REMOVED,
        organisation_id=round_.organisation_id,
        target=round_,
        changed={
            "kept for (months)": [None, months],
            "answers with words": [removed.answers, 0],
            "ideas removed": [removed.ideas_removed, 0],
            "ideas kept for an action, without their words": [None, removed.ideas_emptied],
            "objection reasons": [removed.objections, 0],
            "words chosen for the report": [removed.chosen_words, 0],
            "report files waiting": [removed.report_files, 0],
        },
    )
    return removed


def apply_retention(today: datetime.date | None = None) -> list[Removed]:
    """Remove the free text of every anonymous round whose period is over; what was removed, per round.

    Each round is its own transaction, so one that fails leaves the others done; the next run tries again."""
    today = today or timezone.localdate()
    done = [remove_free_text(round_, today) for round_ in due_rounds(today)]
    return [removed for removed in done if removed is not None]
