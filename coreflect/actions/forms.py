"""Forms for ideas, actions, their outcomes, progress notes and contributions."""

from decimal import Decimal
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect import dates
from coreflect.date_input import DateInputField
from coreflect.forms import DATE_INPUT_FORMATS, CoreflectForm
from coreflect.frameworks.wording import text

from .models import ActionStatus, Lens


class IdeaForm(CoreflectForm):
    principle = forms.ChoiceField(
        label=_("Which principle is it about?"),
        error_messages={"required": _("Select a principle"), "invalid_choice": _("Select a principle from the list")},
    )
    text = forms.CharField(
        label=_("The idea"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the idea"), "max_length": _("The idea must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.principle_rows = {row.key: row for row in principles}
        cast(forms.ChoiceField, self.fields["principle"]).choices = [(row.key, text(row.title)) for row in principles]

    def clean_principle(self):
        return self.principle_rows[self.cleaned_data["principle"]]


class ActionForm(CoreflectForm):
    what = forms.CharField(
        label=_("What will be done?"),
        max_length=300,
        error_messages={
            "required": _("Enter what will be done"),
            "max_length": _("Keep ‘what’ to 300 characters or fewer – put the detail in ‘how’"),
        },
    )
    how = forms.CharField(
        label=_("How will it be done?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("‘How’ must be 3,000 characters or fewer")},
    )
    owner = forms.ChoiceField(
        label=_("Who will lead it? (a member of your organisation)"),
        required=False,
        error_messages={"invalid_choice": _("Choose someone from your organisation, or type the person’s name below")},
    )
    owner_name = forms.CharField(
        label=_("Or type the name of the person leading it"),
        help_text=_("For example, a person with lived experience who is not a member here."),
        required=False,
        max_length=150,
        error_messages={"max_length": _("The name must be 150 characters or fewer")},
    )
    co_lead_name = forms.CharField(
        label=_("Co-led by (name, optional)"),
        help_text=_("Someone who leads it together with the person above, often a person with lived experience."),
        required=False,
        max_length=150,
        error_messages={"max_length": _("The co-lead’s name must be 150 characters or fewer")},
    )
    due_on = forms.DateField(
        label=_("When will it be done by?"),
        help_text=_("For example, 31/3/2027"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}, format="%d/%m/%Y"),
        error_messages={"invalid": _("Enter the date as day/month/year, like 31/3/2027")},
    )
    principles = forms.MultipleChoiceField(
        label=_("Which principles does it serve?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose principles from the list")},
    )
    lens = forms.ChoiceField(
        label=_("Which part of the organisation does it change? (SCIE lens, optional)"),
        required=False,
        choices=[("", _("Not chosen")), *Lens.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose culture, structure, practice or review")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a status"), "invalid_choice": _("Select a status from the list")},
    )
    dropped_reason = forms.CharField(
        label=_("If it was dropped, why?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The reason must be 1,000 characters or fewer")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, members, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(user.pk): user for user in members}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("Nobody chosen"))] + [
            (pk, user.name) for pk, user in self.members.items()
        ]
        self.principle_rows = {row.key: row for row in principles}
        cast(forms.ChoiceField, self.fields["principles"]).choices = [(row.key, text(row.title)) for row in principles]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        return self.members[value] if value else None

    def clean_principles(self):
        return [self.principle_rows[key] for key in self.cleaned_data["principles"]]

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean returns cleaned_data"
        if cleaned.get("status") == ActionStatus.DROPPED and not cleaned.get("dropped_reason", "").strip():
            self.add_error("dropped_reason", _("Say why the action was dropped, so people can see what happened"))
        if cleaned.get("owner") and cleaned.get("owner_name"):
            self.add_error("owner_name", _("Choose a member or type a name, not both"))
        return cleaned

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("principles", None)
        if data.get("status") != ActionStatus.DROPPED:
            data["dropped_reason"] = ""
        return data


class NoteForm(CoreflectForm):
    text = forms.CharField(
        label=_("Progress note"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter a progress note"),
            "max_length": _("The note must be 3,000 characters or fewer"),
        },
    )
    shared = forms.BooleanField(
        label=_("Share this with the people who took part"),
        help_text=_("They will see it on their page about what happened after the round."),
        required=False,
    )


class ContributionForm(CoreflectForm):
    name = forms.CharField(label=_("Name"), max_length=150, error_messages={"required": _("Enter the person’s name")})
    role = forms.CharField(
        label=_("Their role in this action"),
        help_text=_("For example: co-led the work, ran a session, reviewed the leaflet."),
        max_length=150,
        error_messages={"required": _("Enter their role")},
    )
    hours = forms.DecimalField(
        label=_("Hours given"),
        min_value=Decimal("0"),
        max_value=Decimal("10000"),
        decimal_places=1,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the hours, for example 6 or 2.5"),
            "invalid": _("Enter the hours as a number, for example 6 or 2.5"),
            "min_value": _("Hours cannot be less than 0"),
            "max_value": _("Hours must be 10,000 or fewer"),
            "max_decimal_places": _("Give hours to one decimal place, for example 2.5"),
        },
    )


OUTCOME_LIMIT = 3000


class OutcomeField(forms.CharField):
    """One part of an outcome, whose limit the page shows with GOV.UK's character count."""

    character_limit = OUTCOME_LIMIT

    def __init__(self, *, label, help_text, too_long):
        super().__init__(
            label=label,
            help_text=help_text,
            required=False,
            max_length=OUTCOME_LIMIT,
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={"max_length": too_long},
        )
        # No maxlength in the page: a browser would silently cut a pasted outcome short.
        self.widget.attrs.pop("maxlength", None)


class OutcomeForm(CoreflectForm):
    """We asked, you said, we did – and when to look at it again. Saved only over the version it was opened at."""

    WRITTEN = ("we_asked", "you_said", "we_did")  # the parts people write (the language lens reads these)

    we_asked = OutcomeField(
        label=_("We asked"),
        help_text=_("What the round asked people about, in a sentence or two. For example: how well we share power."),
        too_long=_("‘We asked’ must be 3,000 characters or fewer"),
    )
    you_said = OutcomeField(
        label=_("You said"),
        help_text=_(
            "What people told us. Use their own words where many of them agreed, and say where people saw it "
            "differently."
        ),
        too_long=_("‘You said’ must be 3,000 characters or fewer"),
    )
    we_did = OutcomeField(
        label=_("We did"),
        help_text=_("What changed because of it: what was done, by whom and when. Say so if it has not changed yet."),
        too_long=_("‘We did’ must be 3,000 characters or fewer"),
    )
    review_on = DateInputField(
        label=_("When should we look at this again? (optional)"),
        help_text=_("We will email the person leading the action on this day. For example, 27 3 2027"),
        name_in_errors=_("The review date"),
    )
    # A date that has passed is kept when the facilitator saves it again, having been warned.
    past_review_on = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean returns cleaned_data"
        review_on = cleaned.get("review_on")
        warned = cleaned.get("past_review_on", "")
        unchanged = review_on == self.initial.get("review_on")
        if review_on and review_on < timezone.localdate() and not unchanged and warned != review_on.isoformat():
            # The form comes back once with the warning; saving again keeps the date.
            data = self.data.copy()  # type: ignore[attr-defined]  # bound to a QueryDict
            data["past_review_on"] = review_on.isoformat()
            self.data = data
            self.add_error(
                "review_on",
                _("The review date, %(day)s, is in the past. Check it, or save again to keep it")
                % {"day": dates.day(review_on)},
            )
        return cleaned

    def outcome_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("we_asked", "you_said", "we_did", "review_on")}


class WhyNotForm(CoreflectForm):
    why_not_chosen = forms.CharField(
        label=_("Why was it not taken up?"),
        help_text=_("People who took part read this on their “what happened” page. Say it plainly."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The reason must be 1,000 characters or fewer")},
    )
