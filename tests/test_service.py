"""Service-wide pages: start page, health check, policies, error pages."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from tests.conftest import TOTP_SECRET


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Reflect on co-production, together"),
        ("/accessibility/", "Accessibility statement for Coreflect"),
        ("/privacy/", "Privacy notice"),
        ("/cookies/", "Cookies"),
    ],
)
def test_public_pages_are_open_to_everyone(client, db, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert heading in page
    assert 'href="#main-content"' in page  # skip link
    assert "govuk-phase-banner" in page and "feedback" in page
    for footer_link in ("/accessibility/", "/privacy/", "/cookies/"):
        assert f'href="{footer_link}"' in page


def test_signed_in_people_go_from_the_start_page_to_their_dashboard(client_for, alice):
    assert client_for(alice).get("/")["Location"] == reverse("organisations:dashboard")


def test_unknown_page_gets_the_service_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_wrong_role_gets_the_service_403(client_for, bob):
    response = client_for(bob).get(reverse("organisations:members"))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_server_error_page_in_the_service_style(db, settings):
    settings.ROOT_URLCONF = "tests.broken_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "Coreflect" in page


def test_pages_carry_security_headers(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_operations_admin_is_for_coreflect_staff_only(client_for, alice, db):
    response = client_for(alice).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = type(alice).objects.create_user(email="ops@coreflect.example", name="Ops", is_staff=True, is_superuser=True)
    assert client_for(staff).get("/admin/")["Location"] == "/account/mfa/"  # staff must use MFA first
    TOTP.activate(staff, TOTP_SECRET)
    assert client_for(staff).get("/admin/").status_code == 200
