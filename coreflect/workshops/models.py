"""Live workshops: a group in a room reflecting on a round together, with phones and a projector.

A `Workshop` belongs to a round and runs from when a facilitator starts it until they finish it; while it
runs, its short join `code` lets people in. Each phone that joins is an `Attendee`, holding an unguessable
token in a cookie (only its hash is kept here) and the perspective they chose – never a name. Behind every
attendee is a participant of the round (coreflect.reflections), so their votes are answers of the round
like any other.

Everything the projector and phones show is in these tables, and `version` goes up by one at every change,
so any number of app processes can answer "has anything changed?" from one small query.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.actions.models import Idea
from coreflect.frameworks.models import Indicator, Principle, Stage
from coreflect.reflections.models import Consensus, Participant, Perspective, Rag, Round, Stance

# No letters or digits that look alike (0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V): a code is read off a screen at 3 m.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def asks_stage(document) -> bool:
    """A workshop asks everyone for a stage wherever the framework has stages to choose between (even one
    whose own pages ask only for statements), and always for RED/AMBER/GREEN: the group compares both."""
    return len(document["stages"]) > 1


class Counting(models.TextChoices):
    """What happens when someone who already answered on their own votes in the workshop too."""

    REPLACE = "replace", _("Their workshop vote replaces their own answer")
    BESIDE = "beside", _("Keep their own answer, and show their workshop vote beside it")


class Step(models.TextChoices):
    """Where the workshop is: on a principle (voting, the spread shown, agreeing the group's view), spending
    dots on the ideas, or finished."""

    WELCOME = "welcome", _("Welcome")
    VOTING = "voting", _("Voting")
    REVEALED = "revealed", _("Spread shown")
    AGREEING = "agreeing", _("Agreeing the group's view")
    DOTS = "dots", _("Choosing ideas with dots")
    FINISHED = "finished", _("Finished")


class Workshop(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="workshops")
    code = models.CharField(max_length=CODE_LENGTH, default=new_code)
    counting = models.CharField(
        _("if someone has already answered on their own"),
        max_length=10,
        choices=Counting.choices,
        default=Counting.REPLACE,
    )
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.WELCOME)
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    dots_per_person = models.PositiveSmallIntegerField(default=3)
    double_dots = models.BooleanField(_("people may put two dots on one idea"), default=False)
    # Goes up by one at every change anyone could see: the projector's and phones' ETag.
    version = models.PositiveIntegerField(default=1)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # A code lets people in only while its workshop runs, so only running workshops need it unique.
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(finished_at__isnull=True), name="one_running_workshop_per_code"
            )
        ]

    def __str__(self):
        return f"Workshop {self.code} for {self.round}"

    @property
    def is_running(self) -> bool:
        return self.finished_at is None


class Attendee(models.Model):
    """A phone in the room. Only the perspective and the participant behind it are kept."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendees")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, related_name="+")
    # True when the participant answered on their own before joining (their own link on this phone).
    answered_alone = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Attendee {self.pk} of {self.workshop_id}"


class Vote(models.Model):
    """One attendee's vote on one principle. `counted` says whether it is also their answer in the round's
    results (see Counting)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="votes")
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="votes")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    ticked = models.ManyToManyField(Indicator, blank=True, related_name="+")
    counted = models.BooleanField(default=True)
    voted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attendee", "principle"], name="one_vote_per_principle")]
        indexes = [models.Index(fields=["workshop", "principle"])]

    def __str__(self):
        return f"Vote of {self.attendee_id} on {self.principle_id}"


class HandCount(models.Model):
    """People without a phone: the facilitator counts hands for each stage (or RED/AMBER/GREEN)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="hand_counts")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workshop", "principle", "stage", "rag"], name="one_hand_count_per_answer")
        ]

    def __str__(self):
        return f"{self.count} hands on {self.principle_id}"


class GroupView(models.Model):
    """A workshop's consensus on one principle (the consensus itself is the round's, in reflections)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="group_views")
    consensus = models.OneToOneField(Consensus, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"Group view {self.consensus_id} of {self.workshop_id}"


class Reply(models.Model):
    """What one person in the room said to the group's view; an objection carries its reason."""

    group_view = models.ForeignKey(GroupView, on_delete=models.CASCADE, related_name="replies")
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="replies")
    stance = models.CharField(max_length=10, choices=Stance.choices)
    reason = models.TextField(_("why you object"), max_length=1000, blank=True)
    replied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group_view", "attendee"], name="one_reply_per_person")]

    def __str__(self):
        return f"{self.stance} from {self.attendee_id}"


class PostedIdea(models.Model):
    """An idea posted in the workshop. The idea itself is the round's (coreflect.actions); hidden ideas are
    kept, with who hid them; a duplicate merged into another passes its dots to it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="posted_ideas")
    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="+")
    attendee = models.ForeignKey(Attendee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Idea {self.idea_id} in {self.workshop_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Dot(models.Model):
    """One of an attendee's dots, spent on an idea."""

    posted_idea = models.ForeignKey(PostedIdea, on_delete=models.CASCADE, related_name="dots")
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="dots")
    spent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Dot of {self.attendee_id} on {self.posted_idea_id}"
