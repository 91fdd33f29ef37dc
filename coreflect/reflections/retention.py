"""When a round's free text has been kept long enough, and removing the words people wrote in its answers.

An organisation keeps what people wrote in its anonymous rounds for a number of months after a round
closes (`Organisation.free_text_months`; 0 keeps it until the round is deleted). This module says which
day a round closed and until when its words are kept, and empties the words in its answers: evidence,
reflections and ideas. Stages, RED/AMBER/GREEN scores, ticked statements and the running totals stay, so
every figure is unchanged. The rest of a round's free text (ideas, workshop objections, chosen words) is
removed by coreflect/exports/retention.py, which calls this.
"""

import calendar
import datetime

from .models import Response, Round, RoundStatus


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 August + 6 months is 28 or
    29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def closed_day(round_: Round, today: datetime.date) -> datetime.date | None:
    """The day the round stopped taking answers, or None while it still takes them or has not opened.

    The earlier of the day a facilitator closed it and its closing date (once past). Rounds closed before
    Coreflect noted the day fall back on the day their results were released at closing."""
    days: list[datetime.date] = []
    if round_.closes_on and round_.closes_on < today and round_.status != RoundStatus.DRAFT:
        days.append(round_.closes_on)
    if round_.status == RoundStatus.CLOSED and round_.closed_on:
        days.append(round_.closed_on)
    if round_.status == RoundStatus.CLOSED and not days and round_.released_at_close and round_.released_on:
        days.append(round_.released_on)
    return min(days) if days else None


def kept_until(round_: Round, months: int, today: datetime.date) -> datetime.date | None:
    """The last day a round's free text is kept, or None when it is kept (for now, or until deletion)."""
    closed = closed_day(round_, today)
    if not months or closed is None:
        return None
    return months_after(closed, months)


def is_due(round_: Round, months: int, today: datetime.date) -> bool:
    """Whether the round is anonymous, its words are still there, and their time is up."""
    until = kept_until(round_, months, today)
    return round_.anonymous and round_.free_text_removed_on is None and until is not None and today > until


def remove_written_answers(round_: Round) -> int:
    """Empties the evidence, reflections and ideas in a round's answers; how many answers had any."""
    written = Response.objects.filter(round=round_).exclude(evidence="", reflections="", ideas="")
    return written.update(evidence="", reflections="", ideas="")
