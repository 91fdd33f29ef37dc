"""Forms for setting up rounds and for answering a principle."""

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.forms import DATE_INPUT_FORMATS, CoreflectForm, EmailField
from coreflect.frameworks.wording import is_easy_read

from .models import PerspectiveGroup, SubjectKind
from .services import DEFAULT_PERSPECTIVES


class RoundForm(CoreflectForm):
    title = forms.CharField(
        label=_("Title"),
        help_text=_("People taking part will see this, for example ‘Riverside day services 2026’."),
        max_length=200,
        error_messages={"required": _("Enter a title"), "max_length": _("The title must be 200 characters or fewer")},
    )
    subject_kind = forms.ChoiceField(
        label=_("What are you reflecting on?"),
        choices=SubjectKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what you are reflecting on"),
            "invalid_choice": _("Select what you are reflecting on"),
        },
    )
    subject_description = forms.CharField(
        label=_("Describe it in a sentence or two"),
        help_text=_("For example, which service, which area, who it is for."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The description must be 2,000 characters or fewer")},
    )
    framework_version = forms.ChoiceField(
        label=_("Framework"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a framework"), "invalid_choice": _("Select a framework from the list")},
    )
    perspectives = forms.MultipleChoiceField(
        label=_("Whose views will you ask for?"),
        help_text=_("Select all that apply. You can change the wording of each later."),
        choices=[(key, label) for key, label, _group in DEFAULT_PERSPECTIVES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one perspective"),
            "invalid_choice": _("Select perspectives from the list"),
        },
    )
    anonymous = forms.TypedChoiceField(
        label=_("Will answers be anonymous?"),
        choices=[
            ("yes", _("Yes – nobody gives their name (recommended, so people can tell the whole truth)")),
            ("no", _("No – people give their name with their answers")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether answers will be anonymous")},
    )
    threshold = forms.IntegerField(
        label=_("Smallest group to show in results"),
        help_text=_("In anonymous rounds, results for groups smaller than this are never shown. 5 is usual."),
        min_value=2,
        max_value=50,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the smallest group to show, for example 5"),
            "invalid": _("The smallest group must be a whole number, like 5"),
            "min_value": _("The smallest group must be 2 or more"),
            "max_value": _("The smallest group must be 50 or fewer"),
        },
    )
    opens_on = forms.DateField(
        label=_("Opening date (optional)"),
        help_text=_("For example, 27/3/2027"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}, format="%d/%m/%Y"),
        error_messages={"invalid": _("Enter the opening date as day/month/year, like 27/3/2027")},
    )
    closes_on = forms.DateField(
        label=_("Closing date (optional)"),
        help_text=_("For example, 30/4/2027"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}, format="%d/%m/%Y"),
        error_messages={"invalid": _("Enter the closing date as day/month/year, like 30/4/2027")},
    )
    language_lens = forms.BooleanField(
        label=_("Point out deficit language to people taking part"),
        help_text=_(
            "Off unless you switch it on: people’s words are their own. When it is on, after someone saves a part, "
            "they see a note beside any words the language lens points out, with asset-based words they might use "
            "instead. Nothing they wrote is changed or held up."
        ),
        required=False,
    )

    def __init__(self, *args, framework_versions=(), framework_locked=False, awaiting_review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {str(version.pk): version for version in framework_versions}
        # Facilitators see which versions' Welsh or Easy Read wording is still awaiting review (frameworks.checks).
        awaiting = awaiting_review or {}
        cast(forms.ChoiceField, self.fields["framework_version"]).choices = [
            (
                str(version.pk),
                _("%(title)s (version %(number)s)") % {"title": version.title, "number": version.number}
                + "".join(
                    " – " + _("%(wording)s awaiting review") % {"wording": variant.label}
                    for variant in awaiting.get(version.pk, ())
                ),
            )
            for version in framework_versions
        ]
        if framework_locked:
            self.fields["framework_version"].disabled = True
            self.fields["framework_version"].help_text = _(
                "People have already answered, so the framework cannot change."
            )

    def clean_framework_version(self):
        return self.versions[self.cleaned_data["framework_version"]]

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean returns cleaned_data"
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        # A date that has passed is kept when it is the one already saved (a closed round's details can change).
        if closes and closes < timezone.localdate() and closes != self.initial.get("closes_on"):
            self.add_error("closes_on", _("The closing date must be today or in the future"))
        elif opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date"))
        return cleaned


class NextRoundForm(CoreflectForm):
    title = forms.CharField(
        label=_("What is the next round called?"),
        help_text=_("People taking part will see this. You can change it, and the other details, later."),
        max_length=200,
        error_messages={
            "required": _("Enter a title for the next round"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    title.page_heading = True  # type: ignore[attr-defined]  # read by GovukBoundField.label_is_page_heading


MUST_STAY_ANONYMOUS = _("Select ‘Yes’ – people have already answered anonymously, so answers must stay anonymous")


def smallest_group_floor(lowest: int) -> str:
    return _("Enter %(lowest)s or more – people have already answered, so the smallest group cannot go down") % {
        "lowest": lowest
    }


class RoundEditForm(RoundForm):
    """Editing a round: perspectives are changed on their own page, so they are not asked here.

    Once anyone has answered (`answered_round` is the round as it was then), people have answered on the
    terms they were shown: anonymous answers stay anonymous, and the smallest group shown can only go up.
    """

    def __init__(self, *args, answered_round=None, **kwargs):
        super().__init__(*args, framework_locked=answered_round is not None, **kwargs)
        del self.fields["perspectives"]
        self.answered_round = answered_round
        if answered_round is None:
            return
        self.fields["anonymous"].help_text = (
            _("People have already answered anonymously, so answers must stay anonymous.")
            if answered_round.anonymous
            else _("People have already answered. You can make answers anonymous, but you cannot then change back.")
        )
        self.fields["threshold"].help_text = _(
            "In anonymous rounds, results for groups smaller than this are never shown. People have already "
            "answered, so this number can go up but not down."
        )

    def clean_anonymous(self):
        anonymous = self.cleaned_data["anonymous"]
        if self.answered_round is not None and self.answered_round.anonymous and not anonymous:
            raise forms.ValidationError(MUST_STAY_ANONYMOUS)
        return anonymous

    def clean_threshold(self):
        threshold = self.cleaned_data["threshold"]
        if self.answered_round is not None and threshold < self.answered_round.threshold:
            raise forms.ValidationError(smallest_group_floor(self.answered_round.threshold))
        return threshold

    def refuse_looser(self, fields: list[str], lowest: int) -> None:
        """Explain the settings the round would not loosen: someone answered while this form was filled in."""
        for name in fields:
            self.add_error(name, smallest_group_floor(lowest) if name == "threshold" else MUST_STAY_ANONYMOUS)


class PerspectiveChoiceForm(CoreflectForm):
    perspective = forms.ChoiceField(
        label=_("Which of these best describes you?"),
        help_text=_("This helps everyone see where different groups of people see things differently."),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the description that fits you best"),
            "invalid_choice": _("Select one of the descriptions in the list"),
        },
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your name"), "max_length": _("Your name must be 150 characters or fewer")},
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.perspectives = {str(p.pk): p for p in round_.perspectives.all()}
        cast(forms.ChoiceField, self.fields["perspective"]).choices = [
            (pk, p.label) for pk, p in self.perspectives.items()
        ]
        if round_.anonymous:
            del self.fields["name"]
        else:
            self.fields["name"].help_text = _(
                "This round is named: the people running it will see your name beside your answers."
            )
        if is_easy_read():
            self._in_easy_read()

    def _in_easy_read(self):
        perspective = self.fields["perspective"]
        perspective.help_text = _("This helps us see if different groups of people think differently.")
        perspective.error_messages = {
            **perspective.error_messages,
            "required": _("Choose the words that fit you best"),
            "invalid_choice": _("Choose one from the list"),
        }
        if "name" in self.fields:
            name = self.fields["name"]
            name.help_text = _("The people who run this will see your name with your answers.")
            name.error_messages = {**name.error_messages, "max_length": _("Your name is too long. Make it shorter")}

    def clean_perspective(self):
        return self.perspectives[self.cleaned_data["perspective"]]


class PerspectiveLabelsForm(CoreflectForm):
    """The wording of each perspective, and which side of a perception gap it sits on."""

    def __init__(self, *args, perspectives, **kwargs):
        super().__init__(*args, **kwargs)
        for perspective in perspectives:
            self.fields[f"label_{perspective.pk}"] = forms.CharField(
                label=_("Wording for ‘%(label)s’") % {"label": perspective.label},
                initial=perspective.label,
                max_length=120,
                error_messages={
                    "required": _("Enter the wording for this perspective"),
                    "max_length": _("The wording must be 120 characters or fewer"),
                },
            )
            self.fields[f"group_{perspective.pk}"] = forms.ChoiceField(
                label=_("In perception gaps, ‘%(label)s’ counts as") % {"label": perspective.label},
                choices=[
                    (PerspectiveGroup.LIVED_EXPERIENCE, _("Lived experience")),
                    (PerspectiveGroup.STAFF, _("Staff")),
                    (PerspectiveGroup.OTHER, _("Not compared")),
                ],
                initial=perspective.group,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Select how this perspective counts in perception gaps"),
                    "invalid_choice": _("Select how this perspective counts in perception gaps"),
                },
            )

    def labels(self) -> dict[int, tuple[str, str]]:
        """perspective pk -> (label, group)"""
        data = self.cleaned_data
        return {
            int(name.removeprefix("label_")): (value, data[f"group_{name.removeprefix('label_')}"])
            for name, value in data.items()
            if name.startswith("label_")
        }


class StatusForm(CoreflectForm):
    status = forms.ChoiceField(choices=[("open", "open"), ("closed", "closed")], widget=forms.HiddenInput)


class PrivateLinkEmailForm(CoreflectForm):
    email = EmailField(
        help_text=_("We use it once, to send you the link, and do not keep it."),
        required_message=_("Enter your email address"),
    )


class FollowForm(CoreflectForm):
    """An address to tell when a round's results are out and when the organisation says what it did."""

    prefix = "follow"  # a page may also hold the form that emails someone their private link
    email = EmailField(
        help_text=_(
            "Optional. Email me when the results are out or when the organisation says what it did. Your address "
            "is kept apart from your answers, with nothing linking the two, used only for these emails and "
            "deleted after the last one."
        ),
        required_message=_("Enter your email address"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if is_easy_read():
            self.fields["email"].help_text = _(
                "You do not have to do this. We will email you when there is news. We keep your email away "
                "from your answers. We delete it after the last email."
            )
