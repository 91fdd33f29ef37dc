"""Template tags for GOV.UK Design System components that every page uses."""

from django import template

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def error_summary(*forms):
    """The error summary for one or more forms; renders nothing when they have no errors."""
    errors = []
    for form in forms:
        if form is not None and form.is_bound and form.errors:
            errors.extend(form.error_list())
    return {"errors": errors}
