"""Ideas for change, the actions that come from them, progress notes and recognised contributions.

An `Idea` belongs to a round and a principle, and remembers where it came from (a participant's
answer, a workshop, or a facilitator) and the perspective – never the person in an anonymous round.
A `Follower` is an email address that asked to be told what happened in a round, kept apart from answers.
An `Action` belongs to the organisation (usually through a round) and carries a `version` number, so
two people editing it at once cannot silently overwrite each other. It outlives its round and its owner's
account: each deletion leaves a mark on it (the round's title, the owner's name) instead of taking it away.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.frameworks.models import Principle
from coreflect.organisations.models import Organisation
from coreflect.reflections.models import Perspective, Response, Round


class IdeaSource(models.TextChoices):
    PARTICIPANT = "participant", _("From someone’s answers")
    WORKSHOP = "workshop", _("From a workshop")
    FACILITATOR = "facilitator", _("Added by a facilitator")


class Idea(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ideas")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="ideas")
    text = models.TextField(_("idea"), max_length=2000)
    source = models.CharField(max_length=20, choices=IdeaSource.choices, default=IdeaSource.FACILITATOR)
    perspective = models.ForeignKey(Perspective, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The answer an idea was collected from: deleting that answer deletes the idea with it.
    response = models.OneToOneField(Response, on_delete=models.CASCADE, null=True, blank=True, related_name="idea")
    shortlisted = models.BooleanField(default=False)
    # Told back to the people who took part when an idea was not taken up.
    why_not_chosen = models.TextField(_("why it was not taken up"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["principle__position", "-shortlisted", "created_at"]

    def __str__(self):
        return self.text[:60]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Lens(models.TextChoices):
    """The four parts of an organisation in the SCIE briefing, used to tag actions."""

    CULTURE = "culture", _("Culture")
    STRUCTURE = "structure", _("Structure")
    PRACTICE = "practice", _("Practice")
    REVIEW = "review", _("Review")


class Action(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="actions")
    # An action outlives its round: deleting the round keeps the action and the round's title (signals.py).
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    deleted_round_title = models.CharField(max_length=200, blank=True)
    idea = models.ForeignKey(Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    what = models.CharField(_("what"), max_length=300)
    how = models.TextField(_("how"), max_length=3000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_actions"
    )
    owner_name = models.CharField(_("who (name)"), max_length=150, blank=True)
    # The name of an owner whose account was deleted (signals.py), until someone else takes the action on.
    former_owner_name = models.CharField(max_length=150, blank=True)
    # A named person who leads the action with its owner, often someone with lived experience.
    co_lead_name = models.CharField(_("co-led by (name)"), max_length=150, blank=True)
    due_on = models.DateField(_("when"), null=True, blank=True)
    principles = models.ManyToManyField(Principle, blank=True, related_name="actions")
    lens = models.CharField(_("SCIE lens"), max_length=20, choices=Lens.choices, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    dropped_reason = models.TextField(_("why it was dropped"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    # The outcome, told back to the people who took part: "we asked", "you said", "we did".
    we_asked = models.TextField(_("we asked"), max_length=3000, blank=True)
    you_said = models.TextField(_("you said"), max_length=3000, blank=True)
    we_did = models.TextField(_("we did"), max_length=3000, blank=True)
    outcome_written_at = models.DateTimeField(null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.what

    @property
    def who(self) -> str:
        return self.owner.name if self.owner is not None else self.owner_name

    @property
    def needs_new_owner(self) -> bool:
        """Its owner's account was deleted and nobody has taken it on since."""
        return bool(self.former_owner_name) and not self.who

    @property
    def led_by(self) -> str:
        """Who leads it, as the plan says it: "Jo", or "Led by Jo, co-led by Sam" when someone co-leads."""
        if not self.co_lead_name:
            return self.who
        if not self.who:
            return _("Co-led by %(co_lead)s") % {"co_lead": self.co_lead_name}
        return _("Led by %(lead)s, co-led by %(co_lead)s") % {"lead": self.who, "co_lead": self.co_lead_name}

    @property
    def has_outcome(self) -> bool:
        return bool(self.we_asked or self.you_said or self.we_did)

    @property
    def is_open(self) -> bool:
        return self.status in {ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS}

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < timezone.localdate())


class ProgressNote(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(max_length=3000)
    # Marked to be shown to the people who took part, on their "what happened" page.
    shared = models.BooleanField(_("share with the people who took part"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]


class Contribution(models.Model):
    """Time and a role given to an action by a person with lived experience, recognised in the plan."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="contributions")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.name} ({self.role})"


def new_follower_id() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: the id is also the key in the email's unsubscribe link


class Follower(models.Model):
    """An email address that asked to be told when a round's results are out and when an outcome is written.

    Kept apart from everything a participant answered: keyed by the round alone (no participant, no token),
    a random id rather than a number counting up, and the day it was given, never the time. It is used only
    for those emails and deleted after the last one (coreflect.actions.follow_up)."""

    id = models.CharField(primary_key=True, max_length=32, default=new_follower_id, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("email address"), max_length=254)
    added_on = models.DateField(default=timezone.localdate)
    told_results = models.BooleanField(default=False)
    # The language of the page they gave their address on: their emails are written in it.
    language = models.CharField(max_length=10, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="one_follower_per_address_per_round")]

    def __str__(self):
        return f"Follower of round {self.round_id}"
