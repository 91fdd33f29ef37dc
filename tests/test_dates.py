"""Dates and times as GOV.UK writes them (coreflect/dates.py and its template filters)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from coreflect import dates

UTC = datetime.UTC
UK = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (16, 51, "4:51pm"),
        (9, 0, "9am"),
        (9, 5, "9:05am"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 30, "12:30pm"),
        (0, 30, "12:30am"),
        (23, 59, "11:59pm"),
    ],
)
def test_times_read_as_govuk_writes_them(hour, minute, expected):
    assert dates.time_of_day(datetime.time(hour, minute)) == expected


def test_days_read_as_govuk_writes_them():
    assert dates.day(datetime.date(2026, 12, 1)) == "1 December 2026"
    assert dates.day(datetime.date(2026, 12, 1), weekday=True) == "Tuesday 1 December 2026"
    assert dates.day(None) == ""


def test_a_stored_time_is_shown_in_uk_time():
    summer = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 12:30am on 1 July in British Summer Time
    assert dates.moment(summer) == "1 July 2026 at 12:30am"
    assert dates.moment(datetime.datetime(2026, 12, 1, 16, 51, tzinfo=UTC)) == "1 December 2026 at 4:51pm"
    assert dates.moment(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=UK)) == "1 December 2026 at midday"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2026, 12, 1), (2026, 12, 3), "1 to 3 December 2026"),
        ((2026, 11, 30), (2026, 12, 2), "30 November to 2 December 2026"),
        ((2026, 12, 30), (2027, 1, 2), "30 December 2026 to 2 January 2027"),
        ((2026, 12, 1), (2026, 12, 1), "1 December 2026"),
    ],
)
def test_ranges_say_to_and_the_month_and_year_once(start, end, expected):
    assert dates.days(datetime.date(*start), datetime.date(*end)) == expected


def test_a_range_with_one_end_is_that_day():
    assert dates.days(None, datetime.date(2026, 12, 3)) == "3 December 2026"


def test_month_and_day_names_follow_the_language():
    with translation.override("cy"):
        assert dates.day(datetime.date(2026, 12, 1), weekday=True) == "Dydd Mawrth 1 Rhagfyr 2026"


def test_templates_use_the_same_words():
    template = Template(
        "{{ when|day }}|{{ when|day:'weekday' }}|{{ when|time_of_day }}|{{ when|moment }}|"
        "{% days start end %}|{{ missing|day|default:'–' }}"
    )
    context = Context(
        {
            "when": datetime.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            "start": datetime.date(2026, 12, 1),
            "end": datetime.date(2026, 12, 3),
            "missing": None,
        }
    )
    assert template.render(context) == (
        "1 December 2026|Tuesday 1 December 2026|9am|1 December 2026 at 9am|1 to 3 December 2026|–"
    )
