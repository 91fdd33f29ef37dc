"""The audit trail's page: what each change is called, and yes or no, in the reader's language."""

from django import template
from django.utils.translation import gettext

from coreflect.audit.labels import field_label

register = template.Library()


@register.filter(name="field_label")
def field_label_filter(key: str) -> str:
    return field_label(key)


@register.filter
def change_value(value):
    """A recorded value as the page shows it: "True" and "False" (how a yes-or-no setting is kept) as Yes and No."""
    return {"True": gettext("Yes"), "False": gettext("No")}.get(value, value) if isinstance(value, str) else value
