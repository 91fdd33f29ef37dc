"""Sharing a round: the QR code, the poster and its PDF, and emailed invitations (who may do each)."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
from django.apps import apps
from django.core import mail, serializers
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coreflect.frameworks.models import Framework
from coreflect.reflections import services, sharing
from coreflect.reflections.models import Participant, RoundStatus
from coreflect.reflections.tasks import send_round_invitation
from tests.pdf import read_pdf
from tests.permissions import NO_ORG, SIGN_IN, check_visit

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
CLOSES_ON = datetime.date.today() + datetime.timedelta(days=60)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def day_services(riverside, alice):
    return services.create_round(
        organisation=riverside,
        created_by=alice,
        perspectives=["draws-on-support", "frontline"],
        title="Day services 2026",
        subject_kind="service",
        subject_description="",
        framework_version=Framework.objects.get(slug="how-are-you-doing-2011").current_version,
        anonymous=True,
        threshold=5,
        opens_on=None,
        closes_on=None,
    )


def written(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"  # as GOV.UK writes dates: 31 March 2026


def participant_url(round_) -> str:
    return "http://testserver" + reverse("journey:start", args=[round_.link_code])


def url(name, round_):
    return reverse(f"reflections:{name}", args=[round_.pk])


def parse_svg(content) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 – Coreflect's own output, not untrusted XML


def modules_drawn(svg: ET.Element) -> list[list[bool]]:
    """The QR code's modules as drawn: each `M x,y h n v1 h-n z` in the path is a run of n dark ones."""
    side = int(svg.get("viewBox").split()[2])
    grid = [[False] * side for _ in range(side)]
    for x, y, length in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\d+z", svg.find(f"{SVG}path").get("d")):
        for column in range(int(x), int(x) + int(length)):
            grid[int(y)][column] = True
    return grid


# --- Who may do what ----------------------------------------------------------------------------


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


EVERYONE = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200}
ROWS = [
    pytest.param(name, visitor, expected, id=f"{name}-{visitor}")
    for name in ["poster", "poster-pdf", "qr", "invite"]
    for visitor, expected in EVERYONE.items()
]


@pytest.mark.parametrize(("name", "visitor", "expected"), ROWS)
def test_permission_matrix(client_for, people, day_services, name, visitor, expected):
    check_visit(client_for(people[visitor]), "get", url(name, day_services), expected)


def test_another_organisation_cannot_send_invitations_for_a_riverside_round(client_for, carol, bob, day_services):
    for person, status in [(carol, 404), (bob, 403)]:
        response = client_for(person).post(url("invite", day_services), {"addresses": "someone@example.org"})
        assert response.status_code == status
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_only_the_form_takes_posts_and_unknown_rounds_are_not_found(client_for, fran, day_services):
    client = client_for(fran)
    for name in ["poster", "poster-pdf", "qr"]:
        assert client.post(url(name, day_services)).status_code == 405
    for name in ["poster", "poster-pdf", "qr", "invite"]:
        assert client.get(reverse(f"reflections:{name}", args=[day_services.pk + 99])).status_code == 404


# --- The QR code -------------------------------------------------------------------------------


def test_qr_code_is_an_accessible_svg_of_the_participant_link(client_for, fran, day_services):
    response = client_for(fran).get(url("qr", day_services))

    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml")
    svg = parse_svg(response.content)
    assert svg.tag == f"{SVG}svg"
    title = svg.find(f"{SVG}title")
    assert title.text == f"QR code for {participant_url(day_services)}"
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == title.get("id")
    assert "private" in response["Cache-Control"]


def test_qr_code_encodes_exactly_the_participant_link_and_its_title_is_escaped(client_for, fran, day_services):
    svg = parse_svg(client_for(fran).get(url("qr", day_services)).content)
    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    expected.add_data(participant_url(day_services))
    expected.make(fit=True)

    drawn = modules_drawn(svg)

    assert drawn == expected.get_matrix()
    assert not any(drawn[0]) and not any(row[0] for row in drawn), "a quiet zone around the code"
    svg = sharing.qr_svg("https://example.org/r/x/", title='<script>"Tom & Jerry"</script>')
    assert "<script>" not in svg
    assert parse_svg(svg).find(f"{SVG}title").text == '<script>"Tom & Jerry"</script>'


# --- The poster --------------------------------------------------------------------------------


def test_poster_invites_people_and_shows_the_link_and_qr_code(client_for, fran, day_services):
    content = client_for(fran).get(url("poster", day_services)).content.decode()
    parts = len(day_services.framework_version.principles)

    assert '<html lang="en-GB">' in content
    assert "<title>Poster: Day services 2026 – Coreflect</title>" in content
    assert content.count("<h1") == 1 and "<main" in content
    assert "Tell us how we are doing at working together" in content
    assert "Day services 2026" in content and "Riverside Council" in content
    assert f"It has {parts} parts. Each part takes about 5 minutes." in content
    assert "You do not need to give your name." in content
    link = re.search(rf'<a href="{re.escape(participant_url(day_services))}">(.*?)</a>', content).group(1)
    assert re.sub(r"<[^>]+>", "", link) == participant_url(day_services)
    assert "You can also ask Riverside Council for a paper copy." in content
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in content
    assert '<title id="qr-code-title">QR code for the link below</title>' in content
    assert f'href="{url("detail", day_services)}">Back to the round<' in content
    assert f'href="{url("poster-pdf", day_services)}">Download as PDF<' in content
    assert "style=" not in content and "<script" not in content  # the strict CSP allows neither


def test_poster_follows_the_rounds_dates_naming_and_status(client_for, fran, day_services):
    draft = client_for(fran).get(url("poster", day_services)).content.decode()
    assert "This round is still a draft. People cannot take part until you open it." in draft
    services.update_round(day_services, anonymous=False, closes_on=CLOSES_ON, status=RoundStatus.OPEN)
    content = client_for(fran).get(url("poster", day_services)).content.decode()
    assert f"Please take part by {written(CLOSES_ON)}." in content and "We will ask for your name." in content
    assert "You do not need to give your name." not in content and "People cannot take part" not in content


def test_poster_pdf_is_one_sheet_of_a4_with_the_title_and_link(client_for, fran, day_services):
    response = client_for(fran).get(url("poster-pdf", day_services))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="round-{day_services.pk}-poster.pdf"'
    assert response.content.startswith(b"%PDF")
    pdf = read_pdf(response.content)
    assert "Day services 2026" in pdf.words
    assert "Riverside Council" in pdf.words
    assert participant_url(day_services) in pdf.words.replace(" ", "")
    assert day_services.link_code in pdf.words, "the code to type is never broken across lines"
    assert "Back to the round" not in pdf.words
    assert len(pdf.pages) == 1
    assert pdf.a4
    assert pdf.title == "Poster: Day services 2026"
    assert pdf.tagged


def test_poster_pdf_still_fits_one_sheet_with_the_longest_names(client_for, fran, riverside, day_services):
    riverside.name = ("Riverside and Hillside Adult Social Care and Wellbeing Partnership " * 4)[:200].strip()
    riverside.save()
    title = ("Day services for older people across the borough " * 5)[:200].strip()
    services.update_round(day_services, title=title, anonymous=False, closes_on=CLOSES_ON)
    pdf = client_for(fran).get(url("poster-pdf", day_services)).content
    poster = read_pdf(pdf)
    assert len(poster.pages) == 1
    assert participant_url(day_services) in poster.words.replace(" ", "")


# --- Invitations: the form ---------------------------------------------------------------------


def test_invitation_form_asks_for_addresses_and_a_message(client_for, fran, day_services):
    services.set_status(day_services, RoundStatus.OPEN)
    content = client_for(fran).get(url("invite", day_services)).content.decode()
    hint = "One per line, or separated by commas. We send each person the link. Addresses are used only to send it and are never kept with anyone’s answers."
    assert "Email addresses" in content and hint in content
    assert 'name="message"' in content and 'maxlength="' not in content
    assert "People cannot take part" not in content


@pytest.mark.parametrize(
    ("status", "warning"),
    [
        (RoundStatus.DRAFT, "This round is still a draft. People cannot take part until you open it."),
        (RoundStatus.CLOSED, "This round is closed. People cannot take part until you open it again."),
    ],
)
def test_invitation_form_warns_when_people_cannot_take_part_yet(client_for, fran, day_services, status, warning):
    day_services.status = status
    day_services.save()
    content = client_for(fran).get(url("invite", day_services)).content.decode()
    assert warning in content
    assert "govuk-warning-text" in content


def test_bad_addresses_are_named_and_everything_typed_is_kept(client_for, fran, day_services):
    typed = "good@example.org\nnot-an-address, also@bad\nJo Bloggs <jo@example.org>"
    response = client_for(fran).post(url("invite", day_services), {"addresses": typed, "message": "See you there"})

    assert response.status_code == 200
    content = response.content.decode()
    error = "Check these addresses: not-an-address, also@bad (each should look like name@example.com)"
    summary = content.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert f'<a href="#id_addresses">{error}</a>' in summary
    hidden = '<span class="govuk-visually-hidden">Error:</span>'
    assert f'<p id="id_addresses_error" class="govuk-error-message">{hidden} {error}</p>' in content
    assert "good@example.org\nnot-an-address, also@bad\nJo Bloggs &lt;jo@example.org&gt;</textarea>" in content
    assert "See you there</textarea>" in content
    textarea = re.search(r'<textarea name="addresses"[^>]*>', content).group(0)
    assert 'aria-describedby="id_addresses_helptext id_addresses_error"' in textarea  # read out with the field
    assert "<title>Error: " in content
    assert DBTaskResult.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"addresses": ""}, "Enter at least one email address"),
        ({"addresses": " , ;\n"}, "Enter at least one email address"),
        ({"addresses": "x@example.org", "message": "a" * 1001}, "Your message must be 1,000 characters or fewer"),
        (
            {"addresses": "\n".join(f"person{n}@example.org" for n in range(501))},
            "You can send up to 500 invitations at once. You entered 501: send them in smaller groups.",
        ),
    ],
)
def test_invitation_form_errors(client_for, fran, day_services, data, error):
    response = client_for(fran).post(url("invite", day_services), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert DBTaskResult.objects.count() == 0


def test_addresses_are_split_every_way_people_type_them_and_bad_ones_named():
    parsed = sharing.parse_addresses(
        "a@example.org, B@example.org;c@example.org\n\n d@example.org e@example.org\r\n"
        "Jo Bloggs <jo@example.org>\nA@EXAMPLE.ORG, b@example.org"
    )
    expected = "a@example.org B@example.org c@example.org d@example.org e@example.org jo@example.org"
    assert parsed.addresses == expected.split()
    assert parsed.bad == []
    message = sharing.bad_addresses_message([f"bad{n}" for n in range(13)])
    assert message.startswith("Check these addresses: bad0, bad1,")
    assert "bad9 and 3 more (each" in message and "bad10" not in message
    assert sharing.bad_addresses_message(["oops"]).startswith("Check this address: oops (it should")


def test_exactly_500_addresses_after_removing_duplicates_is_allowed(client_for, fran, day_services):
    addresses = [f"person{n}@example.org" for n in range(500)]
    typed = "\n".join(addresses + [address.upper() for address in addresses[:20]])
    response = client_for(fran).post(url("invite", day_services), {"addresses": typed})
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 500


# --- Invitations: queueing and sending ----------------------------------------------------------

ADDRESSES = ["ann@example.org", "ben@example.net", "cat@example.com"]


def test_sending_queues_one_task_per_address_and_says_how_many(client_for, fran, day_services):
    typed = "ann@example.org, ben@example.net\ncat@example.com\nANN@example.org"
    response = client_for(fran).post(url("invite", day_services), {"addresses": typed, "message": ""})

    assert response.status_code == 302
    assert response["Location"] == url("detail", day_services)
    assert sorted(row.args_kwargs["kwargs"]["address"] for row in DBTaskResult.objects.all()) == sorted(ADDRESSES)
    assert mail.outbox == [], "nothing is sent until the worker runs"
    assert [str(message) for message in response.wsgi_request._messages] == ["Invitations are being sent to 3 people."]


@pytest.mark.django_db(transaction=True)  # the worker closes the database connection between tasks
def test_the_worker_sends_one_email_to_each_person_alone(client_for, fran, day_services, settings):
    settings.DEFAULT_FROM_EMAIL = "Coreflect <invitations@coreflect.example>"
    services.set_status(day_services, RoundStatus.OPEN)
    client_for(fran).post(
        url("invite", day_services), {"addresses": ", ".join(ADDRESSES), "message": "We really want to hear from you."}
    )

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert sorted(email.to[0] for email in mail.outbox) == sorted(ADDRESSES)
    for email in mail.outbox:
        assert len(email.to) == 1 and email.cc == [] and email.bcc == []
        assert email.from_email == "Coreflect <invitations@coreflect.example>"
        assert email.subject == "Riverside Council would like to hear from you: Day services 2026"
        others = [address for address in ADDRESSES if address != email.to[0]]
        assert not any(other in email.body or other in email.subject for other in others)
        assert participant_url(day_services) in email.body
        assert "Day services 2026" in email.body and "Riverside Council" in email.body
        assert "We really want to hear from you." in email.body
        assert "Your answers are anonymous: you do not need to give your name." in email.body
        assert "your address is not kept with your answers" in email.body
        assert "Please take part by" not in email.body
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3


def test_with_the_immediate_backend_the_emails_go_at_once(client_for, fran, day_services, settings):
    settings.TASKS = IMMEDIATE
    services.update_round(day_services, anonymous=False, closes_on=CLOSES_ON)
    response = client_for(fran).post(url("invite", day_services), {"addresses": "ann@example.org"})

    assert response.status_code == 302
    assert [str(message) for message in response.wsgi_request._messages] == ["An invitation is being sent to 1 person."]
    (email,) = mail.outbox
    assert f"Please take part by {written(CLOSES_ON)}." in email.body
    assert "We will ask for your name when you take part." in email.body
    assert "A message from" not in email.body


def test_a_title_cannot_add_lines_to_the_subject_and_a_deleted_round_sends_nothing(day_services):
    kwargs = {"round_id": day_services.pk, "address": "ann@example.org", "message": "", "participant_url": "http://x/"}
    services.update_round(day_services, title="Day services\nBcc: everyone@example.org")
    assert send_round_invitation.call(language="en-gb", **kwargs) is True
    assert mail.outbox[0].subject.endswith("from you: Day services Bcc: everyone@example.org")
    assert mail.outbox[0].bcc == []
    day_services.delete()
    assert send_round_invitation.call(language="en-gb", **kwargs) is False
    assert len(mail.outbox) == 1


def test_addresses_are_stored_in_no_coreflect_table(client_for, fran, day_services, settings):
    settings.TASKS = IMMEDIATE
    client_for(fran).post(url("invite", day_services), {"addresses": "\n".join(ADDRESSES), "message": "Hello"})
    assert len(mail.outbox) == 3

    assert Participant.objects.count() == 0
    for model in apps.get_models():
        if not model.__module__.startswith("coreflect."):
            continue
        stored = serializers.serialize("json", model._default_manager.all())
        assert not any(address in stored for address in ADDRESSES), f"an invited address is stored in {model.__name__}"


# --- Queries -----------------------------------------------------------------------------------


def test_pages_run_a_fixed_number_of_queries(client_for, fran, day_services, django_assert_max_num_queries):
    client = client_for(fran)
    client.get(url("invite", day_services))  # the first visit saves the chosen organisation in the session
    for name in ["poster", "poster-pdf", "qr", "invite"]:
        # The session, the person, their memberships and the round with its organisation and framework.
        with django_assert_max_num_queries(5):
            assert client.get(url(name, day_services)).status_code == 200


def test_sending_costs_one_query_per_invitation(client_for, fran, day_services, django_assert_max_num_queries):
    client = client_for(fran)
    client.get(url("invite", day_services))
    addresses = [f"person{n}@example.org" for n in range(40)]
    # As a page (5), plus saving the success message in the session, plus one row per queued email.
    with django_assert_max_num_queries(8 + len(addresses)):
        assert client.post(url("invite", day_services), {"addresses": "\n".join(addresses)}).status_code == 302
