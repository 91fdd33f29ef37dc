"""How Coreflect writes dates and times for people, as the GOV.UK style guide asks.

Every date or time a person reads – on a page, in an email, a PDF or a command's output – is written by
one of these, so they all read the same: "1 December 2026", "Tuesday 1 December 2026", "4:51pm", "9am",
"midday", "midnight", "1 December 2026 at 4:51pm" and "1 to 3 December 2026". Templates use the filters
of the same names in `coreflect/templatetags/govuk.py`.

Month and day names come from Django's translations of the active language, and the few words of our
own ("am", "pm", "midday", "at", "to") go through gettext, so a Welsh translation needs no code.
Times are shown in the service's time zone (`TIME_ZONE`, UK time).
"""

import datetime
from typing import TypeVar, cast

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

When = TypeVar("When", bound=datetime.date | datetime.time)


def _local(value: When) -> When:
    """A datetime in UK time (an aware one may have been stored in UTC); a date as it is."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return cast(When, timezone.localtime(value))
    return value


def _as_day(value: datetime.date) -> datetime.date:
    value = _local(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def day(value: datetime.date | None, *, weekday: bool = False) -> str:
    """A day as GOV.UK writes it, such as 1 December 2026 (Tuesday 1 December 2026 with the weekday).

    "" for no date, so a template can follow it with `default`."""
    if not value:  # None, or "" for a template's missing variable (a time is never false, even midnight)
        return ""
    return date_format(_local(value), "l j F Y" if weekday else "j F Y")


def time_of_day(value: datetime.time | datetime.datetime | None) -> str:
    """A time such as 4:51pm, 9am (never 9:00am), midday or midnight; "" for no time."""
    if not value:
        return ""
    value = _local(value)
    hour, minute = value.hour, value.minute
    if minute == 0 and hour == 0:
        return _("midnight")
    if minute == 0 and hour == 12:
        return _("midday")
    clock = str(hour % 12 or 12) + (f":{minute:02d}" if minute else "")
    return (_("%(clock)sam") if hour < 12 else _("%(clock)spm")) % {"clock": clock}


def moment(value: datetime.datetime | None) -> str:
    """A day and the time on it, such as 1 December 2026 at 4:51pm; "" for no time."""
    if not value:
        return ""
    return _("%(day)s at %(time)s") % {"day": day(value), "time": time_of_day(value)}


def days(start: datetime.date | None, end: datetime.date | None) -> str:
    """A range of days with "to", saying the month and year only once where they are shared:
    "1 to 3 December 2026", "30 November to 2 December 2026", "30 December 2026 to 2 January 2027".
    One end missing gives just the other day."""
    if not start or not end:
        return day(start or end)
    start, end = (_as_day(value) for value in (start, end))
    if start == end:
        return day(start)
    if start.year != end.year:
        first = day(start)
    elif start.month != end.month:
        first = date_format(start, "j F")
    else:
        first = date_format(start, "j")
    return _("%(start)s to %(end)s") % {"start": first, "end": day(end)}
