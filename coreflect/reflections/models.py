"""Rounds of reflection, the perspectives they ask, and what participants answer.

A `Round` is one organisation asking one framework version of many people. A `Participant` has no
account: they hold an unguessable token (only its hash is stored here). In an anonymous round a
participant row holds no name, email address, IP address or device details – only the perspective
they chose and their answers. A `Response` is one participant's answer to one principle.

A `CoLead` gives one person the facilitator's part in one round – and nothing else in the organisation
(`coreflect.organisations.access` reads it); they need no membership. A `CoLeadInvitation`'s link is a bearer
token: only its hash is kept (decision 3), and it works once, until it expires or is cancelled.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.frameworks.models import FrameworkVersion, Indicator, Principle, Stage
from coreflect.organisations.models import Organisation

from .perspective_labels import shown_label


def new_token() -> str:
    """32 bytes from the operating system's CSPRNG (256 bits), URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_code() -> str:
    return secrets.token_urlsafe(16)  # 128 bits: a round's public link cannot be guessed


class SubjectKind(models.TextChoices):
    SERVICE = "service", _("A service or support")
    ORGANISATION = "organisation", _("An organisation")
    SYSTEM = "system", _("A snapshot of council or health services")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PerspectiveGroup(models.TextChoices):
    """Which side of a perception gap a perspective sits on (used by results)."""

    LIVED_EXPERIENCE = "lived_experience", _("Lived experience")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


class RoundQuerySet(models.QuerySet):
    def annotate_counts(self):
        # Newest first, said again: a query that counts (GROUP BY) ignores Meta.ordering.
        return self.annotate(
            started_count=models.Count("participants"),
            submitted_count=models.Count("participants", filter=models.Q(participants__submitted_at__isnull=False)),
        ).order_by("-created_at", "-pk")


class Round(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=200)
    subject_kind = models.CharField(_("what it is about"), max_length=20, choices=SubjectKind.choices)
    subject_description = models.TextField(_("description"), max_length=2000, blank=True)
    framework_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="rounds")
    anonymous = models.BooleanField(_("anonymous answers"), default=True)
    threshold = models.PositiveSmallIntegerField(_("smallest group shown"), default=5)
    opens_on = models.DateField(_("opening date"), null=True, blank=True)
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    link_code = models.CharField(max_length=32, unique=True, default=new_link_code, editable=False)
    previous_round = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_rounds"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Anonymous rounds show results as last released (see release.py): the day everything was last
    # released at once, and whether that happened when the round closed.
    released_on = models.DateField(null=True, blank=True)
    released_at_close = models.BooleanField(default=False)
    # Only people with a personal invitation (PersonalLink) may start: the round's open link is refused.
    personal_links_only = models.BooleanField(_("personal invitations only"), default=False)
    # The day a facilitator closed the round (None again when it is reopened); the closing date may close it
    # earlier. The organisation's retention period for free text counts from the earlier of the two.
    closed_on = models.DateField(null=True, blank=True)
    # The day the words people wrote were removed after the organisation's retention period, and the period
    # then in force, so the results can say why they are gone (coreflect/exports/retention.py).
    free_text_removed_on = models.DateField(null=True, blank=True)
    free_text_kept_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # Whether "what happened" (results, the group's view, ideas and what became of them) is also on a
    # public page at the round's link, for anyone holding it, with nothing to sign in to.
    publish_happened = models.BooleanField(_("publish what happened"), default=False)
    # Whether participants see the language lens's gentle notes beside what they wrote: off unless the
    # facilitator switches it on, since participants' words are theirs.
    language_lens = models.BooleanField(_("language lens for participants"), default=False)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]  # rounds made at the same moment keep one order, even after a restore

    def __str__(self):
        return self.title

    @property
    def availability(self) -> str:
        """'not_open_yet', 'open' or 'closed', from the status and the opening and closing dates."""
        today = timezone.localdate()
        if self.status == RoundStatus.DRAFT or (self.opens_on and today < self.opens_on):
            return "not_open_yet"
        if self.status == RoundStatus.CLOSED or (self.closes_on and today > self.closes_on):
            return "closed"
        return "open"

    @property
    def is_accepting_answers(self) -> bool:
        return self.availability == "open"


class Perspective(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="perspectives")
    key = models.SlugField(max_length=60)
    label = models.CharField(_("label"), max_length=120)
    group = models.CharField(max_length=20, choices=PerspectiveGroup.choices, default=PerspectiveGroup.OTHER)
    position = models.PositiveSmallIntegerField(default=0)
    # How many people with this perspective have sent their answers: a running total kept by
    # coreflect.reflections.tallies, so results never count participants one by one.
    submitted_count = models.IntegerField(default=0)
    # In anonymous rounds: the count as last released, how many people's sent answers changed since, which
    # batch is gathering now (it goes up by one at each release), and the day of the last release.
    released_count = models.IntegerField(default=0)
    changes_since_release = models.IntegerField(default=0)
    batch = models.PositiveIntegerField(default=0)
    released_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["round_id", "position"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="unique_perspective_key_per_round")]

    def __str__(self):
        return self.label

    @classmethod
    def from_db(cls, db, field_names, values):
        """A default label nobody reworded is shown in the language in use (see `perspective_labels`)."""
        perspective = super().from_db(db, field_names, values)
        if "key" in perspective.__dict__ and "label" in perspective.__dict__:
            perspective.label = shown_label(perspective.key, perspective.label)
        return perspective


class Participant(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="participants")
    # Only ever filled in named rounds.
    name = models.CharField(_("name"), max_length=150, blank=True)
    entered_from_paper = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The batch of their perspective in which this person's sent answers last changed: while it is the
    # perspective's current batch, the change is not released yet.
    changed_in_batch = models.PositiveIntegerField(null=True, blank=True)
    # The one-time key of the paper form this participant was typed in from, so a form posted twice
    # (back button, slow connection) is stored once.
    paper_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # Whether they read the framework in Easy Read: chosen on the start page, changed on any journey page.
    easy_read = models.BooleanField(default=False)
    # Whether they read it in Easy Read when they first sent their answers: what the results count (released
    # with their answers), so changing the wording afterwards moves no figure anyone sees.
    sent_in_easy_read = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["round", "submitted_at"])]

    def __str__(self):
        return f"Participant {self.pk} in {self.round}"


class PersonalLink(models.Model):
    """A single-use invitation to start one participant, made for one perspective.

    Only the token's hash is kept. Once used it says only that: it names no participant, keeps no time,
    and no participant row points back at it, so an invitation is never linked to anyone's answers.
    The person it started comes back through their own private token, as everyone does."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="personal_links")
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="personal_links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    used = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["round", "perspective"], name="personal_link_round_persp")]

    def __str__(self):
        return f"Personal link {self.pk} in {self.round}"


class Response(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    # The participant's round again, so a round's written answers can be read a page at a time
    # straight from an index, however many people took part.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="responses")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="responses")
    ticked = models.ManyToManyField(Indicator, blank=True, related_name="ticked_in")
    evidence = models.TextField(blank=True)
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    reflections = models.TextField(blank=True)
    ideas = models.TextField(blank=True)
    completed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)
    # Given as a vote in a live workshop (coreflect.workshops) rather than typed on the person's own pages.
    # The answer store's hand-written insert leaves it to the database's default.
    from_workshop = models.BooleanField(default=False, db_default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "principle"], name="one_response_per_principle")]
        indexes = [models.Index(fields=["round", "principle", "-id"], name="response_round_principle")]

    def __str__(self):
        return f"{self.participant_id}: {self.principle.key}"


class Stance(models.TextChoices):
    """What each person in the room says to the group's view (consent, not unanimity)."""

    AGREE = "agree", _("I agree")
    LIVE_WITH = "live_with", _("I can live with it")
    OBJECT = "object", _("I object")


class Consensus(models.Model):
    """The view a group agreed for one principle: stage, RED/AMBER/GREEN and evidence, with how many in the
    room agreed, could live with it or objected, and the dissent in the group's own words. It sits beside
    the individual answers in results; a workshop (coreflect.workshops) records it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="consensuses")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="consensuses")
    # Which group session agreed it, in words (for example "Workshop on 1 December 2026").
    label = models.CharField(_("agreed at"), max_length=200)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rag = models.CharField(_("RED, AMBER or GREEN"), max_length=5, choices=Rag.choices, blank=True)
    evidence = models.TextField(_("evidence"), max_length=5000, blank=True)
    dissent = models.TextField(_("dissent, in the group's words"), max_length=5000, blank=True)
    agree_count = models.PositiveIntegerField(default=0)
    live_with_count = models.PositiveIntegerField(default=0)
    object_count = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round_id", "principle__position", "recorded_at"]

    def __str__(self):
        return f"{self.round_id}/{self.principle_id}: {self.stage_id} {self.rag}"


class Tally(models.Model):
    """A running total: how many people with one perspective gave one combination of stage, RAG score and
    "stage ahead of the statements ticked" for one principle. `n` is live; `shown` is what anonymous
    rounds show, copied from `n` when the perspective's results are released (see disclosure.py)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tallies")
    principle_key = models.CharField(max_length=60)
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="+")
    stage_key = models.CharField(max_length=60, blank=True)  # "" when no stage was chosen
    rag = models.CharField(max_length=5, blank=True)
    ahead = models.BooleanField(default=False)
    n = models.IntegerField(default=0)
    shown = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "principle_key", "perspective", "stage_key", "rag", "ahead"], name="one_tally_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.round_id}/{self.principle_key}/{self.perspective_id}/{self.stage_key}/{self.rag}: {self.n}"


class TickTally(models.Model):
    """A running total of the ticks one statement got from one perspective (`n` live, `shown` released)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tick_tallies")
    indicator_key = models.CharField(max_length=60)
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="+")
    n = models.IntegerField(default=0)
    shown = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator_key", "perspective"], name="one_tick_tally_per_cell")
        ]

    def __str__(self):
        return f"{self.round_id}/{self.indicator_key}/{self.perspective_id}: {self.n}"


class CoLead(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="co_leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_leaderships")
    # In their own words, shown beside their name: for example "Expert by experience".
    role = models.CharField(_("role"), max_length=100)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_co_lead_per_person_per_round")]

    def __str__(self):
        return f"{self.user} ({self.role}), co-lead of {self.round}"


class CoLeadInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


class CoLeadInvitation(models.Model):
    """An emailed link to co-lead a round. Only a hash of the link's token is stored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="co_lead_invitations")
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100)
    # Empty until the background task makes the link and emails it, so no link is ever kept in clear.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = CoLeadInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Invitation for {self.email} to co-lead {self.round}"
