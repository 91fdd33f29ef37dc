"""The forms people fill in on their phones in a workshop: the join code, their perspective, their vote, their
reply to the group's view and their ideas. Every message comes from the server, by the field and in the
error summary."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm
from coreflect.frameworks.wording import text
from coreflect.reflections.models import Rag, Stance

from .models import CODE_LENGTH, asks_stage

IDEA_LIMIT = 2000
REASON_LIMIT = 1000


class CodeForm(CoreflectForm):
    code = forms.CharField(
        label=_("Workshop code"),
        help_text=_("6 letters and numbers, shown on the screen in the room"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "govuk-input--width-10 coreflect-code-input",
            }
        ),
        error_messages={
            "required": _("Enter the workshop code"),
            "max_length": _("The workshop code is %(length)s letters and numbers") % {"length": CODE_LENGTH},
        },
    )


class PerspectiveForm(CoreflectForm):
    perspective = forms.ChoiceField(
        label=_("Which of these best describes you?"),
        help_text=_("This helps the room see where different groups of people see things differently."),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the description that fits you best"),
            "invalid_choice": _("Select one of the descriptions in the list"),
        },
    )

    def __init__(self, *args, perspectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.perspectives = {str(p.pk): p for p in perspectives}
        cast(forms.ChoiceField, self.fields["perspective"]).choices = [
            (pk, p.label) for pk, p in self.perspectives.items()
        ]

    def clean_perspective(self):
        return self.perspectives[self.cleaned_data["perspective"]]


RAG_CHOICES = [
    (Rag.RED, _("Red – not working yet")),
    (Rag.AMBER, _("Amber – partly working")),
    (Rag.GREEN, _("Green – working well")),
]


class VoteForm(CoreflectForm):
    """A vote on the principle the room is on: the stage and RED/AMBER/GREEN, and which statements are true."""

    stage = forms.ChoiceField(
        label=_("Which stage are you at?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a stage"), "invalid_choice": _("Choose a stage from the list")},
    )
    rag = forms.ChoiceField(
        label=_("How well is it working: red, amber or green?"),
        choices=RAG_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose red, amber or green"),
            "invalid_choice": _("Choose red, amber or green"),
        },
    )
    ticked = forms.MultipleChoiceField(
        label=_("Which of these statements are true? (optional)"),
        help_text=_("Tick any that are true where you live or work."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tick statements from the list")},
    )

    def __init__(self, *args, document: dict, principle: dict, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [
            (s["key"], text(s["label"])) for s in document["stages"]
        ]
        cast(forms.ChoiceField, self.fields["ticked"]).choices = [
            (i["key"], text(i["text"])) for i in principle["indicators"]
        ]
        if not principle["indicators"]:
            del self.fields["ticked"]
        if not asks_stage(document):
            del self.fields["stage"]


class ReplyForm(CoreflectForm):
    stance = forms.ChoiceField(
        label=_("What do you say to the group's view?"),
        choices=Stance.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you agree, can live with it or object"),
            "invalid_choice": _("Choose whether you agree, can live with it or object"),
        },
    )
    reason = forms.CharField(
        label=_("Why do you object?"),
        help_text=_("Needed if you object. The group will hear your reason, not who gave it."),
        required=False,
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Your reason must be %(limit)s characters or fewer") % {"limit": f"{REASON_LIMIT:,}"}
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs.pop("maxlength", None)


class IdeaField(forms.CharField):
    """An idea, whose limit the page shows with GOV.UK's character count."""

    character_limit = IDEA_LIMIT


class IdeaForm(CoreflectForm):
    idea = IdeaField(
        label=_("Your idea for change"),
        help_text=_("Nothing is too silly. What could make this better? Everyone sees the ideas, not who had them."),
        max_length=IDEA_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter your idea"),
            "max_length": _("Your idea must be %(limit)s characters or fewer – shorten it a little and send it again")
            % {"limit": f"{IDEA_LIMIT:,}"},
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the page: a browser would silently cut a pasted idea short.
        self.fields["idea"].widget.attrs.pop("maxlength", None)

    def clean_idea(self):
        idea = self.cleaned_data["idea"].strip()
        if not idea:
            raise forms.ValidationError(_("Enter your idea"))
        return idea
