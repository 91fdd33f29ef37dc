"""The form a participant fills in for one principle, built from the framework version's prompts.

Only choices the framework version really has are accepted: a forged stage or indicator key gets
a clear message, never a stored answer.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coreflect.forms import CoreflectForm
from coreflect.frameworks.templatetags.frameworks import text

from .models import Rag
from .services import Answer

ANSWER_LIMIT = 5000
TEXT_PROMPTS = ("evidence", "reflections", "ideas")


def _written(prompt, name):
    field = forms.CharField(
        label=text(prompt["text"]),
        help_text=text(prompt.get("hint")),
        required=False,
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("Your answer must be %(limit)s characters or fewer – shorten it a little and save again")
            % {"limit": f"{ANSWER_LIMIT:,}"}
        },
    )
    # No maxlength in the page: a browser would silently cut a pasted answer short. The server
    # says how long it may be instead, and keeps everything typed.
    field.widget.attrs.pop("maxlength", None)
    return field


class PrincipleAnswerForm(CoreflectForm):
    def __init__(self, *args, document: dict, principle: dict, stage_rows: dict, indicator_rows: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.principle = principle
        self.stage_rows = stage_rows
        self.indicator_rows = indicator_rows
        self.stage_docs = document["stages"]
        self.kinds = [prompt["kind"] for prompt in document["prompts"]]
        for prompt in document["prompts"]:
            kind = prompt["kind"]
            if kind == "tick":
                self.fields["ticked"] = forms.MultipleChoiceField(
                    label=text(prompt["text"]),
                    help_text=text(prompt.get("hint")),
                    required=False,
                    choices=[(i["key"], text(i["text"])) for i in principle["indicators"]],
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={
                        "invalid_choice": _(
                            "One of the statements ticked is not part of this framework. Tick statements from the list."
                        )
                    },
                )
            elif kind == "stage":
                self.fields["stage"] = forms.ChoiceField(
                    label=text(prompt["text"]),
                    help_text=text(prompt.get("hint")) or _("You need to answer this one to complete this part."),
                    required=False,
                    choices=[(s["key"], text(s["label"])) for s in self.stage_docs],
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choose a stage from the list")},
                )
            elif kind == "rag":
                self.fields["rag"] = forms.ChoiceField(
                    label=text(prompt["text"]),
                    help_text=text(prompt.get("hint")),
                    required=False,
                    choices=[
                        (Rag.RED, _("Red – not working yet")),
                        (Rag.AMBER, _("Amber – partly working")),
                        (Rag.GREEN, _("Green – working well")),
                    ],
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choose red, amber or green")},
                )
            elif kind in TEXT_PROMPTS:
                self.fields[kind] = _written(prompt, kind)

    @property
    def asks_stage(self) -> bool:
        return "stage" in self.kinds

    def ticked_by_stage(self):
        """The tick boxes grouped under the stage each statement belongs to, lowest stage first."""
        if "ticked" not in self.fields:
            return []
        boxes = {box["value"]: box for box in self["ticked"].options}
        return [
            (stage, [boxes[i["key"]] for i in self.principle["indicators"] if i["stage"] == stage["key"]])
            for stage in self.stage_docs
        ]

    def other_fields(self):
        return [self[name] for name in self.fields if name != "ticked"]

    def answer(self) -> Answer:
        data = self.cleaned_data
        return Answer(
            stage=self.stage_rows.get(data.get("stage")) if data.get("stage") else None,
            ticked=tuple(self.indicator_rows[key] for key in data.get("ticked", [])),
            evidence=data.get("evidence", ""),
            rag=data.get("rag", ""),
            reflections=data.get("reflections", ""),
            ideas=data.get("ideas", ""),
        )
