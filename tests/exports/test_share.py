"""Share links: a facilitator makes a read-only link to a round's report for a board; it shows what a viewer
sees and no more, expires, can be withdrawn, and is recorded (who made it, when it was used)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coreflect.audit.models import AuditEvent, Kind
from coreflect.exports import share
from coreflect.exports.models import Download, ShareLink
from coreflect.logs import hide_tokens
from tests.exports import report_fixtures
from tests.permissions import MATRIX_ARGUMENTS, SIGN_IN, check_visit, matrix_rows

small_groups_round = report_fixtures.small_groups_round


def text_of(response) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def make_link(client, round_, **fields):
    data = {"label": "Health and wellbeing board", "days": "30", **fields}
    response = client.post(reverse("exports:share-links", args=[round_.pk]), data)
    assert response.status_code == 302, response.content.decode()[:600]
    return ShareLink.objects.filter(round=round_).latest("pk")


def test_a_facilitator_makes_a_link_that_shows_the_report_a_viewer_sees(small_groups_round, client_for, fran, bob):
    link = make_link(client_for(fran), small_groups_round)
    assert link.created_by == fran and link.label == "Health and wellbeing board"
    assert (link.expires_at - link.created_at) == datetime.timedelta(days=30)
    listed = text_of(client_for(fran).get(reverse("exports:share-links", args=[small_groups_round.pk])))
    assert "Health and wellbeing board" in listed and link.token in listed and "Not yet" in listed

    shared = Client().get(reverse("exports:shared-report", args=[link.token]))
    assert shared.status_code == 200
    as_viewer = client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk]))
    # The same report: every figure and word a viewer's report shows, and nothing to change or download data.
    for part in ("Day services: autumn review", "Fewer than 5 people"):
        assert part in text_of(shared) and part in text_of(as_viewer)
    assert text_of(shared).count("Fewer than 5 people") == text_of(as_viewer).count("Fewer than 5 people")
    page = shared.content.decode()
    assert "Back to the round" not in page and "/data/" not in page and "Show these sections" not in page
    assert shared["Cache-Control"].startswith("no-store") or "no-store" in shared["Cache-Control"]
    assert shared["X-Robots-Tag"] == "noindex, nofollow" and shared["Referrer-Policy"] == "no-referrer"

    link.refresh_from_db()
    assert link.times_used == 1 and link.last_used_at is not None
    assert "Opened 1 time" in text_of(
        client_for(fran).get(reverse("exports:share-links", args=[small_groups_round.pk]))
    )


def test_the_link_keeps_the_sections_chosen(small_groups_round, client_for, fran):
    link = make_link(client_for(fran), small_groups_round, section=["cover", "anonymity"])
    assert link.sections == ["cover", "anonymity"]
    page = text_of(Client().get(reverse("exports:shared-report", args=[link.token])))
    assert "About this round" in page and "How anonymity was kept" in page
    assert "Principle by principle" not in page and "Action plan" not in page


def test_a_pdf_through_the_link_is_recorded_against_the_link(small_groups_round, client_for, fran):
    link = make_link(client_for(fran), small_groups_round)
    response = Client().get(reverse("exports:shared-report-pdf", args=[link.token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    download = Download.objects.get(share_link=link)
    assert download.downloaded_by is None and download.format == "pdf"


def test_a_withdrawn_link_stops_at_once_and_says_so(small_groups_round, client_for, fran):
    link = make_link(client_for(fran), small_groups_round)
    response = client_for(fran).post(reverse("exports:share-withdraw", args=[small_groups_round.pk, link.pk]))
    assert response.status_code == 302
    for name in ("exports:shared-report", "exports:shared-report-pdf"):
        gone = Client().get(reverse(name, args=[link.token]))
        assert gone.status_code == 410
        assert "The organisation that shared this report has withdrawn the link" in text_of(gone)
        assert "Day services" not in text_of(gone)
    link.refresh_from_db()
    assert link.revoked_by == fran and link.times_used == 0
    listed = text_of(client_for(fran).get(reverse("exports:share-links", args=[small_groups_round.pk])))
    assert "Withdrawn" in listed and link.token not in listed


def test_an_expired_link_says_so_and_an_unknown_one_is_not_found(small_groups_round, client_for, fran):
    link = make_link(client_for(fran), small_groups_round, days="1")
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    gone = Client().get(reverse("exports:shared-report", args=[link.token]))
    assert gone.status_code == 410 and "The link to this report has expired" in text_of(gone)
    for token in ("x" * 32, "x" * 200, link.token[:-1]):
        assert Client().get(reverse("exports:shared-report", args=[token])).status_code == 404


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("", "Enter how many days the link should work for"),
        ("soon", "The number of days must be a whole number"),
        ("0", "The link must work for at least 1 day"),
        ("366", "The link can work for 365 days at most"),
    ],
)
def test_a_bad_number_of_days_is_explained_and_keeps_what_was_typed(
    small_groups_round, client_for, fran, days, message
):
    response = client_for(fran).post(
        reverse("exports:share-links", args=[small_groups_round.pk]), {"label": "Scrutiny panel", "days": days}
    )
    assert response.status_code == 400
    assert text_of(response).count(message) == 2  # by the field and in the summary
    assert 'value="Scrutiny panel"' in response.content.decode()
    assert not ShareLink.objects.exists()


def test_making_and_withdrawing_links_are_in_the_audit_trail(small_groups_round, client_for, fran):
    link = make_link(client_for(fran), small_groups_round)
    client_for(fran).post(reverse("exports:share-withdraw", args=[small_groups_round.pk, link.pk]))
    made = AuditEvent.objects.get(kind=Kind.SHARE_LINK_MADE)
    withdrawn = AuditEvent.objects.get(kind=Kind.SHARE_LINK_WITHDRAWN)
    assert made.actor == fran and withdrawn.actor == fran
    assert link.token not in str(made.changes) and link.token not in made.target_label


def test_the_token_never_reaches_a_log():
    assert "abcdefTOKEN" not in hide_tokens("GET /shared/abcdefTOKEN/ HTTP/1.1")
    assert "abcdefTOKEN" not in hide_tokens("GET /shared/abcdefTOKEN/report.pdf HTTP/1.1")


def test_the_list_runs_a_fixed_number_of_queries(small_groups_round, client_for, fran, django_assert_max_num_queries):
    client = client_for(fran)
    for _ in range(5):
        make_link(client, small_groups_round)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("exports:share-links", args=[small_groups_round.pk])).status_code == 200


# Permissions ---------------------------------------------------------------------------------------------


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


MATRIX = [
    (
        "exports:share-links",
        "round",
        "get",
        {"anonymous": SIGN_IN, "carol": 404, "bob": 403, "fran": 200, "alice": 200},
    ),
    (
        "exports:share-withdraw",
        "link",
        "post",
        {"anonymous": SIGN_IN, "carol": 404, "bob": 403, "fran": 302, "alice": 302},
    ),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, small_groups_round, fran, name, target, method, visitor, expected):
    link = share.create_link(small_groups_round, by=fran)
    args = [small_groups_round.pk] if target == "round" else [small_groups_round.pk, link.pk]
    check_visit(client_for(people[visitor]), method, reverse(name, args=args), expected)


def test_the_report_offers_sharing_to_facilitators_only(small_groups_round, client_for, fran, bob):
    offer = "Share this report with people who have no account"
    assert offer in text_of(client_for(fran).get(reverse("exports:report", args=[small_groups_round.pk])))
    assert offer not in text_of(client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk])))
