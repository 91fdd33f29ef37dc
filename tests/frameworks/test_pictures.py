"""Organisations' own pictures: uploading (PNG or JPEG only, with a licence and credit), serving them only to
the organisation and its rounds' participants, choosing pictures in the editor, and the picture credits page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from coreflect.audit.models import AuditEvent, Kind
from coreflect.frameworks import pictures, services, uploads
from coreflect.frameworks.models import Framework, UploadedPicture
from coreflect.frameworks.schema import parse_document

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image_bytes(kind="PNG", size=(40, 30), exif=False):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif:
        data = Image.Exif()
        data[0x010E] = "Taken at 1 Secret Street"  # ImageDescription
        image.save(out, kind, exif=data)
    else:
        image.save(out, kind)
    return out.getvalue()


def upload_form(data=None, name="hands.png", content_type="image/png", **fields):
    typed = {
        "description": "Two people shaking hands",
        "licence": "CC-BY-4.0",
        "credit": "Picture by Sam Lee, Speak Up Sefton",
        **fields,
    }
    if data is not None:
        typed["picture"] = SimpleUploadedFile(name, data, content_type=content_type)
    return typed


@pytest.fixture
def riverside_picture(riverside, alice):
    return uploads.upload(
        riverside,
        uploads.clean(image_bytes()),
        description="Two people shaking hands",
        licence="CC-BY-4.0",
        credit="Picture by Sam Lee",
        uploaded_by=alice,
    )


@pytest.fixture
def riverside_copy(riverside, alice):
    version = Framework.objects.get(slug="how-are-we-doing").current_version
    return services.copy_framework(version, organisation=riverside, title="Riverside reflects", created_by=alice)


def test_an_admin_uploads_a_png_and_sees_its_code(client_for, alice, riverside):
    client = client_for(alice)
    response = client.post(reverse("frameworks:picture-upload"), upload_form(image_bytes()), follow=True)
    picture = UploadedPicture.objects.get()
    page = response.content.decode()
    assert f"Its code is {picture.code}" in page
    assert "Two people shaking hands" in page and "Picture by Sam Lee, Speak Up Sefton" in page
    assert (picture.organisation, picture.content_type, picture.width, picture.height) == (
        riverside,
        "image/png",
        40,
        30,
    )
    event = AuditEvent.objects.get(kind=Kind.PICTURE_UPLOADED)
    assert event.organisation_id == riverside.pk and event.target_label == "Two people shaking hands"


def test_a_jpeg_loses_what_the_camera_wrote_into_it(client_for, alice):
    raw = image_bytes("JPEG", exif=True)
    assert b"Secret Street" in raw
    client_for(alice).post(
        reverse("frameworks:picture-upload"), upload_form(raw, name="photo.jpg", content_type="image/jpeg")
    )
    picture = UploadedPicture.objects.get()
    assert picture.content_type == "image/jpeg"
    assert b"Secret Street" not in bytes(picture.data)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ((SVG, "picture.svg", "image/svg+xml"), "SVG pictures are not accepted"),
        ((SVG, "picture.png", "image/png"), "SVG pictures are not accepted"),
        ((image_bytes("GIF"), "moving.gif", "image/gif"), "The picture must be a PNG or JPEG"),
        ((b"%PDF-1.7 not a picture", "notes.png", "image/png"), "The picture must be a PNG or JPEG"),
        ((image_bytes() + b"\0" * (2 * 1024 * 1024), "big.png", "image/png"), "The picture must be smaller than 2 MB"),
        ((image_bytes(size=(4001, 10)), "wide.png", "image/png"), "at most 4000 pixels wide and high"),
        (None, "Select a picture to upload"),
    ],
)
def test_bad_files_are_refused_by_the_field_and_in_the_summary(client_for, alice, upload, message):
    form = upload_form(*upload) if upload else upload_form()
    response = client_for(alice).post(reverse("frameworks:picture-upload"), form)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(message) == 2, "once in the error summary, once by the field"
    assert 'value="Picture by Sam Lee, Speak Up Sefton"' in page, "what was typed is kept"
    assert not UploadedPicture.objects.exists()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("licence", "Select the picture’s licence"),
        ("credit", "Enter the credit for the picture"),
        ("description", "Enter what the picture shows"),
    ],
)
def test_a_licence_credit_and_description_are_needed(client_for, alice, missing, message):
    form = upload_form(image_bytes(), **{missing: ""})
    page = client_for(alice).post(reverse("frameworks:picture-upload"), form).content.decode()
    assert page.count(message) == 2
    assert not UploadedPicture.objects.exists()


def test_a_picture_is_served_as_itself_to_its_organisation_and_to_anyone_with_its_address(
    client_for, riverside_picture, alice, carol
):
    url = pictures.picture_url(riverside_picture.code)
    assert str(riverside_picture.pk) in url and url != f"/pictures/{riverside_picture.pk}/"
    for person in (alice, None):  # a member, and a participant of one of its rounds (no account)
        response = client_for(person).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response.content == bytes(riverside_picture.data)
    assert client_for(carol).get(url).status_code == 404, "another organisation's people are refused"


def test_a_pictures_address_cannot_be_guessed(client_for, riverside_picture, alice):
    client = client_for(alice)
    assert client.get(f"/pictures/{riverside_picture.pk}/").status_code == 404
    signed = pictures.picture_url(riverside_picture.code).rstrip("/").rsplit("/", 1)[1]
    forged = signed.replace(f"{riverside_picture.pk}.", f"{riverside_picture.pk + 1}.")
    assert client.get(reverse("frameworks:picture", args=[forged])).status_code == 404


def test_the_editor_takes_wording_in_three_languages_and_pictures(client_for, alice, riverside_copy, riverside_picture):
    client = client_for(alice)
    url = reverse("frameworks:edit", args=[riverside_copy.slug])
    page = client.get(url).content.decode()
    assert "Title (English)" in page and "Title (Welsh)" in page and "Title (Easy Read)" in page
    assert 'lang="cy"' in page
    assert "Stage 1 (" in page and ": picture" in page
    assert riverside_picture.code in page, "the organisation's own pictures are listed with their codes"
    form = _values(riverside_copy, "details")
    form.update(
        {
            "title__cy": "Sut rydyn ni’n gwneud?",
            "title__easy_read": "How are we doing?",
            "stages__0__picture": "1F91D",
            "stages__1__picture": riverside_picture.code,
        }
    )
    response = client.post(url, form, follow=True)
    assert "Saved as version 2" in response.content.decode()
    riverside_copy.refresh_from_db()
    document = riverside_copy.current_version.document
    assert document["title"] == {
        "en": "Riverside reflects",
        "cy": "Sut rydyn ni’n gwneud?",
        "easy_read": "How are we doing?",
    }
    assert document["stages"][0]["picture"] == "1F91D"
    assert document["stages"][1]["picture"] == riverside_picture.code
    page = client.get(url).content.decode()
    assert f'src="{pictures.picture_url("1F91D")}"' in page, "the chosen picture is shown beside its field"
    assert f'src="{pictures.picture_url(riverside_picture.code)}"' in page
    parse_document(dict(document))


def test_emptying_the_welsh_takes_it_away(client_for, alice, riverside_copy):
    services.save_wording(riverside_copy, "details", {"title__cy": "Teitl"}, created_by=alice)
    riverside_copy.refresh_from_db()
    form = _values(riverside_copy, "details")
    form["title__cy"] = ""
    client_for(alice).post(reverse("frameworks:edit", args=[riverside_copy.slug]), form)
    riverside_copy.refresh_from_db()
    assert "cy" not in riverside_copy.current_version.document["title"]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("stages__0__picture", "handshake", "Enter a picture code that exists"),
        ("stages__0__picture", "FFFFF", "Enter a picture code that exists"),
        ("stages__0__picture", "upload-999999", "Enter a picture code that exists"),
        ("title", "", "Enter the wording for Title – it cannot be left empty"),
        ("title__cy", "x" * 5001, "Title (Welsh) must be 5000 characters or fewer"),
        ("summary__easy_read", "y" * 5001, "Summary (Easy Read) must be 5000 characters or fewer"),
    ],
)
def test_the_editor_explains_bad_input_and_keeps_everything_typed(
    client_for, alice, riverside_copy, field, typed, message
):
    form = _values(riverside_copy, "details")
    form.update({"title__cy": "Teitl Cymraeg a deipiwyd", "summary__easy_read": "Words I typed.", field: typed})
    response = client_for(alice).post(reverse("frameworks:edit", args=[riverside_copy.slug]), form)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(message) == 2, "once in the error summary, once by the field"
    for name in ("title__cy", "summary__easy_read"):
        if name != field:
            assert form[name] in page
    assert riverside_copy.versions.count() == 1


def test_another_organisations_picture_cannot_be_chosen(client_for, carol, hillside, riverside_picture):
    version = Framework.objects.get(slug="how-are-we-doing").current_version
    copy = services.copy_framework(version, organisation=hillside, title="Hillside", created_by=carol)
    form = _values(copy, "details")
    form["stages__0__picture"] = riverside_picture.code
    page = client_for(carol).post(reverse("frameworks:edit", args=[copy.slug]), form).content.decode()
    assert "Enter a picture code that exists" in page
    assert copy.versions.count() == 1


def test_the_credits_page_credits_openmoji_to_everyone(client_for, db):
    page = client_for(None).get(reverse("frameworks:picture-credits")).content.decode()
    assert "All emojis designed by" in page and "OpenMoji</a> – the open-source emoji and icon project" in page
    assert '<a class="govuk-link" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>' in page


def test_the_credits_page_for_a_round_lists_its_organisations_pictures(
    client_for, alice, riverside_copy, riverside_picture
):
    services.save_wording(riverside_copy, "details", {"stages__0__picture": riverside_picture.code}, created_by=alice)
    riverside_copy.refresh_from_db()
    url = pictures.credits_url(riverside_copy.current_version)
    page = client_for(None).get(url).content.decode()
    assert "Picture by Sam Lee" in page and "Creative Commons Attribution 4.0" in page
    assert "Picture by Sam Lee" not in client_for(None).get(reverse("frameworks:picture-credits")).content.decode()
    tampered = url[:-2] + ("AA" if not url.endswith("AA") else "BB")
    assert "Picture by Sam Lee" not in client_for(None).get(tampered).content.decode()


def test_admins_find_their_pictures_from_the_list_of_frameworks(client_for, alice, fran):
    link = f'href="{reverse("frameworks:pictures")}"'
    assert link in client_for(alice).get(reverse("frameworks:list")).content.decode()
    assert link not in client_for(fran).get(reverse("frameworks:list")).content.decode()


def test_the_footer_links_to_the_picture_credits(client, db):
    page = client.get(reverse("frameworks:list")).content.decode()
    assert f'href="{reverse("frameworks:picture-credits")}"' in page


@pytest.mark.parametrize("url_name", ["frameworks:pictures", "frameworks:picture-upload", "frameworks:picture-credits"])
def test_picture_pages_run_a_fixed_number_of_queries(
    client_for, alice, riverside_picture, url_name, django_assert_max_num_queries
):
    for number in range(5):
        uploads.upload(
            riverside_picture.organisation,
            uploads.clean(image_bytes()),
            description=f"Picture {number}",
            licence="CC0-1.0",
            credit="Riverside",
            uploaded_by=alice,
        )
    client = client_for(alice)
    with django_assert_max_num_queries(10):
        assert client.get(reverse(url_name)).status_code == 200


def test_serving_a_picture_runs_a_fixed_number_of_queries(
    client_for, alice, riverside_picture, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(8):
        assert client.get(pictures.picture_url(riverside_picture.code)).status_code == 200


def _values(framework, section):
    document = framework.current_version.document
    values = {}
    for field in services.wording_fields(document, section):
        values[field["name"]] = field["value"]
        values[field["name"] + "__cy"] = field["cy"]
        values[field["name"] + "__easy_read"] = field["easy_read"]
    values.update({field["name"]: field["value"] for field in services.picture_fields(document, section)})
    return values


def test_the_editor_runs_a_fixed_number_of_queries_however_many_pictures(
    client_for, alice, riverside_copy, riverside_picture, django_assert_max_num_queries
):
    for number in range(6):
        uploads.upload(
            riverside_copy.organisation,
            uploads.clean(image_bytes()),
            description=f"Picture {number}",
            licence="CC0-1.0",
            credit="Riverside",
            uploaded_by=alice,
        )
    client = client_for(alice)
    for section in ("details", "reciprocity"):
        with django_assert_max_num_queries(10):
            assert (
                client.get(reverse("frameworks:edit-section", args=[riverside_copy.slug, section])).status_code == 200
            )


def test_welsh_pages_render(client_for, fran, alice, riverside_copy, riverside_picture):
    for person, url in (
        (fran, reverse("frameworks:checks", args=[riverside_copy.slug])),
        (alice, reverse("frameworks:pictures")),
        (alice, reverse("frameworks:picture-upload")),
        (alice, reverse("frameworks:edit", args=[riverside_copy.slug])),
        (None, reverse("frameworks:picture-credits")),
    ):
        welsh = "/cy" + url
        try:
            response = client_for(person).get(welsh)
        finally:
            # The request leaves Welsh active in this thread; later tests' reverse() must give English addresses.
            translation.deactivate()
        assert response.status_code == 200, welsh
        assert 'lang="cy"' in response.content.decode()
