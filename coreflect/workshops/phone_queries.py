"""Reading a workshop for the phones' pages: a finished workshop by its code, the phone's attendee in it, the
ideas a phone may put dots on (with its own dots), and what a page needs to tell that the room moved on."""

import functools
import hashlib

from django.db import connection
from django.db.models import Count, Q, QuerySet

from coreflect.reflections.models import hash_token

from . import ideas
from .models import Attendee, PostedIdea, Step, Workshop


def has_finished_workshop(code: str) -> bool:
    """Whether a workshop that has finished had this code (as stored: capitals), so a phone can be told it
    has finished rather than that the code is wrong."""
    return Workshop.objects.filter(code=code, finished_at__isnull=False).exists()


def finished_attendee(code: str, token: str | None) -> Attendee | None:
    """The phone's attendee in a finished workshop with this code, found by its cookie token: codes are
    used again once a workshop finishes, and the token picks out the one this phone was in."""
    if not token:
        return None
    return (
        Attendee.objects.filter(workshop__code=code, workshop__finished_at__isnull=False, token_hash=hash_token(token))
        .select_related("workshop__round", "perspective")
        .first()
    )


def polled_version(code: str, token: str | None) -> int | None:
    """The version of the workshop this phone is in, found by its cookie token and the code in the address
    together, in one query; None for a phone that is not one of this workshop's (its poll then goes the long
    way, and a wrong code counts against its client).

    Every phone in the room asks this every 2.5 seconds, and building the statement through the ORM cost
    twice what running it does, so it is written once, with every name from the models' `_meta`
    (decision 7); tests/workshops/test_phone_poll.py checks it against the ORM's answer."""
    if not token:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_polled_version_sql(connection.vendor), [hash_token(token), code])
        row = cursor.fetchone()
    return None if row is None else row[0]


@functools.cache
def _polled_version_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    attendee, workshop = Attendee._meta, Workshop._meta

    def name(meta, field: str) -> str:
        return quote(meta.get_field(field).column)

    # Names from the models' _meta, quoted; the values are parameters.
    version, pk, code = name(workshop, "version"), name(workshop, "id"), name(workshop, "code")
    joined, token = name(attendee, "workshop"), name(attendee, "token_hash")
    return f"SELECT w.{version} FROM {quote(attendee.db_table)} a INNER JOIN {quote(workshop.db_table)} w ON w.{pk} = a.{joined} WHERE a.{token} = %s AND w.{code} = %s"  # noqa: S608


def ideas_for_dots(workshop: Workshop, attendee: Attendee) -> QuerySet[PostedIdea]:
    """The ideas on screen, oldest first, each with `mine`: how many of this phone's dots are on it."""
    return (
        ideas.on_screen(workshop)
        .select_related("idea")
        .annotate(mine=Count("dots", filter=Q(dots__attendee=attendee)))
        .order_by("pk")
    )


def posted_idea(workshop: Workshop, pk: int) -> PostedIdea | None:
    return workshop.posted_ideas.filter(pk=pk).first()


def page_state(workshop: Workshop) -> str:
    """What a phone's page was built for: the step, the principle, whether the group's view was there to
    reply to, and (at the dots) which ideas had buttons. When this differs from what a poll finds, the page
    needs reloading (it has forms the room no longer wants)."""
    state = f"{workshop.step}.{workshop.principle_id or 0}"
    if workshop.step == Step.AGREEING and workshop.principle_id:
        found = workshop.group_views.filter(consensus__principle_id=workshop.principle_id).values_list("pk", flat=True)
        state += f".g{next(iter(found), 0)}"
    if workshop.step == Step.DOTS:
        shown = ideas.on_screen(workshop).order_by("pk").values_list("pk", flat=True)
        listed = "-".join(str(pk) for pk in shown)
        state += ".i" + hashlib.sha256(listed.encode()).hexdigest()[:12]
    return state
