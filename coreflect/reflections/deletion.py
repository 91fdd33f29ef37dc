"""Deleting a round: what goes with it, counted for the page that asks "are you sure?", and the deletion itself.

Everything gathered for the round goes – people's answers, results, workshops with their votes and ideas,
the group's view, share links, report files – and its actions stay in the action plan, marked with the
round's title (`coreflect.actions.signals`). The audit trail keeps the event: the title and the counts,
never an answer.

The counts reach the round's workshops, share links and report files through the round's own reverse
relations, so this module imports nothing above reflections; `tests/security/test_deletion.py` lists every
model that points at a round, so a new one is noticed.
"""

from dataclasses import asdict, dataclass

from django.db import transaction

from coreflect.audit.models import Kind
from coreflect.audit.trail import record

from . import disclosure
from .models import Round


@dataclass(frozen=True)
class WhatGoes:
    people: int  # people who started or sent answers (counts only: never who)
    workshops: int
    ideas: int
    group_views: int
    share_links: int
    personal_links: int
    co_leads: int
    report_files: int
    actions_kept: int


def what_goes(round_: Round) -> WhatGoes:
    """What deleting the round would take with it, and how many actions would stay. A fixed number of queries."""
    return WhatGoes(
        people=disclosure.participation(round_)["started"],
        workshops=round_.workshops.count(),
        ideas=round_.ideas.count(),
        group_views=round_.consensuses.count(),
        share_links=round_.share_links.count(),
        personal_links=round_.personal_links.count(),
        co_leads=round_.co_leads.count(),
        report_files=round_.report_jobs.count(),
        actions_kept=round_.actions.count(),
    )


@transaction.atomic
def delete_round(round_: Round) -> WhatGoes:
    """Deletes the round and everything gathered for it; its actions stay, marked. Recorded in the audit trail."""
    gone = what_goes(round_)
    record(
        Kind.ROUND_DELETED,
        organisation_id=round_.organisation_id,
        target=round_,
        target_label=round_.title,
        # Before and after, as every event: the title, and how many of each thing went (the actions stayed).
        changed={
            "title": [round_.title, None],
            **{name: [count, 0] for name, count in asdict(gone).items() if name != "actions_kept" and count},
        },
    )
    round_.delete()
    return gone
