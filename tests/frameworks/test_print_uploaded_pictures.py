"""An organisation's own pictures on the paper version in Easy Read: on screen, and in the PDF (a framework's and a
round's), read from the database for that organisation only."""

import copy
import io

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from coreflect.frameworks import pictures, services, uploads
from coreflect.frameworks.models import Framework, FrameworkVersion
from tests.pdf import pdf_pictures
from tests.reflections.conftest import make_round

pytestmark = pytest.mark.django_db

RIVERSIDE_RED = (200, 30, 30)
HILLSIDE_GREEN = (20, 160, 60)


def picture_bytes(size, colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(organisation, person, size, colour, description="Two people shaking hands"):
    return uploads.upload(
        organisation,
        uploads.clean(picture_bytes(size, colour)),
        description=description,
        licence="CC-BY-4.0",
        credit="Picture by Sam Lee",
        uploaded_by=person,
    )


@pytest.fixture
def riverside_picture(riverside, alice):
    return upload(riverside, alice, (37, 23), RIVERSIDE_RED)


@pytest.fixture
def hillside_picture(hillside, carol):
    return upload(hillside, carol, (41, 19), HILLSIDE_GREEN, description="Hillside's own")


@pytest.fixture
def riverside_copy(riverside, alice, riverside_picture):
    """Riverside's copy of a built-in framework (with Easy Read), its first stage and first statement shown with
    Riverside's own picture."""
    version = Framework.objects.get(slug="how-are-we-doing").current_version
    framework = services.copy_framework(version, organisation=riverside, title="Riverside reflects", created_by=alice)
    services.save_wording(framework, "details", {"stages__0__picture": riverside_picture.code}, created_by=alice)
    framework.refresh_from_db()
    principle = framework.current_version.document["principles"][0]["key"]
    field = "principles__0__indicators__0__picture"
    services.save_wording(framework, principle, {field: riverside_picture.code}, created_by=alice)
    framework.refresh_from_db()
    return framework


def easy_read_pdf(client, framework):
    response = client.get(reverse("frameworks:pdf", args=[framework.slug]), {"wording": "easy-read"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_the_easy_read_paper_version_pdf_has_the_organisations_own_picture(client_for, alice, riverside_copy):
    client = client_for(alice)
    assert (37, 23, RIVERSIDE_RED) in pdf_pictures(easy_read_pdf(client, riverside_copy))
    # The standard wording has no pictures.
    standard = client.get(reverse("frameworks:pdf", args=[riverside_copy.slug])).content
    assert pdf_pictures(standard) == set()


def test_the_paper_version_on_screen_shows_the_organisations_own_picture(client_for, alice, riverside_copy):
    client = client_for(alice)
    page = client.get(reverse("frameworks:print", args=[riverside_copy.slug]), {"wording": "easy-read"})
    address = pictures.picture_url(f"upload-{riverside_copy.organisation.pictures.get().pk}")
    body = page.content.decode()
    # The first stage, under each of the 4 principles, and the first statement.
    assert body.count(f'<img class="paper-picture" src="{address}" alt="">') == 4 + 1
    assert 'class="paper-picture" src="data:image/svg+xml;base64,' in body  # OpenMoji as before
    shown = client.get(address)
    assert shown.status_code == 200 and Image.open(io.BytesIO(shown.content)).size == (37, 23)


def test_a_rounds_easy_read_paper_version_pdf_has_the_picture(client_for, fran, riverside, alice, riverside_copy):
    round_ = make_round(riverside, alice, slug=riverside_copy.slug, perspectives=["frontline", "manager"])
    client = client_for(fran)
    pdf = client.get(reverse("reflections:printable-pdf", args=[round_.pk]), {"wording": "easy-read"})
    assert (37, 23, RIVERSIDE_RED) in pdf_pictures(pdf.content)
    page = client.get(reverse("reflections:printable", args=[round_.pk]), {"wording": "easy-read"}).content.decode()
    assert pictures.picture_url(f"upload-{riverside_copy.organisation.pictures.get().pk}") in page


def test_the_welsh_pdf_has_the_picture_too(client_for, alice, riverside_copy):
    try:
        response = client_for(alice).get(
            "/cy" + reverse("frameworks:pdf", args=[riverside_copy.slug]), {"wording": "easy-read"}
        )
    finally:
        translation.deactivate()  # the Welsh request leaves Welsh on for this thread
    assert response.status_code == 200
    assert (37, 23, RIVERSIDE_RED) in pdf_pictures(response.content)


def test_a_pdf_never_shows_another_organisations_picture(client_for, alice, riverside_copy, hillside_picture):
    """Even if a document named another organisation's picture (the editor refuses it), its PDF leaves it out."""
    version = riverside_copy.current_version
    document = copy.deepcopy(version.document)
    document["principles"][0]["indicators"][1]["picture"] = hillside_picture.code
    FrameworkVersion.objects.filter(pk=version.pk).update(document=document)
    found = pdf_pictures(easy_read_pdf(client_for(alice), riverside_copy))
    assert (37, 23, RIVERSIDE_RED) in found
    assert not any(colour == HILLSIDE_GREEN for _w, _h, colour in found)


def test_a_pdf_reads_only_the_pictures_its_framework_names(alice, riverside_copy, riverside, hillside_picture):
    read = pictures.uploaded_for_pdf(riverside.pk, riverside_copy.current_version.document)
    own = riverside.pictures.get()
    other = upload(riverside, alice, (5, 5), RIVERSIDE_RED, description="Not in this framework")
    assert read(pictures.picture_url(own.code)) == (bytes(own.data), "image/png")
    assert read(pictures.picture_url(other.code)) is None  # Riverside's, but not named by this framework
    assert read(pictures.picture_url(hillside_picture.code)) is None
    forged = pictures.picture_url(own.code).replace(f"/{own.pk}.", f"/{hillside_picture.pk}.")
    assert read(forged) is None
    assert read("/accounts/sign-in/") is None and read("/no/such/page/") is None
    built_in = pictures.uploaded_for_pdf(None, riverside_copy.current_version.document)
    assert built_in(pictures.picture_url(own.code)) is None


def test_the_pdf_reads_all_its_pictures_in_one_query(
    client_for, alice, riverside, riverside_copy, django_assert_max_num_queries
):
    client = client_for(alice)
    easy_read_pdf(client, riverside_copy)
    with django_assert_max_num_queries(12) as one_picture:
        easy_read_pdf(client, riverside_copy)
    principle = riverside_copy.current_version.document["principles"][1]["key"]
    more = {}
    for number in range(4):
        picture = upload(riverside, alice, (30 + number, 20), RIVERSIDE_RED, description=f"Picture {number}")
        more[f"principles__1__indicators__{number}__picture"] = picture.code
    services.save_wording(riverside_copy, principle, more, created_by=alice)
    riverside_copy.refresh_from_db()
    with django_assert_max_num_queries(len(one_picture.captured_queries)):
        pdf = easy_read_pdf(client, riverside_copy)
    assert {(31, 20, RIVERSIDE_RED), (33, 20, RIVERSIDE_RED)} <= pdf_pictures(pdf)
