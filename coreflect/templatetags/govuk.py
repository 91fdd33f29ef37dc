"""Template tags for GOV.UK Design System components and GOV.UK style that every page uses.

The date and time filters are the template side of `coreflect/dates.py`: `{{ round.closes_on|day }}`,
`{{ value|day:"weekday" }}`, `{{ note.created_at|moment }}`, `{{ value|time_of_day }}`,
`{% days start end %}` and `{% today %}`.
"""

from django import template
from django.utils import timezone

from coreflect import dates

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def error_summary(*forms):
    """The error summary for one or more forms; renders nothing when they have no errors."""
    errors = []
    for form in forms:
        if form is not None and form.is_bound and form.errors:
            errors.extend(form.error_list())
    return {"errors": errors}


@register.filter(expects_localtime=True)
def day(value, weekday=""):
    return dates.day(value, weekday=weekday == "weekday")


@register.filter(expects_localtime=True)
def time_of_day(value):
    return dates.time_of_day(value)


@register.filter(expects_localtime=True)
def moment(value):
    return dates.moment(value)


@register.simple_tag(name="days")
def days_tag(start, end):
    return dates.days(start, end)


@register.simple_tag
def today():
    return dates.day(timezone.localdate())
