"""The form layer: Django forms that render as GOV.UK Design System components.

Every form in Coreflect inherits `CoreflectForm` (or `CoreflectModelForm`). Rendering `{{ form }}`
then gives each field its label, hint, error message and the right component classes, and
`{% error_summary form %}` gives the summary at the top of the page. Browsers' own validation
bubbles are switched off (`use_required_attribute = False`, `novalidate` on the form) so every
message comes from the server, next to the field and in the summary, in the same words.
"""

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import django.forms
import jinja2
from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import Jinja2
from django.template.backends.jinja2 import Jinja2 as Jinja2Backend
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

# Which GOV.UK component renders each kind of Django widget (BoundField.widget_type).
COMPONENT_FOR_WIDGET = {
    "text": "input",
    "email": "input",
    "password": "input",
    "number": "input",
    "url": "input",
    "date": "input",
    "datetime": "input",
    "time": "input",
    "textarea": "textarea",
    "select": "select",
    "radioselect": "radios",
    "checkboxselectmultiple": "checkboxes",
    "checkbox": "checkbox",
    "hidden": "hidden",
}

# The ways people write a date in a form: day first, as UK readers expect, or ISO.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y"]

# GOV.UK Frontend's character count speaks only English: its messages are passed to it from our catalogues
# (data-i18n attributes), one for each plural category browsers choose from (Intl.PluralRules: Welsh has zero,
# one, two, few, many and other). Each is worked out with gettext's own plural forms for a number in it.
PLURAL_CATEGORY_EXAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 6, "other": 4}


def character_count_messages() -> tuple[tuple[str, str], ...]:
    """(data attribute, text) for GOV.UK's character count in the current language; `%{count}` is its number."""
    return _character_count_messages(get_language())


@cache
def _character_count_messages(language: str | None) -> tuple[tuple[str, str], ...]:
    """The messages for one language: worked out once per process (18 plural lookups on every long answer)."""
    count = {"count": "%{count}"}
    messages = [("data-i18n.characters-at-limit", gettext("You have 0 characters remaining"))]
    for category, n in PLURAL_CATEGORY_EXAMPLES.items():
        messages += [
            (
                f"data-i18n.characters-under-limit.{category}",
                ngettext("You have %(count)s character remaining", "You have %(count)s characters remaining", n)
                % count,
            ),
            (
                f"data-i18n.characters-over-limit.{category}",
                ngettext("You have %(count)s character too many", "You have %(count)s characters too many", n) % count,
            ),
            (
                f"data-i18n.textarea-description.{category}",
                ngettext("You can enter up to %(count)s character", "You can enter up to %(count)s characters", n)
                % count,
            ),
        ]
    return tuple(messages)


INPUT_CLASS = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radios": "govuk-radios__input",
    "checkboxes": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
}


class EmailField(forms.EmailField):
    """An email address as GOV.UK's email address pattern asks for it, the same on every form.

    Labelled "Email address", typed in an email input that browsers may fill in (`autocomplete`) and
    that does not mark addresses as misspelt. Pass `autocomplete="off"` for someone else's address,
    `required_message` to say whose address it is, and `label` or `help_text` as for any field.
    """

    def __init__(self, *, label=None, autocomplete="email", required_message=None, attrs=None, **kwargs):
        kwargs.setdefault("max_length", 254)
        widget_attrs = {"autocomplete": autocomplete, "spellcheck": "false", **(attrs or {})}
        super().__init__(
            label=label or _("Email address"),
            widget=forms.EmailInput(attrs=widget_attrs),
            error_messages={
                "required": required_message or _("Enter an email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
                "max_length": _("Email address must be 254 characters or fewer"),
            },
            **kwargs,
        )


class GovukBoundField(BoundField):
    @property
    def component(self) -> str:
        return COMPONENT_FOR_WIDGET.get(self.widget_type, "input")

    @property
    def first_input_id(self) -> str:
        """Where the error summary's link for this field should land."""
        if self.use_fieldset and self.auto_id:
            return f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id

    @property
    def label_lang(self) -> str:
        """The language of the label when it is not the page's (framework text shown only in English)."""
        return getattr(self.field, "label_lang", "")

    @property
    def help_lang(self) -> str:
        return getattr(self.field, "help_lang", "")

    @property
    def label_is_page_heading(self) -> bool:
        return bool(getattr(self.field, "page_heading", False))

    @property
    def character_limit(self) -> int | None:
        """A long answer's limit, shown with GOV.UK's character count (a live count where JavaScript runs)."""
        return getattr(self.field, "character_limit", None) if self.component == "textarea" else None

    @property
    def character_count_messages(self) -> tuple[tuple[str, str], ...]:
        return character_count_messages() if self.character_limit else ()

    @property
    def character_limit_message(self) -> str:
        """The hint under a long answer, for people without JavaScript (GOV.UK's count replaces it)."""
        if not self.character_limit:
            return ""
        return gettext("You can enter up to %(limit)s characters") % {"limit": f"{self.character_limit:,}"}

    @property
    def error_prefix(self) -> str:
        """Read out before an error message, so a screen reader says it is one."""
        return gettext("Error:")

    @cached_property
    def options(self) -> list[dict]:
        """A radios or checkboxes field's choices as the template writes them out: value, label, id (the
        same ids Django gives) and whether each is chosen. Django's own route – one widget context per
        option, its attributes copied each time – was the dearest part of a participant's page."""
        value = self.value()
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(item) for item in values if item is not None}
        disabled = self.field.disabled
        return [
            {
                "value": str(key),
                "label": label,
                "id": f"{self.auto_id}_{index}",
                "checked": str(key) in chosen,
                "disabled": disabled,
            }
            # Only radios and checkboxes ask for options, and their fields are choice fields.
            for index, (key, label) in enumerate(self.field.choices)  # type: ignore[attr-defined]
        ]

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        css = INPUT_CLASS.get(self.component)
        if css:
            classes = [css]
            if self.errors and self.component in {"input", "textarea", "select"}:
                classes.append(f"{css}--error")
            if extra := self.field.widget.attrs.get("class"):
                classes.append(extra)
            if self.character_limit:
                classes.append("govuk-js-character-count")
            attrs["class"] = " ".join(classes)
        if self.character_limit:
            described = attrs.get("aria-describedby", "").split()
            attrs["aria-describedby"] = " ".join([*described, f"{self.auto_id}-info"])
        return attrs


class GovukFormRenderer(Jinja2):
    """Draws forms and fields as GOV.UK components with Jinja2 (docs/decisions/0018-form-components.md).

    The pages stay Django templates; only the form components are Jinja2: `coreflect/jinja2/govuk/forms/`
    for the fields, Django's own Jinja2 widget templates for the inputs inside them. The templates hold no
    words: labels, hints, errors and the character count's messages come from the form and the bound field,
    already in the reader's language. An attribute the templates ask for that does not exist is an error."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField

    @cached_property
    def engine(self) -> Jinja2Backend:
        return Jinja2Backend(
            {
                "APP_DIRS": False,
                "DIRS": [Path(__file__).parent / "jinja2", Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "govuk-forms",
                "OPTIONS": {"undefined": jinja2.StrictUndefined},
            }
        )


class CoreflectFormMixin:
    use_required_attribute = False
    template_name_div = "govuk/forms/form.html"

    if TYPE_CHECKING:
        # What the mixin uses of the form it is mixed into (GovukFormRenderer makes its bound fields).
        def non_field_errors(self) -> forms.utils.ErrorList: ...
        def __iter__(self) -> Iterator[GovukBoundField]: ...

    def error_list(self):
        """(link target, message) for every error, in the order the fields appear."""
        items = [("", message) for message in self.non_field_errors()]
        for bound_field in self:
            target = "" if bound_field.is_hidden else bound_field.first_input_id
            items.extend((target, message) for message in bound_field.errors)
        return items


class CoreflectForm(CoreflectFormMixin, forms.Form):
    pass


class CoreflectModelForm(CoreflectFormMixin, forms.ModelForm):
    pass
