"""A demo round's ideas and a small action plan, so a newcomer sees the plan working. Runs once."""

from datetime import timedelta

from django.utils import timezone

from . import services
from .models import ActionStatus, Lens

DEMO_ACTIONS = [
    # (principle key, what, how, who, days from today, status, lens, contribution)
    (
        "people-as-assets",
        "Pay people with lived experience for their time on interview panels",
        "Agree an hourly rate and a simple way to claim it with the finance team.",
        "Priya Shah (Carers’ Voice, demo)",
        30,
        ActionStatus.IN_PROGRESS,
        Lens.STRUCTURE,
        ("Priya Shah", "Co-leads the work", 6),
    ),
    (
        "reciprocity",
        "Start a monthly skills swap at the day centre",
        "People who use the centre and staff each offer a skill to teach.",
        "",
        60,
        ActionStatus.NOT_STARTED,
        Lens.PRACTICE,
        None,
    ),
    (
        "social-networks",
        "Map the local groups people already belong to",
        "Ask at every review which groups, clubs and places matter to the person.",
        "Tom Bell (demo)",
        -5,
        ActionStatus.IN_PROGRESS,
        Lens.CULTURE,
        ("Tom Bell", "Ran two listening sessions", 4),
    ),
    ("valuing-work", "Co-write the volunteer thank-you scheme", "", "", -20, ActionStatus.DONE, Lens.REVIEW, None),
]

# What came of the finished action, told back to the people who took part.
DEMO_OUTCOME = {
    "we_asked": "How well we value the work people with lived experience and volunteers do with us.",
    "you_said": "“Nobody has ever said thank you.” Many people told us the same, in different words.",
    "we_did": "We wrote a thank-you scheme with the volunteers, and sent the first letters and vouchers in May.",
}
DEMO_CO_LEAD = "Ade Okafor (demo)"  # co-leads the skills swap with the facilitator


def seed_demo_actions(round_, facilitator) -> None:
    if round_.actions.exists():
        return
    services.collect_ideas_from_answers(round_)
    principles = {row.key: row for row in round_.framework_version.principle_rows.all()}
    today = timezone.localdate()
    for key, what, how, who, days, status, lens, contribution in DEMO_ACTIONS:
        if key not in principles:
            continue
        action = services.create_action(
            organisation=round_.organisation,
            created_by=facilitator,
            round=round_,
            what=what,
            how=how,
            owner=None if who else facilitator,
            owner_name=who,
            co_lead_name=DEMO_CO_LEAD if key == "reciprocity" else "",
            due_on=today + timedelta(days=days),
            status=status,
            lens=lens,
            principles=[principles[key]],
        )
        services.add_note(
            action,
            text="Talked it through at the co-production group; everyone agreed to go ahead.",
            author=facilitator,
            shared=status == ActionStatus.DONE,
        )
        if status == ActionStatus.DONE:
            services.write_outcome(
                action,
                seen_version=action.version,
                actor=facilitator,
                review_on=today + timedelta(days=180),
                **DEMO_OUTCOME,
            )
        if contribution:
            name, role, hours = contribution
            services.add_contribution(action, name=name, role=role, hours=hours)
    for idea in round_.ideas.all()[:3]:
        services.set_shortlisted(idea, True)
