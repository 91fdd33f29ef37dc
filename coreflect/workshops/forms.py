"""The facilitator's workshop forms: start a workshop, move the room on, count hands, agree the group's view
and write its dissent, and look after the ideas (add, hide, merge, dots, actions)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coreflect.forms import CoreflectForm
from coreflect.frameworks.wording import text
from coreflect.reflections.models import Rag

from .models import Counting, Step

MOVES = [Step.WELCOME, Step.VOTING, Step.REVEALED, Step.AGREEING, Step.DOTS]


class StartForm(CoreflectForm):
    counting = forms.ChoiceField(
        label=_("If someone has already answered on their own and then votes in the workshop"),
        choices=Counting.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what happens to an answer given on its own")},
    )


class StepForm(CoreflectForm):
    """One of the console's step buttons: where to take the room (and on which principle)."""

    step = forms.ChoiceField(choices=[(step.value, step.label) for step in MOVES], widget=forms.HiddenInput)
    principle = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.principle_rows = principles  # key -> Principle

    def clean(self):
        cleaned = super().clean() or {}
        key = cleaned.get("principle") or ""
        cleaned["principle"] = self.principle_rows.get(key)
        if cleaned.get("step") in (Step.VOTING, Step.REVEALED, Step.AGREEING) and cleaned["principle"] is None:
            raise forms.ValidationError(_("Choose a principle"))
        return cleaned


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=9999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter the number of hands as a whole number, like 4"),
            "min_value": _("The number of hands cannot be less than 0"),
            "max_value": _("The number of hands must be 9,999 or fewer"),
        },
    )


class HandsForm(CoreflectForm):
    """A show of hands for people without a phone: how many for each stage, and for each of RED, AMBER and
    GREEN. Empty means nobody."""

    def __init__(self, *args, stages, asks_stage: bool, asks_rag: bool, saved=None, **kwargs):
        """`stages`: (document stage, Stage row) pairs, lowest first; `saved`: the counts given before,
        (stage key or "", RAG or "") -> hands."""
        saved = saved or {}
        kwargs.setdefault("initial", {})
        for (stage_key, rag), n in saved.items():
            kwargs["initial"][f"stage_{stage_key}" if stage_key else f"rag_{rag}"] = n
        super().__init__(*args, **kwargs)
        self.stage_rows = {}
        if asks_stage:
            for stage, row in stages:
                name = f"stage_{stage['key']}"
                self.fields[name] = _count_field(_("Hands for ‘%(stage)s’") % {"stage": text(stage["label"])})
                self.stage_rows[name] = row
        self.rag_names = {}
        if asks_rag:
            for rag in Rag:
                name = f"rag_{rag.value}"
                self.fields[name] = _count_field(_("Hands for %(rag)s") % {"rag": rag.label.upper()})
                self.rag_names[name] = rag.value

    def counts(self) -> dict:
        counts = {(row, ""): self.cleaned_data.get(name) or 0 for name, row in self.stage_rows.items()}
        counts |= {(None, rag): self.cleaned_data.get(name) or 0 for name, rag in self.rag_names.items()}
        return counts


class GroupViewForm(CoreflectForm):
    stage = forms.ChoiceField(
        label=_("Stage the group settled on"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select a stage from the list")},
    )
    rag = forms.ChoiceField(
        label=_("RED, AMBER or GREEN"),
        required=False,
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select RED, AMBER or GREEN")},
    )
    evidence = forms.CharField(
        label=_("Evidence the group gave"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The evidence must be 5,000 characters or fewer")},
    )

    def __init__(self, *args, stages, asks_stage: bool, asks_rag: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage_rows = {stage["key"]: row for stage, row in stages}
        if asks_stage:
            cast(forms.ChoiceField, self.fields["stage"]).choices = [
                (stage["key"], text(stage["label"])) for stage, _row in stages
            ]
        else:
            del self.fields["stage"]
        if not asks_rag:
            del self.fields["rag"]

    def clean(self):
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("stage") and not cleaned.get("rag"):
            first = "stage" if "stage" in self.fields else "rag"
            self.add_error(
                first if first in self.fields else None, _("Select the stage or the score the group settled on")
            )
        cleaned["stage"] = self.stage_rows.get(cleaned.get("stage") or "")
        cleaned["rag"] = cleaned.get("rag") or ""
        return cleaned


class DissentForm(CoreflectForm):
    dissent = forms.CharField(
        label=_("The dissent, in the group’s words"),
        help_text=_("For example, “people who draw on support placed this lower because…”. Do not name anyone."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The dissent must be 5,000 characters or fewer")},
    )


class IdeaForm(CoreflectForm):
    principle = forms.ChoiceField(
        label=_("Which principle is it about?"),
        error_messages={"required": _("Select a principle"), "invalid_choice": _("Select a principle from the list")},
    )
    text = forms.CharField(
        label=_("The idea"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Enter the idea"), "max_length": _("The idea must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, principles, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.principle_rows = principles
        cast(forms.ChoiceField, self.fields["principle"]).choices = [(key, titles[key]) for key in principles]

    def clean_principle(self):
        return self.principle_rows[self.cleaned_data["principle"]]

    def clean_text(self):
        value = self.cleaned_data["text"].strip()
        if not value:
            raise forms.ValidationError(_("Enter the idea"))
        return value


class HideForm(CoreflectForm):
    hidden = forms.BooleanField(required=False, widget=forms.HiddenInput)


def _idea_choices(ideas) -> list[tuple[str, str]]:
    return [(str(posted.pk), posted.idea.text) for posted in ideas]


class MergeForm(CoreflectForm):
    duplicate = forms.ChoiceField(
        label=_("The idea said again"),
        error_messages={
            "required": _("Select the idea said again"),
            "invalid_choice": _("Select an idea from the list"),
        },
    )
    into = forms.ChoiceField(
        label=_("The idea it repeats"),
        error_messages={
            "required": _("Select the idea it repeats"),
            "invalid_choice": _("Select an idea from the list"),
        },
    )

    def __init__(self, *args, ideas, **kwargs):
        super().__init__(*args, **kwargs)
        self.ideas = {str(posted.pk): posted for posted in ideas}
        choices = [("", _("Choose an idea")), *_idea_choices(ideas)]
        cast(forms.ChoiceField, self.fields["duplicate"]).choices = choices
        cast(forms.ChoiceField, self.fields["into"]).choices = choices

    def clean(self):
        cleaned = super().clean() or {}
        if not self.errors and cleaned["duplicate"] == cleaned["into"]:
            self.add_error("into", _("Select a different idea from the one said again"))
        if not self.errors:
            cleaned["duplicate"], cleaned["into"] = self.ideas[cleaned["duplicate"]], self.ideas[cleaned["into"]]
        return cleaned


class DotsForm(CoreflectForm):
    double_dots = forms.BooleanField(
        label=_("People may put two of their dots on one idea"),
        required=False,
    )


class ActionForm(CoreflectForm):
    idea = forms.ChoiceField(
        label=_("Which idea becomes an action?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select an idea"), "invalid_choice": _("Select an idea from the list")},
    )
    what = forms.CharField(
        label=_("What will be done? (optional)"),
        help_text=_("Leave empty to use the idea’s own words. You can add who, when and how in the action plan."),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Keep ‘what’ to 300 characters or fewer")},
    )

    def __init__(self, *args, ideas, **kwargs):
        super().__init__(*args, **kwargs)
        self.ideas = {str(posted.pk): posted for posted in ideas}
        cast(forms.ChoiceField, self.fields["idea"]).choices = [
            (str(posted.pk), _label_with_dots(posted)) for posted in ideas
        ]

    def clean_idea(self):
        return self.ideas[self.cleaned_data["idea"]]


def _label_with_dots(posted) -> str:
    dots = getattr(posted, "dot_count", 0)
    count = ngettext("%(n)s dot", "%(n)s dots", dots) % {"n": dots}
    return f"{posted.idea.text} ({count})"
