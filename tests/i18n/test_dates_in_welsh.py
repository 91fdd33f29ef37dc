"""Dates and times written for Welsh readers (coreflect/dates.py): Django's Welsh month and day names, and our
own words for am, pm, midday, "at" and "to"."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from coreflect import dates

UK = ZoneInfo("Europe/London")


def test_days_and_times_read_right_in_welsh():
    with translation.override("cy"):
        assert dates.day(datetime.date(2026, 12, 1)) == "1 Rhagfyr 2026"
        assert dates.day(datetime.date(2026, 12, 1), weekday=True) == "Dydd Mawrth 1 Rhagfyr 2026"
        assert dates.time_of_day(datetime.time(16, 51)) == "4:51yp"
        assert dates.time_of_day(datetime.time(9, 0)) == "9yb"
        assert dates.time_of_day(datetime.time(12, 0)) == "hanner dydd"
        assert dates.time_of_day(datetime.time(0, 0)) == "hanner nos"
        assert dates.moment(datetime.datetime(2026, 3, 2, 16, 51, tzinfo=UK)) == "2 Mawrth 2026 am 4:51yp"
        assert dates.days(datetime.date(2026, 3, 2), datetime.date(2026, 3, 6)) == "2 i 6 Mawrth 2026"


def test_and_in_english_as_gov_uk_writes_them():
    with translation.override("en-gb"):
        assert dates.day(datetime.date(2026, 12, 1)) == "1 December 2026"
        assert dates.time_of_day(datetime.time(16, 51)) == "4:51pm"
        assert dates.moment(datetime.datetime(2026, 3, 2, 16, 51, tzinfo=UK)) == "2 March 2026 at 4:51pm"
