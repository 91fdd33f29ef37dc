"""A round in outline, as the poster and the emails put it: how many parts, about how long each takes,
and when it closes.

Both `sharing.py` (the poster, the private link) and `tasks.py` (each invitation) say this, so it lives
below them both.
"""

from coreflect import dates

from .models import Round

MINUTES_PER_PART = 5


def part_count(round_: Round) -> int:
    return len(round_.framework_version.principles)


def closing_date(round_: Round) -> str:
    """The closing date as GOV.UK writes dates (e.g. 31 March 2026), or "" when there is none."""
    return dates.day(round_.closes_on)
