"""Every form field is drawn as its GOV.UK component by Jinja2 (coreflect/forms.py, coreflect/jinja2/govuk/forms/):
labels, hints, errors and the character count as people see and hear them, in English and Welsh, with whatever
people typed escaped."""

import datetime

import jinja2
import pytest
from django import forms
from django.utils import translation
from lxml import html

from coreflect.date_input import DateInputField
from coreflect.forms import CoreflectForm, GovukFormRenderer


class Everything(CoreflectForm):
    colour = forms.ChoiceField(
        label="Favourite colour",
        help_text="Choose one",
        choices=[("red", "Red"), ("blue", "Blue")],
        widget=forms.RadioSelect,
    )
    days = forms.MultipleChoiceField(
        label="Days you can come",
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="I agree", help_text="You can change your mind")
    name = forms.CharField(label="Your name", max_length=10)
    story = forms.CharField(label="Your story", widget=forms.Textarea, required=False)
    story.character_limit = 5000  # type: ignore[attr-defined] - as LongAnswerField sets it
    when = DateInputField(label="Review date", name_in_errors="Review date")


def draw(form: forms.Form) -> html.HtmlElement:
    return html.fragment_fromstring(str(form), create_parent="div")


def select(page, tag: str = "*", css_class: str = "", **attributes: str) -> list:
    """The elements with this tag, class and attributes (lxml's XPath: no CSS selector library needed)."""
    tests = [f'contains(concat(" ", @class, " "), " {css_class} ")'] if css_class else []
    tests += [f'@{name}="{value}"' for name, value in attributes.items()]
    return page.xpath(f".//{tag}" + (f"[{' and '.join(tests)}]" if tests else ""))


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_a_form_with_nothing_wrong_draws_each_component_with_its_label_and_hint():
    page = draw(Everything())

    radios = select(page, "fieldset")[0]
    assert words(select(radios, "legend")[0]) == "Favourite colour"
    assert radios.get("aria-describedby") == "id_colour_helptext"
    assert words(page.get_element_by_id("id_colour_helptext")) == "Choose one"
    assert [words(label) for label in select(radios, css_class="govuk-radios__label")] == ["Red", "Blue"]
    assert [box.get("id") for box in select(radios, "input", type="radio")] == ["id_colour_0", "id_colour_1"]
    assert [words(label) for label in select(page, css_class="govuk-checkboxes__label")] == [
        "Monday",
        "Tuesday",
        "I agree",
    ]
    assert select(page, "input", "govuk-checkboxes__input", id="id_agree")
    assert select(page, "label", **{"for": "id_name"})[0].text_content().strip() == "Your name"
    assert select(page, "input", "govuk-input", id="id_name")
    assert [words(label) for label in select(page, css_class="govuk-date-input__label")] == ["Day", "Month", "Year"]
    assert not (select(page, css_class="govuk-error-message") + select(page, css_class="govuk-form-group--error"))


def test_each_error_is_next_to_its_field_read_out_as_an_error_and_linked_from_the_field():
    form = Everything(data={"name": "far too long a name", "when_day": "31", "when_month": "", "when_year": "2026"})
    assert not form.is_valid()
    page = draw(form)

    for field, message in [
        ("colour", "This field is required."),
        ("agree", "This field is required."),
        ("name", "Ensure this value has at most 10 characters (it has 19)."),
        ("when", "Review date must include a month"),
    ]:
        error = page.get_element_by_id(f"id_{field}_error")
        assert words(error) == f"Error: {message}"
        assert select(error, css_class="govuk-visually-hidden")[0].text == "Error:"
    assert select(page, "fieldset")[0].get("aria-describedby") == "id_colour_helptext id_colour_error"
    assert "govuk-input--error" in page.get_element_by_id("id_name").get("class")
    assert page.get_element_by_id("id_name").get("value") == "far too long a name"  # nothing typed is lost
    assert [box.get("value") for box in select(page, css_class="govuk-date-input__input")] == ["31", "", "2026"]


def test_a_long_answer_has_a_character_count_in_every_plural_category():
    page = draw(Everything(initial={"story": "Once"}))
    group = page.get_element_by_id("id_story").getparent()

    assert group.get("data-module") == "govuk-character-count"
    assert group.get("data-maxlength") == "5000"
    assert group.get("data-i18n.characters-under-limit.one") == "You have %{count} character remaining"
    assert group.get("data-i18n.characters-over-limit.other") == "You have %{count} characters too many"
    assert words(page.get_element_by_id("id_story-info")) == "You can enter up to 5,000 characters"
    assert page.get_element_by_id("id_story").get("aria-describedby") == "id_story-info"
    assert page.get_element_by_id("id_story").text.lstrip("\n") == "Once"  # a browser drops the first newline


def test_in_welsh_the_messages_and_the_count_are_welsh():
    with translation.override("cy"):
        form = Everything(data={"name": "x"})
        form.is_valid()
        page = draw(form)
        story = page.get_element_by_id("id_story").getparent()

    assert select(page.get_element_by_id("id_colour_error"), css_class="govuk-visually-hidden")[0].text == "Gwall:"
    assert words(page.get_element_by_id("id_story-info")) == "Gallwch roi hyd at 5,000 nod"
    assert story.get("data-i18n.characters-under-limit.two") != "You have %{count} characters remaining"
    assert "%{count}" in story.get("data-i18n.characters-under-limit.two")
    assert [words(label) for label in select(page, css_class="govuk-date-input__label")] == [
        "Diwrnod",
        "Mis",
        "Blwyddyn",
    ]


def test_what_people_typed_and_what_labels_say_is_escaped():
    class Sneaky(CoreflectForm):
        note = forms.CharField(label="<b>Bold</b> label", help_text="<i>hint</i>", widget=forms.Textarea)
        pick = forms.ChoiceField(choices=[("<x>", "<script>alert(1)</script>")], widget=forms.RadioSelect)

    form = Sneaky(data={"note": "</textarea><script>alert(1)</script>", "pick": "nope"})
    form.is_valid()
    drawn = str(form)

    assert "<script>" not in drawn and "<b>" not in drawn and "<i>" not in drawn
    assert "&lt;/textarea&gt;&lt;script&gt;" in drawn
    assert 'value="&lt;x&gt;"' in drawn


def test_a_date_shown_again_is_split_into_its_boxes():
    page = draw(Everything(initial={"when": datetime.date(2026, 12, 1)}))
    assert [box.get("value") for box in select(page, css_class="govuk-date-input__input")] == ["1", "12", "2026"]


def test_a_template_that_asks_for_something_a_field_does_not_have_fails_loudly():
    field = Everything()["name"]
    template = GovukFormRenderer().engine.from_string("{{ field.no_such_thing }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render({"field": field})


def test_a_label_or_hint_in_another_language_than_the_page_says_so():
    class EasyReadInWelsh(CoreflectForm):
        said = forms.CharField(label="What did you see?", help_text="Write a few words.")
        said.label_lang = "en"  # type: ignore[attr-defined] - as answer_forms sets it for English Easy Read text
        said.help_lang = "en"  # type: ignore[attr-defined]
        other = forms.CharField(label="Enw")

    page = draw(EasyReadInWelsh())

    assert select(page, "label", **{"for": "id_said"})[0].get("lang") == "en"
    assert page.get_element_by_id("id_said_helptext").get("lang") == "en"
    assert select(page, "label", **{"for": "id_other"})[0].get("lang") is None
