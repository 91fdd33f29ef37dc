"""The form a participant fills in for one principle, built from the framework version's prompts.

Only choices the framework version really has are accepted: a forged stage or indicator key gets
a clear message, never a stored answer.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, cast

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coreflect import caches
from coreflect.forms import CoreflectForm, GovukBoundField
from coreflect.frameworks.wording import is_easy_read, language_of, text

from .models import Rag
from .services import Answer

ANSWER_LIMIT = 5000
TEXT_PROMPTS = ("evidence", "reflections", "ideas")


class LongAnswerField(forms.CharField):
    """A written answer, whose limit the page shows with a count as people type."""

    character_limit = ANSWER_LIMIT


def _too_long() -> str:
    if is_easy_read():
        return str(_("Your answer is too long. Make it shorter, then save it again"))
    return str(
        _("Your answer must be %(limit)s characters or fewer – shorten it a little and save again")
        % {"limit": f"{ANSWER_LIMIT:,}"}
    )


def _written(prompt):
    field = LongAnswerField(
        label=text(prompt["text"]),
        help_text=text(prompt.get("hint")),
        required=False,
        max_length=ANSWER_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _too_long()},
    )
    # No maxlength in the page: a browser would silently cut a pasted answer short. The server
    # says how long it may be instead, and keeps everything typed.
    field.widget.attrs.pop("maxlength", None)
    return field


class PrincipleAnswerForm(CoreflectForm):
    """One principle's questions. Its fields depend only on the framework version, the principle and the
    language, so each process builds them once and keeps them (building them – a choice list normalised
    per field – was a tenth of saving a principle). The kept fields are frozen, widgets, choices, messages
    and checks included, so every form shares them rather than copying them (copying was 6% of saving a
    principle): no form, or view, can change them for the next request. A form's own mapping of fields
    is its own, so a form may still put a field of its own in place of a kept one."""

    TYPED = ("stage", "evidence", "rag", "reflections", "ideas")  # every field but the ticks

    def __init__(self, *args, version, principle: dict, stage_rows: Mapping, indicator_rows: Mapping, **kwargs):
        # GOV.UK labels have no colon; without a suffix of its own, Django asks the translations for one.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.principle = principle
        self.stage_rows = stage_rows
        self.indicator_rows = indicator_rows
        self.stage_docs = version.document["stages"]
        self.kinds = [prompt["kind"] for prompt in version.document["prompts"]]
        self.fields = dict(_kept_fields(version, principle))

    @property
    def asks_stage(self) -> bool:
        return "stage" in self.kinds

    def ticked_by_stage(self):
        """The tick boxes grouped under the stage each statement belongs to, lowest stage first."""
        if "ticked" not in self.fields:
            return []
        boxes = {box["value"]: box for box in cast(GovukBoundField, self["ticked"]).options}
        if is_easy_read():  # each box with its statement, for its picture
            docs = {indicator["key"]: indicator for indicator in self.principle["indicators"]}
            boxes = {key: dict(box, doc=docs[key]) for key, box in boxes.items()}
        return [
            (stage, [boxes[i["key"]] for i in self.principle["indicators"] if i["stage"] == stage["key"]])
            for stage in self.stage_docs
        ]

    def stage_options(self):
        """The stage question's radios, each with its stage from the framework (for its Easy Read picture)."""
        stages = {stage["key"]: stage for stage in self.stage_docs}
        return [dict(option, doc=stages[option["value"]]) for option in cast(GovukBoundField, self["stage"]).options]

    def other_fields(self):
        return [self[name] for name in self.fields if name != "ticked"]

    def answer(self, keep: dict | None = None) -> Answer:
        """The answer as typed; fields that did not pass their checks take their value from `keep` (what was
        saved before), so one field that is too long never stops the rest from being saved."""
        data = dict(self.cleaned_data)
        for name in self.errors:
            if keep is not None and name in self.fields:
                data[name] = keep.get(name, [] if name == "ticked" else "")
        return Answer(
            stage=self.stage_rows.get(data.get("stage")) if data.get("stage") else None,
            ticked=tuple(self.indicator_rows[key] for key in data.get("ticked", [])),
            evidence=data.get("evidence", ""),
            rag=data.get("rag", ""),
            reflections=data.get("reflections", ""),
            ideas=data.get("ideas", ""),
        )


class Frozen:
    """A kept field or widget, shared by every answer form in the process: once frozen, setting or deleting
    any of its attributes raises, and a copy of it is itself."""

    frozen = False

    def __setattr__(self, name: str, value: Any) -> None:
        if self.frozen:
            raise AttributeError(f"A kept {type(self).__name__} is shared by every form and cannot be changed")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if self.frozen:
            raise AttributeError(f"A kept {type(self).__name__} is shared by every form and cannot be changed")
        super().__delattr__(name)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _frozen_kind(kind: type) -> type:
    """`kind` that can be frozen, made once per process, under the same name (a bound field picks its GOV.UK
    component by the widget's class name)."""
    attributes = {"__module__": kind.__module__, "__doc__": kind.__doc__}
    return caches.kept("frozen kinds", kind, lambda: type(kind.__name__, (Frozen, kind), attributes))


def _frozen(field: forms.Field) -> forms.Field:
    """The field and its widget frozen, with their messages, checks and attributes made read-only."""
    field.error_messages = MappingProxyType(field.error_messages)  # type: ignore[assignment] # read only
    field.validators = tuple(field.validators)  # type: ignore[assignment] # read as a sequence only
    field.widget.attrs = MappingProxyType(field.widget.attrs)
    parts: tuple[Any, ...] = (field.widget, field)
    for part in parts:
        part.__class__ = _frozen_kind(type(part))
        part.frozen = True
    return field


class KeptChoices(BaseChoiceIterator):
    """A kept field's choices, which no form can change: a tuple, and a copy of them is themselves."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _kept_fields(version, principle: dict) -> tuple:
    """(name, field) for one principle of a version in the current language and wording, built once per
    process and frozen: every form shares them."""
    key = (version.pk, principle["key"], get_language(), is_easy_read())
    return caches.kept(
        "answer fields",
        key,
        lambda: tuple((name, _frozen(field)) for name, field in _build_fields(version.document, principle).items()),
    )


def _build_fields(document: dict, principle: dict) -> dict[str, forms.Field]:
    """The fields in the current language. They are kept for that language, so the words shown with every
    form are translated here, once, rather than on each form (messages are only needed when one shows)."""
    fields: dict[str, forms.Field] = {}
    for prompt in document["prompts"]:
        kind = prompt["kind"]
        if kind == "tick":
            fields["ticked"] = forms.MultipleChoiceField(
                label=text(prompt["text"]),
                help_text=text(prompt.get("hint")),
                required=False,
                choices=KeptChoices((i["key"], text(i["text"])) for i in principle["indicators"]),
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _("Tick sentences from the list only")
                    if is_easy_read()
                    else _("One of the statements ticked is not part of this framework. Tick statements from the list.")
                },
            )
        elif kind == "stage":
            fields["stage"] = forms.ChoiceField(
                label=text(prompt["text"]),
                help_text=text(prompt.get("hint"))
                or str(
                    _("You need to answer this to finish this part.")
                    if is_easy_read()
                    else _("You need to answer this one to complete this part.")
                ),
                required=False,
                choices=KeptChoices((s["key"], text(s["label"])) for s in document["stages"]),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose a stage from the list")},
            )
        elif kind == "rag":
            fields["rag"] = forms.ChoiceField(
                label=text(prompt["text"]),
                help_text=text(prompt.get("hint")),
                required=False,
                choices=KeptChoices(
                    [
                        (Rag.RED, str(_("Red – not working yet"))),
                        (Rag.AMBER, str(_("Amber – partly working"))),
                        (Rag.GREEN, str(_("Green – working well"))),
                    ]
                ),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose red, amber or green")},
            )
        elif kind in TEXT_PROMPTS:
            fields[kind] = _written(prompt)
        name = "ticked" if kind == "tick" else kind
        if name in fields:  # the framework's Easy Read words are in English, on Welsh pages too
            fields[name].label_lang = language_of(prompt["text"])  # type: ignore[attr-defined]
            fields[name].help_lang = language_of(prompt.get("hint"))  # type: ignore[attr-defined]
    return fields
