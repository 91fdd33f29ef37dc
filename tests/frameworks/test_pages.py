"""Framework pages and JSON: who sees which frameworks, and what the pages show."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from coreflect.frameworks import pictures, services, uploads
from coreflect.frameworks.models import Framework
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows


@pytest.fixture
def riverside_copy(riverside, alice):
    version = Framework.objects.get(slug="how-are-you-doing-2011").current_version
    return services.copy_framework(
        version, organisation=riverside, title="How are we doing in Riverside?", created_by=alice
    )


def test_list_shows_the_builtins_with_their_credit_to_everyone(client, db):
    page = client.get(reverse("frameworks:list")).content.decode()
    for title in ("Coproduction – how are we doing?", "Co-production – how are you doing?", "The SCIE lens"):
        assert title in page
    assert "Samantha Clark, Tricia Nicoll" in page
    assert "Tricia Nicoll, Bryony Shannon" in page


def test_an_organisations_copy_is_seen_only_by_its_members(client_for, riverside_copy, alice, bob, carol):
    assert "How are we doing in Riverside?" in client_for(bob).get(reverse("frameworks:list")).content.decode()
    assert "How are we doing in Riverside?" not in client_for(carol).get(reverse("frameworks:list")).content.decode()
    assert "How are we doing in Riverside?" not in client_for(None).get(reverse("frameworks:list")).content.decode()
    for url in (
        reverse("frameworks:detail", args=[riverside_copy.slug]),
        reverse("frameworks:json", args=[riverside_copy.slug]),
        reverse("frameworks:print", args=[riverside_copy.slug]),
    ):
        assert client_for(bob).get(url).status_code == 200
        assert client_for(carol).get(url).status_code == 404
        assert client_for(None).get(url).status_code == 404
    slugs = [item["slug"] for item in client_for(carol).get(reverse("frameworks:list-json")).json()]
    assert riverside_copy.slug not in slugs


def test_detail_page_shows_principles_stages_indicators_story_and_quotes(client, db):
    page = client.get(reverse("frameworks:detail", args=["how-are-you-doing-2011"])).content.decode()
    version = Framework.objects.get(slug="how-are-you-doing-2011").current_version
    for principle in version.principles:
        assert principle["title"]["en"].replace("’", "&#x27;") in page or principle["title"]["en"] in page
        for indicator in principle["indicators"]:
            assert indicator["text"]["en"].replace("’", "’") in page.replace("&#x27;", "'")
    assert "Kathy’s story" in page and "You might hear people saying" in page
    assert "We’re doing really well" in page
    assert "Samantha Clark and Tricia Nicoll" in page


def test_framework_json_has_the_documented_shape(client, db):
    data = client.get(reverse("frameworks:json", args=["how-are-we-doing"])).json()
    assert set(data) == {"slug", "version", "title", "credit", "stages", "principles"}
    assert data["slug"] == "how-are-we-doing" and data["version"] == 1
    assert [stage["key"] for stage in data["stages"]] == ["not-yet", "getting-there", "doing-really-well"]
    assert set(data["stages"][0]) == {"key", "label"}
    assert [p["key"] for p in data["principles"]] == [
        "equal-human-beings",
        "redefining-work",
        "reciprocity",
        "social-capital",
    ]
    principle = data["principles"][0]
    assert set(principle) == {"key", "title", "about", "indicators"}
    assert set(principle["indicators"][0]) == {"key", "stage", "text"}
    assert sum(len(p["indicators"]) for p in data["principles"]) == 38
    assert data["credit"]["authors"] == ["Tricia Nicoll", "Bryony Shannon"]


def test_frameworks_json_lists_slug_title_version_url(client, db):
    data = client.get(reverse("frameworks:list-json")).json()
    assert [item["slug"] for item in data] == ["how-are-we-doing", "how-are-you-doing-2011", "scie-lens"]
    assert set(data[0]) == {"slug", "title", "version", "url"}
    assert data[0]["url"].endswith("/frameworks/how-are-we-doing.json")


def test_unknown_framework_or_version_is_404(client, db):
    assert client.get(reverse("frameworks:detail", args=["no-such-framework"])).status_code == 404
    assert client.get(reverse("frameworks:detail", args=["scie-lens"]) + "?version=7").status_code == 404
    assert client.get(reverse("frameworks:json", args=["scie-lens"]) + "?version=x").status_code == 404


@pytest.mark.parametrize(
    "url_name", ["frameworks:list", "frameworks:detail", "frameworks:list-json", "frameworks:json"]
)
def test_framework_pages_run_a_fixed_number_of_queries(
    client_for, alice, riverside_copy, url_name, django_assert_max_num_queries
):
    args = [] if url_name.endswith("list") or url_name.endswith("list-json") else ["how-are-you-doing-2011"]
    client = client_for(alice)
    with django_assert_max_num_queries(10):
        assert client.get(reverse(url_name, args=args)).status_code == 200


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


# Copying needs the EDIT_FRAMEWORKS permission (admins); editing also needs the copy to be yours.
MATRIX = [
    (
        "frameworks:copy",
        "builtin",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "fran": 403, "carol": 200, "alice": 200},
    ),
    (
        "frameworks:edit",
        "copy",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "fran": 403, "carol": 404, "alice": 200},
    ),
    ("frameworks:edit", "builtin", "get", {"alice": 404, "carol": 404}),
    (
        "frameworks:edit-section",
        "copy-principle",
        "get",
        {"anonymous": SIGN_IN, "bob": 403, "carol": 404, "alice": 200},
    ),
    ("frameworks:detail", "copy", "get", {"anonymous": 404, "dan": 404, "carol": 404, "bob": 200, "alice": 200}),
    # Recording a check of the Welsh or Easy Read wording: admins and facilitators, of any framework they can see.
    (
        "frameworks:checks",
        "copy",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "carol": 404, "fran": 200, "alice": 200},
    ),
    ("frameworks:checks", "copy", "post", {"anonymous": SIGN_IN, "bob": 403, "carol": 404}),
    ("frameworks:checks", "builtin", "get", {"bob": 403, "carol": 200, "fran": 200}),
    # An organisation's own pictures: those who may edit its frameworks (admins); each sees only their own.
    (
        "frameworks:pictures",
        "none",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "frameworks:picture-upload",
        "none",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "fran": 403, "alice": 200},
    ),
    ("frameworks:picture-upload", "none", "post", {"anonymous": SIGN_IN, "bob": 403, "fran": 403}),
    # An uploaded picture: its organisation's people and anyone its address was shown to (participants have no
    # account), never another organisation's people.
    (
        "frameworks:picture",
        "picture",
        "get",
        {"anonymous": 200, "dan": 200, "bob": 200, "fran": 200, "alice": 200, "carol": 404},
    ),
    ("frameworks:picture", "unsigned", "get", {"anonymous": 404, "alice": 404}),
    ("frameworks:picture-credits", "none", "get", {"anonymous": 200, "carol": 200, "alice": 200}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, riverside_copy, name, target, method, visitor, expected):
    picture = uploads.upload(
        riverside_copy.organisation,
        uploads.clean(_png()),
        description="A picture",
        licence="CC0-1.0",
        credit="Riverside",
        uploaded_by=None,
    )
    if target == "picture":
        url = pictures.picture_url(picture.code)
    else:
        args = {
            "builtin": ["how-are-you-doing-2011"],
            "copy": [riverside_copy.slug],
            "copy-principle": [riverside_copy.slug, "reciprocity"],
            "unsigned": [str(picture.pk)],
            "none": [],
        }[target]
        url = reverse(name, args=args)
    check_visit(client_for(people[visitor]), method, url, expected)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    return out.getvalue()


def test_every_framework_view_is_in_a_permission_table():
    from coreflect.frameworks import urls

    public = {"list", "list-json", "json", "detail", "print", "pdf", "picture-credits"}
    covered = {name.split(":")[1] for name, *_ in MATRIX} | public
    assert {pattern.name for pattern in urls.urlpatterns} <= covered
