"""The data page and its downloads: who may see them, how many queries they run however large the round,
and an admin's raw export – explained first, confirmed, recorded, and refused to everyone else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coreflect.exports import data_urls
from coreflect.exports.models import Contents, Download, Format
from coreflect.reflections import services
from coreflect.reflections.models import RoundStatus
from tests.exports.data_helpers import body, read_csv, read_json, read_xlsx, sheet_rows
from tests.exports.test_data import GROUPS, fill
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round

EVERYONE_WHO_SEES_RESULTS = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200, "alice": 200}
ADMINS_ONLY = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 403, "alice": 200}

MATRIX = [
    ("exports:data", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:data-csv", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:data-xlsx", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:data-json", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:data-action-plan", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:data-raw", "round", "get", ADMINS_ONLY),
    # A post with nothing chosen: the page again, with its errors, for admins; refused for everyone else.
    ("exports:data-raw", "round", "post", ADMINS_ONLY),
]


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, open_round, name, target, method, visitor, expected):
    response = check_visit(client_for(people[visitor]), method, reverse(name, args=[open_round.pk]), expected)
    if expected == 200 and hasattr(response, "streaming_content"):
        body(response)


def test_every_data_view_is_in_a_permission_table():
    assert {f"exports:{pattern.name}" for pattern in data_urls.urlpatterns} == {name for name, *_ in MATRIX}


def test_nothing_is_recorded_for_a_visitor_who_was_refused(client_for, fran, carol, open_round):
    client_for(fran).post(reverse("exports:data-raw", args=[open_round.pk]), {"format": "csv", "understood": "on"})
    client_for(carol).get(reverse("exports:data-xlsx", args=[open_round.pk]))
    assert not Download.objects.exists()


# --- Queries ---------------------------------------------------------------------------------------


def queries_of(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("exports:data", {}),
        ("exports:data-csv", {"table": "answers"}),
        ("exports:data-csv", {"table": "evidence"}),
        ("exports:data-csv", {"table": "responses"}),
        ("exports:data-xlsx", {}),
        ("exports:data-json", {}),
        ("exports:data-action-plan", {}),
    ],
)
def test_downloads_run_the_same_number_of_queries_for_10_or_60_people(
    client_for, bob, riverside, alice, name, params, django_assert_max_num_queries
):
    small = make_round(riverside, alice, anonymous=False, title="Small")
    large = make_round(riverside, alice, anonymous=False, title="Large")
    fill(small, {"frontline": 5, "manager": 5})
    fill(large, {"frontline": 30, "manager": 30})
    client = client_for(bob)
    client.get(reverse("organisations:dashboard"))  # the first request of a session also saves the session
    counts = [queries_of(client, reverse(name, args=[round_.pk]), params) for round_ in (small, large)]
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(40):
        queries_of(client, reverse(name, args=[large.pk]), params)


def test_a_csv_is_read_in_chunks_without_a_query_per_chunk(client_for, bob, riverside, alice, monkeypatch):
    from coreflect.exports import data

    round_ = make_round(riverside, alice, anonymous=False)
    fill(round_, {"frontline": 12})
    client = client_for(bob)
    client.get(reverse("organisations:dashboard"))
    url = reverse("exports:data-csv", args=[round_.pk])
    whole = queries_of(client, url, {"table": "responses"})
    monkeypatch.setattr(data, "CHUNK_SIZE", 3)  # 24 answers in 8 chunks
    assert queries_of(client, url, {"table": "responses"}) == whole
    assert len(read_csv(client.get(url, {"table": "responses"}))) == 24


# --- Raw data --------------------------------------------------------------------------------------


@pytest.fixture
def closed_round(riverside, alice):
    round_ = make_round(riverside, alice, title="Day services 2026")
    fill(round_)
    services.set_status(round_, RoundStatus.CLOSED)
    return round_


def test_the_raw_data_page_explains_what_raw_data_is_before_anything_is_downloaded(client_for, alice, closed_round):
    page = client_for(alice).get(reverse("exports:data-raw", args=[closed_round.pk])).content.decode()
    assert "Nothing is hidden" in page and "Groups of fewer than 5 people are shown" in page
    assert "Your name and the time are recorded" in page
    assert "Nobody has downloaded this round’s raw data yet." in page
    assert 'name="csrfmiddlewaretoken"' in page and 'method="post"' in page
    assert not Download.objects.exists()


def test_the_data_page_offers_raw_data_only_to_admins(client_for, alice, fran, closed_round):
    url = reverse("exports:data", args=[closed_round.pk])
    raw = reverse("exports:data-raw", args=[closed_round.pk])
    assert raw in client_for(alice).get(url).content.decode()
    assert raw not in client_for(fran).get(url).content.decode()


def test_downloading_raw_data_needs_a_file_type_and_a_confirmation(client_for, alice, closed_round):
    url = reverse("exports:data-raw", args=[closed_round.pk])
    page = client_for(alice).post(url, {"format": "xlsx"}).content.decode()
    assert "There is a problem" in page
    assert "Confirm that you understand what raw data shows before you download it" in page
    assert 'value="xlsx" id="id_format_1" checked' in page  # what was chosen is kept
    page = client_for(alice).post(url, {"format": "pdf", "understood": "on"}).content.decode()
    assert "Select a file type from the list" in page
    assert not Download.objects.exists()


@pytest.mark.parametrize("format_", ["csv", "xlsx", "json"])
def test_raw_data_shows_every_answer_unhidden_and_is_recorded(client_for, alice, closed_round, format_):
    client = client_for(alice)
    response = client.post(reverse("exports:data-raw", args=[closed_round.pk]), {"format": format_, "understood": "on"})
    if format_ == "csv":
        rows = read_csv(response)
    elif format_ == "xlsx":
        rows = [
            {k: "" if v is None else str(v) for k, v in row.items()}
            for row in sheet_rows(read_xlsx(response), "responses")
        ]
    else:
        rows = [
            {k: "" if v is None else str(v) for k, v in row.items()}
            for row in read_json(response)["tables"]["responses"]
        ]
    people = sum(GROUPS.values())
    assert len(rows) == people * 2  # everyone answered two principles
    assert len({row["respondent"] for row in rows}) == people
    by_perspective = {row["perspective"] for row in rows if row["evidence"].startswith("manager")}
    assert by_perspective == {"Manager or leader"}  # the small group, hidden everywhere else
    assert "name" not in rows[0] and not any("token" in key or "participant" in key for key in rows[0])
    (download,) = Download.objects.all()
    assert (download.downloaded_by, download.contents, download.format) == (alice, Contents.RAW_DATA, format_)
    page = client.get(reverse("exports:data-raw", args=[closed_round.pk])).content.decode()
    assert "Alice Adams" in page and str(Format(format_).label) in page


def test_a_raw_export_holds_only_answers_the_results_include(client_for, alice, riverside):
    round_ = make_round(riverside, alice)
    fill(round_, {"frontline": 5})  # released: five of one perspective
    fill(round_, {"manager": 2})  # sent, but waiting for the next release
    response = client_for(alice).post(
        reverse("exports:data-raw", args=[round_.pk]), {"format": "csv", "understood": "on"}
    )
    assert {row["perspective"] for row in read_csv(response)} == {"Frontline worker"}


def test_a_named_round_has_no_separate_raw_export(client_for, alice, riverside):
    round_ = make_round(riverside, alice, anonymous=False)
    assert client_for(alice).get(reverse("exports:data-raw", args=[round_.pk])).status_code == 404


def test_the_privacy_notice_tells_people_that_admins_may_download_raw_data(client):
    text = client.get(reverse("privacy")).content.decode()
    assert (
        "can choose to download everyone’s answers for closer study, without names but with small groups not hidden"
        in text
    )


@pytest.mark.parametrize(
    "posted",
    [
        {"format": "\x00", "understood": "on"},
        {"format": "csv" * 2000, "understood": "x" * 5000},
        {"format": "csv", "understood": ""},
        {"understood": "☃"},
    ],
)
def test_no_odd_post_gives_a_server_error_or_a_download(client_for, alice, closed_round, posted):
    response = client_for(alice).post(reverse("exports:data-raw", args=[closed_round.pk]), posted)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "There is a problem" in response.content.decode()
    assert not Download.objects.exists()


def test_a_named_rounds_data_page_offers_each_persons_answers_and_no_raw_data(client_for, alice, riverside):
    round_ = make_round(riverside, alice, anonymous=False)
    page = client_for(alice).get(reverse("exports:data", args=[round_.pk])).content.decode()
    assert "?table=responses" in page and "people were told the people running it would see their name" in page
    assert reverse("exports:data-raw", args=[round_.pk]) not in page
