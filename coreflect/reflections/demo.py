"""Demo rounds for the demo organisation: one open, anonymous round per built-in framework, full of made-up answers.

The answers are invented but shaped like real ones, so results are worth looking at: staff tend to see things
more rosily than people who draw on care and support and their families (a perception gap), most ticks sit at
or below the stage a person chose, a few people choose a stage ahead of what they ticked, some groups are too
small to be shown alone, a few people have not finished, and a few answers were typed in from paper.
Everything comes from a seeded random generator, so the same seed gives the same answers.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from coreflect.frameworks.models import Framework, Indicator

from . import release, services, tallies
from .models import Participant, PerspectiveGroup, Rag, Response, Round, RoundStatus, SubjectKind


@dataclass(frozen=True)
class DemoRound:
    framework_slug: str
    title: str
    subject_kind: str
    subject_description: str


DEMO_NOTE = "This is a demo: the people and every answer are made up."
DEMO_ROUNDS = [
    DemoRound(
        "how-are-you-doing-2011",
        "Day opportunities in Riverside – 2026 (demo)",
        SubjectKind.SERVICE,
        "Day opportunities for adults in Riverside: the two day centres, the community hubs and the outreach "
        f"team that helps people get out and about. {DEMO_NOTE}",
    ),
    DemoRound(
        "how-are-we-doing",
        "Riverside Council – how we work with people (demo)",
        SubjectKind.ORGANISATION,
        "How Riverside Council’s adult social care teams work with people who draw on care and support, their "
        f"families and unpaid carers. {DEMO_NOTE}",
    ),
    DemoRound(
        "scie-lens",
        "Adult social care, Riverside – SCIE lens check (demo)",
        SubjectKind.SYSTEM,
        "A snapshot of adult social care across Riverside – the council, local providers and partners – "
        f"looked at for culture, structure, practice and review. {DEMO_NOTE}",
    ),
]

# Out of 40 people: more who draw on care and support and frontline workers, few commissioners and partners.
PERSPECTIVE_WEIGHTS = {
    "draws-on-support": 12,
    "family-carer": 7,
    "frontline": 10,
    "manager": 5,
    "commissioner": 2,
    "partner": 4,
    "other": 2,
}
# How far along each perspective tends to think things are, from 0 (not started) to 1 (doing really well).
PERSPECTIVE_VIEW = {
    "draws-on-support": 0.30,
    "family-carer": 0.26,
    "frontline": 0.58,
    "manager": 0.68,
    "commissioner": 0.72,
    "partner": 0.46,
    "other": 0.40,
}
PAPER_PER_ROUND = 3

EVIDENCE_GOING_WELL = [
    "Two people with lived experience sat on the interview panel for the new manager.",
    "The carers’ group helped rewrite the leaflet about short breaks, and it is much clearer now.",
    "People who come to the centre ran the last staff induction session on what good support feels like.",
    "We pay people for their time at the planning group, not just their bus fare.",
    "Members of the peer support group now run the Tuesday drop-in themselves.",
    "The new garden project was planned with the people who use it, from the first sketch.",
    "A parent carer co-chairs the partnership board and sets the agenda with the chair.",
    "Feedback from the summer listening events changed the opening hours of the hub.",
    "Volunteer hours are logged and thanked at every quarterly get-together.",
    "Support plans now start with what people are good at and what matters to them.",
    "People with lived experience checked the new contract, and their changes were kept.",
    "Staff can swap shifts to look after their own families, and it works well.",
    "Local people teach cookery and computer classes at the centre, and others come to learn.",
    "The café is run with the community group next door, and lots of neighbours drop in.",
    "Our ‘you said, we did’ board is updated every month and people do read it.",
]
EVIDENCE_NOT_YET = [
    "Decisions about the budget are still made in meetings that people cannot come to.",
    "We ask for views in surveys, but we rarely tell people what happened next.",
    "Only paid staff can lead activities, because of how the insurance is set up.",
    "I have never been asked what I could offer, only what I need help with.",
    "The forum meets in working hours, so most family carers cannot get there.",
    "People are thanked, but nobody is paid or rewarded for the time they give.",
    "Staff are kind, but plans are still written about people rather than with them.",
    "The same three people get asked every time, so new voices are not heard.",
    "Safeguarding rules are read in a way that stops people helping each other.",
    "It is hard to join the planning group if you do not use email.",
    "Meetings are full of jargon and initials, so people stop coming after a while.",
    "Nobody has asked which local groups and clubs people would like to be part of.",
    "Changes to the service were announced to us rather than talked through.",
    "The interview panel has a seat for someone with lived experience, but it is often empty.",
    "Papers for meetings arrive the day before, which leaves no time to read them.",
]
REFLECTIONS = [
    "Filling this in made me realise how much we still decide for people.",
    "We are better at asking for views than at sharing power.",
    "Staff and the people we support see this very differently, and that is worth talking about.",
    "There is real goodwill here, but it depends on a few people.",
    "Things have got better since the new manager started, but it feels fragile.",
    "I feel listened to by my support worker, less so by the organisation.",
    "We do lots of good things but we do not write them down or celebrate them.",
    "It would help to talk about this together rather than on our own.",
    "I was surprised how few of the top statements we could honestly tick.",
    "People have so much to offer that we are not using yet.",
    "Carers often feel like an afterthought when things are planned.",
    "Money and time are the biggest barriers, not willingness.",
    "We have the basics in place. The next step is harder and needs leaders to back it.",
    "Some of our policies get in the way of what we say we believe.",
    "I would like to see people with lived experience in paid jobs here.",
    "Co-production happens on some projects, but it is not how we work every day.",
    "The pandemic set us back and some of the groups we had have not come back.",
    "On good days it really does feel like a partnership.",
    "Commissioning rules make it hard to reward people in ways that suit them.",
    "Our culture is warm, but our structures still put staff in charge.",
    "People who speak English as a second language are missing from this.",
    "Young carers are hardly ever asked, and they have a lot to say.",
    "We listen well one to one. As an organisation we are weaker.",
    "It is easy to tick boxes. It is harder to show what changed.",
    "I think we are further along than a year ago.",
    "I am not sure who makes the final decisions, and that worries me.",
    "Peer support is our biggest strength and we should build on it.",
    "We need to be braver about sharing budgets and decisions.",
    "Staff want to work this way but feel they do not have the time.",
    "Hearing other people’s answers would help me see the whole picture.",
]
IDEAS = [
    "Pay people for their time when they help with training.",
    "Hold meetings in the evening and online as well as in the day.",
    "Start a timebank so people can swap skills with neighbours.",
    "Ask people what they are good at in every first conversation.",
    "Have two people with lived experience on every interview panel.",
    "Send meeting papers a week ahead, in plain English and Easy Read.",
    "Share a ‘you said, we did’ update every three months.",
    "Co-chair the planning group with a person who draws on care and support.",
    "Offer training in chairing meetings to anyone who wants it.",
    "Cover travel and replacement care so family carers can take part.",
    "Create paid peer support jobs in the team.",
    "Map the local groups and clubs people already belong to.",
    "Invite the library, leisure centre and faith groups to our next session.",
    "Let people choose how they are thanked: vouchers, training or a reference.",
    "Set aside a small budget that people decide how to spend.",
    "No jargon in meetings, and a plain-English word list on the table.",
    "Review the volunteering policy with people so it stops blocking peer support.",
    "Run a welcome session for new members of the forum.",
    "Ask young carers how they would like to be involved.",
    "Count and celebrate volunteer hours at the annual event.",
    "Make flexible hours the normal offer for staff with caring roles.",
    "Use this reflection again next year and compare the results.",
    "Visit a council that does this well and learn from them.",
    "Ask people with lived experience to help write the next contract.",
    "Book interpreters so more communities can join in.",
    "Give staff protected time to work alongside people on projects.",
    "Open the centre at weekends for community groups to use.",
    "Start a buddy scheme so new people have someone to go along with.",
    "Make sure benefits advice is on offer before anyone is paid for their time.",
    "Start every board meeting with a story from someone who draws on support.",
]


@transaction.atomic
def seed_demo_rounds(organisation, facilitator, *, participants_per_round=40, random_seed=2026) -> list[Round]:
    """One open, anonymous demo round per built-in framework, each with about `participants_per_round` people.

    A round whose title the organisation already has is left exactly as it is and returned, so running this
    again adds nothing. `facilitator` creates the rounds and types in the paper answers.
    """
    rounds = []
    for plan in DEMO_ROUNDS:
        existing = organisation.rounds.filter(title=plan.title).first()
        if existing is not None:
            rounds.append(existing)
            continue
        # One generator per round, seeded from random_seed and the framework, so a round comes out the same
        # whether or not the others were already there.
        rng = random.Random(f"{random_seed}:{plan.framework_slug}")  # noqa: S311 - made-up demo answers, not secrets
        rounds.append(_seed_round(organisation, facilitator, plan, rng, participants_per_round))
    return rounds


@dataclass
class _Person:
    perspective_key: str
    view: float
    paper: bool = False
    in_progress: bool = False


class _Framework:
    """A framework version's rows, read once, in the shape the answer generator needs."""

    def __init__(self, version):
        self.version = version
        self.kinds = set(version.prompt_kinds)
        self.stages = list(version.stage_rows.order_by("position"))
        self.principles = list(version.principle_rows.order_by("position"))
        stage_position = {stage.pk: stage.position for stage in self.stages}
        self.indicators: dict[int, list[tuple[Indicator, int]]] = {principle.pk: [] for principle in self.principles}
        for indicator in version.indicator_rows.order_by("position"):
            self.indicators[indicator.principle_id].append((indicator, stage_position[indicator.stage_id]))

    def stage_index(self, level: float) -> int:
        return min(len(self.stages) - 1, max(0, int(level * len(self.stages))))


def _seed_round(organisation, facilitator, plan: DemoRound, rng: random.Random, size: int) -> Round:
    now = timezone.now()
    opened_at = now - timedelta(days=35)
    framework = _Framework(Framework.objects.get(slug=plan.framework_slug, organisation=None).current_version)
    round_ = services.create_round(
        organisation=organisation,
        created_by=facilitator,
        perspectives=[key for key, _label, _group in services.DEFAULT_PERSPECTIVES],
        title=plan.title,
        subject_kind=plan.subject_kind,
        subject_description=plan.subject_description,
        framework_version=framework.version,
        anonymous=True,
        threshold=5,
        opens_on=opened_at.date(),
        closes_on=None,
        created_at=opened_at - timedelta(days=2),
    )
    services.set_status(round_, RoundStatus.OPEN)  # online answers can only be started in an open round
    perspectives = {perspective.key: perspective for perspective in round_.perspectives.all()}

    people = _people(rng, size, with_paper=facilitator is not None)
    # Each principle is a little easier or harder for this subject, whoever is answering.
    principle_shift = {principle.pk: rng.uniform(-0.1, 0.1) for principle in framework.principles}
    participants, responses, ticks = [], [], []
    for person in people:
        participant, _token = services.start_participant(
            round_, perspectives[person.perspective_key], entered_by=facilitator if person.paper else None
        )
        started = now - timedelta(days=rng.uniform(0.05, 32))
        if person.paper:  # typed in from a paper form in one go
            participant.created_at, participant.submitted_at = started, started + timedelta(minutes=rng.uniform(4, 9))
        elif person.in_progress:
            participant.created_at, participant.submitted_at = started, None
        else:
            later = timedelta(days=rng.uniform(1, 5)) if rng.random() < 0.2 else timedelta(minutes=rng.uniform(8, 70))
            participant.created_at, participant.submitted_at = started, min(started + later, now)
        participant.created_at = services.coarse(round_, participant.created_at)  # to the day, if anonymous
        if participant.submitted_at is not None:
            participant.submitted_at = services.coarse(round_, participant.submitted_at)
        participants.append(participant)
        for response, ticked in _answers(rng, framework, person, participant, principle_shift):
            responses.append(response)
            ticks.append(ticked)
    Participant.objects.bulk_update(participants, ["created_at", "submitted_at"])
    Response.objects.bulk_create(responses)
    Response.ticked.through.objects.bulk_create(
        Response.ticked.through(response_id=response.pk, indicator_id=indicator.pk)
        for response, ticked in zip(responses, ticks, strict=True)
        for indicator in ticked
    )
    tallies.rebuild(round_)  # answers were loaded in bulk, so count them once here
    release.release_round(round_)  # and show them: the demo starts with every answer released
    return round_


def _people(rng: random.Random, size: int, *, with_paper: bool) -> list[_Person]:
    total = max(0, size + rng.randint(-2, 2))
    counts = share_out(total, PERSPECTIVE_WEIGHTS)
    # Nudge one person between the big groups so the three rounds are not identical in shape.
    giver, taker = rng.sample(["draws-on-support", "family-carer", "frontline"], 2)
    if counts[giver] > 5:
        counts[giver] -= 1
        counts[taker] += 1
    people = [
        _Person(key, min(0.97, max(0.0, rng.gauss(PERSPECTIVE_VIEW[key], 0.12))))
        for key, count in counts.items()
        for _ in range(count)
    ]
    rng.shuffle(people)
    # In the demo, paper forms come from people who draw on care and support and their families.
    lived = [person for person in people if _group(person) == PerspectiveGroup.LIVED_EXPERIENCE]
    if with_paper:
        for person in rng.sample(lived, min(PAPER_PER_ROUND, len(lived))):
            person.paper = True
    online = [person for person in people if not person.paper]
    for person in rng.sample(online, min(rng.randint(3, 5), len(online))):
        person.in_progress = True
    return people


def share_out(total: int, weights: dict[str, int]) -> dict[str, int]:
    """`total` people split in proportion to `weights`, largest remainders first, adding up exactly."""
    whole = sum(weights.values())
    exact = {key: total * weight / whole for key, weight in weights.items()}
    counts = {key: int(share) for key, share in exact.items()}
    for key in sorted(exact, key=lambda key: exact[key] - counts[key], reverse=True)[: total - sum(counts.values())]:
        counts[key] += 1
    return counts


def _group(person: _Person) -> str:
    return next(group for key, _label, group in services.DEFAULT_PERSPECTIVES if key == person.perspective_key)


def _answers(rng, framework: _Framework, person: _Person, participant, principle_shift):
    """(unsaved Response, indicators ticked) for each principle this person got to."""
    principles = framework.principles
    if person.in_progress:
        principles = principles[: rng.randint(1, max(1, len(principles) - 1))]
    elif not person.paper and len(principles) > 1 and rng.random() < 0.2:
        skipped = rng.choice(principles)
        principles = [principle for principle in principles if principle != skipped]
    texts = {
        "going_well": rng.sample(EVIDENCE_GOING_WELL, len(EVIDENCE_GOING_WELL)),
        "not_yet": rng.sample(EVIDENCE_NOT_YET, len(EVIDENCE_NOT_YET)),
        "reflections": rng.sample(REFLECTIONS, len(REFLECTIONS)),
        "ideas": rng.sample(IDEAS, len(IDEAS)),
    }
    asks_stage = "stage" in framework.kinds
    answered_at = participant.submitted_at or participant.created_at + timedelta(minutes=rng.uniform(3, 25))
    for number, principle in enumerate(principles):
        level = min(0.99, max(0.0, person.view + principle_shift[principle.pk] + rng.gauss(0, 0.1)))
        ticked_at = framework.stage_index(level)
        chosen = ticked_at
        if asks_stage and rng.random() < 0.15:  # a stage ahead of what they ticked
            chosen = min(len(framework.stages) - 1, ticked_at + 1)
        ticked = [
            indicator
            for indicator, position in framework.indicators[principle.pk]
            if rng.random() < _tick_chance(position, ticked_at, level, len(framework.stages))
        ]
        last_in_progress = person.in_progress and number == len(principles) - 1
        leaves_stage_blank = rng.random() < (0.35 if last_in_progress else 0.04) and not person.paper
        answer = services.Answer(
            stage=framework.stages[chosen] if asks_stage and not leaves_stage_blank else None,
            ticked=tuple(ticked) if "tick" in framework.kinds else (),
            evidence=_evidence(rng, texts, level) if "evidence" in framework.kinds else "",
            rag=_rag(rng, level + (0.05 if chosen > ticked_at else 0)) if "rag" in framework.kinds else "",
            reflections=_maybe(rng, texts["reflections"], 0.65) if "reflections" in framework.kinds else "",
            ideas=_maybe(rng, texts["ideas"], 0.5) if "ideas" in framework.kinds else "",
        )
        response = Response(
            participant=participant,
            round_id=participant.round_id,
            principle=principle,
            stage=answer.stage,
            evidence=answer.evidence,
            rag=answer.rag,
            reflections=answer.reflections,
            ideas=answer.ideas,
            completed=services.is_complete(answer, asks_stage, finished=not last_in_progress),
            updated_at=services.coarse(participant.round, min(answered_at, timezone.now())),
        )
        yield response, answer.ticked


def _tick_chance(position: int, ticked_at: int, level: float, stage_count: int) -> float:
    if stage_count == 1:  # a single list of what is needed: the further along, the more is in place
        return min(0.95, max(0.05, 0.1 + level * 0.85))
    if position == 0:  # the lowest stage describes co-production not happening yet: true less often further up
        return {0: 0.65, 1: 0.25}.get(ticked_at, 0.08)
    if position < ticked_at:
        return 0.8
    if position == ticked_at:
        return 0.7
    return 0.15 if position == ticked_at + 1 else 0.04


def _evidence(rng, texts, level: float) -> str:
    hopeful = level >= 0.5
    if rng.random() < 0.2:  # people at every stage see some of each
        hopeful = not hopeful
    return _maybe(rng, texts["going_well" if hopeful else "not_yet"], 0.7)


def _rag(rng, level: float) -> str:
    if rng.random() < 0.07:
        return ""
    score = level + rng.gauss(0, 0.1)
    return Rag.RED if score < 0.27 else Rag.AMBER if score < 0.6 else Rag.GREEN


def _maybe(rng, pool: list[str], chance: float) -> str:
    """The next unused snippet from this person's shuffled pool, or blank."""
    if rng.random() >= chance or not pool:
        return ""
    return pool.pop()
