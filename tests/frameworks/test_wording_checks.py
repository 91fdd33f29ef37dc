"""Welsh and Easy Read wording awaiting review: marked for facilitators only, per version, until an organisation
records who checked it and when."""

import datetime

import pytest
from django.urls import reverse

from coreflect import caches
from coreflect.audit.models import AuditEvent, Kind
from coreflect.frameworks import checks, services
from coreflect.frameworks.content import create_version
from coreflect.frameworks.models import Framework, Variant, WordingReview
from coreflect.frameworks.schema import parse_document

EASY = "This is about working together."


def english_copy(organisation, builtin_slug, slug):
    """An organisation's copy of a built-in framework with every Welsh and Easy Read text taken away, whatever
    the built-in has."""
    stored = caches.thawed(Framework.objects.get(slug=builtin_slug).current_version.document)
    _drop_alternatives(stored)
    stored["slug"] = slug
    framework = Framework.objects.create(slug=slug, organisation=organisation)
    create_version(framework, parse_document(stored))
    framework.refresh_from_db()
    return framework


def _drop_alternatives(node):
    if isinstance(node, dict):
        node.pop("cy", None)
        node.pop("easy_read", None)
        for value in node.values():
            _drop_alternatives(value)
    elif isinstance(node, list):
        for value in node:
            _drop_alternatives(value)


@pytest.fixture
def bilingual_copy(riverside, alice):
    """Riverside's copy with Welsh and Easy Read wording for its title and summary (version 2)."""
    copy = english_copy(riverside, "how-are-we-doing", "riverside-reflects")
    services.save_wording(
        copy, "details", {"title__cy": "Myfyrio Glan-yr-afon", "summary__easy_read": EASY}, created_by=alice
    )
    copy.refresh_from_db()
    return copy


@pytest.fixture
def welsh_only_copy(riverside, alice):
    copy = english_copy(riverside, "scie-lens", "riverside-lens")
    services.save_wording(copy, "details", {"title__cy": "Lens Glan-yr-afon"}, created_by=alice)
    copy.refresh_from_db()
    return copy


def detail(client, framework, version=None):
    url = reverse("frameworks:detail", args=[framework.slug])
    return client.get(url + (f"?version={version}" if version else "")).content.decode()


def test_only_the_variants_a_version_has_are_marked(bilingual_copy, welsh_only_copy, riverside):
    assert [check.variant for check in checks.checks(riverside, bilingual_copy.current_version)] == [
        Variant.WELSH,
        Variant.EASY_READ,
    ]
    assert [check.variant for check in checks.checks(riverside, welsh_only_copy.current_version)] == [Variant.WELSH]
    assert checks.checks(riverside, bilingual_copy.versions.get(number=1)) == []


def test_facilitators_see_the_marker_and_participants_and_the_public_never_do(
    client_for, bilingual_copy, alice, fran, bob
):
    for person in (alice, fran):
        page = detail(client_for(person), bilingual_copy)
        assert "Welsh: awaiting review" in page
        assert "Easy Read: awaiting review" in page
        assert "Welsh wording not yet checked by a fluent Welsh speaker" in page
        assert "Easy Read wording not yet checked by people with learning disabilities" in page
    viewer_page = detail(client_for(bob), bilingual_copy)
    assert "awaiting review" not in viewer_page
    builtin_page = detail(client_for(None), Framework.objects.get(slug="how-are-we-doing"))
    assert "awaiting review" not in builtin_page


def test_the_paper_versions_screen_bar_marks_it_for_facilitators_only(client_for, bilingual_copy, fran, bob):
    url = reverse("frameworks:print", args=[bilingual_copy.slug])
    assert "Welsh: awaiting review" in client_for(fran).get(url).content.decode()
    assert "awaiting review" not in client_for(bob).get(url).content.decode()
    pdf_text = client_for(fran).get(reverse("frameworks:pdf", args=[bilingual_copy.slug]))
    assert pdf_text.status_code == 200


def test_recording_a_check_removes_the_marker_and_says_who_and_when(client_for, bilingual_copy, fran, riverside):
    client = client_for(fran)
    url = reverse("frameworks:checks", args=[bilingual_copy.slug])
    page = client.get(url).content.decode()
    assert "Record a check" in page and "Welsh" in page
    response = client.post(
        url,
        {
            "variant": "cy",
            "checked_by": "Our Welsh language officer",
            "checked_on_day": "1",
            "checked_on_month": "12",
            "checked_on_year": "2026",
        },
        follow=True,
    )
    assert "Welsh checked by Our Welsh language officer on 1 December 2026" in response.content.decode()
    page = detail(client, bilingual_copy)
    assert "Welsh checked by Our Welsh language officer on 1 December 2026" in page
    assert "Welsh: awaiting review" not in page
    assert "Easy Read: awaiting review" in page
    review = WordingReview.objects.get()
    assert (review.organisation, review.recorded_by, review.checked_on) == (riverside, fran, datetime.date(2026, 12, 1))
    event = AuditEvent.objects.get(kind=Kind.WORDING_CHECKED)
    assert event.organisation_id == riverside.pk and event.actor == fran
    assert event.changes["checked by"] == [None, "Our Welsh language officer"]


def test_a_check_is_for_one_version_and_one_organisation(bilingual_copy, alice, riverside, hillside):
    version = bilingual_copy.current_version
    checks.record_check(
        riverside,
        version,
        "easy_read",
        checked_by="Speak Up Sefton group",
        checked_on=datetime.date(2026, 11, 3),
        recorded_by=alice,
    )
    assert [c.awaiting_review for c in checks.checks(riverside, version)] == [True, False]
    assert [c.awaiting_review for c in checks.checks(hillside, version)] == [True, True]
    services.save_wording(bilingual_copy, "details", {"summary__easy_read": "We work together."}, created_by=alice)
    bilingual_copy.refresh_from_db()
    assert [c.awaiting_review for c in checks.checks(riverside, bilingual_copy.current_version)] == [True, True]
    with pytest.raises(checks.AlreadyChecked):
        checks.record_check(
            riverside,
            version,
            "easy_read",
            checked_by="Again",
            checked_on=datetime.date(2026, 11, 4),
            recorded_by=alice,
        )


def test_a_variant_the_version_lacks_cannot_be_checked(welsh_only_copy, riverside, alice):
    with pytest.raises(ValueError):
        checks.record_check(
            riverside,
            welsh_only_copy.current_version,
            "easy_read",
            checked_by="Someone",
            checked_on=datetime.date(2026, 11, 3),
            recorded_by=alice,
        )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            {
                "variant": "cy",
                "checked_by": "",
                "checked_on_day": "1",
                "checked_on_month": "12",
                "checked_on_year": "2026",
            },
            "Enter who checked the wording",
        ),
        (
            {"checked_by": "Officer", "checked_on_day": "1", "checked_on_month": "12", "checked_on_year": "2026"},
            "Select the wording that was checked",
        ),
        ({"variant": "cy", "checked_by": "Officer"}, "Enter the date it was checked"),
        (
            {
                "variant": "cy",
                "checked_by": "Officer",
                "checked_on_day": "31",
                "checked_on_month": "2",
                "checked_on_year": "2026",
            },
            "The date must be a real date",
        ),
        (
            {
                "variant": "cy",
                "checked_by": "Officer",
                "checked_on_day": "1",
                "checked_on_month": "1",
                "checked_on_year": "2099",
            },
            "The date it was checked must be today or in the past",
        ),
        (
            {
                "variant": "easy_read",
                "checked_by": "Officer",
                "checked_on_day": "1",
                "checked_on_month": "1",
                "checked_on_year": "2026",
            },
            "Select the wording that was checked",
        ),
    ],
)
def test_bad_input_is_explained_by_the_field_and_in_the_summary_and_kept(
    client_for, welsh_only_copy, fran, typed, message
):
    response = client_for(fran).post(reverse("frameworks:checks", args=[welsh_only_copy.slug]), typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(message) == 2, "once in the error summary, once by the field"
    if typed.get("checked_by"):
        assert f'value="{typed["checked_by"]}"' in page
    assert not WordingReview.objects.exists()


def test_the_checks_page_for_a_version_without_alternatives_says_so(client_for, bilingual_copy, fran):
    url = reverse("frameworks:checks", args=[bilingual_copy.slug]) + "?version=1"
    page = client_for(fran).get(url).content.decode()
    assert "This version has no Welsh or Easy Read wording to check." in page
    assert "Record a check" not in page


def test_checks_for_many_versions_take_one_query(bilingual_copy, welsh_only_copy, riverside, django_assert_num_queries):
    versions = [bilingual_copy.current_version, welsh_only_copy.current_version]
    checks.variants(versions[0]), checks.variants(versions[1])
    with django_assert_num_queries(1):
        found = checks.awaiting(riverside, versions)
    assert found == {versions[0].pk: [Variant.WELSH, Variant.EASY_READ], versions[1].pk: [Variant.WELSH]}


@pytest.mark.parametrize("url_name", ["frameworks:checks", "frameworks:detail"])
def test_pages_with_checks_run_a_fixed_number_of_queries(
    client_for, fran, bilingual_copy, url_name, django_assert_max_num_queries
):
    client = client_for(fran)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(url_name, args=[bilingual_copy.slug])).status_code == 200
