"""Template tags for GOV.UK Design System components that every page uses."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def error_summary(*forms):
    """The error summary for one or more forms; renders nothing when they have no errors."""
    errors = []
    for form in forms:
        if form is not None and form.is_bound and form.errors:
            errors.extend(form.error_list())
    return {"errors": errors}


@register.simple_tag(takes_context=True)
def nav_current(context, *url_names):
    """aria-current for a navigation link when the page is one of the named URLs."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match and match.view_name in url_names:
        return "page"
    return ""


@register.simple_tag
def url_or_empty(name, *args):
    return reverse(name, args=args) if name else ""
