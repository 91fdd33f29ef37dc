"""What a process keeps between requests cannot be changed by one request, and is never served stale.

Framework versions, their rows and the answer form's fields are kept per process (coreflect/caches.py).
Each test here changes, or tries to change, what one caller got and checks what the next caller gets.
"""

import copy

import pytest
from django import forms
from django.db import connection, transaction

from coreflect import caches
from coreflect.frameworks import content, services
from coreflect.frameworks.models import Framework, FrameworkVersion, ImmutableVersionError
from coreflect.frameworks.queries import kept_version, skeleton
from coreflect.frameworks.schema import parse_document
from coreflect.reflections import answer_forms
from coreflect.reflections.answer_forms import PrincipleAnswerForm

from .reflections.conftest import Visitor, make_round


@pytest.fixture
def builtin(db):
    return Framework.objects.get(slug="how-are-you-doing-2011")


def reworded(framework, title, stage_question="Which stage do you think you are at?"):
    """A new version of `framework` with a new title and stage question, written as rewording writes one."""
    stored = caches.thawed(framework.current_version.document)
    stored["title"]["en"] = title
    next(prompt for prompt in stored["prompts"] if prompt["kind"] == "stage")["text"]["en"] = stage_question
    return content.create_version(framework, parse_document(stored))


def answer_form(version, key, data=None):
    rows = skeleton(version)
    principle = next(p for p in version.principles if p["key"] == key)
    return PrincipleAnswerForm(
        data,
        version=version,
        principle=principle,
        stage_rows=rows.stages,
        indicator_rows=rows.indicators[key],
    )


# What is kept is frozen ---------------------------------------------------------------------------


def test_what_is_kept_is_built_once_and_frozen_all_the_way_down():
    built = []

    def build():
        built.append(1)
        return {"stages": [{"key": "a", "tags": {"x"}}], "title": {"en": "Words"}}

    first = caches.kept("test", 1, build)
    assert caches.kept("test", 1, build) is first and len(built) == 1
    with pytest.raises(TypeError):
        first["title"] = "Other words"
    with pytest.raises(TypeError):
        first["title"]["en"] = "Other words"
    with pytest.raises(AttributeError):
        first["stages"].append({"key": "b"})
    with pytest.raises(TypeError):
        first["stages"][0]["key"] = "b"
    with pytest.raises(AttributeError):
        first["stages"][0]["tags"].add("y")


def test_a_thawed_copy_can_change_and_leaves_what_is_kept_alone():
    kept = caches.kept("test", 1, lambda: {"stages": [{"key": "a"}]})
    mine = caches.thawed(kept)
    mine["stages"].append({"key": "b"})
    mine["stages"][0]["key"] = "changed"
    assert kept == {"stages": ({"key": "a"},)}


def test_a_kept_versions_document_cannot_be_changed(builtin):
    version = kept_version(builtin.current_version_id)
    with pytest.raises(TypeError):
        version.document["title"] = {"en": "Changed"}
    with pytest.raises(TypeError):
        version.principles[0]["title"]["en"] = "Changed"
    with pytest.raises(AttributeError):
        version.principles[0]["indicators"].append({"key": "forged", "stage": "x", "text": "Forged"})
    with pytest.raises(AttributeError):
        version.stages.pop()
    again = kept_version(builtin.current_version_id)
    assert again.title == builtin.current_version.title
    assert [p["key"] for p in again.principles] == [p["key"] for p in builtin.current_version.principles]


def test_each_caller_gets_its_own_instance_of_a_kept_version(builtin):
    first = kept_version(builtin.current_version_id)
    first.framework = Framework(slug="only-for-this-request")
    first.page_note = "set by one request"
    second = kept_version(builtin.current_version_id)
    assert second is not first and not hasattr(second, "page_note")
    assert second.framework.slug == "how-are-you-doing-2011"
    assert second.document is first.document  # the frozen content is shared; nothing else is


def test_a_kept_version_refuses_to_be_saved_even_as_a_new_one(builtin):
    version = kept_version(builtin.current_version_id)
    with pytest.raises(ImmutableVersionError):
        version.save()
    version.pk = None
    with pytest.raises(ImmutableVersionError):
        version.save()
    assert builtin.versions.count() == 1


def test_a_kept_versions_document_can_be_copied_into_a_new_framework(builtin, riverside, alice):
    version = kept_version(builtin.current_version_id)
    copy = services.copy_framework(version, organisation=riverside, title="Riverside’s own", created_by=alice)
    assert copy.current_version.title == "Riverside’s own"
    assert kept_version(builtin.current_version_id).title == builtin.current_version.title


def test_a_versions_rows_are_read_only_mappings(builtin):
    rows = skeleton(builtin.current_version)
    key = next(iter(rows.principles))
    with pytest.raises(TypeError):
        rows.principles["forged"] = rows.principles[key]
    with pytest.raises(TypeError):
        del rows.stages[next(iter(rows.stages))]
    with pytest.raises(TypeError):
        rows.indicators[key]["forged"] = next(iter(rows.indicators[key].values()))
    with pytest.raises(AttributeError):
        rows.principles = {}  # a frozen dataclass
    assert skeleton(builtin.current_version) is rows


# The answer form's fields -------------------------------------------------------------------------


def test_an_answer_forms_kept_fields_cannot_be_changed_by_any_form(builtin):
    version = kept_version(builtin.current_version_id)
    key = version.principles[0]["key"]
    first = answer_form(version, key)
    stage, evidence, ticked = first.fields["stage"], first.fields["evidence"], first.fields["ticked"]
    label = stage.label
    with pytest.raises(AttributeError):
        stage.label = "Changed for one request"
    with pytest.raises(AttributeError):
        del stage.label
    with pytest.raises(AttributeError):
        stage.required = True
    with pytest.raises(AttributeError):
        stage.choices = [*stage.choices, ("forged", "Forged")]
    with pytest.raises(AttributeError):
        stage.choices.append(("forged", "Forged"))
    with pytest.raises(AttributeError):
        stage.widget.choices = [("forged", "Forged")]
    with pytest.raises(AttributeError):
        evidence.widget = forms.TextInput()
    with pytest.raises(TypeError):
        evidence.widget.attrs["class"] = "changed"
    with pytest.raises(TypeError):
        evidence.error_messages["max_length"] = "Changed"
    with pytest.raises(AttributeError):
        ticked.validators.append(lambda value: None)
    assert copy.deepcopy(stage) is stage and copy.copy(evidence.widget) is evidence.widget
    second = answer_form(kept_version(builtin.current_version_id), key)
    assert second.fields["stage"] is stage  # shared, not copied: nothing in it can change
    assert second.fields["stage"].label == label and not second.fields["stage"].required
    assert "class" not in second.fields["evidence"].widget.attrs
    assert second.fields["evidence"].error_messages["max_length"] != "Changed"
    assert list(second.fields["ticked"].validators) == []
    assert [value for value, _label in second.fields["stage"].choices] == [s["key"] for s in version.stages]


def test_a_forged_choice_is_still_refused_after_another_form_put_its_own_field_in_place(builtin):
    version = kept_version(builtin.current_version_id)
    key = version.principles[0]["key"]
    first = answer_form(version, key)
    first.fields["stage"] = forms.ChoiceField(choices=[*first.fields["stage"].choices, ("forged", "Forged")])
    assert first.fields["stage"].widget.choices[-1] == ("forged", "Forged")
    second = answer_form(version, key, {"stage": "forged"})
    assert not second.is_valid()
    assert second.errors["stage"] == ["Choose a stage from the list"]
    assert "forged" not in second.as_div()


def test_the_next_request_for_a_principle_page_gets_the_fields_as_built(riverside, alice):
    visitor = Visitor(make_round(riverside, alice))
    visitor.join()
    version = kept_version(visitor.round.framework_version_id)
    key = version.principles[0]["key"]
    changed = answer_form(version, key)
    changed.fields["stage"] = forms.ChoiceField(label="Changed for one request", choices=[("a", "A")])
    del changed.fields["evidence"]
    page = visitor.client.get(visitor.url("principle", key)).content.decode()
    assert "Changed for one request" not in page
    assert "Which stage do you think you are at?" in page
    assert 'name="evidence"' in page


# Never stale ------------------------------------------------------------------------------------


def test_a_version_published_after_the_first_was_kept_is_served_fresh(builtin, riverside, alice):
    first = Visitor(make_round(riverside, alice))
    first.join()
    key = builtin.current_version.principles[0]["key"]
    assert "Which stage do you think you are at?" in first.client.get(first.url("principle", key)).content.decode()
    old = kept_version(builtin.current_version_id)
    old_rows = skeleton(old)

    new = reworded(builtin, "How are you doing? Reworded", stage_question="Which stage are you at now?")
    assert kept_version(new.pk).title == "How are you doing? Reworded"
    assert kept_version(old.pk).title == old.title
    assert skeleton(new).principles.keys() == old_rows.principles.keys()
    assert skeleton(new).principles[key].pk != old_rows.principles[key].pk  # the new version's own rows

    second = Visitor(make_round(riverside, alice, title="The next round"))
    assert second.round.framework_version == new
    second.join()
    assert "Which stage are you at now?" in second.client.get(second.url("principle", key)).content.decode()
    # The first round keeps the words its version had.
    assert "Which stage do you think you are at?" in first.client.get(first.url("principle", key)).content.decode()


def test_a_deleted_versions_id_brings_back_nothing_kept(builtin, riverside, alice):
    framework = services.copy_framework(
        builtin.current_version, organisation=riverside, title="First words", created_by=alice
    )
    version = framework.current_version
    assert kept_version(version.pk).title == "First words"
    skeleton(version)
    pk, fields = version.pk, {f.attname: getattr(version, f.attname) for f in FrameworkVersion._meta.concrete_fields}
    Framework.objects.filter(pk=framework.pk).update(current_version=None)
    version.delete()
    # Written with the same id and no save() – as a restored backup or a raw import would – and other words.
    fields["document"] = {**fields["document"], "title": {"en": "Other words"}}
    FrameworkVersion.objects.bulk_create([FrameworkVersion(**fields)])
    assert kept_version(pk).title == "Other words"
    assert not skeleton(FrameworkVersion.objects.get(pk=pk)).principles  # its rows went with the old version


def test_a_rolled_back_versions_id_brings_back_nothing_kept(builtin):
    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        gone = reworded(builtin, "Never published")
        assert kept_version(gone.pk).title == "Never published"
        raise RolledBack
    builtin.refresh_from_db()
    new = reworded(builtin, "Published")
    if connection.vendor == "sqlite":
        assert new.pk == gone.pk  # SQLite hands the rolled-back id out again
    assert kept_version(new.pk).title == "Published"
    assert len(skeleton(new).principles) == len(builtin.current_version.principles)


def test_clear_forgets_everything_kept(builtin, django_assert_num_queries, monkeypatch):
    version = kept_version(builtin.current_version_id)
    skeleton(version)
    key = version.principles[0]["key"]
    answer_form(version, key)
    caches.kept("test", 1, lambda: "kept")
    built = []
    monkeypatch.setattr(answer_forms, "_build_fields", lambda *args: built.append(args) or {})
    with django_assert_num_queries(0):
        kept_version(builtin.current_version_id)
        skeleton(version)
        answer_form(version, key)
    assert not built

    caches.clear()
    assert caches.kept("test", 1, lambda: "built again") == "built again"
    with django_assert_num_queries(1):
        kept_version(builtin.current_version_id)
    with django_assert_num_queries(3):  # principles, indicators, stages
        skeleton(version)
    answer_form(version, key)
    assert len(built) == 1
