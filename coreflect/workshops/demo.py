"""A finished demo workshop on the demo's first round: phones that joined, their votes on two principles,
the group's view with replies and dissent, ideas with dots and one idea made an action – so the record,
the results' group view and the projector's last state can be seen without running a workshop."""

import random

from coreflect.accounts.models import User
from coreflect.reflections.models import Round, Stance

from . import ideas, services
from .models import Step, Workshop

PHONES = {"draws-on-support": 6, "family-carer": 3, "frontline": 4, "manager": 2}
IDEAS = [
    "Pay people for their time at every meeting, not just some",
    "Hold the group somewhere on the bus route, in the daytime",
    "Send the papers a week before, in Easy Read too",
    "Let the group set half of the agenda",
    "Tell everyone what changed after each meeting",
]
DISSENT = "People who draw on support placed this lower: the meetings are still run by staff, on staff's terms."


def seed_demo_workshop(round_: Round, facilitator: User, *, random_seed: int = 2026) -> Workshop | None:
    """Leaves a round that has any workshop as it is (running this again adds nothing)."""
    if round_.workshops.exists() or not round_.is_accepting_answers:
        return None
    rng = random.Random(random_seed)  # noqa: S311 - made-up demo answers, not secrets
    workshop = services.start_workshop(round_, started_by=facilitator)
    perspectives = {p.key: p for p in round_.perspectives.all()}
    attendees = [
        services.join(workshop, perspectives[key])[0]
        for key, n in PHONES.items()
        if key in perspectives
        for _ in range(n)
    ]
    version = round_.framework_version
    stages = list(version.stage_rows.order_by("position"))
    for principle in list(version.principle_rows.order_by("position"))[:2]:
        services.go_to(workshop, Step.VOTING, principle)
        for attendee in attendees:
            lived = attendee.perspective.group == "lived_experience"
            stage = stages[min(len(stages) - 1, rng.randint(0, 1) + (0 if lived else 1))]
            services.vote(
                attendee, principle, stage=stage, rag=rng.choice(["red", "amber"] if lived else ["amber", "green"])
            )
        services.go_to(workshop, Step.REVEALED, principle)
        services.go_to(workshop, Step.AGREEING, principle)
        group_view = services.agree_view(
            workshop,
            principle,
            stage=stages[1],
            rag="amber",
            evidence="The group meets monthly and sets part of its agenda, but papers still come late.",
            recorded_by=facilitator,
        )
        for n, attendee in enumerate(attendees):
            if n < 2:
                services.reply(attendee, group_view, Stance.OBJECT, "It feels lower to me: we are asked too late.")
            else:
                services.reply(attendee, group_view, rng.choice([Stance.AGREE, Stance.AGREE, Stance.LIVE_WITH]))
        services.record_dissent(group_view, DISSENT)
        for text in IDEAS[:3] if principle.position == 0 else IDEAS[3:]:
            ideas.post_idea(workshop, principle, text, attendee=rng.choice(attendees))
    services.go_to(workshop, Step.DOTS)
    posted = list(ideas.on_screen(workshop))
    for attendee in attendees:
        for choice in rng.sample(posted, 3):
            ideas.spend_dot(attendee, choice)
    ideas.make_action(ideas.ranking(workshop)[0], created_by=facilitator)
    return services.finish_workshop(workshop)
