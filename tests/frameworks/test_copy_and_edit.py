"""An admin copies a built-in framework and rewords it; each save is a new version of the copy."""

import pytest
from django.urls import reverse

from coreflect.frameworks.models import Framework, FrameworkVersion


@pytest.fixture
def builtin(db):
    return Framework.objects.get(slug="how-are-you-doing-2011")


def make_copy(client, title="Riverside’s reflection"):
    response = client.post(reverse("frameworks:copy", args=["how-are-you-doing-2011"]), {"title": title})
    assert response.status_code == 302
    return Framework.objects.exclude(organisation=None).get()


def test_copy_keeps_the_structure_credit_and_points_at_its_source(client_for, alice, riverside, builtin):
    copy = make_copy(client_for(alice))
    assert copy.organisation == riverside
    assert copy.copied_from == builtin.current_version
    version = copy.current_version
    assert version.number == 1 and version.title == "Riverside’s reflection"
    assert version.document["credit"] == builtin.current_version.document["credit"]
    assert [p["key"] for p in version.principles] == [p["key"] for p in builtin.current_version.principles]
    assert version.indicator_rows.count() == 44


def test_copy_form_needs_a_name_and_keeps_typing(client_for, alice, builtin):
    response = client_for(alice).post(reverse("frameworks:copy", args=["how-are-you-doing-2011"]), {"title": ""})
    assert "Enter a name for your copy" in response.content.decode()
    assert not Framework.objects.exclude(organisation=None).exists()


def test_rewording_makes_a_new_version_and_leaves_the_old_one(client_for, alice, builtin):
    client = client_for(alice)
    copy = make_copy(client)
    url = reverse("frameworks:edit-section", args=[copy.slug, "reciprocity"])
    page = client.get(url).content.decode()
    assert "Statement 1 (We haven’t got this yet)" in page
    form = {field: value for field, value in _current_values(copy, "reciprocity").items()}
    field = "principles__2__indicators__0__text"
    old_text = form[field]
    form[field] = "We see people only as receivers of help, not as givers too."
    response = client.post(url, form, follow=True)
    assert "Saved as version 2" in response.content.decode()
    copy.refresh_from_db()
    assert copy.current_version.number == 2
    assert copy.current_version.principles[2]["indicators"][0]["text"]["en"] == form[field]
    assert copy.current_version.principles[2]["indicators"][0]["key"] == "reciprocity-1"
    first = FrameworkVersion.objects.get(framework=copy, number=1)
    assert first.principles[2]["indicators"][0]["text"]["en"] == old_text
    assert builtin.current_version.principles[2]["indicators"][0]["text"]["en"] == old_text


def test_saving_without_changes_makes_no_version(client_for, alice, builtin):
    client = client_for(alice)
    copy = make_copy(client)
    response = client.post(reverse("frameworks:edit", args=[copy.slug]), _current_values(copy, "details"), follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert copy.versions.count() == 1


def test_emptying_a_statement_is_refused_and_the_other_changes_are_kept_on_the_page(client_for, alice, builtin):
    client = client_for(alice)
    copy = make_copy(client)
    form = _current_values(copy, "details")
    form["title"] = "A new title I typed"
    form["summary"] = "   "
    response = client.post(reverse("frameworks:edit", args=[copy.slug]), form)
    page = response.content.decode()
    assert "Enter the wording for Summary – it cannot be left empty" in page
    assert 'value="A new title I typed"' in page
    assert copy.versions.count() == 1


def test_an_unknown_section_is_404(client_for, alice, builtin):
    client = client_for(alice)
    copy = make_copy(client)
    assert client.get(reverse("frameworks:edit-section", args=[copy.slug, "no-such-principle"])).status_code == 404


def _current_values(framework, section):
    from coreflect.frameworks.services import picture_fields, wording_fields

    document = framework.current_version.document
    values = {}
    for field in wording_fields(document, section):  # as the form shows them: English, Welsh and Easy Read
        values |= {field["name"]: field["value"], f"{field['name']}__cy": field["cy"]}
        values[f"{field['name']}__easy_read"] = field["easy_read"]
    return values | {field["name"]: field["value"] for field in picture_fields(document, section)}
